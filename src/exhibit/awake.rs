//! Keeping the display awake while the show is open, and letting it sleep while closed.

use crate::logging::LogSink;

/// Asks the desktop to keep the display on and the machine awake (freedesktop ScreenSaver
/// inhibit on the session bus, logind idle inhibit on the system bus). Either may be missing
/// (no desktop session, a bare X server); the show runs anyway and says so once.
pub fn keep_display_awake(log: &LogSink) -> Option<keepawake::KeepAwake> {
    let attempts = [("display and idle", true, true), ("display", true, false), ("idle", false, true)];
    let mut errors = Vec::new();
    for (what, display, idle) in attempts {
        match keepawake::Builder::default()
            .display(display)
            .idle(idle)
            .reason("An exhibit is showing")
            .app_name("Lectern")
            .app_reverse_domain("org.lectern.Lectern")
            .create()
        {
            Ok(handle) => {
                log(&format!("keeping the {what} awake while the show runs"));
                return Some(handle);
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
