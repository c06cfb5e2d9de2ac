//! Live reload's eyes: watches the deck file and every file it references, and reports which
//! of them changed, once a burst of events has settled.
//!
//! Folders are watched rather than files, so editors that save by writing a temporary file and
//! renaming it over the original (vim, VS Code, JetBrains, Emacs) are seen, and so is a deck
//! that is deleted and comes back. Native events (inotify and friends) are used where the
//! system has them; elsewhere (some network drives) the folders are polled.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_full::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt};

/// How long a burst of events must be quiet before it is reported: long enough to merge the
/// several events of one save, short enough that a save shows within 100 ms.
const QUIET: Duration = Duration::from_millis(30);
/// How often folders are scanned when native events are not available.
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Held only so the watcher keeps running until dropped.
#[expect(dead_code, reason = "the debouncers are kept alive, never read")]
enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, NoCache>),
}

/// Watches a set of files until dropped.
pub struct FileWatcher {
    backend: Backend,
}

impl FileWatcher {
    /// Watches `files`; `on_change` runs on the watcher's thread with the changed ones, as
    /// given here.
    pub fn new(files: &[PathBuf], on_change: impl Fn(Vec<PathBuf>) + Send + Sync + 'static) -> notify::Result<Self> {
        let wanted: Arc<HashMap<PathBuf, PathBuf>> = Arc::new(files.iter().map(|f| (absolute(f), f.clone())).collect());
        let mut folders: Vec<PathBuf> = wanted.keys().filter_map(|f| f.parent().map(Path::to_owned)).collect();
        folders.sort();
        folders.dedup();
        let on_change = Arc::new(on_change);
        let handler = |wanted: Arc<HashMap<PathBuf, PathBuf>>, on_change: Arc<dyn Fn(Vec<PathBuf>) + Send + Sync>| {
            move |result: DebounceEventResult| {
                let Ok(events) = result else { return };
                let mut changed: Vec<PathBuf> = events
                    .iter()
                    .flat_map(|event| event.paths.iter())
                    .filter_map(|path| wanted.get(&absolute(path)).cloned())
                    .collect();
                changed.sort();
                changed.dedup();
                if !changed.is_empty() {
                    on_change(changed);
                }
            }
        };

        let native = new_debouncer_opt::<_, RecommendedWatcher, _>(
            QUIET,
            None,
            handler(Arc::clone(&wanted), on_change.clone()),
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .and_then(|mut debouncer| {
            for folder in &folders {
                debouncer.watch(folder, RecursiveMode::NonRecursive)?;
            }
            Ok(debouncer)
        });
        match native {
            Ok(debouncer) => Ok(Self { backend: Backend::Native(debouncer) }),
            Err(_) => {
                let mut debouncer = new_debouncer_opt::<_, PollWatcher, _>(
                    QUIET,
                    None,
                    handler(wanted, on_change),
                    NoCache,
                    notify::Config::default().with_poll_interval(POLL_INTERVAL),
                )?;
                for folder in &folders {
                    debouncer.watch(folder, RecursiveMode::NonRecursive)?;
                }
                Ok(Self { backend: Backend::Polling(debouncer) })
            }
        }
    }

    /// Whether the folders are polled because native events were not available.
    pub fn is_polling(&self) -> bool {
        matches!(self.backend, Backend::Polling(_))
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
    fn next(rx: &mpsc::Receiver<Vec<PathBuf>>) -> Vec<PathBuf> {
        rx.recv_timeout(Duration::from_secs(10)).expect("a change is reported")
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
