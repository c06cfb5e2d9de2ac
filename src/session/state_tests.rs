//! The show's rules as tables of named cases: each case starts a fresh show of a small deck,
//! applies commands, and checks where the show is.

use std::path::Path;

use super::*;
use crate::deck::{DiskAssets, LoadOptions, load_text};

/// Five slides: the third hidden, the fourth revealing two bullets; two languages.
fn deck() -> Arc<Deck> {
    let text = r#"(title: {"en": "T", "kk": "Т"}, languages: ["en", "kk"], slides: [
        Section(title: {"en": "One", "kk": "Бір"}),
        Section(title: {"en": "Two", "kk": "Екі"}),
        Section(title: {"en": "Backup", "kk": "Қосымша"}, hidden: true),
        Bullets(title: {"en": "Four", "kk": "Төрт"}, items: ["a", "b"], reveal: true),
        Section(title: {"en": "Five", "kk": "Бес"}),
    ])"#;
    load_text(Path::new("deck.ron"), text.to_owned(), &DiskAssets, &LoadOptions::default()).unwrap().deck
}

fn state() -> State {
    let mut state = State::new(ViewState::default());
    state.show_deck(deck(), false);
    state
}

const WINDOWED: Env = Env { now: 10.0, fullscreen: false };
const FULLSCREEN: Env = Env { now: 10.0, fullscreen: true };

/// (name, commands, the slide (deck index), step, blank, typed digits)
type NavCase = (&'static str, &'static [Command], usize, usize, Option<Blank>, &'static str);

#[test]
fn navigation_blanking_and_typed_numbers() {
    use Command::*;
    let cases: &[NavCase] = &[
        ("opens on the first slide", &[], 0, 0, None, ""),
        ("next skips the hidden slide", &[Next, Next], 3, 0, None, ""),
        ("steps reveal before leaving", &[Next, Next, Next, Next], 3, 2, None, ""),
        ("and then it leaves", &[Next, Next, Next, Next, Next], 4, 0, None, ""),
        ("going back shows a slide complete", &[Last, Previous], 3, 2, None, ""),
        ("a typed number counts presented slides", &[Digit(3), Enter], 3, 0, None, ""),
        ("Enter with nothing typed is next", &[Enter], 1, 0, None, ""),
        ("Escape clears a typed number first", &[Digit(4), Escape, Enter], 1, 0, None, ""),
        ("digits stop at four", &[Digit(1), Digit(2), Digit(3), Digit(4), Digit(5)], 0, 0, None, "1234"),
        ("B blanks", &[BlackScreen], 0, 0, Some(Blank::Black), ""),
        ("B again brings the slide back", &[BlackScreen, BlackScreen], 0, 0, None, ""),
        ("W over B turns white", &[BlackScreen, WhiteScreen], 0, 0, Some(Blank::White), ""),
        ("a key lifts the blank without moving", &[BlackScreen, Next], 0, 0, None, ""),
        ("Escape lifts the blank", &[WhiteScreen, Escape], 0, 0, None, ""),
        ("a visit shows a hidden slide", &[Visit(2)], 2, 0, None, ""),
        ("next after a hidden detour goes on from it", &[Visit(2), Next], 3, 0, None, ""),
        ("a visit past the end is ignored", &[Visit(99)], 0, 0, None, ""),
        ("the overview takes the arrows", &[ToggleOverview, Next, Next], 0, 0, None, ""),
        ("Enter in the overview goes there", &[ToggleOverview, Next, Next, Enter], 2, 0, None, ""),
        ("Escape leaves the overview where it was", &[Next, ToggleOverview, Next, Escape], 1, 0, None, ""),
        ("F5 starts over and lifts a blank", &[Next, BlackScreen, StartFromBeginning], 0, 0, None, ""),
    ];
    for &(name, commands, slide, step, blank, typed) in cases {
        let mut state = state();
        for &command in commands {
            let _ = state.apply(command, WINDOWED);
        }
        let show = state.show.as_ref().unwrap();
        assert_eq!((show.nav.slide_index(), show.nav.step()), (slide, step), "{name}");
        assert_eq!(state.view.blank, blank, "{name}: blank");
        assert_eq!(state.view.typed, typed, "{name}: typed");
    }
}

#[test]
fn escape_closes_the_topmost_thing_first() {
    use Command::*;
    let mut state = state();
    let _ = state.apply(ToggleHelp, FULLSCREEN);
    let _ = state.apply(Digit(2), FULLSCREEN);
    let _ = state.apply(BlackScreen, FULLSCREEN);
    assert_eq!(state.apply(Escape, FULLSCREEN), Effects::default(), "help first");
    assert!(!state.view.help && state.view.typed == "2");
    let _ = state.apply(Escape, FULLSCREEN);
    assert!(state.view.typed.is_empty() && state.view.blank.is_some(), "then the typed number");
    let _ = state.apply(Escape, FULLSCREEN);
    assert!(state.view.blank.is_none(), "then the blank");
    assert_eq!(state.apply(Escape, FULLSCREEN).fullscreen, Some(false), "then fullscreen");
    assert_eq!(state.apply(Escape, WINDOWED), Effects::default(), "and then nothing");
}

#[test]
fn effects_are_asked_of_the_window() {
    use Command::*;
    let cases: &[(&str, Command, Env, Effects)] = &[
        (
            "F toggles fullscreen on",
            ToggleFullscreen,
            WINDOWED,
            Effects { fullscreen: Some(true), ..Effects::default() },
        ),
        ("F toggles it off", ToggleFullscreen, FULLSCREEN, Effects { fullscreen: Some(false), ..Effects::default() }),
        ("F5 goes fullscreen", StartFromBeginning, WINDOWED, Effects { fullscreen: Some(true), ..Effects::default() }),
        ("Ctrl+Q quits", Quit, FULLSCREEN, Effects { quit: true, ..Effects::default() }),
        ("Q quits a window", QuitWhenWindowed, WINDOWED, Effects { quit: true, ..Effects::default() }),
        ("Q does not end a fullscreen talk", QuitWhenWindowed, FULLSCREEN, Effects::default()),
        ("X swaps the screens", SwapScreens, WINDOWED, Effects { swap_screens: true, ..Effects::default() }),
        (
            "+ makes notes larger and remembers",
            NotesLarger,
            WINDOWED,
            Effects { save_notes_size: Some(DEFAULT_NOTES_SIZE + NOTES_STEP), ..Effects::default() },
        ),
    ];
    for &(name, command, env, expected) in cases {
        assert_eq!(state().apply(command, env), expected, "{name}");
    }
    let mut state = state();
    state.view.notes_size = *NOTES_SIZES.start();
    assert_eq!(state.apply(NotesSmaller, WINDOWED).save_notes_size, None, "already the smallest: nothing to save");
}

#[test]
fn languages_cycle_and_are_set_by_index() {
    let mut state = state();
    let code = |state: &State| state.show.as_ref().unwrap().language().to_owned();
    let _ = state.apply(Command::NextLanguage, WINDOWED);
    assert_eq!(code(&state), "kk");
    let _ = state.apply(Command::NextLanguage, WINDOWED);
    assert_eq!(code(&state), "en", "wraps round");
    let _ = state.apply(Command::SetLanguage(Lang::from_index(1)), WINDOWED);
    assert_eq!(code(&state), "kk");
    let _ = state.apply(Command::SetLanguage(Lang::from_index(7)), WINDOWED);
    assert_eq!(code(&state), "kk", "a language the deck does not have is ignored");
}

#[test]
fn the_talk_timer_starts_at_the_first_advance() {
    let mut state = state();
    let _ = state.apply(Command::ToggleHelp, Env { now: 5.0, fullscreen: false });
    assert!(!state.timer.has_started(), "opening help is no advance");
    let _ = state.apply(Command::Visit(1), Env { now: 7.0, fullscreen: false });
    assert!(state.timer.has_started(), "a jump is an advance");
    assert_eq!(state.timer.elapsed(9.0), 2.0);
}

#[test]
fn a_reload_keeps_the_place_and_the_language_and_a_new_deck_starts_over() {
    let mut state = state();
    let _ = state.apply(Command::Last, WINDOWED);
    let _ = state.apply(Command::NextLanguage, WINDOWED);
    let _ = state.apply(Command::ToggleCounter, WINDOWED);
    let revision = state.revision();
    state.show_deck(deck(), true);
    let show = state.show.as_ref().unwrap();
    assert_eq!((show.nav.slide_index(), show.language()), (4, "kk"));
    assert!(!state.view.show_counter, "the presenter's choice stays");
    assert!(state.revision() > revision, "a second window draws again");
    state.show_deck(deck(), false);
    let show = state.show.as_ref().unwrap();
    assert_eq!((show.nav.slide_index(), show.language()), (0, "en"));
    assert!(state.view.show_counter, "a new deck brings its own chrome");
}

#[test]
fn the_notes_scroll_belongs_to_the_slide_it_was_asked_on() {
    use Command::*;
    let cases: &[(&str, &[Command], (usize, u16))] = &[
        ("nothing asked", &[], (0, 0)),
        ("two steps down, one up", &[NotesDown, NotesDown, NotesUp], (0, 1)),
        ("never above the top", &[NotesUp, NotesUp], (0, 0)),
        ("another slide's notes start at the top", &[NotesDown, NotesDown, Next, NotesDown], (1, 1)),
    ];
    for (name, commands, expected) in cases {
        let mut state = state();
        for command in *commands {
            let _ = state.apply(*command, WINDOWED);
        }
        assert_eq!(state.view.notes_scroll, *expected, "{name}");
    }
}
