//! The documents the editor has open, as the editor has them (unsaved edits included), and
//! the translations between the editor's terms and the deck loader's: `file://` URIs and
//! paths, and LSP positions (line and UTF-16 column) and byte offsets.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use lsp_types::{Position, Range, Uri};

use crate::deck::AssetSource;
use crate::deck::assets::DiskAssets;
use crate::deck::source::LineIndex;

/// Open documents by path, shared between the message loop (which edits them) and the
/// checking thread (which reads them).
#[derive(Clone, Default)]
pub struct Documents(Arc<Mutex<HashMap<PathBuf, Arc<String>>>>);

impl Documents {
    pub fn set(&self, path: PathBuf, text: String) {
        // A byte-order mark is not text (the loader drops it the same way).
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        // Old Mac line ends are lines, as the protocol counts them (byte for byte, so every
        // position stays where it was).
        let text = crate::deck::source::lone_returns_as_newlines(text);
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(path, Arc::new(text));
    }

    pub fn remove(&self, path: &Path) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(path);
    }

    pub fn get(&self, path: &Path) -> Option<Arc<String>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).get(path).cloned()
    }
}

/// The files of a deck as the editor sees them: open documents from memory, the rest from
/// disk. Checking through it checks unsaved edits, in included files too.
impl AssetSource for Documents {
    fn read(&self, path: &Path) -> std::io::Result<Cow<'static, [u8]>> {
        match self.get(path) {
            Some(text) => Ok(Cow::Owned(text.as_bytes().to_vec())),
            None => DiskAssets.read(path),
        }
    }
}

/// The path of a `file://` URI (percent-escapes decoded); `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    Some(PathBuf::from(String::from_utf8(decoded).ok()?))
}

/// The `file://` URI of an absolute path, with everything but unreserved characters and `/`
/// percent-escaped.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let path = std::path::absolute(path).ok()?;
    let mut uri = String::from("file://");
    for byte in path.to_str()?.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// A text with its line index, for converting positions both ways.
pub struct Positions<'a> {
    pub text: &'a str,
    index: LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Positions { text, index: LineIndex::new(text) }
    }

    /// The LSP position (0-based line, UTF-16 column) of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset);
        let line = self.index.line(offset);
        let start = self.line_start(line);
        let column: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position { line: line as u32, character: column as u32 }
    }

    pub fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end) }
    }

    /// The byte offset of an LSP position, clamped to its line.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let start = self.line_start(line);
        if start >= self.text.len() && line > 0 {
            return self.text.len();
        }
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    fn line_start(&self, line: usize) -> usize {
        self.index.line_start(line).unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_as_editors_do() {
        let text = "ab\nӘ😀x\n";
        let positions = Positions::new(text);
        let x = text.find('x').unwrap();
        // Ә is one UTF-16 unit, 😀 two.
        assert_eq!(positions.position(x), Position { line: 1, character: 3 });
        assert_eq!(positions.offset(Position { line: 1, character: 3 }), x);
        assert_eq!(positions.offset(Position { line: 9, character: 0 }), text.len());
        assert_eq!(positions.offset(Position { line: 0, character: 99 }), 2, "clamped to the line");
    }

    #[test]
    fn file_uris_and_paths_round_trip_with_escapes() {
        let path = PathBuf::from("/tmp/my talks/Қазақстан.ron");
        let uri = path_to_uri(&path).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/my%20talks/%D2"), "{}", uri.as_str());
        assert_eq!(uri_to_path(&uri), Some(path));
        assert_eq!(uri_to_path(&Uri::from_str("untitled:1").unwrap()), None);
    }
}
