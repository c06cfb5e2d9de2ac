//! Deck loading and layout, in process: `cargo bench --bench deck`.
//!
//! Loading is parse + resolve (every check the app runs on a load; images only opened, as the
//! app does). The reference is the same data, as generic values, through `serde_json`: a
//! well-optimised parser of a simpler format, so the ratio says what RON, spans and
//! validation cost on top of plain parsing.

use std::borrow::Cow;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::bundled::BundledAssets;
use lectern::check::HeadlessMeasurer;
use lectern::deck::{AssetSource, LoadOptions, load};
use lectern::layout::layout_slide;

/// Serves one deck text from memory.
struct InMemory(String);

impl AssetSource for InMemory {
    fn read(&self, _: &Path) -> std::io::Result<Cow<'static, [u8]>> {
        Ok(Cow::Owned(self.0.clone().into_bytes()))
    }
}

/// A deck of `n` bullet slides with markup, nesting and notes, like a long lecture.
fn generated_deck(n: usize) -> String {
    let mut deck = String::from("(\n    title: \"Generated\",\n    slides: [\n");
    for i in 0..n {
        deck.push_str(&format!(
            "        Bullets(\n            title: \"Slide {i}: the **main** point\",\n            items: [\n                \"First point with *emphasis* and ==accent==\",\n                (\"Second point\", [\"a detail\", \"another detail\"]),\n                \"Third point, a little longer so that it wraps on a narrow slide\",\n            ],\n            notes: \"Say something about slide {i}.\",\n        ),\n"
        ));
    }
    deck.push_str("    ],\n)\n");
    deck
}

fn loading(c: &mut Criterion) {
    let bundled_path = Path::new(lectern::bundled::DECK_PATH);
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("load");
    group.bench_function("bundled deck (parse + resolve)", |b| {
        b.iter(|| load(black_box(bundled_path), &BundledAssets, &options).unwrap_or_else(|err| panic!("{err}")))
    });
    let generated = generated_deck(1000);
    let source = InMemory(generated.clone());
    let path = PathBuf::from("generated.ron");
    group.bench_function("1000 slides (parse + resolve)", |b| {
        b.iter(|| load(black_box(&path), &source, &options).unwrap_or_else(|err| panic!("{err}")))
    });
    let value: ron::Value = lectern::deck::ron_options().from_str(&generated).expect("RON parses");
    let json = serde_json::to_string(&value).expect("as JSON");
    group.bench_function("1000 slides, generic values through ron", |b| {
        b.iter(|| lectern::deck::ron_options().from_str::<ron::Value>(black_box(&generated)).unwrap())
    });
    group.bench_function("1000 slides, same data through serde_json", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json)).unwrap())
    });
    group.finish();
}

fn layout(c: &mut Criterion) {
    let loaded = load(Path::new(lectern::bundled::DECK_PATH), &BundledAssets, &LoadOptions::default()).unwrap();
    let deck = &loaded.deck;
    let measurer = HeadlessMeasurer::new(deck);
    let lang = lectern::deck::Lang::DEFAULT;
    // The densest slide: the one with the most text.
    let densest = deck
        .slides
        .iter()
        .max_by_key(|slide| {
            let layout = layout_slide(deck, slide, lang, &measurer);
            layout.items.len()
        })
        .expect("slides");
    let mut group = c.benchmark_group("layout");
    group.bench_function("densest slide of the bundled deck", |b| {
        b.iter(|| layout_slide(deck, black_box(densest), lang, &measurer))
    });
    group.bench_function("all slides of the bundled deck", |b| {
        b.iter(|| deck.slides.iter().map(|slide| layout_slide(deck, slide, lang, &measurer).items.len()).sum::<usize>())
    });
    group.finish();
    code_layout(c);
}

/// A code slide of 40 highlighted Rust lines with line numbers and highlight steps: loading
/// it (highlighting happens there) and laying it out, which has to fit in a frame.
fn code_layout(c: &mut Criterion) {
    let lines: String =
        (1..=40).map(|i| format!("    let value_{i}: u32 = compute({i}, \\\"label {i}\\\"); // step {i}\\n")).collect();
    let text = format!(
        "Deck(title: \"Code\", slides: [Code(title: \"Forty lines\", language: \"rust\", line_numbers: true, highlight: [\"1-10\", \"11-40\"], code: \"{lines}\")])"
    );
    let source = InMemory(text);
    let path = PathBuf::from("code.ron");
    let options = LoadOptions::default();
    let deck = load(&path, &source, &options).unwrap_or_else(|err| panic!("{err}")).deck;
    let measurer = HeadlessMeasurer::new(&deck);
    let lang = lectern::deck::Lang::DEFAULT;
    let mut group = c.benchmark_group("code");
    group.bench_function("load a 40-line Rust slide (parse, highlight)", |b| {
        b.iter(|| load(black_box(&path), &source, &options).unwrap_or_else(|err| panic!("{err}")))
    });
    group.bench_function("lay out a 40-line code slide", |b| {
        b.iter(|| layout_slide(&deck, black_box(&deck.slides[0]), lang, &measurer))
    });
    group.finish();
}

/// A deck whose one paragraph is `bytes` long, with an emphasis marker left open at its end.
fn one_paragraph_deck(bytes: usize) -> String {
    let mut words = String::with_capacity(bytes + 32);
    let mut i = 0;
    while words.len() < bytes {
        words.push_str(&format!("word{i} "));
        i += 1;
    }
    format!("Deck(title: \"Big\", slides: [Blocks(title: \"One paragraph\", blocks: [Paragraph(\"{words}**\")])])")
}

/// `lectern check` without the image decoding: load, fit every slide, render the report.
fn checking(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (name, text) in [
        ("1 MB paragraph", one_paragraph_deck(1 << 20)),
        ("10 MB paragraph", one_paragraph_deck(10 << 20)),
        ("2000 slides", generated_deck(2000)),
    ] {
        let source = InMemory(text);
        let path = PathBuf::from("big.ron");
        group.bench_function(name, |b| {
            b.iter(|| {
                let report = lectern::check::check_deck(black_box(&path), &source).expect("reads");
                report.render().len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, loading, layout, checking);
criterion_main!(benches);
