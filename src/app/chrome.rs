//! What the audience window draws around and over the slide: the counter and progress bar,
//! the laser pointer, the typed slide number, the help overlay (generated from the binding
//! table) and the problems panel of a deck that did not load.

use egui::{Align2, Color32, FontId, Id, Rect, RichText, Role, Sense, WidgetInfo, pos2, vec2};

use super::bindings::{self, BINDINGS};
use crate::paint::{self, SlideTransform};
use crate::session::{Problems, Session};

/// Slide counter and progress bar, drawn over the slide's bottom edge.
pub fn counter_ui(ui: &mut egui::Ui, session: &Session, transform: &SlideTransform) {
    let Some(show) = session.show() else { return };
    let view = &session.state.view;
    let painter = ui.painter();
    // The slide's own colours: a section on the accent, or a dark slide, keeps them visible.
    let theme = show
        .deck
        .slides
        .get(show.nav.slide_index())
        .map_or_else(|| show.deck.theme.clone(), |slide| crate::layout::slide_theme(&show.deck.theme, slide));
    let slide = transform.slide_rect;
    if view.show_progress && show.nav.count() > 1 {
        let fraction = (show.nav.number() - 1) as f32 / (show.nav.count() - 1) as f32;
        let height = (8.0 * transform.scale).max(2.0);
        let bar =
            Rect::from_min_size(pos2(slide.left(), slide.bottom() - height), vec2(slide.width() * fraction, height));
        painter.rect_filled(bar, 0.0, theme.accent);
    }
    if view.show_counter {
        let text = format!("{} / {}", show.nav.number(), show.nav.count());
        let pos = transform.screen_from_slide(pos2(show.deck.canvas.x - 32.0, show.deck.canvas.y - 28.0));
        let rect = painter.text(
            pos,
            Align2::RIGHT_BOTTOM,
            &text,
            FontId::proportional((24.0 * transform.scale).max(9.0)),
            theme.muted,
        );
        let label = format!("Slide {} of {}", show.nav.number(), show.nav.count());
        ui.interact(rect, Id::unique("slide-counter"), Sense::hover())
            .widget_info(|| WidgetInfo::labeled(Role::Label, true, &label));
    }
}

/// Where the mouse is over the slide (slide units) while the pointer key is held over this
/// window.
pub fn held_pointer(ui: &egui::Ui, transform: &SlideTransform) -> Option<egui::Pos2> {
    let held = ui.ctx().input(|i| i.key_down(bindings::POINTER_KEY).then(|| i.pointer.hover_pos()).flatten());
    held.map(|pos| transform.slide_from_screen(pos))
}

/// The laser pointer where the show holds it.
pub fn pointer_ui(ui: &egui::Ui, at: Option<egui::Pos2>, transform: &SlideTransform) {
    if let Some(at) = at {
        paint::laser_pointer(ui.painter(), transform.screen_from_slide(at), transform.scale);
    }
}

pub fn typed_number_ui(ctx: &egui::Context, typed: &str) {
    if typed.is_empty() {
        return;
    }
    egui::Area::new(Id::unique("typed-number")).anchor(Align2::CENTER_BOTTOM, vec2(0.0, -40.0)).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(format!("Go to slide {typed}")).size(28.0));
        });
    });
}

pub fn help_ui(ctx: &egui::Context) {
    egui::Area::new(Id::unique("help")).anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0)).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).inner_margin(24.0).show(ui, |ui| {
            ui.label(RichText::new("Keyboard shortcuts").size(26.0).strong());
            ui.add_space(12.0);
            // Two columns of bindings, sized so the table fits a small window.
            let rows = BINDINGS.len().div_ceil(2);
            let screen = ctx.content_rect().size();
            let size = (screen.y / (rows as f32 * 2.4 + 8.0)).clamp(11.0, 18.0);
            let description_width = ((screen.x - 160.0) / 2.0 - size * 9.0).max(160.0);
            egui::Grid::new("bindings").num_columns(4).spacing(vec2(size * 1.4, size * 0.45)).show(ui, |ui| {
                for row in 0..rows {
                    for binding in [BINDINGS.get(row), BINDINGS.get(row + rows)].into_iter().flatten() {
                        ui.label(RichText::new(binding.keys()).size(size).strong());
                        ui.scope(|ui| {
                            ui.set_max_width(description_width);
                            ui.add(
                                egui::Label::new(RichText::new(binding.description).size(size))
                                    .wrap_mode(egui::TextWrapMode::Wrap),
                            );
                        });
                    }
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            ui.label(
                RichText::new("Drop a .ron deck on the window to open it. Esc or ? closes this.").size(15.0).weak(),
            );
        });
    });
}

/// Diagnostics: a panel over the last good deck (`on_screen`), or the whole window if there
/// is none; folded into a badge when `collapsed`. Returns whether the fold was toggled.
pub fn problems_ui(ctx: &egui::Context, area: Rect, problems: &Problems, on_screen: bool, collapsed: bool) -> bool {
    let full = !on_screen;
    let warning = Color32::from_rgb(255, 196, 120);
    let panel = Color32::from_rgb(0x20, 0x22, 0x28);
    let mut toggle = false;
    if collapsed && !full {
        // Folded: a small badge, so the slide stays visible while the editor works.
        egui::Area::new(Id::unique("problems-badge")).anchor(Align2::LEFT_BOTTOM, vec2(12.0, -12.0)).show(ctx, |ui| {
            egui::Frame::new().fill(panel).corner_radius(6.0).inner_margin(8.0).show(ui, |ui| {
                let label = RichText::new(&problems.badge).color(warning).strong();
                toggle = ui.add(egui::Button::new(label).frame(false)).clicked();
            });
        });
        return toggle;
    }
    let headline = problems.headline(on_screen);
    let height = if full { area.height() } else { (area.height() * 0.45).max(160.0) };
    egui::Area::new(Id::unique("problems")).fixed_pos(pos2(area.left(), area.bottom() - height)).show(ctx, |ui| {
        egui::Frame::new().fill(panel).inner_margin(16.0).show(ui, |ui| {
            ui.set_min_size(vec2(area.width() - 32.0, height - 32.0));
            ui.set_max_size(vec2(area.width() - 32.0, height - 32.0));
            ui.horizontal(|ui| {
                ui.label(RichText::new(&headline).size(20.0).strong().color(warning));
                if !full {
                    toggle = ui.button("Fold").clicked();
                }
            });
            ui.add_space(8.0);
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(RichText::new(&problems.text).monospace().size(15.0).color(Color32::from_gray(230)));
            });
        });
    });
    toggle
}
