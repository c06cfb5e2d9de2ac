//! The document painter: draws display lists into a PDF with krilla, the PDF library typst
//! uses. Text stays text (selectable, searchable, in the deck's language) set on the rows
//! the window wraps it into; fonts are embedded and subset; SVG pictures stay vectors
//! (krilla-svg); photos are embedded once each, no larger than a page can show. The pages
//! are tagged (PDF/UA-1): headings, paragraphs, lists, tables, figures with alternative text,
//! and drawn decoration as artifacts. Each slide gets a bookmark.

use std::path::{Path, PathBuf};

use ecolor::Color32;
use emath::{Rect, Vec2, pos2};
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;

use crate::deck::text::Link;
use krilla::paint::{Fill, FillRule, LineCap, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag, TagTree};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt as _, SvgSettings};

use super::fonts::FontSet;
use super::pictures::{Picture, Pictures};
use super::tags::PageStructure;
use super::text::{Row, rows};
use crate::deck::{AssetSource, Fit};
use crate::fonts::measure::HeadlessMeasurer;
use crate::layout::{DisplayItem, TextRole};

/// PDF points per slide unit: a 1920-unit-wide slide is a 960 x 540 pt page (13.33 x 7.5
/// inches, the size presentation programs print).
pub const POINTS_PER_UNIT: f32 = 0.5;
/// Writes one document: pages go in as display lists, the file comes out of `finish`.
pub struct PdfWriter<'a> {
    document: Document,
    fonts: FontSet,
    tree: TagTree,
    outline: Outline,
    pages: usize,
    measurer: &'a HeadlessMeasurer,
    assets: &'a dyn AssetSource,
    pictures: &'a mut Pictures,
    /// Pictures that could not be embedded, each once, with the reason.
    pub left_out: Vec<(PathBuf, String)>,
    /// The page each slide id starts on, for links to slides.
    slide_pages: std::collections::HashMap<String, usize>,
}

/// What a document says about itself.
pub struct DocumentInfo {
    pub title: String,
    pub author: Option<String>,
    pub language: String,
}

impl<'a> PdfWriter<'a> {
    pub fn new(
        info: &DocumentInfo,
        measurer: &'a HeadlessMeasurer,
        assets: &'a dyn AssetSource,
        pictures: &'a mut Pictures,
        accessible: bool,
    ) -> Self {
        // Tagged either way; `accessible` also checks PDF/UA-1 and says so in the file.
        let configuration = if accessible {
            ConfigurationBuilder::new().with_accessibility_validator(Accessibility::UA1).finish().unwrap_or_default()
        } else {
            krilla::configure::Configuration::default()
        };
        let settings = SerializeSettings { configuration, ..SerializeSettings::default() };
        let mut document = Document::new_with(settings);
        let mut metadata = Metadata::new()
            .title(info.title.clone())
            .language(info.language.clone())
            .creator(format!("Lectern {}", env!("CARGO_PKG_VERSION")));
        if let Some(author) = &info.author {
            metadata = metadata.authors(vec![author.clone()]);
        }
        document.set_metadata(metadata);
        Self {
            document,
            fonts: FontSet::new(measurer.fonts()),
            tree: TagTree::new(),
            outline: Outline::new(),
            pages: 0,
            measurer,
            assets,
            pictures,
            left_out: Vec::new(),
            slide_pages: std::collections::HashMap::new(),
        }
    }

    /// A page of `size` slide units showing each `placed` display list (a slide, or on a
    /// notes page the slide, its frame and the notes); `bookmark` names the page in the
    /// document's outline.
    pub fn page(&mut self, size: Vec2, placed: &[Placed<'_>], bookmark: Option<String>) {
        let page_size = size * POINTS_PER_UNIT;
        let settings = PageSettings::from_wh(page_size.x, page_size.y).unwrap_or_default();
        let mut structure = PageStructure::default();
        let mut links = Vec::new();
        {
            let Self { document, fonts, measurer, assets, pictures, left_out, slide_pages, .. } = self;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            surface.push_transform(&Transform::from_scale(POINTS_PER_UNIT, POINTS_PER_UNIT));
            let mut painter = Painter {
                surface: &mut surface,
                placement: (emath::Pos2::ZERO, 1.0),
                links: &mut links,
                fonts,
                measurer,
                assets: *assets,
                pictures,
                left_out,
                structure: &mut structure,
            };
            for placed in placed {
                painter.draw(placed);
            }
            surface.pop();
            surface.finish();
            for (area, link) in links {
                if let Some(annotation) = link_annotation(area, &link, slide_pages) {
                    page.add_annotation(annotation);
                }
            }
            page.finish();
        }
        self.tree.push(structure.finish());
        if let Some(title) = bookmark {
            let destination = XyzDestination::new(self.pages, Point::from_xy(0.0, 0.0));
            self.outline.push_child(OutlineNode::new(title, destination));
        }
        self.pages += 1;
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Which page each slide id starts on, for links to slides.
    pub fn set_slide_pages(&mut self, pages: std::collections::HashMap<String, usize>) {
        self.slide_pages = pages;
    }

    /// The finished file.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        self.document.set_outline(self.outline);
        self.document.set_tag_tree(self.tree);
        let pdf = self.document.finish().map_err(|err| why_not_written(&err))?;
        Ok(super::pack::pack(&pdf).unwrap_or(pdf))
    }
}

/// For each row, whether a space must be written after it for the text to read on: a row
/// with text before the next row with text (an empty row, a blank line, is passed over),
/// unless the break already has a space or falls after a word's hyphen ("Co-" / "operation";
/// a dash standing alone, " -", still takes one), or either side is ideographic (such text
/// breaks between characters, with no space).
fn row_joins(rows: &[Row]) -> Vec<bool> {
    let ideographic = |c: char| ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c);
    let text_of = |row: &Row| row.pieces.iter().map(|p| p.text.as_str()).collect::<String>();
    let texts: Vec<String> = rows.iter().map(text_of).collect();
    (0..rows.len())
        .map(|i| {
            let Some(next) = texts[i + 1..].iter().find(|t| !t.is_empty()).and_then(|t| t.chars().next()) else {
                return false;
            };
            let mut tail = texts[i].chars().rev();
            let Some(end) = tail.next() else { return false };
            let hyphenated = end == '-' && tail.next().is_some_and(|before| !before.is_whitespace());
            !end.is_whitespace() && !hyphenated && !next.is_whitespace() && !ideographic(end) && !ideographic(next)
        })
        .collect()
}

/// Why krilla would not write the file, in words a user can act on (its errors name fonts
/// and glyph ids, which say nothing to them).
fn why_not_written(err: &krilla::error::KrillaError) -> String {
    use krilla::configure::ValidationError as Rule;
    let named = |debug: String| debug.split(['(', ' ', '{']).next().unwrap_or_default().to_owned();
    let krilla::error::KrillaError::Validation(broken) = err else {
        return format!("the PDF writer failed ({})", named(format!("{err:?}")));
    };
    let mut said: Vec<String> = broken
        .iter()
        .map(|(rule, _)| match rule {
            Rule::ContainsNotDefGlyph(_, _, text) => {
                format!("no embedded font can draw \"{}\"", text.escape_default())
            }
            Rule::NoCodepointMapping(..) | Rule::InvalidCodepointMapping(..) | Rule::UnicodePrivateArea(..) => {
                "a glyph cannot be mapped back to the letter it shows, so copied text would be wrong".to_owned()
            }
            Rule::RestrictedLicense(_) => "a font's licence does not allow embedding it".to_owned(),
            Rule::MissingAltText(_) | Rule::MissingAnnotationAltText(_) => {
                "a picture or a link has no alternative text".to_owned()
            }
            other => format!("it breaks the rule krilla calls {}", named(format!("{other:?}"))),
        })
        .collect();
    said.sort();
    said.dedup();
    said.join("; ")
}

/// A display list placed on a page: its items drawn at `origin` (slide units of the page)
/// scaled by `scale`, clipped to `clip` when set.
pub struct Placed<'i> {
    pub items: Vec<&'i DisplayItem>,
    pub origin: emath::Pos2,
    pub scale: f32,
    pub clip: Option<Rect>,
}

struct Painter<'s, 'p, 'w> {
    surface: &'s mut Surface<'p>,
    /// Where the list being drawn is placed (its origin and scale on the page), so link
    /// areas can be given in page coordinates.
    placement: (emath::Pos2, f32),
    /// Each link's area on the page, in slide units of the page.
    links: &'w mut Vec<(Rect, Link)>,
    fonts: &'w FontSet,
    measurer: &'w HeadlessMeasurer,
    assets: &'w dyn AssetSource,
    pictures: &'w mut Pictures,
    left_out: &'w mut Vec<(PathBuf, String)>,
    structure: &'w mut PageStructure,
}

impl Painter<'_, '_, '_> {
    fn draw(&mut self, placed: &Placed<'_>) {
        self.placement = (placed.origin, placed.scale);
        let transform = Transform::from_row(placed.scale, 0.0, 0.0, placed.scale, placed.origin.x, placed.origin.y);
        let clip = placed.clip.and_then(|clip| rect_path(clip, 0.0));
        if let Some(clip) = &clip {
            self.surface.push_clip_path(clip, &FillRule::NonZero);
        }
        self.surface.push_transform(&transform);
        for (i, item) in placed.items.iter().enumerate() {
            self.item(item, &placed.items[i + 1..]);
        }
        self.surface.pop();
        if clip.is_some() {
            self.surface.pop();
        }
    }

    /// Draws as decoration, outside the document's structure.
    fn artifact(&mut self, draw: impl FnOnce(&mut Surface<'_>)) {
        self.surface.start_tagged(ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)));
        draw(self.surface);
        self.surface.end_tagged();
    }

    /// A filled or stroked shape that only decorates.
    fn decoration(&mut self, path: Option<krilla::geom::Path>, fill: Option<Fill>, stroke: Option<Stroke>) {
        let Some(path) = path else { return };
        self.artifact(|surface| {
            surface.set_fill(fill);
            surface.set_stroke(stroke);
            surface.draw_path(&path);
        });
    }

    fn item(&mut self, item: &DisplayItem, after: &[&DisplayItem]) {
        match item {
            DisplayItem::Rect { rect, color, corner_radius } => {
                self.decoration(rect_path(*rect, *corner_radius), Some(fill(*color)), None);
            }
            DisplayItem::Line { from, to, width, color } => {
                let mut path = PathBuilder::new();
                path.move_to(from.x, from.y);
                path.line_to(to.x, to.y);
                self.decoration(path.finish(), None, Some(stroke(*color, *width)));
            }
            DisplayItem::Circle { center, radius, color } => {
                self.decoration(circle_path(*center, *radius), Some(fill(*color)), None);
            }
            DisplayItem::Text { rect, run, .. } => self.text(*rect, run),
            DisplayItem::Image { rect, path, fit, backdrop } => {
                let Some(picture) = self.picture(&path.resolved, *rect) else { return };
                let alt = alt_text(&picture, after, &path.written);
                if *backdrop {
                    self.artifact(|surface| draw_picture(surface, &picture, *rect, *fit));
                } else {
                    let id = self.surface.start_tagged(ContentTag::Other);
                    draw_picture(self.surface, &picture, *rect, *fit);
                    self.surface.end_tagged();
                    self.structure.figure(&alt, id);
                }
            }
        }
    }

    /// A text item: one marked sequence for all its rows (the document says its language once,
    /// in its catalogue), under the structure element its role asks for.
    fn text(&mut self, rect: Rect, run: &crate::layout::TextRun) {
        let rows = rows(self.measurer, run, rect);
        if rows.iter().all(|row| row.pieces.is_empty()) {
            return;
        }
        let decoration = run.role == TextRole::Decoration;
        let tag = if decoration {
            ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None))
        } else {
            ContentTag::Span(SpanTag::empty())
        };
        let id = self.surface.start_tagged(tag);
        // Underlines (links) and strikes, drawn as the window draws them, after the text (as
        // decoration, outside its marked content).
        let mut lines = Vec::new();
        for (piece, join) in rows.iter().zip(row_joins(&rows)).flat_map(|(row, joins)| {
            let last = row.pieces.len().saturating_sub(1);
            row.pieces.iter().enumerate().map(move |(i, piece)| (piece, joins && i == last))
        }) {
            let thickness = (piece.size * 0.06).max(1.0);
            let offsets = [(piece.link.is_some(), piece.size * 0.12), (piece.strike, -piece.size * 0.3)];
            for (_, offset) in offsets.into_iter().filter(|(on, _)| *on) {
                let line = Rect::from_min_max(
                    emath::pos2(piece.x, piece.baseline + offset - thickness / 2.0),
                    emath::pos2(piece.end_x, piece.baseline + offset + thickness / 2.0),
                );
                lines.push((line, piece.color));
            }
            if let Some(link) = &piece.link {
                let (origin, scale) = self.placement;
                let area = Rect::from_min_max(
                    emath::pos2(piece.x, piece.baseline - piece.size * 0.95),
                    emath::pos2(piece.end_x, piece.baseline + piece.size * 0.3),
                );
                let on_page =
                    Rect::from_min_max(origin + area.min.to_vec2() * scale, origin + area.max.to_vec2() * scale);
                self.links.push((on_page, link.clone()));
            }
            self.surface.set_fill(Some(fill(piece.color)));
            self.surface.set_stroke(None);
            let drawable = self.fonts.drawable(piece.face, &piece.text);
            for (range, font) in self.fonts.split(piece.face, &drawable) {
                let index = drawable[..range.start].chars().count();
                let x = piece.char_x.get(index).copied().unwrap_or(piece.x);
                let start = Point::from_xy(x, piece.baseline);
                let text = &drawable[range];
                self.surface.draw_text(start, font, piece.size, text, false, TextDirection::Auto);
            }
            if join && let Some((_, font)) = self.fonts.split(piece.face, " ").into_iter().next() {
                // The space the line broke at: invisible, but text read in structure order
                // (screen readers, reflow, copying) gets "and Co-operation", not "andCo-operation".
                let start = Point::from_xy(piece.end_x, piece.baseline);
                self.surface.draw_text(start, font, piece.size, " ", false, TextDirection::Auto);
            }
        }
        self.surface.end_tagged();
        for (line, color) in lines {
            self.artifact(|surface| {
                if let Some(path) = rect_path(line, 0.0) {
                    surface.set_fill(Some(fill(color)));
                    surface.draw_path(&path);
                }
            });
        }
        if !decoration {
            self.structure.text(run.role, &run.plain_text(), vec![id]);
        }
    }

    /// The picture at `path` for a box of `rect`, read and prepared once per export.
    fn picture(&mut self, path: &Path, rect: Rect) -> Option<Picture> {
        match self.pictures.get(self.assets, path, rect) {
            Ok(picture) => Some(picture.clone()),
            Err(reason) => {
                if !self.left_out.iter().any(|(p, _)| p == path) {
                    self.left_out.push((path.to_owned(), reason.clone()));
                }
                None
            }
        }
    }
}

/// A link's clickable area on a page: a web address opens, a slide link goes to the page of
/// that slide (if the document has it).
fn link_annotation(
    area: Rect,
    link: &Link,
    slide_pages: &std::collections::HashMap<String, usize>,
) -> Option<krilla::annotation::Annotation> {
    use krilla::action::LinkAction;
    use krilla::annotation::{Annotation, LinkAnnotation, Target};
    use krilla::destination::Destination;
    let rect = krilla::geom::Rect::from_ltrb(
        area.left() * POINTS_PER_UNIT,
        area.top() * POINTS_PER_UNIT,
        area.right() * POINTS_PER_UNIT,
        area.bottom() * POINTS_PER_UNIT,
    )?;
    let (target, alt) = match link {
        Link::Web(url) => (Target::Action(LinkAction::new(url.clone()).into()), format!("Link to {url}")),
        Link::Slide(id) => {
            let page = *slide_pages.get(id)?;
            let destination = Destination::Xyz(XyzDestination::new(page, Point::from_xy(0.0, 0.0)));
            (Target::Destination(destination), format!("Link to slide {id}"))
        }
    };
    Some(Annotation::new_link(LinkAnnotation::new(rect, target), Some(alt)))
}

/// The words a screen reader says for a picture: the caption that follows it on the slide,
/// else the SVG's own title, else its file name.
fn alt_text(picture: &Picture, after: &[&DisplayItem], written: &str) -> String {
    let caption =
        after.iter().take_while(|item| !matches!(item, DisplayItem::Image { .. })).find_map(|item| match item {
            DisplayItem::Text { run, .. } if run.role == TextRole::Caption => Some(run.plain_text()),
            _ => None,
        });
    let caption = caption.filter(|c| !c.trim().is_empty());
    let title = match picture {
        Picture::Vector(_, title) => title.clone(),
        Picture::Raster(..) => None,
    };
    caption.or(title.filter(|t| !t.trim().is_empty())).unwrap_or_else(|| format!("Picture: {written}"))
}

fn draw_picture(surface: &mut Surface<'_>, picture: &Picture, rect: Rect, fit: Fit) {
    let natural = match picture {
        Picture::Raster(_, size) => *size,
        Picture::Vector(tree, _) => Vec2::new(tree.size().width(), tree.size().height()),
    };
    // The whole picture's box: `fit_image` says which part of it shows in `rect`.
    let (drawn, uv) = crate::paint::fit_image(rect, natural, fit);
    let full = Rect::from_min_size(
        pos2(
            drawn.left() - uv.left() * drawn.width() / uv.width(),
            drawn.top() - uv.top() * drawn.height() / uv.height(),
        ),
        Vec2::new(drawn.width() / uv.width(), drawn.height() / uv.height()),
    );
    let Some(size) = Size::from_wh(full.width(), full.height()) else { return };
    let Some(clip) = rect_path(drawn, 0.0) else { return };
    surface.push_clip_path(&clip, &FillRule::NonZero);
    surface.push_transform(&Transform::from_translate(full.left(), full.top()));
    match picture {
        Picture::Raster(image, _) => surface.draw_image(image.clone(), size),
        Picture::Vector(tree, _) => {
            surface.draw_svg(tree, size, SvgSettings::default());
        }
    }
    surface.pop();
    surface.pop();
}

fn krilla_color(color: Color32) -> (rgb::Color, NormalizedF32) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    (rgb::Color::new(r, g, b), NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE))
}

fn fill(color: Color32) -> Fill {
    let (paint, opacity) = krilla_color(color);
    Fill { paint: paint.into(), opacity, rule: FillRule::NonZero }
}

fn stroke(color: Color32, width: f32) -> Stroke {
    let (paint, opacity) = krilla_color(color);
    Stroke { paint: paint.into(), width, opacity, line_cap: LineCap::Round, ..Stroke::default() }
}

/// A rectangle with rounded corners (cubic quarter circles).
fn rect_path(rect: Rect, radius: f32) -> Option<krilla::geom::Path> {
    let r = radius.min(rect.width() / 2.0).min(rect.height() / 2.0).max(0.0);
    let (l, t, rr, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    let k = r * 0.552_284_8;
    let mut path = PathBuilder::new();
    path.move_to(l + r, t);
    path.line_to(rr - r, t);
    path.cubic_to(rr - r + k, t, rr, t + r - k, rr, t + r);
    path.line_to(rr, b - r);
    path.cubic_to(rr, b - r + k, rr - r + k, b, rr - r, b);
    path.line_to(l + r, b);
    path.cubic_to(l + r - k, b, l, b - r + k, l, b - r);
    path.line_to(l, t + r);
    path.cubic_to(l, t + r - k, l + r - k, t, l + r, t);
    path.close();
    path.finish()
}

fn circle_path(center: emath::Pos2, radius: f32) -> Option<krilla::geom::Path> {
    rect_path(Rect::from_center_size(center, Vec2::splat(radius * 2.0)), radius)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_that_cannot_be_pdf_ua_says_why_in_words_not_as_a_debug_value() {
        use krilla::configure::{ValidationError as Rule, Validators};
        let broken = krilla::error::KrillaError::Validation(vec![
            (Rule::MissingAltText(None), Validators::default()),
            (Rule::MissingAltText(None), Validators::default()),
            (Rule::NoDocumentTitle, Validators::default()),
        ]);
        assert_eq!(
            super::why_not_written(&broken),
            "a picture or a link has no alternative text; it breaks the rule krilla calls NoDocumentTitle"
        );
    }
}
