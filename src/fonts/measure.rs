//! Measuring text the way it will be drawn, for layout: [`EguiMeasurer`] with a window's own
//! egui context at the scale the slide is drawn at, and [`HeadlessMeasurer`] with egui's
//! fonts and no window (for `check`). Both shape the same [`LayoutJob`] the painter draws.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Vec2};

use crate::deck::Deck;
use crate::layout::{TextMeasurer, TextRun};

/// The text of `run` as egui will shape it, at `scale` screen points per slide unit.
pub fn layout_job(run: &TextRun, scale: f32, wrap_width: f32) -> LayoutJob {
    let mut job = LayoutJob { halign: run.align, ..Default::default() };
    job.wrap.max_width = wrap_width * scale;
    for span in &run.spans {
        let family = super::family(run.face_of(span));
        let color = run.color_of(span);
        let line = egui::Stroke::new((run.size * scale * 0.06).max(1.0), color);
        let format = TextFormat {
            font_id: FontId::new(run.size * scale, family),
            color,
            line_height: Some(run.size * scale * 1.25),
            strikethrough: if span.style.strike { line } else { egui::Stroke::NONE },
            underline: if span.link.is_some() { line } else { egui::Stroke::NONE },
            // Inline code sits on a faint tint of the text colour, as in every Markdown tool.
            background: if span.style.code && !run.mono {
                run.color.gamma_multiply(0.12)
            } else {
                Color32::TRANSPARENT
            },
            ..Default::default()
        };
        job.append(&span.text, 0.0, format);
    }
    job
}

/// Measures with egui's own fonts at the scale the slide is drawn at.
pub struct EguiMeasurer<'a> {
    pub ctx: &'a egui::Context,
    pub scale: f32,
}

impl TextMeasurer for EguiMeasurer<'_> {
    fn measure(&self, run: &TextRun, wrap_width: f32) -> Vec2 {
        let job = layout_job(run, self.scale, wrap_width);
        let galley = self.ctx.fonts_mut(|fonts| fonts.layout_job(job));
        galley.size() / self.scale
    }
}

/// Measures with egui's real fonts and no window, at one point per slide unit (the size a
/// 1080-pixel-high screen shows).
pub struct HeadlessMeasurer {
    ctx: egui::Context,
    fonts: super::DeckFonts,
}

impl HeadlessMeasurer {
    pub fn new(deck: &Deck) -> Self {
        let ctx = egui::Context::default();
        let fonts = super::DeckFonts::for_deck(deck);
        ctx.set_fonts(super::definitions(&fonts));
        // Fonts become available after the first pass.
        finish_pass(&ctx);
        Self { ctx, fonts }
    }

    /// The fonts it measures with beyond the embedded ones (a document embeds the same).
    pub fn fonts(&self) -> &super::DeckFonts {
        &self.fonts
    }
}

/// Runs an empty pass and discards its texture uploads: there is no GPU to send them to.
fn finish_pass(ctx: &egui::Context) {
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
}

impl HeadlessMeasurer {
    /// `run` shaped and wrapped at `wrap_width` slide units, one point per unit: the rows and
    /// glyph positions a 1080-pixel-high window draws (document export paints from these).
    pub fn galley(&self, run: &TextRun, wrap_width: f32) -> std::sync::Arc<egui::Galley> {
        self.ctx.fonts_mut(|fonts| fonts.layout_job(layout_job(run, 1.0, wrap_width)))
    }
}

impl Drop for HeadlessMeasurer {
    fn drop(&mut self) {
        finish_pass(&self.ctx);
    }
}

impl TextMeasurer for HeadlessMeasurer {
    fn measure(&self, run: &TextRun, wrap_width: f32) -> Vec2 {
        EguiMeasurer { ctx: &self.ctx, scale: 1.0 }.measure(run, wrap_width)
    }
}
