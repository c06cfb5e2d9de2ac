//! The exhibit's loop over a deck, as plain data: which deck slide shows, the transition
//! between two, visitors taking over and giving back, and opening hours. The window
//! ([`super::ExhibitApp`]) calls [`ExhibitLoop::frame`] once a frame and draws what it says;
//! the same call is what the tests below drive, with clocks they choose.
//!
//! It speaks deck indices; the [`Schedule`] underneath counts presented slides only (hidden
//! ones are skipped by [`Deck::presented`], the rule presenting uses too).

use jiff::Timestamp;

use crate::deck::reading::dwell_seconds;
use crate::deck::{Deck, Lang};
use crate::timing::{Hours, Schedule, Timing, View, Visitor};

/// Overrides of the deck's timing from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Overrides {
    /// Every slide shows this many seconds, instead of the deck's durations.
    pub dwell: Option<f64>,
    /// The transition takes this many seconds, instead of the deck's setting.
    pub transition_seconds: Option<f64>,
    /// The language the loop shows and returns to (the deck's first unless chosen): a slide
    /// without a `duration` stays up as long as its text takes to read in it.
    pub language: Lang,
    /// With `sync: Clock`, this screen runs this many seconds ahead of the clock's loop
    /// (`--offset`), to stagger screens on purpose.
    pub offset: f64,
}

/// What the screen shows now, in deck indices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Screen {
    Slide(usize),
    Transition {
        from: usize,
        to: usize,
        progress: f64,
    },
    /// Outside opening hours: the deck's closed slide, or black; nothing changes until `until`.
    Closed {
        slide: Option<usize>,
        until: Option<Timestamp>,
    },
}

/// A change of the opening state this frame (for the log and the display's keep-awake).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoursChange {
    Opened,
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub screen: Screen,
    pub hours: Option<HoursChange>,
    /// The show went back to its loop (idle visitors, or opening): the default language again.
    pub language_reset: bool,
}

pub struct ExhibitLoop {
    /// Deck indices of the presented slides, in order: the schedule's slides.
    order: Vec<usize>,
    schedule: Schedule,
    timing: Timing,
    closed: bool,
    /// `sync: Clock`: the loop's place comes from the wall clock, moved by this offset.
    clock: Option<f64>,
}

impl ExhibitLoop {
    pub fn new(deck: &Deck, overrides: Overrides, now: f64) -> Self {
        Self::starting_at(deck, overrides, 0, now)
    }

    /// A loop that starts on deck slide `index`, or the first presented one after it (a
    /// reload keeps the place).
    pub fn starting_at(deck: &Deck, overrides: Overrides, index: usize, now: f64) -> Self {
        let order = deck.presented();
        let timing = timing(deck, &order, overrides);
        let position = order.iter().position(|&i| i >= index).unwrap_or(0);
        let clock = deck.exhibit.clock_sync.then_some(overrides.offset);
        Self { schedule: Schedule::starting_at(timing.clone(), position, now), order, timing, closed: false, clock }
    }

    /// The same loop over a reloaded deck, from deck slide `index` (the session kept the
    /// place): whether the show is closed carries over, so a save at night changes nothing
    /// on screen.
    pub fn reloaded(&self, deck: &Deck, overrides: Overrides, index: usize, now: f64) -> Self {
        Self { closed: self.closed, ..Self::starting_at(deck, overrides, index, now) }
    }

    fn deck_index(&self, presented: usize) -> usize {
        self.order[presented % self.order.len()]
    }

    /// The deck index of the slide on screen (or being transitioned to).
    pub fn current(&self) -> usize {
        self.deck_index(self.schedule.current())
    }

    /// The deck slides to have ready now: the next one of the loop, or both neighbours while
    /// a visitor may go either way.
    pub fn wanted_next(&self) -> Vec<usize> {
        let count = self.order.len();
        match self.schedule.upcoming() {
            Some(next) => vec![self.deck_index(next)],
            None if self.schedule.visitor_active() => {
                let current = self.schedule.current();
                vec![self.deck_index(current + 1), self.deck_index(current + count - 1)]
            }
            None => Vec::new(),
        }
    }

    pub fn visitor(&mut self, action: Visitor, now: f64) {
        self.schedule.visitor(action, now);
    }

    pub fn visitor_active(&self) -> bool {
        self.schedule.visitor_active()
    }

    /// The current slide's time is up and the next one's images are still on their way.
    pub fn held(&self) -> bool {
        self.schedule.held()
    }

    /// Seconds until the screen changes by itself (infinite for a deck of one slide).
    pub fn next_change_in(&self, now: f64) -> f64 {
        self.schedule.next_change_in(now)
    }

    /// Advances to `now` (monotonic seconds) and `wall` (for opening hours). A deck slide
    /// whose `ready` is false is not moved to yet: the current one stays until it is.
    pub fn frame(
        &mut self,
        hours: Option<&Hours>,
        closed_slide: Option<usize>,
        now: f64,
        wall: Timestamp,
        ready: impl Fn(usize) -> bool,
    ) -> Frame {
        let open = hours.is_none_or(|hours| hours.is_open(wall));
        let change = match (open, self.closed) {
            (false, false) => Some(HoursChange::Closed),
            (true, true) => Some(HoursChange::Opened),
            _ => None,
        };
        self.closed = !open;
        if !open {
            let until = hours.and_then(|hours| hours.next_change(wall));
            let screen = Screen::Closed { slide: closed_slide, until };
            return Frame { screen, hours: change, language_reset: change.is_some() };
        }
        if change == Some(HoursChange::Opened) {
            // The day starts from the first slide.
            self.schedule = Schedule::new(self.timing.clone(), now);
        }
        let order = &self.order;
        let view = match self.clock {
            // Every screen in step with the clock: no screen waits for its pictures (the next
            // slide is prefetched while this one shows).
            Some(offset) => {
                let seconds = wall.as_nanosecond() as f64 / 1e9 + offset;
                self.schedule.follow_clock(now, seconds)
            }
            None => self.schedule.tick_when_ready(now, |presented| ready(order[presented % order.len()])),
        };
        let screen = match view {
            View::Slide(slide) => Screen::Slide(self.deck_index(slide)),
            View::Transition { from, to, progress } => {
                Screen::Transition { from: self.deck_index(from), to: self.deck_index(to), progress }
            }
        };
        let language_reset = self.schedule.take_language_reset() || change.is_some();
        Frame { screen, hours: change, language_reset }
    }
}

/// The loop's timing from the deck's settings and durations, with the overrides.
fn timing(deck: &Deck, order: &[usize], overrides: Overrides) -> Timing {
    let settings = &deck.exhibit;
    let dwell = order
        .iter()
        .map(|&i| {
            overrides
                .dwell
                .unwrap_or_else(|| f64::from(dwell_seconds(&deck.slides[i], deck.default_duration, overrides.language)))
        })
        .collect();
    Timing {
        dwell,
        transition: settings.transition,
        transition_seconds: overrides.transition_seconds.unwrap_or_else(|| f64::from(settings.transition_seconds)),
        idle_seconds: f64::from(settings.idle_seconds),
        on_idle: settings.on_idle,
    }
}

#[cfg(test)]
#[path = "looping_tests.rs"]
mod tests;
