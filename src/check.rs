//! `lectern check`: everything that can be wrong with a deck, found without a window.
//! Loading reports syntax, type and reference problems (decoding every image); laying out
//! every slide in every language with the app's own fonts adds a warning for text that
//! cannot fit even at the theme's minimum size.

use std::path::Path;

use ecolor::Color32;

use crate::deck::diagnostic::SourceFile;
use crate::deck::{self, AssetSource, Deck, Diagnostic, ImageCheck, LoadError, LoadOptions, Report, Severity};
use crate::fonts::GlyphCoverage;
pub use crate::fonts::measure::HeadlessMeasurer;
use crate::layout::{TextMeasurer, layout_slide};

/// Checks the deck at `path`. `Ok` holds the report (possibly with errors); `Err` is for a
/// file that could not be read at all.
pub fn check_deck(path: &Path, assets: &dyn AssetSource) -> Result<Report, LoadError> {
    let images = ImageCheck::Decode(std::sync::Arc::new(|bytes: &[u8]| {
        crate::media::decode::probe(bytes).map_err(|err| err.to_string())
    }));
    check_deck_with(path, assets, images)
}

/// [`check_deck`] with the image check chosen by the caller (the language server remembers
/// each picture's outcome between checks).
pub fn check_deck_with(path: &Path, assets: &dyn AssetSource, images: ImageCheck) -> Result<Report, LoadError> {
    match deck::load(path, assets, &LoadOptions { images }) {
        Ok(loaded) => {
            let mut report = loaded.warnings;
            let measurer = HeadlessMeasurer::new(&loaded.deck);
            let warnings = fit_warnings(&loaded.deck, &measurer, measurer.fonts(), &report.files);
            report.diagnostics.extend(warnings);
            report.diagnostics.extend(svg_font_warnings(&loaded.deck, assets));
            report.diagnostics.extend(contrast_warnings(&loaded.deck, &report.files));
            Ok(report)
        }
        Err(LoadError::Invalid { report, .. }) => Ok(report),
        Err(other) => Err(other),
    }
}

/// A warning for every slide whose text overflows at the minimum size, or uses characters
/// no font can draw, in any language (pointing at the first such character where the
/// slide's text in `files` has it).
pub fn fit_warnings(
    deck: &Deck,
    measurer: &dyn TextMeasurer,
    fonts: &crate::fonts::DeckFonts,
    files: &[SourceFile],
) -> Vec<Diagnostic> {
    let coverage = GlyphCoverage::new(fonts);
    let mut warnings = Vec::new();
    for slide in &deck.slides {
        let mut missing: Vec<char> = Vec::new();
        for lang in deck.langs() {
            let layout = layout_slide(deck, slide, lang, measurer);
            for ch in layout.texts().iter().flat_map(|t| coverage.missing(t)) {
                if !missing.contains(&ch) {
                    missing.push(ch);
                }
            }
            // One warning per slide and language, naming the first text that does not fit.
            if let Some(first) = layout.overflows.first() {
                let in_language =
                    if deck.languages.len() > 1 { format!(" (in `{}`)", deck.lang_code(lang)) } else { String::new() };
                let more = match layout.overflows.len() {
                    1 => String::new(),
                    n => format!(" and {} more", n - 1),
                };
                warnings.push(Diagnostic {
                    severity: Severity::Warning,
                    message: format!(
                        "text does not fit on its slide even at the minimum size{in_language}: \"{}\"{more}",
                        first.excerpt
                    ),
                    file: slide.file,
                    span: slide.span.start..slide.span.start + 1,
                    label: "this slide".into(),
                    help: Some(format!("shorten it, split the slide, or lower `min_size` ({})", deck.theme.min_size)),
                    related: Vec::new(),
                });
            }
        }
        if let Some(first) = missing.first() {
            let listed: Vec<String> = missing.iter().map(|c| format!("`{c}` (U+{:04X})", u32::from(*c))).collect();
            let written =
                files.get(slide.file).and_then(|f| f.text.get(slide.span.clone())).and_then(|t| t.find(*first));
            let span = match written {
                Some(at) => slide.span.start + at..slide.span.start + at + first.len_utf8(),
                None => slide.span.start..slide.span.start + 1,
            };
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                message: format!("no font can draw {}; it shows as a box", listed.join(", ")),
                file: slide.file,
                span,
                label: "no glyph for this".into(),
                help: Some("choose other characters, or a `theme.font` that has them".into()),
                related: Vec::new(),
            });
        }
    }
    warnings
}

/// A warning for each SVG whose text asks for a font family it will not get (Inkscape,
/// Illustrator, draw.io and matplotlib name one) because it is neither embedded nor
/// installed on this machine: the text shows, in Noto Sans, so the author knows to expect
/// other letter shapes and widths. Said once per file.
pub fn svg_font_warnings(deck: &Deck, assets: &dyn AssetSource) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for slide in &deck.slides {
        for asset in slide.asset_paths() {
            if !seen.insert(asset.resolved.clone()) {
                continue;
            }
            let Ok(bytes) = assets.read(&asset.resolved) else { continue };
            if !crate::media::decode::is_svg(&bytes) {
                continue;
            }
            let substituted: Vec<String> = crate::media::decode::svg_substituted_font_families(&bytes)
                .into_iter()
                .map(|f| format!("`{f}`"))
                .collect();
            if substituted.is_empty() {
                continue;
            }
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                message: format!(
                    "{} asks for the font {} {}; on this machine its text is drawn in Noto Sans instead",
                    asset.written,
                    if substituted.len() == 1 { "family" } else { "families" },
                    substituted.join(", ")
                ),
                file: slide.file,
                span: slide.span.start..slide.span.start + 1,
                label: "on this slide".into(),
                help: Some(
                    "install the font on every machine that shows the deck, set `font-family=\"Noto Sans\"` in the SVG, or convert its text to paths"
                        .into(),
                ),
                related: Vec::new(),
            });
        }
    }
    warnings
}

/// A warning for each colour of text that is hard to read on its slide's background, by the
/// WCAG 2.x contrast ratio: 4.5:1 for body text, 3:1 for titles and other large type. Slides
/// on a picture are not judged (the picture is the ground). A pair that fails on many slides
/// (a deck's theme) is reported once, at the first, naming how many.
pub fn contrast_warnings(deck: &Deck, files: &[SourceFile]) -> Vec<Diagnostic> {
    use crate::layout::{BODY_TEXT, LARGE_TEXT, contrast_ratio, slide_theme};
    // (what, colour, ground, needed), the first slide, how many slides.
    type Pair = (&'static str, Color32, Color32, f32);
    let mut failing: Vec<(Pair, usize, usize)> = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        if matches!(slide.background, Some(deck::Background::Image(_))) {
            continue;
        }
        let theme = slide_theme(&deck.theme, slide);
        // Title and section slides set everything at least body size, large by WCAG's measure.
        let large_only = matches!(slide.content, deck::Content::Title { .. } | deck::Content::Section { .. });
        let uses = ColourUse::of(deck, slide, &theme);
        let pairs = [
            ("text", theme.text, if large_only { LARGE_TEXT } else { BODY_TEXT }, true),
            ("muted text", theme.muted, if large_only { LARGE_TEXT } else { BODY_TEXT }, uses.muted),
            ("accent", theme.accent, LARGE_TEXT, uses.accent),
        ];
        for (what, colour, needed, used) in pairs {
            if !used || contrast_ratio(colour, theme.background) >= needed {
                continue;
            }
            let key = (what, colour, theme.background, needed);
            match failing.iter_mut().find(|(k, ..)| *k == key) {
                Some((_, _, count)) => *count += 1,
                None => failing.push((key, index, 1)),
            }
        }
    }
    failing
        .into_iter()
        .map(|((what, colour, ground, needed), index, count)| {
            let slide = &deck.slides[index];
            let ratio = contrast_ratio(colour, ground);
            let more = if count > 1 { format!(" (and on {} more slides)", count - 1) } else { String::new() };
            // Point at the slide's own colours if it sets any, else at the slide.
            let text = files.get(slide.file).and_then(|f| f.text.get(slide.span.clone())).unwrap_or("");
            let at = ["theme:", "background:"].iter().find_map(|key| text.find(key)).unwrap_or(0);
            Diagnostic {
                severity: Severity::Warning,
                message: format!(
                    "{what} {} on {} has a contrast of {ratio:.1}:1, below the {needed}:1 {} needs{more}",
                    hex(colour),
                    hex(ground),
                    if needed >= BODY_TEXT { "body text" } else { "large text" },
                ),
                file: slide.file,
                span: slide.span.start + at..slide.span.start + at + 1,
                label: "hard to read here".into(),
                help: Some(format!(
                    "make the {what} colour {} or the background {} (the `theme` of the deck or of the slide)",
                    if is_dark(ground) { "lighter" } else { "darker" },
                    if is_dark(ground) { "darker" } else { "lighter" },
                )),
                related: Vec::new(),
            }
        })
        .collect()
}

fn is_dark(colour: Color32) -> bool {
    crate::layout::contrast_ratio(colour, Color32::WHITE) > crate::layout::contrast_ratio(colour, Color32::BLACK)
}

fn hex(colour: Color32) -> String {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    if a == 255 { format!("#{r:02X}{g:02X}{b:02X}") } else { format!("#{r:02X}{g:02X}{b:02X}{a:02X}") }
}

/// Which of the theme's colours a slide sets text in, beyond the text colour itself: read
/// from the slide's own layout, in every language.
struct ColourUse {
    muted: bool,
    accent: bool,
}

impl ColourUse {
    fn of(deck: &Deck, slide: &deck::Slide, theme: &deck::Theme) -> Self {
        use crate::layout::{DisplayItem, FixedMeasurer, TextRole, layout_slide};
        let mut uses = ColourUse { muted: false, accent: false };
        for lang in deck.langs() {
            for item in layout_slide(deck, slide, lang, &FixedMeasurer).items {
                let DisplayItem::Text { run, .. } = item else { continue };
                if matches!(run.role, TextRole::Code | TextRole::Decoration) {
                    continue;
                }
                uses.muted |= run.color == theme.muted;
                uses.accent |= run.color == theme.accent
                    || run.spans.iter().any(|s| s.color.is_none() && (s.style.accent || s.link.is_some()));
            }
        }
        uses
    }
}

/// One diagnostic as `lectern check --format json` prints it, for editor plugins and CI.
#[derive(Debug, serde::Serialize)]
pub struct JsonDiagnostic {
    pub file: String,
    /// 1-based, in characters, like the human format.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: &'static str,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

/// The result for one deck in `--format json`.
#[derive(Debug, serde::Serialize)]
pub struct JsonDeck {
    pub deck: String,
    /// Set when the file could not be read at all (exit status 2).
    pub error: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic>,
}

impl JsonDeck {
    pub fn from_report(deck: &Path, report: &Report) -> Self {
        let indexes = report.line_indexes();
        let diagnostics = report
            .sorted()
            .into_iter()
            .map(|d| {
                let file = &report.files[d.file];
                let (line, column) = indexes[d.file].line_col(&file.text, d.span.start);
                let (end_line, end_column) = indexes[d.file].line_col(&file.text, d.span.end);
                JsonDiagnostic {
                    file: file.path.display().to_string(),
                    line,
                    column,
                    end_line,
                    end_column,
                    severity: match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    message: d.message.clone(),
                    label: d.label.clone(),
                    help: d.help.clone(),
                }
            })
            .collect();
        Self {
            deck: deck.display().to_string(),
            error: None,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            diagnostics,
        }
    }

    pub fn unreadable(deck: &Path, error: &LoadError) -> Self {
        Self {
            deck: deck.display().to_string(),
            error: Some(error.to_string()),
            errors: 0,
            warnings: 0,
            diagnostics: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn contrast_messages(text: &str) -> Vec<String> {
        let assets = crate::deck::DiskAssets;
        let loaded = crate::deck::load_text(Path::new("deck.ron"), text.to_owned(), &assets, &LoadOptions::default())
            .unwrap_or_else(|err| panic!("{err}"));
        let files = loaded.warnings.files.clone();
        contrast_warnings(&loaded.deck, &files).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn text_hard_to_read_on_its_background_is_named_with_its_ratio() {
        let text = r##"Deck(title: "T", theme: (muted: "#BBBBBB"), slides: [
            Title(title: "Fine", byline: "b"),
            Bullets(title: "Grey", items: ["x"], theme: (text: "#777777", background: "#808080")),
            Statistic(value: "56", label: "l", theme: (accent: "#F0F0F0")),
            Quote(text: "q", attribution: "a"),
            Section(title: "On the accent"),
        ])"##;
        assert_eq!(
            contrast_messages(text),
            [
                "muted text #BBBBBB on #FAF8F3 has a contrast of 1.8:1, below the 3:1 large text needs",
                "text #777777 on #808080 has a contrast of 1.1:1, below the 4.5:1 body text needs",
                "accent #F0F0F0 on #FAF8F3 has a contrast of 1.1:1, below the 3:1 large text needs",
                "muted text #BBBBBB on #FAF8F3 has a contrast of 1.8:1, below the 4.5:1 body text needs",
            ]
        );
        let clean = r#"Deck(title: "T", slides: [Title(title: "A"), Section(title: "S"), Bullets(title: "B", items: ["==x=="])])"#;
        assert_eq!(contrast_messages(clean), Vec::<String>::new(), "the default theme reads everywhere");
    }
}
