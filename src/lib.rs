//! Lectern presents slide decks written in RON.
//!
//! Data flows one way: file → [`deck`] (raw serde types, resolved into a validated model) →
//! [`layout`] (a positioned display list) → [`paint`] (pixels); input flows one way too:
//! event → [`session::Command`] → [`session::Session`] → effects on the windows. The core
//! ([`deck`], [`timing`], [`layout`]) is plain Rust with no window, testable in microseconds.
//! [`app`] (presenting, with its console) and [`exhibit`] (the unattended loop) are modes
//! over one session; [`media`] decodes images off the UI thread. `docs/ARCHITECTURE.md` is
//! the map.

pub mod app;
pub mod bundled;
pub mod check;
pub mod control;
pub mod deck;
pub mod exhibit;
pub mod export;
pub mod fonts;
pub mod layout;
pub mod logging;
pub mod lsp;
pub mod media;
pub mod paint;
pub mod platform;
pub mod scaffold;
pub mod session;
pub mod timing;
pub mod watch;
pub mod window;
