//! The presenter console beside the audience window, driven through egui_kittest. The
//! harness has one window, so egui embeds the console's viewport in it: both windows' labels
//! can be queried, and keys reach the app through the audience window's input (the console's
//! own key path, through a channel, was checked in the real app under Xvfb with xdotool).

use std::path::{Path, PathBuf};

use egui::{Key, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lectern::app::{AppOptions, Blank, DeckSource, LecternApp};

fn app_with_console(talk_minutes: Option<f64>, settings: &Path) -> Harness<'static, LecternApp> {
    let source = DeckSource::File(Path::new(env!("CARGO_MANIFEST_DIR")).join("slides/showcase.ron"));
    console_on(source, talk_minutes, settings)
}

/// The app on `source` with its console open, settled.
fn console_on(source: DeckSource, talk_minutes: Option<f64>, settings: &Path) -> Harness<'static, LecternApp> {
    let result = source.load();
    let options = AppOptions {
        console: true,
        talk_seconds: talk_minutes.map(|m| m * 60.0),
        settings_dir: Some(settings.to_owned()),
        ..AppOptions::default()
    };
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_eframe(move |cc| LecternApp::with_options(&cc.egui_ctx, source, result, options));
    // The console's clocks ask for a frame every second, so the harness steps, not runs.
    harness.run_steps(3);
    harness
}

fn settings() -> PathBuf {
    tempfile::tempdir().unwrap().keep()
}

fn press(harness: &mut Harness<'_, LecternApp>, keys: &[Key]) {
    for key in keys {
        harness.key_press(*key);
        harness.run_steps(2);
    }
}

fn shows(harness: &Harness<'_, LecternApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// The console's status line.
fn status(harness: &Harness<'_, LecternApp>) -> String {
    let node = harness.get_by_label_contains("Elapsed ");
    let node = node.accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}

#[test]
fn the_console_follows_the_show_with_current_next_and_notes() {
    let mut harness = app_with_console(None, &settings());
    assert!(harness.state().console_open());
    assert!(shows(&harness, "Current slide: Lectern showcase"));
    assert!(shows(&harness, "Next slide: Text and emphasis"));
    assert!(status(&harness).starts_with("Slide 1 of 19"), "{}", status(&harness));
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "Current slide: Text and emphasis"), "the audience's key moved the console");
    assert!(shows(&harness, "Slide 2 of 19"), "and the audience window");
    press(&mut harness, &[Key::S]);
    assert!(!harness.state().console_open(), "S closes the console");
    assert!(!shows(&harness, "Current slide: Text and emphasis"));
    press(&mut harness, &[Key::S]);
    assert!(shows(&harness, "Current slide: Text and emphasis"), "and opens it again");
}

#[test]
fn long_notes_say_there_is_more_and_scroll_with_keys_a_clicker_can_send() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A sentence of the speaker's notes that goes on for a while. ".repeat(40);
    let deck = dir.path().join("deck.ron");
    std::fs::write(
        &deck,
        format!(r#"Deck(title: "Notes", slides: [Title(title: "One", notes: "{long}"), Title(title: "Two", notes: "{long}")])"#),
    )
    .unwrap();
    let mut harness = console_on(DeckSource::File(deck), None, &settings());
    let more = "more below (J) ▼";
    assert!(shows(&harness, more), "the cut is said");
    for _ in 0..40 {
        if !shows(&harness, more) {
            break;
        }
        press(&mut harness, &[Key::J]);
    }
    assert!(!shows(&harness, more), "J scrolled to the end of the notes");
    press(&mut harness, &[Key::J, Key::J, Key::J]);
    press(&mut harness, &[Key::K]);
    assert!(shows(&harness, more), "K scrolled back up at once, however often J was pressed at the end");
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "Current slide: Two"));
    assert!(shows(&harness, more), "the next slide's notes start at the top");
}

#[test]
fn blanking_affects_the_audience_only() {
    let mut harness = app_with_console(None, &settings());
    press(&mut harness, &[Key::B]);
    assert_eq!(harness.state().blank(), Some(Blank::Black));
    assert!(shows(&harness, "Screen blanked"), "the audience window is black");
    assert!(shows(&harness, "Current slide: Lectern showcase"), "the console still shows the slide");
    assert!(harness.query_by_label_contains("Audience blanked (black)").is_some(), "with a banner");
    press(&mut harness, &[Key::B]);
    assert!(harness.query_by_label_contains("Audience blanked").is_none());
}

#[test]
fn the_timer_starts_at_the_first_advance_and_shows_time_left_and_pace() {
    // A 12-second talk on 15 slides, on the harness's clock (a quarter second per step).
    let mut harness = app_with_console(Some(0.2), &settings());
    harness.run_steps(8);
    assert!(status(&harness).contains("Elapsed 00:00 (starts at the first advance)"), "{}", status(&harness));
    press(&mut harness, &[Key::ArrowRight]);
    harness.run_steps(12);
    let elapsed = harness.state().elapsed(&harness.ctx);
    assert!((3.0..4.0).contains(&elapsed), "about 3 s on the mocked clock: {elapsed}");
    let line = status(&harness);
    assert!(line.contains("Elapsed 00:03"), "{line}");
    assert!(
        line.contains("Left 00:08 (behind)") || line.contains("Left 00:09 (behind)"),
        "slide 2 of 19 after a quarter of the time: {line}"
    );
    press(&mut harness, &[Key::T]);
    let paused = harness.state().elapsed(&harness.ctx);
    harness.run_steps(8);
    assert_eq!(harness.state().elapsed(&harness.ctx), paused, "T pauses");
    assert!(status(&harness).contains("(paused)"));
    press(&mut harness, &[Key::T]);
    harness.run_steps(40);
    assert!(status(&harness).contains("(over time)"), "{}", status(&harness));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::T);
    harness.run_steps(2);
    assert_eq!(harness.state().elapsed(&harness.ctx), 0.0, "Ctrl+T resets");
}

#[test]
fn notes_size_changes_with_plus_and_minus_and_is_remembered() {
    let dir = settings();
    let mut harness = app_with_console(None, &dir);
    let start = harness.state().notes_size();
    press(&mut harness, &[Key::Plus, Key::Plus, Key::Minus, Key::Plus]);
    assert_eq!(harness.state().notes_size(), start + 8.0);
    drop(harness);
    let again = app_with_console(None, &dir);
    assert_eq!(again.state().notes_size(), start + 8.0, "remembered between runs");
}

#[test]
fn holding_the_pointer_key_shows_a_laser_dot_at_the_same_slide_position() {
    let mut harness = app_with_console(None, &settings());
    press(&mut harness, &[Key::S]); // the audience window alone, filling the harness
    // The 1600x1000 window letterboxes a 16:9 slide: 1600x900, 50 px from the top.
    harness.hover_at(egui::pos2(400.0, 275.0));
    harness.key_down(Key::Z);
    harness.run_steps(2);
    let at = harness.state().pointer().expect("the pointer shows while Z is held");
    assert!((at.x - 480.0).abs() < 2.0 && (at.y - 270.0).abs() < 2.0, "a quarter across and down: {at:?}");
    harness.key_up(Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().pointer(), None, "gone when released");
}

#[test]
fn holding_the_mouse_on_the_consoles_slide_points_on_the_audience_screen() {
    let mut harness = app_with_console(None, &settings());
    let current = harness.get_by_label("Current slide: Lectern showcase").rect();
    harness.drag_at(current.center());
    harness.run_steps(3);
    let at = harness.state().pointer().expect("the console's pointer reaches the audience window");
    assert!((at.x - 960.0).abs() < 4.0 && (at.y - 540.0).abs() < 4.0, "the middle of the slide: {at:?}");
    harness.event(egui::Event::PointerButton {
        pos: current.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(3);
    assert_eq!(harness.state().pointer(), None);
}

#[test]
fn the_decks_own_talk_length_gives_the_time_left() {
    let harness = console_on(DeckSource::Bundled, None, &settings());
    assert!(status(&harness).contains("Left 30:00 (on time)"), "talk_minutes: 30 in the deck: {}", status(&harness));
}

#[test]
fn a_jump_from_the_overview_starts_the_timer_too() {
    let mut harness = app_with_console(None, &settings());
    press(&mut harness, &[Key::O, Key::ArrowRight, Key::ArrowRight, Key::Enter]);
    harness.run_steps(8);
    assert_eq!(harness.state().current_slide(), Some(2));
    assert!(harness.state().elapsed(&harness.ctx) > 1.0, "timing since the jump");
}
