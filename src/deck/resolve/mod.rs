//! From RON text to a validated [`Deck`], collecting every problem in one pass.
//!
//! The header and each slide are deserialised separately (the scanner in [`super::source`]
//! finds where each slide is), so one broken slide does not hide another. Problems found
//! after deserialising point at the right place through the scanner's spans.
//!
//! This module owns the load itself: the walk over the header and the slide list (following
//! `Include`s) and the checks that need the whole deck. The files beside it resolve the
//! parts, each through `ctx` (the context they share): `text` (text and languages),
//! `images`, `theme`, `exhibit`, `slides` (slide kinds and blocks) and `ron_error` (the
//! deserialiser's errors in the user's words); `options` is what the caller chooses.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use emath::vec2;
use ron::extensions::Extensions;

use self::ctx::{Ctx, Shared, error_at};
use self::text::declared_languages;
use super::assets::AssetSource;
use super::diagnostic::{Diagnostic, Report, Severity, SourceFile};
use super::model::{CANVAS_HEIGHT, Deck, LoadError, Loaded, Slide};
use super::raw::Room;
use super::raw::{RawDeckHeader, RawSlide};
use super::source::{self, Node, NodeKind, Step};
use super::text::RawText;

mod code;
mod ctx;
mod exhibit;
mod header;
mod images;
mod options;
mod ron_error;
mod slides;
mod text;
mod theme;

pub use header::HEADER_FIELDS;
pub use options::{DecodeCheck, ImageCheck, LoadOptions};

/// How long the presenter's transitions take unless the deck says.
pub const PRESENT_TRANSITION_SECONDS: f32 = 0.3;

/// The RON dialect decks are read with: `Some(…)` may be left out, and newtype variants
/// holding a struct are written flat, `Image(path: …)`.
///
/// The scanner runs first and refuses anything nested deeper than [`source::MAX_DEPTH`], so
/// `ron`'s own recursion limit (which counts several levels per bullet and named itself in
/// its message) is lifted.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .without_recursion_limit()
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

    let scanned = source::scan(&text);
    // After a syntax error, an empty or all-hidden slide list may be the error's doing.
    let syntax_errors = !scanned.errors.is_empty();
    let mut syntax = header::SyntaxErrors::default();
    syntax.add(0, scanned.errors.iter().map(|e| e.span.start).collect());
    diagnostics.extend(scanned.errors.into_iter().map(|error| syntax_diagnostic(0, error)));
    let Some(root) = scanned.root else {
        return Err(invalid(path, text, diagnostics));
    };

    let mut shared = Shared::new(assets, options.images.clone());
    let (header, languages) = if let NodeKind::List(_) = root.kind {
        // A part meant for `Include`, checked on its own: with the languages its text uses.
        let languages = slide_list_languages(&root);
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: format!(
                "this file is a list of slides, meant for `Include(\"{}\")` in a deck; it is checked on its own, in {}",
                file_name(path),
                languages.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
            ),
            file: 0,
            span: root.span.start..root.span.start + 1,
            label: "a list of slides".into(),
            help: None,
            related: Vec::new(),
        });
        let title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let header =
            RawDeckHeader { title: RawText::Plain(title), languages: Some(languages.clone()), ..Default::default() };
        (Some(header), languages)
    } else {
        let header = header::header(&ron, (&text, &syntax), &root, &mut diagnostics);
        let languages =
            header.as_ref().map_or_else(|| vec!["en".to_owned()], |h| declared_languages(h, &root, &mut diagnostics));
        (header, languages)
    };

    let mut files = vec![SourceFile { path: path.to_owned(), text }];
    let slides_field = root.field("slides");
    let slide_nodes = match &root.kind {
        NodeKind::List(items) => items.as_slice(),
        _ => slides_field.map_or(&[][..], |f| f.value.items()),
    };
    let mut collector = SlideCollector {
        ron: &ron,
        files: &mut files,
        diagnostics: &mut diagnostics,
        languages: &languages,
        shared: &mut shared,
        chain: vec![std::path::absolute(path).unwrap_or_else(|_| path.to_owned())],
        syntax,
        slides: Vec::new(),
        includes: Vec::new(),
    };
    collector.collect(0, slide_nodes, &base_dir);
    let SlideCollector { slides, includes, .. } = collector;
    if let Some(field) = slides_field
        && slides.is_empty()
        && slide_nodes.is_empty()
        && !syntax_errors
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
            source: &files[0].text,
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
    if let Some(deck) = &deck {
        // Links to slides, now that every id is known.
        for (id, file, span) in std::mem::take(&mut shared.slide_links) {
            let from = deck.slides.iter().find(|slide| slide.file == file && slide.span.contains(&span.start));
            let to = deck.slide_by_id(&id).map(|index| &deck.slides[index]);
            // A link shown in a room whose slides leave its target out goes nowhere there.
            if let (Some(from), Some(to)) = (from, to)
                && let Some(only) = to.room
                && from.room != Some(only)
            {
                let shown_in = from.room.unwrap_or(only.other());
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    file,
                    ..error_at(
                        span.clone(),
                        &format!(
                            "slide `{id}` is only in {}, so this link does nothing in {}",
                            only.name(),
                            shown_in.name()
                        ),
                        "the other room's slide",
                        Some("link to a slide both rooms show, or give this slide the same `room`"),
                    )
                });
            }
            if to.is_none() {
                let ids = deck.slides.iter().filter_map(|s| s.id.as_deref());
                diagnostics.push(Diagnostic {
                    file,
                    help: crate::deck::diagnostic::did_you_mean(&id, ids)
                        .or_else(|| Some("give the slide `id: \"…\"` and link to `#…`".into())),
                    ..error_at(span, &format!("no slide has the id `{id}`"), "unknown slide id", None)
                });
            }
        }
    }
    if let Some(deck) = &deck
        && !deck.slides.is_empty()
        && !syntax_errors
        && let Some(field) = slides_field
    {
        if deck.slides.iter().all(|s| s.hidden) {
            diagnostics.push(error_at(
                field.name_span.clone(),
                "every slide is hidden",
                "nothing to present",
                Some("remove `hidden: true` from at least one slide"),
            ));
        } else if deck.slides.iter().any(|s| s.room.is_some()) {
            // A deck that names rooms must have something to show in each.
            for room in [Room::Lecture, Room::Exhibit] {
                if !deck.slides.iter().any(|s| !s.hidden && s.room != Some(room.other())) {
                    diagnostics.push(error_at(
                        field.name_span.clone(),
                        &format!("no slide is shown in {}", room.name()),
                        &format!("nothing for {}", room.name()),
                        Some("a slide without `room` is shown in both the lecture and the exhibit"),
                    ));
                }
            }
        }
    }

    let report = Report { files, diagnostics };
    let mut unshowable_images: Vec<PathBuf> =
        shared.checked.iter().filter(|(_, outcome)| outcome.is_err()).map(|(path, _)| path.clone()).collect();
    unshowable_images.sort();
    match deck {
        Some(deck) if !report.has_errors() => Ok(Loaded { deck: Arc::new(deck), warnings: report, unshowable_images }),
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
    /// Where each file has syntax errors.
    syntax: header::SyntaxErrors,
    slides: Vec<Slide>,
    includes: Vec<PathBuf>,
}

impl SlideCollector<'_, '_> {
    fn error(&mut self, file: usize, span: Range<usize>, message: String, label: &str, help: Option<String>) {
        let label = label.to_owned();
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            message,
            file,
            span,
            label,
            help,
            related: Vec::new(),
        });
    }

    fn collect(&mut self, file: usize, nodes: &[Node], base_dir: &Path) {
        for node in nodes {
            match &node.kind {
                NodeKind::Tuple { name: Some(name), items } if name == "Include" => {
                    self.include(file, node, items, base_dir);
                }
                // Its syntax error is reported already.
                NodeKind::Broken => {}
                _ => self.slide(file, node, base_dir),
            }
        }
    }

    fn slide(&mut self, file: usize, node: &Node, base_dir: &Path) {
        let text = &self.files[file].text;
        let raw = header::parse_piece::<RawSlide>(self.ron, (text, &self.syntax), node, file, self.diagnostics);
        // Otherwise reported by `parse_piece` (or by the scanner).
        if let Some(raw) = raw {
            let mut ctx = Ctx {
                root: node,
                source: text,
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
        // Anything else a deck names (a system file) is named in the error, never read and quoted.
        if !target.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
            let message = format!("cannot include {written}: an included file is a `.ron` file");
            let help =
                Some("`Include` takes a list of slides written in RON, e.g. `Include(\"chapter.ron\")`".to_owned());
            return self.error(file, path_span, message, "not a .ron file", help);
        }
        let absolute = std::path::absolute(&target).unwrap_or_else(|_| target.clone());
        if let Some(start) = self.chain.iter().position(|p| *p == absolute) {
            let names: Vec<String> = self.chain[start..].iter().chain([&absolute]).map(|p| file_name(p)).collect();
            let message = format!("include cycle: {}", names.join(" -> "));
            return self.error(file, path_span, message, "includes a file that is already being included", None);
        }
        let text = match super::assets::read_text(&target, self.shared.assets) {
            Ok(text) => text,
            Err(err) => {
                let help = Some("paths are relative to the file that includes them".to_owned());
                return self.error(file, path_span, format!("cannot include: {err}"), "this file", help);
            }
        };
        let index = self.files.len();
        self.files.push(SourceFile { path: target.clone(), text });
        let scanned = source::scan(&self.files[index].text);
        self.syntax.add(index, scanned.errors.iter().map(|e| e.span.start).collect());
        self.diagnostics.extend(scanned.errors.into_iter().map(|error| syntax_diagnostic(index, error)));
        let Some(root) = scanned.root else { return };
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

/// A syntax error from the scanner, as a diagnostic in file `file`.
fn syntax_diagnostic(file: usize, error: source::SyntaxError) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        message: error.message,
        file,
        span: error.span,
        label: error.label,
        help: error.help,
        related: error.related.into_iter().collect(),
    }
}

/// The languages the text of a slide list uses (map keys that look like language codes), in
/// order of first use; English if it has none.
fn slide_list_languages(root: &Node) -> Vec<String> {
    fn walk(node: &Node, out: &mut Vec<String>) {
        match &node.kind {
            NodeKind::Map(entries) => {
                for (key, value) in entries {
                    if let NodeKind::Str(code) = &key.kind
                        && text::is_language_tag(code)
                        && !out.contains(code)
                    {
                        out.push(code.clone());
                    }
                    walk(value, out);
                }
            }
            NodeKind::Struct { fields, .. } => fields.iter().for_each(|f| walk(&f.value, out)),
            NodeKind::Tuple { items, .. } | NodeKind::List(items) => items.iter().for_each(|n| walk(n, out)),
            NodeKind::Str(_) | NodeKind::Scalar | NodeKind::Broken => {}
        }
    }
    let mut languages = Vec::new();
    walk(root, &mut languages);
    if languages.is_empty() {
        languages.push("en".to_owned());
    }
    languages
}

fn invalid(path: &Path, text: String, diagnostics: Vec<Diagnostic>) -> LoadError {
    LoadError::Invalid {
        path: path.to_owned(),
        report: Report { files: vec![SourceFile { path: path.to_owned(), text }], diagnostics },
    }
}

/// Parses an aspect ratio such as `16:9`.
pub fn parse_aspect(text: &str) -> Option<f32> {
    let (w, h) = text.split_once(':')?;
    let (w, h): (f32, f32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    let ratio = w / h;
    (w > 0.0 && h > 0.0 && (0.25..=4.0).contains(&ratio)).then_some(ratio)
}

impl Ctx<'_, '_> {
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
        let transition_seconds = match header.transition_seconds {
            Some(s) if (0.0..=5.0).contains(&s) => s,
            Some(s) => {
                self.report(
                    Severity::Error,
                    &[Step::Field("transition_seconds")],
                    format!("a transition of {s} seconds: use 0 to 5"),
                    "out of range",
                    Some("presenting, 0.2 to 0.5 feels quick; longer holds up the talk".into()),
                );
                PRESENT_TRANSITION_SECONDS
            }
            None => PRESENT_TRANSITION_SECONDS,
        };
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
            transition: exhibit::transition_kind(header.transition),
            transition_seconds,
            exhibit,
            slides,
            includes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
