//! The window's painter: draws a display list with egui, and nothing else. Every window
//! (audience, console, overview, exhibit) paints through [`paint`]; it never lays out.
//!
//! Layout happens in slide units; painting maps slide units to screen points with
//! [`SlideTransform`]. Text is shaped at the real screen size (never a scaled bitmap): the
//! measurer ([`crate::fonts::measure`]) and the painter build the same [`LayoutJob`], so
//! egui's galley cache makes the second layout free and wrapping is identical.

use egui::{Align, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2, pos2, vec2};

use crate::deck::text::Link;
use crate::fonts::measure::layout_job;
use crate::layout::DisplayItem;
use crate::media::{ImageCache, ImageState};

/// Fills `area` outside `slide` (the bars around a letterboxed slide) with `color`. The
/// slide paints its own backdrop, so the pixels under it are not filled twice: on a
/// software renderer every pixel filled is CPU time.
pub fn letterbox_bars(painter: &Painter, area: Rect, slide: Rect, color: Color32) {
    let bars = [
        Rect::from_min_max(area.min, pos2(area.max.x, slide.min.y)),
        Rect::from_min_max(pos2(area.min.x, slide.max.y), area.max),
        Rect::from_min_max(pos2(area.min.x, slide.min.y), pos2(slide.min.x, slide.max.y)),
        Rect::from_min_max(pos2(slide.max.x, slide.min.y), pos2(area.max.x, slide.max.y)),
    ];
    for bar in bars.into_iter().filter(|bar| bar.is_positive()) {
        painter.rect_filled(bar, 0.0, color);
    }
}

/// Maps slide units to screen points: a uniform scale and an offset (letterboxing).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlideTransform {
    pub slide_rect: Rect,
    pub scale: f32,
}

impl SlideTransform {
    /// The largest rect of the canvas's aspect ratio centred in `available`.
    pub fn letterbox(canvas: Vec2, available: Rect) -> Self {
        let scale = (available.width() / canvas.x).min(available.height() / canvas.y).max(0.001);
        let slide_rect = Rect::from_center_size(available.center(), canvas * scale);
        Self { slide_rect, scale }
    }

    pub fn screen_from_slide(&self, pos: Pos2) -> Pos2 {
        self.slide_rect.min + pos.to_vec2() * self.scale
    }

    pub fn screen_rect(&self, rect: Rect) -> Rect {
        Rect::from_min_max(self.screen_from_slide(rect.min), self.screen_from_slide(rect.max))
    }

    pub fn slide_from_screen(&self, pos: Pos2) -> Pos2 {
        ((pos - self.slide_rect.min) / self.scale).to_pos2()
    }
}

/// Everything `paint` needs besides the list itself.
pub struct PaintContext<'a> {
    pub painter: &'a Painter,
    pub transform: SlideTransform,
    pub images: &'a mut ImageCache,
    pub pixels_per_point: f32,
    /// Outline every box and mark shrunk text (the layout debug view).
    pub debug: bool,
    /// Where images that cannot be shown are reported, with the reason.
    pub failed: &'a mut Vec<(std::path::PathBuf, std::sync::Arc<str>)>,
    /// Draw a placeholder naming such a file (for the deck's author); without it the slide
    /// shows without the image (exhibit mode: visitors never see an error).
    pub placeholders: bool,
}

/// The size in physical pixels of an image drawn in `screen`: what the image cache decodes.
fn pixel_size(screen: Rect, pixels_per_point: f32) -> [f32; 2] {
    [screen.width() * pixels_per_point, screen.height() * pixels_per_point]
}

/// Every image a display list draws at `transform`, with the pixel size `paint` will ask the
/// image cache for (so a prefetch or a readiness check names the same decode).
pub fn images_wanted<'i>(
    items: impl IntoIterator<Item = &'i DisplayItem>,
    transform: &SlideTransform,
    pixels_per_point: f32,
) -> impl Iterator<Item = (&'i std::path::Path, [f32; 2])> {
    items.into_iter().filter_map(move |item| match item {
        DisplayItem::Image { rect, path, .. } => {
            Some((path.resolved.as_path(), pixel_size(transform.screen_rect(*rect), pixels_per_point)))
        }
        _ => None,
    })
}

/// What [`paint`] drew that the window may act on.
#[derive(Default)]
pub struct Painted {
    /// The plain text of each text item with its screen rect, for accessibility.
    pub texts: Vec<(Rect, String)>,
    /// Where each link's words are on screen (a link wrapped over two lines has two rects).
    pub links: Vec<(Rect, Link)>,
}

/// Draws a display list.
pub fn paint<'i>(items: impl IntoIterator<Item = &'i DisplayItem>, cx: &mut PaintContext<'_>) -> Painted {
    let t = cx.transform;
    let painter = cx.painter;
    let mut texts = Vec::new();
    let mut links = Vec::new();
    for item in items {
        match item {
            DisplayItem::Rect { rect, color, corner_radius } => {
                painter.rect_filled(t.screen_rect(*rect), corner_radius * t.scale, *color);
            }
            DisplayItem::Line { from, to, width, color } => {
                painter.line_segment(
                    [t.screen_from_slide(*from), t.screen_from_slide(*to)],
                    Stroke::new(width * t.scale, *color),
                );
            }
            DisplayItem::Circle { center, radius, color } => {
                painter.circle_filled(t.screen_from_slide(*center), radius * t.scale, *color);
            }
            DisplayItem::Text { rect, run, shrunk, overflow } => {
                let screen = t.screen_rect(*rect);
                let galley = painter.layout_job(layout_job(run, t.scale, rect.width()));
                let x = match run.align {
                    Align::Min => screen.left(),
                    Align::Center => screen.center().x,
                    Align::Max => screen.right(),
                };
                let at = pos2(x, screen.top());
                if run.spans.iter().any(|s| s.link.is_some()) {
                    links.extend(link_rects(&galley, run).into_iter().map(|(r, l)| (r.translate(at.to_vec2()), l)));
                }
                painter.galley(at, galley, run.color);
                if cx.debug && (*shrunk || *overflow) {
                    let color = if *overflow { Color32::RED } else { Color32::from_rgb(255, 140, 0) };
                    painter.rect_stroke(screen, 0.0, Stroke::new(2.0, color), StrokeKind::Outside);
                }
                texts.push((screen, run.plain_text()));
            }
            DisplayItem::Image { rect, path, fit, backdrop } => {
                let screen = t.screen_rect(*rect);
                match cx.images.get(&path.resolved, pixel_size(screen, cx.pixels_per_point)) {
                    ImageState::Ready(texture, opacity) => {
                        let (drawn, uv) = fit_image(screen, texture.size_vec2(), *fit);
                        let tint = Color32::WHITE.gamma_multiply(opacity);
                        painter.with_clip_rect(screen).image(texture.id(), drawn, uv, tint);
                    }
                    ImageState::Loading => {}
                    ImageState::Failed(reason) => {
                        cx.failed.push((path.resolved.clone(), reason));
                        if cx.placeholders && *backdrop {
                            let note = backdrop_note(painter, screen, &path.written, t.scale);
                            texts.push((note, format!("Background unavailable: {}", path.written)));
                        } else if cx.placeholders {
                            placeholder(painter, screen, &path.written, t.scale);
                            texts.push((screen, format!("Image unavailable: {}", path.written)));
                        }
                    }
                }
            }
        }
        if cx.debug {
            debug_outline(painter, item, &t);
        }
    }
    Painted { texts, links }
}

/// The rects (in `galley`'s coordinates) of the words of each link in `run`, one per row a
/// link's words are on.
fn link_rects(galley: &egui::Galley, run: &crate::layout::TextRun) -> Vec<(Rect, Link)> {
    use egui::text::CCursor;
    let mut out = Vec::new();
    let mut start = 0;
    for span in &run.spans {
        let end = start + span.text.chars().count();
        if let Some(link) = &span.link {
            let (a, b) = (galley.pos_from_cursor(CCursor::new(start)), galley.pos_from_cursor(CCursor::new(end)));
            for placed in &galley.rows {
                let row = placed.rect();
                if row.bottom() <= a.top() + 0.5 || row.top() >= b.bottom() - 0.5 {
                    continue;
                }
                let left = if row.contains(a.center()) { a.left() } else { row.left() };
                let right = if row.contains(b.center()) { b.left() } else { row.right() };
                if right > left {
                    out.push((Rect::from_x_y_ranges(left..=right, row.y_range()), link.clone()));
                }
            }
        }
        start = end;
    }
    out
}

fn debug_outline(painter: &Painter, item: &DisplayItem, t: &SlideTransform) {
    if let DisplayItem::Text { rect, .. } | DisplayItem::Image { rect, .. } = item {
        painter.rect_stroke(
            t.screen_rect(*rect),
            0.0,
            Stroke::new(1.0, Color32::from_rgb(0, 160, 255)),
            StrokeKind::Inside,
        );
    }
}

/// Where an image of `image_size` goes in `rect`, and which part of it (uv) is shown.
pub fn fit_image(rect: Rect, image_size: Vec2, fit: crate::deck::Fit) -> (Rect, Rect) {
    let full_uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    if image_size.x <= 0.0 || image_size.y <= 0.0 {
        return (rect, full_uv);
    }
    match fit {
        crate::deck::Fit::Contain => {
            let scale = (rect.width() / image_size.x).min(rect.height() / image_size.y);
            (Rect::from_center_size(rect.center(), image_size * scale), full_uv)
        }
        crate::deck::Fit::Cover => {
            let scale = (rect.width() / image_size.x).max(rect.height() / image_size.y);
            let shown = vec2(rect.width() / (image_size.x * scale), rect.height() / (image_size.y * scale));
            let uv = Rect::from_center_size(pos2(0.5, 0.5), shown);
            (rect, uv)
        }
    }
}

/// A neutral box naming the file that could not be shown.
/// Where the note about a background that cannot be shown goes on `slide`: a small box in
/// the bottom-left corner, clear of titles (top) and of the counter (bottom right).
pub fn backdrop_note_rect(slide: Rect, text_size: Vec2, scale: f32) -> Rect {
    let pad = 12.0 * scale;
    let size = text_size + Vec2::splat(pad);
    Rect::from_min_size(pos2(slide.left() + pad, slide.bottom() - pad - size.y), size)
}

/// A small note naming a background picture that cannot be shown; returns where it is.
fn backdrop_note(painter: &Painter, slide: Rect, written: &str, scale: f32) -> Rect {
    let size = (18.0 * scale).max(9.0);
    let text = format!("Background unavailable: {written}");
    let galley = painter.layout(text, FontId::proportional(size), Color32::from_gray(60), slide.width() * 0.45);
    let rect = backdrop_note_rect(slide, galley.size(), scale);
    painter.rect_filled(rect, 4.0 * scale, Color32::from_white_alpha(200));
    painter.galley(rect.center() - galley.size() / 2.0, galley, Color32::from_gray(60));
    rect
}

fn placeholder(painter: &Painter, rect: Rect, written: &str, scale: f32) {
    painter.rect_filled(rect, 8.0 * scale, Color32::from_gray(225));
    painter.rect_stroke(rect, 8.0 * scale, Stroke::new(2.0, Color32::from_gray(170)), StrokeKind::Inside);
    let size = (26.0 * scale).max(10.0);
    let job_text = format!("Image unavailable\n{written}");
    let galley = painter.layout(job_text, FontId::proportional(size), Color32::from_gray(80), rect.width() * 0.9);
    let pos = rect.center() - galley.size() / 2.0;
    painter.with_clip_rect(rect).galley(pos, galley, Color32::from_gray(80));
}

/// A red laser-pointer dot with a soft glow, sized with the slide.
pub fn laser_pointer(painter: &Painter, at: Pos2, scale: f32) {
    let radius = (14.0 * scale).max(5.0);
    painter.circle_filled(at, radius * 2.2, Color32::from_rgba_unmultiplied(255, 40, 40, 50));
    painter.circle_filled(at, radius * 1.5, Color32::from_rgba_unmultiplied(255, 40, 40, 90));
    painter.circle_filled(at, radius, Color32::from_rgb(235, 30, 30));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_backdrop_is_noted_small_in_the_bottom_left_corner() {
        let slide = Rect::from_min_size(pos2(100.0, 50.0), vec2(1600.0, 900.0));
        let note = backdrop_note_rect(slide, vec2(300.0, 20.0), 1600.0 / 1920.0);
        assert!(slide.contains_rect(note), "on the slide: {note:?}");
        assert!(note.left() - slide.left() < 20.0 && slide.bottom() - note.bottom() < 20.0, "in the corner");
        assert!(note.top() > slide.center().y + slide.height() * 0.4, "far below any title: {note:?}");
        assert!(note.right() < slide.center().x, "clear of the counter on the right");
    }
}
