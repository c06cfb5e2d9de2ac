//! The image pipeline in the running app (egui_kittest): walking a deck of many photographs
//! keeps texture memory under the budget, and a budget that fits the deck never decodes an
//! image twice. Counts, not times.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Key, vec2};
use egui_kittest::Harness;
use lectern::app::{AppOptions, DeckSource, LecternApp};

const SLIDES: u32 = 12;

/// A deck of `SLIDES` image slides, each a different 1600x1200 picture (a PNG named .jpg
/// among them: the content decides the format).
fn photo_deck(dir: &Path) -> std::path::PathBuf {
    let mut slides = String::new();
    for i in 0..SLIDES {
        let picture = image::RgbImage::from_fn(1600, 1200, |x, y| {
            image::Rgb([(x / 7 + i * 20) as u8, (y / 5) as u8, (i * 19) as u8])
        });
        let name = if i == 3 { "mislabelled.jpg".to_owned() } else { format!("photo-{i}.png") };
        picture.save_with_format(dir.join(&name), image::ImageFormat::Png).unwrap();
        slides.push_str(&format!("Image(title: \"Photo {i}\", path: \"{name}\"),\n"));
    }
    let deck = dir.join("deck.ron");
    std::fs::write(&deck, format!("(title: \"Photos\", slides: [\n{slides}])")).unwrap();
    deck
}

fn app(deck: &Path, budget_bytes: u64) -> Harness<'static, LecternApp> {
    let source = DeckSource::File(deck.to_owned());
    let result = source.load();
    assert!(result.is_ok(), "the deck loads cleanly");
    let options = AppOptions { image_budget_bytes: budget_bytes, ..AppOptions::default() };
    Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .build_eframe(move |cc| LecternApp::with_options(&cc.egui_ctx, source, result, options))
}

/// Steps until the slide on screen has every image drawn, fully faded in.
fn wait_until_complete(harness: &mut Harness<'_, LecternApp>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        harness.step();
        let frame = harness.state().last_frame_images();
        if frame.wanted > 0 && frame.missing == 0 && frame.fading == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "images arrived: {frame:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Walks forward through the deck and back again, returning the largest texture memory seen
/// once each slide was complete.
fn walk(harness: &mut Harness<'_, LecternApp>) -> u64 {
    let mut peak = 0;
    wait_until_complete(harness);
    for key in std::iter::repeat_n(Key::ArrowRight, SLIDES as usize - 1)
        .chain(std::iter::repeat_n(Key::ArrowLeft, SLIDES as usize - 1))
    {
        harness.key_press(key);
        wait_until_complete(harness);
        // One more frame: what arrived during the last one is only protected for that frame.
        harness.step();
        peak = peak.max(harness.state().image_stats().texture_bytes);
    }
    assert_eq!(harness.state().current_slide(), Some(0), "walked back to the start");
    peak
}

#[test]
fn a_small_budget_bounds_texture_memory_and_evicts_the_oldest() {
    let dir = tempfile::tempdir().unwrap();
    let deck = photo_deck(dir.path());
    // About three of these slides' textures (each is roughly 1 MiB to 4 MiB on screen here).
    let budget = 8 << 20;
    let mut harness = app(&deck, budget);
    let peak = walk(&mut harness);
    let stats = harness.state().image_stats();
    eprintln!("peak {peak} of {budget}: {stats:?}");
    assert!(peak <= budget, "peak texture memory {peak} within the budget {budget}");
    assert!(stats.textures < SLIDES as usize / 2, "evicted: {stats:?}");
    // Walking back needed the early images again after they were evicted.
    assert!(stats.decodes > u64::from(SLIDES), "re-decoded what was evicted: {stats:?}");
}

#[test]
fn a_budget_that_fits_the_deck_decodes_each_image_once() {
    let dir = tempfile::tempdir().unwrap();
    let deck = photo_deck(dir.path());
    let mut harness = app(&deck, 1 << 30);
    walk(&mut harness);
    let stats = harness.state().image_stats();
    assert_eq!(stats.textures, SLIDES as usize, "{stats:?}");
    assert_eq!(stats.decodes, u64::from(SLIDES), "each image decoded once, prefetched or shown: {stats:?}");
}
