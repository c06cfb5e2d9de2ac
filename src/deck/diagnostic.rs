//! Problems found in a deck, each pointing at a file, line and column, rendered the way
//! compilers do: `path:line:col: error: message`, then the source line with a caret.
//! The snippet itself is drawn by `codespan-reporting`; this module only adds the
//! one-line headline that editors and terminals recognise as a jump target.

use std::ops::Range;
use std::path::PathBuf;

use codespan_reporting::diagnostic::{Diagnostic as CodespanDiagnostic, Label};
use codespan_reporting::term;

use super::excerpt::Excerpt;
use super::source::LineIndex;
pub use super::source::Related;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, in one file, at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Index into [`Report::files`].
    pub file: usize,
    /// Byte range in that file.
    pub span: Range<usize>,
    /// Short text under the caret.
    pub label: String,
    pub help: Option<String>,
    /// Other places in the same file the problem concerns (where a bracket was opened),
    /// quoted with their own labels.
    pub related: Vec<Related>,
}

/// A source file as it was read, kept so diagnostics can quote it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFile {
    /// The path as the user gave it (or as it was resolved), used in headlines.
    pub path: PathBuf,
    pub text: String,
}

/// Every problem found in one load, with the files they point into.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// A line index of each file, for rendering many diagnostics.
    pub fn line_indexes(&self) -> Vec<LineIndex> {
        self.files.iter().map(|f| LineIndex::new(&f.text)).collect()
    }

    /// Renders one diagnostic: the headline, then the quoted source with a caret.
    pub fn render_one(&self, diagnostic: &Diagnostic) -> String {
        self.render_with(diagnostic, &LineIndex::new(&self.files[diagnostic.file].text))
    }

    /// [`Self::render_one`] with the line index of the diagnostic's file.
    fn render_with(&self, diagnostic: &Diagnostic, index: &LineIndex) -> String {
        let severity = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = &self.files[diagnostic.file];
        let (line, col) = index.line_col(&file.text, diagnostic.span.start);
        let mut out = format!("{}:{line}:{col}: {severity}: {}\n", file.path.display(), diagnostic.message);

        let spans: Vec<Range<usize>> = std::iter::once(&diagnostic.span)
            .chain(diagnostic.related.iter().map(|r| &r.span))
            .map(|span| clamp_span(&file.text, span))
            .collect();
        let (excerpt, spans) = Excerpt::new(file.path.display().to_string(), &file.text, index, &spans);
        let labels = spans.into_iter().enumerate().map(|(i, span)| match i {
            0 => Label::primary((), span).with_message(&diagnostic.label),
            _ => Label::secondary((), span).with_message(&diagnostic.related[i - 1].label),
        });
        let mut snippet = match diagnostic.severity {
            Severity::Error => CodespanDiagnostic::error(),
            Severity::Warning => CodespanDiagnostic::warning(),
        }
        .with_message(&diagnostic.message)
        .with_labels(labels.collect());
        if let Some(help) = &diagnostic.help {
            snippet = snippet.with_notes(vec![format!("help: {help}")]);
        }
        let config = term::Config { chars: term::Chars::ascii(), ..term::Config::default() };
        match term::emit_into_string(&config, &excerpt, &snippet) {
            // codespan opens with its own "error: message" line; the headline above replaces it.
            Ok(rendered) => {
                for line in rendered.trim_end().lines().skip(1) {
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
            Err(err) => out.push_str(&format!("  (could not quote the source: {err})\n")),
        }
        out
    }

    /// Renders every diagnostic, errors first in file order, then a summary line.
    pub fn render(&self) -> String {
        let indexes = self.line_indexes();
        let mut out = String::new();
        for diagnostic in self.sorted() {
            out.push_str(&self.render_with(diagnostic, &indexes[diagnostic.file]));
            out.push('\n');
        }
        out
    }

    /// Diagnostics in the order a reader wants them: by file, then by position.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut sorted: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        sorted.sort_by_key(|d| (d.file, d.span.start, std::cmp::Reverse(d.severity)));
        sorted
    }

    /// "2 errors, 1 warning".
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning")
        )
    }
}

/// Keeps a span inside the text and on character boundaries; an empty span at the end of
/// the file still gets a caret.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start);
    let end = fix(span.end.max(span.start));
    start..end
}

/// "did you mean `x`?" for the closest of `candidates`, if one is close enough.
pub fn did_you_mean<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&found.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_line_and_caret() {
        let report = Report {
            files: vec![SourceFile { path: "deck.ron".into(), text: "Deck(\n    titel: \"x\",\n)\n".into() }],
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                message: "unknown field `titel`".into(),
                file: 0,
                span: 10..15,
                label: "not a field of the deck".into(),
                help: Some("did you mean `title`?".into()),
                related: Vec::new(),
            }],
        };
        assert_eq!(
            report.render(),
            "deck.ron:2:5: error: unknown field `titel`\n  \
             --> deck.ron:2:5\n  \
             |\n\
             2 |     titel: \"x\",\n  \
             |     ^^^^^ not a field of the deck\n  \
             |\n  \
             = help: did you mean `title`?\n\n"
        );
        assert_eq!(report.summary(), "1 error, 0 warnings");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("Bulets", ["Title", "Bullets"]).as_deref(), Some("did you mean `Bullets`?"));
        assert_eq!(did_you_mean("zzz", ["Title", "Bullets"]), None);
    }
}
