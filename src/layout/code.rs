//! Code blocks: one monospace run per line on a ground of its own, coloured by token kind,
//! with optional line numbers and the highlight of each step (a band behind the lines it
//! highlights, a veil over the others). Code never wraps: a block that is too wide or too
//! tall shrinks with its stack, as other text does, and is marked overflowing below that.

use ecolor::Color32;
use emath::{Align, Pos2, Rect, pos2, vec2};

use super::cx::Cx;
use super::list::{DisplayItem, TextRole, TextRun};
use super::palette::CodeColors;
use crate::deck::Code;
use crate::deck::text::{Span, SpanStyle};

/// Code is set smaller than body text, as every slide tool does.
pub(super) const CODE_SCALE: f32 = 0.8;
/// Code may shrink below the theme's smallest size, to this, before it overflows: a listing
/// is read line by line, not as prose.
pub(super) const CODE_MIN_SIZE: f32 = 14.0;

impl Cx<'_> {
    pub(super) fn code_size(&self, scale: f32) -> f32 {
        self.theme.body_size * CODE_SCALE * scale
    }

    /// The smallest scale a stack holding code may shrink to.
    pub(super) fn code_min_scale(&self) -> f32 {
        (self.theme.min_size.min(CODE_MIN_SIZE) / self.code_size(1.0)).min(1.0)
    }

    fn code_line(&self, code: &Code, line: usize, size: f32, colors: &CodeColors) -> TextRun {
        let dark = colors.is_dark();
        let spans = code.lines[line]
            .iter()
            .map(|token| Span {
                color: Some(colors.token(token.kind, dark)),
                ..Span::new(&token.text, SpanStyle::default())
            })
            .collect();
        TextRun {
            spans,
            size,
            bold: false,
            italic: false,
            mono: true,
            color: colors.plain,
            accent: self.theme.accent,
            align: Align::Min,
            truncated: false,
            role: TextRole::Code,
        }
    }

    fn mono_run(&self, text: String, size: f32, color: Color32) -> TextRun {
        TextRun {
            mono: true,
            role: TextRole::Decoration,
            ..self.run(&crate::deck::Text::plain(text), size, color, Align::Max)
        }
    }

    /// (padding, line height, gutter width) of `code` at text size `size`.
    fn code_metrics(&self, code: &Code, size: f32) -> (f32, f32, f32) {
        let digits = code.lines.len().max(1).to_string();
        let probe = self.mono_run(digits.replace(|_| true, "0"), size, Color32::BLACK);
        let measured = self.measurer.measure(&probe, f32::INFINITY);
        let gutter = if code.line_numbers { measured.x + size * 1.2 } else { 0.0 };
        (size * 0.7, measured.y, gutter)
    }

    /// Height of `code` at `scale` in a box `width` wide; a line wider than the box counts as
    /// not fitting (see `Cx::plan`).
    pub(super) fn code_height(&self, code: &Code, width: f32, scale: f32) -> f32 {
        let size = self.code_size(scale);
        let (pad, line_h, gutter) = self.code_metrics(code, size);
        let colors = CodeColors::for_theme(self.theme);
        let room = width - 2.0 * pad - gutter;
        let too_wide = (0..code.lines.len())
            .any(|i| self.measurer.measure(&self.code_line(code, i, size, &colors), f32::INFINITY).x > room + 0.5);
        if too_wide {
            self.word_broken.set(true);
        }
        code.lines.len() as f32 * line_h + 2.0 * pad
    }

    /// Places `code` at `top_left`, `width` wide; returns its height.
    pub(super) fn place_code(&mut self, code: &Code, top_left: Pos2, width: f32, scale: f32, overflow: bool) -> f32 {
        let size = self.code_size(scale);
        let (pad, line_h, gutter) = self.code_metrics(code, size);
        let colors = CodeColors::for_theme(self.theme);
        let height = code.lines.len() as f32 * line_h + 2.0 * pad;
        let block = Rect::from_min_size(top_left, vec2(width, height));
        self.emit(DisplayItem::Rect { rect: block, color: colors.ground, corner_radius: size * 0.4 });
        let line_rect = |i: usize| {
            Rect::from_min_size(pos2(block.left(), block.top() + pad + i as f32 * line_h), vec2(width, line_h))
        };
        // Each step's highlight shows at that step only; the last one stays to the end (and is
        // what the complete slide shows). A slide that reveals its blocks shows the last one.
        let (base_step, base_until) = (self.step, self.until);
        let walks = base_step == 0 && self.reveal == super::cx::Reveal::Nothing;
        let steps = code.highlight.len();
        let shown_steps: Vec<usize> =
            if walks { (0..steps).collect() } else { steps.checked_sub(1).into_iter().collect() };
        let mut veils = Vec::new();
        for &step in &shown_steps {
            (self.step, self.until) =
                if walks { (step, if step + 1 == steps { usize::MAX } else { step }) } else { (base_step, base_until) };
            let all = code.highlight[step].is_empty();
            for i in 0..code.lines.len() {
                if all {
                    continue;
                }
                if code.highlighted(i + 1, step) {
                    self.emit(DisplayItem::Rect { rect: line_rect(i), color: colors.band, corner_radius: 0.0 });
                } else {
                    veils.push((self.step, self.until, line_rect(i)));
                }
            }
        }
        (self.step, self.until) = (base_step, base_until);
        let text_left = block.left() + pad + gutter;
        for i in 0..code.lines.len() {
            let top = line_rect(i).top();
            if code.line_numbers {
                let number = self.mono_run((i + 1).to_string(), size, colors.line_number);
                let rect =
                    Rect::from_min_max(pos2(block.left() + pad, top), pos2(text_left - size * 0.8, top + line_h));
                self.push_text(number, rect, false, false);
            }
            let run = self.code_line(code, i, size, &colors);
            // As wide as the line itself, so no painter ever wraps it.
            let line_w = self.measurer.measure(&run, f32::INFINITY).x.max(1.0);
            let rect = Rect::from_min_size(pos2(text_left, top), vec2(line_w, line_h));
            self.push_text(run, rect, scale < 1.0, overflow);
        }
        for (step, until, rect) in veils {
            (self.step, self.until) = (step, until);
            self.emit(DisplayItem::Rect { rect, color: colors.dim, corner_radius: 0.0 });
        }
        (self.step, self.until) = (base_step, base_until);
        height
    }
}
