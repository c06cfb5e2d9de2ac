//! Lectern presents slide decks written in RON.
//!
//! The core ([`deck`], [`layout`]) is plain Rust with no window: parsing, validation,
//! navigation and layout are testable in microseconds. [`app`] is the thin eframe shell that
//! turns input into commands and paints display lists; [`media`] decodes images off the UI
//! thread.

pub mod app;
pub mod bundled;
pub mod check;
pub mod deck;
pub mod exhibit;
pub mod fonts;
pub mod layout;
pub mod log;
pub mod media;
pub mod scaffold;
pub mod supervisor;
pub mod talk;
pub mod watch;
