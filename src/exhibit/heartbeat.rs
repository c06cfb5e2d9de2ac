//! How the built-in supervisor sees a frozen show: it plays the service manager's side of
//! the `sd_notify` protocol for its child. Each start gets a datagram socket of its own (an
//! abstract name, no file), and the show's [`super::watchdog::Watchdog`] says READY once
//! its window is up and then WATCHDOG from its UI thread, as it does for systemd. A show
//! that said READY and then says nothing for [`HEARTBEAT_TIMEOUT`] (a hung UI thread, a
//! `SIGSTOP`) is killed and started again; one that never says READY within
//! [`READY_WITHIN`] too. When the supervisor itself runs under systemd, what its show says
//! is passed on, so systemd's watchdog watches the show through it.
//!
//! Linux only (abstract datagram sockets, [`crate::platform::notify`]); elsewhere
//! [`Heartbeat::bind`] says it is not supported and the supervisor restarts a show that
//! ends, not one that freezes.

use std::time::{Duration, Instant};

use super::watchdog::Watchdog;
use crate::platform::notify::Listener;

/// Silence after which a show that was up counts as frozen.
pub const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a start may take to open its window and say READY.
pub const READY_WITHIN: Duration = Duration::from_secs(120);

/// The supervisor's end of one start's heartbeat.
pub struct Heartbeat {
    listener: Listener,
    timeout: Duration,
    ready_within: Duration,
    started: Instant,
    /// When the show last said it was alive (READY counts), if it has.
    last: Option<Instant>,
    /// The service manager the supervisor itself answers to, if any.
    upstream: Option<Watchdog>,
}

impl Heartbeat {
    /// A fresh socket for start number `start`. Its name has a random part: abstract names
    /// are shared by everything in the network namespace (two containers' supervisors may
    /// both be pid 1), and a name nobody can guess is one nobody else can ping.
    pub fn bind(start: u64, timeout: Duration, ready_within: Duration) -> std::io::Result<Self> {
        use std::hash::{BuildHasher, Hasher};
        let mut random = std::collections::hash_map::RandomState::new().build_hasher();
        random.write_u128(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos(),
        );
        let name = format!("lectern-show-{}-{start}-{:016x}", std::process::id(), random.finish());
        Ok(Self {
            listener: Listener::bind(&name)?,
            timeout,
            ready_within,
            started: Instant::now(),
            last: None,
            upstream: Watchdog::from_env(),
        })
    }

    /// The environment the show gets: where to say it is alive, and how often it must.
    pub fn env(&self) -> [(&'static str, String); 2] {
        [("NOTIFY_SOCKET", self.listener.address().to_owned()), ("WATCHDOG_USEC", self.timeout.as_micros().to_string())]
    }

    /// Reads what the show said; returns why it must be killed, if it must. While a show that
    /// is up stays within its allowance, the service manager above (if any) hears so from
    /// this process's own loop.
    pub fn check(&mut self, now: Instant) -> Option<String> {
        while let Some(message) = self.listener.next() {
            for line in message.lines() {
                match line {
                    "READY=1" => {
                        self.last = Some(now);
                        if let Some(upstream) = &mut self.upstream {
                            upstream.ready();
                        }
                    }
                    "WATCHDOG=1" if self.last.is_some() => self.last = Some(now),
                    _ => {}
                }
            }
        }
        let verdict = match self.last {
            Some(last) if now.duration_since(last) > self.timeout => Some(format!(
                "the show stopped answering: no heartbeat from its window for {:.0} s",
                now.duration_since(last).as_secs_f64()
            )),
            None if now.duration_since(self.started) > self.ready_within => {
                Some(format!("the show did not open its window within {:.0} s", self.ready_within.as_secs_f64()))
            }
            _ => None,
        };
        // Once the show said READY (which was passed on), the service manager hears it is alive.
        if verdict.is_none()
            && self.last.is_some()
            && let Some(upstream) = &mut self.upstream
        {
            upstream.alive(now);
        }
        verdict
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_show_that_was_up_and_goes_quiet_is_reported_frozen() {
        let timeout = Duration::from_millis(200);
        let mut heartbeat = Heartbeat::bind(1, timeout, Duration::from_secs(60)).unwrap();
        let [(_, socket), (_, usec)] = heartbeat.env();
        assert_eq!(usec, "200000");
        let mut show = Watchdog::new(socket.into(), Some(timeout / 2));
        let start = Instant::now();
        assert_eq!(heartbeat.check(start), None, "starting");
        show.ready();
        assert_eq!(heartbeat.check(start), None);
        assert_eq!(heartbeat.check(start + timeout / 2), None, "within the timeout");
        show.alive(start);
        assert_eq!(heartbeat.check(start + timeout), None, "the ping counts");
        let frozen = heartbeat.check(start + timeout * 3).unwrap();
        assert!(frozen.contains("stopped answering"), "{frozen}");
    }

    #[test]
    fn a_show_that_never_says_ready_is_reported() {
        let mut heartbeat = Heartbeat::bind(2, Duration::from_secs(1), Duration::from_millis(10)).unwrap();
        assert_eq!(heartbeat.check(Instant::now()), None);
        let late = heartbeat.check(Instant::now() + Duration::from_millis(50)).unwrap();
        assert!(late.contains("did not open its window"), "{late}");
    }
}
