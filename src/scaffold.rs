//! `lectern new DIR`: a ready-to-edit deck folder made from templates embedded in the binary.

use std::io;
use std::path::{Path, PathBuf};

/// The files of a new deck, by their path inside the new folder.
pub const FILES: &[(&str, &[u8])] = &[
    ("deck.ron", include_bytes!("../assets/templates/new/deck.ron")),
    ("images/example.svg", include_bytes!("../assets/templates/new/example.svg")),
    ("README.md", include_bytes!("../assets/templates/new/README.md")),
];

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{} already exists; nothing was written", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Writes a new deck into `dir` (created if needed). Refuses, writing nothing, if any of the
/// files it would write is already there.
pub fn create(dir: &Path) -> Result<PathBuf, ScaffoldError> {
    if let Some(path) = FILES.iter().map(|(name, _)| dir.join(name)).find(|p| p.exists()) {
        return Err(ScaffoldError::Exists { path });
    }
    for (name, bytes) in FILES {
        let path = dir.join(name);
        let io_error = |source| ScaffoldError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        std::fs::write(&path, bytes).map_err(io_error)?;
    }
    Ok(dir.join("deck.ron"))
}
