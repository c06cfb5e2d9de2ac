//! The app as a presenter uses it, driven through egui_kittest: press keys, then ask
//! AccessKit which slide's text is on screen.

use std::path::Path;

use egui::{Key, Modifiers, PointerButton, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::{AppOptions, Blank, DeckSource, LecternApp};
use lectern::deck::text::plain_text;

fn app(source: DeckSource) -> Harness<'static, LecternApp> {
    let result = source.load();
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        // Images arrive from worker threads and are uploaded within a time budget per frame,
        // so on a slow machine a screen of thumbnails takes a few more frames to complete
        // (CI once needed 7); continuous repainting still exceeds this.
        .with_max_steps(16)
        .build_eframe(move |cc| LecternApp::new(&cc.egui_ctx, source, result));
    // Settles: a static slide must stop asking for frames, or this panics.
    harness.run();
    harness
}

fn bundled() -> Harness<'static, LecternApp> {
    app(DeckSource::Bundled)
}

fn file(path: &str) -> Harness<'static, LecternApp> {
    app(DeckSource::File(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)))
}

/// Titles of the presented (not hidden) slides of a deck, in order.
/// The titles a talk presents (the lecture's slides, not hidden ones).
fn presented_titles(source: &DeckSource) -> Vec<String> {
    let deck = lectern::deck::Deck::in_room(source.load().unwrap().deck, lectern::deck::Room::Lecture);
    deck.slides
        .iter()
        .filter(|s| !s.hidden)
        .map(|s| s.content.title().map(|t| plain_text(t.default_text())).unwrap_or_default())
        .collect()
}

fn press(harness: &mut Harness<'_, LecternApp>, keys: &[Key]) {
    for key in keys {
        harness.key_press(*key);
        harness.run();
    }
}

/// Steps the harness until `label` shows (an image's fate is decided on a worker thread, so
/// it gets real time), for two seconds at most; the caller asserts that it shows.
fn wait_for_label(harness: &mut Harness<'_, LecternApp>, label: &str) {
    for _ in 0..200 {
        if shows(harness, label) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run_steps(1);
    }
}

fn shows(harness: &Harness<'_, LecternApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

#[test]
fn opens_on_the_title_slide_of_the_bundled_deck() {
    let harness = bundled();
    assert!(shows(&harness, "Kazakhstan chairs the OSCE"));
    assert!(shows(&harness, &format!("Slide 1 of {}", presented_titles(&DeckSource::Bundled).len())));
    assert_eq!(harness.state().current_slide(), Some(0));
}

#[test]
fn arrows_clicker_keys_and_home_end_move_between_slides() {
    let titles = presented_titles(&DeckSource::Bundled);
    let mut harness = bundled();
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, &titles[1]), "Right goes to {}", titles[1]);
    assert!(!shows(&harness, &titles[0]));
    press(&mut harness, &[Key::PageDown, Key::Space]);
    assert!(shows(&harness, &titles[3]), "PageDown and Space go forward");
    press(&mut harness, &[Key::PageUp]);
    assert!(shows(&harness, &titles[2]), "PageUp goes back");
    press(&mut harness, &[Key::End]);
    assert!(shows(&harness, titles.last().unwrap()), "End goes to the last presented slide");
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, titles.last().unwrap()), "Right on the last slide stays");
    press(&mut harness, &[Key::Home]);
    assert!(shows(&harness, &titles[0]));
}

#[test]
fn a_number_then_enter_jumps_to_that_slide() {
    let titles = presented_titles(&DeckSource::Bundled);
    let mut harness = bundled();
    press(&mut harness, &[Key::Num1, Key::Num2]);
    assert!(shows(&harness, "Go to slide 12"), "the typed number is shown");
    assert!(shows(&harness, &titles[0]), "typing alone does not move");
    press(&mut harness, &[Key::Enter]);
    assert!(shows(&harness, &titles[11]), "12 Enter shows {}", titles[11]);
    assert!(!shows(&harness, "Go to slide 12"));
    press(&mut harness, &[Key::Num9, Key::Num9, Key::Enter]);
    assert!(shows(&harness, &titles[11]), "a number past the end is ignored");
    press(&mut harness, &[Key::Enter]);
    assert!(shows(&harness, &titles[12]), "Enter alone goes forward");
}

#[test]
fn black_and_white_screens_blank_and_any_navigation_key_restores() {
    let titles = presented_titles(&DeckSource::Bundled);
    let mut harness = bundled();
    press(&mut harness, &[Key::ArrowRight, Key::B]);
    assert_eq!(harness.state().blank(), Some(Blank::Black));
    assert!(!shows(&harness, &titles[1]), "nothing of the slide is on screen");
    assert!(shows(&harness, "Screen blanked"));
    press(&mut harness, &[Key::ArrowRight]);
    assert_eq!(harness.state().blank(), None);
    assert!(shows(&harness, &titles[1]), "restored on the same slide, not the next");
    press(&mut harness, &[Key::W]);
    assert_eq!(harness.state().blank(), Some(Blank::White));
    press(&mut harness, &[Key::W]);
    assert_eq!(harness.state().blank(), None, "W again restores");
    press(&mut harness, &[Key::Period]);
    assert_eq!(harness.state().blank(), Some(Blank::Black), "clickers send `.` for black");
}

#[test]
fn the_window_is_cleared_to_the_backdrop_of_the_slide_it_shows() {
    use eframe::App as _;
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.ron");
    let slides = r##"(title: "Backdrops", transition: None, slides: [
        Bullets(title: "Cream", items: ["The theme's backdrop"]),
        Bullets(title: "Dark", items: ["Its own"], theme: (background: "#102030", text: "#ffffff")),
    ])"##;
    std::fs::write(&deck, slides).unwrap();
    let mut harness = file(deck.to_str().unwrap());
    let visuals = egui::Visuals::dark();
    let colour = |harness: &Harness<'_, LecternApp>| harness.state().clear_color(&visuals);
    let dark = egui::Color32::from_rgb(0x10, 0x20, 0x30).to_normalized_gamma_f32();
    let theme = DeckSource::File(deck.clone()).load().unwrap().deck.theme.background;
    assert_eq!(colour(&harness), theme.to_normalized_gamma_f32(), "after the first slide: the theme's backdrop");
    press(&mut harness, &[Key::ArrowRight]);
    assert_eq!(colour(&harness), dark, "the second slide's own");
    press(&mut harness, &[Key::B]);
    assert_eq!(colour(&harness), dark, "a blank screen paints itself and changes nothing");
}

#[test]
fn question_mark_shows_help_generated_from_the_bindings() {
    let mut harness = bundled();
    assert!(!shows(&harness, "Keyboard shortcuts"));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Questionmark);
    harness.run();
    assert!(shows(&harness, "Keyboard shortcuts"));
    for binding in lectern::app::BINDINGS {
        assert!(shows(&harness, binding.description), "help lists `{}`", binding.description);
    }
    press(&mut harness, &[Key::Escape]);
    assert!(!shows(&harness, "Keyboard shortcuts"), "Esc closes help");
}

#[test]
fn mouse_clicks_go_forward_and_back() {
    let titles = presented_titles(&DeckSource::Bundled);
    let mut harness = bundled();
    for (button, expected) in [(PointerButton::Primary, 1), (PointerButton::Secondary, 0)] {
        let pos = egui::pos2(640.0, 360.0);
        harness.hover_at(pos);
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton { pos, button, pressed, modifiers: Modifiers::NONE });
        }
        harness.run();
        assert!(shows(&harness, &titles[expected]), "{button:?} click shows {}", titles[expected]);
    }
}

#[test]
fn hidden_slides_are_skipped_and_l_switches_language() {
    let mut harness = file("slides/showcase.ron");
    assert!(shows(&harness, "Lectern showcase"));
    press(&mut harness, &[Key::L]);
    assert_eq!(harness.state().language(), Some("ru"));
    assert!(shows(&harness, "Витрина Lectern"));
    press(&mut harness, &[Key::L]);
    assert!(shows(&harness, "Lectern көрмесі"), "Kazakh, with its own letters");
    press(&mut harness, &[Key::L]);
    assert_eq!(harness.state().language(), Some("en"), "wraps to the default");
    press(&mut harness, &[Key::End, Key::ArrowLeft]);
    assert!(shows(&harness, "A general slide made of blocks"), "the hidden backup slide is skipped");
    assert!(!shows(&harness, "A hidden backup slide"));
}

#[test]
fn a_broken_deck_opens_a_window_that_explains_it() {
    let harness = file("tests/fixtures/broken/many-problems.ron");
    assert_eq!(harness.state().current_slide(), None);
    assert!(shows(&harness, "This deck cannot be shown yet"));
    let report = harness.query_by_label_contains("unknown field `titel`").expect("the diagnostics are on screen");
    let text = format!("{report:?}");
    assert!(text.contains("many-problems.ron:6:15"), "{text}");
    assert!(
        harness.query_by_label_contains("unknown slide kind `Qoute`").is_some(),
        "every problem, not just the first"
    );
}

#[test]
fn q_quits_only_outside_fullscreen_and_ctrl_q_always() {
    let mut harness = bundled();
    let closes = |harness: &mut Harness<'_, LecternApp>, modifiers: Modifiers| {
        let before = harness.state().quit_requests();
        harness.key_press_modifiers(modifiers, Key::Q);
        harness.run();
        harness.state().quit_requests() > before
    };
    assert!(closes(&mut harness, Modifiers::NONE), "Q closes a window that is not fullscreen");
    assert!(closes(&mut harness, Modifiers::COMMAND), "Ctrl+Q closes the window");
    harness.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().fullscreen = Some(true);
    assert!(!closes(&mut harness, Modifiers::NONE), "Q does nothing in fullscreen");
    assert!(closes(&mut harness, Modifiers::COMMAND), "Ctrl+Q still quits in fullscreen");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, LecternApp>, path: &str) {
    let file = Dropped(Path::new(env!("CARGO_MANIFEST_DIR")).join(path));
    harness.input_mut().dropped_files.push(std::sync::Arc::new(file));
    harness.run();
}

#[test]
fn dropping_a_deck_opens_it_and_a_broken_one_keeps_the_current_deck() {
    let mut harness = bundled();
    press(&mut harness, &[Key::ArrowRight]);
    drop_file(&mut harness, "tests/fixtures/broken/unknown-kind.ron");
    assert_eq!(harness.state().current_slide(), Some(1), "the shown deck stays, on its slide");
    assert!(harness.query_by_label_contains("has problems; the deck on screen stays up").is_some());
    assert!(harness.query_by_label_contains("unknown slide kind `Bulets`").is_some());
    drop_file(&mut harness, "slides/showcase.ron");
    assert!(shows(&harness, "Lectern showcase"), "the dropped deck opens on its first slide");
    assert!(harness.query_by_label_contains("has problems").is_none(), "and the problems are gone");
}

/// Steps the app until `done` holds; a bounded wait for the file watcher, not a tuned sleep.
fn wait_for(harness: &mut Harness<'_, LecternApp>, what: &str, done: impl Fn(&Harness<'_, LecternApp>) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(harness) {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run();
    }
}

fn deck_text(second_title: &str) -> String {
    format!(
        "Deck(title: \"Live\", slides: [\n  Section(id: \"one\", title: \"First\"),\n  Section(id: \"two\", title: \"{second_title}\"),\n  Section(title: \"Third\"),\n])\n"
    )
}

#[test]
fn saving_the_deck_updates_the_window_and_keeps_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.ron");
    std::fs::write(&path, deck_text("Second")).unwrap();
    let mut harness = app(DeckSource::File(path.clone()));
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "Second"));

    // An edit: a new slide before the current one; the presenter stays on slide "two".
    std::fs::write(&path, deck_text("Second, edited").replace("slides: [", "slides: [\n  Section(title: \"New\"),"))
        .unwrap();
    wait_for(&mut harness, "the edit", |h| shows(h, "Second, edited"));
    assert_eq!(harness.state().current_slide(), Some(2), "matched by id");

    // A broken save keeps the last good deck and lists the problem.
    std::fs::write(&path, "Deck(title: \"Live\", slides: [Section(titel: \"x\")])").unwrap();
    wait_for(&mut harness, "the diagnostics", |h| h.query_by_label_contains("unknown field `titel`").is_some());
    assert!(shows(&harness, "Second, edited"), "the last good deck stays");
    harness.get_by_label("Fold").click();
    harness.run();
    assert!(harness.query_by_label_contains("unknown field `titel`").is_none(), "folded away");
    harness.get_by_label("1 error, 0 warnings").click();
    harness.run();
    assert!(harness.query_by_label_contains("unknown field `titel`").is_some(), "the badge unfolds it");

    // Saved the way many editors do: a temporary file renamed over the deck.
    let temp = dir.path().join("live.ron.tmp");
    std::fs::write(&temp, deck_text("Fixed")).unwrap();
    std::fs::rename(&temp, &path).unwrap();
    wait_for(&mut harness, "the fixed deck", |h| shows(h, "Fixed"));
    assert!(harness.query_by_label_contains("unknown field").is_none(), "problems go away by themselves");

    // Deleted, then back.
    std::fs::remove_file(&path).unwrap();
    wait_for(&mut harness, "the missing-file notice", |h| h.query_by_label_contains("is gone").is_some());
    assert!(shows(&harness, "Fixed"), "the deck stays up while the file is away");
    std::fs::write(&path, deck_text("Returned")).unwrap();
    wait_for(&mut harness, "the returned deck", |h| shows(h, "Returned"));
}

#[test]
fn d_toggles_the_layout_debug_view() {
    let mut harness = bundled();
    assert!(!harness.state().layout_debug());
    press(&mut harness, &[Key::D]);
    assert!(harness.state().layout_debug());
    press(&mut harness, &[Key::D]);
    assert!(!harness.state().layout_debug());
}

#[test]
fn a_revealing_slide_shows_its_bullets_one_press_at_a_time() {
    let source = DeckSource::File(Path::new(env!("CARGO_MANIFEST_DIR")).join("slides/showcase.ron"));
    let number = presented_titles(&source).iter().position(|t| t == "One point at a time").unwrap() + 1;
    let mut harness = file("slides/showcase.ron");
    let digits: Vec<Key> = number.to_string().chars().map(|c| Key::from_name(&c.to_string()).unwrap()).collect();
    press(&mut harness, &digits);
    press(&mut harness, &[Key::Enter]);
    let first = "reveal: true shows the top-level bullets one step at a time";
    let last = "Going back into the slide shows it complete";
    assert!(shows(&harness, "One point at a time"));
    assert!(!shows(&harness, first), "a jump opens the slide with nothing revealed");
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, first) && !shows(&harness, "like this one"));
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "like this one"), "sub-bullets come with their parent");
    press(&mut harness, &[Key::Space]);
    assert!(shows(&harness, last));
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "An image that keeps its shape"), "the Next after the last step leaves");
    press(&mut harness, &[Key::ArrowLeft]);
    assert!(shows(&harness, last) && shows(&harness, first), "going back shows the slide complete");
}

#[test]
fn the_overview_opens_at_once_on_500_slides_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let slides: String =
        (1..=500).map(|i| format!("Bullets(title: \"Slide {i}\", items: [\"point {i}\"]),\n")).collect();
    let deck = dir.path().join("big.ron");
    std::fs::write(&deck, format!("(title: \"Big\", slides: [{slides}])")).unwrap();
    let mut harness = app(DeckSource::File(deck));
    press(&mut harness, &[Key::O]);
    assert_eq!(harness.state().overview_selection(), Some(0));
    assert!(shows(&harness, "Overview, selected: 1 · Slide 1"));
    let laid_out = harness.state().overview_laid_out();
    assert!(laid_out > 0 && laid_out <= 40, "only the rows in view are laid out: {laid_out}");
    // Down moves a row (four slides), Right one slide, End to the last.
    press(&mut harness, &[Key::ArrowDown, Key::ArrowDown, Key::ArrowRight]);
    assert_eq!(harness.state().overview_selection(), Some(9));
    press(&mut harness, &[Key::End]);
    assert!(shows(&harness, "Overview, selected: 500 · Slide 500"), "scrolled to the selection");
    assert!(harness.state().overview_laid_out() < 100, "still lazy after scrolling to the end");
    press(&mut harness, &[Key::Home, Key::ArrowDown, Key::ArrowRight, Key::ArrowRight, Key::Enter]);
    assert_eq!(harness.state().overview_selection(), None, "Enter closes the overview");
    assert!(shows(&harness, "Slide 7"), "and goes to the selected slide");
    press(&mut harness, &[Key::Tab, Key::ArrowRight, Key::Escape]);
    assert!(shows(&harness, "Slide 7"), "Esc returns without moving");
}

#[test]
fn hidden_slides_are_reachable_from_the_overview_and_marked() {
    let mut harness = file("slides/showcase.ron");
    press(&mut harness, &[Key::O, Key::End]);
    let thumbnail = harness.get_by_label_contains("hidden · A hidden backup slide");
    thumbnail.click();
    harness.run();
    assert_eq!(harness.state().overview_selection(), None, "a click picks the slide");
    assert!(shows(&harness, "A hidden backup slide"), "the hidden slide is shown");
    press(&mut harness, &[Key::ArrowLeft]);
    assert!(!shows(&harness, "A hidden backup slide"), "Previous leaves it for the slide before");
}

/// One picture of the deck is gone before the talk: the deck still presents, with a
/// placeholder naming the file where the picture would be (as when it goes missing later).
#[test]
fn a_deck_whose_picture_is_missing_at_start_presents_with_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("talk.ron");
    let slides = "Title(title: \"Start\"), Image(title: \"The map\", path: \"gone.png\"), Section(title: \"End\")";
    std::fs::write(&deck, format!("(title: \"Talk\", slides: [{slides}])")).unwrap();
    let mut harness = app(DeckSource::File(deck));
    assert!(!shows(&harness, "This deck cannot be shown yet"), "the deck is not refused");
    assert!(shows(&harness, "Slide 1 of 3"));
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "The map"));
    // The image cache tries the file on a worker thread; give it real time to fail.
    wait_for_label(&mut harness, "Image unavailable: gone.png");
    assert!(shows(&harness, "Image unavailable: gone.png"), "a placeholder names the missing file");
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "Slide 3 of 3"), "and the talk goes on");
}

/// A background picture that cannot be shown leaves the slide its colour and names the
/// file in a small corner note, never a placeholder over the title.
#[test]
fn a_missing_background_is_named_in_a_corner_note_not_over_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("talk.ron");
    let slide =
        "Title(title: \"A two-line title that needs the whole width of the slide\", background: Image(\"gone.png\"))";
    std::fs::write(&deck, format!("(title: \"Talk\", slides: [{slide}])")).unwrap();
    let mut harness = app(DeckSource::File(deck));
    wait_for_label(&mut harness, "Background unavailable: gone.png");
    assert!(shows(&harness, "Background unavailable: gone.png"), "the file is named");
    assert!(!shows(&harness, "Image unavailable: gone.png"), "no placeholder over the slide");
    assert!(shows(&harness, "A two-line title that needs the whole width of the slide"));
}

/// A picture that reads but cannot be decoded is found only when it is shown: it gets the
/// same placeholder as a missing one and counts as a problem of the deck (named once, and
/// `present` then ends with status 1), so one rule covers missing and broken pictures.
#[test]
fn an_undecodable_picture_is_a_problem_like_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let image = image::RgbImage::from_fn(160, 120, |x, y| image::Rgb([200, (x / 2) as u8, (y / 2) as u8]));
    let good = dir.path().join("good.png");
    image.save(&good).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    // The header and the start of the data: the size can be read, the picture cannot.
    std::fs::write(dir.path().join("broken.png"), &bytes[..bytes.len() / 3]).unwrap();
    let deck = dir.path().join("talk.ron");
    let slides = "Image(title: \"Broken\", path: \"broken.png\"), Image(title: \"Good\", path: \"good.png\")";
    std::fs::write(&deck, format!("(title: \"Talk\", slides: [{slides}])")).unwrap();
    let source = DeckSource::File(deck);
    assert!(source.load().unwrap().unshowable_images.is_empty(), "nothing is wrong until it is decoded");
    let mut harness = app(source);
    wait_for_label(&mut harness, "Image unavailable: broken.png");
    assert!(shows(&harness, "Image unavailable: broken.png"), "the same placeholder as a missing file");
    assert_eq!(harness.state().unshowable_images(), 1, "and it counts as a problem");
    press(&mut harness, &[Key::ArrowRight, Key::ArrowLeft]);
    assert_eq!(harness.state().unshowable_images(), 1, "counted once, however often it is shown");
}

/// A deck written to a temporary folder, presented.
fn deck_app(text: &str) -> (tempfile::TempDir, Harness<'static, LecternApp>) {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.ron");
    std::fs::write(&deck, text).unwrap();
    let harness = app(DeckSource::File(deck));
    (dir, harness)
}

#[test]
fn presenting_shows_the_lectures_slides_and_never_the_exhibits() {
    let (_dir, mut harness) = deck_app(
        r#"Deck(title: "T", slides: [
            Title(title: "Talk title", room: Lecture),
            Title(title: "Visitor title", room: Exhibit),
            Title(title: "Shared"),
        ])"#,
    );
    assert!(shows(&harness, "Talk title") && shows(&harness, "Slide 1 of 2"), "the exhibit's slide is not counted");
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert!(shows(&harness, "Shared"));
    assert!(!shows(&harness, "Visitor title"));
}

static OPENED_LINKS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

#[test]
fn a_slide_link_jumps_and_a_web_link_asks_the_system_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.ron");
    std::fs::write(
        &deck,
        r#"Deck(title: "T", slides: [
            Blocks(title: "Links", blocks: [Paragraph("Go [to the end](#end) or read [the OSCE's page](https://www.osce.org/).")]),
            Title(title: "Middle"),
            Title(title: "The end", id: "end"),
        ])"#,
    )
    .unwrap();
    let source = DeckSource::File(deck);
    let result = source.load();
    let options =
        AppOptions { open_link: |url| OPENED_LINKS.lock().unwrap().push(url.to_owned()), ..AppOptions::default() };
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .build_eframe(move |cc| LecternApp::with_options(&cc.egui_ctx, source, result, options));
    harness.run();
    harness.get_by_label("Link to https://www.osce.org/").click();
    harness.step();
    let opened = OPENED_LINKS.lock().unwrap().clone();
    assert_eq!(opened, ["https://www.osce.org/"], "the browser is asked, once");
    harness.run();
    assert!(shows(&harness, "Slide 1 of 3"), "a web link does not move the show");
    harness.get_by_label("Link to slide end").click();
    harness.run();
    assert!(shows(&harness, "Slide 3 of 3"), "the slide link jumps");
    assert_eq!(harness.state().current_slide(), Some(2));
}

#[test]
fn next_walks_a_code_blocks_highlights_before_leaving_the_slide() {
    let (_dir, mut harness) = deck_app(
        r#"Deck(title: "T", slides: [
            Code(title: "Code", language: "rust", code: "fn a() {}\nfn b() {}", highlight: ["1", "2"]),
            Title(title: "After"),
        ])"#,
    );
    assert!(shows(&harness, "fn a() {}") && shows(&harness, "fn b() {}"), "the code is read out as text");
    press(&mut harness, &[Key::ArrowRight]);
    assert_eq!(harness.state().current_slide(), Some(0), "the first Next moves the highlight");
    press(&mut harness, &[Key::ArrowRight]);
    assert!(shows(&harness, "After"), "the next leaves the slide");
}

#[test]
fn a_key_during_a_transition_ends_it_and_moves_on_at_once() {
    let (_dir, mut harness) = deck_app(
        r#"Deck(title: "T", transition: Slide, transition_seconds: 2, slides: [
            Title(title: "One"), Title(title: "Two"), Title(title: "Three", transition: None), Title(title: "Four"),
        ])"#,
    );
    harness.key_press(Key::ArrowRight);
    harness.step();
    harness.step();
    assert_eq!(harness.state().transition(), Some((0, 1)), "Next animates, the deck's way");
    assert!(shows(&harness, "Two"));
    // A second press mid-way: the first transition is over, the show is on the next slide
    // and animates on from there, not from slide one.
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert_eq!(harness.state().current_slide(), Some(2), "the press was not swallowed");
    assert_eq!(harness.state().transition(), None, "slide three comes in without a transition");
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert_eq!(harness.state().transition(), Some((2, 3)));
    // Left alone, it ends and frames stop (run() panics if frames never stop).
    for _ in 0..12 {
        harness.step();
    }
    assert_eq!(harness.state().transition(), None);
    harness.run();
}

/// What the real window does with a key before egui sees it (the harness does not call
/// `raw_input_hook`, so the test calls it as eframe does).
#[test]
fn keys_taken_before_the_frame_move_the_audience_window_and_the_console_keeps_its_own() {
    use eframe::App as _;
    let titles = presented_titles(&DeckSource::Bundled);
    let mut harness = bundled();
    let right = |viewport_id| egui::RawInput {
        viewport_id,
        events: vec![egui::Event::Key {
            key: Key::ArrowRight,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }],
        ..Default::default()
    };
    let ctx = harness.ctx.clone();
    let mut console = right(lectern::app::console::viewport_id());
    harness.state_mut().raw_input_hook(&ctx, &mut console);
    assert_eq!(console.events.len(), 1, "the console reads its keys from its own input");
    let mut audience = right(egui::ViewportId::ROOT);
    harness.state_mut().raw_input_hook(&ctx, &mut audience);
    assert!(audience.events.is_empty(), "egui gets no key event, so it draws no follow-up frame");
    harness.run();
    assert!(shows(&harness, &titles[1]), "the taken key moved to {}", titles[1]);
    assert_eq!(harness.state().current_slide(), Some(1), "applied once");
}

/// `present --lang kk` opens in Kazakh; a code the deck lacks leaves its first language
/// (the command line refuses it before a window opens).
#[test]
fn the_window_opens_in_the_language_asked_for() {
    let open_in = |code: &str| {
        let source = DeckSource::File(Path::new(env!("CARGO_MANIFEST_DIR")).join("slides/showcase.ron"));
        let result = source.load();
        let options = lectern::app::AppOptions { start_language: Some(code.to_owned()), ..Default::default() };
        let mut harness = Harness::builder()
            .with_size(vec2(1280.0, 720.0))
            .with_max_steps(16)
            .build_eframe(move |cc| LecternApp::with_options(&cc.egui_ctx, source, result, options));
        harness.run();
        harness
    };
    let kazakh = open_in("kk");
    assert_eq!(kazakh.state().language(), Some("kk"));
    assert!(shows(&kazakh, "Lectern көрмесі"));
    assert_eq!(open_in("de").state().language(), Some("en"));
}
