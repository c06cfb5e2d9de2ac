//! Pure state driven by clocks the caller passes in: the exhibit loop ([`schedule`]), its
//! opening hours ([`hours`]), the presenter's talk timer ([`talk`]) and how often a transition
//! draws ([`pacing`]). Nothing here reads a
//! clock, sleeps or knows a window, so every rule is a table test that runs in microseconds.
//! It imports nothing else of the crate; the model ([`crate::deck`]) names its types.

pub mod hours;
pub mod pacing;
pub mod schedule;
pub mod talk;

pub use hours::{Hours, Window};
pub use schedule::{HOLD_RECHECK_SECONDS, OnIdle, Schedule, Timing, TransitionKind, View, Visitor, smoothstep};
