//! Layout checked as data with the fixed-advance measurer: positions, shrinking, overflow.

use std::path::Path;

use ecolor::Color32;
use emath::{Rect, pos2, vec2};

use super::cx::CAPTION_SCALE;
use super::tables::TABLE_PAD;
use super::*;
use crate::deck::{self, AssetSource, LoadOptions};

/// Decks from memory: the deck text at `deck.ron`, and any path ending in `.png` reads as a
/// tiny valid PNG.
struct Memory(&'static str);

impl AssetSource for Memory {
    fn read(&self, path: &Path) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        if path.extension().is_some_and(|e| e == "png") {
            let mut bytes = Vec::new();
            image::RgbaImage::new(400, 200)
                .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
                .unwrap();
            return Ok(bytes.into());
        }
        Ok(self.0.as_bytes().into())
    }
}

fn deck(slides: &'static str) -> std::sync::Arc<Deck> {
    let text: &'static str = Box::leak(
        format!(
            r#"#![enable(implicit_some)]
Deck(title: "T", theme: (body_size: 40, title_size: 60, min_size: 20, margin: 100), slides: [{slides}])"#
        )
        .into_boxed_str(),
    );
    match deck::load(Path::new("deck.ron"), &Memory(text), &LoadOptions::default()) {
        Ok(loaded) => loaded.deck,
        Err(err) => panic!("{err}\n{}", err.report().map(|r| r.render()).unwrap_or_default()),
    }
}

fn layout_first(slides: &'static str) -> SlideLayout {
    let deck = deck(slides);
    layout_slide(&deck, &deck.slides[0], Lang::DEFAULT, &FixedMeasurer)
}

fn texts(layout: &SlideLayout) -> Vec<(Rect, f32, String, bool, bool)> {
    layout
        .items
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Text { rect, run, shrunk, overflow } => {
                Some((*rect, run.size, run.plain_text(), *shrunk, *overflow))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn bullets_sit_below_the_title_at_full_size() {
    let layout = layout_first(r#"Bullets(title: "Plan", items: ["one", ("two", ["two a"])], valign: Top)"#);
    let shown = texts(&layout);
    let texts = shown.clone();
    // Title at the margins: x = 100, y = 0.75 × 100; one line of 60 × 1.2.
    assert_eq!(
        texts[0],
        (Rect::from_min_size(pos2(100.0, 75.0), vec2(1720.0, 72.0)), 60.0, "Plan".into(), false, false)
    );
    // Body starts after the title, the accent bar and a gap: 75 + 72 + 15 + 6 + 36 = 204.
    assert_eq!(texts[1].0.min, pos2(144.0, 204.0));
    assert_eq!((texts[1].1, texts[1].2.as_str()), (40.0, "one"));
    // A nested item is indented by one level (1.1 × body) and smaller (0.85 ×).
    assert_eq!(texts[3].2, "two a");
    assert_eq!(texts[3].1, 34.0);
    assert!(texts[3].0.left() > texts[2].0.left());
    assert!(layout.overflows.is_empty());
    // By default a short list is centred in the room under the title (down to 1005).
    let centred = self::texts(&layout_first(r#"Bullets(title: "Plan", items: ["one", ("two", ["two a"])])"#));
    let (top, bottom) = (centred[1].0.top(), centred[3].0.bottom());
    assert!(((top - 204.0) - (1005.0 - bottom - 34.0 * 0.4)).abs() < 1.0, "{top} .. {bottom}");
    assert_eq!(centred[1].0.left(), 144.0, "only moved down");
}

#[test]
fn long_lists_shrink_together_before_overflowing() {
    let layout = layout_first(
        r#"Bullets(title: "Many", items: ["a long line of words that wraps around the slide more than once, twice even, and then some more words to fill", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"])"#,
    );
    let texts = texts(&layout);
    let sizes: Vec<f32> = texts[1..].iter().map(|t| t.1).collect();
    assert!(sizes.iter().all(|&s| s == sizes[0]), "one size for the whole list: {sizes:?}");
    assert!(sizes[0] < 40.0 && sizes[0] >= 20.0, "shrunk within the limits: {}", sizes[0]);
    assert!(texts[1..].iter().all(|t| t.3 && !t.4), "marked shrunk, not overflowing");
    assert!(texts.last().unwrap().0.bottom() <= 1080.0 - 75.0 + 0.5, "fits inside the margins");
    assert!(layout.overflows.is_empty());
}

#[test]
fn text_that_cannot_fit_at_the_minimum_is_reported() {
    let layout = layout_first(
        r#"Bullets(title: "Too much", items: ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x"])"#,
    );
    assert!(!layout.overflows.is_empty());
    assert!(texts(&layout)[1..].iter().all(|t| t.1 == 20.0 && t.4), "drawn at min_size, marked overflowing");
}

/// A paragraph longer than any slide can show (here a megabyte) is cut where even the
/// narrowest letters at the minimum size would have filled the canvas: it is laid out at
/// the cost of a full slide, and it overflows.
#[test]
fn text_far_beyond_what_a_slide_can_show_is_cut_and_overflows() {
    let huge: &'static str =
        Box::leak(format!("Blocks(blocks: [Paragraph(\"{}\")])", "word ".repeat(200_000)).into_boxed_str());
    let layout = layout_first(huge);
    let (_, size, text, _, overflow) = texts(&layout).pop().unwrap();
    // 1920 x 1080 at a minimum size of 20, glyphs a fifth of it wide: 25,920 characters.
    assert_eq!(text.chars().count(), 25_920);
    assert!(overflow && size == 20.0, "drawn at the minimum size and marked overflowing");
    assert_eq!(layout.overflows.len(), 1);
}

#[test]
fn image_with_known_size_is_fitted_and_captioned_right_below() {
    let layout = layout_first(r#"Image(title: "Map", path: "map.png", caption: "A caption")"#);
    let image = layout
        .items
        .iter()
        .find_map(|item| match item {
            DisplayItem::Image { rect, .. } => Some(*rect),
            _ => None,
        })
        .unwrap();
    assert!((image.width() / image.height() - 2.0).abs() < 0.01, "keeps the 400×200 aspect: {image:?}");
    let caption = texts(&layout).into_iter().find(|t| t.2 == "A caption").unwrap();
    assert_eq!(caption.0.top(), image.bottom() + 12.0);
    assert_eq!(caption.1, 40.0 * CAPTION_SCALE);
}

#[test]
fn a_background_picture_is_marked_as_the_backdrop_and_other_pictures_are_not() {
    let layout = layout_first(r#"Image(title: "Map", path: "map.png", background: Image("bg.png"))"#);
    let images: Vec<(bool, &str)> = layout
        .items
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Image { backdrop, path, .. } => Some((*backdrop, path.written.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(images, [(true, "bg.png"), (false, "map.png")], "the backdrop first, under everything");
}

#[test]
fn language_picks_text_and_falls_back() {
    let deck = {
        let text = r#"#![enable(implicit_some)]
Deck(title: "T", languages: ["en", "kk"], slides: [Section(title: {"en": "Summit", "kk": "Саммит"}, subtitle: {"en": "only English"})])"#;
        deck::load(Path::new("deck.ron"), &Memory(text), &LoadOptions::default()).unwrap().deck
    };
    let kk = layout_slide(&deck, &deck.slides[0], deck.lang("kk").unwrap(), &FixedMeasurer);
    assert_eq!(kk.texts(), vec!["Саммит", "only English"]);
}

#[test]
fn timeline_spaces_events_evenly() {
    let layout =
        layout_first(r#"Timeline(title: "T", events: [(date: "1975", text: "a"), (date: "1992", text: "b")])"#);
    let circles: Vec<f32> = layout
        .items
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Circle { center, .. } => Some(center.x),
            _ => None,
        })
        .collect();
    // Body is 1720 wide from x = 100: two columns of 860, centres at 530 and 1390.
    assert_eq!(circles, vec![530.0, 1390.0]);
}

#[test]
fn canvas_follows_the_aspect_ratio() {
    let text = r#"Deck(title: "T", aspect: "4:3", slides: [Quote(text: "q")])"#;
    let deck = deck::load(Path::new("deck.ron"), &Memory(text), &LoadOptions::default()).unwrap().deck;
    assert_eq!(deck.canvas, vec2(1440.0, 1080.0));
    let layout = layout_slide(&deck, &deck.slides[0], Lang::DEFAULT, &FixedMeasurer);
    assert_eq!(
        layout.items[0],
        DisplayItem::Rect {
            rect: Rect::from_min_size(Pos2::ZERO, deck.canvas),
            color: deck.theme.background,
            corner_radius: 0.0
        }
    );
}

#[test]
fn table_columns_follow_their_content() {
    let layout = layout_first(
        r#"Table(title: "T", header: ["Seat", "What it does"], rows: [["Vienna", "a rather long description of the work of the institution that will need to wrap over more than a single line of the table"]])"#,
    );
    let texts = texts(&layout);
    let seat = texts.iter().find(|t| t.2 == "Vienna").unwrap().0;
    let long = texts.iter().find(|t| t.2.starts_with("a rather")).unwrap().0;
    assert!(seat.width() < long.width() / 2.0, "the short column is narrow: {seat:?} vs {long:?}");
    assert_eq!(seat.left(), 100.0 + TABLE_PAD);
    assert_eq!(long.right() + TABLE_PAD, 1820.0, "columns fill the width exactly");
}

#[test]
fn a_table_column_is_never_narrower_than_its_widest_word_while_the_table_could_hold_it() {
    // Two columns of long sentences want almost all the width; the middle one holds one long
    // word. Shared by need alone, it would get less than the word at every size, so the
    // table would shrink to the minimum and still be reported as not fitting.
    let sentence = "words that wrap over many lines of this table cell ".repeat(3);
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let layout = layout_first(Box::leak(
        format!(r#"Table(title: "T", header: ["A", "B", "C"], rows: [["{sentence}", "{word}", "{sentence}"]])"#)
            .into_boxed_str(),
    ));
    assert!(layout.overflows.is_empty(), "{:?}", layout.overflows);
    let (rect, size) = texts(&layout).into_iter().find(|t| t.2 == word).map(|t| (t.0, t.1)).unwrap();
    assert!(word.len() as f32 * 0.5 * size <= rect.width() + 0.5, "the word fits its column: {rect:?} at {size}");
}

/// The plain text shown once `step` steps are revealed.
fn shown_texts(layout: &SlideLayout, step: Option<usize>) -> Vec<String> {
    layout
        .visible(step)
        .filter_map(|item| match item {
            DisplayItem::Text { run, .. } => Some(run.plain_text()),
            _ => None,
        })
        .collect()
}

#[test]
fn revealed_bullets_appear_one_top_level_item_per_step_in_their_final_place() {
    let layout = layout_first(r#"Bullets(title: "T", reveal: true, items: ["a", ("b", ["b1"]), "c"])"#);
    assert_eq!(shown_texts(&layout, Some(0)), ["T"]);
    assert_eq!(shown_texts(&layout, Some(1)), ["T", "a"]);
    assert_eq!(shown_texts(&layout, Some(2)), ["T", "a", "b", "b1"], "children come with their parent");
    assert_eq!(shown_texts(&layout, Some(3)), ["T", "a", "b", "b1", "c"]);
    assert_eq!(shown_texts(&layout, None), shown_texts(&layout, Some(3)), "complete");
    // Positions do not depend on the step: the whole list is laid out once.
    let plain = layout_first(r#"Bullets(title: "T", items: ["a", ("b", ["b1"]), "c"])"#);
    assert_eq!(texts(&layout), texts(&plain));
    assert_eq!(deck(r#"Bullets(title: "T", reveal: true, items: ["a", "b"])"#).slides[0].reveal_steps(), 2);
    assert_eq!(plain.steps.iter().max(), Some(&0), "without reveal everything shows at once");
}

#[test]
fn revealed_blocks_appear_one_block_per_step() {
    let layout = layout_first(
        r#"Blocks(title: "T", reveal: true, blocks: [Heading("h"), Bullets(["x", "y"]), Paragraph("p")])"#,
    );
    assert_eq!(shown_texts(&layout, Some(1)), ["T", "h"]);
    assert_eq!(shown_texts(&layout, Some(2)), ["T", "h", "x", "y"], "a list inside a block is one step");
    assert_eq!(shown_texts(&layout, Some(3)), ["T", "h", "x", "y", "p"]);
}

#[test]
fn text_items_say_what_they_are_for_a_tagged_export() {
    let roles = |slides: &'static str| -> Vec<(String, TextRole)> {
        layout_first(slides)
            .items
            .into_iter()
            .filter_map(|item| match item {
                DisplayItem::Text { run, .. } => Some((run.plain_text(), run.role)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        roles(r#"Bullets(title: "T", items: [("a", ["b"])])"#),
        [
            ("T".into(), TextRole::Title),
            ("a".into(), TextRole::ListItem { depth: 0 }),
            ("b".into(), TextRole::ListItem { depth: 1 })
        ]
    );
    assert_eq!(
        roles(r#"Table(header: ["H"], rows: [["c"]])"#),
        [
            ("H".into(), TextRole::Cell { header: true, row: 0, column: 0 }),
            ("c".into(), TextRole::Cell { header: false, row: 1, column: 0 })
        ]
    );
    let quote = roles(r#"Quote(text: "q", attribution: "a")"#);
    assert_eq!(
        quote.iter().map(|(_, role)| *role).collect::<Vec<_>>(),
        [TextRole::Decoration, TextRole::Quote, TextRole::Attribution]
    );
    let image = roles(r#"Image(path: "p.png", caption: "c", credit: "by")"#);
    assert_eq!(image, [("c".into(), TextRole::Caption), ("by".into(), TextRole::Credit)]);
}

#[test]
fn a_word_too_wide_for_its_column_shrinks_the_text_instead_of_being_cut() {
    // Six timeline columns about 255 units wide for text; "Қауымдастықтарының" is 17
    // letters, 8.5 sizes wide with the fixed measurer: at the timeline's 32 it would be cut.
    let word = "Қауымдастықтарының";
    let layout = layout_first(Box::leak(
        format!(
            r#"Timeline(events: [(date: "1", text: "a {word}"), (date: "2", text: "b"), (date: "3", text: "c"),
                (date: "4", text: "d"), (date: "5", text: "e"), (date: "6", text: "f")])"#
        )
        .into_boxed_str(),
    ));
    let (rect, run, overflow) = layout
        .items
        .iter()
        .find_map(|item| match item {
            DisplayItem::Text { rect, run, overflow, .. } if run.plain_text().contains(word) => {
                Some((rect, run, overflow))
            }
            _ => None,
        })
        .expect("the event text");
    let word_width = 17.0 * 0.5 * run.size;
    assert!(run.size < 32.0, "shrunk from 32: {}", run.size);
    assert!(word_width <= rect.width() + 0.5, "the word fits its column: {word_width} in {}", rect.width());
    assert!(!overflow, "it fits above the minimum size");
}

/// The code lines that show highlighted (with a band behind them) at `step`, by line top.
fn banded_lines(layout: &SlideLayout, step: Option<usize>) -> Vec<String> {
    let visible: Vec<&DisplayItem> = layout.visible(step).collect();
    let bands: Vec<Rect> = visible
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Rect { rect, color, .. } if *color != Color32::TRANSPARENT && rect.height() < 100.0 => {
                Some(*rect)
            }
            _ => None,
        })
        .collect();
    visible
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Text { rect, run, .. } if run.role == TextRole::Code => Some((rect, run.plain_text())),
            _ => None,
        })
        .filter(|(rect, _)| bands.iter().filter(|b| (b.top() - rect.top()).abs() < 0.5).count() == 1)
        .map(|(_, text)| text)
        .collect()
}

#[test]
fn code_highlights_walk_their_steps_and_the_complete_slide_shows_the_last() {
    let layout = layout_first(r#"Code(code: "a\nb\nc", highlight: ["1", "2-3"], language: "rust")"#);
    // A band behind the highlighted lines and a veil over the others: each line has one rect.
    assert_eq!(banded_lines(&layout, Some(0)).len(), 3);
    let band_tops = |step| -> Vec<f32> {
        layout
            .visible(step)
            .filter_map(|item| match item {
                DisplayItem::Rect { rect, color, .. } if rect.height() < 100.0 && color.a() < 255 => Some(rect.top()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(band_tops(Some(0)).len(), 3, "one band and two veils at step 0");
    assert_eq!(band_tops(Some(1)).len(), 3, "the first step's are gone at step 1");
    assert_eq!(band_tops(None), band_tops(Some(1)), "complete is the last step");
    assert_ne!(band_tops(Some(0)), band_tops(Some(1)));
    let code = shown_texts(&layout, Some(0));
    assert_eq!(code, ["a", "b", "c"], "the code itself shows at every step");
}

#[test]
fn long_code_shrinks_and_never_wraps() {
    let long_line = "x".repeat(150);
    let text: &'static str = Box::leak(format!(r#"Code(code: "{long_line}\nshort")"#).into_boxed_str());
    let layout = layout_first(text);
    let lines: Vec<_> = texts(&layout);
    let (rect, size, _, shrunk, _) = &lines[0];
    assert!(*shrunk && *size < 32.0, "shrunk from 40 × 0.8: {size}");
    assert!(rect.height() <= size * 1.2 + 0.01, "one line, not wrapped: {rect:?}");
    assert!(rect.right() <= 1820.0 + 0.5, "inside the margins: {rect:?}");
    let forty: String = (1..=40).map(|i| format!("line {i}\\n")).collect();
    let text: &'static str =
        Box::leak(format!(r#"Code(title: "Forty", code: "{forty}", line_numbers: true)"#).into_boxed_str());
    let layout = layout_first(text);
    assert!(layout.overflows.is_empty(), "40 lines fit on a slide: {:?}", layout.overflows);
    assert_eq!(layout.texts().iter().filter(|t| t.starts_with("line")).count(), 40);
}

fn images(layout: &SlideLayout) -> Vec<Rect> {
    layout
        .items
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Image { rect, backdrop: false, .. } => Some(*rect),
            _ => None,
        })
        .collect()
}

#[test]
fn an_image_takes_the_size_and_place_it_is_given() {
    // The test PNG is 400 × 200. The body box runs from x 100 to 1820 (1720 wide).
    let small = images(&layout_first(r#"Blocks(blocks: [Image(path: "a.png", width: 200, align: Left)])"#))[0];
    assert_eq!((small.left(), small.width(), small.height()), (100.0, 200.0, 100.0), "{small:?}");
    let right = images(&layout_first(r#"Blocks(blocks: [Image(path: "a.png", width: "25%", align: Right)])"#))[0];
    assert_eq!((right.right(), right.width()), (1820.0, 430.0), "a quarter of the box, at its right edge");
    let tall = images(&layout_first(r#"Blocks(blocks: [Image(path: "a.png", height: 150)])"#))[0];
    assert_eq!((tall.height(), tall.center().x), (150.0, 960.0), "centred by default");
    // A sized image is not stretched to the room that is left: text after it follows it.
    let layout =
        layout_first(r#"Blocks(blocks: [Image(path: "a.png", height: 100), Paragraph("after")], valign: Top)"#);
    let after = texts(&layout).into_iter().find(|t| t.2 == "after").unwrap().0;
    assert!(after.top() < images(&layout)[0].bottom() + 60.0, "{after:?}");
}

#[test]
fn a_caption_under_a_narrow_image_is_centred_under_it_not_wider_to_one_side() {
    let layout = layout_first(r#"Blocks(blocks: [Image(path: "a.png", width: 200, caption: "A caption")])"#);
    let picture = images(&layout)[0];
    let caption = texts(&layout).into_iter().find(|t| t.2 == "A caption").unwrap();
    assert!((caption.0.center().x - picture.center().x).abs() < 0.5, "{:?} under {picture:?}", caption.0);
    assert!(caption.0.width() <= 480.0 + 0.5);
}

#[test]
fn columns_take_their_shares_and_a_full_width_block_can_follow() {
    let layout = layout_first(
        r#"Blocks(blocks: [Columns(columns: [[Paragraph("wide")], [Paragraph("narrow")]], widths: [2, 1]), Paragraph("under both")], valign: Top)"#,
    );
    let texts = texts(&layout);
    let find = |s: &str| texts.iter().find(|t| t.2 == s).unwrap().0;
    let (wide, narrow, under) = (find("wide"), find("narrow"), find("under both"));
    assert!((wide.width() - 2.0 * narrow.width()).abs() < 0.5, "{wide:?} {narrow:?}");
    assert_eq!(narrow.right(), 1820.0);
    assert_eq!((under.left(), under.width()), (100.0, 1720.0), "full width after the columns");
    assert!(under.top() > wide.bottom());
    let slide =
        layout_first(r#"Columns(columns: [[Paragraph("a")], [Paragraph("b")], [Paragraph("c")]], widths: [1, 1, 2])"#);
    let c = self::texts(&slide).into_iter().find(|t| t.2 == "c").unwrap().0;
    assert_eq!(c.right(), 1820.0);
}

#[test]
fn numbered_lists_count_1_a_i_and_headings_have_levels() {
    let layout = layout_first(
        r#"Blocks(blocks: [Heading("One"), Heading(text: "Two", level: 2), Heading(text: "Three", level: 3), Numbered(["x", ("y", ["y1", ("y2", ["deep"])])])])"#,
    );
    let shown = layout.texts();
    for marker in ["1.", "2.", "a.", "b.", "i."] {
        assert!(shown.iter().any(|t| t == marker), "{marker} in {shown:?}");
    }
    let size = |s: &str| texts(&layout).into_iter().find(|t| t.2 == s).unwrap().1;
    assert!(size("One") > size("Two") && size("Two") > size("Three"));
    let deck = deck(r#"Bullets(title: "T", items: ["a", "b"], numbered: true)"#);
    let bullets = layout_slide(&deck, &deck.slides[0], Lang::DEFAULT, &FixedMeasurer);
    assert!(bullets.texts().contains(&"2.".to_owned()));
}

#[test]
fn a_columns_block_can_centre_a_short_column_against_a_tall_one() {
    let slide = |valign: &str| -> &'static str {
        Box::leak(
            format!(
                r#"Blocks(blocks: [Columns(columns: [[Paragraph("short")], [Bullets(["a", "b", "c", "d", "e"])]]{valign})], valign: Top)"#
            )
            .into_boxed_str(),
        )
    };
    let top = |layout: &SlideLayout, text: &str| texts(layout).into_iter().find(|t| t.2 == text).unwrap().0;
    let at_top = layout_first(slide(""));
    assert_eq!(top(&at_top, "short").top(), top(&at_top, "a").top(), "by default both start at the row's top");
    let centred = layout_first(slide(", valign: Center"));
    let (short, first, last) = (top(&centred, "short"), top(&centred, "a"), top(&centred, "e"));
    assert!(
        (short.center().y - (first.top() + last.bottom()) / 2.0).abs() < 20.0,
        "{short:?} beside {first:?}..{last:?}"
    );
}

#[test]
fn a_columns_block_in_a_revealed_stack_is_one_step_and_centring_keeps_sizes() {
    let layout = layout_first(
        r#"Blocks(reveal: true, blocks: [Paragraph("first"), Columns(columns: [[Paragraph("a"), Paragraph("b")], [Paragraph("c")]]), Paragraph("last")])"#,
    );
    assert_eq!(shown_texts(&layout, Some(1)), ["first"]);
    assert_eq!(shown_texts(&layout, Some(2)), ["first", "a", "b", "c"], "the whole row is the second step");
    assert_eq!(shown_texts(&layout, Some(3)), ["first", "a", "b", "c", "last"]);
    // A picture half the box high is half the box high, centred or not.
    let heights: Vec<f32> = ["Top", "Center"]
        .into_iter()
        .map(|valign| {
            let text: &'static str = Box::leak(
                format!(r#"Blocks(title: "T", blocks: [Image(path: "a.png", height: "50%")], valign: {valign})"#)
                    .into_boxed_str(),
            );
            images(&layout_first(text))[0].height()
        })
        .collect();
    assert_eq!(heights[0], heights[1], "{heights:?}");
}
