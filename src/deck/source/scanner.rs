//! The scanner: reads RON's structure (parentheses, lists, maps, strings, fields) and records
//! every value's span. It is the judge of syntax, so it words its errors for people: which
//! bracket is never closed and where it was opened, which string runs on, which `,` or `:`
//! is missing. What lies between values, and carrying on after a mistake, is in
//! [`super::repair`].

use std::ops::Range;

use super::error::SyntaxError;
use super::node::{Field, Node, NodeKind};
use super::recovery::{Place, block_comment_end};

/// How deeply values may nest: sub-bullets some sixty deep (each step is a tuple and its
/// list), far beyond any slide, while the scanner and the deserialiser after it (which has no
/// limit of its own) stay far from the end of a 2 MiB thread stack, also unoptimised.
pub const MAX_DEPTH: usize = 128;

pub(super) struct Scanner<'a> {
    pub(super) src: &'a [u8],
    pub(super) text: &'a str,
    pub(super) pos: usize,
    pub(super) depth: usize,
    /// Open brackets, innermost last: the byte and where it is.
    pub(super) open: Vec<(u8, usize)>,
    pub(super) errors: Vec<SyntaxError>,
    /// After a recovery, the position where a missing separator is forgiven (the skipped
    /// text may have held it).
    pub(super) forgive_separator_at: Option<usize>,
    /// The end of the file has been reported.
    pub(super) ended: bool,
}

/// Errors are boxed: they travel up through every level of nesting, and a small `Result`
/// keeps each level's stack frame small.
pub(super) type Scanned<T> = Result<T, Box<SyntaxError>>;

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Scanner {
            src: text.as_bytes(),
            text,
            pos: 0,
            depth: 0,
            open: Vec::new(),
            errors: Vec::new(),
            forgive_separator_at: None,
            ended: false,
        }
    }

    pub(super) fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Box<SyntaxError> {
        Box::new(SyntaxError { span, message: message.into(), label: label.into(), help: None, related: None })
    }

    pub(super) fn here(&self) -> Range<usize> {
        let len = self.text[self.pos.min(self.text.len())..].chars().next().map_or(0, char::len_utf8);
        self.pos..self.pos + len
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    pub(super) fn skip_trivia(&mut self) -> Scanned<()> {
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
                    match block_comment_end(self.src, start) {
                        Some(end) => self.pos = end,
                        None => {
                            return Err(self
                                .error(start..start + 2, "this comment is never closed", "opened here")
                                .with_help("close it with `*/`"));
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_attribute(&mut self) -> Scanned<()> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return Ok(());
            }
        }
        Err(self.error(start..start + 2, "this attribute is never closed", "opened here"))
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

    pub(super) fn value(&mut self) -> Scanned<Node> {
        self.depth += 1;
        let node = if self.depth > MAX_DEPTH {
            Err(self.error(self.here(), format!("this value is nested more than {MAX_DEPTH} levels deep"), "too deep"))
        } else {
            self.value_inner()
        };
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Scanned<Node> {
        self.skip_trivia()?;
        let start = self.pos;
        match self.peek() {
            None => Err(self.place().at_end("a value")),
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
                        b'\n' => break,
                        _ => {}
                    }
                }
                Err(self
                    .error(start..start + 1, "this character literal is never closed", "opened here")
                    .with_help("text is written in double quotes: \"…\""))
            }
            Some(open @ (b'(' | b'[' | b'{')) => match open {
                b'(' => self.parens(start, None),
                b'[' => {
                    self.pos += 1;
                    self.open.push((b'[', start));
                    let items = self.sequence(b']')?;
                    self.open.pop();
                    Ok(Node { span: start..self.pos, kind: NodeKind::List(items) })
                }
                _ => self.map(start),
            },
            Some(b')' | b']' | b'}' | b',') => {
                // Reported, and left as a broken value, so the brackets around it still match.
                let error = self.missing_value();
                self.errors.push(*error);
                Ok(Node { span: start..start, kind: NodeKind::Broken })
            }
            Some(c) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') => {
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-')) {
                    self.pos += 1;
                }
                Ok(Node { span: start..self.pos, kind: NodeKind::Scalar })
            }
            Some(_) => {
                let Some((name, _)) = self.ident() else {
                    if let Some(invisible) = self.invisible_here() {
                        return Err(invisible);
                    }
                    return Err(self
                        .error(self.here(), "expected a value", "not a value")
                        .with_help("text is written in double quotes: \"…\""));
                };
                let after_name = self.pos;
                self.skip_trivia()?;
                if self.peek() == Some(b'(') {
                    if name == "Some" {
                        // `Some(x)` is transparent: paths reach `x` directly.
                        let open = self.pos;
                        self.pos += 1;
                        self.open.push((b'(', open));
                        let inner = self.value()?;
                        self.skip_trivia()?;
                        if self.peek() == Some(b',') {
                            self.pos += 1;
                            self.skip_trivia()?;
                        }
                        match self.peek() {
                            Some(b')') => {}
                            None => return Err(self.place().at_end("`)`")),
                            Some(_) => {
                                return Err(self
                                    .error(self.here(), "expected `)` to close `Some(`", "expected `)`")
                                    .with_help("`Some(…)` holds one value"));
                            }
                        }
                        self.open.pop();
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
    fn string(&mut self, start: usize, hashes: usize, raw: bool) -> Scanned<Node> {
        let quote = self.pos;
        self.pos += 1;
        let mut value = String::new();
        let content_start = self.pos;
        loop {
            let Some(c) = self.peek() else {
                return Err(self
                    .error(quote..quote + 1, "this string is never closed", "the string starts here")
                    .with_help("add the closing `\"`"));
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
                // Past the escaped character, whole (it may be a letter of several bytes).
                self.pos += self.text[self.pos..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let ch_len = self.text[self.pos..].chars().next().map_or(1, char::len_utf8);
            if !raw {
                value.push_str(&self.text[self.pos..self.pos + ch_len]);
            }
            self.pos += ch_len;
        }
    }

    fn parens(&mut self, start: usize, name: Option<String>) -> Scanned<Node> {
        let open = self.pos;
        self.pos += 1; // `(`
        self.open.push((b'(', open));
        self.skip_trivia()?;
        // A struct if the first thing is `ident :` (but not `ident ::`).
        let checkpoint = self.pos;
        let first = self.ident().map(|(name, _)| name);
        let is_struct = first.is_some_and(|name| {
            // `title: …`, or `title "…"` / `hidden true` with its `:` forgotten (a lower-case
            // name followed by a value is never an item: variants are capitalised).
            let lower =
                name.starts_with(|c: char| c.is_ascii_lowercase()) && !matches!(name.as_str(), "true" | "false");
            self.skip_trivia().is_ok()
                && (self.peek() == Some(b':')
                    || lower && matches!(self.peek(), Some(b'"' | b'[' | b'{' | b'0'..=b'9' | b'-' | b'a'..=b'z')))
        });
        self.pos = checkpoint;
        if !is_struct {
            let items = self.sequence(b')')?;
            self.open.pop();
            return Ok(Node { span: start..self.pos, kind: NodeKind::Tuple { name, items } });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(b')') {
                self.pos += 1;
                break;
            }
            if self.peek().is_none() {
                self.end_of_file();
                break;
            }
            if self.extra_comma() {
                continue;
            }
            if matches!(self.peek(), Some(b']' | b'}')) {
                if self.wrong_closer(b')') {
                    break;
                }
                continue;
            }
            let field_start = self.pos;
            let field = self.recovering(Self::field)?;
            match field {
                Some(field) => {
                    let previous = field.value.span.clone();
                    fields.push(field);
                    if self.separator(b')', "field", previous)? {
                        break;
                    }
                }
                None => {
                    let name = self.text[field_start..].split(|c: char| !c.is_alphanumeric() && c != '_').next();
                    let name = name.unwrap_or_default().to_owned();
                    fields.push(Field {
                        name,
                        name_span: field_start..field_start,
                        value: Node { span: field_start..field_start, kind: NodeKind::Broken },
                    });
                    self.skip_trivia()?;
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
        }
        self.open.pop();
        Ok(Node { span: start..self.pos, kind: NodeKind::Struct { name, fields } })
    }

    pub(super) fn field(&mut self) -> Scanned<Field> {
        let Some((field_name, name_span)) = self.ident() else {
            return Err(match self.peek() {
                None => self.place().at_end("a field name"),
                _ => self.invisible_here().unwrap_or_else(|| {
                    self.error(self.here(), "expected a field name, such as `title:`", "not a field name")
                }),
            });
        };
        self.skip_trivia()?;
        if self.peek() != Some(b':') {
            return Err(self.error(
                name_span.clone(),
                format!("expected `:` after the field name `{field_name}`"),
                "`:` missing after this",
            ));
        }
        self.pos += 1;
        let value = self.value()?;
        Ok(Field { name: field_name, name_span, value })
    }

    fn sequence(&mut self, close: u8) -> Scanned<Vec<Node>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            if self.peek().is_none() {
                self.end_of_file();
                return Ok(items);
            }
            if self.extra_comma() {
                continue;
            }
            if matches!(self.peek(), Some(b')' | b']' | b'}')) {
                // `["a", "b",)` or a recovery that stopped at a closing bracket.
                if self.wrong_closer(close) {
                    return Ok(items);
                }
                continue;
            }
            let start = self.pos;
            match self.recovering(Self::value)? {
                Some(item) => {
                    let previous = item.span.clone();
                    items.push(item);
                    if self.separator(close, "item", previous)? {
                        return Ok(items);
                    }
                }
                None => {
                    items.push(Node { span: start..start, kind: NodeKind::Broken });
                    self.skip_trivia()?;
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    fn map(&mut self, start: usize) -> Scanned<Node> {
        self.pos += 1;
        self.open.push((b'{', start));
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.extra_comma() {
                continue;
            }
            if matches!(self.peek(), Some(b')' | b']')) {
                if self.wrong_closer(b'}') {
                    self.open.pop();
                    return Ok(Node { span: start..self.pos, kind: NodeKind::Map(entries) });
                }
                continue;
            }
            if self.peek() == Some(b'}') || self.peek().is_none() {
                if self.peek().is_none() {
                    self.end_of_file();
                } else {
                    self.pos += 1;
                }
                self.open.pop();
                return Ok(Node { span: start..self.pos, kind: NodeKind::Map(entries) });
            }
            let key = self.value()?;
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self
                    .error(key.span.clone(), "expected `:` after this key", "`:` missing after this")
                    .with_help("a map is written `{\"en\": \"Hello\", \"kk\": \"Сәлем\"}`"));
            }
            self.pos += 1;
            let value = self.value()?;
            let previous = value.span.clone();
            entries.push((key, value));
            if self.separator(b'}', "entry", previous)? {
                self.open.pop();
                return Ok(Node { span: start..self.pos, kind: NodeKind::Map(entries) });
            }
        }
    }

    pub(super) fn place(&self) -> Place<'_> {
        Place { text: self.text, open: &self.open, pos: self.pos }
    }
}

impl Scanner<'_> {
    /// The whole document: attributes, one value, nothing after it.
    pub(super) fn document(&mut self) -> Scanned<Node> {
        self.skip_trivia()?;
        while self.src[self.pos..].starts_with(b"#!") {
            self.skip_attribute()?;
            self.skip_trivia()?;
        }
        let node = self.value()?;
        self.skip_trivia()?;
        match self.peek() {
            None => Ok(node),
            Some(b')' | b']' | b'}') => {
                let error = self.place().unexpected(b' ');
                self.errors.push(*error);
                Ok(node)
            }
            Some(_) => {
                let error = self
                    .error(self.here(), "unexpected text after the end of the deck", "after the end")
                    .with_help("everything belongs inside `Deck(…)`");
                self.errors.push(*error);
                Ok(node)
            }
        }
    }
}
