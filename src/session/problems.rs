//! The one place a load failure becomes the words a user reads: the presenter's problem
//! panel, the exhibit's log and the terminal all show [`Problems`] made by [`Problems::of`].

use std::io::ErrorKind;
use std::path::PathBuf;

use crate::deck::LoadError;

/// A failed load, rendered once for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problems {
    /// The deck that has problems; `None` when the file could not be opened at all.
    pub deck: Option<PathBuf>,
    /// Every diagnostic with `file:line:col`, the line and a caret, then the summary.
    pub text: String,
    /// What a folded badge says, e.g. "2 errors, 0 warnings".
    pub badge: String,
}

impl Problems {
    pub fn of(error: &LoadError) -> Self {
        match error {
            LoadError::Invalid { path, report } => Self {
                deck: Some(path.clone()),
                text: format!("{}{}", report.render(), report.summary()),
                badge: report.summary(),
            },
            LoadError::Io { path, source } if source.kind() == ErrorKind::NotFound => Self {
                deck: Some(path.clone()),
                text: format!("{} is gone (deleted or moved away). It reloads as soon as it is back.", path.display()),
                badge: "Deck file missing".into(),
            },
            other => Self { deck: None, text: other.to_string(), badge: "Cannot open".into() },
        }
    }

    /// The panel's first line: whether a good deck stays on screen underneath.
    pub fn headline(&self, deck_on_screen: bool) -> String {
        match (deck_on_screen, &self.deck) {
            (false, _) => "This deck cannot be shown yet".to_owned(),
            (true, Some(path)) => format!("{} has problems; the deck on screen stays up", path.display()),
            (true, None) => "The file could not be opened; the deck on screen stays up".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::deck::{DiskAssets, LoadOptions, load};

    #[test]
    fn each_kind_of_failure_has_its_own_words() {
        let dir = tempfile::tempdir().unwrap();
        let broken = dir.path().join("broken.ron");
        std::fs::write(&broken, "(title: \"x\", slides: [Bogus()])").unwrap();
        let invalid = Problems::of(&load(&broken, &DiskAssets, &LoadOptions::default()).unwrap_err());
        assert_eq!(invalid.deck.as_deref(), Some(broken.as_path()));
        assert!(invalid.text.contains("broken.ron:1:"), "points at the place: {}", invalid.text);
        assert!(invalid.badge.contains("error"), "{}", invalid.badge);
        assert!(invalid.headline(true).ends_with("the deck on screen stays up"));

        let gone = dir.path().join("gone.ron");
        let missing = Problems::of(&load(&gone, &DiskAssets, &LoadOptions::default()).unwrap_err());
        assert_eq!(missing.badge, "Deck file missing");
        assert!(missing.text.contains("reloads as soon as it is back"));

        let folder = Problems::of(&load(dir.path(), &DiskAssets, &LoadOptions::default()).unwrap_err());
        assert_eq!((folder.deck, folder.badge.as_str()), (None, "Cannot open"));
        assert_eq!(
            Problems::of(&LoadError::IsDirectory { path: Path::new("d").into() }).headline(false),
            "This deck cannot be shown yet"
        );
    }
}
