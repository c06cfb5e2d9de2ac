//! The show's state as plain data, and the one place every [`Command`] changes it:
//! [`State::apply`] returns the [`Effects`] the window must carry out (fullscreen, quit, swap
//! screens, remember a setting), so every rule here is tested without a window.

use std::sync::Arc;

use emath::Pos2;

use super::command::Command;
use crate::deck::navigation::{Move, Navigator, index_after_reload};
use crate::deck::{Deck, Lang};
use crate::timing::talk::Timer;

/// Thumbnails per row of the overview; Up and Down move by this many there.
pub const OVERVIEW_COLUMNS: usize = 4;
/// Notes text size limits and step in the console, in points.
pub const NOTES_SIZES: std::ops::RangeInclusive<f32> = 14.0..=72.0;
pub const NOTES_STEP: f32 = 4.0;
pub const DEFAULT_NOTES_SIZE: f32 = 28.0;
/// Digits of a typed slide number kept (more would name no slide).
const TYPED_DIGITS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    Black,
    White,
}

/// The deck on screen and where the show is in it.
#[derive(Clone, Debug)]
pub struct Show {
    pub deck: Arc<Deck>,
    /// Which deck this is, counted by the session: caches key on it, never on an address.
    pub generation: u64,
    pub nav: Navigator,
    pub lang: Lang,
}

impl Show {
    /// The code of the language shown (`"en"`).
    pub fn language(&self) -> &str {
        self.deck.lang_code(self.lang)
    }
}

/// What the presenter has switched on or typed; independent of the deck.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    pub help: bool,
    pub blank: Option<Blank>,
    /// Digits of a slide number typed so far.
    pub typed: String,
    pub show_counter: bool,
    pub show_progress: bool,
    pub layout_debug: bool,
    /// The overview's selected slide (a deck index) while it is open.
    pub overview: Option<usize>,
    pub console_open: bool,
    pub notes_size: f32,
    /// How far the console's notes are scrolled by keys: the deck index of the slide whose
    /// notes they are, and how many steps down (another slide's notes start at the top).
    pub notes_scroll: (usize, u16),
    /// Where the laser pointer is held (over the audience window or the console's slide),
    /// in slide units.
    pub pointer: Option<Pos2>,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            help: false,
            blank: None,
            typed: String::new(),
            show_counter: true,
            show_progress: true,
            layout_debug: false,
            overview: None,
            console_open: false,
            notes_scroll: (0, 0),
            notes_size: DEFAULT_NOTES_SIZE,
            pointer: None,
        }
    }
}

/// Facts about the window that a command depends on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Env {
    /// The UI clock, in seconds (the talk timer runs on it).
    pub now: f64,
    pub fullscreen: bool,
}

/// What applying a command asks of the window; the shell carries it out.
#[must_use]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Effects {
    pub fullscreen: Option<bool>,
    pub quit: bool,
    pub swap_screens: bool,
    /// The notes size changed: remember it for the next talk.
    pub save_notes_size: Option<f32>,
}

#[derive(Debug, Default)]
pub struct State {
    /// `None` until a deck loads.
    pub show: Option<Show>,
    pub view: ViewState,
    pub timer: Timer,
    generation: u64,
    /// Counts changes, so a second window knows when to draw again.
    revision: u64,
}

impl State {
    pub fn new(view: ViewState) -> Self {
        Self { view, ..Default::default() }
    }

    /// Shows `deck`. With `keep_place`, the slide and language on screen stay (an edit was
    /// saved); otherwise the show starts on the first slide with the deck's own chrome.
    pub fn show_deck(&mut self, deck: Arc<Deck>, keep_place: bool) {
        self.generation += 1;
        let mut show = Show { nav: Navigator::new(&deck), lang: Lang::DEFAULT, generation: self.generation, deck };
        match self.show.as_ref().filter(|_| keep_place) {
            Some(old) => {
                show.nav.show_index(index_after_reload(&old.deck, old.nav.slide_index(), &show.deck));
                show.lang = show.deck.same_lang(&old.deck, old.lang);
            }
            None => {
                self.view.show_counter = show.deck.show_counter;
                self.view.show_progress = show.deck.show_progress;
            }
        }
        self.view.overview = self.view.overview.map(|i| i.min(show.deck.slides.len() - 1));
        self.show = Some(show);
        self.touch();
    }

    /// Opens on slide `number` (as the counter shows it) instead of the first: where the
    /// show starts, before anyone pressed anything (so the talk timer does not start).
    pub fn start_at(&mut self, number: usize) {
        if let Some(show) = &mut self.show {
            show.nav.apply(Move::To(number));
        }
    }

    /// Changes with every command applied and every deck shown.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn touch(&mut self) {
        self.revision += 1;
    }

    pub fn lang(&self) -> Option<Lang> {
        self.show.as_ref().map(|show| show.lang)
    }

    /// Applies one command. Everything anyone can do to the show goes through here.
    pub fn apply(&mut self, command: Command, env: Env) -> Effects {
        self.touch();
        let mut effects = Effects::default();
        if command.navigates() && self.view.blank.is_some() {
            // A blanked room comes back to the same slide; the key does not also move.
            self.view.blank = None;
            self.view.typed.clear();
            return effects;
        }
        if let Some(selected) = self.view.overview
            && self.overview_command(command, selected, env)
        {
            return effects;
        }
        match command {
            Command::Next | Command::Down => self.movement(Move::Next, env),
            Command::Previous | Command::Up => self.movement(Move::Previous, env),
            Command::First => self.movement(Move::First, env),
            Command::Last => self.movement(Move::Last, env),
            Command::ToggleOverview => self.view.overview = self.show.as_ref().map(|show| show.nav.slide_index()),
            Command::Digit(d) => {
                if self.view.typed.len() < TYPED_DIGITS {
                    self.view.typed.push(char::from(b'0' + d.min(9)));
                }
            }
            Command::Enter => match std::mem::take(&mut self.view.typed).parse::<usize>() {
                Ok(number) => self.movement(Move::To(number), env),
                Err(_) => self.movement(Move::Next, env),
            },
            Command::Visit(index) => self.visit(index, env),
            Command::ToggleFullscreen => effects.fullscreen = Some(!env.fullscreen),
            Command::Escape => {
                if self.view.help {
                    self.view.help = false;
                } else if !self.view.typed.is_empty() {
                    self.view.typed.clear();
                } else if self.view.blank.is_some() {
                    self.view.blank = None;
                } else if env.fullscreen {
                    effects.fullscreen = Some(false);
                }
            }
            Command::BlackScreen | Command::WhiteScreen => {
                let wanted = if command == Command::BlackScreen { Blank::Black } else { Blank::White };
                self.view.blank = if self.view.blank == Some(wanted) { None } else { Some(wanted) };
            }
            Command::NextLanguage => {
                if let Some(show) = &mut self.show {
                    show.lang = show.deck.next_lang(show.lang);
                }
            }
            Command::SetLanguage(lang) => {
                if let Some(show) = &mut self.show
                    && lang.index() < show.deck.languages.len()
                {
                    show.lang = lang;
                }
            }
            Command::ToggleHelp => self.view.help = !self.view.help,
            Command::ToggleCounter => self.view.show_counter = !self.view.show_counter,
            Command::ToggleProgress => self.view.show_progress = !self.view.show_progress,
            Command::ToggleLayoutDebug => self.view.layout_debug = !self.view.layout_debug,
            Command::StartFromBeginning => {
                self.movement(Move::First, env);
                self.view.blank = None;
                effects.fullscreen = Some(true);
            }
            Command::ToggleConsole => self.view.console_open = !self.view.console_open,
            Command::ConsoleClosed => {
                self.view.console_open = false;
                self.view.pointer = None;
            }
            Command::Pointer => {}
            Command::PointAt(at) => self.view.pointer = at,
            Command::SwapScreens => effects.swap_screens = true,
            Command::ToggleTimer => self.timer.toggle_pause(env.now),
            Command::ResetTimer => self.timer.reset(),
            Command::NotesLarger | Command::NotesSmaller => {
                let step = if command == Command::NotesLarger { NOTES_STEP } else { -NOTES_STEP };
                let size = (self.view.notes_size + step).clamp(*NOTES_SIZES.start(), *NOTES_SIZES.end());
                if size != self.view.notes_size {
                    self.view.notes_size = size;
                    effects.save_notes_size = Some(size);
                }
            }
            Command::NotesDown | Command::NotesUp => {
                if let Some(show) = &self.show {
                    let slide = show.nav.slide_index();
                    let steps = if self.view.notes_scroll.0 == slide { self.view.notes_scroll.1 } else { 0 };
                    let steps =
                        if command == Command::NotesDown { steps.saturating_add(1) } else { steps.saturating_sub(1) };
                    self.view.notes_scroll = (slide, steps);
                }
            }
            Command::Quit => effects.quit = true,
            Command::QuitWhenWindowed => effects.quit = !env.fullscreen,
        }
        effects
    }

    fn movement(&mut self, movement: Move, env: Env) {
        if let Some(show) = &mut self.show
            && show.nav.apply(movement)
        {
            // The talk starts with its first advance.
            self.timer.start(env.now);
        }
    }

    /// Shows deck slide `index` (hidden ones too, as backup slides) and closes the overview.
    fn visit(&mut self, index: usize, env: Env) {
        self.view.overview = None;
        if let Some(show) = &mut self.show
            && index < show.deck.slides.len()
        {
            let before = (show.nav.slide_index(), show.nav.step());
            show.nav.visit(index);
            if (show.nav.slide_index(), show.nav.step()) != before {
                // A jump is an advance too: the talk timer starts.
                self.timer.start(env.now);
            }
        }
    }

    /// A command while the overview is open; returns whether it was the overview's.
    fn overview_command(&mut self, command: Command, selected: usize, env: Env) -> bool {
        let count = self.show.as_ref().map_or(0, |show| show.deck.slides.len());
        let delta: isize = match command {
            Command::Next => 1,
            Command::Previous => -1,
            Command::Down => OVERVIEW_COLUMNS as isize,
            Command::Up => -(OVERVIEW_COLUMNS as isize),
            Command::First => -(count as isize),
            Command::Last => count as isize,
            Command::Enter => {
                self.visit(selected, env);
                return true;
            }
            Command::Escape | Command::ToggleOverview => {
                self.view.overview = None;
                return true;
            }
            _ => return false,
        };
        self.view.overview = Some(overview_moved(selected, delta, count));
        true
    }
}

/// Moves an overview selection by `delta` within a deck of `count` slides.
pub fn overview_moved(selected: usize, delta: isize, count: usize) -> usize {
    selected.saturating_add_signed(delta).min(count.saturating_sub(1))
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
