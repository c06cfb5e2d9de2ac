//! The `lectern` command line. Errors that stop a command are reported here, once, as one
//! line; exit status 0 is success, 1 means the deck has problems, 2 means bad usage or a
//! file that cannot be read.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

use lectern::app::AppOptions;
use lectern::check::JsonDeck;
use lectern::deck::{DiskAssets, LoadError};
use lectern::exhibit::run::{RunError, RunOptions};
use lectern::session::DeckSource;

// The binary's own modules live in src/cli/ (src/export/ is the library's).
#[path = "cli/export.rs"]
mod export_command;
use export_command::{ExportArgs, export};

#[derive(Parser)]
#[command(name = "lectern", version = env!("LECTERN_LONG_VERSION"), about = "Present slide decks written in RON.")]
#[command(args_conflicts_with_subcommands = true)]
#[command(
    after_help = "With no command, `lectern [DECK]` is `lectern present [DECK]`.\nPress ? in the window for the keys."
)]
struct Cli {
    /// Show more of what Lectern does (-v: debug lines, -vv: trace); `RUST_LOG=debug` too.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Show only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    present: PresentArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Present a deck in a window (the default command).
    Present(PresentArgs),
    /// Check decks for problems without opening a window.
    Check(CheckArgs),
    /// Create a ready-to-edit deck folder (refuses to overwrite anything).
    New(NewArgs),
    /// Run a deck unattended: fullscreen, looping, visitors may browse it; restarted if it
    /// ever dies. Hold Ctrl+Shift+Q for 2 s (or send SIGTERM) to end it.
    Exhibit(ExhibitArgs),
    /// Write the deck as a PDF (text as text, fonts embedded, tagged for screen readers, a
    /// bookmark per slide) or as one PNG per slide, drawn as the window draws it.
    Export(ExportArgs),
    /// Serve an editor over stdin/stdout as a Language Server: the checks of `check` as you
    /// type, completion, hover, go to definition, the outline and quick fixes.
    Lsp,
    /// Write the man pages and the bash, zsh and fish completions into DIR (for packages).
    #[command(hide = true)]
    PackageFiles { dir: PathBuf },
}

#[derive(Args)]
struct ExhibitArgs {
    /// The deck file (.ron); without it, the bundled chairmanship deck.
    deck: Option<PathBuf>,
    /// Show it on this monitor (0 is the first, in the system's order).
    #[arg(long, value_name = "N")]
    monitor: Option<usize>,
    /// Also write the log to this file (timestamped lines; rotated by size, 3 old files kept).
    #[arg(long, value_name = "FILE")]
    log_file: Option<PathBuf>,
    /// Rotate the log file when it reaches this size.
    #[arg(long, value_name = "MIB", default_value_t = lectern::exhibit::log::DEFAULT_MAX_BYTES >> 20)]
    log_max_mib: u64,
    /// Show every slide this many seconds, instead of the deck's durations.
    #[arg(long, value_name = "SECONDS")]
    dwell: Option<f64>,
    /// Make transitions take this many seconds, instead of the deck's setting.
    #[arg(long, value_name = "SECONDS")]
    transition_seconds: Option<f64>,
    /// With the deck's `exhibit: (sync: Clock)`: run this many seconds ahead of the other
    /// screens (to stagger screens on purpose; negative runs behind).
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0, allow_negative_numbers = true)]
    offset: f64,
    /// Loop in this language (a code the deck declares, such as `kk`) and return to it when
    /// visitors leave; without it, the deck's first language.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Texture memory for images, in MiB; slides far from the current one are released first.
    #[arg(long, value_name = "MIB", default_value_t = lectern::exhibit::DEFAULT_IMAGE_BUDGET_BYTES >> 20)]
    image_memory: u64,
    /// Run the show in this process, without a supervisor that restarts it.
    #[arg(long)]
    no_supervisor: bool,
    /// In a window instead of fullscreen (for trying a deck out).
    #[arg(long)]
    windowed: bool,
    /// The show itself, started by the supervising parent.
    #[arg(long, hide = true)]
    child: bool,
    /// Print a line per frame to stderr, for the measurement scripts.
    #[arg(long, hide = true)]
    log_frames: bool,
    /// Show control, as when presenting (the deck's `exhibit: (control: …)` fills in what
    /// is not given here). The remote cannot end the show.
    #[command(flatten)]
    control: ControlArgs,
}

#[derive(Args)]
struct NewArgs {
    /// The folder to create the deck in; created if missing.
    dir: PathBuf,
}

#[derive(Args)]
struct PresentArgs {
    /// The deck file (.ron). Without it, the bundled deck about Kazakhstan's 2010 OSCE
    /// chairmanship is shown.
    deck: Option<PathBuf>,
    /// Start in fullscreen.
    #[arg(long, short)]
    fullscreen: bool,
    /// Change slides at once, without the deck's transition.
    #[arg(long)]
    no_transitions: bool,
    /// Open the presenter console (a second window: current and next slide, notes, timer);
    /// S opens and closes it while presenting.
    #[arg(long)]
    console: bool,
    /// Planned length of the talk in minutes: the console shows the time left and the pace.
    #[arg(long, value_name = "MINUTES")]
    talk: Option<f64>,
    /// Show the audience window fullscreen on this monitor (0 is the first, in the system's
    /// order). With --console-monitor, X swaps the two. `--monitor N` is the same, as in
    /// `lectern exhibit`.
    #[arg(long, value_name = "N", visible_alias = "monitor")]
    audience_monitor: Option<usize>,
    /// Show the presenter console fullscreen on this monitor.
    #[arg(long, value_name = "N")]
    console_monitor: Option<usize>,
    /// Open in this language (a code the deck declares, such as `kk`) instead of its first;
    /// L changes it while presenting.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Open on this slide number (as the counter shows it) instead of the first.
    #[arg(long, value_name = "N")]
    slide: Option<usize>,
    /// Texture memory for images, in MiB; the least recently shown go first when it is full.
    #[arg(long, value_name = "MIB", default_value_t = lectern::media::DEFAULT_BUDGET_BYTES >> 20)]
    image_memory: u64,
    #[command(flatten)]
    control: ControlArgs,
    /// Exit after the first frame that shows the slide complete, text and images (for
    /// timing a launch: scripts/first-frame.sh).
    #[arg(long, hide = true)]
    exit_after_first_frame: bool,
    /// Print a line per frame to stderr (slide, images not yet ready), for the benchmark
    /// scripts.
    #[arg(long, hide = true)]
    log_frames: bool,
}

/// Show control, for presenting and for exhibits.
#[derive(Args)]
struct ControlArgs {
    /// Let an AV desk, a script or a monitoring system drive and watch the show over HTTP at
    /// this address (e.g. 127.0.0.1:7300): GET /v1/status, POST /v1/next, /v1/previous,
    /// /v1/goto, /v1/language, /v1/blank, /v1/reload. Nothing listens without it.
    #[arg(long, value_name = "ADDRESS")]
    control: Option<std::net::SocketAddr>,
    /// Receive OSC show control (UDP) at this address (e.g. 127.0.0.1:7301): /lectern/next,
    /// /lectern/previous, /lectern/goto i|s, /lectern/language s, /lectern/blank.
    #[arg(long, value_name = "ADDRESS")]
    osc: Option<std::net::SocketAddr>,
    /// The token every control request must carry (`Authorization: Bearer TOKEN`); required
    /// when --control listens beyond this machine. `@FILE` reads it from a file.
    #[arg(long, value_name = "TOKEN")]
    control_token: Option<String>,
}

impl ControlArgs {
    fn options(&self) -> anyhow::Result<lectern::control::ControlOptions> {
        let options =
            lectern::control::ControlOptions::from_args(self.control, self.osc, self.control_token.as_deref())?;
        Ok(options)
    }
}

#[derive(Args)]
struct CheckArgs {
    /// Deck files to check.
    #[arg(required = true)]
    decks: Vec<PathBuf>,
    /// Output format: `human` (file:line:col, the line and a caret) or `json` (for editor
    /// plugins and CI: one document listing every deck and diagnostic).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

const EXIT_PROBLEMS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    lectern::platform::memory::return_large_buffers_promptly();
    // This binary is also the worker process pictures are decoded in (media::sandbox).
    if std::env::args_os().nth(1).is_some_and(|arg| arg == lectern::media::sandbox::WORKER_ARG) {
        return match lectern::media::sandbox::worker_main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(EXIT_PROBLEMS),
        };
    }
    if let Some(binary) = lectern::platform::limits::own_binary() {
        lectern::media::sandbox::enable(binary);
    }
    if let Some(code) = mistyped_subcommand(&std::env::args_os().collect::<Vec<_>>()) {
        return code;
    }
    let cli = Cli::parse_from(verbosity_after_subcommand(std::env::args_os().collect()));
    let rust_log = std::env::var("RUST_LOG").ok();
    lectern::logging::set_level(lectern::logging::level_from(cli.verbose, cli.quiet, rust_log.as_deref()));
    // The exhibit installs a logger of its own (its rotating file); every other command
    // logs to stderr.
    if !matches!(cli.command, Some(Command::Exhibit(_))) {
        lectern::logging::install(lectern::logging::Output::Stderr);
    }
    let result = match cli.command {
        Some(Command::Check(args)) => Ok(check(&args)),
        Some(Command::Present(args)) => present(args),
        Some(Command::New(args)) => new_deck(&args),
        Some(Command::Exhibit(args)) => exhibit(&args),
        Some(Command::Export(args)) => export(&args),
        Some(Command::PackageFiles { dir }) => package_files(&dir),
        Some(Command::Lsp) => lectern::lsp::run()
            .map(|clean| if clean { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) })
            .map_err(anyhow::Error::from),
        None => present(cli.present),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("lectern: error: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Man pages (`lectern(1)` and one per command) and shell completions, generated from the
/// command line's own definition, so they never disagree with `--help`.
fn package_files(dir: &Path) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory as _;
    let mut cli = Cli::command();
    let (man, completions) = (dir.join("man"), dir.join("completions"));
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&completions)?;
    let pages = std::iter::once(("lectern".to_owned(), cli.clone())).chain(
        cli.get_subcommands()
            .filter(|command| !command.is_hide_set())
            .map(|command| (format!("lectern-{}", command.get_name()), command.clone())),
    );
    for (name, command) in pages {
        let mut page = Vec::new();
        // clap names are `'static`; this runs once, so the few names are leaked.
        let static_name: &'static str = Box::leak(name.clone().into_boxed_str());
        clap_mangen::Man::new(command.name(static_name)).render(&mut page)?;
        std::fs::write(man.join(format!("{name}.1")), page)?;
    }
    for shell in [clap_complete::Shell::Bash, clap_complete::Shell::Zsh, clap_complete::Shell::Fish] {
        clap_complete::generate_to(shell, &mut cli, "lectern", &completions)?;
    }
    println!("wrote man pages to {} and completions to {}", man.display(), completions.display());
    Ok(ExitCode::SUCCESS)
}

/// The words `lectern` takes as a command, from clap's own definition (so a new command
/// is never missed), each with whether `--help` shows it.
fn subcommands() -> Vec<(String, bool)> {
    use clap::CommandFactory as _;
    let cli = Cli::command();
    let defined = cli.get_subcommands().map(|command| (command.get_name().to_owned(), !command.is_hide_set()));
    defined.chain([("help".to_owned(), true)]).collect()
}

/// A first word that is no subcommand, no file and no deck name, but close to a subcommand
/// (`chek`, `exprot`): clap would take it for the default command's deck and report
/// something else, so it is answered here as clap answers a mistyped subcommand.
fn mistyped_subcommand(args: &[std::ffi::OsString]) -> Option<ExitCode> {
    let word = args.get(1)?.to_str()?;
    if word.starts_with('-') || word.contains(['.', '/', '\\']) || Path::new(word).exists() {
        return None;
    }
    let names = subcommands();
    if names.iter().any(|(name, _)| name == word) {
        return None;
    }
    // Only what `--help` shows is suggested.
    let (closest, likeness) = names
        .iter()
        .filter(|(_, shown)| *shown)
        .map(|(name, _)| (name, strsim::jaro(word, name)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if likeness < 0.7 {
        return None;
    }
    eprintln!(
        "error: unrecognized subcommand '{word}'\n\n  tip: a similar subcommand exists: '{closest}'\n\nUsage: lectern [DECK]\n       lectern <COMMAND>\n\nFor more information, try '--help'."
    );
    Some(ExitCode::from(EXIT_USAGE))
}

/// `lectern -v check …` as `lectern check -v …`: the default command's arguments may not be
/// given with a subcommand, and clap counts leading global flags as those.
fn verbosity_after_subcommand(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let is_verbosity = |arg: &std::ffi::OsString| {
        arg.to_str().is_some_and(|a| {
            matches!(a, "--verbose" | "--quiet")
                || a.strip_prefix('-').is_some_and(|f| !f.is_empty() && f.chars().all(|c| c == 'v') || f == "q")
        })
    };
    let flags = args.iter().skip(1).take_while(|a| is_verbosity(a)).count();
    let names_subcommand = || {
        let word = args.get(1 + flags).and_then(|a| a.to_str());
        word.is_some_and(|word| subcommands().iter().any(|(name, _)| name == word))
    };
    if flags > 0 && names_subcommand() {
        let subcommand = args.remove(1 + flags);
        args.insert(1, subcommand);
    }
    args
}

/// A deck named by its folder (the one `lectern new` makes) is the `deck.ron` in it.
fn deck_path(path: &Path) -> PathBuf {
    let inside = path.join("deck.ron");
    if path.is_dir() && inside.is_file() { inside } else { path.to_owned() }
}

fn check(args: &CheckArgs) -> ExitCode {
    let mut worst = 0;
    let mut stdout = std::io::stdout().lock();
    let mut json = Vec::new();
    for path in args.decks.iter().map(|p| deck_path(p)) {
        let path = &path;
        match lectern::check::check_deck(path, &DiskAssets) {
            Ok(report) => {
                if report.has_errors() {
                    worst = worst.max(EXIT_PROBLEMS);
                }
                if args.format == Format::Json {
                    json.push(JsonDeck::from_report(path, &report));
                    continue;
                }
                let _ = write!(stdout, "{}", report.render());
                let verdict = if report.diagnostics.is_empty() { "ok".to_owned() } else { report.summary() };
                let _ = writeln!(stdout, "{}: {verdict}", path.display());
            }
            Err(err) => {
                worst = EXIT_USAGE;
                if args.format == Format::Json {
                    json.push(JsonDeck::unreadable(path, &err));
                    continue;
                }
                let _ = stdout.flush();
                eprintln!("lectern: error: {err}");
            }
        }
    }
    if args.format == Format::Json {
        let document = serde_json::json!({ "decks": json });
        let _ = writeln!(stdout, "{document:#}");
    }
    ExitCode::from(worst)
}

fn new_deck(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let deck = lectern::scaffold::create(&args.dir)?;
    println!("Created {}. Present it with: lectern {}", deck.display(), deck.display());
    Ok(ExitCode::SUCCESS)
}

fn present(args: PresentArgs) -> anyhow::Result<ExitCode> {
    lectern::logging::install(lectern::logging::Output::Stderr);
    let source = deck_source(args.deck.as_deref());
    let result = source.load();
    match &result {
        // A file that cannot be read at all is reported before any window opens.
        Err(err @ (LoadError::Io { .. } | LoadError::IsDirectory { .. } | LoadError::NotUtf8 { .. })) => {
            eprintln!("lectern: error: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        // A deck with problems opens anyway and explains them; the terminal gets them too.
        Err(LoadError::Invalid { report, .. }) => eprint!("{}", report.render()),
        Ok(loaded) => eprint!("{}", loaded.warnings.render()),
    }
    if let (Some(code), Ok(loaded)) = (args.lang.as_deref(), &result)
        && let Err(refused) = lectern::session::language_or_refuse(&loaded.deck, code, "nothing is presented")
    {
        return Ok(report_refused(&refused));
    }
    // A deck that opened with problems (errors, or pictures that cannot be shown, which are
    // only warnings for showing) ends with status 1, as `check` would, even though the window
    // showed them (and live reload may have fixed them meanwhile).
    let had_problems = match &result {
        Err(err) => matches!(err, LoadError::Invalid { .. }),
        Ok(loaded) => !loaded.unshowable_images.is_empty(),
    };
    let options = AppOptions {
        image_budget_bytes: args.image_memory.max(1) << 20,
        exit_after_first_frame: args.exit_after_first_frame,
        log_frames: args.log_frames,
        start_slide: args.slide,
        start_language: args.lang.clone(),
        console: args.console || args.console_monitor.is_some(),
        talk_seconds: args.talk.filter(|m| *m > 0.0).map(|m| m * 60.0),
        settings_dir: None,
        audience_monitor: args.audience_monitor,
        console_monitor: args.console_monitor,
        problems_seen: Arc::default(),
        control: control(&args.control.options()?)?,
        transitions: !args.no_transitions,
        opens_fullscreen: args.fullscreen,
        keep_awake: true,
        ..AppOptions::default()
    };
    if let Some(why) = lectern::platform::no_display() {
        eprintln!("lectern: error: {why}");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let problems_seen = Arc::clone(&options.problems_seen);
    lectern::app::run::present(source, result, options)
        .map_err(|err| anyhow::anyhow!("{err}"))
        .context("cannot open a window (is a display available?)")?;
    // Problems met while presenting (a picture that could not be decoded) count as well.
    let had_problems = had_problems || problems_seen.load(std::sync::atomic::Ordering::Relaxed);
    Ok(if had_problems { ExitCode::from(EXIT_PROBLEMS) } else { ExitCode::SUCCESS })
}

fn exhibit(args: &ExhibitArgs) -> anyhow::Result<ExitCode> {
    let options = RunOptions {
        monitor: args.monitor,
        log_file: args.log_file.clone(),
        log_max_bytes: args.log_max_mib.max(1) << 20,
        dwell: args.dwell,
        transition_seconds: args.transition_seconds,
        offset: args.offset,
        language: args.lang.clone(),
        image_budget_bytes: args.image_memory.max(1) << 20,
        no_supervisor: args.no_supervisor,
        windowed: args.windowed,
        child: args.child,
        log_frames: args.log_frames,
        control: args.control.options()?,
    };
    match lectern::exhibit::run::exhibit(deck_source(args.deck.as_deref()), &options) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(RunError::Deck(refused)) => Ok(report_refused(&refused)),
        Err(other) => Err(other.into()),
    }
}

/// A deck a command would not run on: its diagnostics, then why, once.
fn report_refused(refused: &lectern::session::Refused) -> ExitCode {
    eprint!("{}", refused.diagnostics);
    eprintln!("lectern: error: {}", refused.message);
    ExitCode::from(if refused.invalid { EXIT_PROBLEMS } else { EXIT_USAGE })
}

/// The show-control servers `--control` and `--osc` ask for, listening before the window
/// opens (so a port in use is an error at once).
fn control(options: &lectern::control::ControlOptions) -> anyhow::Result<Option<Arc<lectern::control::Control>>> {
    if !options.listens() {
        return Ok(None);
    }
    Ok(Some(Arc::new(lectern::control::Control::start(options)?)))
}

/// The deck named on the command line, or the bundled one.
fn deck_source(deck: Option<&Path>) -> DeckSource {
    deck.map_or(DeckSource::Bundled, |path| DeckSource::File(deck_path(path)))
}
