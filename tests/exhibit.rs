//! Exhibit mode in the running app (egui_kittest, on the harness's own clock: 0.25 s per
//! step): the loop, visitors, languages, the locks, opening hours, broken images and decks,
//! and a soak of 10,000 advances that must keep textures and caches bounded.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, ViewportEvent, ViewportId, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::DeckSource;
use lectern::exhibit::{ExhibitApp, ExhibitOptions};

/// Log lines the show wrote.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    fn count(&self, needle: &str) -> usize {
        self.lines().iter().filter(|l| l.contains(needle)).count()
    }
}

/// Writes `deck.ron` into `dir` with these slides and exhibit settings.
fn write_deck(dir: &Path, languages: &str, exhibit: &str, slides: &str) -> PathBuf {
    let deck = dir.join("deck.ron");
    let text = format!("(title: \"Exhibit\", languages: [{languages}], exhibit: ({exhibit}), slides: [\n{slides}])");
    std::fs::write(&deck, text).unwrap();
    deck
}

fn picture(dir: &Path, name: &str, shade: u8) {
    let image = image::RgbImage::from_fn(160, 120, |x, y| image::Rgb([shade, (x / 2) as u8, (y / 2) as u8]));
    image.save_with_format(dir.join(name), image::ImageFormat::Png).unwrap();
}

fn show(deck: &Path, options: ExhibitOptions, size: egui::Vec2) -> Harness<'static, ExhibitApp> {
    let source = DeckSource::File(deck.to_owned());
    let loaded = source.load().expect("the deck loads cleanly");
    Harness::builder().with_size(size).build_eframe(move |cc| ExhibitApp::new(&cc.egui_ctx, source, loaded, options))
}

fn options(log: &Log) -> ExhibitOptions {
    let sink = Arc::clone(&log.0);
    ExhibitOptions { log: Arc::new(move |line| sink.lock().unwrap().push(line.to_owned())), ..Default::default() }
}

fn shows(harness: &Harness<'_, ExhibitApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// Steps `seconds` of the harness's clock.
fn wait(harness: &mut Harness<'_, ExhibitApp>, seconds: f32) {
    harness.run_steps((seconds / 0.25).round() as usize);
}

fn titles(n: usize, hidden: &[usize], duration: f32) -> String {
    (0..n)
        .map(|i| {
            let hidden = if hidden.contains(&i) { ", hidden: true" } else { "" };
            format!("Section(title: {{\"en\": \"Slide {i}\", \"ru\": \"Слайд {i}\"}}, duration: {duration}{hidden}),\n")
        })
        .collect()
}

#[test]
fn the_loop_shows_each_slide_for_its_time_skips_hidden_ones_and_starts_over() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(
        dir.path(),
        "\"en\", \"ru\"",
        "transition: Crossfade, transition_seconds: 0.5",
        &titles(4, &[2], 2.0),
    );
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    let mut seen = Vec::new();
    for _ in 0..60 {
        harness.step();
        let slide = harness.state().current_slide();
        if seen.last() != Some(&slide) {
            seen.push(slide);
        }
    }
    // 15 s: 2 s per slide and 0.5 s per crossfade, so six changes.
    assert_eq!(seen, [0, 1, 3, 0, 1, 3, 0], "hidden slide 2 is skipped, and the loop starts over");
    assert!(!harness.state().visitor_active());
}

#[test]
fn the_loop_shows_the_exhibits_slides_and_never_the_lectures() {
    let dir = tempfile::tempdir().unwrap();
    let slides = r#"
        Section(title: "Talk title", room: Lecture, duration: 2),
        Section(title: "Visitor title", room: Exhibit, duration: 2),
        Section(title: "Shared", duration: 2),
        Section(title: "Questions?", room: Lecture, duration: 2),
    "#;
    let deck = write_deck(dir.path(), "\"en\"", "transition: None", slides);
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    let mut seen = Vec::new();
    for _ in 0..40 {
        harness.step();
        for title in ["Talk title", "Visitor title", "Shared", "Questions?"] {
            if shows(&harness, title) && seen.last() != Some(&title) {
                seen.push(title);
            }
        }
    }
    assert_eq!(seen, ["Visitor title", "Shared", "Visitor title", "Shared", "Visitor title", "Shared"]);
}

#[test]
fn visitors_browse_switch_language_and_the_show_returns_to_the_loop_in_the_default_language() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", "idle_seconds: 5, on_idle: Restart", &titles(4, &[], 3.0));
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(1280.0, 720.0));
    harness.run_steps(2);
    assert!(shows(&harness, "Slide 0") && shows(&harness, "English") && shows(&harness, "Русский"));

    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert!(shows(&harness, "Slide 1"), "a key moves at once");
    assert!(harness.state().visitor_active(), "and pauses the loop");
    assert!(shows(&harness, "Next slide") && shows(&harness, "Previous slide"), "the touch controls show");

    harness.get_by_label("Русский").click();
    harness.run_steps(2);
    assert_eq!(harness.state().language(), "ru");
    assert!(shows(&harness, "Слайд 1"), "the language changes and the slide stays");

    // A swipe to the left is Next.
    harness.drag_at(egui::pos2(900.0, 400.0));
    harness.run_steps(1);
    harness.hover_at(egui::pos2(500.0, 400.0));
    harness.run_steps(1);
    harness.drop_at(egui::pos2(500.0, 400.0));
    harness.run_steps(2);
    assert!(shows(&harness, "Слайд 2"), "a swipe moves on");

    // Paused: longer than a slide's time, shorter than the idle timeout.
    wait(&mut harness, 4.0);
    assert!(shows(&harness, "Слайд 2"), "the loop waits while a visitor is there");
    wait(&mut harness, 2.0);
    assert!(!harness.state().visitor_active(), "left alone, the show returns to its loop");
    assert_eq!(harness.state().language(), "en", "in the default language");
    assert!(shows(&harness, "Slide 0"), "from the first slide (on_idle: Restart)");
    assert!(!shows(&harness, "Next slide"), "the controls are gone");
}

#[test]
fn escape_q_and_close_requests_do_not_end_the_show_but_the_held_chord_does() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", "", &titles(2, &[], 5.0));
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    harness.run_steps(2);
    for key in [Key::Escape, Key::Q, Key::F4] {
        harness.key_press(key);
        harness.run_steps(1);
    }
    harness.input_mut().viewports.entry(ViewportId::ROOT).or_default().events.push(ViewportEvent::Close);
    harness.run_steps(2);
    assert!(!harness.state().closing(), "still showing");
    assert_eq!(log.count("request to close the window was refused"), 1, "{:?}", log.lines());

    let chord = Modifiers { ctrl: true, shift: true, ..Default::default() };
    harness.event(Event::ModifiersChanged(chord));
    harness.event(Event::Key { key: Key::Q, physical_key: None, pressed: true, repeat: false, modifiers: chord });
    wait(&mut harness, 1.0);
    assert!(!harness.state().closing(), "a short press is not enough");
    wait(&mut harness, 1.25);
    assert!(harness.state().closing(), "held for 2 s, the show ends");
    assert_eq!(log.count("held Ctrl+Shift+Q"), 1);
}

#[test]
fn outside_opening_hours_the_screen_rests_and_the_show_starts_again_on_time() {
    let dir = tempfile::tempdir().unwrap();
    let hours =
        "hours: [(days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], open: \"09:00\", close: \"17:00\")], time_zone: \"UTC\"";
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", hours, &titles(3, &[], 2.0));
    let log = Log::default();
    let now: Arc<Mutex<jiff::Timestamp>> = Arc::new(Mutex::new("2026-11-28T20:00:00Z".parse().unwrap()));
    let clock = Arc::clone(&now);
    let options = ExhibitOptions { wall_clock: Arc::new(move || *clock.lock().unwrap()), ..options(&log) };
    let mut harness = show(&deck, options, vec2(640.0, 360.0));
    harness.run_steps(4);
    assert!(shows(&harness, "Closed") && !shows(&harness, "Slide 0"), "closed at 20:00: nothing but black");
    assert_eq!(log.count("outside opening hours"), 1, "{:?}", log.lines());

    *now.lock().unwrap() = "2026-11-29T09:00:01Z".parse().unwrap();
    harness.run_steps(2);
    assert!(shows(&harness, "Slide 0") && !shows(&harness, "Closed"), "open again at 09:00, from the start");
    assert_eq!(log.count("opening hours begin"), 1);
}

#[test]
fn a_broken_image_is_left_out_and_logged_once_however_often_it_comes_round() {
    let dir = tempfile::tempdir().unwrap();
    picture(dir.path(), "good.png", 200);
    // A PNG header and nothing after it: the deck loads, the decode fails.
    let good = std::fs::read(dir.path().join("good.png")).unwrap();
    std::fs::write(dir.path().join("broken.png"), &good[..good.len() / 3]).unwrap();
    let slides = "Image(title: \"Good\", path: \"good.png\", duration: 1),\nImage(title: \"Broken\", path: \"broken.png\", duration: 1),\n";
    let deck = write_deck(dir.path(), "\"en\"", "transition: None", slides);
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    let deadline = Instant::now() + Duration::from_secs(30);
    while harness.state().slide_changes() < 8 {
        harness.step();
        assert!(Instant::now() < deadline, "the loop goes on past the broken image");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(log.count("broken.png is left out of the show"), 1, "{:?}", log.lines());
    assert_eq!(log.count("good.png"), 0);
    assert!(harness.query_by_label_contains("broken.png").is_none(), "no placeholder naming the file for visitors");
}

/// A picture deleted before the show starts (or before a restart after a crash): the show
/// starts anyway and loops, the slide shows without it, and the log says so once.
#[test]
fn a_picture_missing_at_start_is_left_out_and_the_show_loops() {
    let dir = tempfile::tempdir().unwrap();
    picture(dir.path(), "good.png", 200);
    let slides = "Image(title: \"Good\", path: \"good.png\", duration: 1),\nImage(title: \"Gone\", path: \"gone.png\", duration: 1),\n";
    let deck = write_deck(dir.path(), "\"en\"", "transition: None", slides);
    let source = DeckSource::File(deck.clone());
    let loaded = source.load().expect("a missing picture does not keep the show from starting");
    assert_eq!(loaded.unshowable_images, [dir.path().join("gone.png")]);
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    let deadline = Instant::now() + Duration::from_secs(30);
    while harness.state().slide_changes() < 6 {
        harness.step();
        assert!(Instant::now() < deadline, "the loop goes round past the missing picture");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(log.count("gone.png is left out of the show"), 1, "{:?}", log.lines());
    assert!(harness.query_by_label_contains("gone.png").is_none(), "no placeholder naming the file for visitors");
}

#[test]
fn a_broken_save_is_logged_and_the_show_goes_on_and_a_clean_one_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", "", &titles(2, &[], 30.0));
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    harness.run_steps(2);
    let until = |harness: &mut Harness<'_, ExhibitApp>, done: &dyn Fn(&Harness<'_, ExhibitApp>) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !done(harness) {
            assert!(Instant::now() < deadline, "the watcher reported the save: {:?}", log.lines());
            std::thread::sleep(Duration::from_millis(20));
            harness.step();
        }
    };
    std::fs::write(&deck, "(title: \"Exhibit\", slides: [Section(title: 42)])").unwrap();
    until(&mut harness, &|_| log.count("cannot be loaded") > 0);
    assert!(shows(&harness, "Slide 0"), "the running deck stays on screen");
    assert!(log.lines().iter().any(|l| l.contains("deck.ron:1:")), "the log says where: {:?}", log.lines());

    write_deck(dir.path(), "\"en\"", "", "Section(title: \"Replaced\"),\n");
    until(&mut harness, &|h| h.query_by_label("Replaced").is_some());
    assert_eq!(log.count("reloaded"), 1);
}

/// 10,000 advances of the loop on a deck of pictures, with a visitor every 500 (keys, a
/// language button, then leaving it to the idle timeout), under a texture budget smaller
/// than the deck: textures stay within the budget, layouts and log stay bounded, and the loop
/// never shows a slide whose pictures are not there yet.
#[test]
fn ten_thousand_advances_with_visitors_stay_bounded() {
    const SLIDES: usize = 6;
    const ADVANCES: u64 = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let mut slides = String::new();
    for i in 0..SLIDES {
        picture(dir.path(), &format!("p{i}.png"), (i * 40) as u8);
        slides.push_str(&format!(
            "Image(title: {{\"en\": \"Picture {i}\", \"ru\": \"Картина {i}\"}}, path: \"p{i}.png\", duration: 0.5),\n"
        ));
    }
    let exhibit = "transition: Crossfade, transition_seconds: 0.25, idle_seconds: 1, on_idle: Resume";
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", exhibit, &slides);
    let log = Log::default();
    let budget: u64 = 240 << 10; // three of the 160x120 pictures
    let mut harness = show(&deck, ExhibitOptions { image_budget_bytes: budget, ..options(&log) }, vec2(320.0, 180.0));

    let mut visitor_moves = 0;
    let mut loop_frames_missing_images = 0;
    let mut peak_bytes = 0;
    let mut peak_textures = 0;
    let mut next_visit = 500;
    let deadline = Instant::now() + Duration::from_secs(600);
    let started = harness.state().slide_changes();
    let mut steps = 0u64;
    let began = Instant::now();
    while harness.state().slide_changes() - started - visitor_moves < ADVANCES {
        let advances = harness.state().slide_changes() - started - visitor_moves;
        if advances >= next_visit {
            next_visit += 500;
            let before = harness.state().slide_changes();
            harness.key_press(Key::ArrowRight);
            harness.step();
            harness.key_press(Key::ArrowLeft);
            harness.step();
            if let Some(button) = harness.query_by_label("Русский") {
                button.click();
            }
            harness.step();
            visitor_moves += harness.state().slide_changes() - before;
            assert!(harness.state().visitor_active());
            // The idle timeout brings the loop back, in English.
            wait(&mut harness, 1.25);
            assert!(!harness.state().visitor_active() && harness.state().language() == "en");
        }
        harness.step();
        steps += 1;
        let state = harness.state();
        let stats = state.image_stats();
        peak_bytes = peak_bytes.max(stats.texture_bytes);
        peak_textures = peak_textures.max(stats.textures);
        if !state.visitor_active() && state.last_frame_images().missing > 0 && advances > 0 {
            loop_frames_missing_images += 1;
        }
        assert!(state.layouts_cached() <= 8, "laid-out slides stay few");
        if state.holding_for_images() {
            // The loop holds a slide for its pictures at most 3 s of the harness's clock
            // (timing::schedule), about 180 steps: at 2 ms a step that is a third of a real
            // second, a hundred times what a 160x120 PNG takes to decode.
            std::thread::sleep(Duration::from_millis(2));
        } else if stats.queued_uploads > 0 || state.last_frame_images().missing > 0 {
            // Decodes run on real threads; give them real time.
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(Instant::now() < deadline, "10,000 advances in time ({advances} so far)");
    }
    let stats = harness.state().image_stats();
    eprintln!(
        "soak: {steps} steps in {:.1} s, {} decodes, peak {peak_bytes} bytes in {peak_textures} textures",
        began.elapsed().as_secs_f64(),
        stats.decodes
    );
    assert!(peak_bytes <= budget, "texture memory {peak_bytes} stayed within the budget {budget}");
    assert!(peak_textures <= SLIDES, "at most one texture per picture: {peak_textures}");
    assert!(stats.decodes > SLIDES as u64, "the budget made it evict and decode again ({} decodes)", stats.decodes);
    assert_eq!(loop_frames_missing_images, 0, "the loop never showed a slide before its picture was ready");
    assert!(log.lines().len() < 5, "nothing is logged over and over: {:?}", log.lines());
}

#[test]
fn the_mouse_cursor_hides_after_two_still_seconds_and_returns_when_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", "", &titles(2, &[], 30.0));
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    let cursor = |h: &Harness<'_, ExhibitApp>| h.output().platform_output.cursor_icon;
    harness.hover_at(egui::pos2(300.0, 200.0));
    harness.run_steps(1);
    assert_ne!(cursor(&harness), egui::CursorIcon::None, "visible while it moves");
    wait(&mut harness, 2.25);
    assert_eq!(cursor(&harness), egui::CursorIcon::None, "hidden once still for 2 s");
    harness.hover_at(egui::pos2(320.0, 210.0));
    harness.run_steps(1);
    assert_ne!(cursor(&harness), egui::CursorIcon::None, "back when it moves");
}

#[test]
fn every_key_press_counts_even_several_in_one_frame() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", "", &titles(5, &[], 30.0));
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    harness.run_steps(1);
    for _ in 0..3 {
        harness.key_press(Key::ArrowRight);
    }
    harness.run_steps(1);
    assert!(shows(&harness, "Slide 3"), "three presses in one frame move three slides");
}

#[test]
fn a_deck_of_one_slide_just_stays() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write_deck(dir.path(), "\"en\", \"ru\"", "", &titles(1, &[], 2.0));
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    wait(&mut harness, 10.0);
    assert!(shows(&harness, "Slide 0"));
    assert_eq!(harness.state().slide_changes(), 0, "no transition into itself");
    let delay = harness.output().viewport_output[&ViewportId::ROOT].repaint_delay;
    assert!(delay > Duration::from_secs(3600), "and nothing to wake up for: next frame asked in {delay:?}");
}

/// The slide after the next is asked for as soon as a transition ends, so its images are
/// decoded during the dwell: a change never waits for a decode that could have run before.
#[test]
fn the_next_slides_images_are_requested_when_a_transition_ends_not_when_the_dwell_does() {
    let dir = tempfile::tempdir().unwrap();
    for (name, shade) in [("a.png", 40), ("b.png", 120), ("c.png", 200)] {
        picture(dir.path(), name, shade);
    }
    let slides = ["a", "b", "c"].map(|n| format!("Image(title: \"{n}\", path: \"{n}.png\", duration: 4),\n")).concat();
    let deck = write_deck(dir.path(), "\"en\"", "transition: Crossfade, transition_seconds: 0.5", &slides);
    let log = Log::default();
    let mut harness = show(&deck, options(&log), vec2(640.0, 360.0));
    wait(&mut harness, 3.0);
    assert_eq!(harness.state().image_stats().decodes, 2, "the first slide and the next one");
    // The crossfade to b runs from 4 s to 4.5 s; c is due at 8.5 s. In the real window no
    // frame comes between (the dwell draws nothing), so the frame that ends the crossfade
    // must ask for c.
    let mut steps = 12;
    // The first frame after the crossfade draws b alone (the crossfade drew both).
    while harness.state().slide_changes() == 0 || harness.state().last_frame_images().wanted != 1 {
        harness.step();
        steps += 1;
        assert!(steps < 40, "the crossfade ended");
    }
    assert_eq!(harness.state().image_stats().decodes, 3, "c was asked for in the crossfade's last frame");
}
