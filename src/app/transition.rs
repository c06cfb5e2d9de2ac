//! The presenter's transitions: when the slide on screen changes (Next, Previous, a jump),
//! the audience window animates from the slide it showed to the new one, the deck's way (or
//! the new slide's own), in a fraction of a second. A key pressed meanwhile ends the
//! animation at once and moves on: the show never waits for an animation (PowerPoint
//! swallows such presses; a presenter with a clicker must not lose them). Painting is the
//! session's, shared with the exhibit loop.

use std::sync::Arc;

use crate::deck::Deck;
use crate::timing::TransitionKind;

/// A transition under way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Running {
    /// (slide, reveal step) it comes from and goes to.
    pub from: (usize, usize),
    pub to: (usize, usize),
    pub kind: TransitionKind,
    /// Going back (to an earlier slide): a `Slide` transition moves the other way.
    pub backwards: bool,
    started: f64,
    seconds: f64,
}

impl Running {
    /// How far it is, 0 to 1, at `now`.
    pub fn progress(&self, now: f64) -> f32 {
        ((now - self.started) / self.seconds).clamp(0.0, 1.0) as f32
    }
}

/// What the audience window showed last and the transition it is in, if any.
pub struct Transitions {
    enabled: bool,
    /// The deck, slide and step drawn at the last frame.
    shown: Option<(Arc<Deck>, usize, usize)>,
    running: Option<Running>,
}

impl Transitions {
    pub fn new(enabled: bool) -> Self {
        Self { enabled, shown: None, running: None }
    }

    /// A key or click moved the show: whatever is animating ends now.
    pub fn interrupt(&mut self) {
        self.running = None;
    }

    /// The transition to draw at `now`, now that the show is at `slide` (and `step`) of
    /// `deck`. A new slide starts one; a reloaded deck (another `Arc`) never does, so an
    /// edit shows at once.
    pub fn frame(&mut self, deck: &Arc<Deck>, slide: usize, step: usize, now: f64) -> Option<Running> {
        if self.shown.as_ref().is_some_and(|(shown_deck, ..)| !Arc::ptr_eq(shown_deck, deck)) {
            // A reload mid-transition: its slide indices are the old deck's.
            self.running = None;
        }
        if let Some((shown_deck, shown_slide, shown_step)) = &self.shown
            && Arc::ptr_eq(shown_deck, deck)
            && *shown_slide != slide
            && self.enabled
        {
            let (kind, seconds) = deck.transition_into(slide);
            self.running = (kind != TransitionKind::None && seconds > 0.0).then_some(Running {
                from: (*shown_slide, *shown_step),
                to: (slide, step),
                kind,
                backwards: slide < *shown_slide,
                started: now,
                seconds: f64::from(seconds),
            });
        }
        self.shown = Some((Arc::clone(deck), slide, step));
        if let Some(running) = &mut self.running {
            running.to = (slide, step);
            if running.progress(now) >= 1.0 {
                self.running = None;
            }
        }
        self.running
    }

    pub fn running(&self) -> Option<Running> {
        self.running
    }
}
