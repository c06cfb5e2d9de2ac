//! Reading around a syntax error without the scanner: where the next sibling value starts
//! (by indentation), what a value that ran on left open, where a comment ends. What lets the
//! scan recover and name the real mistake.

use std::ops::Range;

use super::error::{Related, SyntaxError};
use super::positions::line_col;

/// The bracket that closes `open`.
pub(super) fn closer_of(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// What an opening bracket starts, in words.
pub(super) fn what_opens(open: u8) -> &'static str {
    match open {
        b'(' => "parenthesis",
        b'[' => "list",
        _ => "map",
    }
}

/// The start of the first line after the one holding `from` whose first character is at
/// `column` or less (blank and comment lines skipped): where a sibling of the value at
/// `from` begins, or its parent's closing bracket.
pub(super) fn next_line_indented_within(text: &str, from: usize, column: usize) -> Option<usize> {
    let mut at = from + text[from..].find('\n')? + 1;
    while at < text.len() {
        let line = &text[at..text[at..].find('\n').map_or(text.len(), |n| at + n)];
        let (width, bytes) = indentation(line);
        let content = &line[bytes..];
        if !content.is_empty() && !content.starts_with("//") && width <= column {
            return Some(at + bytes);
        }
        at += line.len() + 1;
    }
    None
}

/// The indentation a line starts with: its width (a tab reaches the next multiple of four,
/// as most editors show it) and its length in bytes. Any blank or invisible character counts
/// (a no-break space pasted from a web page looks like a space).
pub(super) fn indentation(line: &str) -> (usize, usize) {
    let mut width = 0;
    for (at, c) in line.char_indices() {
        match c {
            '\t' => width = (width / 4 + 1) * 4,
            '\n' => return (width, at),
            c if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') => width += 1,
            _ => return (width, at),
        }
    }
    (width, line.len())
}

/// What a line starts with, to tell a sibling from a child: `Name(` or `name:`.
fn line_shape(line: &str) -> Option<u8> {
    let word = line.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(line.len());
    if word == 0 {
        return None;
    }
    match line[word..].trim_start().bytes().next() {
        Some(b'(') => Some(b'('),
        Some(b':') => Some(b':'),
        _ => None,
    }
}

/// What is open at the end of `range` of a text: the brackets (outermost first, each with
/// its offset; a closing bracket closes only its own kind) and the string the range ends
/// inside (the offset of its opening quote). Strings (with escapes, and raw `r#"…"#`) and
/// `//` and `/* */` comments are skipped. Recovery reads what a broken value left open with
/// it; the language server reads where the cursor is.
pub struct OpenAt {
    pub brackets: Vec<(u8, usize)>,
    pub string: Option<usize>,
}

pub fn open_at(text: &str, range: Range<usize>) -> OpenAt {
    let src = text.as_bytes();
    let end = range.end.min(src.len());
    let mut brackets: Vec<(u8, usize)> = Vec::new();
    let mut i = range.start;
    while i < end {
        match src[i] {
            b'"' => match string_end(src, i) {
                Some(after) if after <= end => {
                    i = after;
                    continue;
                }
                _ => return OpenAt { brackets, string: Some(i) },
            },
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i += src[i..].iter().position(|&b| b == b'\n').unwrap_or(src.len() - i);
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                i = block_comment_end(src, i).unwrap_or(end);
                continue;
            }
            c @ (b'(' | b'[' | b'{') => brackets.push((c, i)),
            c @ (b')' | b']' | b'}') if brackets.last().is_some_and(|(o, _)| closer_of(*o) == c) => {
                brackets.pop();
            }
            _ => {}
        }
        i += 1;
    }
    OpenAt { brackets, string: None }
}

/// Just past the end of the string whose opening quote is at `quote` (its closing quote, and
/// the `#`s of a raw string), or `None` if it is never closed.
pub fn string_end(src: &[u8], quote: usize) -> Option<usize> {
    let raw_hashes = {
        let hashes = src[..quote].iter().rev().take_while(|b| **b == b'#').count();
        (quote > hashes && src[quote - hashes - 1] == b'r').then_some(hashes)
    };
    let mut i = quote + 1;
    while i < src.len() {
        if src[i] == b'\\' && raw_hashes.is_none() {
            i += 2;
            continue;
        }
        let hashes = raw_hashes.unwrap_or(0);
        if src[i] == b'"' && src[i + 1..].iter().take_while(|b| **b == b'#').count() >= hashes {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// The innermost bracket left open, or a string left unclosed, in `range`: what made a value
/// run on past the line where the next one starts.
pub(super) fn unclosed_in(text: &str, range: Range<usize>) -> Option<SyntaxError> {
    let open = open_at(text, range);
    if let Some(quote) = open.string {
        return Some(SyntaxError {
            span: quote..quote + 1,
            message: "this string is never closed".into(),
            label: "the string starts here".into(),
            help: Some("add the closing `\"`".into()),
            related: None,
        });
    }
    let &(bracket, at) = open.brackets.last()?;
    let mut error = never_closed(bracket, at, Related { span: 0..0, label: String::new() });
    error.related = None;
    Some(*error)
}

/// Where a block comment starting at `start` (`/*`) ends, nested ones included.
pub(super) fn block_comment_end(src: &[u8], start: usize) -> Option<usize> {
    let mut pos = start + 2;
    let mut depth = 1;
    while depth > 0 {
        if pos >= src.len() {
            return None;
        }
        if src[pos..].starts_with(b"*/") {
            depth -= 1;
            pos += 2;
        } else if src[pos..].starts_with(b"/*") {
            depth += 1;
            pos += 2;
        } else {
            pos += 1;
        }
    }
    Some(pos)
}

/// "This `(` is never closed", at the bracket opened at `opened`, with where it should have
/// closed.
fn never_closed(bracket: u8, opened: usize, related: Related) -> Box<SyntaxError> {
    Box::new(SyntaxError {
        span: opened..opened + 1,
        message: format!("this `{}` is never closed", bracket as char),
        label: format!("{} opened here", what_opens(bracket)),
        help: Some(format!("add `{}` where it should end", closer_of(bracket) as char)),
        related: Some(related),
    })
}

/// Where the scanner stands, for wording an error: the text, the brackets open (innermost
/// last) and the position.
pub(super) struct Place<'a> {
    pub(super) text: &'a str,
    pub(super) open: &'a [(u8, usize)],
    pub(super) pos: usize,
}

impl Place<'_> {
    fn error(&self, span: Range<usize>, message: String, label: impl Into<String>) -> Box<SyntaxError> {
        Box::new(SyntaxError { span, message, label: label.into(), help: None, related: None })
    }

    fn here(&self) -> Range<usize> {
        let len = self.text[self.pos.min(self.text.len())..].chars().next().map_or(0, char::len_utf8);
        self.pos..self.pos + len
    }

    pub(super) fn line_col(&self, offset: usize) -> String {
        let (line, col) = line_col(self.text, offset);
        format!("{line}:{col}")
    }

    /// When a problem at `at` lies on a later line indented no deeper than the line that
    /// opened the innermost of the first `open` brackets, that bracket was never closed (the
    /// problem is really the next sibling): the error for it, else `None`.
    pub(super) fn unclosed_container(&self, at: usize, open: usize) -> Option<Box<SyntaxError>> {
        let &(bracket, opened) = self.open.get(open.checked_sub(1)?)?;
        let line_of = |offset: usize| self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let (opener_line, problem_line) = (line_of(opened), line_of(at));
        let (opener_indent, _) = indentation(&self.text[opener_line..]);
        let (problem_indent, problem_bytes) = indentation(&self.text[problem_line..]);
        // Less indented than the line that opened the bracket, or as indented and shaped
        // like it (`Title(` after an unclosed `Section(`, `theme:` after `exhibit: (`): a
        // sibling of the container, which was never closed. A flat file (nothing indented)
        // only gets the second rule, and only for lines of the same shape.
        let sibling_shape = |line: usize, bytes: usize| line_shape(&self.text[line + bytes..]);
        let (_, opener_bytes) = indentation(&self.text[opener_line..]);
        let same_shape = sibling_shape(problem_line, problem_bytes).is_some()
            && sibling_shape(problem_line, problem_bytes) == sibling_shape(opener_line, opener_bytes);
        if problem_line <= opener_line
            || problem_indent > opener_indent
            || (problem_indent == opener_indent && !same_shape)
        {
            return None;
        }
        // A closing bracket at the opener's indentation is where it should have closed.
        let sibling = problem_line + problem_bytes;
        let word = self.text[sibling..].find(['(', ',', '\n', ':', ' ']).map_or(sibling + 1, |n| sibling + n.max(1));
        Some(never_closed(
            bracket,
            opened,
            Related { span: sibling..word, label: "expected it to close before this".into() },
        ))
    }

    /// A closing bracket that is not the expected one.
    pub(super) fn unexpected(&self, expected: u8) -> Box<SyntaxError> {
        let found = self.text.as_bytes().get(self.pos).copied().unwrap_or(b' ');
        let stray = !self.open.iter().any(|(open, _)| closer_of(*open) == found);
        if stray {
            let opener = match found {
                b')' => '(',
                b']' => '[',
                _ => '{',
            };
            return self
                .error(self.here(), format!("this `{}` has no `{opener}` to close", found as char), "nothing to close")
                .with_help("remove it");
        }
        let mut error = self.error(
            self.here(),
            format!("expected `{}`, found `{}`", expected as char, found as char),
            format!("expected `{}` here", expected as char),
        );
        if let Some(&(open, at)) = self.open.last() {
            error.message = format!(
                "expected `{}` to close the {} opened at {}, found `{}`",
                closer_of(open) as char,
                what_opens(open),
                self.line_col(at),
                found as char
            );
            error.related = Some(Related { span: at..at + 1, label: "opened here".into() });
        }
        error
    }

    /// The file ended where `expected` should come: blame the innermost open bracket.
    pub(super) fn at_end(&self, expected: &str) -> Box<SyntaxError> {
        let end = self.text.len();
        match self.open.last() {
            Some(&(open, at)) => never_closed(open, at, Related { span: end..end, label: "the file ends here".into() }),
            None => self.error(end..end, format!("the file ends where {expected} was expected"), "the file ends here"),
        }
    }
}
