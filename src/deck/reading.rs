//! How long a slide takes to read in one language: the exhibit loop keeps a slide that sets
//! no `duration` up at least this long, so Russian and Kazakh (which run longer than
//! English) get the time their text needs.
//!
//! The estimate counts the letters a visitor reads (titles, text, captions, table cells;
//! not speaker notes or credits) at a slow standing reading pace, plus a few seconds to
//! take the slide in. Counting characters rather than words keeps it fair across
//! languages whose words differ in length.

use super::model::{Block, Bullet, Content, Image, Slide, Table};
use super::text::{Lang, Text};

/// Characters a visitor reads per second at a display (silent reading runs at 20–25;
/// standing, often in a second language, slower).
pub const CHARS_PER_SECOND: f32 = 15.0;
/// Seconds to take a slide in before reading: find the title, look at the picture.
pub const SETTLE_SECONDS: f32 = 3.0;

/// Seconds `slide` takes to read in `lang`.
pub fn reading_seconds(slide: &Slide, lang: Lang) -> f32 {
    let mut chars = 0usize;
    each_text(&slide.content, &mut |text| chars += readable_chars(text.get(lang)));
    SETTLE_SECONDS + chars as f32 / CHARS_PER_SECOND
}

/// How long the exhibit loop shows `slide` in `lang`: its own `duration` when it sets one,
/// else the deck's default or the time its text takes to read, whichever is longer.
pub fn dwell_seconds(slide: &Slide, default_duration: f32, lang: Lang) -> f32 {
    slide.duration.unwrap_or_else(|| default_duration.max(reading_seconds(slide, lang)))
}

/// Characters a reader sees: the text without its markup and surrounding space.
fn readable_chars(text: &str) -> usize {
    super::text::plain_text(text).trim().chars().count()
}

/// Calls `visit` with every text the slide shows (not its notes, not picture credits).
fn each_text<'a>(content: &'a Content, visit: &mut impl FnMut(&'a Text)) {
    let opt = |text: &'a Option<Text>, visit: &mut dyn FnMut(&'a Text)| {
        if let Some(text) = text {
            visit(text);
        }
    };
    match content {
        Content::Title { title, subtitle, byline } => {
            visit(title);
            opt(subtitle, visit);
            opt(byline, visit);
        }
        Content::Section { title, subtitle } => {
            visit(title);
            opt(subtitle, visit);
        }
        Content::Bullets { title, items, .. } => {
            visit(title);
            bullets(items, visit);
        }
        Content::Image { title, image } => {
            opt(title, visit);
            caption(image, visit);
        }
        Content::ImageText { title, image, blocks, .. } => {
            opt(title, visit);
            caption(image, visit);
            blocks.iter().for_each(|b| block(b, visit));
        }
        Content::Columns { title, columns, .. } => {
            opt(title, visit);
            columns.iter().flatten().for_each(|b| block(b, visit));
        }
        Content::Quote { text, attribution } => {
            visit(text);
            opt(attribution, visit);
        }
        Content::Statistic { title, value, label, detail } => {
            opt(title, visit);
            visit(value);
            visit(label);
            opt(detail, visit);
        }
        Content::Timeline { title, events } => {
            opt(title, visit);
            for event in events {
                visit(&event.date);
                visit(&event.text);
            }
        }
        Content::Table { title, table: t } => {
            opt(title, visit);
            table(t, visit);
        }
        Content::Code { title, .. } => opt(title, visit),
        Content::Blocks { title, blocks, .. } => {
            opt(title, visit);
            blocks.iter().for_each(|b| block(b, visit));
        }
    }
}

fn bullets<'a>(items: &'a [Bullet], visit: &mut impl FnMut(&'a Text)) {
    for item in items {
        visit(&item.text);
        bullets(&item.children, visit);
    }
}

fn caption<'a>(image: &'a Image, visit: &mut impl FnMut(&'a Text)) {
    if let Some(caption) = &image.caption {
        visit(caption);
    }
}

fn table<'a>(table: &'a Table, visit: &mut impl FnMut(&'a Text)) {
    table.header.iter().chain(table.rows.iter().flatten()).for_each(visit);
}

fn block<'a>(block: &'a Block, visit: &mut impl FnMut(&'a Text)) {
    match block {
        Block::Heading(text, _) | Block::Paragraph(text) => visit(text),
        Block::Bullets(items) | Block::Numbered(items) => bullets(items, visit),
        Block::Columns { columns, .. } => columns.iter().flatten().for_each(|b| self::block(b, visit)),
        Block::Image(image) => caption(image, visit),
        Block::Quote { text, attribution } => {
            visit(text);
            if let Some(attribution) = attribution {
                visit(attribution);
            }
        }
        Block::Table(t) => table(t, visit),
        Block::Spacer(_) | Block::Code(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Deck, DiskAssets, LoadOptions, load_text};

    fn deck(slides: &str) -> std::sync::Arc<Deck> {
        let source = format!(r#"Deck(title: "T", languages: ["en", "ru"], default_duration: 10, slides: [{slides}])"#);
        let path = std::path::Path::new("deck.ron");
        load_text(path, source, &DiskAssets, &LoadOptions::default()).expect("the deck loads").deck
    }

    #[test]
    fn a_longer_translation_stays_up_longer_and_a_short_slide_keeps_the_default() {
        let long_en = "a".repeat(300);
        let long_ru = "б".repeat(450);
        let deck = deck(&format!(
            r#"Bullets(title: "Title", items: [{{"en": "{long_en}", "ru": "{long_ru}"}}]),
               Section(title: "Short"),
               Bullets(title: "Timed", duration: 7, items: [{{"en": "{long_en}", "ru": "{long_ru}"}}])"#
        ));
        let (en, ru) = (Lang::DEFAULT, Lang::from_index(1));
        let dense = &deck.slides[0];
        // 5 title letters + 300 (or 450) item letters at 15 a second, plus 3 to settle.
        assert_eq!(dwell_seconds(dense, deck.default_duration, en), 3.0 + 305.0 / 15.0);
        assert_eq!(dwell_seconds(dense, deck.default_duration, ru), 3.0 + 455.0 / 15.0);
        assert_eq!(dwell_seconds(&deck.slides[1], deck.default_duration, ru), 10.0, "short: the default");
        assert_eq!(dwell_seconds(&deck.slides[2], deck.default_duration, ru), 7.0, "its own duration wins");
    }

    #[test]
    fn markup_and_notes_are_not_read() {
        let deck = deck(r#"Bullets(title: "T", items: ["**ab** ==cd==", "\\*e = m"], notes: "long notes here")"#);
        // "T", "ab cd", "*e = m": the escaped star and the equals sign are read.
        assert_eq!(reading_seconds(&deck.slides[0], Lang::DEFAULT), 3.0 + 12.0 / 15.0);
    }
}
