//! Which decoded images stay in texture memory: a byte budget with least-recently-used
//! eviction, as plain bookkeeping (no GPU, no egui) so it is tested by counts.
//!
//! The frame is the unit of time. Whatever was drawn or arrived during the current frame is
//! protected: evicting it would make the next frame decode it again, forever, whenever the
//! images on one slide alone exceed the budget. Everything else goes, oldest first, at the
//! end of each frame until the total fits.

use std::collections::HashMap;
use std::hash::Hash;

#[derive(Clone, Copy, Debug)]
struct Slot {
    bytes: u64,
    /// The frame this entry was last drawn or stored in.
    last_used: u64,
}

#[derive(Debug)]
pub struct TextureBudget<K> {
    budget: u64,
    used: u64,
    frame: u64,
    slots: HashMap<K, Slot>,
}

impl<K: Hash + Eq + Clone> TextureBudget<K> {
    pub fn new(budget_bytes: u64) -> Self {
        Self { budget: budget_bytes, used: 0, frame: 0, slots: HashMap::new() }
    }

    /// Records an entry of `bytes` (replacing any with the same key), as used this frame.
    pub fn insert(&mut self, key: K, bytes: u64) {
        let frame = self.frame;
        if let Some(old) = self.slots.insert(key, Slot { bytes, last_used: frame }) {
            self.used -= old.bytes;
        }
        self.used += bytes;
    }

    /// Marks an entry as drawn this frame.
    pub fn touch(&mut self, key: &K) {
        if let Some(slot) = self.slots.get_mut(key) {
            slot.last_used = self.frame;
        }
    }

    pub fn remove(&mut self, key: &K) {
        if let Some(slot) = self.slots.remove(key) {
            self.used -= slot.bytes;
        }
    }

    pub fn clear(&mut self) {
        self.slots.clear();
        self.used = 0;
    }

    /// Ends the frame: evicts the least recently used entries not used in this frame until
    /// the total fits the budget, and returns their keys (oldest first) for the caller to
    /// free.
    pub fn end_frame(&mut self) -> Vec<K> {
        let mut evicted = Vec::new();
        if self.used > self.budget {
            let mut candidates: Vec<(u64, K)> = self
                .slots
                .iter()
                .filter(|(_, slot)| slot.last_used < self.frame)
                .map(|(key, slot)| (slot.last_used, key.clone()))
                .collect();
            candidates.sort_by_key(|(last_used, _)| *last_used);
            for (_, key) in candidates {
                if self.used <= self.budget {
                    break;
                }
                self.remove(&key);
                evicted.push(key);
            }
        }
        self.frame += 1;
        evicted
    }

    pub fn used_bytes(&self) -> u64 {
        self.used
    }

    pub fn budget_bytes(&self) -> u64 {
        self.budget
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1 << 20;

    /// Shows `key` in one frame, storing it first if it is not there (as the cache does when
    /// a decode arrives), and returns what the end of the frame evicted.
    fn show(budget: &mut TextureBudget<u32>, keys: &[u32]) -> Vec<u32> {
        for key in keys {
            if budget.slots.contains_key(key) {
                budget.touch(key);
            } else {
                budget.insert(*key, 10 * MB);
            }
        }
        budget.end_frame()
    }

    #[test]
    fn walking_many_images_never_exceeds_the_budget() {
        let mut budget = TextureBudget::new(35 * MB);
        let mut peak = 0;
        for round in 0..3 {
            for key in 0..200 {
                let evicted = show(&mut budget, &[key]);
                peak = peak.max(budget.used_bytes());
                if round == 0 && key < 3 {
                    assert!(evicted.is_empty(), "three images fit: {evicted:?} at {key}");
                }
            }
        }
        assert!(peak <= 35 * MB, "peak {peak} over the budget");
        assert_eq!(budget.len(), 3, "as many as fit");
    }

    #[test]
    fn the_least_recently_used_is_evicted_first() {
        let mut budget = TextureBudget::new(30 * MB);
        show(&mut budget, &[1]);
        show(&mut budget, &[2]);
        show(&mut budget, &[3]);
        show(&mut budget, &[1]); // 1 is now newer than 2
        assert_eq!(show(&mut budget, &[4]), vec![2]);
        assert_eq!(show(&mut budget, &[5]), vec![3]);
        assert_eq!(show(&mut budget, &[6]), vec![1]);
    }

    #[test]
    fn what_is_on_screen_stays_even_over_budget() {
        let mut budget = TextureBudget::new(15 * MB);
        // One slide with three images of 10 MB each: all three are drawn every frame.
        for _ in 0..5 {
            assert!(show(&mut budget, &[1, 2, 3]).is_empty(), "nothing on screen is evicted");
        }
        assert_eq!(budget.used_bytes(), 30 * MB);
        // Moving to a slide with one image frees the others at the end of that frame.
        let evicted = show(&mut budget, &[4]);
        assert_eq!(evicted.len(), 3);
        assert_eq!(budget.used_bytes(), 10 * MB);
    }

    #[test]
    fn replacing_and_removing_keep_the_total_right() {
        let mut budget = TextureBudget::new(100 * MB);
        budget.insert(1, 10 * MB);
        budget.insert(1, 4 * MB);
        budget.insert(2, 6 * MB);
        assert_eq!(budget.used_bytes(), 10 * MB);
        budget.remove(&1);
        budget.remove(&1);
        assert_eq!(budget.used_bytes(), 6 * MB);
        budget.clear();
        assert_eq!((budget.used_bytes(), budget.len()), (0, 0));
    }
}
