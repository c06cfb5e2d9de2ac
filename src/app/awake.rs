//! Keeping the projector awake while a talk is on, as pdfpc, PowerPoint and Keynote do: the
//! desktop's inhibit ([`crate::platform::awake`]) is held while the audience window is
//! fullscreen or the presenter console is open, and released when neither is, so a deck
//! edited in an ordinary window lets the screen sleep as usual.

use crate::logging::LogSink;
use crate::platform::awake::{Awake, keep_display_awake};

/// The request, held or not.
#[derive(Default)]
pub struct TalkAwake {
    held: Option<Awake>,
    /// The desktop refused once (no session bus, a bare X server): said once, not retried
    /// on every frame of the talk.
    unavailable: bool,
}

impl TalkAwake {
    /// Whether the desktop was asked and said yes.
    pub fn held(&self) -> bool {
        self.held.is_some()
    }

    /// Whether [`Self::follow`] has anything to do for `talking` (looked at every frame; the
    /// desktop is asked only when the talk starts or ends).
    pub fn must_change(&self, talking: bool) -> bool {
        talking != self.held.is_some() && !(talking && self.unavailable)
    }

    /// Takes or releases the request as the talk starts or ends.
    pub fn follow(&mut self, talking: bool, log: &LogSink) {
        match (talking, self.held.is_some()) {
            (true, false) if !self.unavailable => {
                self.held = keep_display_awake(log, "A presentation is showing");
                self.unavailable = self.held.is_none();
            }
            (false, true) => {
                self.held = None;
                log("the talk is over: the display may sleep again");
            }
            _ => {}
        }
    }
}
