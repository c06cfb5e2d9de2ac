//! The one cache of laid-out slides that every window of a session draws from: the audience
//! slide, the console's current and next slides, the overview's thumbnails and the exhibit's
//! transitions. An entry is keyed by what a layout depends on (which deck, slide, language,
//! scale and pixel density), never by an address, and the least recently used entries go
//! first once the cache holds `capacity` of them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::deck::Lang;
use crate::layout::SlideLayout;

/// Everything a slide's layout depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    /// The deck's generation in the session (see [`super::Show::generation`]).
    pub generation: u64,
    pub slide: usize,
    pub lang: Lang,
    /// Screen points per slide unit and pixels per point, as bits (text is shaped at the
    /// real size, so a layout is only valid at its own scale).
    scale: u32,
    pixels_per_point: u32,
}

impl LayoutKey {
    pub fn new(generation: u64, slide: usize, lang: Lang, scale: f32, pixels_per_point: f32) -> Self {
        Self { generation, slide, lang, scale: scale.to_bits(), pixels_per_point: pixels_per_point.to_bits() }
    }
}

pub struct LayoutCache {
    entries: HashMap<LayoutKey, (Arc<SlideLayout>, u64)>,
    capacity: usize,
    /// Counts lookups, for least-recently-used eviction.
    clock: u64,
    /// Layouts computed since the start (for tests of laziness and the benchmarks).
    made: usize,
}

impl LayoutCache {
    pub fn new(capacity: usize) -> Self {
        Self { entries: HashMap::new(), capacity: capacity.max(1), clock: 0, made: 0 }
    }

    /// The layout for `key`, made with `make` if it is not kept.
    pub fn get_or_make(&mut self, key: LayoutKey, make: impl FnOnce() -> SlideLayout) -> Arc<SlideLayout> {
        self.clock += 1;
        let clock = self.clock;
        if let Some((layout, used)) = self.entries.get_mut(&key) {
            *used = clock;
            return Arc::clone(layout);
        }
        if self.entries.len() >= self.capacity
            && let Some(oldest) = self.entries.iter().min_by_key(|(_, (_, used))| *used).map(|(k, _)| *k)
        {
            self.entries.remove(&oldest);
        }
        let layout = Arc::new(make());
        self.made += 1;
        self.entries.insert(key, (Arc::clone(&layout), clock));
        layout
    }

    /// Forgets the layouts of decks older than `generation` (they can never be asked for again).
    pub fn retain_generation(&mut self, generation: u64) {
        self.entries.retain(|key, _| key.generation == generation);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn made(&self) -> usize {
        self.made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(generation: u64, slide: usize, scale: f32) -> LayoutKey {
        LayoutKey::new(generation, slide, Lang::DEFAULT, scale, 1.0)
    }

    #[test]
    fn a_layout_is_made_once_per_key() {
        let mut cache = LayoutCache::new(8);
        let first = cache.get_or_make(key(1, 0, 1.0), SlideLayout::default);
        let again = cache.get_or_make(key(1, 0, 1.0), || panic!("kept, not made again"));
        assert!(Arc::ptr_eq(&first, &again));
        cache.get_or_make(key(1, 0, 0.5), SlideLayout::default);
        cache.get_or_make(key(2, 0, 1.0), SlideLayout::default);
        assert_eq!(cache.made(), 3, "another scale or deck is another layout");
    }

    #[test]
    fn the_least_recently_used_goes_first_when_full() {
        let mut cache = LayoutCache::new(2);
        cache.get_or_make(key(1, 0, 1.0), SlideLayout::default);
        cache.get_or_make(key(1, 1, 1.0), SlideLayout::default);
        cache.get_or_make(key(1, 0, 1.0), SlideLayout::default);
        cache.get_or_make(key(1, 2, 1.0), SlideLayout::default);
        assert_eq!(cache.len(), 2);
        cache.get_or_make(key(1, 0, 1.0), || panic!("slide 0 was used last, so it stayed"));
        let mut remade = false;
        cache.get_or_make(key(1, 1, 1.0), || {
            remade = true;
            SlideLayout::default()
        });
        assert!(remade, "slide 1 was the oldest and went");
    }

    #[test]
    fn a_new_deck_drops_the_old_decks_layouts() {
        let mut cache = LayoutCache::new(8);
        cache.get_or_make(key(1, 0, 1.0), SlideLayout::default);
        cache.get_or_make(key(2, 0, 1.0), SlideLayout::default);
        cache.retain_generation(2);
        assert_eq!(cache.len(), 1);
    }
}
