//! Byte offsets and the 1-based line and column (in characters) editors and terminals show.

/// The text with each lone carriage return (an old Mac line end) turned into a newline, so
/// every part of the crate that counts lines by `\n` counts those too, as editors and the
/// language server protocol do. `\r\n` stays as it is. One byte for one byte: every offset
/// in the text still points where it did.
pub fn lone_returns_as_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // An ASCII byte for an ASCII byte keeps the text valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    // Past the end counts as the end.
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offset of a 1-based line and column (in characters), clamped to the source.
pub fn offset_of(source: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match source[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return source.len(),
        }
    }
    let line_text = &source[offset..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    offset + line_text[..line_end].char_indices().nth(col.saturating_sub(1)).map_or(line_end, |(i, _)| i)
}

/// Where each line of a text starts, so many positions in one text cost a binary search each
/// rather than a scan from the top (a report on a large file stays linear in its size).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex { starts: std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect() }
    }

    /// Where the 0-based `line` starts; `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_col`].
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset);
        let line = self.line(offset);
        (line + 1, text[self.starts[line]..offset].chars().count() + 1)
    }
}
