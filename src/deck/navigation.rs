//! Where the presenter is in the deck, and how moving changes it. Hidden slides are skipped;
//! slide numbers (what the counter shows and what "type a number, Enter" means) count only
//! the slides that are presented. A slide that reveals its bullets or blocks one at a time
//! has steps: Next and Previous walk through them before leaving the slide, and going back
//! into a slide shows it complete, as in PowerPoint and pdfpc.

use super::model::Deck;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    First,
    Last,
    /// 1-based slide number, as shown by the counter.
    To(usize),
    /// The next or previous slide, skipping any steps left (prefetching looks ahead so).
    NextSlide,
    PreviousSlide,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Navigator {
    /// Indices into `deck.slides` of the slides that are presented.
    shown: Vec<usize>,
    /// Index into `shown`.
    position: usize,
    /// Reveal steps of each deck slide (0: the slide shows at once).
    steps: Vec<usize>,
    /// Steps revealed on the current slide, `0..=steps`.
    step: usize,
    /// A hidden slide visited from the overview (a backup slide), shown instead of the
    /// slide at `position` until the next move.
    detour: Option<usize>,
}

impl Navigator {
    pub fn new(deck: &Deck) -> Self {
        let mut nav = Self::from_hidden(deck.slides.iter().map(|s| s.hidden));
        nav.steps = deck.slides.iter().map(|s| s.reveal_steps()).collect();
        nav
    }

    /// Builds from each slide's `hidden` flag. If every slide is hidden, all are shown,
    /// so there is always a slide to present.
    pub fn from_hidden(hidden: impl IntoIterator<Item = bool>) -> Self {
        let hidden: Vec<bool> = hidden.into_iter().collect();
        let shown = super::model::presented(hidden.iter().copied());
        Self { steps: vec![0; hidden.len()], shown, position: 0, step: 0, detour: None }
    }

    /// Gives slides reveal steps (by deck index), for tests without a deck.
    pub fn with_steps(mut self, steps: impl IntoIterator<Item = usize>) -> Self {
        self.steps = steps.into_iter().collect();
        self
    }

    /// Steps revealed on the current slide; equal to [`Self::steps`] when it is complete.
    pub fn step(&self) -> usize {
        self.step
    }

    /// How many reveal steps the current slide has.
    pub fn steps(&self) -> usize {
        self.steps_of(self.slide_index())
    }

    fn steps_of(&self, index: usize) -> usize {
        self.steps.get(index).copied().unwrap_or(0)
    }

    /// Index into `deck.slides` of the slide on screen.
    pub fn slide_index(&self) -> usize {
        self.detour.unwrap_or_else(|| self.shown.get(self.position).copied().unwrap_or(0))
    }

    /// Shows the slide at deck `index`, hidden or not, complete (the overview's jump). From a
    /// hidden slide, Next and Previous go on to the presented slides after and before it.
    pub fn visit(&mut self, index: usize) {
        match self.shown.iter().position(|&i| i == index) {
            Some(position) => self.enter(position, false),
            None if index < self.steps.len() => {
                // The counter keeps the number of the presented slide before it.
                self.position = self.shown.iter().rposition(|&i| i < index).unwrap_or(0);
                self.detour = Some(index);
                self.step = self.steps_of(index);
            }
            None => {}
        }
    }

    pub fn is_detour(&self) -> bool {
        self.detour.is_some()
    }

    /// 1-based number of the current slide among presented slides.
    pub fn number(&self) -> usize {
        self.position + 1
    }

    pub fn count(&self) -> usize {
        self.shown.len()
    }

    /// The number the counter shows on deck slide `index`; `None` for a hidden slide.
    pub fn number_of(&self, index: usize) -> Option<usize> {
        self.shown.iter().position(|&i| i == index).map(|p| p + 1)
    }

    pub fn is_last(&self) -> bool {
        self.position + 1 >= self.shown.len()
    }

    /// Applies a move; returns whether the slide or its step changed. Moves past either end
    /// stay put, and a number out of range is ignored. A slide entered going forward (or by
    /// a jump) starts with nothing revealed; one entered going back is complete.
    pub fn apply(&mut self, movement: Move) -> bool {
        if let Some(index) = self.detour.take() {
            // Leaving a hidden slide: to the presented slides around it.
            match movement {
                Move::Next | Move::NextSlide => {
                    if let Some(position) = self.shown.iter().position(|&i| i > index) {
                        self.enter(position, false);
                    } else {
                        self.detour = Some(index);
                        return false;
                    }
                }
                Move::Previous | Move::PreviousSlide => {
                    if let Some(position) = self.shown.iter().rposition(|&i| i < index) {
                        self.enter(position, true);
                    } else {
                        self.detour = Some(index);
                        return false;
                    }
                }
                other => {
                    self.enter(self.position, false);
                    self.apply(other);
                }
            }
            return true;
        }
        let before = (self.position, self.step);
        let last = self.shown.len().saturating_sub(1);
        match movement {
            Move::Next if self.step < self.steps() => self.step += 1,
            Move::Previous if self.step > 0 => self.step -= 1,
            Move::Next | Move::NextSlide if self.position < last => self.enter(self.position + 1, false),
            Move::Previous | Move::PreviousSlide if self.position > 0 => self.enter(self.position - 1, true),
            Move::First => self.enter(0, false),
            Move::Last => self.enter(last, false),
            Move::To(number) if (1..=self.shown.len()).contains(&number) && number - 1 != self.position => {
                self.enter(number - 1, false)
            }
            _ => {}
        }
        before != (self.position, self.step)
    }

    fn enter(&mut self, position: usize, complete: bool) {
        self.detour = None;
        self.position = position;
        self.step = if complete { self.steps() } else { 0 };
    }

    /// Shows the slide at `index` of the deck, or the nearest presented slide after it
    /// (before it, at the end) if that one is hidden.
    pub fn show_index(&mut self, index: usize) {
        let position = self.shown.iter().position(|&i| i >= index).unwrap_or(self.shown.len().saturating_sub(1));
        self.enter(position, false);
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

    /// Slide 0 plain, slide 1 with three steps, slide 2 hidden, slide 3 with two steps.
    fn stepped_at(index: usize, step: usize) -> Navigator {
        let mut nav = Navigator::from_hidden([false, false, true, false]).with_steps([0, 3, 0, 2]);
        nav.show_index(index);
        for _ in 0..step {
            nav.apply(Move::Next);
        }
        nav
    }

    #[test]
    fn steps_as_a_table_of_named_cases() {
        // (name, from slide, from step, move, to slide, to step, changed)
        let cases: &[(&str, usize, usize, Move, usize, usize, bool)] = &[
            ("next into a stepped slide shows nothing revealed", 0, 0, Move::Next, 1, 0, true),
            ("next reveals one step", 1, 0, Move::Next, 1, 1, true),
            ("next after the last step leaves, skipping the hidden slide", 1, 3, Move::Next, 3, 0, true),
            ("previous hides one step", 1, 2, Move::Previous, 1, 1, true),
            ("previous from step 0 goes back", 1, 0, Move::Previous, 0, 0, true),
            ("going back into a stepped slide shows it complete", 3, 0, Move::Previous, 1, 3, true),
            ("next slide skips the remaining steps", 1, 1, Move::NextSlide, 3, 0, true),
            ("previous slide goes back complete", 3, 1, Move::PreviousSlide, 1, 3, true),
            ("a jump starts the slide from the beginning", 0, 0, Move::To(3), 3, 0, true),
            ("jumping to the current slide keeps its steps", 3, 1, Move::To(3), 3, 1, false),
            ("first resets the steps", 3, 2, Move::First, 0, 0, true),
            ("last opens the last slide with nothing revealed", 0, 0, Move::Last, 3, 0, true),
            ("next on the last step of the last slide stays", 3, 2, Move::Next, 3, 2, false),
            ("previous on the first slide stays", 0, 0, Move::Previous, 0, 0, false),
        ];
        for &(name, from, from_step, movement, to, to_step, changed) in cases {
            let mut nav = stepped_at(from, from_step);
            assert_eq!(nav.step(), from_step, "{name}: set up");
            assert_eq!(nav.apply(movement), changed, "{name}: changed");
            assert_eq!((nav.slide_index(), nav.step()), (to, to_step), "{name}: slide and step");
        }
    }

    #[test]
    fn a_hidden_slide_visited_from_the_overview_leaves_to_its_neighbours() {
        // Slide 2 is hidden (a backup slide).
        let mut nav = stepped_at(0, 0);
        nav.visit(2);
        assert_eq!((nav.slide_index(), nav.is_detour(), nav.number()), (2, true, 2), "shown, counted after slide 2");
        let mut forward = nav.clone();
        assert!(forward.apply(Move::Next));
        assert_eq!((forward.slide_index(), forward.step(), forward.is_detour()), (3, 0, false));
        let mut back = nav.clone();
        assert!(back.apply(Move::Previous));
        assert_eq!((back.slide_index(), back.step()), (1, 3), "back into a stepped slide, complete");
        let mut home = nav.clone();
        assert!(home.apply(Move::First));
        assert_eq!(home.slide_index(), 0);
        nav.visit(3);
        assert_eq!(
            (nav.slide_index(), nav.step(), nav.is_detour()),
            (3, 0, false),
            "a presented slide is a plain jump"
        );
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
