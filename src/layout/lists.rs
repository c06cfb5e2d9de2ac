//! Bulleted and numbered lists: markers by level (dots, or 1. / a. / i.), nested items
//! indented under their parent, and the reveal of top-level items one step at a time.

use emath::{Align, Pos2, Rect, pos2, vec2};

use super::cx::{Cx, NESTED_SCALE, Reveal, StackPlan};
use super::list::{DisplayItem, TextRole, TextRun};
use crate::deck::text::parse_markup;
use crate::deck::{Bullet, Text};

/// How a list marks its items.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Marker {
    Dots,
    Numbers,
}

/// The number of item `index` (0-based) at nesting `level`: 1. at the top, a. below it,
/// i. below that, and again from 1.
pub(super) fn item_number(index: usize, level: usize) -> String {
    let n = index + 1;
    match level % 3 {
        0 => format!("{n}."),
        1 => {
            // a … z, aa, ab … as spreadsheets count columns.
            let mut n = n;
            let mut letters = Vec::new();
            while n > 0 {
                n -= 1;
                letters.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            letters.iter().rev().collect::<String>() + "."
        }
        _ => roman(n) + ".",
    }
}

fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

impl Cx<'_> {
    /// (indent of this level's marker, room the marker takes before the text)
    pub(super) fn bullet_geometry(&self, size: f32, level: usize, marker: Marker) -> (f32, f32) {
        let room = if marker == Marker::Numbers { size * 1.7 } else { size * 1.1 };
        (level as f32 * self.theme.body_size * 1.1, room)
    }

    pub(super) fn bullet_size(size: f32, level: usize) -> f32 {
        if level == 0 { size } else { size * NESTED_SCALE }
    }

    pub(super) fn bullets_height(&self, items: &[Bullet], width: f32, size: f32, level: usize, marker: Marker) -> f32 {
        let item_size = Self::bullet_size(size, level);
        let (indent, room) = self.bullet_geometry(item_size, level, marker);
        items
            .iter()
            .map(|item| {
                let text =
                    self.height(&self.run(&item.text, item_size, self.theme.text, Align::Min), width - indent - room);
                text + item_size * 0.4 + self.bullets_height(&item.children, width, size, level + 1, marker)
            })
            .sum()
    }

    /// Places a list at `top_left`; returns the y below it.
    #[expect(clippy::too_many_arguments, reason = "one list level: where, how wide, how large, which marker")]
    pub(super) fn place_bullets(
        &mut self,
        items: &[Bullet],
        top_left: Pos2,
        width: f32,
        size: f32,
        level: usize,
        marker: Marker,
        plan: &StackPlan,
    ) -> f32 {
        let item_size = Self::bullet_size(size, level);
        let (indent, room) = self.bullet_geometry(item_size, level, marker);
        let left = top_left.x;
        let mut y = top_left.y;
        for (i, item) in items.iter().enumerate() {
            if level == 0 && self.reveal == Reveal::TopLevelBullets {
                self.step = i + 1;
            }
            let depth = TextRole::ListItem { depth: u8::try_from(level).unwrap_or(u8::MAX) };
            let run = TextRun { role: depth, ..self.run(&item.text, item_size, self.theme.text, Align::Min) };
            let text_w = width - indent - room;
            let height = self.height(&run, text_w);
            let color = if level == 0 { self.theme.accent } else { self.theme.muted };
            match marker {
                Marker::Dots => {
                    let line_h = self.height(&TextRun { spans: parse_markup("M"), ..run.clone() }, f32::INFINITY);
                    let center = pos2(left + indent + item_size * 0.3, y + line_h * 0.55);
                    let radius = item_size * if level == 0 { 0.15 } else { 0.11 };
                    self.emit(DisplayItem::Circle { center, radius, color });
                }
                Marker::Numbers => {
                    let number = Text::plain(item_number(i, level));
                    let run =
                        TextRun { role: TextRole::Decoration, ..self.bold(&number, item_size, color, Align::Max) };
                    let number_w = room - item_size * 0.35;
                    let rect = Rect::from_min_size(pos2(left + indent, y), vec2(number_w, self.height(&run, number_w)));
                    self.push_text(run, rect, plan.scale < 1.0, false);
                }
            }
            let rect = Rect::from_min_size(pos2(left + indent + room, y), vec2(text_w, height));
            self.push_text(run, rect, plan.scale < 1.0, plan.overflow);
            y += height + item_size * 0.4;
            y = self.place_bullets(&item.children, pos2(left, y), width, size, level + 1, marker, plan);
        }
        y
    }
}

#[cfg(test)]
mod tests {
    use super::item_number;

    #[test]
    fn numbers_go_1_a_i_by_level() {
        assert_eq!([0, 1, 9].map(|i| item_number(i, 0)), ["1.", "2.", "10."]);
        assert_eq!([0, 25, 26, 27].map(|i| item_number(i, 1)), ["a.", "z.", "aa.", "ab."]);
        assert_eq!([0, 3, 8, 13, 48].map(|i| item_number(i, 2)), ["i.", "iv.", "ix.", "xiv.", "xlix."]);
        assert_eq!(item_number(1, 3), "2.", "then numbers again");
    }
}
