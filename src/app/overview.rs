//! The overview: every slide of the deck as a thumbnail in a grid, hidden (backup) slides
//! included and marked, to pick one with the arrows or the mouse. Only the rows in view are
//! laid out and drawn, and their layouts are cached, so a 500-slide deck opens at once.

use egui::{Color32, Id, Rect, Role, Sense, Stroke, StrokeKind, WidgetInfo, vec2};

use crate::paint::SlideTransform;
use crate::session::state::OVERVIEW_COLUMNS as COLUMNS;
use crate::session::{Command, Session, SlideStyle};

/// What the grid remembers between frames: the selection it last scrolled to (each window
/// showing the overview has its own).
#[derive(Default)]
pub struct Scroll {
    scrolled_to: Option<usize>,
}

/// Draws the grid in `ui`, the selected slide framed and scrolled into view. Returns the
/// visit a click asks for, if any. Thumbnails come from the session's layout cache.
pub fn grid_ui(
    ui: &mut egui::Ui,
    session: &mut Session,
    selected: usize,
    scroll_state: &mut Scroll,
) -> Option<Command> {
    let show = session.show()?;
    let (deck, lang, nav) = (std::sync::Arc::clone(&show.deck), show.lang, show.nav.clone());
    let area = ui.max_rect();
    ui.painter().rect_filled(area, 0.0, Color32::from_rgb(0x1c, 0x1e, 0x24));
    let gap = 16.0;
    let width = (area.width() - gap * (COLUMNS as f32 + 1.0)) / COLUMNS as f32;
    let height = width * deck.canvas.y / deck.canvas.x;
    let row_h = height + 34.0 + gap;
    let rows = deck.slides.len().div_ceil(COLUMNS);
    let mut scroll = egui::ScrollArea::vertical().id_salt("overview").auto_shrink([false, false]).animated(false);
    if scroll_state.scrolled_to != Some(selected) {
        scroll_state.scrolled_to = Some(selected);
        let row = (selected / COLUMNS) as f32;
        // Centred when it can be; never past the end (which would spring back, animating).
        let max = (rows as f32 * row_h - area.height()).max(0.0);
        scroll = scroll.vertical_scroll_offset((row * row_h - area.height() / 2.0 + row_h / 2.0).clamp(0.0, max));
    }
    let mut clicked = None;
    scroll.show_rows(ui, row_h, rows, |ui, visible| {
        for row in visible {
            let (row_rect, _) = ui.allocate_exact_size(vec2(area.width(), row_h), Sense::hover());
            for column in 0..COLUMNS {
                let index = row * COLUMNS + column;
                let Some(slide) = deck.slides.get(index) else { break };
                let left = row_rect.left() + gap + column as f32 * (width + gap);
                let rect = Rect::from_min_size(egui::pos2(left, row_rect.top() + gap / 2.0), vec2(width, height));
                let transform = SlideTransform::letterbox(deck.canvas, rect);
                session.paint_slide(ui, index, transform, SlideStyle::clipped());
                let painter = ui.painter().with_clip_rect(rect.intersect(ui.clip_rect()));
                if slide.hidden {
                    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(110));
                }
                let frame = if index == selected {
                    Stroke::new(4.0, Color32::from_rgb(0x4f, 0xc3, 0xe0))
                } else {
                    Stroke::new(1.0, Color32::from_gray(90))
                };
                ui.painter().rect_stroke(rect, 0.0, frame, StrokeKind::Outside);
                let title = deck.slide_title(index, lang).unwrap_or_default();
                // The number the counter shows there: hidden slides have none.
                let caption = match nav.number_of(index) {
                    Some(number) => format!("{number} · {title}"),
                    None => format!("hidden · {title}"),
                };
                let galley = ui.painter().layout(
                    caption.clone(),
                    egui::FontId::proportional(16.0),
                    Color32::from_gray(220),
                    width,
                );
                ui.painter().galley(rect.left_bottom() + vec2(0.0, 6.0), galley, Color32::from_gray(220));
                let response = ui.interact(rect, Id::unique(("overview-slide", index)), Sense::click());
                let label = if index == selected {
                    format!("Overview, selected: {caption}")
                } else {
                    format!("Overview: {caption}")
                };
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                if response.clicked() {
                    clicked = Some(Command::Visit(index));
                }
            }
        }
    });
    clicked
}
