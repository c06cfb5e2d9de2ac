//! From RON text to a validated [`Deck`], collecting every problem in one pass.
//!
//! The header and each slide are deserialised separately (the scanner in [`super::source`]
//! finds where each slide is), so one broken slide does not hide another. Problems found
//! after deserialising point at the right place through the scanner's spans.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ecolor::Color32;
use emath::{Vec2, vec2};
use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, Report, Severity, SourceFile, did_you_mean};
use super::raw::{
    RawBackground, RawBlock, RawBullet, RawDeckHeader, RawExhibit, RawImage, RawOnIdle, RawSlide, RawTheme,
    RawTransition,
};
use super::source::{self, Node, NodeKind, Step, offset_of};
use super::text::{RawText, Text, unclosed_markers};
use super::{
    AssetPath, AssetSource, Background, Block, Bullet, CANVAS_HEIGHT, Content, Deck, Event, ExhibitSettings, FontFiles,
    Image, LanguageImage, LoadError, Loaded, Slide, Table, Theme,
};

/// Decodes a whole image to prove it shows, returning its size; the media layer provides one
/// (`crate::media::decode::probe`), so the model itself never touches pixels.
pub type DecodeCheck = Arc<dyn Fn(&[u8]) -> Result<[u32; 2], String> + Send + Sync>;

/// How hard to look at the images a deck references.
#[derive(Clone, Default)]
pub enum ImageCheck {
    /// Only that the file can be read, and its size from the header (fast: what the app does
    /// on every load).
    #[default]
    Readable,
    /// Decode every image too, with the decoder given (what `lectern check` does).
    Decode(DecodeCheck),
}

impl std::fmt::Debug for ImageCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ImageCheck::Readable => "Readable",
            ImageCheck::Decode(_) => "Decode",
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub images: ImageCheck,
}

/// The RON dialect decks are read with: `Some(…)` may be left out, and newtype variants
/// holding a struct are written flat, `Image(path: …)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
}

type StepPath = Vec<Step<'static>>;

fn join(path: &[Step<'static>], step: Step<'static>) -> StepPath {
    let mut joined = path.to_vec();
    joined.push(step);
    joined
}

pub(super) fn load_from_str(
    path: &Path,
    text: String,
    assets: &dyn AssetSource,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    let base_dir = path.parent().map(Path::to_owned).unwrap_or_default();
    let mut diagnostics = Vec::new();
    let ron = ron_options();

    let header = match ron.from_str::<RawDeckHeader>(&text) {
        Ok(header) => Some(header),
        Err(err) => {
            let syntax = is_syntax_error(&err.code);
            diagnostics.push(ron_diagnostic(&text, 0, &err));
            if syntax {
                return Err(invalid(path, text, diagnostics));
            }
            None
        }
    };
    let root = match source::scan(&text) {
        Ok(root) => root,
        Err(err) => {
            diagnostics.push(Diagnostic {
                severity: Severity::Error,
                message: err.message,
                file: 0,
                span: err.offset..err.offset + 1,
                label: "here".into(),
                help: None,
            });
            return Err(invalid(path, text, diagnostics));
        }
    };

    let mut shared = Shared { assets, images: options.images.clone(), checked: HashMap::new() };
    let languages =
        header.as_ref().map_or_else(|| vec!["en".to_owned()], |h| declared_languages(h, &root, &mut diagnostics));

    let mut files = vec![SourceFile { path: path.to_owned(), text }];
    let slides_field = root.field("slides");
    let slide_nodes = slides_field.map_or(&[][..], |f| f.value.items());
    let mut collector = SlideCollector {
        ron: &ron,
        files: &mut files,
        diagnostics: &mut diagnostics,
        languages: &languages,
        shared: &mut shared,
        chain: vec![std::path::absolute(path).unwrap_or_else(|_| path.to_owned())],
        slides: Vec::new(),
        includes: Vec::new(),
    };
    collector.collect(0, slide_nodes, &base_dir);
    let SlideCollector { slides, includes, .. } = collector;
    if let Some(field) = slides_field
        && slides.is_empty()
        && slide_nodes.is_empty()
    {
        diagnostics.push(error_at(
            field.name_span.clone(),
            "the deck has no slides",
            "empty",
            Some("add at least one slide, for example `Title(title: \"Hello\")`"),
        ));
    }

    let deck = header.map(|header| {
        let mut ctx = Ctx {
            root: &root,
            file: 0,
            base_dir: &base_dir,
            diagnostics: &mut diagnostics,
            languages: &languages,
            shared: &mut shared,
        };
        let mut deck = ctx.deck(header, path, languages.clone(), slides);
        deck.includes = includes;
        deck
    });
    if let Some(deck) = &deck
        && !deck.slides.is_empty()
        && deck.slides.iter().all(|s| s.hidden)
        && let Some(field) = slides_field
    {
        diagnostics.push(error_at(
            field.name_span.clone(),
            "every slide is hidden",
            "nothing to present",
            Some("remove `hidden: true` from at least one slide"),
        ));
    }

    let report = Report { files, diagnostics };
    match deck {
        Some(deck) if !report.has_errors() => Ok(Loaded { deck: Arc::new(deck), warnings: report }),
        _ => Err(LoadError::Invalid { path: path.to_owned(), report }),
    }
}

/// Walks the slide list, following `Include("file.ron")` entries into other files (paths
/// relative to the including file), so diagnostics point into the file they concern.
struct SlideCollector<'a, 'b> {
    ron: &'b ron::Options,
    files: &'b mut Vec<SourceFile>,
    diagnostics: &'b mut Vec<Diagnostic>,
    languages: &'b [String],
    shared: &'b mut Shared<'a>,
    /// The files being included, outermost first, to refuse cycles.
    chain: Vec<PathBuf>,
    slides: Vec<Slide>,
    includes: Vec<PathBuf>,
}

impl SlideCollector<'_, '_> {
    fn error(&mut self, file: usize, span: Range<usize>, message: String, label: &str, help: Option<String>) {
        let label = label.to_owned();
        self.diagnostics.push(Diagnostic { severity: Severity::Error, message, file, span, label, help });
    }

    fn collect(&mut self, file: usize, nodes: &[Node], base_dir: &Path) {
        for node in nodes {
            match &node.kind {
                NodeKind::Tuple { name: Some(name), items } if name == "Include" => {
                    self.include(file, node, items, base_dir);
                }
                _ => self.slide(file, node, base_dir),
            }
        }
    }

    fn slide(&mut self, file: usize, node: &Node, base_dir: &Path) {
        let slide_text = self.files[file].text[node.span.clone()].to_owned();
        match self.ron.from_str::<RawSlide>(&slide_text) {
            Ok(raw) => {
                let mut ctx = Ctx {
                    root: node,
                    file,
                    base_dir,
                    diagnostics: self.diagnostics,
                    languages: self.languages,
                    shared: self.shared,
                };
                let mut slide = ctx.slide(raw, node.span.clone());
                slide.file = file;
                self.slides.push(slide);
            }
            Err(err) => {
                let mut diagnostic = ron_diagnostic(&slide_text, node.span.start, &err);
                diagnostic.file = file;
                self.diagnostics.push(diagnostic);
            }
        }
    }

    fn include(&mut self, file: usize, node: &Node, items: &[Node], base_dir: &Path) {
        let (written, path_span) = match items {
            [Node { kind: NodeKind::Str(written), span }] => (written.clone(), span.clone()),
            _ => {
                let help = Some("write `Include(\"chapter.ron\")`".to_owned());
                return self.error(file, node.span.clone(), "`Include` takes one file path".into(), "here", help);
            }
        };
        let target = base_dir.join(&written);
        let absolute = std::path::absolute(&target).unwrap_or_else(|_| target.clone());
        if let Some(start) = self.chain.iter().position(|p| *p == absolute) {
            let names: Vec<String> = self.chain[start..].iter().chain([&absolute]).map(|p| file_name(p)).collect();
            let message = format!("include cycle: {}", names.join(" -> "));
            return self.error(file, path_span, message, "includes a file that is already being included", None);
        }
        let text = match super::read_text(&target, self.shared.assets) {
            Ok(text) => text,
            Err(err) => {
                let help = Some("paths are relative to the file that includes them".to_owned());
                return self.error(file, path_span, format!("cannot include: {err}"), "this file", help);
            }
        };
        let index = self.files.len();
        self.files.push(SourceFile { path: target.clone(), text });
        let root = match source::scan(&self.files[index].text) {
            Ok(root) => root,
            Err(err) => {
                let span = err.offset..err.offset + 1;
                return self.error(index, span, err.message, "here", None);
            }
        };
        if !matches!(root.kind, NodeKind::List(_)) {
            let help = Some("for example `[Title(title: \"Chapter 1\"), Bullets(…)]`".to_owned());
            let message = "an included file holds a list of slides in `[…]`".to_owned();
            return self.error(index, root.span.clone(), message, "not a list", help);
        }
        self.includes.push(target.clone());
        self.chain.push(absolute);
        let dir = target.parent().map(Path::to_owned).unwrap_or_default();
        self.collect(index, root.items(), &dir);
        self.chain.pop();
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn invalid(path: &Path, text: String, diagnostics: Vec<Diagnostic>) -> LoadError {
    LoadError::Invalid {
        path: path.to_owned(),
        report: Report { files: vec![SourceFile { path: path.to_owned(), text }], diagnostics },
    }
}

fn error_at(span: Range<usize>, message: &str, label: &str, help: Option<&str>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        message: message.to_owned(),
        file: 0,
        span,
        label: label.to_owned(),
        help: help.map(str::to_owned),
    }
}

fn is_syntax_error(code: &ron::Error) -> bool {
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
fn ron_diagnostic(text: &str, base: usize, err: &ron::error::SpannedError) -> Diagnostic {
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

fn declared_languages(header: &RawDeckHeader, root: &Node, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
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

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Parses `#RGB`, `#RRGGBB` or `#RRGGBBAA`.
pub fn parse_color(text: &str) -> Option<Color32> {
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

/// Parses an aspect ratio such as `16:9`.
pub fn parse_aspect(text: &str) -> Option<f32> {
    let (w, h) = text.split_once(':')?;
    let (w, h): (f32, f32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    let ratio = w / h;
    (w > 0.0 && h > 0.0 && (0.25..=4.0).contains(&ratio)).then_some(ratio)
}

/// How much of an image file is read to learn its size (EXIF blocks can push a JPEG's size
/// marker well past the first few kilobytes).
const IMAGE_HEAD_BYTES: usize = 256 * 1024;

/// State shared by every slide of one load.
struct Shared<'a> {
    assets: &'a dyn AssetSource,
    images: ImageCheck,
    /// Each file is read (and decoded) once, however many slides use it; success holds its
    /// natural size when it could be told.
    checked: HashMap<PathBuf, Result<Option<Vec2>, String>>,
}

/// Resolves values below one node of the file (the deck, or one slide).
struct Ctx<'a, 'b> {
    root: &'b Node,
    /// Which file `root` is in, and that file's folder (paths are relative to it).
    file: usize,
    base_dir: &'b Path,
    diagnostics: &'b mut Vec<Diagnostic>,
    languages: &'b [String],
    shared: &'b mut Shared<'a>,
}

impl Ctx<'_, '_> {
    fn span(&self, path: &[Step<'_>]) -> Range<usize> {
        self.root.find(path).span.clone()
    }

    fn report(&mut self, severity: Severity, path: &[Step<'_>], message: String, label: &str, help: Option<String>) {
        let span = self.span(path);
        let file = self.file;
        self.diagnostics.push(Diagnostic { severity, message, file, span, label: label.to_owned(), help });
    }

    /// Whether `lang`, a key of the map at `path`, is one the deck declares; reports it at the
    /// key if not.
    fn check_declared(&mut self, lang: &str, path: &[Step<'_>]) -> bool {
        if self.languages.iter().any(|d| d == lang) {
            return true;
        }
        let mut key: Vec<Step<'_>> = path.to_vec();
        key.push(Step::Key(lang));
        let listed: Vec<String> = self.languages.iter().map(|l| format!("{l:?}")).collect();
        self.report(
            Severity::Error,
            &key,
            format!("language `{lang}` is not declared by the deck"),
            "undeclared language",
            Some(format!("add it to `languages: [{}]`", listed.join(", "))),
        );
        false
    }

    fn text(&mut self, raw: RawText, path: &[Step<'static>]) -> Text {
        let text = raw;
        let declared = self.languages;
        let mut problems = Vec::new();
        for lang in text.languages() {
            self.check_declared(lang, path);
        }
        if text.languages().next().is_some() {
            for lang in declared.iter().filter(|lang| !text.has_language(lang)) {
                let message = format!("no `{lang}` text here; `{}` is shown instead", declared[0]);
                problems.push((Severity::Warning, self.span(path), message, "missing a language", None));
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
        for marker in text.variants().flat_map(unclosed_markers) {
            problems.push((
                Severity::Warning,
                self.span(path),
                format!("`{marker}` is never closed, so it is shown as typed"),
                "unclosed emphasis",
                Some(format!("close it with another `{marker}`, or put `\\` before each character meant literally")),
            ));
        }
        for (severity, span, message, label, help) in problems {
            let file = self.file;
            self.diagnostics.push(Diagnostic { severity, message, file, span, label: label.to_owned(), help });
        }
        Text::resolve(text, declared)
    }

    fn opt_text(&mut self, raw: Option<RawText>, path: &[Step<'static>]) -> Option<Text> {
        raw.map(|raw| self.text(raw, path))
    }

    fn asset(&mut self, written: &str, path: &[Step<'_>]) -> (AssetPath, Option<Vec2>) {
        let resolved = self.base_dir.join(written);
        let outcome = match self.shared.checked.get(&resolved) {
            Some(outcome) => outcome.clone(),
            None => {
                // Loading for the app reads only the head of each file (its size is there), so
                // a deck of large photos opens fast; `check` decodes everything.
                let read = match &self.shared.images {
                    ImageCheck::Decode(_) => self.shared.assets.read(&resolved),
                    ImageCheck::Readable => self.shared.assets.read_head(&resolved, IMAGE_HEAD_BYTES),
                };
                let outcome = match (read, &self.shared.images) {
                    (Err(err), _) => Err(format!("cannot read image {}: {}", resolved.display(), io_reason(&err))),
                    (Ok(bytes), ImageCheck::Decode(decode)) => decode(&bytes)
                        .map(|[w, h]| Some(vec2(w as f32, h as f32)))
                        .map_err(|err| format!("cannot decode image {}: {err}", resolved.display())),
                    (Ok(bytes), ImageCheck::Readable) => Ok(super::probe::natural_size(&bytes).map(Vec2::from)),
                };
                self.shared.checked.insert(resolved.clone(), outcome.clone());
                outcome
            }
        };
        let natural_size = match outcome {
            Ok(size) => size,
            Err(message) => {
                self.report(
                    Severity::Error,
                    path,
                    message,
                    "this image",
                    Some("paths are relative to the deck file".into()),
                );
                None
            }
        };
        (AssetPath { written: written.to_owned(), resolved }, natural_size)
    }

    /// An image's `path`: one file, or a map of files by language whose default-language
    /// entry is the one shown where no other fits.
    fn image_paths(&mut self, raw: RawText, at: &[Step<'static>]) -> (AssetPath, Option<Vec2>, Vec<LanguageImage>) {
        let entries = match raw {
            RawText::Plain(written) => {
                let (asset, size) = self.asset(&written, at);
                return (asset, size, Vec::new());
            }
            RawText::ByLanguage(entries) => entries,
        };
        let default = self.languages[0].clone();
        let mut main = None;
        let mut others = Vec::new();
        for (lang, written) in entries {
            if !self.check_declared(&lang, at) {
                continue;
            }
            let mut key: Vec<Step<'_>> = at.to_vec();
            key.push(Step::Key(&lang));
            let (asset, size) = self.asset(&written, &key);
            if lang == default {
                main = Some((asset, size));
            } else if let Some(index) = self.languages.iter().position(|l| *l == lang) {
                others.push((super::Lang::from_index(index), asset, size));
            }
        }
        let (asset, size) = main.unwrap_or_else(|| {
            self.report(
                Severity::Error,
                at,
                format!("no `{default}` picture here; the default language needs one"),
                "missing the default language",
                Some(format!("add `\"{default}\": \"file\"` to the map")),
            );
            (AssetPath { written: String::new(), resolved: PathBuf::new() }, None)
        });
        (asset, size, others)
    }

    fn image(&mut self, raw: RawImage, path: &[Step<'static>]) -> Image {
        let (asset, natural_size, by_language) = self.image_paths(raw.path, &join(path, Step::Field("path")));
        Image {
            path: asset,
            natural_size,
            by_language,
            caption: self.opt_text(raw.caption, &join(path, Step::Field("caption"))),
            credit: self.opt_text(raw.credit, &join(path, Step::Field("credit"))),
            fit: raw.fit,
        }
    }

    fn bullets(&mut self, raw: Vec<RawBullet>, path: &[Step<'static>]) -> Vec<Bullet> {
        raw.into_iter()
            .enumerate()
            .map(|(i, bullet)| {
                let item = join(path, Step::Index(i));
                let nested = !bullet.children.is_empty();
                let text_path = if nested { join(&item, Step::Index(0)) } else { item.clone() };
                Bullet {
                    text: self.text(bullet.text, &text_path),
                    children: self.bullets(bullet.children, &join(&item, Step::Index(1))),
                }
            })
            .collect()
    }

    fn table(&mut self, header: Vec<RawText>, rows: Vec<Vec<RawText>>, path: &[Step<'static>]) -> Table {
        let width = header.len();
        let header: Vec<Text> = header
            .into_iter()
            .enumerate()
            .map(|(i, t)| self.text(t, &[path, &[Step::Field("header"), Step::Index(i)]].concat()))
            .collect();
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                let row_path = [path, &[Step::Field("rows"), Step::Index(r)]].concat();
                if row.len() != width {
                    self.report(
                        Severity::Error,
                        &row_path,
                        format!("this row has {} cells but the header has {width}", row.len()),
                        "wrong number of cells",
                        None,
                    );
                }
                row.into_iter().enumerate().map(|(c, t)| self.text(t, &join(&row_path, Step::Index(c)))).collect()
            })
            .collect();
        if width == 0 {
            self.report(
                Severity::Error,
                &join(path, Step::Field("header")),
                "a table needs at least one column".into(),
                "empty header",
                None,
            );
        }
        Table { header, rows }
    }

    fn blocks(&mut self, raw: Vec<RawBlock>, path: &[Step<'static>]) -> Vec<Block> {
        raw.into_iter()
            .enumerate()
            .map(|(i, block)| {
                let at = join(path, Step::Index(i));
                match block {
                    RawBlock::Heading(t) => Block::Heading(self.text(t, &join(&at, Step::Index(0)))),
                    RawBlock::Paragraph(t) => Block::Paragraph(self.text(t, &join(&at, Step::Index(0)))),
                    RawBlock::Bullets(items) => Block::Bullets(self.bullets(items, &join(&at, Step::Index(0)))),
                    RawBlock::Image(image) => Block::Image(self.image(image, &at)),
                    RawBlock::Quote { text, attribution } => Block::Quote {
                        text: self.text(text, &join(&at, Step::Field("text"))),
                        attribution: self.opt_text(attribution, &join(&at, Step::Field("attribution"))),
                    },
                    RawBlock::Table { header, rows } => Block::Table(self.table(header, rows, &at)),
                    RawBlock::Spacer(height) => {
                        if !(0.0..=CANVAS_HEIGHT).contains(&height) {
                            self.report(
                                Severity::Error,
                                &at,
                                format!("a spacer of {height} does not fit on a slide"),
                                "out of range",
                                Some(format!("use 0 to {CANVAS_HEIGHT} slide units")),
                            );
                        }
                        Block::Spacer(height.clamp(0.0, CANVAS_HEIGHT))
                    }
                }
            })
            .collect()
    }

    fn title(&mut self, raw: Option<RawText>) -> Option<Text> {
        self.opt_text(raw, &[Step::Field("title")])
    }

    fn slide(&mut self, raw: RawSlide, span: Range<usize>) -> Slide {
        let common = raw.common();
        let id = common.id.clone();
        let hidden = common.hidden;
        let duration = common.duration;
        if let Some(d) = duration
            && !(d > 0.0 && d.is_finite())
        {
            self.report(
                Severity::Error,
                &[Step::Field("duration")],
                format!("duration must be a positive number of seconds, not {d}"),
                "not positive",
                None,
            );
        }
        let notes = common.notes.clone().map(|n| self.text(n, &[Step::Field("notes")]));
        let background = match common.background {
            None => None,
            Some(RawBackground::Color(c)) => {
                self.color(c, &[Step::Field("background"), Step::Index(0)]).map(Background::Color)
            }
            Some(RawBackground::Image(p)) => {
                Some(Background::Image(self.asset(p, &[Step::Field("background"), Step::Index(0)]).0))
            }
        };
        let f = |name: &'static str| vec![Step::Field(name)];
        let content = match raw {
            RawSlide::Title { title, subtitle, byline, .. } => Content::Title {
                title: self.text(title, &f("title")),
                subtitle: self.opt_text(subtitle, &f("subtitle")),
                byline: self.opt_text(byline, &f("byline")),
            },
            RawSlide::Section { title, subtitle, .. } => Content::Section {
                title: self.text(title, &f("title")),
                subtitle: self.opt_text(subtitle, &f("subtitle")),
            },
            RawSlide::Bullets { title, items, reveal, .. } => {
                if items.is_empty() {
                    self.report(Severity::Warning, &f("items"), "this bullet list is empty".into(), "no items", None);
                }
                Content::Bullets {
                    title: self.text(title, &f("title")),
                    items: self.bullets(items, &f("items")),
                    reveal,
                }
            }
            RawSlide::Image { title, path, caption, credit, fit, .. } => {
                let (path, natural_size, by_language) = self.image_paths(path, &f("path"));
                Content::Image {
                    title: self.title(title),
                    image: Image {
                        path,
                        natural_size,
                        by_language,
                        caption: self.opt_text(caption, &f("caption")),
                        credit: self.opt_text(credit, &f("credit")),
                        fit,
                    },
                }
            }
            RawSlide::ImageText { title, image, blocks, image_side, split, .. } => {
                let split = split.unwrap_or(0.5);
                if !(0.2..=0.8).contains(&split) {
                    self.report(
                        Severity::Error,
                        &f("split"),
                        format!("split {split} leaves too little room"),
                        "out of range",
                        Some("the image takes this fraction of the width: use 0.2 to 0.8".into()),
                    );
                }
                Content::ImageText {
                    title: self.title(title),
                    image: self.image(image, &f("image")),
                    blocks: self.blocks(blocks, &f("blocks")),
                    side: image_side,
                    split: split.clamp(0.2, 0.8),
                }
            }
            RawSlide::Columns { title, columns, .. } => {
                if !(2..=3).contains(&columns.len()) {
                    self.report(
                        Severity::Error,
                        &f("columns"),
                        format!("{} columns: a slide takes two or three", columns.len()),
                        "wrong number of columns",
                        None,
                    );
                }
                Content::Columns {
                    title: self.title(title),
                    columns: columns
                        .into_iter()
                        .enumerate()
                        .map(|(i, c)| self.blocks(c, &[Step::Field("columns"), Step::Index(i)]))
                        .collect(),
                }
            }
            RawSlide::Quote { text, attribution, .. } => Content::Quote {
                text: self.text(text, &f("text")),
                attribution: self.opt_text(attribution, &f("attribution")),
            },
            RawSlide::Statistic { title, value, label, detail, .. } => Content::Statistic {
                title: self.title(title),
                value: self.text(value, &f("value")),
                label: self.text(label, &f("label")),
                detail: self.opt_text(detail, &f("detail")),
            },
            RawSlide::Timeline { title, events, .. } => {
                if events.is_empty() || events.len() > 8 {
                    self.report(
                        Severity::Error,
                        &f("events"),
                        format!("{} events: a timeline shows 1 to 8", events.len()),
                        "wrong number of events",
                        Some("split a long timeline over several slides".into()),
                    );
                }
                Content::Timeline {
                    title: self.title(title),
                    events: events
                        .into_iter()
                        .enumerate()
                        .map(|(i, e)| Event {
                            date: self.text(e.date, &[Step::Field("events"), Step::Index(i), Step::Field("date")]),
                            text: self.text(e.text, &[Step::Field("events"), Step::Index(i), Step::Field("text")]),
                        })
                        .collect(),
                }
            }
            RawSlide::Table { title, header, rows, .. } => {
                Content::Table { title: self.title(title), table: self.table(header, rows, &[]) }
            }
            RawSlide::Blocks { title, blocks, reveal, .. } => {
                Content::Blocks { title: self.title(title), blocks: self.blocks(blocks, &f("blocks")), reveal }
            }
        };
        Slide { id, content, notes, hidden, duration, background, file: self.file, span }
    }

    fn color(&mut self, text: &str, path: &[Step<'static>]) -> Option<Color32> {
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

    fn theme(&mut self, raw: RawTheme) -> Theme {
        let defaults = Theme::default();
        let at = |name: &'static str| [Step::Field("theme"), Step::Field(name)];
        let color = |ctx: &mut Self, value: Option<String>, name: &'static str, fallback: Color32| {
            value.and_then(|v| ctx.color(&v, &at(name))).unwrap_or(fallback)
        };
        let background = color(self, raw.background, "background", defaults.background);
        let text = color(self, raw.text, "text", defaults.text);
        let accent = color(self, raw.accent, "accent", defaults.accent);
        let muted = color(self, raw.muted, "muted", defaults.muted);
        let mut size = |value: Option<f32>, name: &'static str, fallback: f32, range: Range<f32>| match value {
            Some(v) if range.contains(&v) => v,
            Some(v) => {
                self.report(
                    Severity::Error,
                    &at(name),
                    format!("`{name}` {v} is out of range"),
                    "out of range",
                    Some(format!(
                        "use {} to {} slide units (the slide is {CANVAS_HEIGHT} high)",
                        range.start, range.end
                    )),
                );
                fallback
            }
            None => fallback,
        };
        let title_size = size(raw.title_size, "title_size", defaults.title_size, 8.0..400.0);
        let body_size = size(raw.body_size, "body_size", defaults.body_size, 8.0..300.0);
        let min_size = size(raw.min_size, "min_size", defaults.min_size.min(body_size), 6.0..300.0);
        let margin = size(raw.margin, "margin", defaults.margin, 0.0..400.0);
        if min_size > body_size {
            self.report(
                Severity::Error,
                &at("min_size"),
                format!("`min_size` {min_size} is larger than `body_size` {body_size}"),
                "too large",
                None,
            );
        }
        let font = raw.font.and_then(|font| {
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
            let sources = [Some(&font.regular), font.bold.as_ref(), font.italic.as_ref()]
                .into_iter()
                .flatten()
                .map(|written| self.base_dir.join(written))
                .collect();
            regular.map(|regular| Arc::new(FontFiles { sources, regular, bold, italic }))
        });
        Theme { background, text, accent, muted, title_size, body_size, min_size, margin, font }
    }

    fn deck(&mut self, header: RawDeckHeader, path: &Path, languages: Vec<String>, slides: Vec<Slide>) -> Deck {
        let aspect = match header.aspect.as_deref() {
            None => 16.0 / 9.0,
            Some(text) => parse_aspect(text).unwrap_or_else(|| {
                self.report(
                    Severity::Error,
                    &[Step::Field("aspect")],
                    format!("`{text}` is not an aspect ratio"),
                    "expected width:height",
                    Some("for example \"16:9\", \"4:3\" or \"16:10\"".into()),
                );
                16.0 / 9.0
            }),
        };
        let default_duration = match header.default_duration {
            Some(d) if d > 0.0 && d.is_finite() => d,
            Some(d) => {
                self.report(
                    Severity::Error,
                    &[Step::Field("default_duration")],
                    format!("duration must be a positive number of seconds, not {d}"),
                    "not positive",
                    None,
                );
                20.0
            }
            None => 20.0,
        };
        let talk_minutes = match header.talk_minutes {
            Some(m) if m > 0.0 && m.is_finite() => Some(m),
            Some(m) => {
                self.report(
                    Severity::Error,
                    &[Step::Field("talk_minutes")],
                    format!("the talk length must be a positive number of minutes, not {m}"),
                    "not positive",
                    None,
                );
                None
            }
            None => None,
        };
        let mut ids = HashMap::new();
        for (i, slide) in slides.iter().enumerate() {
            if let Some(id) = &slide.id
                && let Some(first) = ids.insert(id.clone(), i)
            {
                self.report(
                    Severity::Error,
                    &[Step::Field("slides"), Step::Index(i), Step::Field("id")],
                    format!("slide id `{id}` is already used by slide {}", first + 1),
                    "duplicate id",
                    None,
                );
            }
        }
        let exhibit = self.exhibit(header.exhibit.unwrap_or_default(), &slides);
        Deck {
            path: path.to_owned(),
            title: self.text(header.title, &[Step::Field("title")]),
            author: self.opt_text(header.author, &[Step::Field("author")]),
            date: self.opt_text(header.date, &[Step::Field("date")]),
            canvas: vec2((CANVAS_HEIGHT * aspect).round(), CANVAS_HEIGHT),
            languages,
            theme: self.theme(header.theme.unwrap_or_default()),
            show_counter: header.show_counter.unwrap_or(true),
            show_progress: header.show_progress.unwrap_or(true),
            default_duration,
            talk_minutes,
            exhibit,
            slides,
            includes: Vec::new(),
        }
    }

    fn exhibit(&mut self, raw: RawExhibit, slides: &[Slide]) -> ExhibitSettings {
        use crate::timing::{Hours, OnIdle, TransitionKind, Window};
        let defaults = ExhibitSettings::default();
        let seconds = |ctx: &mut Self, value: Option<f32>, name: &'static str, fallback: f32, zero_ok: bool| match value
        {
            None => fallback,
            Some(v) if v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0)) && v <= 86_400.0 => v,
            Some(v) => {
                let wanted = if zero_ok { "zero or more" } else { "more than zero" };
                ctx.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field(name)],
                    format!("`{name}` must be {wanted} seconds (at most a day), not {v}"),
                    "out of range",
                    None,
                );
                fallback
            }
        };
        let transition_seconds =
            seconds(self, raw.transition_seconds, "transition_seconds", defaults.transition_seconds, true);
        let idle_seconds = seconds(self, raw.idle_seconds, "idle_seconds", defaults.idle_seconds, false);
        let zone = match &raw.time_zone {
            None => jiff::tz::TimeZone::system(),
            Some(name) => jiff::tz::TimeZone::get(name).unwrap_or_else(|err| {
                self.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field("time_zone")],
                    format!("`{name}` is not a known time zone: {err}"),
                    "unknown time zone",
                    Some("use an IANA name such as \"Asia/Almaty\" or \"Europe/Vienna\"".into()),
                );
                jiff::tz::TimeZone::UTC
            }),
        };
        let hours = raw.hours.map(|windows| {
            let windows = windows
                .into_iter()
                .enumerate()
                .filter_map(|(i, window)| {
                    let time = |ctx: &mut Self, text: &str, name: &'static str| {
                        let parsed = text.parse::<jiff::civil::Time>();
                        if parsed.is_err() {
                            ctx.report(
                                Severity::Error,
                                &[Step::Field("exhibit"), Step::Field("hours"), Step::Index(i), Step::Field(name)],
                                format!("`{text}` is not a time of day"),
                                "expected HH:MM",
                                Some("24-hour local time, e.g. \"09:30\"; a close at or before the open runs past midnight".into()),
                            );
                        }
                        parsed.ok()
                    };
                    let open = time(self, &window.open, "open");
                    let close = time(self, &window.close, "close");
                    if window.days.is_empty() {
                        self.report(
                            Severity::Error,
                            &[Step::Field("exhibit"), Step::Field("hours"), Step::Index(i), Step::Field("days")],
                            "opening hours without days are never open".to_owned(),
                            "no days",
                            Some("list the days, e.g. `days: [Mon, Tue, Wed, Thu, Fri]`".into()),
                        );
                    }
                    let mut days = [false; 7];
                    for day in window.days {
                        days[day as usize] = true;
                    }
                    Some(Window { days, open: open?, close: close? })
                })
                .collect();
            Hours { zone: zone.clone(), windows }
        });
        let closed_slide = raw.closed_slide.and_then(|id| {
            let found = slides.iter().position(|s| s.id.as_deref() == Some(id.as_str()));
            if found.is_none() {
                let ids = slides.iter().filter_map(|s| s.id.as_deref());
                self.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field("closed_slide")],
                    format!("no slide has the id `{id}`"),
                    "unknown slide id",
                    did_you_mean(&id, ids),
                );
            }
            found
        });
        ExhibitSettings {
            transition: match raw.transition {
                RawTransition::None => TransitionKind::None,
                RawTransition::Crossfade => TransitionKind::Crossfade,
                RawTransition::Slide => TransitionKind::Slide,
            },
            transition_seconds,
            idle_seconds,
            on_idle: match raw.on_idle {
                RawOnIdle::Restart => OnIdle::Restart,
                RawOnIdle::Resume => OnIdle::Resume,
            },
            hours,
            closed_slide,
        }
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        _ => err.to_string(),
    }
}
