//! `lectern export`: a deck as a PDF document (handouts, a conference's copy, print) or as
//! PNG pictures, painted from the same display lists the window paints, laid out with the
//! same fonts and measurer, so a page is the slide as the room saw it.
//!
//! [`pages`] decides which pages there are; [`pdf`] paints display lists into a tagged PDF
//! (text as text, fonts embedded, SVG as vectors); [`png`] rasterises that PDF's pages.
//! A deck with errors is refused with `check`'s diagnostics; a picture that cannot be read
//! is named and left out, and the rest exports.

mod fonts;
mod pack;
pub mod pages;
mod pdf;
mod pictures;
mod png;
mod tags;
mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use emath::{Rect, pos2, vec2};

use crate::deck::text::parse_markup;
use crate::deck::{Deck, Lang, Room};
use crate::fonts::measure::HeadlessMeasurer;
use crate::layout::{DisplayItem, SlideLayout, TextRole, TextRun, layout_slide};
use crate::session::{DeckSource, Refused, language_or_refuse};
use pdf::{DocumentInfo, PdfWriter, Placed};
use pictures::Pictures;
pub use pictures::Resolution;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Png,
}

/// Which languages: the deck's first, one by code, or each into a file of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Languages {
    Default,
    One(String),
    All,
}

#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The PDF file, or the folder PNG pictures go into.
    pub output: PathBuf,
    pub format: Format,
    pub languages: Languages,
    /// A page per reveal step instead of the complete slide.
    pub steps: bool,
    /// A page per slide with the slide above and its speaker notes below.
    pub notes: bool,
    /// Hidden slides too.
    pub hidden: bool,
    /// Whose slides: a deck's slides kept for the other room are left out.
    pub room: Room,
    /// The largest PNG picture in pixels, width and height: each page keeps its shape within it.
    pub png_size: [u32; 2],
    /// How much detail raster pictures keep.
    pub resolution: Resolution,
    /// Told how far the export is: pages done and pages in all (the terminal's progress
    /// bar; nothing when not a terminal).
    pub progress: Option<Progress>,
}

/// Called with the pages done and the pages in all, as pages are finished.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The deck cannot be exported: its diagnostics go to the terminal before the message.
    #[error("{}", .0.message)]
    Deck(Refused),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot make the PDF: {0}")]
    Pdf(String),
    #[error("cannot draw the pages as PNG: {0}")]
    Png(String),
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    pub files: Vec<PathBuf>,
    pub pages: usize,
    /// Pictures that could not be read or decoded, each with the reason; their pages were
    /// written without them.
    pub left_out: Vec<(PathBuf, String)>,
    /// The deck's warnings, rendered as `check` renders them.
    pub warnings: String,
    /// What else the user should know (a document written without the PDF/UA claim).
    pub notes: Vec<String>,
}

const NOTHING_WRITTEN: &str = "nothing was exported";

/// The bookmark of a slide without a title: its number and the first words it shows (a
/// quote's opening, say), so the outline is a list someone can choose from.
fn untitled_bookmark(number: usize, layout: &SlideLayout) -> String {
    const WORDS: usize = 8;
    let first = layout.items.iter().find_map(|item| match item {
        // Words, not a decoration such as a quote's large quotation mark.
        DisplayItem::Text { run, .. } => Some(run.plain_text()).filter(|text| text.chars().any(char::is_alphanumeric)),
        _ => None,
    });
    let Some(text) = first else { return format!("Slide {number}") };
    let words: Vec<&str> = text.split_whitespace().collect();
    let more = if words.len() > WORDS { "…" } else { "" };
    format!("Slide {number}: {}{more}", words[..words.len().min(WORDS)].join(" "))
}

/// Exports the deck of `source` as `options` say.
pub fn export(source: &DeckSource, options: &ExportOptions) -> Result<Exported, ExportError> {
    let loaded = source.load_or_refuse(NOTHING_WRITTEN).map_err(ExportError::Deck)?;
    let deck = &Deck::in_room(std::sync::Arc::clone(&loaded.deck), options.room);
    let languages = languages(deck, &options.languages)?;
    let assets = source.assets();
    let measurer = HeadlessMeasurer::new(deck);
    let mut exported = Exported { warnings: loaded.warnings.render(), ..Exported::default() };
    let plan = pages::plan(deck, options.steps, options.hidden);
    let mut pictures = Pictures::new(options.resolution);
    let total = plan.len() * languages.len();
    let report = |done: usize| {
        if let Some(progress) = &options.progress {
            (progress.0)(done.min(total), total);
        }
    };
    report(0);
    for (nth, &lang) in languages.iter().enumerate() {
        let suffix = (languages.len() > 1).then(|| deck.languages[lang.index()].as_str());
        // Each slide is laid out once (its reveal steps are parts of one layout).
        let mut layouts: HashMap<usize, SlideLayout> = HashMap::new();
        for page in &plan {
            layouts.entry(page.slide).or_insert_with(|| layout_slide(deck, &deck.slides[page.slide], lang, &measurer));
        }
        pictures.prepare(assets.as_ref(), layouts.values().flat_map(|layout| &layout.items));
        let mut render = |accessible: bool| {
            let mut writer = document(deck, lang, &measurer, assets.as_ref(), &mut pictures, accessible);
            writer.set_slide_pages(slide_pages(deck, &plan));
            for page in &plan {
                draw_page(&mut writer, deck, lang, &measurer, *page, &layouts[&page.slide], options.notes);
            }
            let (pages, left_out) = (writer.pages(), std::mem::take(&mut writer.left_out));
            (writer.finish(), pages, left_out)
        };
        // PDF/UA-1 is checked as the file is written; a deck it cannot pass (a deck font
        // whose licence forbids embedding, say) is written as a tagged PDF without the claim.
        let (result, pages, left_out) = match render(true) {
            (Err(reason), ..) => {
                exported
                    .notes
                    .push(format!("not written as PDF/UA-1 ({reason}); the document is tagged but makes no claim"));
                render(false)
            }
            done => done,
        };
        exported.pages += pages;
        for (path, reason) in left_out {
            if !exported.left_out.iter().any(|(p, _)| *p == path) {
                exported.left_out.push((path, reason));
            }
        }
        let bytes = result.map_err(ExportError::Pdf)?;
        match options.format {
            Format::Pdf => {
                let path = with_language(&options.output, suffix);
                write(&path, &bytes)?;
                exported.files.push(path);
                report((nth + 1) * plan.len());
            }
            Format::Png => {
                let dir = suffix.map_or_else(|| options.output.clone(), |code| options.output.join(code));
                std::fs::create_dir_all(&dir).map_err(|source| ExportError::Write { path: dir.clone(), source })?;
                let names = png_names(&plan, options.notes);
                let written = png::pages(bytes, options.png_size, |index, png| {
                    let Some(name) = names.get(index) else { return Ok(()) };
                    let path = dir.join(name);
                    write(&path, &png)?;
                    exported.files.push(path);
                    report(nth * plan.len() + index + 1);
                    Ok(())
                });
                match written {
                    Ok(()) => {}
                    Err(png::PngError::Render(reason)) => return Err(ExportError::Png(reason)),
                    Err(png::PngError::Page(err)) => return Err(err),
                }
            }
        }
    }
    Ok(exported)
}

fn languages(deck: &Deck, wanted: &Languages) -> Result<Vec<Lang>, ExportError> {
    match wanted {
        Languages::Default => Ok(vec![Lang::DEFAULT]),
        Languages::All => Ok((0..deck.languages.len()).map(Lang::from_index).collect()),
        Languages::One(code) => {
            language_or_refuse(deck, code, NOTHING_WRITTEN).map(|lang| vec![lang]).map_err(ExportError::Deck)
        }
    }
}

fn document<'a>(
    deck: &Deck,
    lang: Lang,
    measurer: &'a HeadlessMeasurer,
    assets: &'a dyn crate::deck::AssetSource,
    pictures: &'a mut Pictures,
    accessible: bool,
) -> PdfWriter<'a> {
    let info = DocumentInfo {
        title: crate::deck::text::plain_text(deck.title.get(lang)),
        author: deck.author.as_ref().map(|a| crate::deck::text::plain_text(a.get(lang))),
        language: deck.languages[lang.index()].clone(),
    };
    PdfWriter::new(&info, measurer, assets, pictures, accessible)
}

/// The page each slide with an id starts on, for links to slides.
fn slide_pages(deck: &Deck, plan: &[pages::Page]) -> HashMap<String, usize> {
    let mut pages = HashMap::new();
    for (index, page) in plan.iter().enumerate() {
        if let Some(id) = &deck.slides[page.slide].id {
            pages.entry(id.clone()).or_insert(index);
        }
    }
    pages
}

/// `talk.pdf` for one language, `talk.kk.pdf` when each language gets a file.
fn with_language(path: &Path, code: Option<&str>) -> PathBuf {
    let Some(code) = code else { return path.to_owned() };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "pdf".into());
    path.with_file_name(format!("{stem}.{code}.{extension}"))
}

/// File names of the PNG pages: `slide-03.png`, `slide-03-step-1.png`, `slide-03-notes.png`.
fn png_names(plan: &[pages::Page], notes: bool) -> Vec<String> {
    plan.iter()
        .map(|page| {
            let step = page.step.map(|s| format!("-step-{s}")).unwrap_or_default();
            let notes = if notes { "-notes" } else { "" };
            format!("slide-{:02}{step}{notes}.png", page.slide + 1)
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    std::fs::write(path, bytes).map_err(|source| ExportError::Write { path: path.to_owned(), source })
}

/// A notes page is portrait (1 : √2, as paper is); the slide sits at the top.
const NOTES_MARGIN: f32 = 120.0;
const NOTES_SIZE: f32 = 40.0;
const NOTES_MIN_SIZE: f32 = 20.0;

fn draw_page(
    writer: &mut PdfWriter<'_>,
    deck: &Deck,
    lang: Lang,
    measurer: &HeadlessMeasurer,
    page: pages::Page,
    layout: &SlideLayout,
    notes: bool,
) {
    let slide = &deck.slides[page.slide];
    let bookmark = (page.step.unwrap_or(0) == 0).then(|| {
        let title = slide.content.title().map(|t| crate::deck::text::plain_text(t.get(lang)));
        title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| untitled_bookmark(page.slide + 1, layout))
    });
    let items: Vec<&DisplayItem> = layout.visible(page.step).collect();
    let canvas = deck.canvas;
    if !notes {
        let placed = Placed { items, origin: pos2(0.0, 0.0), scale: 1.0, clip: None };
        writer.page(canvas, &[placed], bookmark);
        return;
    }
    let size = vec2(canvas.x, canvas.x * std::f32::consts::SQRT_2);
    let scale = (canvas.x - 2.0 * NOTES_MARGIN) / canvas.x;
    let slide_rect = Rect::from_min_size(pos2(NOTES_MARGIN, NOTES_MARGIN), canvas * scale);
    let frame = DisplayItem::Rect { rect: slide_rect.expand(3.0), color: deck.theme.muted, corner_radius: 0.0 };
    let top = slide_rect.bottom() + NOTES_MARGIN * 0.6;
    let area = Rect::from_min_max(pos2(NOTES_MARGIN, top), pos2(size.x - NOTES_MARGIN, size.y - NOTES_MARGIN));
    let text = slide.notes.as_ref().map(|n| n.get(lang)).unwrap_or("");
    let notes_item = notes_text(text, area, measurer, deck.theme.text);
    let pieces = [
        Placed { items: vec![&frame], origin: pos2(0.0, 0.0), scale: 1.0, clip: None },
        Placed { items, origin: slide_rect.min, scale, clip: Some(slide_rect) },
        Placed { items: notes_item.iter().collect(), origin: pos2(0.0, 0.0), scale: 1.0, clip: None },
    ];
    writer.page(size, &pieces, bookmark);
}

/// The speaker notes as one text item in `area`, shrunk until they fit (never below
/// [`NOTES_MIN_SIZE`]).
fn notes_text(notes: &str, area: Rect, measurer: &HeadlessMeasurer, color: ecolor::Color32) -> Option<DisplayItem> {
    use crate::layout::TextMeasurer as _;
    if notes.trim().is_empty() {
        return None;
    }
    let mut run = TextRun {
        spans: parse_markup(notes),
        size: NOTES_SIZE,
        bold: false,
        italic: false,
        mono: false,
        color,
        accent: color,
        align: emath::Align::Min,
        truncated: false,
        role: TextRole::Paragraph,
    };
    let mut height = measurer.measure(&run, area.width()).y;
    while height > area.height() && run.size > NOTES_MIN_SIZE {
        run.size = (run.size * 0.94).max(NOTES_MIN_SIZE);
        height = measurer.measure(&run, area.width()).y;
    }
    let overflow = height > area.height();
    Some(DisplayItem::Text {
        rect: Rect::from_min_size(area.min, vec2(area.width(), height)),
        run,
        shrunk: false,
        overflow,
    })
}
