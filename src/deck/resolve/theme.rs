//! The deck's look: its colours (and the colour syntax slides share), text sizes, margin and
//! its own font files.

use std::ops::RangeInclusive;
use std::sync::Arc;

use ecolor::Color32;

use super::ctx::{Ctx, io_reason, join};
use crate::deck::diagnostic::Severity;
use crate::deck::model::{CANVAS_HEIGHT, FontFiles, Theme, ThemeOverrides};
use crate::deck::raw::{RawFont, RawTheme};
use crate::deck::source::Step;

/// Parses `#RGB`, `#RRGGBB` or `#RRGGBBAA`.
pub(super) fn parse_color(text: &str) -> Option<Color32> {
    let hex = text.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    match hex.len() {
        3 => {
            let nibble = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok().map(|v| v * 17);
            Some(Color32::from_rgb(nibble(0)?, nibble(1)?, nibble(2)?))
        }
        6 => Some(Color32::from_rgb(byte(0)?, byte(2)?, byte(4)?)),
        8 => Some(Color32::from_rgba_unmultiplied(byte(0)?, byte(2)?, byte(4)?, byte(6)?)),
        _ => None,
    }
}

impl Ctx<'_, '_> {
    pub(super) fn color(&mut self, text: &str, path: &[Step<'static>]) -> Option<Color32> {
        let color = parse_color(text);
        if color.is_none() {
            self.report(
                Severity::Error,
                path,
                format!("`{text}` is not a colour"),
                "not a colour",
                Some("write colours as \"#RRGGBB\", \"#RGB\" or \"#RRGGBBAA\"".into()),
            );
        }
        color
    }

    /// The deck's theme: the defaults with what the deck writes.
    pub(super) fn theme(&mut self, mut raw: RawTheme) -> Theme {
        let font = raw.font.take();
        let overrides = self.theme_overrides(raw, &[Step::Field("theme")]);
        let theme = Theme::default().with(&overrides);
        if let (Some(min), Some(body)) = (overrides.min_size, overrides.body_size)
            && min > body
        {
            self.report(
                Severity::Error,
                &[Step::Field("theme"), Step::Field("min_size")],
                format!("`min_size` {min} is larger than `body_size` {body}"),
                "too large",
                None,
            );
        }
        Theme { font: self.font(font), ..theme }
    }

    /// A slide's `theme`: its colours and sizes over the deck's. A slide cannot change the
    /// font (every slide of a talk is set in one family).
    pub(super) fn slide_theme(&mut self, raw: Option<RawTheme>) -> ThemeOverrides {
        let Some(raw) = raw else { return ThemeOverrides::default() };
        if raw.font.is_some() {
            self.report(
                Severity::Error,
                &[Step::Field("theme"), Step::Field("font")],
                "a slide cannot change the font".into(),
                "only the deck's theme has a font",
                Some("set `font` in the deck's `theme`".into()),
            );
        }
        self.theme_overrides(raw, &[Step::Field("theme")])
    }

    /// Checks each colour and size written in `raw` (at `at` in the file).
    fn theme_overrides(&mut self, raw: RawTheme, at: &[Step<'static>]) -> ThemeOverrides {
        let at = |name: &'static str| join(at, Step::Field(name));
        let color =
            |ctx: &mut Self, value: Option<String>, name: &'static str| value.and_then(|v| ctx.color(&v, &at(name)));
        let background = color(self, raw.background, "background");
        let text = color(self, raw.text, "text");
        let accent = color(self, raw.accent, "accent");
        let muted = color(self, raw.muted, "muted");
        let mut size = |value: Option<f32>, name: &'static str, range: RangeInclusive<f32>| match value {
            Some(v) if range.contains(&v) => Some(v),
            Some(v) => {
                self.report(
                    Severity::Error,
                    &at(name),
                    format!("`{name}` {v} is out of range"),
                    "out of range",
                    Some(format!(
                        "use {} to {} slide units (the slide is {CANVAS_HEIGHT} high)",
                        range.start(),
                        range.end()
                    )),
                );
                None
            }
            None => None,
        };
        ThemeOverrides {
            background,
            text,
            accent,
            muted,
            title_size: size(raw.title_size, "title_size", 8.0..=400.0),
            body_size: size(raw.body_size, "body_size", 8.0..=300.0),
            min_size: size(raw.min_size, "min_size", 6.0..=300.0),
            margin: size(raw.margin, "margin", 0.0..=400.0),
        }
    }

    fn font(&mut self, raw: Option<RawFont>) -> Option<Arc<FontFiles>> {
        raw.and_then(|font| {
            let read = |ctx: &mut Self, written: &str, name: &'static str| -> Option<Vec<u8>> {
                let path = [Step::Field("theme"), Step::Field("font"), Step::Field(name)];
                let resolved = ctx.base_dir.join(written);
                match ctx.shared.assets.read(&resolved) {
                    Err(err) => {
                        ctx.report(
                            Severity::Error,
                            &path,
                            format!("cannot read font {}: {}", resolved.display(), io_reason(&err)),
                            "this font",
                            Some("paths are relative to the deck file".into()),
                        );
                        None
                    }
                    Ok(bytes) if skrifa::FontRef::new(&bytes).is_err() => {
                        ctx.report(
                            Severity::Error,
                            &path,
                            format!("{} is not a TrueType or OpenType font", resolved.display()),
                            "not a font",
                            None,
                        );
                        None
                    }
                    Ok(bytes) => Some(bytes.into_owned()),
                }
            };
            let regular = read(self, &font.regular, "regular");
            let bold = font.bold.as_deref().and_then(|p| read(self, p, "bold"));
            let italic = font.italic.as_deref().and_then(|p| read(self, p, "italic"));
            let bold_italic = font.bold_italic.as_deref().and_then(|p| read(self, p, "bold_italic"));
            let sources = [Some(&font.regular), font.bold.as_ref(), font.italic.as_ref(), font.bold_italic.as_ref()]
                .into_iter()
                .flatten()
                .map(|written| self.base_dir.join(written))
                .collect();
            regular.map(|regular| Arc::new(FontFiles { sources, regular, bold, italic, bold_italic }))
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ecolor::Color32;

    use super::super::test_support::{Memory, problems, problems_in, report, resolved, resolved_in};
    use super::parse_color;
    use crate::deck::Theme;

    const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
    const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");

    #[test]
    fn colours_are_written_with_three_six_or_eight_hex_digits() {
        assert_eq!(parse_color("#123"), Some(Color32::from_rgb(0x11, 0x22, 0x33)));
        assert_eq!(parse_color("#1a2B3c"), Some(Color32::from_rgb(0x1A, 0x2B, 0x3C)));
        assert_eq!(parse_color("#10203080"), Some(Color32::from_rgba_unmultiplied(0x10, 0x20, 0x30, 0x80)));
        for bad in ["123456", "#12", "#1234", "#12345", "#GGGGGG", "#+12345", "red", "", "#"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_theme_takes_what_is_written_and_defaults_the_rest() {
        let text = r##"Deck(
    title: "T",
    theme: (background: "#123", text: "#102030", accent: "#10203080", title_size: 80, body_size: 30, min_size: 8, margin: 0),
    slides: [Title(title: "A")],
)"##;
        let (deck, warnings) = resolved(text);
        let expected = Theme {
            background: Color32::from_rgb(0x11, 0x22, 0x33),
            text: Color32::from_rgb(0x10, 0x20, 0x30),
            accent: Color32::from_rgba_unmultiplied(0x10, 0x20, 0x30, 0x80),
            title_size: 80.0,
            body_size: 30.0,
            min_size: 8.0,
            margin: 0.0,
            ..Theme::default()
        };
        assert_eq!(deck.theme, expected);
        assert!(warnings.diagnostics.is_empty(), "{}", warnings.render());
    }

    #[test]
    fn the_default_smallest_size_never_exceeds_a_small_body_size() {
        let (deck, _) = resolved(r#"Deck(title: "T", theme: (body_size: 10), slides: [Title(title: "A")])"#);
        assert_eq!((deck.theme.body_size, deck.theme.min_size), (10.0, 10.0));
    }

    #[test]
    fn an_invalid_colour_is_an_error_at_its_value() {
        let text = r##"Deck(
    title: "T",
    theme: (text: "red"),
    slides: [Title(title: "A", background: Color("#12"))],
)"##;
        assert_eq!(
            problems(text),
            ["talk/deck.ron:3:19: error: `red` is not a colour", "talk/deck.ron:4:50: error: `#12` is not a colour"]
        );
        let report = report(text);
        assert!(report.diagnostics.iter().all(|d| d.label == "not a colour"
            && d.help.as_deref() == Some(r##"write colours as "#RRGGBB", "#RGB" or "#RRGGBBAA""##)));
    }

    #[test]
    fn sizes_out_of_range_or_out_of_order_are_errors() {
        let text = r#"Deck(
    title: "T",
    theme: (title_size: 500, body_size: 30, min_size: 40),
    slides: [Title(title: "A")],
)"#;
        assert_eq!(
            problems(text),
            [
                "talk/deck.ron:3:25: error: `title_size` 500 is out of range",
                "talk/deck.ron:3:55: error: `min_size` 40 is larger than `body_size` 30",
            ]
        );
        assert_eq!(
            report(text).diagnostics[0].help.as_deref(),
            Some("use 8 to 400 slide units (the slide is 1080 high)")
        );
        let margin = r#"Deck(title: "T", theme: (margin: -1), slides: [Title(title: "A")])"#;
        assert_eq!(problems(margin), ["talk/deck.ron:1:34: error: `margin` -1 is out of range"]);
    }

    #[test]
    fn the_decks_font_is_read_from_files_beside_it() {
        let assets = Memory::default().with("talk/fonts/R.ttf", REGULAR).with("talk/fonts/B.ttf", BOLD);
        let text = r#"Deck(title: "T", theme: (font: (regular: "fonts/R.ttf", bold: "fonts/B.ttf")), slides: [Title(title: "A")])"#;
        let (deck, _) = resolved_in(&assets, text);
        let font = deck.theme.font.as_ref().expect("a font");
        assert_eq!(font.sources, [PathBuf::from("talk/fonts/R.ttf"), PathBuf::from("talk/fonts/B.ttf")]);
        assert_eq!(
            (font.regular.as_slice(), font.bold.as_deref(), font.italic.as_deref()),
            (REGULAR, Some(BOLD), None)
        );
        assert!(deck.files().contains(&PathBuf::from("talk/fonts/B.ttf")), "live reload watches the fonts");
    }

    #[test]
    fn a_font_that_is_missing_or_not_a_font_is_an_error_at_its_path() {
        let assets = Memory::default().with("talk/fonts/R.ttf", REGULAR).with("talk/fonts/bad.ttf", "not a font");
        let text = r#"Deck(
    title: "T",
    theme: (font: (regular: "fonts/R.ttf", bold: "fonts/gone.ttf", italic: "fonts/bad.ttf")),
    slides: [Title(title: "A")],
)"#;
        assert_eq!(
            problems_in(&assets, text),
            [
                "talk/deck.ron:3:50: error: cannot read font talk/fonts/gone.ttf: no such file",
                "talk/deck.ron:3:76: error: talk/fonts/bad.ttf is not a TrueType or OpenType font",
            ]
        );
        let regular = "Deck(\n    title: \"T\",\n    theme: (font: (regular: \"fonts/gone.ttf\")),\n    slides: [Title(title: \"A\")],\n)";
        assert_eq!(
            problems_in(&Memory::default(), regular),
            ["talk/deck.ron:3:29: error: cannot read font talk/fonts/gone.ttf: no such file"]
        );
    }
}
