//! Where the deck comes from, and live reload: the session watches the deck's files
//! ([`crate::watch`]), loads the deck again on the watcher's thread (a save never makes the UI
//! wait for the disk) and hands the newest result to the UI through a channel that wakes it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use crate::bundled::{self, BundledAssets};
use crate::deck::{AssetSource, Deck, DiskAssets, Lang, LoadError, LoadOptions, Loaded};
use crate::watch::{Change, FileWatcher};

/// Where the deck comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckSource {
    /// The chairmanship deck embedded in the binary.
    Bundled,
    File(PathBuf),
}

impl DeckSource {
    pub fn path(&self) -> PathBuf {
        match self {
            DeckSource::Bundled => PathBuf::from(bundled::DECK_PATH),
            DeckSource::File(path) => path.clone(),
        }
    }

    pub fn assets(&self) -> Arc<dyn AssetSource> {
        match self {
            DeckSource::Bundled => Arc::new(BundledAssets),
            DeckSource::File(_) => Arc::new(DiskAssets),
        }
    }

    pub fn load(&self) -> Result<Loaded, LoadError> {
        crate::deck::load(&self.path(), self.assets().as_ref(), &LoadOptions::default())
    }

    /// Loads the deck for a command that does not run on a broken one (an exhibit, an
    /// export); `consequence` says what does not happen, for the one-line message.
    pub fn load_or_refuse(&self, consequence: &str) -> Result<Loaded, Refused> {
        self.load().map_err(|err| match &err {
            LoadError::Invalid { report, .. } => Refused {
                diagnostics: report.render(),
                message: format!("the deck has problems ({}); {consequence}", report.summary()),
                invalid: true,
            },
            other => Refused { diagnostics: String::new(), message: other.to_string(), invalid: false },
        })
    }
}

/// Why a command would not run on a deck: the diagnostics for the terminal (each with its
/// place, the line and a caret) and one line saying what did not happen.
#[derive(Debug)]
pub struct Refused {
    pub diagnostics: String,
    pub message: String,
    /// The deck itself has problems (exit status 1), rather than the request (status 2).
    pub invalid: bool,
}

/// The language of `deck` with `code`, or why a command asking for it is refused.
pub fn language_or_refuse(deck: &Deck, code: &str, consequence: &str) -> Result<Lang, Refused> {
    match deck.lang(code) {
        Some(lang) => Ok(lang),
        None => {
            let declared = deck.languages.join(", ");
            let message = format!("the deck has no language `{code}` (it declares {declared}); {consequence}");
            Err(Refused { diagnostics: String::new(), message, invalid: false })
        }
    }
}

/// The files of the real deck at `source` that `copy` (a copy of it in another folder, with
/// the same layout below the deck's common folder) was made from: the deck and its
/// included files.
fn originals_of_copy(source: &Path, copy: &Deck) -> Vec<PathBuf> {
    // The two paths end alike (the deck's place below the copied folder); what is left
    // above that is where each tree starts.
    let (mut base, mut tree) = (source.to_path_buf(), copy.path.clone());
    while base.file_name().is_some() && base.file_name() == tree.file_name() {
        base.pop();
        tree.pop();
    }
    let included = copy.includes.iter().filter_map(|file| file.strip_prefix(&tree).ok().map(|rel| base.join(rel)));
    std::iter::once(source.to_path_buf()).chain(included).collect()
}

/// A deck loaded again on the watcher's thread after its files changed.
struct Reloaded {
    change: Change,
    /// Which deck it is, so a result for a deck that was since replaced is ignored.
    source: DeckSource,
    result: Result<Loaded, LoadError>,
}

/// Every reload that arrived since the last frame, taken together: only the newest load of
/// the current deck counts, and the files of the whole burst are invalidated.
pub struct ReloadBurst {
    pub changed: Vec<PathBuf>,
    /// When the first save of the burst was seen (for the reload-latency measurement).
    pub first_seen: Instant,
    pub result: Result<Loaded, LoadError>,
}

/// What happened when the watcher was (re)started, for the session to log once.
pub enum WatchNote {
    Polling(PathBuf),
    Failed(PathBuf, notify::Error),
}

/// Watches the files of a deck on disk and reloads it when they change.
pub struct Reloader {
    watcher: Option<(FileWatcher, Vec<PathBuf>)>,
    tx: Sender<Reloaded>,
    rx: Receiver<Reloaded>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl Reloader {
    /// `wake` is called from the watcher's thread when a reload is ready.
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (tx, rx) = channel();
        Self { watcher: None, tx, rx, wake }
    }

    /// Watches the files of `deck` from `source` (or only the deck file, while it has no good
    /// version), keeping the watcher when the files are the same.
    pub fn watch(&mut self, source: &DeckSource, deck: Option<&Deck>) -> Option<WatchNote> {
        let DeckSource::File(path) = source else {
            self.watcher = None;
            return None;
        };
        let files = match deck {
            Some(deck) if deck.path == *path => deck.files(),
            // Shown from a copy elsewhere (an exhibit's last good deck): the real deck file
            // and the real files the copy includes, so fixing any of them is seen.
            Some(deck) => originals_of_copy(path, deck),
            None => vec![path.clone()],
        };
        if self.watcher.as_ref().is_some_and(|(_, watched)| *watched == files) {
            return None;
        }
        let (tx, wake, from) = (self.tx.clone(), Arc::clone(&self.wake), source.clone());
        let watched = FileWatcher::new(&files, move |change: Change| {
            let result = from.load();
            if tx.send(Reloaded { change, source: from.clone(), result }).is_ok() {
                wake();
            }
        });
        match watched {
            Ok(watcher) => {
                let note = watcher.is_polling().then(|| WatchNote::Polling(path.clone()));
                self.watcher = Some((watcher, files));
                note
            }
            Err(err) => {
                self.watcher = None;
                Some(WatchNote::Failed(path.clone(), err))
            }
        }
    }

    /// The reloads of `source` that arrived since the last call, as one burst.
    pub fn take(&self, source: &DeckSource) -> Option<ReloadBurst> {
        let reloads: Vec<Reloaded> = self.rx.try_iter().filter(|r| r.source == *source).collect();
        let first_seen = reloads.iter().map(|r| r.change.first_seen).min()?;
        let mut changed: Vec<PathBuf> = reloads.iter().flat_map(|r| r.change.files.iter().cloned()).collect();
        changed.sort();
        changed.dedup();
        let result = reloads.into_iter().last()?.result;
        Some(ReloadBurst { changed, first_seen, result })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deck_shown_from_a_copy_is_watched_at_its_real_files() {
        let copy_text = r#"Deck(title: "T", slides: [Include("chapters/one.ron")])"#;
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("state/gen-1/tree");
        std::fs::create_dir_all(tree.join("talk/chapters")).unwrap();
        std::fs::write(tree.join("talk/deck.ron"), copy_text).unwrap();
        std::fs::write(tree.join("talk/chapters/one.ron"), r#"[Title(title: "One")]"#).unwrap();
        let copy = crate::deck::load(&tree.join("talk/deck.ron"), &DiskAssets, &LoadOptions::default()).unwrap();
        let real = Path::new("/home/museum/talk/deck.ron");
        assert_eq!(
            originals_of_copy(real, &copy.deck),
            [real.to_path_buf(), PathBuf::from("/home/museum/talk/chapters/one.ron")]
        );
    }
}
