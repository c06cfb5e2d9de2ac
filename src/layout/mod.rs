//! Slide layout: a pure function from a slide, the deck's theme, a language and a text
//! measurer to a positioned display list in slide units. Painting only draws that list, and
//! tests check it as data with a deterministic measurer.
//!
//! Text that does not fit its box shrinks (whole groups together, so a list keeps one size)
//! down to the theme's `min_size`; below that it is marked as overflowing, which `check`
//! reports and the layout debug view shows.

mod blocks;
mod code;
mod cx;
mod list;
mod lists;
mod palette;
mod slides;
mod tables;

use emath::{Pos2, Rect};

use crate::deck::{Content, Deck, Fit, Lang, Slide};
use cx::{Cx, Reveal};
pub use list::{DisplayItem, Face, FixedMeasurer, Overflow, SlideLayout, TextMeasurer, TextRole, TextRun};
pub use palette::{BODY_TEXT, LARGE_TEXT, contrast_ratio, slide_theme};

/// Lays out `slide` of `deck` in language `lang`.
pub fn layout_slide(deck: &Deck, slide: &Slide, lang: Lang, measurer: &dyn TextMeasurer) -> SlideLayout {
    let theme = slide_theme(&deck.theme, slide);
    let mut cx = Cx {
        theme: &theme,
        lang,
        measurer,
        canvas: Rect::from_min_size(Pos2::ZERO, deck.canvas),
        out: SlideLayout::default(),
        reveal: match slide.content {
            Content::Bullets { reveal: true, .. } => Reveal::TopLevelBullets,
            Content::Blocks { reveal: true, .. } => Reveal::Blocks,
            _ => Reveal::Nothing,
        },
        step: 0,
        valign: slide.valign,
        until: usize::MAX,
        word_broken: std::cell::Cell::new(false),
    };
    cx.emit(DisplayItem::Rect { rect: cx.canvas, color: theme.background, corner_radius: 0.0 });
    if let Some(crate::deck::Background::Image(path)) = &slide.background {
        cx.emit(DisplayItem::Image { rect: cx.canvas, path: path.clone(), fit: Fit::Cover, backdrop: true });
    }
    cx.content(&slide.content, deck);
    cx.out
}

#[cfg(test)]
mod tests;
