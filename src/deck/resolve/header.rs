//! The deck's own fields, each deserialised on its own from the span the scanner found for
//! it: a typo in `exhibit` or a wrong type in `theme` is one error about that field, and the
//! others (the declared `languages` above all) still count for the slides.

use serde::de::DeserializeOwned;

use super::ctx::error_at;
use super::ron_error::ron_diagnostic;
use crate::deck::diagnostic::{Diagnostic, did_you_mean};
use crate::deck::raw::RawDeckHeader;
use crate::deck::source::{Node, NodeKind};

/// Where the scanner found syntax errors, by file (sorted offsets): a value with one inside
/// is not deserialised, since the deserialiser would only say it again, in its own words.
#[derive(Default)]
pub(super) struct SyntaxErrors(Vec<Vec<usize>>);

impl SyntaxErrors {
    pub(super) fn add(&mut self, file: usize, mut offsets: Vec<usize>) {
        offsets.sort_unstable();
        if self.0.len() <= file {
            self.0.resize(file + 1, Vec::new());
        }
        self.0[file] = offsets;
    }

    pub(super) fn inside(&self, file: usize, node: &Node) -> bool {
        let Some(offsets) = self.0.get(file) else { return false };
        let first = offsets.partition_point(|&at| at < node.span.start);
        offsets.get(first).is_some_and(|&at| at < node.span.end)
    }
}

/// Deserialises one value of `text` (its span in the file) as `T`, or reports why not.
pub(super) fn parse_piece<T: DeserializeOwned>(
    ron: &ron::Options,
    (text, syntax): (&str, &SyntaxErrors),
    node: &Node,
    file: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if syntax.inside(file, node) {
        return None;
    }
    let piece = &text[node.span.clone()];
    match ron.from_str::<T>(piece) {
        Ok(value) => Some(value),
        Err(err) => {
            let mut diagnostic = ron_diagnostic(piece, node.span.start, &err);
            diagnostic.file = file;
            diagnostics.push(diagnostic);
            None
        }
    }
}

macro_rules! header_fields {
    ($($name:ident),* $(,)?) => {
        /// Every field a deck may have, in the order the format reference lists them.
        pub const HEADER_FIELDS: &[&str] = &[$(stringify!($name),)* "slides"];

        /// Sets the field `name` of `header` from `node`; false for a name the deck lacks.
        fn set_field(
            header: &mut RawDeckHeader,
            name: &str,
            node: &Node,
            ron: &ron::Options,
            source: (&str, &SyntaxErrors),
            diagnostics: &mut Vec<Diagnostic>,
        ) -> bool {
            match name {
                $(stringify!($name) => {
                    if let Some(value) = parse_piece(ron, source, node, 0, diagnostics) {
                        header.$name = value;
                    }
                    true
                })*
                "slides" => true,
                _ => false,
            }
        }
    };
}

header_fields!(
    title,
    author,
    date,
    aspect,
    languages,
    theme,
    show_counter,
    show_progress,
    default_duration,
    talk_minutes,
    transition,
    transition_seconds,
    exhibit
);

/// The deck's fields from the root value `Deck(…)`; `None` (with an error) when the file
/// holds something else.
pub(super) fn header(
    ron: &ron::Options,
    source: (&str, &SyntaxErrors),
    root: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RawDeckHeader> {
    let fields = match &root.kind {
        NodeKind::Struct { name: None, fields } => fields,
        NodeKind::Struct { name: Some(name), fields } if name == "Deck" => fields,
        _ => {
            diagnostics.push(error_at(
                root.span.start..root.span.start + 1,
                "a deck file holds `Deck(title: …, slides: […])`",
                "expected `Deck(` here",
                None,
            ));
            return None;
        }
    };
    let mut header = RawDeckHeader::default();
    let mut has_title = false;
    let mut unknown_fields = false;
    let mut seen = std::collections::HashSet::new();
    for field in fields {
        if !seen.insert(field.name.as_str()) {
            // Only the first is read; the second would be silently lost.
            diagnostics.push(error_at(
                field.name_span.clone(),
                &format!("the field `{}` is given twice", field.name),
                "again here",
                Some("keep one of them"),
            ));
            continue;
        }
        if matches!(field.value.kind, NodeKind::Broken) {
            // Its syntax error is reported; it is left at its default.
            has_title |= field.name == "title";
            continue;
        }
        if set_field(&mut header, &field.name, &field.value, ron, source, diagnostics) {
            has_title |= field.name == "title";
        } else {
            unknown_fields = true;
            let help = did_you_mean(&field.name, HEADER_FIELDS.iter().copied())
                .unwrap_or_else(|| format!("a deck's fields are {}", listed(HEADER_FIELDS)));
            diagnostics.push(error_at(
                field.name_span.clone(),
                &format!("unknown field `{}` in `Deck`", field.name),
                "unknown field",
                Some(&help),
            ));
        }
    }
    // A misspelt field is most likely the title: one error says so.
    if !has_title && !unknown_fields {
        diagnostics.push(error_at(
            root.span.start..root.span.start + 1,
            "`Deck` needs the field `title`",
            "`title` missing here",
            Some("for example `Deck(title: \"My talk\", slides: [...])`"),
        ));
    }
    Some(header)
}

fn listed(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
