//! Running under systemd: the show tells the service manager it is ready, and then, from the
//! UI thread, that it is alive, at half the watchdog interval the unit sets (`WatchdogSec`).
//! A window whose UI thread hangs stops saying so, and systemd restarts the show. This is
//! the `sd_notify` protocol: one datagram to the socket named in `$NOTIFY_SOCKET`; the crate
//! for it would be one function, so it is written here ([`crate::platform::notify`]). Without
//! those variables (not started by systemd), nothing is sent and nothing is woken.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The service manager's socket and how often it wants to hear from the show.
pub struct Watchdog {
    socket: PathBuf,
    /// Half the unit's `WatchdogSec`; `None` when the unit sets no watchdog.
    every: Option<Duration>,
    last: Option<Instant>,
    /// READY was said (by [`Self::ready`], or by the first [`Self::alive`]: the first frame).
    ready: bool,
}

impl Watchdog {
    /// From the environment systemd gives a `Type=notify` service.
    pub fn from_env() -> Option<Self> {
        let socket = std::env::var_os("NOTIFY_SOCKET")?;
        // The watchdog is for the process it names (another one in a supervised tree is not it).
        let ours = std::env::var("WATCHDOG_PID").ok().is_none_or(|pid| pid == std::process::id().to_string());
        let every = std::env::var("WATCHDOG_USEC")
            .ok()
            .and_then(|usec| usec.parse::<u64>().ok())
            .filter(|usec| *usec > 0 && ours)
            .map(|usec| Duration::from_micros(usec / 2));
        Some(Self::new(PathBuf::from(socket), every))
    }

    pub fn new(socket: PathBuf, every: Option<Duration>) -> Self {
        Self { socket, every, last: None, ready: false }
    }

    fn send(&self, message: &str) {
        if let Err(err) = crate::platform::notify::send(&self.socket, message) {
            log::warn!(target: "lectern", "cannot notify the service manager: {err}");
        }
    }

    /// The show is up: systemd counts the service as started.
    pub fn ready(&mut self) {
        self.ready = true;
        self.send("READY=1");
    }

    /// Called every frame of the UI thread: says READY on the first (the window is up, its
    /// first frame drawn), then "alive" when it is time, and returns how long the UI may
    /// sleep before it must say so again.
    pub fn alive(&mut self, now: Instant) -> Option<Duration> {
        if !self.ready {
            self.ready();
        }
        let every = self.every?;
        if self.last.is_none_or(|last| now.duration_since(last) >= every) {
            self.send("WATCHDOG=1");
            self.last = Some(now);
        }
        Some(every.saturating_sub(self.last.map_or(Duration::ZERO, |last| now.duration_since(last))))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::net::UnixDatagram;

    #[test]
    fn the_service_manager_hears_ready_then_alive_at_half_the_interval() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let manager = UnixDatagram::bind(&path).unwrap();
        manager.set_nonblocking(true).unwrap();
        let received = || {
            let mut messages = Vec::new();
            let mut buffer = [0u8; 64];
            while let Ok(n) = manager.recv(&mut buffer) {
                messages.push(String::from_utf8_lossy(&buffer[..n]).into_owned());
            }
            messages
        };
        let mut watchdog = Watchdog::new(path.clone(), Some(Duration::from_secs(10)));
        let start = Instant::now();
        assert_eq!(watchdog.alive(start), Some(Duration::from_secs(10)));
        assert_eq!(watchdog.alive(start + Duration::from_secs(4)), Some(Duration::from_secs(6)), "not yet");
        assert_eq!(watchdog.alive(start + Duration::from_secs(10)), Some(Duration::from_secs(10)));
        assert_eq!(received(), ["READY=1", "WATCHDOG=1", "WATCHDOG=1"]);
        let mut without = Watchdog::new(path, None);
        assert_eq!(without.alive(start), None, "no watchdog: the UI may sleep as long as it likes");
        assert_eq!(received(), ["READY=1"], "but the service manager still hears that it is up");
    }
}
