//! Where things are in a RON file. The scanner ([`scanner`]) reads the file's structure,
//! reports its syntax errors in people's words, and records the byte span of every value
//! ([`node`]), so diagnostics found after deserialising (a missing image, an undeclared
//! language) point at the exact place, and each slide and each of the deck's own fields can
//! be deserialised on its own: one broken slide or field never hides another.
//!
//! `ron` judges what the values mean (types, fields, variants), one piece at a time.

mod error;
mod node;
mod positions;
mod recovery;
mod repair;
mod scanner;

pub use error::{Related, SyntaxError};
pub use node::{Field, Node, NodeKind, Step};
pub use positions::{LineIndex, line_col, lone_returns_as_newlines, offset_of};
pub use recovery::{OpenAt, open_at, string_end};
pub use scanner::MAX_DEPTH;

/// What the scanner found: the document's value (as much of it as could be read) and every
/// syntax error, in file order.
#[derive(Debug, PartialEq)]
pub struct Scan {
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
}

/// Scans a whole RON document: optional `#![enable(…)]` attributes, then one value.
pub fn scan(source: &str) -> Scan {
    let mut scanner = scanner::Scanner::new(source);
    let root = scanner.document();
    let mut errors = scanner.errors;
    let root = match root {
        Ok(root) => Some(root),
        Err(error) => {
            errors.push(*error);
            None
        }
    };
    errors.sort_by_key(|e| e.span.start);
    Scan { root, errors }
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
        let scanned = scan(src);
        assert_eq!(scanned.errors, []);
        let root = scanned.root.unwrap();
        let kk = root.find(&[Step::Field("slides"), Step::Index(0), Step::Field("title"), Step::Key("kk")]);
        assert_eq!(&src[kk.span.clone()], "\"kk\"");
        let id = root.find(&[Step::Field("slides"), Step::Index(1), Step::Field("id")]);
        assert_eq!(&src[id.span.clone()], "\"x\"");
        let nested = root.find(&[Step::Field("slides"), Step::Index(1), Step::Field("items"), Step::Index(1)]);
        assert!(matches!(nested.kind, NodeKind::Tuple { name: None, .. }));
        assert_eq!(line_col(src, kk.span.start), (5, 35));
    }

    /// The one syntax error in `src`, located as `line:col`, with its message and the
    /// location and label of its related place, if any.
    fn only_error(src: &str) -> (String, String, Option<(String, String)>) {
        let scanned = scan(src);
        assert_eq!(scanned.errors.len(), 1, "{src}\n{:#?}", scanned.errors);
        let error = &scanned.errors[0];
        let at = |offset| {
            let (line, col) = line_col(src, offset);
            format!("{line}:{col}")
        };
        let related = error.related.as_ref().map(|r| (at(r.span.start), r.label.clone()));
        (at(error.span.start), error.message.clone(), related)
    }

    #[test]
    fn reports_where_syntax_breaks() {
        let (at, message, related) = only_error("Deck(title: \"x\" slides: [])");
        // At the gap, so neither field is taken for broken; the next one is the related place.
        assert_eq!((at.as_str(), message.as_str()), ("1:16", "a `,` is missing between these two fields"));
        assert_eq!(related, Some(("1:17".into(), "the next field".into())));
        let fine = scan("(a: r#\"raw \" quote\"#, b: '\\'', c: /* /* nested */ */ 1.5e3)");
        assert!(fine.errors.is_empty() && fine.root.is_some());
    }

    const DECK_HEAD: &str = "Deck(\n    title: \"T\",\n    slides: [\n";
    const DECK_TAIL: &str = "    ],\n)\n";

    fn deck(slides: &str) -> String {
        format!("{DECK_HEAD}{slides}{DECK_TAIL}")
    }

    #[test]
    fn an_unclosed_bracket_is_named_where_it_was_opened() {
        let src = deck("        Section(title: \"Two\"\n        Title(title: \"Three\"),\n");
        let (at, message, related) = only_error(&src);
        assert_eq!((at.as_str(), message.as_str()), ("4:16", "this `(` is never closed"));
        assert_eq!(related, Some(("5:9".into(), "expected it to close before this".into())));

        let src = deck("        Bullets(title: \"B\", items: [\"a\", \"b\"),\n");
        let (at, message, related) = only_error(&src);
        assert_eq!(
            (at.as_str(), message.as_str()),
            ("4:45", "expected `]` to close the list opened at 4:36, found `)`")
        );
        assert_eq!(related, Some(("4:36".into(), "opened here".into())));

        let (at, message, related) = only_error("Deck(title: \"T\", slides: [");
        assert_eq!((at.as_str(), message.as_str()), ("1:26", "this `[` is never closed"));
        assert_eq!(related.map(|r| r.1), Some("the file ends here".into()));
    }

    #[test]
    fn a_stray_bracket_and_a_string_left_open_are_named() {
        let (at, message, _) = only_error(&deck("        Title(title: \"Hi\")),\n"));
        assert_eq!(
            (at.as_str(), message.as_str()),
            ("4:27", "this `)` does not belong here: the list opened at 3:13 is still open")
        );

        let src = deck("        Title(title: \"Hi),\n        Section(title: \"Two\"),\n");
        let (at, message, related) = only_error(&src);
        assert_eq!(
            (at.as_str(), message.as_str()),
            ("4:22", "this string runs on to line 5: is its closing `\"` missing?")
        );
        assert_eq!(related.map(|r| r.1), Some("and ends here".into()));

        let (at, message, _) = only_error("Deck(title: \"T\", slides: [Title(title: \"open");
        assert_eq!((at.as_str(), message.as_str()), ("1:40", "this string is never closed"));
    }

    #[test]
    fn missing_colons_and_values_are_named() {
        let (at, message, _) = only_error(&deck("        Title(title \"Hi\"),\n"));
        assert_eq!((at.as_str(), message.as_str()), ("4:15", "expected `:` after the field name `title`"));
        let (at, message, _) = only_error(&deck("        Section(title: ),\n"));
        assert_eq!((at.as_str(), message.as_str()), ("4:24", "a value is missing after the `:`"));
    }

    #[test]
    fn after_an_error_the_scan_goes_on_at_the_next_line_indented_alike() {
        let src = deck(concat!(
            "        Title(title: \"One\" subtitle: \"no comma\"),\n",
            "        Section(title: (\"broken\"),\n",
            "        Title(title: \"Three\"),\n",
            "        Quote(text: \"unclosed),\n",
            "        Title(title: \"Five\"),\n",
        ));
        let scanned = scan(&src);
        let messages: Vec<&str> = scanned.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        let slides = scanned.root.unwrap().field("slides").unwrap().value.items().to_vec();
        let kinds: Vec<bool> = slides.iter().map(|s| matches!(s.kind, NodeKind::Broken)).collect();
        // The missing comma is forgiven; the unclosed `(` and the unclosed string break
        // their slides only, and the slides after them are read.
        assert_eq!(kinds, [false, true, false, true, false]);
        assert_eq!(&src[slides[4].span.clone()], "Title(title: \"Five\")");
    }

    #[test]
    fn nesting_is_limited_with_a_plain_message() {
        let deep = format!("{}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let (_, message, _) = only_error(&deep);
        assert_eq!(message, format!("this value is nested more than {MAX_DEPTH} levels deep"));
        let fine = format!("{}1{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(scan(&fine).errors.is_empty());
    }

    #[test]
    fn old_mac_line_ends_count_as_lines_and_keep_every_offset() {
        let text = lone_returns_as_newlines("a\rӘ\r\nb\r".to_owned());
        assert_eq!(text, "a\nӘ\r\nb\n");
        assert_eq!((line_col(&text, 2), line_col(&text, 6)), ((2, 1), (3, 1)), "Ә is two bytes; \\r\\n one line end");
    }

    #[test]
    fn line_col_and_offset_round_trip_with_multibyte_text() {
        let src = "ab\nӘғ x\n";
        let offset = offset_of(src, 2, 4);
        assert_eq!(&src[offset..offset + 1], "x");
        assert_eq!(line_col(src, offset), (2, 4));
    }

    /// Inputs found by fuzzing that once panicked (an unknown escape before a letter of
    /// several bytes) or never ended (a recovery that stopped at a closing bracket): each
    /// scan ends, with errors, and the slide after a broken one is still read.
    #[test]
    fn inputs_that_once_hung_or_panicked_end_with_their_errors() {
        let multi_line = |field: &str| {
            deck(&format!("        Title(\n            {field}\n        ),\n        Section(title: \"Next\"),\n"))
        };
        let cases = [
            (multi_line("title: \"Hi\",,"), "one `,` too many"),
            (multi_line("title: \"A \"short\" talk\","), "text goes on right after this string's closing quote"),
            (
                multi_line("title: \"Hi\", subtitle: \"x),"),
                "this string runs on to line 7: is its closing `\"` missing?",
            ),
            ("[\n \"\n)".to_owned(), "this `[` is never closed"),
            ("\"\\é\"".to_owned(), ""),
            ("Deck(title: \"T\", slides: [Image(path: \"C:\\Фото\\a.png\")])".to_owned(), ""),
        ];
        for (src, first) in cases {
            let scanned = scan(&src);
            if !first.is_empty() {
                assert_eq!(scanned.errors.first().map(|e| e.message.as_str()), Some(first), "{src}");
            }
            if src.contains("Next") {
                let slides = scanned.root.as_ref().unwrap().field("slides").unwrap().value.items();
                assert!(
                    slides.iter().any(|s| matches!(&s.kind, NodeKind::Struct { name: Some(n), .. } if n == "Section")),
                    "{src}"
                );
            }
        }
    }

    #[test]
    fn invisible_characters_words_without_quotes_and_doubled_commas_are_named() {
        let (at, message, _) = only_error(&deck("        Title(title: \"A\"),\n\u{a0}       Title(title: \"B\"),\n"));
        assert_eq!((at.as_str(), message.as_str()), ("5:1", "an invisible character (U+00A0) is here"));
        let (_, message, _) = only_error(&deck("        Section(title: Part one),\n"));
        assert_eq!(message, "text is written in double quotes");
        let (_, message, _) = only_error(&deck("        Title(hidden true, title: \"x\"),\n"));
        assert_eq!(message, "expected `:` after the field name `hidden`");
        // A flat file (nothing indented) with a missing comma is a missing comma.
        let (at, message, _) =
            only_error("Deck(\ntitle: \"T\",\nslides: [\nTitle(title: \"A\")\nSection(title: \"B\"),\n],\n)");
        assert_eq!((at.as_str(), message.as_str()), ("4:18", "a `,` is missing between these two items"));
    }
}
