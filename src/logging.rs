//! One logging path for every mode. Code logs through a [`LogSink`]: by default it is the
//! `log` facade, and `main` installs the one logger of the process with [`install`]: plain
//! `lectern: …` lines on stderr (the presenter; a supervised exhibit child, whose parent
//! timestamps them), or another writer of lines (the exhibit's timestamped, rotating file).
//! Tests pass their own sink to see exactly what one show logged.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How much of Lectern's own logging is shown: info by default; `-v`, `-vv`, `-q` or
/// `RUST_LOG` change it before the logger is installed.
static LEVEL: AtomicUsize = AtomicUsize::new(log::LevelFilter::Info as usize);

/// The level the command line asks for: `-q` errors only; each `-v` one level more (debug,
/// then trace); otherwise `RUST_LOG` if it names a level (`debug`, or `lectern=debug`);
/// otherwise info.
pub fn level_from(verbose: u8, quiet: bool, rust_log: Option<&str>) -> log::LevelFilter {
    use log::LevelFilter::{Debug, Error, Info, Trace};
    if quiet {
        return Error;
    }
    match verbose {
        0 => {}
        1 => return Debug,
        _ => return Trace,
    }
    let asked = rust_log.into_iter().flat_map(|value| value.split(',')).find_map(|part| {
        let (target, level) = part.rsplit_once('=').map_or(("lectern", part), |(t, l)| (t, l));
        target.starts_with("lectern").then(|| level.trim().parse::<log::LevelFilter>().ok()).flatten()
    });
    asked.unwrap_or(Info)
}

/// Sets the level the logger installed next shows.
pub fn set_level(level: log::LevelFilter) {
    LEVEL.store(level as usize, Ordering::Relaxed);
}

fn level() -> log::LevelFilter {
    [
        log::LevelFilter::Off,
        log::LevelFilter::Error,
        log::LevelFilter::Warn,
        log::LevelFilter::Info,
        log::LevelFilter::Debug,
        log::LevelFilter::Trace,
    ]
    .get(LEVEL.load(Ordering::Relaxed))
    .copied()
    .unwrap_or(log::LevelFilter::Info)
}

/// The libraries' lines: only errors, unless Lectern's own are asked for in detail.
fn library_level(ours: log::LevelFilter) -> log::LevelFilter {
    match ours {
        log::LevelFilter::Trace => log::LevelFilter::Debug,
        log::LevelFilter::Debug => log::LevelFilter::Warn,
        _ => log::LevelFilter::Error,
    }
}

/// Where a session's log lines go.
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// The `log` facade, at info level.
pub fn facade() -> LogSink {
    Arc::new(|line| log::info!(target: "lectern", "{line}"))
}

/// Where the installed logger writes.
pub enum Output {
    /// `lectern: …` on stderr.
    Stderr,
    /// Each line to a writer of its own (the exhibit's timestamped, rotating file).
    Lines(Box<dyn Fn(&str) + Send + Sync>),
}

struct LineLogger {
    output: Output,
}

impl log::Log for LineLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        // Our own lines at the level asked (info by default); the libraries' only when
        // something is wrong, or when ours are asked for in detail.
        let ours = metadata.target().starts_with("lectern");
        metadata.level() <= if ours { level() } else { library_level(level()) }
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!("lectern: {}", record.args());
        match &self.output {
            Output::Stderr => {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
            Output::Lines(write) => write(&line),
        }
    }

    fn flush(&self) {}
}

/// Installs the process's logger (once; a second call changes nothing).
pub fn install(output: Output) {
    if log::set_boxed_logger(Box::new(LineLogger { output })).is_ok() {
        log::set_max_level(level().max(library_level(level())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use log::LevelFilter::{Debug, Error, Info, Trace};

    #[test]
    fn the_command_line_and_rust_log_choose_the_level() {
        assert_eq!(level_from(0, false, None), Info);
        assert_eq!(level_from(1, false, None), Debug);
        assert_eq!(level_from(3, false, None), Trace);
        assert_eq!(level_from(2, true, Some("trace")), Error, "-q wins");
        assert_eq!(level_from(0, false, Some("debug")), Debug);
        assert_eq!(level_from(0, false, Some("winit=warn,lectern=trace")), Trace);
        assert_eq!(level_from(0, false, Some("winit=trace")), Info, "another crate's level is not ours");
        assert_eq!(level_from(1, false, Some("error")), Debug, "-v over RUST_LOG");
        assert_eq!(level_from(0, false, Some("nonsense")), Info);
    }
}
