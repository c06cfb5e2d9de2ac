//! Which keys ask for which [`Command`] while presenting. The binding table is data, so the
//! help overlay is generated from the same table that handles the keys; the session applies
//! the commands in one place ([`crate::session::State::apply`]).

use egui::{Key, Modifiers};

pub use crate::session::Command;

/// A key with the modifiers it needs. Shift is ignored unless asked for, so `?` works on
/// every keyboard layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chord {
    pub key: Key,
    pub command_key: bool,
}

const fn key(key: Key) -> Chord {
    Chord { key, command_key: false }
}

const fn ctrl(key: Key) -> Chord {
    Chord { key, command_key: true }
}

impl Chord {
    fn matches(&self, pressed: Key, modifiers: Modifiers) -> bool {
        self.key == pressed && self.command_key == modifiers.command && !modifiers.alt
    }

    pub fn label(&self) -> String {
        let name = match self.key {
            // Named, not drawn as arrows: the slide font has no arrow glyphs.
            Key::ArrowRight => "Right",
            Key::ArrowLeft => "Left",
            Key::ArrowUp => "Up",
            Key::ArrowDown => "Down",
            Key::Space => "Space",
            Key::Questionmark => "?",
            Key::Period => ".",
            other => other.name(),
        };
        if self.command_key { format!("{}+{name}", crate::platform::COMMAND_KEY) } else { name.to_owned() }
    }
}

/// One row of the binding table.
pub struct Binding {
    pub command: Command,
    pub chords: &'static [Chord],
    /// Shown instead of the chords' names when set (for the digit keys).
    pub keys_label: Option<&'static str>,
    pub description: &'static str,
}

/// Held down, shows the laser pointer.
pub const POINTER_KEY: Key = Key::Z;

pub const BINDINGS: &[Binding] = &[
    Binding {
        command: Command::Next,
        chords: &[key(Key::ArrowRight), key(Key::Space), key(Key::PageDown), key(Key::N)],
        keys_label: None,
        description: "Next step or slide (also a mouse click)",
    },
    Binding {
        command: Command::Previous,
        chords: &[key(Key::ArrowLeft), key(Key::PageUp), key(Key::Backspace), key(Key::P)],
        keys_label: None,
        description: "Previous step or slide (also a right click)",
    },
    Binding {
        command: Command::Down,
        chords: &[key(Key::ArrowDown)],
        keys_label: None,
        description: "Next slide (in the overview: the row below)",
    },
    Binding {
        command: Command::Up,
        chords: &[key(Key::ArrowUp)],
        keys_label: None,
        description: "Previous slide (in the overview: the row above)",
    },
    Binding {
        command: Command::ToggleOverview,
        chords: &[key(Key::O), key(Key::Tab)],
        keys_label: None,
        description: "Overview of all slides: arrows or the mouse pick, Enter goes, Esc returns",
    },
    Binding {
        command: Command::Pointer,
        chords: &[key(POINTER_KEY)],
        keys_label: Some("Hold Z"),
        description: "Laser pointer at the mouse (or hold the mouse button on the console's slide)",
    },
    Binding { command: Command::First, chords: &[key(Key::Home)], keys_label: None, description: "First slide" },
    Binding { command: Command::Last, chords: &[key(Key::End)], keys_label: None, description: "Last slide" },
    Binding {
        command: Command::Digit(0),
        chords: &[
            key(Key::Num0),
            key(Key::Num1),
            key(Key::Num2),
            key(Key::Num3),
            key(Key::Num4),
            key(Key::Num5),
            key(Key::Num6),
            key(Key::Num7),
            key(Key::Num8),
            key(Key::Num9),
        ],
        keys_label: Some("0 … 9, Enter"),
        description: "Type a slide number, then Enter to go there",
    },
    Binding {
        command: Command::Enter,
        chords: &[key(Key::Enter)],
        keys_label: None,
        description: "Next slide, or go to the typed number",
    },
    Binding {
        command: Command::ToggleFullscreen,
        chords: &[key(Key::F), key(Key::F11)],
        keys_label: None,
        description: "Fullscreen on or off",
    },
    Binding {
        command: Command::Escape,
        chords: &[key(Key::Escape)],
        keys_label: None,
        description: "Close help, clear a typed number, leave fullscreen",
    },
    Binding {
        command: Command::StartFromBeginning,
        chords: &[key(Key::F5)],
        keys_label: None,
        description: "Start from the first slide in fullscreen",
    },
    Binding {
        command: Command::BlackScreen,
        chords: &[key(Key::B), key(Key::Period)],
        keys_label: None,
        description: "Black screen (again, or any navigation key, to return)",
    },
    Binding { command: Command::WhiteScreen, chords: &[key(Key::W)], keys_label: None, description: "White screen" },
    Binding {
        command: Command::NextLanguage,
        chords: &[key(Key::L)],
        keys_label: None,
        description: "Next language of the deck",
    },
    Binding {
        command: Command::ToggleCounter,
        chords: &[key(Key::C)],
        keys_label: None,
        description: "Slide counter on or off",
    },
    Binding {
        command: Command::ToggleProgress,
        chords: &[key(Key::R)],
        keys_label: None,
        description: "Progress bar on or off",
    },
    Binding {
        command: Command::ToggleLayoutDebug,
        chords: &[key(Key::D)],
        keys_label: None,
        description: "Layout debug: outline boxes, mark shrunk text orange, overflow red",
    },
    Binding {
        command: Command::ToggleHelp,
        chords: &[key(Key::Questionmark), key(Key::H)],
        keys_label: None,
        description: "This help",
    },
    Binding {
        command: Command::QuitWhenWindowed,
        chords: &[key(Key::Q)],
        keys_label: None,
        description: "Quit (not in fullscreen)",
    },
    Binding { command: Command::Quit, chords: &[ctrl(Key::Q)], keys_label: None, description: "Quit" },
    Binding {
        command: Command::ToggleConsole,
        chords: &[key(Key::S)],
        keys_label: None,
        description: "Presenter console (second window) on or off",
    },
    Binding {
        command: Command::SwapScreens,
        chords: &[key(Key::X)],
        keys_label: None,
        description: "Swap the screens of the audience window and the console",
    },
    Binding {
        command: Command::ToggleTimer,
        chords: &[key(Key::T)],
        keys_label: None,
        description: "Pause or resume the talk timer",
    },
    Binding {
        command: Command::ResetTimer,
        chords: &[ctrl(Key::T)],
        keys_label: None,
        description: "Reset the talk timer",
    },
    Binding {
        command: Command::NotesLarger,
        chords: &[key(Key::Plus), key(Key::Equals)],
        keys_label: None,
        description: "Larger speaker notes in the console",
    },
    Binding {
        command: Command::NotesDown,
        chords: &[key(Key::J)],
        keys_label: None,
        description: "Scroll the speaker notes down (in the console)",
    },
    Binding {
        command: Command::NotesUp,
        chords: &[key(Key::K)],
        keys_label: None,
        description: "Scroll the speaker notes up",
    },
    Binding {
        command: Command::NotesSmaller,
        chords: &[key(Key::Minus)],
        keys_label: None,
        description: "Smaller speaker notes in the console",
    },
];

impl Binding {
    pub fn keys(&self) -> String {
        match self.keys_label {
            Some(label) => label.to_owned(),
            None => self.chords.iter().map(Chord::label).collect::<Vec<_>>().join(", "),
        }
    }
}

/// The command a key press asks for, if any.
pub fn command_for_key(pressed: Key, modifiers: Modifiers, repeat: bool) -> Option<Command> {
    let binding = BINDINGS.iter().find(|b| b.chords.iter().any(|c| c.matches(pressed, modifiers)))?;
    let command = match binding.command {
        Command::Digit(_) => Command::Digit(digit(pressed)?),
        other => other,
    };
    (!repeat || command.repeats()).then_some(command)
}

fn digit(key: Key) -> Option<u8> {
    let digits =
        [Key::Num0, Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
    digits.iter().position(|&k| k == key).map(|d| d as u8)
}

/// Every command a frame's input asks for, in order.
pub fn commands_from_input(input: &egui::InputState) -> Vec<Command> {
    input
        .events
        .iter()
        .filter_map(|event| match event {
            egui::Event::Key { key, pressed: true, repeat, modifiers, .. } => {
                command_for_key(*key, *modifiers, *repeat)
            }
            _ => None,
        })
        .collect()
}

/// Takes the events of bound keys (pressed or released, except the held pointer key) and
/// typed text out of `events`, and returns the commands of the presses in order.
pub fn take_bound_keys(events: &mut Vec<egui::Event>) -> Vec<Command> {
    let mut commands = Vec::new();
    events.retain(|event| match event {
        egui::Event::Key { key, pressed, repeat, modifiers, .. }
            if *key != POINTER_KEY && command_for_key(*key, *modifiers, false).is_some() =>
        {
            if *pressed {
                commands.extend(command_for_key(*key, *modifiers, *repeat));
            }
            false
        }
        egui::Event::Text(_) => false,
        _ => true,
    });
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_keys_and_typed_text_leave_the_input_and_become_commands() {
        let key = |key, pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        };
        let mut events = vec![
            key(Key::Space, true),
            egui::Event::Text(" ".into()),
            key(POINTER_KEY, true),
            key(Key::Space, false),
            key(Key::F4, true),
            key(Key::ArrowLeft, true),
            egui::Event::PointerMoved(egui::pos2(1.0, 2.0)),
        ];
        assert_eq!(take_bound_keys(&mut events), [Command::Next, Command::Previous]);
        assert_eq!(
            events,
            [key(POINTER_KEY, true), key(Key::F4, true), egui::Event::PointerMoved(egui::pos2(1.0, 2.0))]
        );
    }

    #[test]
    fn keys_map_to_commands() {
        let none = Modifiers::NONE;
        let cases: &[(&str, Key, Modifiers, bool, Option<Command>)] = &[
            ("clicker forward", Key::PageDown, none, false, Some(Command::Next)),
            ("clicker back", Key::PageUp, none, false, Some(Command::Previous)),
            ("clicker blank", Key::Period, none, false, Some(Command::BlackScreen)),
            ("digit", Key::Num7, none, false, Some(Command::Digit(7))),
            ("held arrow repeats", Key::ArrowRight, none, true, Some(Command::Next)),
            ("held B does not flicker", Key::B, none, true, None),
            ("plain Q", Key::Q, none, false, Some(Command::QuitWhenWindowed)),
            ("Ctrl+Q", Key::Q, Modifiers::COMMAND, false, Some(Command::Quit)),
            ("question mark with shift", Key::Questionmark, Modifiers::SHIFT, false, Some(Command::ToggleHelp)),
            ("Alt+F4 is the window manager's", Key::F4, Modifiers::ALT, false, None),
            ("Ctrl+Right is not next", Key::ArrowRight, Modifiers::COMMAND, false, None),
        ];
        for &(name, key, modifiers, repeat, expected) in cases {
            assert_eq!(command_for_key(key, modifiers, repeat), expected, "{name}");
        }
    }

    #[test]
    fn every_chord_is_bound_once() {
        let mut seen = Vec::new();
        for binding in BINDINGS {
            for chord in binding.chords {
                assert!(!seen.contains(chord), "{chord:?} is bound twice");
                seen.push(*chord);
            }
        }
    }
}
