//! Text as decks write it: a plain string or a per-language map, and the small inline
//! markup (`**bold**`, `*italic*`, `==accent==`, `\` escapes) that styles it.
//!
//! Parsing markup is pure and cheap, so layout parses on demand instead of storing spans.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// Text exactly as written in the file: one string for every language, or one per language.
#[derive(Clone, Debug, PartialEq)]
pub enum RawText {
    Plain(String),
    ByLanguage(Vec<(String, String)>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"text: a string, or a map of language to string like {"en": "…", "kk": "…"}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawText, E> {
                Ok(RawText::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
                let mut entries = Vec::new();
                while let Some((lang, text)) = map.next_entry::<String, String>()? {
                    entries.push((lang, text));
                }
                if entries.is_empty() {
                    return Err(de::Error::custom("a language map needs at least one entry"));
                }
                Ok(RawText::ByLanguage(entries))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Validated text: the same string for all languages, or one per declared language.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// `None` as the language means "every language".
    variants: Vec<(Option<String>, String)>,
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { variants: vec![(None, text.into())] }
    }

    pub fn from_raw(raw: RawText) -> Self {
        match raw {
            RawText::Plain(text) => Self::plain(text),
            RawText::ByLanguage(entries) => {
                Self { variants: entries.into_iter().map(|(lang, text)| (Some(lang), text)).collect() }
            }
        }
    }

    /// The text in `lang`, else in `default_lang`, else the first one written.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        let find = |wanted: &str| self.variants.iter().find(|(l, _)| l.as_deref().is_none_or(|l| l == wanted));
        find(lang).or_else(|| find(default_lang)).or(self.variants.first()).map_or("", |(_, text)| text.as_str())
    }

    /// Whether this text was written for `lang` specifically (or for all languages).
    pub fn has_language(&self, lang: &str) -> bool {
        self.variants.iter().any(|(l, _)| l.as_deref().is_none_or(|l| l == lang))
    }

    /// The languages this text names explicitly.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().filter_map(|(l, _)| l.as_deref())
    }

    /// Every variant, for validation (markup checks apply to each language).
    pub fn variants(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().map(|(_, t)| t.as_str())
    }
}

/// How one run of characters is styled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SpanStyle {
    pub bold: bool,
    pub italic: bool,
    pub accent: bool,
}

/// A run of characters sharing one style.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Bold,
    Italic,
    Accent,
}

impl Marker {
    fn symbol(self) -> &'static str {
        match self {
            Marker::Bold => "**",
            Marker::Italic => "*",
            Marker::Accent => "==",
        }
    }
}

enum Token {
    Text(String),
    Marker(Marker),
}

fn tokenize(source: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut chars = source.chars().peekable();
    let flush = |text: &mut String, tokens: &mut Vec<Token>| {
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = chars.next() {
        let marker = match c {
            '\\' => {
                // An escaped character is always literal; a trailing backslash stays as is.
                text.push(chars.next().unwrap_or('\\'));
                continue;
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                Marker::Bold
            }
            '*' => Marker::Italic,
            '=' if chars.peek() == Some(&'=') => {
                chars.next();
                Marker::Accent
            }
            _ => {
                text.push(c);
                continue;
            }
        };
        flush(&mut text, &mut tokens);
        tokens.push(Token::Marker(marker));
    }
    flush(&mut text, &mut tokens);
    tokens
}

/// Markers that open a style and never close it; they are shown literally.
pub fn unclosed_markers(source: &str) -> Vec<&'static str> {
    let tokens = tokenize(source);
    [Marker::Bold, Marker::Italic, Marker::Accent]
        .into_iter()
        .filter(|m| tokens.iter().filter(|t| matches!(t, Token::Marker(x) if x == m)).count() % 2 == 1)
        .map(Marker::symbol)
        .collect()
}

/// Parses inline markup into styled spans. An unpaired marker is kept as literal text.
pub fn parse_markup(source: &str) -> Vec<Span> {
    let mut tokens = tokenize(source);
    for marker in [Marker::Bold, Marker::Italic, Marker::Accent] {
        let positions: Vec<usize> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t, Token::Marker(m) if *m == marker))
            .map(|(i, _)| i)
            .collect();
        if positions.len() % 2 == 1 {
            let last = positions[positions.len() - 1];
            tokens[last] = Token::Text(marker.symbol().to_owned());
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut style = SpanStyle::default();
    for token in tokens {
        match token {
            Token::Marker(Marker::Bold) => style.bold = !style.bold,
            Token::Marker(Marker::Italic) => style.italic = !style.italic,
            Token::Marker(Marker::Accent) => style.accent = !style.accent,
            Token::Text(text) => match spans.last_mut() {
                Some(last) if last.style == style => last.text.push_str(&text),
                _ => spans.push(Span { text, style }),
            },
        }
    }
    spans
}

/// The text with markup removed, for accessibility labels and window titles.
pub fn plain_text(source: &str) -> String {
    parse_markup(source).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(text: &str, bold: bool, italic: bool, accent: bool) -> Span {
        Span { text: text.into(), style: SpanStyle { bold, italic, accent } }
    }

    #[test]
    fn markup_styles_nest_and_merge() {
        assert_eq!(
            parse_markup("a **b *c*** ==d== e"),
            vec![
                styled("a ", false, false, false),
                styled("b ", true, false, false),
                styled("c", true, true, false),
                styled(" ", false, false, false),
                styled("d", false, false, true),
                styled(" e", false, false, false),
            ]
        );
    }

    #[test]
    fn unpaired_and_escaped_markers_are_literal() {
        assert_eq!(parse_markup(r"5 \* 3 = 15"), vec![styled("5 * 3 = 15", false, false, false)]);
        assert_eq!(
            parse_markup("a *b* *c"),
            vec![
                styled("a ", false, false, false),
                styled("b", false, true, false),
                styled(" *c", false, false, false)
            ]
        );
        assert_eq!(unclosed_markers("a *b* *c ==d"), vec!["*", "=="]);
        assert_eq!(plain_text("**4 T's**: ==Trust=="), "4 T's: Trust");
    }

    #[test]
    fn language_falls_back_to_default_then_first() {
        let text =
            Text::from_raw(RawText::ByLanguage(vec![("en".into(), "Hello".into()), ("kk".into(), "Сәлем".into())]));
        assert_eq!(text.get("kk", "en"), "Сәлем");
        assert_eq!(text.get("ru", "en"), "Hello");
        assert_eq!(text.get("ru", "de"), "Hello");
        assert!(!text.has_language("ru"));
        assert_eq!(Text::plain("x").get("kk", "en"), "x");
        assert!(Text::plain("x").has_language("kk"));
    }
}
