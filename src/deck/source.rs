//! Where things are in a RON file: a small, permissive scanner that records the byte span of
//! every value, so diagnostics found after deserialising (a missing image, an undeclared
//! language) can still point at the exact place, and so each slide can be deserialised on its
//! own and every broken slide reported in one pass.
//!
//! It only needs to find structure; `ron` itself stays the judge of what is valid.

use std::ops::Range;

/// One value in the file and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `Name(field: value, …)` or `(field: value, …)`. Each field keeps its name's span.
    Struct {
        name: Option<String>,
        fields: Vec<Field>,
    },
    /// `Name(a, b)` or `(a, b)`.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Str(String),
    /// A number, identifier, char or anything else without inner structure.
    Scalar,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Range<usize>,
    pub value: Node,
}

/// One step of a path from a node to a node inside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
    /// A map entry by its string key; yields the key node itself.
    Key(&'a str),
}

impl Node {
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.kind {
            NodeKind::Struct { fields, .. } => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::List(items) | NodeKind::Tuple { items, .. } => items,
            _ => &[],
        }
    }

    /// The node at `path` below this one, as far as it can be followed.
    pub fn find(&self, path: &[Step<'_>]) -> &Node {
        let mut node = self;
        for step in path {
            let next = match (*step, &node.kind) {
                (Step::Field(name), _) => node.field(name).map(|f| &f.value),
                (Step::Index(i), _) => node.items().get(i),
                (Step::Key(key), NodeKind::Map(entries)) => {
                    entries.iter().find(|(k, _)| matches!(&k.kind, NodeKind::Str(s) if s == key)).map(|(k, _)| k)
                }
                (Step::Key(_), _) => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }
}

#[derive(Debug, PartialEq)]
pub struct ScanError {
    pub offset: usize,
    pub message: String,
}

/// Scans a whole RON document: optional `#![enable(…)]` attributes, then one value.
pub fn scan(source: &str) -> Result<Node, ScanError> {
    let mut scanner = Scanner { src: source.as_bytes(), text: source, pos: 0, depth: 0 };
    scanner.skip_trivia()?;
    while scanner.src[scanner.pos..].starts_with(b"#!") {
        scanner.skip_attribute()?;
        scanner.skip_trivia()?;
    }
    let node = scanner.value()?;
    scanner.skip_trivia()?;
    if scanner.pos < scanner.src.len() {
        return Err(scanner.error("unexpected text after the end of the deck"));
    }
    Ok(node)
}

struct Scanner<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 128;

impl Scanner<'_> {
    fn error(&self, message: &str) -> ScanError {
        ScanError { offset: self.pos, message: message.to_owned() }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) -> Result<(), ScanError> {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        if self.pos >= self.src.len() {
                            self.pos = start;
                            return Err(self.error("this block comment is never closed"));
                        }
                        if self.src[self.pos..].starts_with(b"*/") {
                            depth -= 1;
                            self.pos += 2;
                        } else if self.src[self.pos..].starts_with(b"/*") {
                            depth += 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_attribute(&mut self) -> Result<(), ScanError> {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return Ok(());
            }
        }
        Err(self.error("unclosed attribute"))
    }

    fn ident(&mut self) -> Option<(String, Range<usize>)> {
        let start = self.pos;
        if self.src[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        let body = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
            self.pos += 1;
        }
        if self.pos == body || self.src[body].is_ascii_digit() {
            self.pos = start;
            return None;
        }
        Some((self.text[body..self.pos].to_owned(), start..self.pos))
    }

    fn value(&mut self) -> Result<Node, ScanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("the deck is nested too deeply"));
        }
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Result<Node, ScanError> {
        self.skip_trivia()?;
        let start = self.pos;
        match self.peek() {
            None => Err(self.error("unexpected end of file, expected a value")),
            Some(b'"') => self.string(start, 0, false),
            Some(b'r') if matches!(self.src.get(self.pos + 1), Some(b'"' | b'#')) && self.raw_string_ahead() => {
                self.pos += 1;
                let mut hashes = 0;
                while self.peek() == Some(b'#') {
                    hashes += 1;
                    self.pos += 1;
                }
                self.string(start, hashes, true)
            }
            Some(b'b') if self.src.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string(start, 0, false)
            }
            Some(b'\'') => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    match c {
                        b'\\' => self.pos += 1,
                        b'\'' => return Ok(Node { span: start..self.pos, kind: NodeKind::Scalar }),
                        _ => {}
                    }
                }
                self.pos = start;
                Err(self.error("this character literal is never closed"))
            }
            Some(b'(') => self.parens(start, None),
            Some(b'[') => {
                self.pos += 1;
                let items = self.sequence(b']')?;
                Ok(Node { span: start..self.pos, kind: NodeKind::List(items) })
            }
            Some(b'{') => self.map(start),
            Some(c) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') => {
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-')) {
                    self.pos += 1;
                }
                Ok(Node { span: start..self.pos, kind: NodeKind::Scalar })
            }
            Some(_) => {
                let Some((name, _)) = self.ident() else {
                    return Err(self.error("expected a value"));
                };
                let after_name = self.pos;
                self.skip_trivia()?;
                if self.peek() == Some(b'(') {
                    if name == "Some" {
                        // `Some(x)` is transparent: paths reach `x` directly.
                        self.pos += 1;
                        let inner = self.value()?;
                        self.skip_trivia()?;
                        if self.peek() == Some(b',') {
                            self.pos += 1;
                            self.skip_trivia()?;
                        }
                        if self.peek() != Some(b')') {
                            return Err(self.error("expected `)` to close `Some(`"));
                        }
                        self.pos += 1;
                        return Ok(inner);
                    }
                    return self.parens(start, Some(name));
                }
                self.pos = after_name;
                Ok(Node { span: start..self.pos, kind: NodeKind::Scalar })
            }
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let mut i = self.pos + 1;
        while self.src.get(i) == Some(&b'#') {
            i += 1;
        }
        self.src.get(i) == Some(&b'"')
    }

    /// Scans a string starting at the opening quote (the `r`/`b` prefix and hashes are consumed).
    fn string(&mut self, start: usize, hashes: usize, raw: bool) -> Result<Node, ScanError> {
        self.pos += 1; // opening quote
        let mut value = String::new();
        let content_start = self.pos;
        loop {
            let Some(c) = self.peek() else {
                self.pos = start;
                return Err(self.error("this string is never closed"));
            };
            if c == b'"' {
                let closing = &self.src[self.pos + 1..];
                if closing.len() >= hashes && closing[..hashes].iter().all(|&h| h == b'#') {
                    if raw {
                        value.push_str(&self.text[content_start..self.pos]);
                    }
                    self.pos += 1 + hashes;
                    return Ok(Node { span: start..self.pos, kind: NodeKind::Str(value) });
                }
            }
            if !raw && c == b'\\' {
                self.pos += 1;
                match self.peek() {
                    Some(b'n') => value.push('\n'),
                    Some(b't') => value.push('\t'),
                    Some(b'"') => value.push('"'),
                    Some(b'\\') => value.push('\\'),
                    Some(_) => {}
                    None => continue,
                }
                self.pos += 1;
                continue;
            }
            let ch_len = self.text[self.pos..].chars().next().map_or(1, char::len_utf8);
            if !raw {
                value.push_str(&self.text[self.pos..self.pos + ch_len]);
            }
            self.pos += ch_len;
        }
    }

    fn parens(&mut self, start: usize, name: Option<String>) -> Result<Node, ScanError> {
        self.pos += 1; // `(`
        self.skip_trivia()?;
        // A struct if the first thing is `ident :` (but not `ident ::`).
        let checkpoint = self.pos;
        let is_struct = self.ident().is_some() && {
            self.skip_trivia()?;
            self.peek() == Some(b':')
        };
        self.pos = checkpoint;
        if !is_struct {
            let items = self.sequence(b')')?;
            return Ok(Node { span: start..self.pos, kind: NodeKind::Tuple { name, items } });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(b')') {
                self.pos += 1;
                break;
            }
            let Some((field_name, name_span)) = self.ident() else {
                return Err(self.error("expected a field name"));
            };
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the field name"));
            }
            self.pos += 1;
            let value = self.value()?;
            fields.push(Field { name: field_name, name_span, value });
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {}
                _ => return Err(self.error("expected `,` or `)` after this field")),
            }
        }
        Ok(Node { span: start..self.pos, kind: NodeKind::Struct { name, fields } })
    }

    fn sequence(&mut self, close: u8) -> Result<Vec<Node>, ScanError> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(c) if c == close => {}
                _ => return Err(self.error(&format!("expected `,` or `{}`", close as char))),
            }
        }
    }

    fn map(&mut self, start: usize) -> Result<Node, ScanError> {
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(Node { span: start..self.pos, kind: NodeKind::Map(entries) });
            }
            let key = self.value()?;
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the map key"));
            }
            self.pos += 1;
            let value = self.value()?;
            entries.push((key, value));
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
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

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_spans_of_nested_values() {
        let src = r#"#![enable(implicit_some)]
Deck(
    title: "T", // comment
    slides: [
        Title(title: {"en": "Hi", "kk": "Сәлем"}),
        Bullets(items: ["a", ("b", ["c"])], id: Some("x")),
    ],
)"#;
        let root = scan(src).unwrap();
        let kk = root.find(&[Step::Field("slides"), Step::Index(0), Step::Field("title"), Step::Key("kk")]);
        assert_eq!(&src[kk.span.clone()], "\"kk\"");
        let id = root.find(&[Step::Field("slides"), Step::Index(1), Step::Field("id")]);
        assert_eq!(&src[id.span.clone()], "\"x\"");
        let nested = root.find(&[Step::Field("slides"), Step::Index(1), Step::Field("items"), Step::Index(1)]);
        assert!(matches!(nested.kind, NodeKind::Tuple { name: None, .. }));
        assert_eq!(line_col(src, kk.span.start), (5, 35));
    }

    #[test]
    fn reports_where_syntax_breaks() {
        let err = scan("Deck(title: \"x\" slides: [])").unwrap_err();
        assert_eq!(err.offset, 16);
        assert!(scan("(a: r#\"raw \" quote\"#, b: '\\'', c: /* /* nested */ */ 1.5e3)").is_ok());
    }

    #[test]
    fn line_col_and_offset_round_trip_with_multibyte_text() {
        let src = "ab\nӘғ x\n";
        let offset = offset_of(src, 2, 4);
        assert_eq!(&src[offset..offset + 1], "x");
        assert_eq!(line_col(src, offset), (2, 4));
    }
}
