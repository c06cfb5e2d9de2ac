//! Text as the deck shows it: the languages a deck declares, plain and per-language text
//! resolved against them, and the warnings that keep a deck in several languages honest (a
//! language left out, words never translated, emphasis never closed).

use std::collections::HashSet;
use std::ops::Range;

use super::ctx::{Ctx, error_at};
use crate::deck::diagnostic::{Diagnostic, Severity};
use crate::deck::raw::RawDeckHeader;
use crate::deck::source::{Node, NodeKind, Step};
use crate::deck::text::{Link, RawText, Text, link_targets, unclosed_markers};

pub(super) fn declared_languages(
    header: &RawDeckHeader,
    root: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(languages) = &header.languages else {
        return vec!["en".to_owned()];
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, lang) in languages.iter().enumerate() {
        let span = root.find(&[Step::Field("languages"), Step::Index(i)]).span.clone();
        if !is_language_tag(lang) {
            diagnostics.push(error_at(
                span,
                &format!("`{lang}` is not a language tag"),
                "expected a code like \"en\", \"ru\" or \"kk\"",
                None,
            ));
        } else if !seen.insert(lang.clone()) {
            diagnostics.push(error_at(span, &format!("language `{lang}` is declared twice"), "duplicate", None));
        } else {
            out.push(lang.clone());
        }
    }
    if out.is_empty() {
        let span = root.find(&[Step::Field("languages")]).span.clone();
        diagnostics.push(error_at(
            span,
            "the deck declares no language",
            "empty",
            Some("declare at least one, e.g. `languages: [\"en\"]`"),
        ));
        out.push("en".to_owned());
    }
    out
}

/// Codes people write for a language that are really something else (a country's code, or
/// the three-letter code), with the language's two-letter code.
const CONFUSED_CODES: &[(&str, &str)] = &[
    ("kz", "kk"),
    ("kaz", "kk"),
    ("ua", "uk"),
    ("ukr", "uk"),
    ("jp", "ja"),
    ("jpn", "ja"),
    ("cz", "cs"),
    ("ces", "cs"),
    ("gr", "el"),
    ("dk", "da"),
    ("se", "sv"),
    ("cn", "zh"),
    ("zho", "zh"),
    ("kr", "ko"),
    ("rus", "ru"),
    ("eng", "en"),
    ("uk-ua", "uk"),
    ("deu", "de"),
    ("ger", "de"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("spa", "es"),
    ("kg", "ky"),
    ("kir", "ky"),
    ("tj", "tg"),
    ("uzb", "uz"),
    ("by", "be"),
];

/// The declared language `written` most likely means: through the table of confused codes,
/// by case, or by spelling.
fn likely_meant<'a>(written: &str, declared: &'a [String]) -> Option<&'a str> {
    let lower = written.to_ascii_lowercase();
    let by_table = CONFUSED_CODES.iter().find(|(wrong, _)| *wrong == lower).map(|(_, right)| *right);
    declared
        .iter()
        .find(|d| Some(d.as_str()) == by_table || d.eq_ignore_ascii_case(written))
        .map(String::as_str)
        .or_else(|| {
            let suggestion = crate::deck::diagnostic::did_you_mean(written, declared.iter().map(String::as_str))?;
            declared.iter().find(|d| suggestion.contains(&format!("`{d}`"))).map(String::as_str)
        })
}

pub(super) fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Ctx<'_, '_> {
    /// Whether `lang`, a key of the map at `path`, is one the deck declares; reports it at the
    /// key if not.
    pub(super) fn check_declared(&mut self, lang: &str, path: &[Step<'_>]) -> bool {
        if self.languages.iter().any(|d| d == lang) {
            return true;
        }
        let mut key: Vec<Step<'_>> = path.to_vec();
        key.push(Step::Key(lang));
        let listed: Vec<String> = self.languages.iter().map(|l| format!("{l:?}")).collect();
        let help = match likely_meant(lang, self.languages) {
            Some(meant) => format!("did you mean `{meant}`?"),
            None => format!("add it to `languages: [{}]`", listed.join(", ")),
        };
        self.report(
            Severity::Error,
            &key,
            format!("language `{lang}` is not declared by the deck"),
            "undeclared language",
            Some(help),
        );
        false
    }

    pub(super) fn text(&mut self, raw: RawText, path: &[Step<'static>]) -> Text {
        let text = raw;
        let declared = self.languages;
        let mut problems = Vec::new();
        let written = self.root.find(path);
        if let NodeKind::Struct { name, fields } = &written.kind
            && let Some(first) = fields.first()
            && !std::ptr::eq(written, self.root)
        {
            // `Heading(text: "…")`: fields where the text itself belongs, not languages. (The
            // root is where a text the file leaves out is looked for: not this case.)
            let help = match name {
                Some(name) => {
                    format!("write `{name}(\"…\")`; text in several languages is `{name}({{\"en\": \"…\"}})`")
                }
                None => "text in several languages is a map in braces: `{\"en\": \"…\", \"kk\": \"…\"}`".to_owned(),
            };
            let message = format!("`{}` is not a field here: the text is written directly", first.name);
            self.report_at(Severity::Error, first.name_span.clone(), message, "not a field", Some(help));
            return Text::resolve(text, declared);
        }
        let mut undeclared = false;
        for lang in text.languages() {
            undeclared |= !self.check_declared(lang, path);
        }
        if text.languages().next().is_some() {
            // A map with a mistyped language is one error, not also a missing language.
            if !undeclared {
                // What shows instead is what `Text::resolve` falls back to: the default language's
                // text, else the first one written.
                let shown = if text.has_language(&declared[0]) {
                    declared[0].as_str()
                } else {
                    text.languages().next().unwrap_or(&declared[0])
                };
                for lang in declared.iter().filter(|lang| !text.has_language(lang)) {
                    let message = format!("no `{lang}` text here; `{shown}` is shown instead");
                    problems.push((Severity::Warning, self.span(path), message, "missing a language", None));
                }
            }
        } else if declared.len() > 1
            && path.last() != Some(&Step::Field("notes"))
            && text.variants().any(|t| t.chars().any(char::is_alphabetic))
        {
            // Plain words in a deck of several languages are shown untranslated to every
            // visitor. Speaker notes are for the presenter and may stay in one language;
            // text without letters (numbers, dates) needs no translation.
            let others: Vec<String> = declared[1..].iter().map(|l| format!("`{l}`")).collect();
            problems.push((
                Severity::Warning,
                self.span(path),
                format!("this text has no {} version; every language shows it as written", others.join(", ")),
                "not translated",
                Some(format!(
                    "write a map such as {{{}}}",
                    declared.iter().map(|l| format!("\"{l}\": \"…\"")).collect::<Vec<_>>().join(", ")
                )),
            ));
        }
        for (variant, (marker, at)) in
            text.variants().flat_map(|v| unclosed_markers(v).into_iter().map(move |m| (v, m)))
        {
            problems.push((
                Severity::Warning,
                self.marker_span(path, variant, marker, at),
                format!("`{marker}` is never closed, so it is shown as typed"),
                "unclosed emphasis",
                Some(format!("close it with another `{marker}`, or put `\\` before each character meant literally")),
            ));
        }
        for (variant, (target, at)) in text.variants().flat_map(|v| link_targets(v).into_iter().map(move |t| (v, t))) {
            let span = self.literal_span(path, variant, &target, at);
            match Link::parse(&target) {
                Some(Link::Slide(id)) => self.shared.slide_links.push((id, self.file, span)),
                Some(Link::Web(_)) => {}
                None => problems.push((
                    Severity::Warning,
                    span,
                    format!("`{target}` is not a link: the text shows without one"),
                    "not a link target",
                    Some("link to a web page with `https://…` or `mailto:…`, or to a slide with `#its-id`".into()),
                )),
            }
        }
        for (severity, span, message, label, help) in problems {
            self.report_at(severity, span, message, label, help);
        }
        Text::resolve(text, declared)
    }

    /// Where `written` (found at byte `at` of the string `variant`, the text at `path` or
    /// one language of it) is in the file: its first occurrence in the literal, or the whole
    /// text if it cannot be told.
    fn literal_span(&self, path: &[Step<'_>], variant: &str, written: &str, at: usize) -> Range<usize> {
        let Some(literal) = self.literal(path, variant) else { return self.span(path) };

        let before = variant[..at].matches(written).count();
        let source = &self.source[literal.span.clone()];
        source
            .match_indices(written)
            .nth(before)
            .map(|(i, _)| literal.span.start + i..literal.span.start + i + written.len())
            .unwrap_or_else(|| literal.span.clone())
    }

    /// Where, in the file, the marker `marker` at byte `at` of the string `variant` (the
    /// text at `path`, or one language of it) is written; the whole text if it cannot be
    /// told. RON's escapes never write `*` or `=`, so the n-th such character of the string
    /// is the n-th inside its literal.
    fn marker_span(&self, path: &[Step<'_>], variant: &str, marker: &str, at: usize) -> Range<usize> {
        let Some(literal) = self.literal(path, variant) else { return self.span(path) };
        let symbol = marker.chars().next().unwrap_or('*');
        let before = variant[..at].matches(symbol).count();
        let source = &self.source[literal.span.clone()];
        let opening = source.find('"').map_or(0, |i| i + 1);
        source[opening..]
            .match_indices(symbol)
            .nth(before)
            .map(|(i, _)| {
                let start = literal.span.start + opening + i;
                start..start + marker.len()
            })
            .unwrap_or_else(|| literal.span.clone())
    }

    /// The string literal that holds `variant` of the text at `path` (the text itself, or one
    /// entry of its language map).
    fn literal(&self, path: &[Step<'_>], variant: &str) -> Option<&Node> {
        let node = self.root.find(path);
        match &node.kind {
            NodeKind::Str(_) => Some(node),
            NodeKind::Map(entries) => {
                entries.iter().map(|(_, value)| value).find(|v| matches!(&v.kind, NodeKind::Str(s) if s == variant))
            }
            _ => None,
        }
    }

    pub(super) fn opt_text(&mut self, raw: Option<RawText>, path: &[Step<'static>]) -> Option<Text> {
        raw.map(|raw| self.text(raw, path))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{problems, report, resolved};
    use super::is_language_tag;
    use crate::deck::{Lang, Severity};

    const KK: Lang = Lang::from_index(1);

    #[test]
    fn a_language_missing_from_a_map_falls_back_to_the_default_and_warns() {
        let text = r#"Deck(
    title: "1",
    languages: ["en", "kk"],
    slides: [Section(title: {"en": "Hello"})],
)"#;
        let (deck, warnings) = resolved(text);
        let title = deck.slides[0].content.title().unwrap();
        assert_eq!((title.get(Lang::DEFAULT), title.get(KK)), ("Hello", "Hello"));
        assert_eq!(
            super::super::test_support::headlines(&warnings),
            ["talk/deck.ron:4:29: warning: no `kk` text here; `en` is shown instead"]
        );
    }

    #[test]
    fn without_the_default_language_the_first_text_written_is_shown() {
        let text =
            r#"Deck(title: "1", languages: ["en", "kk", "ru"], slides: [Section(title: {"ru": "R", "kk": "K"})])"#;
        let (deck, warnings) = resolved(text);
        let title = deck.slides[0].content.title().unwrap();
        assert_eq!((title.get(Lang::DEFAULT), title.get(KK), title.get(Lang::from_index(2))), ("R", "K", "R"));
        assert_eq!(warnings.count(Severity::Warning), 1);
        assert_eq!(warnings.diagnostics[0].message, "no `en` text here; `ru` is shown instead", "says what shows");
    }

    #[test]
    fn an_undeclared_language_is_an_error_at_its_key_naming_it() {
        let text = r#"Deck(
    title: "1",
    languages: ["en", "kk"],
    slides: [Section(title: {"en": "A", "kk": "A", "de": "B"})],
)"#;
        assert_eq!(problems(text), ["talk/deck.ron:4:52: error: language `de` is not declared by the deck"]);
        let report = report(text);
        let diagnostic = &report.diagnostics[0];
        assert_eq!(&report.files[0].text[diagnostic.span.clone()], r#""de""#);
        assert_eq!(diagnostic.label, "undeclared language");
        assert_eq!(diagnostic.help.as_deref(), Some(r#"add it to `languages: ["en", "kk"]`"#));
    }

    #[test]
    fn plain_words_warn_in_a_deck_of_several_languages_but_not_numbers_or_notes() {
        let text = r#"Deck(
    title: "1",
    languages: ["en", "kk"],
    slides: [Statistic(value: "56", label: "people", notes: "say hi")],
)"#;
        let (_, warnings) = resolved(text);
        assert_eq!(
            super::super::test_support::headlines(&warnings),
            ["talk/deck.ron:4:44: warning: this text has no `kk` version; every language shows it as written"]
        );
        assert_eq!(warnings.diagnostics[0].help.as_deref(), Some(r#"write a map such as {"en": "…", "kk": "…"}"#));

        let (_, one_language) = resolved(r#"Deck(title: "Talk", slides: [Statistic(value: "56", label: "people")])"#);
        assert!(one_language.diagnostics.is_empty(), "{}", one_language.render());
    }

    #[test]
    fn unclosed_emphasis_warns_in_any_language_and_is_shown_as_typed() {
        let text = "Deck(\n    title: \"T\",\n    slides: [Section(title: \"==accent\")],\n)";
        let (deck, warnings) = resolved(text);
        assert_eq!(deck.slides[0].content.title().unwrap().default_text(), "==accent");
        assert_eq!(
            super::super::test_support::headlines(&warnings),
            ["talk/deck.ron:3:30: warning: `==` is never closed, so it is shown as typed"]
        );
        // In a string over several lines, the caret is on the marker, not the whole string.
        let text = "Deck(\n    title: \"T\",\n    slides: [Section(title: {\"en\": \"one,\ntwo *three\"})],\n)";
        let (_, warnings) = resolved(text);
        let headlines = super::super::test_support::headlines(&warnings);
        assert_eq!(headlines, ["talk/deck.ron:4:5: warning: `*` is never closed, so it is shown as typed"]);
        assert_eq!(warnings.diagnostics[0].span.len(), 1);

        let map = r#"Deck(title: "1", languages: ["en", "kk"], slides: [Section(title: {"en": "ok", "kk": "**x"})])"#;
        let (_, warnings) = resolved(map);
        assert_eq!(warnings.diagnostics.len(), 1, "{}", warnings.render());
        assert_eq!(warnings.diagnostics[0].message, "`**` is never closed, so it is shown as typed");
    }

    #[test]
    fn declared_languages_are_tags_each_declared_once() {
        let text = r#"Deck(
    title: "1",
    languages: ["en", "e n", "en", "kk"],
    slides: [Title(title: "1")],
)"#;
        assert_eq!(
            problems(text),
            [
                "talk/deck.ron:3:23: error: `e n` is not a language tag",
                "talk/deck.ron:3:30: error: language `en` is declared twice",
            ]
        );
        let none = "Deck(\n    title: \"1\",\n    languages: [],\n    slides: [Title(title: \"1\")],\n)";
        assert_eq!(problems(none), ["talk/deck.ron:3:16: error: the deck declares no language"]);

        let (deck, _) = resolved(r#"Deck(title: "1", languages: ["kk", "en"], slides: [Title(title: "1")])"#);
        assert_eq!(deck.languages, ["kk", "en"], "declared order, the first is the default");
        assert_eq!(deck.lang("en"), Some(KK));
    }

    #[test]
    fn language_tags_are_alphanumeric_parts_joined_by_hyphens() {
        for tag in ["en", "kk", "zh-Hant", "es-419"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "en-", "-en", "e n", "en_GB", "ру", &"a".repeat(36)] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }
}
