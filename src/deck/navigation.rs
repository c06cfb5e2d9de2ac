//! Where the presenter is in the deck, and how moving changes it. Hidden slides are skipped;
//! slide numbers (what the counter shows and what "type a number, Enter" means) count only
//! the slides that are presented.

use super::Deck;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    First,
    Last,
    /// 1-based slide number, as shown by the counter.
    To(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Navigator {
    /// Indices into `deck.slides` of the slides that are presented.
    shown: Vec<usize>,
    /// Index into `shown`.
    position: usize,
}

impl Navigator {
    pub fn new(deck: &Deck) -> Self {
        Self::from_hidden(deck.slides.iter().map(|s| s.hidden))
    }

    /// Builds from each slide's `hidden` flag. If every slide is hidden, all are shown,
    /// so there is always a slide to present.
    pub fn from_hidden(hidden: impl IntoIterator<Item = bool>) -> Self {
        let hidden: Vec<bool> = hidden.into_iter().collect();
        let mut shown: Vec<usize> = (0..hidden.len()).filter(|&i| !hidden[i]).collect();
        if shown.is_empty() {
            shown = (0..hidden.len()).collect();
        }
        Self { shown, position: 0 }
    }

    /// Index into `deck.slides` of the slide on screen.
    pub fn slide_index(&self) -> usize {
        self.shown.get(self.position).copied().unwrap_or(0)
    }

    /// 1-based number of the current slide among presented slides.
    pub fn number(&self) -> usize {
        self.position + 1
    }

    pub fn count(&self) -> usize {
        self.shown.len()
    }

    pub fn is_last(&self) -> bool {
        self.position + 1 >= self.shown.len()
    }

    /// Applies a move; returns whether the slide changed. Moves past either end stay put,
    /// and a number out of range is ignored.
    pub fn apply(&mut self, movement: Move) -> bool {
        let before = self.position;
        let last = self.shown.len().saturating_sub(1);
        self.position = match movement {
            Move::Next => (self.position + 1).min(last),
            Move::Previous => self.position.saturating_sub(1),
            Move::First => 0,
            Move::Last => last,
            Move::To(number) if (1..=self.shown.len()).contains(&number) => number - 1,
            Move::To(_) => self.position,
        };
        before != self.position
    }

    /// Shows the slide at `index` of the deck, or the nearest presented slide after it
    /// (before it, at the end) if that one is hidden.
    pub fn show_index(&mut self, index: usize) {
        self.position = self.shown.iter().position(|&i| i >= index).unwrap_or(self.shown.len().saturating_sub(1));
    }
}

/// Which slide to show after the deck was edited and reloaded, given the slide that was on
/// screen: the slide with the same id if it still exists; if its id is gone, the first slide
/// that changed (where the edit happened); a slide without an id keeps its position.
pub fn index_after_reload(old: &Deck, old_index: usize, new: &Deck) -> usize {
    let last = new.slides.len().saturating_sub(1);
    let Some(id) = old.slides.get(old_index).and_then(|s| s.id.as_deref()) else {
        return old_index.min(last);
    };
    if let Some(index) = new.slide_by_id(id) {
        return index;
    }
    let first_changed = old
        .slides
        .iter()
        .zip(&new.slides)
        .position(|(a, b)| !a.same_as(b))
        .unwrap_or(old.slides.len().min(new.slides.len()));
    first_changed.min(last)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// Five slides, the third hidden: presented as numbers 1..=4 = indices 0, 1, 3, 4.
    fn nav_at(index: usize) -> Navigator {
        let mut nav = Navigator::from_hidden([false, false, true, false, false]);
        nav.show_index(index);
        nav
    }

    #[test]
    fn moves_as_a_table_of_named_cases() {
        let cases: &[(&str, usize, Move, usize, bool)] = &[
            ("next from first", 0, Move::Next, 1, true),
            ("next skips a hidden slide", 1, Move::Next, 3, true),
            ("previous skips a hidden slide", 3, Move::Previous, 1, true),
            ("next on the last slide stays", 4, Move::Next, 4, false),
            ("previous on the first slide stays", 0, Move::Previous, 0, false),
            ("first", 3, Move::First, 0, true),
            ("last", 0, Move::Last, 4, true),
            ("jump counts presented slides only", 0, Move::To(3), 3, true),
            ("jump to the current slide changes nothing", 3, Move::To(3), 3, false),
            ("jump past the end is ignored", 1, Move::To(5), 1, false),
            ("jump to zero is ignored", 1, Move::To(0), 1, false),
        ];
        for &(name, from, movement, to, changed) in cases {
            let mut nav = nav_at(from);
            assert_eq!(nav.apply(movement), changed, "{name}: changed");
            assert_eq!(nav.slide_index(), to, "{name}: slide");
        }
    }

    #[test]
    fn numbers_count_presented_slides() {
        let nav = nav_at(3);
        assert_eq!((nav.number(), nav.count()), (3, 4));
        assert_eq!(nav_at(2).slide_index(), 3, "a hidden slide shows the next presented one");
        assert!(nav_at(4).is_last());
    }

    fn deck_of(ids: &[Option<&str>], titles: &[&str]) -> Deck {
        let mut text = String::from("Deck(title: \"T\", slides: [");
        for (id, title) in ids.iter().zip(titles) {
            let id = id.map_or(String::new(), |id| format!("id: \"{id}\", "));
            text.push_str(&format!("Section({id}title: \"{title}\"),"));
        }
        text.push_str("])");
        let path = std::path::Path::new("deck.ron");
        let loaded = crate::deck::resolve::load_from_str(path, text, &crate::deck::DiskAssets, &Default::default());
        Arc::try_unwrap(loaded.unwrap().deck).unwrap()
    }

    #[test]
    fn position_after_a_reload() {
        let old = deck_of(&[Some("a"), Some("b"), None, Some("d")], &["A", "B", "C", "D"]);
        let cases: &[(&str, usize, Deck, usize)] = &[
            (
                "same id, moved down",
                1,
                deck_of(&[Some("x"), Some("a"), Some("b"), None, Some("d")], &["X", "A", "B", "C", "D"]),
                2,
            ),
            (
                "id gone: first changed slide",
                1,
                deck_of(&[Some("a"), Some("b2"), None, Some("d")], &["A", "B2", "C", "D"]),
                1,
            ),
            (
                "no id: same position",
                2,
                deck_of(&[Some("a"), Some("b"), None, Some("d")], &["A", "B", "C edited", "D"]),
                2,
            ),
            ("no id, deck shrank: last slide", 2, deck_of(&[Some("a")], &["A"]), 0),
            ("id gone at the end: clamped", 3, deck_of(&[Some("a"), Some("b")], &["A", "B"]), 1),
        ];
        for (name, from, new, expected) in cases {
            assert_eq!(index_after_reload(&old, *from, new), *expected, "{name}");
        }
    }

    #[test]
    fn all_hidden_still_presents_something() {
        let nav = Navigator::from_hidden([true, true]);
        assert_eq!(nav.count(), 2);
    }
}
