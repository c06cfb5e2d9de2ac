//! The deserialiser's errors in the user's words: which ones are syntax (nothing after them
//! can be trusted) and how each one reads as a [`Diagnostic`] under the right word.

use crate::deck::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::deck::source::offset_of;

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
    let found_text = &text[start..end.min(text.len())];
    let (message, label, help) = match &err.code {
        E::NoSuchStructField { expected, found, outer } => {
            let help = did_you_mean(found, expected.iter().copied()).unwrap_or_else(|| expected_list(expected));
            let message = match outer {
                Some(outer) => format!("unknown field `{found}` in `{}`", user_name(outer)),
                None => format!("unknown field `{found}`"),
            };
            (message, "unknown field".to_owned(), Some(help))
        }
        E::NoSuchEnumVariant { expected, found, outer } => {
            let help = did_you_mean(found, expected.iter().copied()).unwrap_or_else(|| expected_list(expected));
            let what = match outer.as_deref() {
                Some("RawSlide") => "slide kind".to_owned(),
                Some("RawBlock") => "block kind".to_owned(),
                Some(outer) => what_value(outer),
                None => "name".to_owned(),
            };
            let label = if what.starts_with('`') { format!("not a valid {what}") } else { format!("not a {what}") };
            (format!("unknown {what} `{found}`"), label, Some(help))
        }
        E::MissingStructField { field, outer } => {
            let message = match outer {
                Some(outer) => format!("`{}` needs the field `{field}`", user_name(outer)),
                None => format!("missing field `{field}`"),
            };
            (message, format!("`{field}` missing here"), None)
        }
        E::DuplicateStructField { field, .. } => {
            (format!("the field `{field}` is given twice"), "again here".to_owned(), Some("keep one of them".into()))
        }
        E::InvalidValueForType { expected, found } => {
            (format!("wrong type: expected {expected}, found {found}"), "wrong type".to_owned(), None)
        }
        E::ExpectedDifferentLength { expected, found } => {
            (format!("expected {expected}, found {found} elements"), "wrong length".to_owned(), None)
        }
        E::ExpectedBoolean => wrong_type("`true` or `false`"),
        E::ExpectedString | E::ExpectedStringEnd => wrong_type("a string in double quotes"),
        E::ExpectedInteger | E::ExpectedFloat | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            wrong_type("a number")
        }
        E::FloatUnderscore | E::UnderscoreAtBeginning => wrong_type("a number without `_`"),
        E::ExpectedArray | E::ExpectedArrayEnd => wrong_type("a list `[…]`"),
        E::ExpectedMap | E::ExpectedMapEnd | E::ExpectedMapColon => wrong_type("a map `{…}`"),
        E::ExpectedChar | E::ExpectedByteLiteral | E::ExpectedByteString => wrong_type("a string in double quotes"),
        E::ExpectedOption | E::ExpectedOptionEnd | E::ExpectedUnit | E::ExpectedRawValue => wrong_type("a value"),
        E::ExpectedStructLike | E::ExpectedStructLikeEnd | E::ExpectedRangeSyntax => {
            wrong_type("a group of fields `(name: value, …)`")
        }
        E::ExpectedNamedStructLike(name) | E::ExpectedDifferentStructName { expected: name, .. } => {
            wrong_type(&format!("`{}(…)`", user_name(name)))
        }
        E::ExpectedStructName(name) => wrong_type(&format!("`{}(…)`", user_name(name))),
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => quoted_name(&text[start..])
            .unwrap_or_else(|| wrong_type("a name such as `Left` or `Cover`, without quotes")),
        E::ExpectedComma => ("expected `,` before the next field or item".to_owned(), "missing `,`".to_owned(), None),
        E::Eof => ("the file ends too early: a bracket or quote is not closed".to_owned(), "here".to_owned(), None),
        E::ExceededRecursionLimit => (
            format!("this value is nested more than {} levels deep", crate::deck::source::MAX_DEPTH),
            "too deep".to_owned(),
            None,
        ),
        E::InvalidEscape(what) => (format!("invalid escape in a string: {what}"), "here".to_owned(), None),
        E::UnexpectedChar(c) => (format!("unexpected `{c}`"), "here".to_owned(), None),
        E::TrailingCharacters => ("unexpected text after the value".to_owned(), "here".to_owned(), None),
        E::UnclosedBlockComment | E::UnclosedLineComment => {
            ("this comment is never closed".to_owned(), "here".to_owned(), None)
        }
        E::Message(message) => (lowercase_first(message), "here".to_owned(), None),
        E::Utf8Error(_) => ("this text is not valid UTF-8".to_owned(), "here".to_owned(), None),
        E::ExpectedAttribute | E::ExpectedAttributeEnd | E::NoSuchExtension(_) => {
            ("invalid `#![enable(…)]` attribute".to_owned(), "here".to_owned(), None)
        }
        E::Io(_) | E::Fmt => ("the deck could not be read".to_owned(), "here".to_owned(), None),
        other => (lowercase_first(&other.to_string()), "here".to_owned(), None),
    };
    let end = if matches!(err.code, E::ExpectedIdentifier) && found_text.starts_with('"') {
        // Underline the whole quoted word.
        start + text[start + 1..].find('"').map_or(1, |i| i + 2)
    } else {
        end
    };
    Diagnostic {
        severity: Severity::Error,
        message,
        file: 0,
        span: base + start..base + end,
        label,
        help,
        related: Vec::new(),
    }
}

/// Names a value of the enum `outer` (a type name) as the deck format does.
fn what_value(outer: &str) -> String {
    match outer {
        "RawTransition" => "transition".to_owned(),
        "RawOnIdle" => "`on_idle` value".to_owned(),
        "RawWeekday" => "day".to_owned(),
        "RawBackground" => "background".to_owned(),
        "Fit" => "`fit` value".to_owned(),
        "Side" => "`image_side` value".to_owned(),
        other => format!("`{}` value", user_name(other)),
    }
}

/// A type name as the deck format calls it: the serde types' `Raw` prefix is an
/// implementation detail.
fn user_name(name: &str) -> &str {
    name.strip_prefix("Raw").filter(|rest| !rest.is_empty()).unwrap_or(name)
}

/// Every name the format takes without quotes (the variants of its plain enums).
const BARE_NAMES: &[&str] = &[
    "Left",
    "Right",
    "Contain",
    "Cover",
    "None",
    "Crossfade",
    "Slide",
    "Restart",
    "Resume",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
];

/// `"left"` where a name was expected: suggest the name without quotes.
fn quoted_name(found: &str) -> Option<(String, String, Option<String>)> {
    let inner = found.strip_prefix('"')?;
    let inner = &inner[..inner.find('"').unwrap_or(inner.len())];
    let name = BARE_NAMES
        .iter()
        .find(|n| n.eq_ignore_ascii_case(inner))
        .map(|n| (*n).to_owned())
        .or_else(|| did_you_mean(inner, BARE_NAMES.iter().copied()).map(|_| inner.to_owned()))?;
    Some((
        format!("`{name}` is a name, written without quotes"),
        "remove the quotes".to_owned(),
        Some(format!("write `{name}`, not `\"{inner}\"`")),
    ))
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
        assert_eq!(problems("Deck(title: \"T\", slides: ["), ["talk/deck.ron:1:26: error: this `[` is never closed"]);
    }
}
