//! `lectern export`: its arguments, the progress bar on a terminal and the closing line
//! naming the files written (the command line's other commands are in `main.rs`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::{EXIT_PROBLEMS, deck_source, report_refused};

#[derive(Args)]
pub struct ExportArgs {
    /// The deck file (.ron); without it, the bundled chairmanship deck.
    deck: Option<PathBuf>,
    /// The PDF file to write, or the folder for PNG pictures (created if missing).
    #[arg(long, short, value_name = "PATH")]
    output: PathBuf,
    /// `pdf`, or `png` for one picture per page; by default the output's extension decides.
    #[arg(long, value_enum)]
    format: Option<ExportFormat>,
    /// The language to export (a code the deck declares), or `all` for a file (or folder)
    /// per language; without it, the deck's first language.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// A page per reveal step, as handouts of incremental slides need (default: each slide
    /// complete).
    #[arg(long)]
    steps: bool,
    /// A page per slide with the slide above and its speaker notes below.
    #[arg(long)]
    notes: bool,
    /// Include hidden slides.
    #[arg(long)]
    hidden: bool,
    /// Whose slides: the lecture's (as `present` shows them) or the exhibit's (as
    /// `exhibit` does); a slide without `room` is in both.
    #[arg(long, value_enum, default_value_t = RoomArg::Lecture)]
    room: RoomArg,
    /// Size of PNG pictures, WIDTHxHEIGHT in pixels (the slide keeps its shape within it).
    #[arg(long, value_name = "WxH", default_value = "1920x1080", value_parser = parse_size)]
    size: [u32; 2],
    /// Keep every picture at its own resolution, JPEG photos unchanged, for print (default:
    /// at most 216 dpi of the box each fills, re-encoded as JPEG where larger).
    #[arg(long)]
    full_resolution: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RoomArg {
    Lecture,
    Exhibit,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Pdf,
    Png,
}

fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let parsed = text.split_once(['x', 'X']).and_then(|(w, h)| Some([w.trim().parse().ok()?, h.trim().parse().ok()?]));
    match parsed {
        Some([w, h]) if (1..=16384).contains(&w) && (1..=16384).contains(&h) => Ok([w, h]),
        _ => Err(format!("`{text}` is not a size like 1920x1080 (each side 1 to 16384 pixels)")),
    }
}

pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    use lectern::export::{ExportError, ExportOptions, Format as Out, Languages};
    let png = match args.format {
        Some(format) => format == ExportFormat::Png,
        None => args.output.extension().is_none_or(|e| !e.eq_ignore_ascii_case("pdf")),
    };
    let languages = match args.lang.as_deref() {
        None => Languages::Default,
        Some("all") => Languages::All,
        Some(code) => Languages::One(code.to_owned()),
    };
    let source = deck_source(args.deck.as_deref());
    // With -q only errors are said: no progress, warnings or closing line.
    let chatty = log::max_level() >= log::LevelFilter::Warn;
    // Pages as they are finished, on a terminal only.
    let progress_bar = (std::io::IsTerminal::is_terminal(&std::io::stderr()) && chatty).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}") {
            bar.set_style(style);
        }
        bar
    });
    let options = ExportOptions {
        output: args.output.clone(),
        format: if png { Out::Png } else { Out::Pdf },
        languages,
        steps: args.steps,
        notes: args.notes,
        hidden: args.hidden,
        room: match args.room {
            RoomArg::Lecture => lectern::deck::Room::Lecture,
            RoomArg::Exhibit => lectern::deck::Room::Exhibit,
        },
        png_size: args.size,
        resolution: if args.full_resolution {
            lectern::export::Resolution::Full
        } else {
            lectern::export::Resolution::Handout
        },
        progress: progress_bar.clone().map(|bar| {
            lectern::export::Progress(Arc::new(move |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }))
        }),
    };
    let result = lectern::export::export(&source, &options);
    if let Some(bar) = progress_bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(exported) => {
            if chatty {
                eprint!("{}", exported.warnings);
                for note in &exported.notes {
                    eprintln!("lectern: note: {note}");
                }
            }
            for (path, reason) in &exported.left_out {
                eprintln!("lectern: image {} cannot be exported: {reason}; its pages have none", path.display());
            }
            if chatty {
                eprintln!("{}", written_line(exported.pages, &exported.files, png));
            }
            Ok(ExitCode::from(if exported.left_out.is_empty() { 0 } else { EXIT_PROBLEMS }))
        }
        Err(ExportError::Deck(refused)) => Ok(report_refused(&refused)),
        Err(other) => Err(other.into()),
    }
}

/// The export's closing line: the pages and the files really written (PDFs by name; PNG
/// pictures by their folders, which hold many).
fn written_line(pages: usize, files: &[PathBuf], png: bool) -> String {
    let mut named: Vec<String> = if png {
        files.iter().filter_map(|f| f.parent()).map(|folder| format!("{}/", folder.display())).collect()
    } else {
        files.iter().map(|f| f.display().to_string()).collect()
    };
    named.dedup();
    let what = if png { "picture" } else { "document" };
    format!("wrote {pages} page(s) in {} {what}(s): {}", files.len(), named.join(", "))
}
