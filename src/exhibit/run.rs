//! Running a show: the supervising parent and the show itself. `lectern exhibit` starts a
//! parent that runs the show as a child process (`exhibit --child`), restarts it with
//! doubling backoff when it dies ([`super::supervisor`]), writes every line of both to one
//! timestamped, rotating log ([`super::log`]) and stops it on SIGTERM, SIGINT or SIGHUP. The
//! child opens the fullscreen window with [`super::ExhibitApp`].

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::heartbeat::{HEARTBEAT_TIMEOUT, Heartbeat, READY_WITHIN};
use super::last_good;
use super::log::Logger;
use super::supervisor::{self, Backoff};
use super::{ExhibitApp, ExhibitOptions};
use crate::deck::Loaded;
use crate::logging::{self, LogSink, Output};
use crate::session::{DeckSource, Refused, language_or_refuse};

/// How the show runs, from the command line.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub monitor: Option<usize>,
    pub log_file: Option<PathBuf>,
    pub log_max_bytes: u64,
    pub dwell: Option<f64>,
    pub transition_seconds: Option<f64>,
    /// With `sync: Clock`: run this many seconds ahead of the other screens.
    pub offset: f64,
    /// The code of the language the loop shows and returns to (the deck's first if `None`).
    pub language: Option<String>,
    pub image_budget_bytes: u64,
    pub no_supervisor: bool,
    pub windowed: bool,
    /// This process is the show, started by the supervising parent.
    pub child: bool,
    pub log_frames: bool,
    /// Show control from the command line; the deck's settings fill in the rest.
    pub control: crate::control::ControlOptions,
}

/// Why a show could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The deck cannot be shown: its diagnostics go to the terminal before the message.
    #[error("{}", .0.message)]
    Deck(Refused),
    #[error("cannot install the signal handlers: {0}")]
    Signals(std::io::Error),
    #[error("cannot start the show: {0}")]
    Start(std::io::Error),
    #[error("{0}")]
    NoDisplay(String),
    #[error("cannot open a window (is a display available?): {0}")]
    Window(String),
    #[error("show control: {0}")]
    Control(#[from] crate::control::ControlError),
}

/// Tells the show which start of the supervisor's it is (for the restarts metric).
const START_VARIABLE: &str = "LECTERN_EXHIBIT_START";

/// Runs `lectern exhibit`: a show never starts on a broken deck; the operator sees why at once.
pub fn exhibit(source: DeckSource, options: &RunOptions) -> Result<(), RunError> {
    const NOT_STARTED: &str = "the show does not start";
    // A deck saved with a mistake: the copy of its last good version, if one was kept.
    let (loaded, restored) = match source.load_or_refuse(NOT_STARTED) {
        Ok(loaded) => (loaded, None),
        Err(refused) => {
            let copy = last_good::default_root().and_then(|root| last_good::restore(&root, &source.path()));
            let Some((loaded, saved)) = copy else { return Err(RunError::Deck(refused)) };
            let why = refused.message.replace(NOT_STARTED, "the show starts from its last good copy");
            let line = format!("{why}, saved {saved}; it goes on watching {}", source.path().display());
            (loaded, Some((line, refused.diagnostics)))
        }
    };
    if let Some(code) = options.language.as_deref() {
        language_or_refuse(&loaded.deck, code, NOT_STARTED).map_err(RunError::Deck)?;
    }
    // Checked before the supervisor starts, so a missing token stops the show at once.
    let control = options.control.clone().or_deck(&loaded.deck.exhibit.control)?;
    control.check()?;
    if options.child {
        // The parent timestamps these lines and writes the log file.
        logging::install(Output::Stderr);
        let log = logging::facade();
        if let Some((line, diagnostics)) = &restored {
            log(&format!("{line}\n{diagnostics}"));
        }
        return run_show(options, &control, source, loaded, log);
    }
    let logger = Logger::new(options.log_file.as_deref(), options.log_max_bytes.max(1));
    let logger = Arc::new(Mutex::new(logger));
    let file = Arc::clone(&logger);
    logging::install(Output::Lines(Box::new(move |line| {
        if let Ok(mut logger) = file.lock() {
            logger.line(line);
        }
    })));
    let log = logging::facade();
    if !loaded.warnings.diagnostics.is_empty() {
        let deck = source.path();
        log(&format!(
            "the deck loaded with {}; `lectern check {}` lists them",
            loaded.warnings.summary(),
            deck.display()
        ));
    }
    if options.no_supervisor {
        if let Some((line, diagnostics)) = &restored {
            log(&format!("{line}\n{diagnostics}"));
        }
        return run_show(options, &control, source, loaded, log);
    }
    supervise_show(&logger, &log, control.token.as_deref())
}

/// The show's command line: the parent's, marked as the child's, without the token (which
/// goes in the environment, where `ps` does not show it).
fn child_args(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut out = Vec::new();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "--control-token" {
            args.next();
            continue;
        }
        if arg.to_str().is_some_and(|a| a.starts_with("--control-token=")) {
            continue;
        }
        out.push(arg);
    }
    out.push("--child".into());
    out
}

/// The parent: runs the show as a child process, restarts it when it dies, logs its stderr
/// with timestamps, and stops it on SIGTERM, SIGINT or SIGHUP.
fn supervise_show(logger: &Arc<Mutex<Logger>>, log: &LogSink, token: Option<&str>) -> Result<(), RunError> {
    let stop = Arc::new(AtomicBool::new(false));
    crate::platform::signals::raise_flag_on_stop(&stop).map_err(RunError::Signals)?;
    let exe = std::env::current_exe().map_err(RunError::Start)?;
    let child_args = child_args(std::env::args_os().skip(1));
    log(&format!("exhibit starting (supervisor pid {})", std::process::id()));
    let mut starts = 0u64;
    let start = || {
        starts += 1;
        let mut command = std::process::Command::new(&exe);
        if let Some(token) = token {
            command.env(crate::control::TOKEN_VARIABLE, token);
        }
        // The show tells this process, not systemd, that it is alive; this process passes it
        // on. Without a socket for it, the show runs unwatched rather than not at all.
        let heartbeat = match Heartbeat::bind(starts, HEARTBEAT_TIMEOUT, READY_WITHIN) {
            Ok(heartbeat) => {
                command.envs(heartbeat.env()).env_remove("WATCHDOG_PID");
                Some(heartbeat)
            }
            Err(err) => {
                log::warn!(target: "lectern", "the show runs without a heartbeat this time: {err}");
                None
            }
        };
        let mut child = command
            .args(&child_args)
            .env(START_VARIABLE, starts.to_string())
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()?;
        if let Some(stderr) = child.stderr.take() {
            let logger = Arc::clone(logger);
            // The show's own lines, timestamped and into the log file by this process alone.
            std::thread::Builder::new().name("lectern-show-log".into()).spawn(move || {
                use std::io::BufRead;
                for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Ok(mut logger) = logger.lock() {
                        logger.line(&line);
                    }
                }
            })?;
        }
        Ok((child, heartbeat))
    };
    let result = supervisor::supervise(start, &Backoff::default(), &stop, std::thread::sleep, |line: &str| log(line))
        .map_err(RunError::Start)?;
    let why = if stop.load(Ordering::SeqCst) { "stopped by a signal" } else { "ended by the operator" };
    log(&format!("exhibit {why} after {} start(s)", result.starts));
    Ok(())
}

/// The show itself, in this process: a fullscreen window with the exhibit loop.
fn run_show(
    options: &RunOptions,
    control: &crate::control::ControlOptions,
    source: DeckSource,
    loaded: Loaded,
    log: LogSink,
) -> Result<(), RunError> {
    // Listening before the window opens: a port in use ends this start (the supervisor
    // logs it and tries again with its backoff).
    if let Some(why) = crate::platform::no_display() {
        return Err(RunError::NoDisplay(why));
    }
    let control = if control.listens() { Some(Arc::new(crate::control::Control::start(control)?)) } else { None };
    let home = options.language.as_deref().and_then(|code| loaded.deck.lang(code));
    let title = format!("{} — Lectern", crate::session::deck_title(&loaded.deck, home.unwrap_or_default()));
    let viewport = egui::ViewportBuilder::default()
        .with_title(title)
        .with_app_id("lectern-exhibit")
        .with_inner_size(crate::window::WINDOW_SIZE);
    let viewport = match (options.windowed, options.monitor) {
        (false, monitor) => crate::window::fullscreen_from_first_frame(viewport, monitor),
        (true, Some(index)) => viewport.with_monitor(index),
        (true, None) => viewport,
    };
    let stop = Arc::new(AtomicBool::new(false));
    let show_options = ExhibitOptions {
        image_budget_bytes: options.image_budget_bytes.max(1),
        dwell_override: options.dwell.filter(|d| *d > 0.0),
        transition_seconds_override: options.transition_seconds.filter(|t| *t >= 0.0),
        clock_offset: if options.offset.is_finite() { options.offset } else { 0.0 },
        language: options.language.clone(),
        log,
        log_frames: options.log_frames,
        stop: Arc::clone(&stop),
        keep_awake: true,
        control,
        starts: std::env::var(START_VARIABLE).ok().and_then(|n| n.parse().ok()).unwrap_or(1),
        // The bundled deck cannot be saved broken: no copy of it is kept.
        last_good: matches!(source, DeckSource::File(_)).then(last_good::default_root).flatten(),
        ..Default::default()
    };
    let child = options.child;
    eframe::run_native(
        "lectern-exhibit",
        eframe::NativeOptions { viewport, ..Default::default() },
        Box::new(move |cc| {
            stop_on_signal_or_eof(&cc.egui_ctx, &stop, child)?;
            Ok(Box::new(ExhibitApp::new(&cc.egui_ctx, source, loaded, show_options)))
        }),
    )
    .map_err(|err| RunError::Window(err.to_string()))
}

/// Ends the show cleanly on SIGTERM, SIGINT or SIGHUP, and, in a supervised child, when its
/// stdin closes (the parent asking it to stop, or gone).
fn stop_on_signal_or_eof(ctx: &egui::Context, stop: &Arc<AtomicBool>, child: bool) -> std::io::Result<()> {
    let wake = ctx.clone();
    crate::platform::signals::wake_on_stop(stop, move || wake.request_repaint())?;
    if child {
        let (flag, wake) = (Arc::clone(stop), ctx.clone());
        std::thread::Builder::new().name("lectern-parent".into()).spawn(move || {
            // Nothing is ever sent; the read returns when the parent closes the pipe.
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            flag.store(true, Ordering::SeqCst);
            wake.request_repaint();
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_show_s_command_line_carries_no_token() {
        let args = ["exhibit", "deck.ron", "--control-token", "s3cret", "--control=0.0.0.0:7300", "--control-token=x2"];
        let child: Vec<String> =
            child_args(args.iter().map(std::ffi::OsString::from)).iter().map(|a| a.to_string_lossy().into()).collect();
        assert_eq!(child, ["exhibit", "deck.ron", "--control=0.0.0.0:7300", "--child"]);
    }
}
