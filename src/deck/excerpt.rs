//! The part of a file a diagnostic quotes: only the lines its labels touch (each with its
//! true line number, however far apart), and of a long line only a window around the caret,
//! marked with `…`. Quoting a ten-megabyte one-line paragraph then prints a hundred-odd
//! characters, and rendering a report costs what its diagnostics touch, not the file's size.
//! It is what `codespan-reporting` reads (through its `Files` trait), with the original line
//! and column numbers.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::source::LineIndex;

/// Lines longer than this (in bytes) are quoted as a window around the labels.
const LONG_LINE: usize = 160;
/// How much of a long line is quoted on each side of the labels.
const CONTEXT: usize = 60;
/// A label spanning more lines than this is cut to its first line.
const MOST_LINES: usize = 6;

pub(super) struct Excerpt {
    name: String,
    text: String,
    /// Per excerpt line: where it starts in `text`, and how to map positions back.
    lines: Vec<QuotedLine>,
}

struct QuotedLine {
    /// The file's 0-based line number.
    number: usize,
    start: usize,
    /// Where the quoted part starts in the file, and where the file's line starts.
    from: usize,
    line_start: usize,
    /// Bytes of `…` put before the quoted part.
    prefix: usize,
    /// Characters of the file's line before the quoted part.
    chars_before: usize,
}

impl Excerpt {
    /// The excerpt of `source` for `spans` (the primary label first), and the spans moved
    /// into it.
    pub(super) fn new(
        name: String,
        source: &str,
        index: &LineIndex,
        spans: &[Range<usize>],
    ) -> (Self, Vec<Range<usize>>) {
        let line_start = |offset: usize| index.line_start(index.line(offset)).unwrap_or(0);
        let line_end = |offset: usize| index.line_start(index.line(offset) + 1).map_or(source.len(), |next| next - 1);
        // Cut labels that run over many lines to their first line.
        let spans: Vec<Range<usize>> = spans
            .iter()
            .map(|span| {
                let lines = index.line(span.end) - index.line(span.start);
                if lines > MOST_LINES { span.start..line_end(span.start).max(span.start) } else { span.clone() }
            })
            .collect();
        // The lines touched, each with the byte range of the labels on it.
        let mut touched: Vec<(usize, usize, Range<usize>)> = Vec::new(); // (line number, line start, labels)
        for span in &spans {
            let mut at = span.start;
            loop {
                let start = line_start(at);
                let end = line_end(at);
                let on_line = at.max(start)..span.end.min(end).max(at);
                match touched.iter_mut().find(|(_, s, _)| *s == start) {
                    Some((_, _, range)) => *range = range.start.min(on_line.start)..range.end.max(on_line.end),
                    None => touched.push((index.line(start), start, on_line)),
                }
                if span.end <= end || end >= source.len() {
                    break;
                }
                at = end + 1;
            }
        }
        touched.sort_by_key(|(number, _, _)| *number);
        let mut text = String::new();
        let mut lines = Vec::new();
        for (number, start, labels) in &touched {
            let end = line_end(*start);
            let (from, to) = if end - start > LONG_LINE {
                let from = source.floor_char_boundary(labels.start.saturating_sub(CONTEXT).max(*start));
                let to = source.ceil_char_boundary((labels.end.min(labels.start + 2 * CONTEXT) + CONTEXT).min(end));
                (from, to)
            } else {
                (*start, end)
            };
            let prefix = if from > *start { "…" } else { "" };
            let chars_before = source[*start..from].chars().count();
            lines.push(QuotedLine {
                number: *number,
                start: text.len(),
                from,
                line_start: *start,
                prefix: prefix.len(),
                chars_before,
            });
            text.push_str(prefix);
            text.push_str(&source[from..to]);
            if to < end {
                text.push('…');
            }
            text.push('\n');
        }
        let excerpt = Excerpt { name, text, lines };
        let moved = spans.iter().map(|span| excerpt.moved(span.start)..excerpt.moved(span.end)).collect();
        (excerpt, moved)
    }

    /// Where the file's byte `offset` is in the excerpt (clamped into its quoted line).
    fn moved(&self, offset: usize) -> usize {
        let Some(line) = self.lines.iter().rev().find(|l| l.line_start <= offset) else {
            return 0;
        };
        let line_end = self.text[line.start..].find('\n').map_or(self.text.len(), |i| line.start + i);
        let within = offset.saturating_sub(line.from);
        self.text.floor_char_boundary((line.start + line.prefix + within).min(line_end))
    }

    fn line_of(&self, byte: usize) -> usize {
        self.lines.partition_point(|l| l.start <= byte).saturating_sub(1)
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.line_of(byte_index))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.lines.get(line_index).map_or(line_index, |line| line.number) + 1)
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, Error> {
        let line =
            self.lines.get(line_index).ok_or(Error::LineTooLarge { given: line_index, max: self.lines.len() })?;
        let quoted = line.start + line.prefix;
        let chars = self.text.get(quoted..byte_index.max(quoted)).map_or(0, |t| t.chars().count());
        Ok(line.chars_before + chars + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let line =
            self.lines.get(line_index).ok_or(Error::LineTooLarge { given: line_index, max: self.lines.len() })?;
        let end = self.lines.get(line_index + 1).map_or(self.text.len(), |next| next.start);
        Ok(line.start..end)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::deck::diagnostic::{Diagnostic, Related, Report, Severity, SourceFile};

    fn rendered(text: &str, span: std::ops::Range<usize>, related: Vec<Related>) -> String {
        let report = Report {
            files: vec![SourceFile { path: PathBuf::from("d.ron"), text: text.to_owned() }],
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                message: "m".into(),
                file: 0,
                span,
                label: "here".into(),
                help: None,
                related,
            }],
        };
        report.render()
    }

    #[test]
    fn a_long_line_is_quoted_as_a_window_around_the_caret_with_true_positions() {
        let line = format!("{}Ә{}", "x".repeat(5_000), "y".repeat(5_000));
        let text = format!("first\nsecond\n{line}\n");
        let at = text.find('Ә').unwrap();
        let out = rendered(&text, at..at + 'Ә'.len_utf8(), Vec::new());
        assert!(out.starts_with("d.ron:3:5001: error: m"), "{out}");
        assert!(out.contains("--> d.ron:3:5001"), "{out}");
        assert!(out.len() < 600, "a window, not the whole line ({} bytes):\n{out}", out.len());
        let quoted = out.lines().find(|l| l.starts_with("3 |")).unwrap();
        assert!(quoted.contains("…xxx") && quoted.contains("Әyyy") && quoted.ends_with('…'), "{quoted}");
        // The caret sits under the letter in the window.
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(caret.find('^'), quoted.find('Ә').map(|b| quoted[..b].chars().count()));
    }

    #[test]
    fn only_the_lines_labels_touch_are_quoted_and_long_labels_are_cut() {
        let mut text = String::new();
        for i in 0..2_000 {
            text.push_str(&format!("line {i}\n"));
        }
        let opener = text.find("line 3\n").unwrap();
        let error = text.find("line 1500\n").unwrap();
        let out = rendered(&text, error..error + 4, vec![Related { span: opener..opener + 1, label: "opened".into() }]);
        assert!(out.contains("4 | line 3") && out.contains("1501 | line 1500"), "{out}");
        assert!(!out.contains("line 700"), "lines between are not quoted:\n{out}");
        // A label over a thousand lines is cut to its first.
        let out = rendered(&text, 0..text.len(), Vec::new());
        assert!(out.lines().count() < 12, "{out}");
    }
}
