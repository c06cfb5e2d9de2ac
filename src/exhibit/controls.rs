//! What visitors touch: taps, swipes and keys become [`Visitor`] actions; the large arrows
//! (while a visitor is active) and the language buttons, each named in its own language, sit
//! in a strip under the letterboxed slide, so no control ever covers a slide's text.

use egui::{Align2, Color32, FontId, Id, Rect, Role, Sense, Stroke, Vec2, WidgetInfo};

use super::bindings;
use crate::deck::{Deck, Lang};
use crate::timing::Visitor;

/// Horizontal drag so far, for swipes.
#[derive(Default)]
pub struct Swipe {
    drag: Vec2,
}

/// Taps, swipes and keys of visitors since the last frame, as actions in order.
pub fn visitor_input(ctx: &egui::Context, response: &egui::Response, area: Rect, swipe: &mut Swipe) -> Vec<Visitor> {
    let mut actions: Vec<Visitor> = ctx.input(|i| {
        i.events
            .iter()
            .filter_map(|event| match event {
                egui::Event::Key { key, pressed: true, repeat: false, modifiers, .. } => {
                    bindings::visitor_for_key(*key, *modifiers)
                }
                _ => None,
            })
            .collect()
    });
    if response.dragged() {
        swipe.drag += response.drag_delta();
    }
    if response.drag_stopped() {
        let drag = std::mem::take(&mut swipe.drag);
        let far_enough = drag.x.abs() >= (area.width() * 0.06).max(40.0) && drag.x.abs() > drag.y.abs();
        actions.push(match (far_enough, drag.x < 0.0) {
            (true, true) => Visitor::Next,
            (true, false) => Visitor::Previous,
            _ => Visitor::Touch,
        });
    } else if response.clicked() {
        // The outer quarters are the touch zones of the arrows (drawn while a visitor is
        // active); anywhere else a tap shows the controls and pauses the loop.
        let x = response.interact_pointer_pos().map_or(area.center().x, |p| p.x);
        actions.push(if x < area.left() + area.width() * 0.25 {
            Visitor::Previous
        } else if x > area.right() - area.width() * 0.25 {
            Visitor::Next
        } else {
            Visitor::Touch
        });
    }
    actions
}

/// A strip along the bottom of the screen for the language buttons, when the deck has
/// several languages: the slide is letterboxed above it.
pub fn control_strip(deck: &Deck, area: Rect) -> Option<Rect> {
    (deck.languages.len() > 1).then(|| {
        let height = 110.0 * (area.height() / 1080.0).max(0.3);
        Rect::from_min_max(egui::pos2(area.left(), area.bottom() - height), area.max)
    })
}

/// The arrows (while a visitor is active) and the language buttons, in the control strip if
/// there is one. Returns a chosen language.
pub fn controls_ui(
    ui: &egui::Ui,
    deck: &Deck,
    shown: Lang,
    visitor_active: bool,
    area: Rect,
    strip: Option<Rect>,
) -> Option<Lang> {
    let painter = ui.painter();
    let unit = (area.height() / 1080.0).max(0.3);
    let shade = Color32::from_black_alpha(150);
    let accent = deck.theme.accent;
    if let Some(strip) = strip {
        painter.rect_filled(strip, 0.0, Color32::from_gray(24));
    }
    if visitor_active {
        for (direction, label) in [(-1.0f32, "Previous slide"), (1.0, "Next slide")] {
            // At the ends of the strip, or else in the bottom corners, where slides carry the
            // least text; the touch zone is the whole outer quarter of the screen.
            let (y, radius) = match strip {
                Some(strip) => (strip.center().y, (strip.height() * 0.42).min(72.0 * unit)),
                None => (area.bottom() - 130.0 * unit, 72.0 * unit),
            };
            let center = egui::pos2(area.center().x + direction * (area.width() / 2.0 - 110.0 * unit), y);
            painter.circle_filled(center, radius, if strip.is_some() { accent } else { shade });
            let arm = radius * 0.36;
            let tip = center + egui::vec2(direction * arm * 0.6, 0.0);
            let stroke = Stroke::new(radius * 0.14, Color32::WHITE);
            painter.line_segment([tip, tip + egui::vec2(-direction * arm, -arm)], stroke);
            painter.line_segment([tip, tip + egui::vec2(-direction * arm, arm)], stroke);
            let rect = Rect::from_center_size(center, Vec2::splat(radius * 2.0));
            ui.interact(rect, Id::unique(("exhibit-arrow", label)), Sense::hover())
                .widget_info(|| WidgetInfo::labeled(Role::Button, true, label));
        }
    }
    let strip = strip?;
    let count = deck.languages.len();
    let mut chosen = None;
    let size = egui::vec2(230.0, 76.0) * unit;
    let gap = 20.0 * unit;
    let total = count as f32 * size.x + (count - 1) as f32 * gap;
    for (i, lang) in deck.langs().enumerate() {
        let code = deck.lang_code(lang);
        let left = strip.center().x - total / 2.0 + i as f32 * (size.x + gap);
        let rect = Rect::from_min_size(egui::pos2(left, strip.center().y - size.y / 2.0), size);
        let name = language_name(code);
        let response = ui.interact(rect, Id::unique(("exhibit-language", code)), Sense::click());
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, lang == shown, name));
        let fill = if lang == shown { accent } else { Color32::from_gray(60) };
        painter.rect_filled(rect, 14.0 * unit, fill);
        painter.text(rect.center(), Align2::CENTER_CENTER, name, FontId::proportional(36.0 * unit), Color32::WHITE);
        if response.clicked() {
            chosen = Some(lang);
        }
    }
    chosen
}

/// A language's own name for its button; the code itself for languages not listed.
pub fn language_name(code: &str) -> &str {
    match code.split(['-', '_']).next().unwrap_or(code) {
        "kk" => "Қазақша",
        "ru" => "Русский",
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "tr" => "Türkçe",
        "uz" => "Oʻzbekcha",
        "ky" => "Кыргызча",
        "zh" => "中文",
        _ => code,
    }
}
