//! How the scanner carries on after a mistake: what stands between two values (a `,`, a
//! closing bracket, or a mistake to name: a comma left out or doubled, a stray or wrong
//! bracket, a string that runs on, words without quotes, an invisible character), and the
//! recovery that skips a broken value to the next line indented like it.

use std::ops::Range;

use super::error::{Related, SyntaxError};
use super::positions::line_col;
use super::recovery::{closer_of, indentation, next_line_indented_within, unclosed_in, what_opens};
use super::scanner::{Scanned, Scanner};

impl Scanner<'_> {
    /// After a field, item or entry (`previous`, its value's span): a `,`, or the closing
    /// bracket (left for the caller). `Ok(true)` means: close the container here, as if its
    /// closing bracket stood before a wrong one. A `,` missing between two values that are
    /// otherwise fine, or a stray closing bracket, is reported and forgiven, so the scan
    /// goes on.
    pub(super) fn separator(&mut self, close: u8, what: &str, previous: Range<usize>) -> Scanned<bool> {
        loop {
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    return Ok(false);
                }
                Some(c) if c == close => return Ok(false),
                _ if self.forgive_separator_at == Some(self.pos) => return Ok(false),
                None => {
                    self.end_of_file();
                    return Ok(false);
                }
                _ => {}
            }
            let previous_text = &self.text[previous.clone()];
            let is_string = previous_text.starts_with(['"', 'r', 'b']) && previous_text.ends_with(['"', '#']);
            if is_string && previous_text.contains('\n') {
                // A string that swallowed the line break and the text after it, up to the
                // next quote: the usual sign of a missing closing quote.
                let (line, _) = line_col(self.text, previous.end);
                let mut error = self.error(
                    previous.start..previous.start + 1,
                    format!("this string runs on to line {line}: is its closing `\"` missing?"),
                    "the string starts here",
                );
                error.related = Some(Related { span: previous.end - 1..previous.end, label: "and ends here".into() });
                error.help = Some("multi-line text is fine, but then the next `,` or bracket must follow it".into());
                return Err(error);
            }
            if is_string && previous.end == self.pos && self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
                // `"A "short" talk"` or `"Hello, subtitle: "World"`: text right after a
                // closing quote means the quotes do not pair the way they were meant to.
                let mut error = self.error(
                    previous.end - 1..previous.end,
                    "text goes on right after this string's closing quote",
                    "the string ends here",
                );
                error.help =
                    Some("a quote inside text is written `\\\"`; or is a closing `\"` missing before it?".into());
                return Err(error);
            }
            if previous_text.starts_with(|c: char| c.is_alphabetic())
                && !previous_text.contains(['(', '\n'])
                && self.peek().is_some_and(|c| c.is_ascii_alphabetic())
                && !self.text[previous.end..self.pos].contains('\n')
                && !self.text[self.word_here().end..].trim_start().starts_with(':')
            {
                // `title: Part one`: words without quotes.
                let end = self.word_here().end;
                let words = &self.text[previous.start..end];
                let error = self
                    .error(previous.start..end, "text is written in double quotes", "not in quotes")
                    .with_help(&format!("write \"{words}\""));
                return Err(error);
            }
            if let Some(unclosed) = self.place().unclosed_container(self.pos, self.open.len()) {
                return Err(unclosed);
            }
            if !matches!(self.peek(), Some(b')' | b']' | b'}')) {
                // At the gap, not inside the next value: each of the two is still checked.
                let mut error = self.error(
                    previous.end..previous.end,
                    format!("a `,` is missing between these two {what}s"),
                    "put a `,` here",
                );
                error.related = Some(Related { span: self.word_here(), label: format!("the next {what}") });
                let field_follows = {
                    let word = self.word_here();
                    !word.is_empty() && self.text[word.end..].trim_start().starts_with(':')
                };
                if what == "field" && !field_follows {
                    // `title: "A" "B"`: not a second field; the value is what is wrong.
                    error.message = format!("expected `,` or `{}` after this field's value", close as char);
                    error.span = self.here();
                    error.label = "unexpected".into();
                    error.related = Some(Related { span: previous.clone(), label: "the value".into() });
                    return Err(error);
                }
                self.errors.push(*error);
                return Ok(false);
            }
            if self.wrong_closer(close) {
                return Ok(true);
            }
        }
    }

    /// At a closing bracket that is not `close`: `true` when the container should end here
    /// (`["a", "b")`: the `]` was left out, so the `)` closes its own), after reporting it;
    /// `false` after reporting and skipping a stray bracket (`Title(…)),`).
    pub(super) fn wrong_closer(&mut self, close: u8) -> bool {
        let found = self.peek().unwrap_or(b' ');
        let opened_on_this_line = self.open.last().is_some_and(|&(_, at)| !self.text[at..self.pos].contains('\n'));
        let closes_an_outer = self.open.iter().rev().skip(1).any(|&(open, _)| closer_of(open) == found);
        if opened_on_this_line && closes_an_outer {
            let error = self.place().unexpected(close);
            self.errors.push(*error);
            return true;
        }
        let mut error = self
            .error(self.here(), format!("this `{}` does not belong here", found as char), "unexpected")
            .with_help("remove it");
        if let Some(&(open, at)) = self.open.last() {
            error.message = format!(
                "this `{}` does not belong here: the {} opened at {} is still open",
                found as char,
                what_opens(open),
                self.place().line_col(at)
            );
            error.related = Some(Related { span: at..at + 1, label: "opened here".into() });
        }
        self.errors.push(*error);
        self.pos += 1;
        false
    }

    /// A `,` where a field or item should start (`title: "Hi",,`): reported and skipped.
    pub(super) fn extra_comma(&mut self) -> bool {
        if self.peek() != Some(b',') {
            return false;
        }
        let error = self.error(self.here(), "one `,` too many", "extra `,`").with_help("remove it");
        self.errors.push(*error);
        self.pos += 1;
        true
    }

    /// An invisible character where RON expects something (a no-break or zero-width space,
    /// a byte-order mark in the middle of the file): named, since nobody can see it.
    pub(super) fn invisible_here(&self) -> Option<Box<SyntaxError>> {
        let c = self.text[self.pos..].chars().next()?;
        if !(c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')) {
            return None;
        }
        let message = format!("an invisible character (U+{:04X}) is here", u32::from(c));
        Some(
            self.error(self.here(), message, "remove this").with_help(
                "it often comes with text pasted from a web page; delete it and type a space if one is needed",
            ),
        )
    }

    /// A value was expected where a closing bracket or `,` stands.
    pub(super) fn missing_value(&self) -> Box<SyntaxError> {
        let before = self.text[..self.pos].trim_end();
        let after_field = before.ends_with(':');
        let message = if after_field { "a value is missing after the `:`" } else { "expected a value" };
        self.error(self.here(), message, "a value should come before this")
    }

    /// The identifier or character at the position, for underlining.
    pub(super) fn word_here(&self) -> Range<usize> {
        let rest = &self.text[self.pos..];
        let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if len == 0 { self.here() } else { self.pos..self.pos + len }
    }

    /// The file ends inside brackets: the innermost is reported, once, and every bracket
    /// around it keeps what it holds, so the values before the end are still checked.
    pub(super) fn end_of_file(&mut self) {
        if !self.ended {
            self.ended = true;
            let error = self.place().at_end("a closing bracket");
            self.errors.push(*error);
        }
    }

    /// Runs `parse` for one field or item. If it fails and the field or item starts its own
    /// line, the error is kept, the scanner moves to the next line indented like it (or less)
    /// and `None` is returned so the caller can go on; otherwise the error goes up.
    pub(super) fn recovering<T>(&mut self, parse: fn(&mut Self) -> Scanned<T>) -> Scanned<Option<T>> {
        let start = self.pos;
        let (open, depth) = (self.open.len(), self.depth);
        let mut error = match parse(self) {
            Ok(value) => return Ok(Some(value)),
            Err(error) => error,
        };
        if let Some(unclosed) = self.place().unclosed_container(error.span.start.max(start), open) {
            // The container itself is broken: its own caller recovers.
            return Err(unclosed);
        }
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        if !self.text[line_start..start].trim().is_empty() {
            return Err(error);
        }
        let (column, _) = indentation(&self.text[line_start..]);
        let Some(next) = next_line_indented_within(self.text, start, column) else { return Err(error) };
        if error.span.start >= next {
            // The error lies beyond where the next sibling starts: this one ran on. Say what
            // it left open, and point at where the next one begins.
            if let Some(better) = unclosed_in(self.text, start..next) {
                *error = better;
                let label = if self.text[next..].starts_with([')', ']', '}']) {
                    "expected it to close before this"
                } else {
                    "the next one starts here"
                };
                let word = self.text[next..].find(['(', ',', '\n', ':']).map_or(next + 1, |n| next + n.max(1));
                error.related = Some(Related { span: next..word, label: label.into() });
            }
        }
        self.errors.push(*error);
        self.open.truncate(open);
        self.depth = depth;
        self.pos = next;
        // A closing bracket at the broken value's own column is its own (`),` under a
        // `Title(` whose line left it open): step over it. One that closes the container (a
        // flat file's `]`) is left for the container.
        let first_line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        if indentation(&self.text[self.text[..next].rfind('\n').map_or(0, |i| i + 1)..]).0 == column
            && matches!(self.peek(), Some(b')' | b']' | b'}'))
            && self.text[start..first_line_end].trim_end().ends_with(['(', '[', '{'])
        {
            self.pos += 1;
        }
        self.forgive_separator_at = Some(self.pos);
        Ok(None)
    }
}
