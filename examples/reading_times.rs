//! Prints how long each slide of a deck stays up in an exhibit loop, per language: its own
//! `duration`, or the deck's default or its reading time, whichever is longer.
//!   cargo run --example reading_times -- slides/chairmanship.ron
use lectern::deck::reading::{dwell_seconds, reading_seconds};
use lectern::deck::{DiskAssets, Lang, LoadOptions, load};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "slides/chairmanship.ron".into());
    let loaded = load(std::path::Path::new(&path), &DiskAssets, &LoadOptions::default()).expect("the deck loads");
    let deck = &loaded.deck;
    let langs: Vec<Lang> = (0..deck.languages.len()).map(Lang::from_index).collect();
    println!("slide  own  {}", deck.languages.iter().map(|l| format!("{l:>12}")).collect::<String>());
    let mut totals = vec![0.0; langs.len()];
    for i in deck.presented() {
        let slide = &deck.slides[i];
        let own = slide.duration.map_or("-".to_owned(), |d| format!("{d}"));
        let cells: String = langs
            .iter()
            .enumerate()
            .map(|(l, &lang)| {
                let dwell = dwell_seconds(slide, deck.default_duration, lang);
                totals[l] += dwell;
                format!("{:>6.0} ({:>3.0})", dwell, reading_seconds(slide, lang))
            })
            .collect();
        println!("{:>5} {own:>4}  {cells}  {}", i + 1, slide.id.as_deref().unwrap_or(""));
    }
    println!("total loop: {}", totals.iter().map(|t| format!("{:.0} s", t)).collect::<Vec<_>>().join(", "));
}
