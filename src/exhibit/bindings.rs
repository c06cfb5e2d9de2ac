//! Which keys visitors and the operator press in exhibit mode, as data (like the presenter's
//! table in `app::bindings`): the keys that move, everything else a touch that shows the
//! controls, and the operator's chord that ends the show when held.

use egui::{Key, Modifiers};

use crate::deck::Lang;
use crate::timing::Visitor;

/// What visitors and the operator ask of the show; the window applies each in one place
/// (`ExhibitApp::apply`).
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExhibitCommand {
    /// A visitor moved, or touched anything else (which pauses the loop).
    Visitor(Visitor),
    /// A visitor picked a language button.
    Language(Lang),
    /// The operator held [`QUIT_KEY`] with Ctrl+Shift for [`QUIT_HOLD_SECONDS`].
    Quit,
}

/// The operator's way out, held down with Ctrl+Shift for [`QUIT_HOLD_SECONDS`].
pub const QUIT_KEY: Key = Key::Q;
pub const QUIT_HOLD_SECONDS: f64 = 2.0;

/// How the quit chord is named to people (logs, docs): made from [`QUIT_KEY`], so the
/// two never disagree.
pub fn quit_chord_label() -> String {
    format!("Ctrl+Shift+{}", QUIT_KEY.name())
}

/// Keys that move the show; any other key is a touch.
pub const VISITOR_KEYS: &[(Visitor, &[Key])] = &[
    (Visitor::Next, &[Key::ArrowRight, Key::PageDown, Key::Space, Key::Enter, Key::N]),
    (Visitor::Previous, &[Key::ArrowLeft, Key::PageUp, Key::Backspace, Key::P]),
];

/// Whether these modifiers are the operator's (Ctrl+Shift), not a visitor's.
pub fn is_operator(modifiers: Modifiers) -> bool {
    modifiers.ctrl && modifiers.shift
}

/// What a visitor's key press asks for; `None` for the operator's chord.
pub fn visitor_for_key(key: Key, modifiers: Modifiers) -> Option<Visitor> {
    if is_operator(modifiers) {
        return None;
    }
    let moving = VISITOR_KEYS.iter().find(|(_, keys)| keys.contains(&key));
    Some(moving.map_or(Visitor::Touch, |(visitor, _)| *visitor))
}

/// Whether the quit chord is held down now.
pub fn quit_chord_held(input: &egui::InputState) -> bool {
    is_operator(input.modifiers) && input.key_down(QUIT_KEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_visitor_actions() {
        let none = Modifiers::NONE;
        let operator = Modifiers { ctrl: true, shift: true, ..Modifiers::NONE };
        let cases: &[(&str, Key, Modifiers, Option<Visitor>)] = &[
            ("clicker forward", Key::PageDown, none, Some(Visitor::Next)),
            ("space", Key::Space, none, Some(Visitor::Next)),
            ("clicker back", Key::PageUp, none, Some(Visitor::Previous)),
            ("any other key is a touch", Key::Escape, none, Some(Visitor::Touch)),
            ("Q is a touch, not quit", Key::Q, none, Some(Visitor::Touch)),
            ("the operator's chord is no visitor", Key::Q, operator, None),
        ];
        for &(name, key, modifiers, expected) in cases {
            assert_eq!(visitor_for_key(key, modifiers), expected, "{name}");
        }
    }

    #[test]
    fn the_quit_chord_is_named_from_its_key() {
        assert_eq!(quit_chord_label(), "Ctrl+Shift+Q");
    }

    #[test]
    fn no_key_both_moves_forward_and_back() {
        let (next, previous) = (VISITOR_KEYS[0].1, VISITOR_KEYS[1].1);
        assert!(next.iter().all(|k| !previous.contains(k)));
    }
}
