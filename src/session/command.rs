//! What anyone can ask of the show, whatever the input: a key, a click, the console, a
//! visitor's button. Input becomes a [`Command`]; [`super::State::apply`] applies every one
//! in one place. Which keys send which command is the front end's business (the binding
//! tables in `app::bindings` and `exhibit::bindings`).

use emath::Pos2;

use crate::deck::Lang;

#[must_use]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    Next,
    Previous,
    First,
    Last,
    /// A digit of a slide number being typed.
    Digit(u8),
    /// Go to the typed slide number, or next if none was typed.
    Enter,
    ToggleFullscreen,
    /// Close the topmost thing: help, a typed number, a blank screen, then fullscreen.
    Escape,
    BlackScreen,
    WhiteScreen,
    NextLanguage,
    ToggleHelp,
    ToggleCounter,
    ToggleProgress,
    /// Outline every laid-out box and mark text that shrank or overflows (for deck editors).
    ToggleLayoutDebug,
    /// Start from the first slide in fullscreen (F5, as in PowerPoint).
    StartFromBeginning,
    Quit,
    /// Quit, but only when not fullscreen, so a stray key cannot end a talk.
    QuitWhenWindowed,
    /// Open or close the presenter console window.
    ToggleConsole,
    /// Pause or resume the talk timer.
    ToggleTimer,
    /// Set the talk timer back to zero; it starts again at the next advance.
    ResetTimer,
    NotesLarger,
    NotesSmaller,
    /// Scroll the console's speaker notes down by a third of their box (a clicker cannot
    /// reach a scroll bar).
    NotesDown,
    /// Scroll the console's speaker notes back up.
    NotesUp,
    /// The grid of all slides.
    ToggleOverview,
    /// Next slide; in the overview, the row below.
    Down,
    /// Previous slide; in the overview, the row above.
    Up,
    /// Exchange the screens of the audience window and the console.
    SwapScreens,
    /// Pressing the pointer key does nothing by itself: while it is held, the mouse
    /// position over the slide shows as a laser-pointer dot on the audience screen.
    Pointer,
    /// Show deck slide `index`, hidden ones too (a backup slide), complete: a pick in the
    /// overview, a click in the console's overview.
    Visit(usize),
    /// Show the deck in this language (a visitor's language button).
    SetLanguage(Lang),
    /// The laser pointer held over the slide (the pointer key over the audience window, or
    /// the mouse button on the console's slide), in slide units; `None`: released.
    PointAt(Option<Pos2>),
    /// The console window was closed by its own close button.
    ConsoleClosed,
}

impl Command {
    /// Whether holding the key down should repeat the command.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Command::Next | Command::Previous | Command::Down | Command::Up | Command::NotesDown | Command::NotesUp
        )
    }

    /// Whether the command moves between slides (which also lifts a blank screen).
    pub fn navigates(self) -> bool {
        matches!(
            self,
            Command::Next
                | Command::Previous
                | Command::Down
                | Command::Up
                | Command::First
                | Command::Last
                | Command::Enter
        )
    }
}
