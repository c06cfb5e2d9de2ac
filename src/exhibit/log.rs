//! The exhibit's log: timestamped lines to stderr and, optionally, to a file that is rotated
//! by size (`show.log` → `show.log.1` → … → `show.log.{KEPT}`), so weeks of running never
//! fill the disk. Only the supervising parent writes the file; the show's own lines reach it
//! through the child's stderr, so one process owns the rotation.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many rotated files are kept besides the current one.
pub const KEPT: usize = 3;
/// The size at which the current file is rotated, unless told otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 10 << 20;

pub struct Logger {
    file: Option<RotatingFile>,
    stderr: bool,
}

impl Logger {
    /// Logs to stderr, and to `file` when given.
    pub fn new(file: Option<&Path>, max_bytes: u64) -> std::io::Result<Self> {
        let file = file.map(|path| RotatingFile::open(path, max_bytes)).transpose()?;
        Ok(Self { file, stderr: true })
    }

    /// Writes one line, prefixed with the local time. A file that cannot be written is
    /// reported on stderr once and then left alone; the show does not stop for its log.
    pub fn line(&mut self, message: &str) {
        let stamp = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::system());
        let line = format!("{} {message}\n", stamp.strftime("%Y-%m-%d %H:%M:%S%.3f %z"));
        if self.stderr {
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        if let Some(file) = &mut self.file
            && let Err(err) = file.write(line.as_bytes())
        {
            let _ = writeln!(std::io::stderr(), "lectern: cannot write the log file {}: {err}", file.path.display());
            self.file = None;
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
        let mut logger = Logger::new(Some(&path), 400).unwrap();
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
        let mut logger = Logger::new(Some(&path), 400).unwrap();
        logger.stderr = false;
        logger.line("lectern: after a restart");
        assert_eq!(std::fs::read_to_string(dir.path().join("show.log.1")).unwrap().len(), 390);
        assert!(std::fs::read_to_string(&path).unwrap().contains("after a restart"));
    }
}
