//! Text as the window draws it, broken into pieces a document can hold: the rows egui's
//! layout wraps a text item into (the same shaping and line breaks as the screen), each cut
//! where the style changes, with the baseline and the left edge in slide units.

use ecolor::Color32;
use emath::{Align, Rect};

use crate::deck::text::Link;
use crate::fonts::measure::HeadlessMeasurer;
use crate::layout::{Face, TextRun};

/// A run of characters on one row in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    /// Left edge of the first glyph and the baseline, in slide units.
    pub x: f32,
    /// Left edge of each character's glyph (a piece drawn in several faces is cut there).
    pub char_x: Vec<f32>,
    pub baseline: f32,
    pub size: f32,
    pub face: Face,
    pub color: Color32,
    /// Right edge of the last glyph.
    pub end_x: f32,
    pub link: Option<Link>,
    pub strike: bool,
}

/// One wrapped row of a text item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub pieces: Vec<Piece>,
}

/// The rows of `run` drawn in `rect`, as the window lays them out.
pub fn rows(measurer: &HeadlessMeasurer, run: &TextRun, rect: Rect) -> Vec<Row> {
    let galley = measurer.galley(run, rect.width());
    let anchor_x = match run.align {
        Align::Min => rect.left(),
        Align::Center => rect.center().x,
        Align::Max => rect.right(),
    };
    // Each glyph is matched to the character it draws, walking the spans' text in order.
    // The layout leaves out line breaks; a cluster (a letter and its combining accent, a
    // ligature) is several glyphs that all name its first character, or one glyph for
    // several characters: extra glyphs are skipped, and characters passed over are kept
    // with the glyph that follows them, so no letter is lost.
    let styled: Vec<(char, usize)> =
        run.spans.iter().enumerate().flat_map(|(i, span)| span.text.chars().map(move |c| (c, i))).collect();
    let mut next = 0;
    let mut previous: Option<char> = None;
    let mut out = Vec::new();
    for placed in &galley.rows {
        let mut row = Row::default();
        for glyph in &placed.row.glyphs {
            let offset = if styled.get(next).is_some_and(|&(c, _)| c == glyph.chr) {
                0
            } else if previous == Some(glyph.chr) {
                continue;
            } else {
                // Look a little ahead only: a glyph for a character far on is a mismatch.
                let ahead = styled.iter().skip(next).take(8).position(|&(c, _)| c == glyph.chr);
                let Some(offset) = ahead else { continue };
                offset
            };
            let passed: String = styled[next..next + offset].iter().map(|&(c, _)| c).filter(|c| *c != '\n').collect();
            let span_index = styled[next + offset].1;
            next += offset + 1;
            previous = Some(glyph.chr);
            let span = &run.spans[span_index];
            let (face, color) = (run.face_of(span), run.color_of(span));
            let (link, strike) = (span.link.as_ref(), span.style.strike);
            let x = anchor_x + placed.pos.x + glyph.pos.x;
            let baseline = rect.top() + placed.pos.y + glyph.pos.y;
            // Characters passed over (combining marks) stay with the letter before them.
            if let Some(last) = row.pieces.last_mut() {
                for c in passed.chars() {
                    last.text.push(c);
                    last.char_x.push(last.char_x.last().copied().unwrap_or(x));
                }
            }
            let end_x = x + glyph.advance_width;
            match row.pieces.last_mut() {
                Some(last)
                    if last.face == face
                        && last.color == color
                        && last.baseline == baseline
                        && last.link.as_ref() == link
                        && last.strike == strike =>
                {
                    last.text.push(glyph.chr);
                    last.char_x.push(x);
                    last.end_x = end_x;
                }
                _ => row.pieces.push(Piece {
                    text: glyph.chr.into(),
                    x,
                    char_x: vec![x],
                    baseline,
                    size: run.size,
                    face,
                    color,
                    end_x,
                    link: link.cloned(),
                    strike,
                }),
            }
        }
        // The space a row wraps at is not drawn; spaces between styles are.
        if let Some(piece) = row.pieces.last_mut() {
            let kept = piece.text.trim_end().len();
            piece.text.truncate(kept);
            piece.char_x.truncate(piece.text.chars().count());
        }
        row.pieces.retain(|piece| !piece.text.is_empty());
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::text::parse_markup;
    use crate::layout::TextRole;

    fn run(markup: &str, align: Align) -> TextRun {
        TextRun {
            spans: parse_markup(markup),
            size: 40.0,
            bold: false,
            italic: false,
            mono: false,
            color: Color32::BLACK,
            accent: Color32::RED,
            align,
            truncated: false,
            role: TextRole::Paragraph,
        }
    }

    fn measurer() -> HeadlessMeasurer {
        let deck = crate::session::DeckSource::Bundled.load().expect("the bundled deck loads").deck;
        HeadlessMeasurer::new(&deck)
    }

    #[test]
    fn rows_keep_every_letter_in_order_with_the_style_of_its_span() {
        let measurer = measurer();
        let text = "Қазақстан **chairs** the ==OSCE== in *2010*, a long line that has to wrap twice at this width";
        let rows = rows(
            &measurer,
            &run(text, Align::Min),
            Rect::from_min_size(emath::pos2(100.0, 50.0), emath::vec2(500.0, 400.0)),
        );
        assert!(rows.len() >= 3, "wrapped: {rows:?}");
        let joined: Vec<String> =
            rows.iter().map(|r| r.pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("")).collect();
        let words: String = joined.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words, crate::deck::text::plain_text(text));
        let pieces: Vec<&Piece> = rows.iter().flat_map(|r| &r.pieces).collect();
        let find = |needle: &str| pieces.iter().find(|p| p.text.contains(needle)).expect(needle);
        assert_eq!(find("chairs").face, Face::Bold);
        assert_eq!(find("2010").face, Face::Italic);
        assert_eq!(find("OSCE").color, Color32::RED);
        assert_eq!(find("Қазақстан").x, 100.0, "the first row starts at the left edge");
        let baselines: Vec<f32> = rows.iter().map(|r| r.pieces[0].baseline).collect();
        assert!(baselines.windows(2).all(|w| (w[1] - w[0] - 50.0).abs() < 1.0), "rows 1.25 x 40 apart: {baselines:?}");
        assert!(baselines[0] > 50.0 && baselines[0] < 100.0, "first baseline below the top: {baselines:?}");
    }

    #[test]
    fn combining_accents_and_decomposed_letters_are_kept() {
        let measurer = measurer();
        // A Russian stress mark (U+0301) and a decomposed "й" (и + U+0306).
        let text = "За\u{301}мок и\u{306}ога, then more words after it";
        let rect = Rect::from_min_size(emath::pos2(0.0, 0.0), emath::vec2(2000.0, 100.0));
        let rows = rows(&measurer, &run(text, Align::Min), rect);
        let written: String = rows.iter().flat_map(|r| &r.pieces).map(|p| p.text.as_str()).collect();
        assert_eq!(written, text);
        let piece = &rows[0].pieces[0];
        assert_eq!(piece.char_x.len(), piece.text.chars().count(), "an edge per character");
    }

    #[test]
    fn centred_rows_sit_around_the_middle() {
        let measurer = measurer();
        let rect = Rect::from_min_size(emath::pos2(0.0, 0.0), emath::vec2(1000.0, 100.0));
        let rows = rows(&measurer, &run("Astana", Align::Center), rect);
        let piece = &rows[0].pieces[0];
        assert!(piece.x > 400.0 && piece.x < 500.0, "{piece:?}");
    }
}
