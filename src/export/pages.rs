//! Which pages an export makes: one per presented slide (the complete slide), or one per
//! reveal step with `--steps`; hidden slides only with `--hidden`. Pure, like navigation.

use crate::deck::Deck;

/// One page: a slide, how much of it is revealed, and whether it is a notes page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub slide: usize,
    /// `None`: the complete slide; `Some(n)`: as shown after `n` presses of Next.
    pub step: Option<usize>,
}

/// The pages of `deck`, in order.
pub fn plan(deck: &Deck, steps: bool, hidden: bool) -> Vec<Page> {
    let slides: Vec<usize> = if hidden { (0..deck.slides.len()).collect() } else { deck.presented() };
    slides
        .into_iter()
        .flat_map(|slide| {
            let reveals = deck.slides[slide].reveal_steps();
            let steps: Vec<Option<usize>> =
                if steps && reveals > 0 { (0..=reveals).map(Some).collect() } else { vec![None] };
            steps.into_iter().map(move |step| Page { slide, step })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{DiskAssets, LoadOptions, load_text};

    #[test]
    fn pages_follow_the_slides_the_room_sees() {
        let text = r#"(title: "T", slides: [
            Bullets(title: "Reveal", reveal: true, items: ["a", "b"]),
            Section(title: "Hidden", hidden: true),
            Section(title: "Last"),
        ])"#;
        let path = std::path::Path::new("deck.ron");
        let deck = load_text(path, text.into(), &DiskAssets, &LoadOptions::default()).unwrap().deck;
        let page = |slide, step| Page { slide, step };
        assert_eq!(plan(&deck, false, false), [page(0, None), page(2, None)]);
        assert_eq!(plan(&deck, true, false), [page(0, Some(0)), page(0, Some(1)), page(0, Some(2)), page(2, None)]);
        assert_eq!(plan(&deck, false, true), [page(0, None), page(1, None), page(2, None)]);
    }
}
