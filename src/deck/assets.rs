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

/// The largest file read from disk: a deck, an included file, a picture or a font. A
/// photograph straight from a camera is a tenth of it.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Files on disk: regular files only, of at most [`MAX_FILE_BYTES`]. A device
/// (`/dev/zero`), a pipe (which would block the reader until someone writes) or a folder is
/// refused by its metadata before it is opened.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskAssets;

/// Opens `path` if it is a regular file of a size that may be read.
fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    let refuse = |why: String| Err(io::Error::new(io::ErrorKind::InvalidInput, why));
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return refuse("not a regular file (a device, a pipe or a folder)".into());
    }
    if metadata.len() > MAX_FILE_BYTES {
        return refuse(format!(
            "{} MiB, more than the {} MiB a file may have",
            metadata.len() >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    let file = std::fs::File::open(path)?;
    // Swapped for something else between the look and the open.
    if !file.metadata()?.is_file() {
        return refuse("not a regular file (a device, a pipe or a folder)".into());
    }
    Ok(file)
}

impl AssetSource for DiskAssets {
    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        use std::io::Read as _;
        let file = open_regular(path)?;
        let mut bytes = Vec::with_capacity(file.metadata()?.len().min(MAX_FILE_BYTES) as usize);
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            let why = format!("it grew past the {} MiB a file may have while it was read", MAX_FILE_BYTES >> 20);
            return Err(io::Error::new(io::ErrorKind::InvalidInput, why));
        }
        Ok(Cow::Owned(bytes))
    }

    fn read_head(&self, path: &Path, max: usize) -> io::Result<Cow<'static, [u8]>> {
        use std::io::Read as _;
        let mut head = Vec::new();
        open_regular(path)?.take(max as u64).read_to_end(&mut head)?;
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
        .map(super::source::lone_returns_as_newlines)
        .map_err(|err| LoadError::NotUtf8 { path: path.to_owned(), offset: err.utf8_error().valid_up_to() })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        for special in ["/dev/zero", "/dev/null", "/proc/self"] {
            let err = DiskAssets.read(Path::new(special)).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{special}: {err}");
            assert!(DiskAssets.read_head(Path::new(special), 16).is_err(), "{special}");
        }
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        // Opening a pipe with no writer would block; it is refused before it is opened.
        assert!(DiskAssets.read(&fifo).unwrap_err().to_string().contains("not a regular file"));
        let plain = dir.path().join("deck.ron");
        std::fs::write(&plain, "[]").unwrap();
        assert_eq!(DiskAssets.read(&plain).unwrap().as_ref(), b"[]");
    }
}
