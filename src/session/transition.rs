//! Painting the change from one slide to another, for the presenter's Next and the exhibit's
//! loop alike: a crossfade or a slide across, with the fills a software renderer would spend
//! on backdrops taken out where the picture stays the same.

use egui::Color32;

use super::{Session, SlideStyle};
use crate::paint::SlideTransform;

impl Session {
    /// Paints the change from one slide to another, `progress` 0 to 1 of the way: the
    /// presenter's Next and the exhibit's loop both animate through here. Each side is
    /// `(slide, reveal step)`; `style` is how either is drawn (its links stay inert). A
    /// `Slide` transition moves left, or right when `backwards` (going to an earlier slide).
    #[expect(clippy::too_many_arguments, reason = "the two slides, the kind, how far, where and how")]
    pub fn paint_transition(
        &mut self,
        ui: &egui::Ui,
        from: (usize, Option<usize>),
        to: (usize, Option<usize>),
        (kind, backwards): (crate::timing::TransitionKind, bool),
        progress: f32,
        transform: SlideTransform,
        style: SlideStyle<'_>,
    ) {
        let eased = crate::timing::smoothstep(progress);
        let style = SlideStyle { links: false, ..style };
        match kind {
            crate::timing::TransitionKind::Slide => {
                let width = ui.max_rect().width().max(transform.slide_rect.width());
                let width = if backwards { -width } else { width };
                let shift = |dx: f32| SlideTransform {
                    slide_rect: transform.slide_rect.translate(egui::vec2(dx, 0.0)),
                    ..transform
                };
                // Moving slides leave the window black around them: each draws its backdrop,
                // and the next frame is cleared black.
                let moving = SlideStyle { on_clear: false, ..style };
                self.paint_slide(ui, from.0, shift(-width * eased), SlideStyle { step: from.1, ..moving });
                self.paint_slide(ui, to.0, shift(width * (1.0 - eased)), SlideStyle { step: to.1, ..moving });
                if style.on_clear {
                    self.next_clear = Color32::BLACK;
                }
            }
            crate::timing::TransitionKind::Crossfade | crate::timing::TransitionKind::None => {
                let backdrop = |session: &mut Self, slide| {
                    session.layout(ui.ctx(), slide, &transform).and_then(|layout| layout.solid_backdrop())
                };
                let shared = backdrop(self, from.0).filter(|colour| backdrop(self, to.0) == Some(*colour));
                if let Some(colour) = shared {
                    // One backdrop for both, and each slide's content faded over it: the same
                    // picture wherever only one slide draws, with a full-screen fill less
                    // (two when the frame was cleared to that colour).
                    if !self.cleared_to(Some(colour), &style) {
                        ui.painter().rect_filled(transform.slide_rect, 0.0, colour.gamma_multiply(style.opacity));
                    }
                    let (out, into) = (style.opacity * (1.0 - eased), style.opacity * eased);
                    let style = SlideStyle { without_backdrop: true, ..style };
                    self.paint_slide(ui, from.0, transform, SlideStyle { step: from.1, opacity: out, ..style });
                    self.paint_slide(ui, to.0, transform, SlideStyle { step: to.1, opacity: into, ..style });
                } else {
                    self.paint_slide(ui, from.0, transform, SlideStyle { step: from.1, ..style });
                    let opacity = style.opacity * eased;
                    self.paint_slide(ui, to.0, transform, SlideStyle { step: to.1, opacity, ..style });
                }
            }
        }
    }
}
