//! Text as decks write it: a plain string or a per-language map, and the small inline
//! markup (`**bold**`, `*italic*`, `==accent==`, `~~strike~~`, `` `code` ``,
//! `[links](https://…)` and `[to a slide](#id)`, `\` escapes) that styles it.
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

impl Default for RawText {
    fn default() -> Self {
        RawText::Plain(String::new())
    }
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

impl RawText {
    /// The languages this text names explicitly (none for a plain string).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let entries: &[(String, String)] = match self {
            RawText::Plain(_) => &[],
            RawText::ByLanguage(entries) => entries,
        };
        entries.iter().map(|(lang, _)| lang.as_str())
    }

    /// Whether this text was written for `lang` specifically (or for all languages).
    pub fn has_language(&self, lang: &str) -> bool {
        match self {
            RawText::Plain(_) => true,
            RawText::ByLanguage(entries) => entries.iter().any(|(l, _)| l == lang),
        }
    }

    /// Every string written, for validation (markup checks apply to each language).
    pub fn variants(&self) -> impl Iterator<Item = &str> {
        let (plain, entries): (Option<&String>, &[(String, String)]) = match self {
            RawText::Plain(text) => (Some(text), &[]),
            RawText::ByLanguage(entries) => (None, entries),
        };
        plain.into_iter().map(String::as_str).chain(entries.iter().map(|(_, text)| text.as_str()))
    }
}

/// One of the deck's languages: an index into [`super::Deck::languages`], decided once (at load, or
/// when the presenter or a visitor picks one), so nothing clamps or string-matches later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lang(pub(super) usize);

impl Lang {
    /// The deck's first declared language.
    pub const DEFAULT: Lang = Lang(0);

    /// Only for tests and for code that walks `0..deck.languages.len()`.
    pub const fn from_index(index: usize) -> Lang {
        Lang(index)
    }

    pub fn index(self) -> usize {
        self.0
    }
}

/// Validated text: what each of the deck's languages shows, with the fallback decided once at
/// load (the language's own text, else the default language's, else the first one written),
/// so showing it is an index, not a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// One entry per declared language in the deck's order; a single entry when the same text
    /// serves every language.
    by_lang: Vec<String>,
}

/// Text as every painter can draw it the same: a line ends at `\n`, `\r\n` or a lone `\r`
/// (old Mac files) alike, and a tab or another control character is a space (a font has no
/// glyph for them: the window drew a space, the PDF a box).
pub fn normalized(text: String) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text;
    }
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| {
            if c == '\r' {
                '\n'
            } else if c.is_control() && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { by_lang: vec![text.into()] }
    }

    /// Resolves `raw` against the deck's declared languages (the first is the default).
    pub fn resolve(raw: RawText, declared: &[String]) -> Self {
        let entries: Vec<(String, String)> = match raw {
            RawText::Plain(text) => return Self::plain(normalized(text)),
            RawText::ByLanguage(entries) => entries.into_iter().map(|(lang, text)| (lang, normalized(text))).collect(),
        };
        let find = |wanted: &str| entries.iter().find(|(lang, _)| lang == wanted);
        let fallback = declared.first().and_then(|d| find(d)).or(entries.first());
        let by_lang = declared
            .iter()
            .map(|lang| find(lang).or(fallback).map_or_else(String::new, |(_, text)| text.clone()))
            .collect::<Vec<_>>();
        if by_lang.is_empty() {
            return Self::plain(fallback.map_or_else(String::new, |(_, text)| text.clone()));
        }
        Self { by_lang }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        self.by_lang.get(lang.index()).or(self.by_lang.first()).map_or("", String::as_str)
    }

    /// The text in the deck's default language.
    pub fn default_text(&self) -> &str {
        self.get(Lang::DEFAULT)
    }
}

/// How one run of characters is styled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SpanStyle {
    pub bold: bool,
    pub italic: bool,
    pub accent: bool,
    /// `` `inline code` ``: the monospace face, never styled further.
    pub code: bool,
    /// `~~struck through~~`.
    pub strike: bool,
}

/// Where a `[text](target)` link goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    /// `https://…`, `http://…` or `mailto:…`: opened in the system's browser.
    Web(String),
    /// `#slide-id`: a jump to that slide of the deck.
    Slide(String),
}

impl Link {
    /// The link a written target names; `None` for a target that is neither a web address
    /// nor `#slide-id` (shown as plain text, and `resolve` says why).
    pub fn parse(target: &str) -> Option<Link> {
        let target = target.trim();
        if let Some(id) = target.strip_prefix('#') {
            return (!id.is_empty()).then(|| Link::Slide(id.to_owned()));
        }
        let web = ["https://", "http://", "mailto:"].iter().any(|p| target.len() > p.len() && target.starts_with(p));
        (web && !target.contains(char::is_whitespace)).then(|| Link::Web(target.to_owned()))
    }
}

/// A run of characters sharing one style (and link).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
    pub link: Option<Link>,
    /// A colour of its own (highlighted code); otherwise the run's.
    pub color: Option<ecolor::Color32>,
}

impl Span {
    pub fn new(text: impl Into<String>, style: SpanStyle) -> Self {
        Span { text: text.into(), style, link: None, color: None }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Bold,
    Italic,
    Accent,
    Strike,
}

impl Marker {
    const ALL: [Marker; 4] = [Marker::Bold, Marker::Italic, Marker::Accent, Marker::Strike];

    fn symbol(self) -> &'static str {
        match self {
            Marker::Bold => "**",
            Marker::Italic => "*",
            Marker::Accent => "==",
            Marker::Strike => "~~",
        }
    }
}

enum Token {
    Text(String),
    Marker(Marker),
    /// `` `…` ``: literal text in the code face.
    Code(String),
    /// The `[` of a complete `[text](target)`, with the target as written.
    LinkOpen(String),
    /// Its `](target)`.
    LinkClose,
}

/// Where the link opened at byte `open` (a `[`) ends: the byte offsets of its `]` and of the
/// end of `(target)`, and the target, if `source` has a complete `[text](target)` there. An
/// escaped `\]` does not close it, and a link's text and target are each at most
/// [`LONGEST_LINK`] bytes, so a run of `[` costs a bounded look each.
fn link_at(source: &str, open: usize) -> Option<(usize, usize, &str)> {
    let rest = &source[open + 1..];
    let mut close = None;
    let mut escaped = false;
    for (at, c) in rest.char_indices().take_while(|(at, _)| *at < LONGEST_LINK) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => return None,
            ']' => {
                close = Some(at);
                break;
            }
            _ => {}
        }
    }
    let close = close?;
    let after = &rest[close + 1..];
    let target_len =
        after.strip_prefix('(')?.char_indices().take_while(|(at, _)| *at < LONGEST_LINK).find(|(_, c)| *c == ')')?.0;
    let target = &after[1..1 + target_len];
    let close_at = open + 1 + close;
    Some((close_at, close_at + 1 + target_len + 2, target))
}

/// The longest link text, and the longest link target, in bytes.
const LONGEST_LINK: usize = 2048;

/// The tokens of `source`, each with the byte offset where it starts.
fn tokenize_at(source: &str) -> Vec<(Token, usize)> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut text_start = 0;
    // The `]` of the link being read and where its `(target)` ends.
    let mut open_link: Option<(usize, usize)> = None;
    let mut chars = source.char_indices().peekable();
    let flush = |text: &mut String, tokens: &mut Vec<(Token, usize)>, start: usize| {
        if !text.is_empty() {
            tokens.push((Token::Text(std::mem::take(text)), start));
        }
    };
    while let Some((at, c)) = chars.next() {
        if text.is_empty() {
            text_start = at;
        }
        if let Some((close, end)) = open_link
            && at == close
        {
            flush(&mut text, &mut tokens, text_start);
            tokens.push((Token::LinkClose, at));
            while chars.peek().is_some_and(|(i, _)| *i < end) {
                chars.next();
            }
            open_link = None;
            continue;
        }
        let marker = match c {
            '\\' => {
                // An escaped character is always literal; a trailing backslash stays as is.
                text.push(chars.next().map_or('\\', |(_, c)| c));
                continue;
            }
            '`' => {
                let Some(len) = source[at + 1..].find('`') else {
                    text.push(c);
                    continue;
                };
                flush(&mut text, &mut tokens, text_start);
                tokens.push((Token::Code(source[at + 1..at + 1 + len].to_owned()), at));
                while chars.peek().is_some_and(|(i, _)| *i <= at + 1 + len) {
                    chars.next();
                }
                continue;
            }
            '[' if open_link.is_none() => {
                let Some((close, end, target)) = link_at(source, at) else {
                    text.push(c);
                    continue;
                };
                flush(&mut text, &mut tokens, text_start);
                tokens.push((Token::LinkOpen(target.to_owned()), at));
                open_link = Some((close, end));
                continue;
            }
            '*' if chars.peek().is_some_and(|(_, c)| *c == '*') => {
                chars.next();
                Marker::Bold
            }
            '*' => Marker::Italic,
            '=' if chars.peek().is_some_and(|(_, c)| *c == '=') => {
                chars.next();
                Marker::Accent
            }
            '~' if chars.peek().is_some_and(|(_, c)| *c == '~') => {
                chars.next();
                Marker::Strike
            }
            _ => {
                text.push(c);
                continue;
            }
        };
        flush(&mut text, &mut tokens, text_start);
        tokens.push((Token::Marker(marker), at));
    }
    flush(&mut text, &mut tokens, text_start);
    tokens
}

/// Markers that open a style and never close it (they are shown literally), each with the
/// byte offset of the one left open (the last of its kind).
pub fn unclosed_markers(source: &str) -> Vec<(&'static str, usize)> {
    let tokens = tokenize_at(source);
    Marker::ALL
        .into_iter()
        .filter_map(|m| {
            let at: Vec<usize> =
                tokens.iter().filter(|(t, _)| matches!(t, Token::Marker(x) if *x == m)).map(|(_, at)| *at).collect();
            (at.len() % 2 == 1).then(|| (m.symbol(), at[at.len() - 1]))
        })
        .collect()
}

/// Every link target written in `source` as `[text](target)`, with the byte offset of the
/// target's first character.
pub fn link_targets(source: &str) -> Vec<(String, usize)> {
    tokenize_at(source)
        .into_iter()
        .filter_map(|(token, at)| match token {
            Token::LinkOpen(target) => {
                let (close, ..) = link_at(source, at)?;
                Some((target, close + 2))
            }
            _ => None,
        })
        .collect()
}

/// Parses inline markup into styled spans. An unpaired marker is kept as literal text.
pub fn parse_markup(source: &str) -> Vec<Span> {
    let mut tokens: Vec<Token> = tokenize_at(source).into_iter().map(|(token, _)| token).collect();
    for marker in Marker::ALL {
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
    let mut link: Option<Link> = None;
    let mut push = |text: String, style: SpanStyle, link: &Option<Link>| match spans.last_mut() {
        Some(last) if last.style == style && last.link == *link => last.text.push_str(&text),
        _ => spans.push(Span { link: link.clone(), ..Span::new(text, style) }),
    };
    for token in tokens {
        match token {
            Token::Marker(Marker::Bold) => style.bold = !style.bold,
            Token::Marker(Marker::Italic) => style.italic = !style.italic,
            Token::Marker(Marker::Accent) => style.accent = !style.accent,
            Token::Marker(Marker::Strike) => style.strike = !style.strike,
            Token::LinkOpen(target) => link = Link::parse(&target),
            Token::LinkClose => link = None,
            Token::Code(text) => push(text, SpanStyle { code: true, ..style }, &link),
            Token::Text(text) => push(text, style, &link),
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

    #[test]
    fn tabs_and_old_mac_line_ends_are_read_as_they_mean() {
        let declared = ["en".to_owned(), "kk".to_owned()];
        let plain = Text::resolve(RawText::Plain("a\tb\rc\r\nd\u{7}e".into()), &declared);
        assert_eq!(plain.get(Lang::DEFAULT), "a b\nc\nd e");
        let map = RawText::ByLanguage(vec![("en".into(), "x\ty".into()), ("kk".into(), "1\r2".into())]);
        let map = Text::resolve(map, &declared);
        assert_eq!((map.get(Lang(0)), map.get(Lang(1))), ("x y", "1\n2"));
        assert_eq!(normalized("unchanged\nlines".into()), "unchanged\nlines");
    }

    fn styled(text: &str, bold: bool, italic: bool, accent: bool) -> Span {
        Span::new(text, SpanStyle { bold, italic, accent, ..Default::default() })
    }

    #[test]
    fn code_strike_and_links_are_spans() {
        let code = SpanStyle { code: true, ..Default::default() };
        let strike = SpanStyle { strike: true, ..Default::default() };
        assert_eq!(
            parse_markup("run `cargo **x**` or ~~not~~"),
            vec![
                styled("run ", false, false, false),
                Span::new("cargo **x**", code),
                styled(" or ", false, false, false),
                Span::new("not", strike),
            ],
            "nothing inside backticks is markup"
        );
        let spans = parse_markup("see [the **OSCE**](https://osce.org) and [back](#start).");
        let web = Some(Link::Web("https://osce.org".into()));
        assert_eq!(
            spans,
            vec![
                styled("see ", false, false, false),
                Span { link: web.clone(), ..styled("the ", false, false, false) },
                Span { link: web, ..styled("OSCE", true, false, false) },
                styled(" and ", false, false, false),
                Span { link: Some(Link::Slide("start".into())), ..styled("back", false, false, false) },
                styled(".", false, false, false),
            ]
        );
        assert_eq!(plain_text("a [b](#c) d `e` [f] (g) [h](i"), "a b d e [f] (g) [h](i");
        assert_eq!(link_targets("x [b](#c) [d](https://e.kz)"), vec![("#c".into(), 6), ("https://e.kz".into(), 14)]);
        assert_eq!(parse_markup("[x](ftp://a)")[0].link, None, "not a web address or a slide");
        assert_eq!(plain_text(r"[a\] b](#c) d"), "a] b d", "an escaped bracket does not close the link");
        assert_eq!(parse_markup(r"[a\] b](#c) d")[1].link, None, "the link ends where it should");
        let brackets = "[".repeat(100_000);
        assert_eq!(plain_text(&brackets).len(), 100_000, "many brackets are text, quickly");
        assert_eq!(unclosed_markers("a ~~b `~~` c"), vec![("~~", 2)], "markers in code do not count");
        assert_eq!(plain_text(r"a \` b ` c"), "a ` b ` c", "an escaped backtick opens nothing");
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
        assert_eq!(unclosed_markers("a *b* *c ==d"), vec![("*", 6), ("==", 9)]);
        assert_eq!(unclosed_markers(r"Ә **b** \*\* ** c"), vec![("**", 14)], "escaped markers do not count");
        assert_eq!(plain_text("**4 T's**: ==Trust=="), "4 T's: Trust");
    }

    #[test]
    fn language_falls_back_to_default_then_first() {
        let raw = RawText::ByLanguage(vec![("en".into(), "Hello".into()), ("kk".into(), "Сәлем".into())]);
        assert!(!raw.has_language("ru"));
        assert!(RawText::Plain("x".into()).has_language("kk"));
        let declared = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let text = Text::resolve(raw.clone(), &declared(&["en", "kk", "ru"]));
        assert_eq!(text.get(Lang::from_index(1)), "Сәлем");
        assert_eq!(text.get(Lang::from_index(2)), "Hello");
        let text = Text::resolve(raw, &declared(&["de", "ru"]));
        assert_eq!(text.get(Lang::from_index(1)), "Hello");
        assert_eq!(Text::plain("x").get(Lang::from_index(1)), "x");
    }
}
