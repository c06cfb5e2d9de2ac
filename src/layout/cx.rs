//! The layout context: the theme, language and measurer a slide is laid out with, the list
//! being built, and the small steps every slide kind uses (runs of text, shrink-to-fit,
//! planning a stack of blocks, the body below a title).

use ecolor::Color32;
use emath::{Align, Pos2, Rect, pos2, vec2};

use super::list::{DisplayItem, Overflow, SlideLayout, TextMeasurer, TextRole, TextRun};
use crate::deck::text::parse_markup;
use crate::deck::{Lang, Text, Theme};

/// Sizes relative to the theme's body size.
pub(super) const HEADING_SCALE: f32 = 1.15;
pub(super) const NESTED_SCALE: f32 = 0.85;
pub(super) const CAPTION_SCALE: f32 = 0.55;
pub(super) const CREDIT_SCALE: f32 = 0.45;
pub(super) const TABLE_SCALE: f32 = 0.8;

pub(super) struct Cx<'a> {
    pub(super) theme: &'a Theme,
    pub(super) lang: Lang,
    pub(super) measurer: &'a dyn TextMeasurer,
    pub(super) canvas: Rect,
    pub(super) out: SlideLayout,
    pub(super) reveal: Reveal,
    /// The reveal step the items being emitted belong to.
    pub(super) step: usize,
    /// Where a stack shorter than its box sits (the slide's `valign`).
    pub(super) valign: crate::deck::VAlign,
    /// The last step they show at (`usize::MAX`: to the end).
    pub(super) until: usize,
    /// Set when a text measured since the flag was cleared has a word wider than its box,
    /// which wrapping would break inside: a plan treats that as not fitting.
    pub(super) word_broken: std::cell::Cell<bool>,
}

/// What a slide reveals one step at a time.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Reveal {
    Nothing,
    TopLevelBullets,
    Blocks,
}

/// How much of a box a stack of blocks uses at a given scale.
pub(super) struct StackPlan {
    pub(super) scale: f32,
    pub(super) overflow: bool,
}

impl Cx<'_> {
    pub(super) fn str<'t>(&self, text: &'t Text) -> &'t str {
        text.get(self.lang)
    }

    pub(super) fn run(&self, text: &Text, size: f32, color: Color32, align: Align) -> TextRun {
        let text = self.str(text);
        let cut = text.char_indices().nth(self.most_characters_shown()).map(|(at, _)| at);
        TextRun {
            spans: parse_markup(cut.map_or(text, |at| &text[..at])),
            size,
            bold: false,
            italic: false,
            mono: false,
            color,
            accent: self.theme.accent,
            align,
            truncated: cut.is_some(),
            role: TextRole::Paragraph,
        }
    }

    /// More characters than the whole canvas could hold at the theme's minimum size, with
    /// the narrowest glyphs (a fifth of the size) on lines as tight as the size: text past
    /// this point can never be seen, so it is neither measured nor drawn. A deck with one
    /// ten-megabyte paragraph then costs what a full slide costs.
    fn most_characters_shown(&self) -> usize {
        let size = self.theme.min_size.max(1.0);
        let area = self.canvas.width().max(1.0) * self.canvas.height().max(1.0);
        (area / (size * size * 0.2)) as usize
    }

    pub(super) fn bold(&self, text: &Text, size: f32, color: Color32, align: Align) -> TextRun {
        TextRun { bold: true, ..self.run(text, size, color, align) }
    }

    pub(super) fn height(&self, run: &TextRun, width: f32) -> f32 {
        if self.breaks_a_word(run, width) {
            self.word_broken.set(true);
        }
        self.measurer.measure(run, width).y
    }

    /// Whether some word of `run` is wider than `width`, so that wrapping would cut it
    /// ("Қауымдастықта / р"). Only words long enough to be at risk (no glyph is wider than
    /// the size) are measured.
    fn breaks_a_word(&self, run: &TextRun, width: f32) -> bool {
        let text = run.plain_text();
        let mut at_risk = unbreakable_words(&text).filter(|word| word.chars().count() as f32 * run.size > width);
        at_risk.any(|word| self.word_width(run, word) > width + 0.5)
    }

    /// The width of `run`'s widest word: the narrowest box it wraps into without cutting one.
    /// Only the words with the most characters are measured (a word of half as many letters
    /// is never the wider one in the faces Lectern draws with).
    pub(super) fn widest_word(&self, run: &TextRun) -> f32 {
        let text = run.plain_text();
        let longest = unbreakable_words(&text).map(|word| word.chars().count()).max().unwrap_or(0);
        unbreakable_words(&text)
            .filter(|word| word.chars().count() * 2 > longest)
            .map(|word| self.word_width(run, word))
            .fold(0.0, f32::max)
    }

    /// One word of `run` alone, in bold (the wider face).
    fn word_width(&self, run: &TextRun, word: &str) -> f32 {
        let style = crate::deck::text::SpanStyle { bold: true, ..Default::default() };
        let spans = vec![crate::deck::text::Span::new(word, style)];
        self.measurer.measure(&TextRun { spans, ..run.clone() }, f32::INFINITY).x
    }

    pub(super) fn min_scale(&self, size: f32) -> f32 {
        (self.theme.min_size / size).min(1.0)
    }

    /// Places `run` at `top_left`, shrinking it until it fits `max_height`.
    pub(super) fn fit_text(&mut self, mut run: TextRun, top_left: Pos2, width: f32, max_height: f32) -> f32 {
        let base = run.size;
        let plan = self.plan(max_height, self.min_scale(base), |cx, scale| {
            let run = TextRun { size: base * scale, ..run.clone() };
            (cx.height(&run, width), 0)
        });
        run.size = base * plan.scale;
        let height = self.height(&run, width);
        self.push_text(run, Rect::from_min_size(top_left, vec2(width, height)), plan.scale < 1.0, plan.overflow);
        height
    }

    pub(super) fn emit(&mut self, item: DisplayItem) {
        self.out.items.push(item);
        self.out.steps.push(self.step);
        self.out.until.push(self.until);
    }

    pub(super) fn push_text(&mut self, run: TextRun, rect: Rect, shrunk: bool, overflow: bool) {
        let overflow = overflow || run.truncated;
        if overflow {
            let text = run.plain_text();
            let excerpt: String = text.chars().take(48).collect();
            let excerpt = if excerpt.len() < text.len() { format!("{excerpt}…") } else { excerpt };
            self.out.overflows.push(Overflow { excerpt });
        }
        self.emit(DisplayItem::Text { rect, run, shrunk, overflow });
    }

    /// Finds the largest scale in `min_scale..=1` at which `measure` fits `available`.
    /// `measure` returns the fixed height and how many flexible images share the rest.
    pub(super) fn plan(
        &self,
        available: f32,
        min_scale: f32,
        measure: impl Fn(&Self, f32) -> (f32, usize),
    ) -> StackPlan {
        let min_image = (available * 0.35).min(220.0);
        // A scale at which a word would be cut does not fit either: smaller type keeps it whole.
        let fits = |scale: f32| {
            self.word_broken.set(false);
            let (fixed, images) = measure(self, scale);
            fixed + images as f32 * min_image <= available + 0.5 && !self.word_broken.get()
        };
        let mut scale = 1.0;
        while scale > min_scale {
            if fits(scale) {
                return StackPlan { scale, overflow: false };
            }
            scale = (scale * 0.94).max(min_scale);
        }
        StackPlan { scale: min_scale, overflow: !fits(min_scale) }
    }

    /// The content box below a title (or the whole area inside the margins).
    pub(super) fn body_below_title(&mut self, title: Option<&Text>) -> Rect {
        let m = self.theme.margin;
        let inner = self.canvas.shrink2(vec2(m, m * 0.75));
        let Some(title) = title else {
            return inner;
        };
        let run =
            TextRun { role: TextRole::Title, ..self.bold(title, self.theme.title_size, self.theme.text, Align::Min) };
        let height = self.fit_text(run, inner.min, inner.width(), self.theme.title_size * 2.6);
        let bar_top = inner.top() + height + self.theme.title_size * 0.25;
        self.emit(DisplayItem::Rect {
            rect: Rect::from_min_size(pos2(inner.left(), bar_top), vec2(96.0, 6.0)),
            color: self.theme.accent,
            corner_radius: 3.0,
        });
        Rect::from_min_max(pos2(inner.left(), bar_top + 6.0 + self.theme.title_size * 0.6), inner.max)
    }
}

/// The words of `text` a line may not break inside: split where the layout may break (spaces
/// other than the no-break ones, and hyphens); ideographic text breaks between any two
/// characters, so it has no long words and none of its words are returned.
fn unbreakable_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| (c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}') || c == '-').filter(|word| {
        !word.is_empty()
            && !word.chars().any(|c| ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c))
    })
}
