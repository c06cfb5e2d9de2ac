//! How the deck and the files it references are read: from disk, or from the copy embedded
//! in the binary ([`crate::bundled`]), through one trait, so both load through the same code
//! and tests can feed decks from memory.

use std::borrow::Cow;
use std::io;
use std::path::Path;

use super::model::LoadError;

/// Reads the deck and the files it references. Paths are already resolved against the deck.
pub trait AssetSource: Send + Sync {
    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>>;

    /// At most the first `max` bytes: enough to tell an image's size without reading it all.
    fn read_head(&self, path: &Path, max: usize) -> io::Result<Cow<'static, [u8]>> {
        self.read(path).map(|bytes| if bytes.len() > max { Cow::Owned(bytes[..max].to_vec()) } else { bytes })
    }
}

/// Files on disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskAssets;

impl AssetSource for DiskAssets {
    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        std::fs::read(path).map(Cow::Owned)
    }

    fn read_head(&self, path: &Path, max: usize) -> io::Result<Cow<'static, [u8]>> {
        use std::io::Read as _;
        let mut head = Vec::new();
        std::fs::File::open(path)?.take(max as u64).read_to_end(&mut head)?;
        Ok(Cow::Owned(head))
    }
}

/// Reads a deck file as UTF-8 text, with the errors a user can act on.
pub fn read_text(path: &Path, assets: &dyn AssetSource) -> Result<String, LoadError> {
    if path.is_dir() {
        return Err(LoadError::IsDirectory { path: path.to_owned() });
    }
    let bytes = assets.read(path).map_err(|source| LoadError::Io { path: path.to_owned(), source })?;
    // A byte-order mark (Windows Notepad writes one) is not part of the text: editors do not
    // count it as a column, so positions stay theirs.
    let mut bytes = bytes.into_owned();
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes)
        .map_err(|err| LoadError::NotUtf8 { path: path.to_owned(), offset: err.utf8_error().valid_up_to() })
}
