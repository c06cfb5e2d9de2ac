//! One logging path for every mode. Code logs through a [`LogSink`]: by default it is the
//! `log` facade, and `main` installs the one logger of the process with [`install`]: plain
//! `lectern: …` lines on stderr (the presenter; a supervised exhibit child, whose parent
//! timestamps them), or another writer of lines (the exhibit's timestamped, rotating file).
//! Tests pass their own sink to see exactly what one show logged.

use std::io::Write as _;
use std::sync::Arc;

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
        // Our own lines at info and above; the libraries' only when something is wrong.
        let ours = metadata.target().starts_with("lectern");
        metadata.level() <= if ours { log::Level::Info } else { log::Level::Error }
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
        log::set_max_level(log::LevelFilter::Info);
    }
}
