//! `lectern check`: everything that can be wrong with a deck, found without a window.
//! Loading reports syntax, type and reference problems (decoding every image); laying out
//! every slide in every language with the app's own fonts adds a warning for text that
//! cannot fit even at the theme's minimum size.

use std::path::Path;

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
            let warnings = fit_warnings(&loaded.deck, &measurer, &report.files);
            report.diagnostics.extend(warnings);
            report.diagnostics.extend(svg_font_warnings(&loaded.deck, assets));
            Ok(report)
        }
        Err(LoadError::Invalid { report, .. }) => Ok(report),
        Err(other) => Err(other),
    }
}

/// A warning for every slide whose text overflows at the minimum size, or uses characters
/// no font can draw, in any language (pointing at the first such character where the
/// slide's text in `files` has it).
pub fn fit_warnings(deck: &Deck, measurer: &dyn TextMeasurer, files: &[SourceFile]) -> Vec<Diagnostic> {
    let coverage = GlyphCoverage::for_deck(deck.theme.font.as_deref());
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
