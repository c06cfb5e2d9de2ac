//! Live reload's eyes: watches the deck file and every file it references, and reports which
//! of them changed, once a burst of events has settled.
//!
//! Folders are watched rather than files, so editors that save by writing a temporary file and
//! renaming it over the original (vim, VS Code, JetBrains, Emacs) are seen, and so is a deck
//! that is deleted and comes back. Native events (inotify and friends, through `notify`) are
//! used where the system has them; elsewhere (some network drives) the folders are polled.
//!
//! The debounce is our own few lines rather than `notify-debouncer-full`: that one wakes
//! every few milliseconds even when nothing happens, and a kiosk left for weeks must not burn
//! CPU. Here a named thread sleeps on a channel until an event arrives.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

/// How long a burst of events must be quiet before it is reported: long enough to merge the
/// several events of one save, short enough that a save shows within 100 ms.
const QUIET: Duration = Duration::from_millis(30);
/// How often folders are scanned when native events are not available.
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Files that changed, as one settled burst of events.
#[derive(Clone, Debug)]
pub struct Change {
    /// The changed files, as they were given to the watcher.
    pub files: Vec<PathBuf>,
    /// When the first event of the burst arrived: about the moment of the save, for
    /// measuring how long the new version takes to reach the screen.
    pub first_seen: Instant,
}

/// Watches a set of files until dropped.
pub struct FileWatcher {
    /// Dropping the watcher closes its channel, which ends the debounce thread.
    _watcher: Box<dyn Watcher + Send>,
    polling: bool,
}

impl FileWatcher {
    /// Watches `files`; `on_change` runs on the thread `lectern-watch` with a [`Change`].
    pub fn new(files: &[PathBuf], on_change: impl Fn(Change) + Send + 'static) -> notify::Result<Self> {
        let wanted: HashMap<PathBuf, PathBuf> = files.iter().map(|f| (absolute(f), f.clone())).collect();
        let mut folders: Vec<PathBuf> = wanted.keys().filter_map(|f| f.parent().map(Path::to_owned)).collect();
        folders.sort();
        folders.dedup();

        let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
        let watch_all = |watcher: &mut dyn Watcher| -> notify::Result<()> {
            folders.iter().try_for_each(|folder| watcher.watch(folder, RecursiveMode::NonRecursive))
        };
        let native = RecommendedWatcher::new(tx.clone(), notify::Config::default())
            .and_then(|mut native| watch_all(&mut native).map(|()| native));
        let (watcher, polling): (Box<dyn Watcher + Send>, bool) = match native {
            Ok(native) => (Box::new(native), false),
            Err(_) => {
                let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                let mut polled = PollWatcher::new(tx, config)?;
                watch_all(&mut polled)?;
                (Box::new(polled), true)
            }
        };
        std::thread::Builder::new()
            .name("lectern-watch".into())
            .spawn(move || debounce(&rx, &wanted, &on_change))
            .map_err(|err| notify::Error::generic(&err.to_string()))?;
        Ok(Self { _watcher: watcher, polling })
    }

    /// Whether the folders are polled because native events were not available.
    pub fn is_polling(&self) -> bool {
        self.polling
    }
}

/// Waits for an event, gathers the burst until it has been quiet for [`QUIET`], and reports
/// the watched files it touched. Returns when the watcher is dropped.
fn debounce(
    rx: &mpsc::Receiver<notify::Result<Event>>,
    wanted: &HashMap<PathBuf, PathBuf>,
    on_change: &dyn Fn(Change),
) {
    loop {
        let Ok(first) = rx.recv() else { return };
        let first_seen = Instant::now();
        let mut events = vec![first];
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(event) => events.push(event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let mut files: Vec<PathBuf> = events
            .iter()
            .flatten()
            .filter(|event| changes_content(&event.kind))
            .flat_map(|event| event.paths.iter())
            .filter_map(|path| wanted.get(&absolute(path)).cloned())
            .collect();
        files.sort();
        files.dedup();
        if !files.is_empty() {
            on_change(Change { files, first_seen });
        }
    }
}

/// Whether an event can mean new content. Reading a file (which the reload itself does)
/// and metadata changes are not, or every reload would trigger the next.
fn changes_content(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Other => true,
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Waits for the next report, at most a generous bound (never a tuned sleep).
    fn next(rx: &mpsc::Receiver<Change>) -> Vec<PathBuf> {
        rx.recv_timeout(Duration::from_secs(10)).expect("a change is reported").files
    }

    #[test]
    fn reports_every_way_editors_save_and_ignores_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("deck.ron");
        let image = dir.path().join("map.png");
        std::fs::write(&deck, "one").unwrap();
        std::fs::write(&image, "png").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watcher = FileWatcher::new(&[deck.clone(), image.clone()], move |changed| {
            let _ = tx.send(changed);
        })
        .unwrap();

        std::fs::write(&deck, "in place").unwrap();
        assert_eq!(next(&rx), vec![deck.clone()], "in-place write");

        // Reading is what a reload does; it must not look like a change, or reloads loop.
        assert_eq!(std::fs::read_to_string(&deck).unwrap(), "in place");
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "reading is not a change");

        let temp = dir.path().join(".deck.ron.swp");
        std::fs::write(&temp, "renamed over").unwrap();
        std::fs::rename(&temp, &deck).unwrap();
        assert!(next(&rx).contains(&deck), "write a temporary file, rename it over the deck");

        std::fs::write(dir.path().join("unrelated.txt"), "x").unwrap();
        std::fs::write(&image, "new pixels").unwrap();
        assert_eq!(next(&rx), vec![image.clone()], "only watched files are reported");

        std::fs::remove_file(&deck).unwrap();
        assert_eq!(next(&rx), vec![deck.clone()], "deleted");
        std::fs::write(&deck, "back").unwrap();
        assert_eq!(next(&rx), vec![deck.clone()], "and back again");
    }
}
