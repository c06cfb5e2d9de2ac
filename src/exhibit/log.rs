//! The exhibit's log: timestamped lines to stderr and, optionally, to a file that is rotated
//! by size (`show.log` → `show.log.1` → … → `show.log.{KEPT}`), so weeks of running never
//! fill the disk. Only the supervising parent writes the file; the show's own lines reach it
//! through the child's stderr, so one process owns the rotation.
//!
//! The log never stops the show and never stops for good: a missing folder is created, a
//! file that cannot be opened or written (a full disk, a read-only folder, a refused
//! rotation) sends the lines to stderr alone, and every [`RETRY_AFTER`] the file is tried
//! again; the first line written after a gap says how many lines only stderr got.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many rotated files are kept besides the current one.
pub const KEPT: usize = 3;
/// The size at which the current file is rotated, unless told otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 10 << 20;

/// How long after a failed write the file is tried again.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);

pub struct Logger {
    file: Option<RotatingFile>,
    /// The file asked for, and its size limit, kept while it cannot be written.
    wanted: Option<(PathBuf, u64)>,
    /// Since when, and how many lines, only stderr got; when to try the file again.
    gap: Option<Gap>,
    stderr: bool,
}

struct Gap {
    since: jiff::Timestamp,
    lines: u64,
    retry_at: Instant,
}

impl Logger {
    /// Logs to stderr, and to `file` when given. Never fails: a file that cannot be opened
    /// now is reported on stderr and tried again later.
    pub fn new(file: Option<&Path>, max_bytes: u64) -> Self {
        let mut logger = Self { file: None, wanted: file.map(|p| (p.to_owned(), max_bytes)), gap: None, stderr: true };
        if let Some(path) = file {
            match RotatingFile::open(path, max_bytes) {
                Ok(opened) => logger.file = Some(opened),
                Err(err) => logger.failed(&err),
            }
        }
        logger
    }

    /// Writes one line, prefixed with the local time.
    pub fn line(&mut self, message: &str) {
        let stamp = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system());
        let line = format!("{} {message}\n", stamp.strftime("%Y-%m-%d %H:%M:%S%.3f %z"));
        if self.stderr {
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        self.retry();
        let Some(file) = &mut self.file else {
            if let Some(gap) = &mut self.gap {
                gap.lines += 1;
            }
            return;
        };
        if let Err(err) = file.write(line.as_bytes()) {
            self.failed(&err);
            if let Some(gap) = &mut self.gap {
                gap.lines += 1;
            }
        }
    }

    /// The file cannot be written: say so on stderr once, and try again later.
    fn failed(&mut self, err: &std::io::Error) {
        self.file = None;
        let Some((path, _)) = &self.wanted else { return };
        let retry_at = Instant::now() + RETRY_AFTER;
        match &mut self.gap {
            Some(gap) => gap.retry_at = retry_at,
            None => {
                let _ = writeln!(
                    std::io::stderr(),
                    "lectern: cannot write the log file {}: {err}; lines go to stderr and the file is tried again every {} s",
                    path.display(),
                    RETRY_AFTER.as_secs()
                );
                self.gap = Some(Gap { since: jiff::Timestamp::now(), lines: 0, retry_at });
            }
        }
    }

    /// Opens the file again when it is time, and says what it missed.
    fn retry(&mut self) {
        let (Some(gap), Some((path, max_bytes))) = (&self.gap, &self.wanted) else { return };
        if self.file.is_some() || Instant::now() < gap.retry_at {
            return;
        }
        let since =
            gap.since.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M:%S %z").to_string();
        let lines = gap.lines;
        let mut file = match RotatingFile::open(path, *max_bytes) {
            Ok(file) => file,
            Err(err) => return self.failed(&err),
        };
        let stamp = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system());
        let note = format!(
            "{} lectern: the log file could not be written from {since}; {lines} line(s) went to stderr only\n",
            stamp.strftime("%Y-%m-%d %H:%M:%S%.3f %z")
        );
        match file.write(note.as_bytes()) {
            Ok(()) => {
                self.file = Some(file);
                self.gap = None;
            }
            Err(err) => self.failed(&err),
        }
    }
}

struct RotatingFile {
    path: PathBuf,
    file: File,
    written: u64,
    max_bytes: u64,
}

impl RotatingFile {
    fn open(path: &Path, max_bytes: u64) -> std::io::Result<Self> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let written = file.metadata()?.len();
        Ok(Self { path: path.to_owned(), file, written, max_bytes: max_bytes.max(1) })
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if self.written > 0 && self.written + bytes.len() as u64 > self.max_bytes {
            self.rotate()?;
        }
        self.file.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        let numbered = |n: usize| {
            let mut name = self.path.as_os_str().to_owned();
            name.push(format!(".{n}"));
            PathBuf::from(name)
        };
        for n in (1..KEPT).rev() {
            let from = numbered(n);
            if from.exists() {
                std::fs::rename(&from, numbered(n + 1))?;
            }
        }
        std::fs::rename(&self.path, numbered(1))?;
        self.file = OpenOptions::new().create(true).append(true).open(&self.path)?;
        self.written = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_rotates_by_size_and_keeps_a_bounded_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("show.log");
        let mut logger = Logger::new(Some(&path), 400);
        logger.stderr = false;
        for i in 0..100 {
            logger.line(&format!("lectern: line {i:03}"));
        }
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["show.log", "show.log.1", "show.log.2", "show.log.3"]);
        for name in &names {
            let size = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(size <= 400, "{name} is {size} bytes");
        }
        let current = std::fs::read_to_string(&path).unwrap();
        assert!(current.trim_end().ends_with("lectern: line 099"), "the newest line is in the current file");
        let older = std::fs::read_to_string(dir.path().join("show.log.1")).unwrap();
        let first_current: usize = current.lines().next().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
        let last_older: usize = older.lines().last().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
        assert_eq!(last_older + 1, first_current, "no line lost at a rotation");
        // Each line starts with a date and time: "2026-11-28 10:00:00.123 +0000 lectern: …".
        let first = current.lines().next().unwrap();
        assert!(first.as_bytes()[4] == b'-' && first.as_bytes()[13] == b':', "{first}");
    }

    #[test]
    fn an_existing_file_is_appended_to_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("show.log");
        std::fs::write(&path, "x".repeat(390)).unwrap();
        let mut logger = Logger::new(Some(&path), 400);
        logger.stderr = false;
        logger.line("lectern: after a restart");
        assert_eq!(std::fs::read_to_string(dir.path().join("show.log.1")).unwrap().len(), 390);
        assert!(std::fs::read_to_string(&path).unwrap().contains("after a restart"));
    }

    #[test]
    fn a_missing_folder_is_made_and_a_file_that_fails_is_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logs/today/show.log");
        let mut logger = Logger::new(Some(&path), 1 << 20);
        logger.stderr = false;
        logger.line("lectern: first");
        assert!(std::fs::read_to_string(&path).unwrap().contains("first"), "the folder was made");
        // The folder goes away (a full or lost disk looks the same to the writer).
        std::fs::remove_dir_all(dir.path().join("logs")).unwrap();
        std::fs::write(dir.path().join("logs"), "a file where the folder was").unwrap();
        logger.failed(&std::io::Error::other("disk full"));
        logger.line("lectern: lost 1");
        logger.line("lectern: lost 2");
        assert_eq!(logger.gap.as_ref().map(|g| g.lines), Some(2));
        std::fs::remove_file(dir.path().join("logs")).unwrap();
        logger.gap.as_mut().unwrap().retry_at = Instant::now();
        logger.line("lectern: back");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("2 line(s) went to stderr only"), "{text}");
        assert!(text.trim_end().ends_with("lectern: back"), "{text}");
    }
}
