//! Keeping the display awake while a deck is shown to people (an exhibit that is open, a
//! talk that is on), through the keepawake crate: on Linux the freedesktop ScreenSaver
//! inhibit on the session bus and logind's idle inhibit on the system bus; the system's own
//! calls on macOS and Windows. Dropping the handle lets the display sleep again.

use crate::logging::LogSink;

/// The request while it is held; dropping it lets the display sleep.
pub struct Awake(Option<keepawake::KeepAwake>);

impl Drop for Awake {
    /// keepawake 0.6 unwraps the D-Bus reply when it gives the request back, so a desktop
    /// that went away (the screensaver service restarted, the session bus closed) would end
    /// the show with a panic; that is caught here and the request is simply gone.
    fn drop(&mut self) {
        if let Some(held) = self.0.take() {
            let released = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(held)));
            if released.is_err() {
                log::warn!(target: "lectern", "the desktop did not take back the request to keep the display awake");
            }
        }
    }
}

/// Asks the desktop to keep the display on and the machine awake, saying `reason` ("An
/// exhibit is showing"). Either bus may be missing (no desktop session, a bare X server);
/// the show runs anyway and says so.
pub fn keep_display_awake(log: &LogSink, reason: &str) -> Option<Awake> {
    let attempts = [("display and idle", true, true), ("display", true, false), ("idle", false, true)];
    let mut errors = Vec::new();
    for (what, display, idle) in attempts {
        match keepawake::Builder::default()
            .display(display)
            .idle(idle)
            .reason(reason)
            .app_name("Lectern")
            .app_reverse_domain("org.lectern.Lectern")
            .create()
        {
            Ok(handle) => {
                log(&format!("keeping the {what} awake: {reason}"));
                return Some(Awake(Some(handle)));
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    log(&format!(
        "cannot ask the desktop to keep the display awake ({}); on a bare X server run `xset s off -dpms`",
        errors.join("; ")
    ));
    None
}
