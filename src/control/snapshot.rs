//! The status the show last gave, and when: status requests are answered from it on the
//! server thread while it is younger than [`STATUS_FRESH`], so a desk polling a thousand
//! times a second costs the show no frames; requests it already shows to be wrong (a slide
//! past the last, a language the deck lacks) are refused from it too.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::answer;
use super::request::{Action, Refusal, Target};

/// The last status and when it was taken.
pub type Snapshot = Arc<Mutex<Option<(Instant, serde_json::Value)>>>;

/// How old a status may be and still be the answer; an older one is asked of the UI
/// thread, so a frozen window is still reported (503) within the answer's deadline and a second.
pub const STATUS_FRESH: Duration = Duration::from_secs(1);

/// A goto past the last slide or a language the deck lacks, refused here from the last
/// status (with the words the window would use), so a bad request costs the show no frame.
pub fn refused_by_status(action: &Action, snapshot: &Snapshot) -> Option<Refusal> {
    let guard = snapshot.lock().ok()?;
    let (_, status) = guard.as_ref()?;
    match action {
        Action::Goto(target @ Target::Number(number)) => {
            let total = status["total"].as_u64()?;
            (*number == 0 || *number as u64 > total).then(|| answer::no_slide(target))
        }
        Action::Language(code) => {
            let known = status["languages"].as_array()?.iter().any(|l| l.as_str() == Some(code.as_str()));
            (!known).then(|| answer::no_language(code))
        }
        _ => None,
    }
}

/// The last status, if fresh, with its clocks (uptime, a running talk timer) brought to now.
pub fn fresh_status(snapshot: &Snapshot, now: Instant) -> Option<serde_json::Value> {
    let guard = snapshot.lock().ok()?;
    let (taken, status) = guard.as_ref()?;
    let age = now.saturating_duration_since(*taken);
    if age >= STATUS_FRESH {
        return None;
    }
    let mut status = status.clone();
    drop(guard);
    let add = |value: &mut serde_json::Value| {
        if let Some(seconds) = value.as_f64() {
            *value = serde_json::json!((seconds + age.as_secs_f64()).floor());
        }
    };
    add(&mut status["uptime_seconds"]);
    if status["timer"]["running"].as_bool() == Some(true) {
        add(&mut status["timer"]["elapsed_seconds"]);
    }
    Some(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_status_is_the_answer_with_its_clocks_brought_forward() {
        let snapshot = Snapshot::default();
        let taken = Instant::now();
        assert!(fresh_status(&snapshot, taken).is_none(), "before the first frame, the UI thread answers");
        let status =
            serde_json::json!({ "uptime_seconds": 10.5, "timer": { "running": true, "elapsed_seconds": 4.5 } });
        *snapshot.lock().unwrap() = Some((taken, status));
        let later = fresh_status(&snapshot, taken + Duration::from_millis(600)).unwrap();
        assert_eq!(
            (later["uptime_seconds"].as_f64(), later["timer"]["elapsed_seconds"].as_f64()),
            (Some(11.0), Some(5.0))
        );
        assert!(fresh_status(&snapshot, taken + STATUS_FRESH).is_none(), "a stale status is asked of the UI thread");
    }
}
