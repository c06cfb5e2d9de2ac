//! Keeping a show running (groundwork for `lectern exhibit`, issue 4): the parent process
//! runs the show in a child and starts it again whenever it ends abnormally (a panic, a lost
//! GPU context, a signal), waiting longer after each quick failure so a crash loop does not
//! spin, and stops when the child exits cleanly (the operator's quit chord) or when the
//! operator stops the parent (a signal sets `stop`).
//!
//! A child may come with a [`Heartbeat`]: then one that stops saying it is alive is killed
//! (and so restarted like any other failure), so a frozen window does not stay up forever.
//!
//! The child's stdin is a pipe from the parent: the child ends when it reads end-of-file, so
//! closing it asks the child to stop, and a parent that dies for any reason takes the show
//! with it instead of leaving an orphan no one supervises.

use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::heartbeat::Heartbeat;

/// How often the parent looks at the child and the stop flag.
const POLL: Duration = Duration::from_millis(100);
/// How long a child asked to stop may take before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// How long to wait before a restart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    /// After the first failure.
    pub initial: Duration,
    /// Never longer than this.
    pub max: Duration,
    /// A child that ran at least this long was healthy: the next failure counts as the first.
    pub healthy_after: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(60),
            healthy_after: Duration::from_secs(60),
        }
    }
}

impl Backoff {
    /// The wait before restart number `failures` (1 for the first failure in a row):
    /// doubling from `initial`, capped at `max`.
    pub fn delay(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(30);
        self.initial.saturating_mul(1 << doublings).min(self.max)
    }
}

/// How a supervised run ended.
#[derive(Debug, PartialEq, Eq)]
pub struct Supervised {
    /// How many times the child was started.
    pub starts: u32,
}

/// Runs `start` until a child exits cleanly or `stop` is set. `sleep` waits between
/// restarts (injected so tests need not), and `log` gets one line per restart.
pub fn supervise(
    mut start: impl FnMut() -> std::io::Result<(Child, Option<Heartbeat>)>,
    backoff: &Backoff,
    stop: &AtomicBool,
    mut sleep: impl FnMut(Duration),
    mut log: impl FnMut(&str),
) -> std::io::Result<Supervised> {
    let mut starts = 0;
    let mut failures = 0;
    loop {
        let began = Instant::now();
        // A start that fails (no memory for a process, a socket taken) is a failure like a
        // crash: retried with the backoff, never the end of the show.
        let status = match start() {
            Ok((child, heartbeat)) => Some(wait_or_stop(child, heartbeat, stop, &mut log)?),
            Err(err) => {
                log(&format!("cannot start the show: {err}"));
                None
            }
        };
        starts += 1;
        if status.is_some_and(|s| s.success()) || stop.load(Ordering::SeqCst) {
            return Ok(Supervised { starts });
        }
        let ran = began.elapsed();
        failures = if ran >= backoff.healthy_after { 1 } else { failures + 1 };
        let delay = backoff.delay(failures);
        log(&format!(
            "the show ended abnormally ({}) after {:.1} s; restarting in {:.1} s (restart {starts})",
            status.map_or_else(|| "it could not be started".to_owned(), describe),
            ran.as_secs_f64(),
            delay.as_secs_f64()
        ));
        // Slept in short pieces, so a stop during a long backoff is seen at once.
        let mut left = delay;
        while !left.is_zero() && !stop.load(Ordering::SeqCst) {
            let piece = left.min(POLL);
            sleep(piece);
            left -= piece;
        }
        if stop.load(Ordering::SeqCst) {
            return Ok(Supervised { starts });
        }
    }
}

/// Waits for the child; when `stop` is set, closes its stdin (the child's signal to end)
/// and kills it if it has not ended within [`STOP_GRACE`]. A child whose heartbeat stops
/// is killed at once.
fn wait_or_stop(
    mut child: Child,
    mut heartbeat: Option<Heartbeat>,
    stop: &AtomicBool,
    log: &mut impl FnMut(&str),
) -> std::io::Result<ExitStatus> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if let Some(why) = heartbeat.as_mut().and_then(|h| h.check(Instant::now())) {
            log(&format!("{why}; killing it"));
            child.kill()?;
            return child.wait();
        }
        if stop.load(Ordering::SeqCst) {
            drop(child.stdin.take());
            let asked = Instant::now();
            while asked.elapsed() < STOP_GRACE {
                if let Some(status) = child.try_wait()? {
                    return Ok(status);
                }
                std::thread::sleep(POLL / 4);
            }
            log("the show did not stop within 5 s of being asked; killing it");
            child.kill()?;
            return child.wait();
        }
        std::thread::sleep(POLL);
    }
}

fn describe(status: ExitStatus) -> String {
    if let Some(signal) = crate::platform::ended_by_signal(status) {
        return format!("killed by signal {signal}");
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => "no exit status".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let backoff = Backoff {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(4),
            healthy_after: Duration::from_secs(60),
        };
        let delays: Vec<f64> = (1..=6).map(|n| backoff.delay(n).as_secs_f64()).collect();
        assert_eq!(delays, [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]);
        assert_eq!(backoff.delay(u32::MAX), backoff.max, "no overflow after many failures");
    }

    /// A child that fails three times (exit 3, then killed by a signal, then exit 1) and
    /// then exits cleanly.
    #[test]
    fn a_failing_child_is_restarted_with_backoff_and_a_clean_exit_stops() {
        let scripts = ["exit 3", "kill -9 $$", "exit 1", "exit 0"];
        let mut next = 0;
        let mut waits = Vec::new();
        let mut lines = Vec::new();
        let backoff = Backoff::default();
        let result = supervise(
            || {
                let script = scripts[next.min(scripts.len() - 1)];
                next += 1;
                Command::new("sh").args(["-c", script]).spawn().map(|c| (c, None))
            },
            &backoff,
            &AtomicBool::new(false),
            |delay| waits.push(delay),
            |line| lines.push(line.to_owned()),
        )
        .unwrap();
        assert_eq!(result, Supervised { starts: 4 });
        let slept: Vec<Duration> = waits.iter().fold(Vec::new(), |mut runs: Vec<Duration>, piece| {
            // The backoff is slept in pieces of at most POLL; add each restart's pieces up.
            let wanted = backoff.delay(runs.len() as u32);
            match runs.last_mut() {
                Some(last) if *last < wanted => *last += *piece,
                _ => runs.push(*piece),
            }
            runs
        });
        assert_eq!(slept, [backoff.delay(1), backoff.delay(2), backoff.delay(3)], "longer after each quick failure");
        assert_eq!(lines.len(), 3, "one line per restart: {lines:?}");
        assert!(lines[0].contains("exit status 3"), "{}", lines[0]);
        assert!(lines[1].contains("killed by signal 9"), "{}", lines[1]);
    }

    #[test]
    fn a_clean_exit_at_once_is_not_restarted() {
        let mut starts = 0;
        let result = supervise(
            || {
                starts += 1;
                Command::new("sh").args(["-c", "exit 0"]).spawn().map(|c| (c, None))
            },
            &Backoff::default(),
            &AtomicBool::new(false),
            |_| panic!("no wait"),
            |line| panic!("no restart: {line}"),
        )
        .unwrap();
        assert_eq!((result.starts, starts), (1, 1));
    }

    /// The operator stops the parent while the child runs: the child's stdin closes, it ends
    /// (here by reading end-of-file), and nothing is restarted.
    #[test]
    fn a_stop_ends_the_child_through_its_stdin_and_nothing_restarts() {
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let setter = std::sync::Arc::clone(&stop);
        let flip = std::thread::Builder::new()
            .name("test-stop".into())
            .spawn(move || {
                std::thread::sleep(Duration::from_millis(300));
                setter.store(true, Ordering::SeqCst);
            })
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("read-eof");
        let script = format!("cat >/dev/null; touch '{}'; exit 7", marker.display());
        let result = supervise(
            // `cat` runs until its stdin closes; the marker shows the child got that far
            // rather than being killed.
            || Command::new("sh").args(["-c", &script]).stdin(std::process::Stdio::piped()).spawn().map(|c| (c, None)),
            &Backoff::default(),
            &stop,
            |_| panic!("no restart after a stop"),
            |line| panic!("no restart line: {line}"),
        )
        .unwrap();
        flip.join().unwrap();
        assert_eq!(result.starts, 1);
        assert!(marker.exists(), "ended by reading end-of-file on stdin, not killed after the grace period");
    }

    /// A show that never says it is up (here `sleep`, as a window that hangs before its
    /// first frame) is killed and started again; the next start exits cleanly.
    #[test]
    fn a_child_without_a_heartbeat_is_killed_and_restarted() {
        let mut starts = 0u64;
        let mut lines = Vec::new();
        let began = Instant::now();
        let result = supervise(
            || {
                starts += 1;
                let script = if starts == 1 { "sleep 30" } else { "exit 0" };
                let heartbeat = Heartbeat::bind(100 + starts, Duration::from_millis(100), Duration::from_millis(300))?;
                Ok((Command::new("sh").args(["-c", script]).spawn()?, Some(heartbeat)))
            },
            &Backoff::default(),
            &AtomicBool::new(false),
            |_| {},
            |line| lines.push(line.to_owned()),
        )
        .unwrap();
        assert_eq!(result.starts, 2);
        assert!(began.elapsed() < Duration::from_secs(10), "killed long before its sleep ended");
        assert!(lines[0].contains("did not open its window"), "{lines:?}");
        assert!(lines[1].contains("killed by signal 9"), "{lines:?}");
    }
}
