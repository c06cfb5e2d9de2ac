//! The deck's `exhibit` settings, resolved: how `lectern exhibit` runs the deck unattended
//! (the loop's transition and idle time, opening hours, clock sync) and where it listens for
//! show control when a kiosk is set up from the deck alone.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The deck's `exhibit` settings, resolved: how the unattended loop moves and when it is
/// open.
#[derive(Clone, Debug, PartialEq)]
pub struct ExhibitSettings {
    pub transition: crate::timing::TransitionKind,
    pub transition_seconds: f32,
    /// Seconds without a visitor's touch before the show returns to its loop.
    pub idle_seconds: f32,
    pub on_idle: crate::timing::OnIdle,
    pub hours: Option<crate::timing::Hours>,
    /// The slide (an index into `slides`) shown while closed; `None`: a black screen.
    pub closed_slide: Option<usize>,
    /// The loop's place comes from the wall clock (`sync: Clock`), the same on every screen.
    pub clock_sync: bool,
    /// Show control for this kiosk; the command line's `--control`, `--osc` and
    /// `--control-token` win over it.
    pub control: ControlSettings,
}

/// Where an exhibit listens for show control, from the deck (`exhibit: (control: (…))`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ControlSettings {
    pub http: Option<SocketAddr>,
    pub osc: Option<SocketAddr>,
    /// A file holding the token requests must carry (relative paths from the deck's folder);
    /// the token itself never sits in the deck.
    pub token_file: Option<PathBuf>,
}

impl Default for ExhibitSettings {
    fn default() -> Self {
        Self {
            transition: crate::timing::TransitionKind::Crossfade,
            transition_seconds: 0.8,
            idle_seconds: 60.0,
            on_idle: crate::timing::OnIdle::Restart,
            hours: None,
            closed_slide: None,
            clock_sync: false,
            control: ControlSettings::default(),
        }
    }
}
