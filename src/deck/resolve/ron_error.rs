//! The deserialiser's errors in the user's words: which ones are syntax (nothing after them
//! can be trusted) and how each one reads as a [`Diagnostic`] under the right word.

use crate::deck::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::deck::source::offset_of;

pub(super) fn is_syntax_error(code: &ron::Error) -> bool {
    use ron::Error as E;
    !matches!(
        code,
        E::NoSuchStructField { .. }
            | E::NoSuchEnumVariant { .. }
            | E::MissingStructField { .. }
            | E::DuplicateStructField { .. }
            | E::InvalidValueForType { .. }
            | E::ExpectedDifferentLength { .. }
            | E::ExpectedDifferentStructName { .. }
            | E::ExpectedBoolean
            | E::ExpectedString
            | E::ExpectedInteger
            | E::ExpectedFloat
            | E::ExpectedArray
            | E::ExpectedMap
            | E::ExpectedStructLike
            | E::ExpectedNamedStructLike(_)
            | E::Message(_)
    )
}

/// Turns a `ron` error in `text` (which starts at byte `base` of the file) into a diagnostic.
pub(super) fn ron_diagnostic(text: &str, base: usize, err: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let mut start = offset_of(text, err.span.start.line, err.span.start.col);
    // The parser may stop on the blank before a value; point at the value itself.
    start += text[start..].len() - text[start..].trim_start().len();
    let mut end = offset_of(text, err.span.end.line, err.span.end.col).max(start);
    if end == start {
        // Underline the whole word the parser stopped at.
        end = start + text[start..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(0).max(1);
        end = end.min(text.len());
    }
    let (message, label, help) = match &err.code {
        E::NoSuchStructField { expected, found, outer } => {
            let help = did_you_mean(found, expected.iter().copied()).unwrap_or_else(|| expected_list(expected));
            let message = match outer {
                Some(outer) => format!("unknown field `{found}` in `{outer}`"),
                None => format!("unknown field `{found}`"),
            };
            (message, "unknown field".to_owned(), Some(help))
        }
        E::NoSuchEnumVariant { expected, found, outer } => {
            let help = did_you_mean(found, expected.iter().copied()).unwrap_or_else(|| expected_list(expected));
            let what = match outer.as_deref() {
                Some("RawSlide") => "slide kind".to_owned(),
                Some("RawBlock") => "block kind".to_owned(),
                Some(outer) => format!("`{outer}` variant"),
                None => "variant".to_owned(),
            };
            (format!("unknown {what} `{found}`"), format!("not a {what}"), Some(help))
        }
        E::MissingStructField { field, outer } => {
            let message = match outer {
                Some(outer) => format!("`{outer}` needs the field `{field}`"),
                None => format!("missing field `{field}`"),
            };
            (message, format!("`{field}` missing here"), None)
        }
        E::InvalidValueForType { expected, found } => {
            (format!("wrong type: expected {expected}, found {found}"), "wrong type".to_owned(), None)
        }
        E::ExpectedBoolean => wrong_type("`true` or `false`"),
        E::ExpectedString => wrong_type("a string in double quotes"),
        E::ExpectedInteger | E::ExpectedFloat => wrong_type("a number"),
        E::ExpectedArray => wrong_type("a list `[…]`"),
        E::ExpectedMap => wrong_type("a map `{…}`"),
        E::ExpectedComma => ("expected `,` before the next field or item".to_owned(), "missing `,`".to_owned(), None),
        E::Eof => ("the file ends too early: a bracket or quote is not closed".to_owned(), "here".to_owned(), None),
        other => (lowercase_first(&other.to_string()), "here".to_owned(), None),
    };
    Diagnostic { severity: Severity::Error, message, file: 0, span: base + start..base + end, label, help }
}

fn wrong_type(expected: &str) -> (String, String, Option<String>) {
    (format!("wrong type: expected {expected}"), "wrong type".to_owned(), None)
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

fn expected_list(expected: &[&str]) -> String {
    let names: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    format!("expected one of {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{problems, report};
    use super::{is_syntax_error, lowercase_first};

    /// The one diagnostic of loading `slide` as the deck's only slide, and the text it
    /// underlines.
    fn only(slide: &str) -> (crate::deck::Diagnostic, String) {
        let report = report(&format!("Deck(title: \"T\", slides: [{slide}])"));
        assert_eq!(report.diagnostics.len(), 1, "{}", report.render());
        let diagnostic = report.diagnostics[0].clone();
        let underlined = report.files[0].text[diagnostic.span.clone()].to_owned();
        (diagnostic, underlined)
    }

    #[test]
    fn unknown_names_are_underlined_whole_with_the_closest_suggested() {
        let (kind, underlined) = only(r#"Bulets(title: "A", items: [])"#);
        assert_eq!((kind.message.as_str(), kind.label.as_str()), ("unknown slide kind `Bulets`", "not a slide kind"));
        assert_eq!((underlined.as_str(), kind.help.as_deref()), ("Bulets", Some("did you mean `Bullets`?")));

        let (block, underlined) = only(r#"Blocks(blocks: [Paragrph("x")])"#);
        assert_eq!(block.message, "unknown block kind `Paragrph`");
        assert_eq!((underlined.as_str(), block.help.as_deref()), ("Paragrph", Some("did you mean `Paragraph`?")));

        let (field, underlined) = only(r#"Title(titel: "A")"#);
        assert_eq!(
            (field.message.as_str(), field.label.as_str()),
            ("unknown field `titel` in `Title`", "unknown field")
        );
        assert_eq!((underlined.as_str(), field.help.as_deref()), ("titel", Some("did you mean `title`?")));

        let (far, _) = only(r#"Title(title: "A", zzz: 1)"#);
        let help = far.help.unwrap();
        assert!(help.starts_with("expected one of `title`, `subtitle`, `byline`"), "{help}");
    }

    #[test]
    fn wrong_types_and_missing_fields_say_what_was_expected() {
        let (boolean, underlined) = only(r#"Title(title: "A", hidden: "yes")"#);
        assert_eq!(
            (boolean.message.as_str(), boolean.label.as_str()),
            ("wrong type: expected `true` or `false`", "wrong type")
        );
        assert_eq!(underlined, "\"");

        let (text, _) = only("Title(title: 5)");
        assert!(text.message.starts_with("wrong type: expected text: a string, or a map"), "{}", text.message);

        let (missing, _) = only("Section()");
        assert_eq!(missing.message, "`Section` needs the field `title`");
        assert_eq!(missing.label, "`title` missing here");
    }

    #[test]
    fn a_file_that_ends_early_is_one_error_at_its_last_character() {
        assert_eq!(
            problems("Deck(title: \"T\", slides: ["),
            ["talk/deck.ron:1:26: error: the file ends too early: a bracket or quote is not closed"]
        );
    }

    #[test]
    fn only_errors_about_meaning_let_the_load_go_on() {
        use ron::Error as E;
        assert!(is_syntax_error(&E::ExpectedComma));
        assert!(is_syntax_error(&E::Eof));
        assert!(!is_syntax_error(&E::ExpectedString));
        assert!(!is_syntax_error(&E::MissingStructField { field: "title", outer: None }));
        assert_eq!(lowercase_first("Expected Foo"), "expected Foo");
        assert_eq!(lowercase_first(""), "");
    }
}
