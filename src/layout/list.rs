//! The display list: what a laid-out slide is, item by item, in slide units, and the trait
//! text is measured through (with the deterministic measurer tests use).

use ecolor::Color32;
use emath::{Align, Pos2, Rect, Vec2, vec2};

use crate::deck::AssetPath;
use crate::deck::Fit;
use crate::deck::text::Span;

/// Measures laid-out text. The app measures with egui's fonts at the real pixel size; tests
/// use a fixed-advance measurer.
pub trait TextMeasurer {
    /// Size of `run` wrapped at `wrap_width`, in slide units.
    fn measure(&self, run: &TextRun, wrap_width: f32) -> Vec2;
}

/// A paragraph of styled text as it will be drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub spans: Vec<Span>,
    /// Font size in slide units.
    pub size: f32,
    /// The whole run is bold (titles); spans may add bold or italic.
    pub bold: bool,
    pub italic: bool,
    /// The whole run is code (a code block's line), in the monospace face.
    pub mono: bool,
    pub color: Color32,
    /// Colour of `==accent==` spans.
    pub accent: Color32,
    pub align: Align,
    /// The text was cut at the most characters a slide can show (see `Cx::run`): it
    /// overflows whatever the scale.
    pub truncated: bool,
    /// What the text is on the slide, for painters that keep structure (the tagged PDF).
    pub role: TextRole,
}

/// What a text item is, so a document export can tag headings, lists, tables and captions
/// for screen readers. Drawing ignores it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextRole {
    #[default]
    Paragraph,
    /// The slide's title.
    Title,
    /// A heading inside the slide's content, level 1 to 3 (under the title).
    Heading {
        level: u8,
    },
    /// A bullet, `depth` 0 at the top level.
    ListItem {
        depth: u8,
    },
    /// A table cell; `header` for the header row.
    Cell {
        header: bool,
        row: u16,
        column: u16,
    },
    Caption,
    Credit,
    /// A line of a code block.
    Code,
    Quote,
    Attribution,
    /// Drawn type with no meaning of its own (a large quotation mark).
    Decoration,
}

impl TextRun {
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The face `span` of this run is drawn in, by every painter.
    pub fn face_of(&self, span: &Span) -> Face {
        let bold = self.bold || span.style.bold;
        if span.style.code || self.mono {
            return if bold { Face::MonoBold } else { Face::Mono };
        }
        match (bold, self.italic || span.style.italic) {
            (true, true) => Face::BoldItalic,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (false, false) => Face::Regular,
        }
    }

    /// The colour `span` of this run is drawn in.
    pub fn color_of(&self, span: &Span) -> Color32 {
        match span.color {
            Some(color) => color,
            None if span.style.accent || span.link.is_some() => self.accent,
            None => self.color,
        }
    }
}

/// Which face of the family text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// Code: the monospace family.
    Mono,
    MonoBold,
}

/// One thing to draw, positioned in slide units.
#[derive(Clone, Debug, PartialEq)]
pub enum DisplayItem {
    /// A filled rectangle: backgrounds, bars, table shading.
    Rect {
        rect: Rect,
        color: Color32,
        corner_radius: f32,
    },
    Line {
        from: Pos2,
        to: Pos2,
        width: f32,
        color: Color32,
    },
    Circle {
        center: Pos2,
        radius: f32,
        color: Color32,
    },
    /// Text wrapped to `rect.width()`; `rect.height()` is its measured height.
    /// `shrunk` if it was made smaller to fit, `overflow` if even the minimum did not fit.
    Text {
        rect: Rect,
        run: TextRun,
        shrunk: bool,
        overflow: bool,
    },
    /// An image fitted into `rect` (contain keeps it whole, cover fills and crops).
    Image {
        rect: Rect,
        path: AssetPath,
        fit: Fit,
        /// The slide's background picture. One that cannot be shown leaves the slide its
        /// colour, with a small note in a corner when presenting (never a placeholder over
        /// the slide's text).
        backdrop: bool,
    },
}

/// Text that could not fit at the minimum size.
#[derive(Clone, Debug, PartialEq)]
pub struct Overflow {
    pub excerpt: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlideLayout {
    pub items: Vec<DisplayItem>,
    /// For each item, the reveal step from which it shows (0: from the start). Everything is
    /// laid out in its final place, so revealing a step never moves what is already shown.
    pub steps: Vec<usize>,
    /// For each item, the last step at which it shows (`usize::MAX`: to the end). Only a
    /// code block's highlight for one step leaves again.
    pub until: Vec<usize>,
    pub overflows: Vec<Overflow>,
}

impl SlideLayout {
    /// The slide's backdrop when it is one opaque colour over the whole canvas and no
    /// picture covers it: the first item, with which every layout starts. Two slides with
    /// the same one share it in a crossfade, which then fills each pixel once less.
    pub fn solid_backdrop(&self) -> Option<Color32> {
        match (self.items.first(), self.items.get(1)) {
            (_, Some(DisplayItem::Image { backdrop: true, .. })) => None,
            (Some(DisplayItem::Rect { color, .. }), _) if color.a() == u8::MAX => Some(*color),
            _ => None,
        }
    }

    /// Whether the backdrop (the first item) lets what is under the slide show through.
    pub fn translucent_backdrop(&self) -> bool {
        matches!(self.items.first(), Some(DisplayItem::Rect { color, .. }) if color.a() < u8::MAX)
    }

    /// The items shown once `step` steps are revealed (`None`: the complete slide).
    pub fn visible(&self, step: Option<usize>) -> impl Iterator<Item = &DisplayItem> {
        self.items
            .iter()
            .zip(self.steps.iter().zip(&self.until))
            .filter(move |(_, (from, until))| match step {
                Some(step) => **from <= step && step <= **until,
                None => **until == usize::MAX,
            })
            .map(|(i, _)| i)
    }

    /// Every text item's plain text, in drawing order.
    pub fn texts(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|item| match item {
                DisplayItem::Text { run, .. } => Some(run.plain_text()),
                _ => None,
            })
            .collect()
    }
}

/// A deterministic measurer for tests and headless checks: every character advances
/// `0.5 × size`, lines are `1.2 × size` high, words wrap greedily.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixedMeasurer;

impl TextMeasurer for FixedMeasurer {
    fn measure(&self, run: &TextRun, wrap_width: f32) -> Vec2 {
        let advance = run.size * 0.5;
        let text = run.plain_text();
        let mut lines = 0usize;
        let mut widest: f32 = 0.0;
        for paragraph in text.split('\n') {
            let mut line_w: f32 = 0.0;
            lines += 1;
            for word in paragraph.split(' ') {
                let word_w = word.chars().count() as f32 * advance;
                let with_space = if line_w > 0.0 { line_w + advance + word_w } else { word_w };
                if with_space > wrap_width && line_w > 0.0 {
                    widest = widest.max(line_w);
                    lines += 1;
                    line_w = word_w;
                } else {
                    line_w = with_space;
                }
            }
            widest = widest.max(line_w);
        }
        vec2(widest, lines as f32 * run.size * 1.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(items: Vec<DisplayItem>) -> SlideLayout {
        let n = items.len();
        SlideLayout { items, steps: vec![0; n], until: vec![usize::MAX; n], overflows: Vec::new() }
    }

    fn backdrop(color: Color32) -> DisplayItem {
        DisplayItem::Rect { rect: Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0)), color, corner_radius: 0.0 }
    }

    #[test]
    fn a_solid_backdrop_is_an_opaque_colour_no_picture_covers() {
        let cream = Color32::from_rgb(245, 243, 238);
        assert_eq!(layout(vec![backdrop(cream)]).solid_backdrop(), Some(cream));
        let picture = DisplayItem::Image {
            rect: Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0)),
            path: AssetPath { written: "bg.jpg".into(), resolved: "bg.jpg".into() },
            fit: Fit::Cover,
            backdrop: true,
        };
        assert_eq!(layout(vec![backdrop(cream), picture]).solid_backdrop(), None, "a picture covers it");
        let glass = layout(vec![backdrop(Color32::from_rgba_unmultiplied(0, 0, 0, 128))]);
        assert_eq!(glass.solid_backdrop(), None);
        assert!(glass.translucent_backdrop(), "what is under it shows, so the window must fill it");
        assert!(!layout(vec![backdrop(cream)]).translucent_backdrop());
    }
}
