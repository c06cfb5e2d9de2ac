//! The presenter's clock, as plain data: elapsed time that starts at the first advance and
//! can be paused and reset, and the pace of the talk against its planned length. Times are
//! seconds on a clock the caller passes in (egui's input time in the app, any number in
//! tests).

/// Elapsed talk time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timer {
    /// Seconds counted before the current run.
    banked: f64,
    /// When the current run started; `None` while paused or not started.
    running_since: Option<f64>,
    started: bool,
}

impl Timer {
    /// Starts counting if the talk has not started yet (called on every advance).
    pub fn start(&mut self, now: f64) {
        if !self.started {
            self.started = true;
            self.running_since = Some(now);
        }
    }

    /// Pauses a running timer, resumes a paused one, starts one that never ran.
    pub fn toggle_pause(&mut self, now: f64) {
        match self.running_since.take() {
            Some(since) => self.banked += now - since,
            None => {
                self.started = true;
                self.running_since = Some(now);
            }
        }
    }

    /// Back to zero, waiting for the next advance.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    pub fn elapsed(&self, now: f64) -> f64 {
        self.banked + self.running_since.map_or(0.0, |since| (now - since).max(0.0))
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn has_started(&self) -> bool {
        self.started
    }
}

/// How the talk is going against its planned length (pdfpc's colours).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// The share of slides done keeps up with the share of time used.
    OnTime,
    /// Behind: more time used than slides done, by more than the allowance.
    Behind,
    /// The planned length has passed.
    Over,
}

/// How far behind the slides may be (as a share of the talk) before the pace says so.
const BEHIND_ALLOWANCE: f64 = 0.1;

/// The pace at `elapsed` seconds of a `length`-second talk, on slide `number` of `count`.
pub fn pace(elapsed: f64, length: f64, number: usize, count: usize) -> Pace {
    if elapsed > length {
        return Pace::Over;
    }
    let time_used = elapsed / length.max(1.0);
    // Being on slide n means slides 1..n-1 are done.
    let slides_done = number.saturating_sub(1) as f64 / count.max(1) as f64;
    if time_used - slides_done > BEHIND_ALLOWANCE { Pace::Behind } else { Pace::OnTime }
}

/// `mm:ss`, or `h:mm:ss` from an hour; negative times get a minus sign.
pub fn clock_text(seconds: f64) -> String {
    let sign = if seconds < 0.0 { "-" } else { "" };
    let total = seconds.abs().floor() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 { format!("{sign}{h}:{m:02}:{s:02}") } else { format!("{sign}{m:02}:{s:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_starts_at_the_first_advance_and_pauses_and_resets() {
        let mut timer = Timer::default();
        assert_eq!(timer.elapsed(100.0), 0.0, "not started before the first advance");
        timer.start(10.0);
        timer.start(50.0); // later advances do not restart it
        assert_eq!(timer.elapsed(70.0), 60.0);
        timer.toggle_pause(70.0);
        assert_eq!(timer.elapsed(500.0), 60.0, "paused");
        timer.toggle_pause(500.0);
        assert_eq!(timer.elapsed(530.0), 90.0, "resumed");
        timer.reset();
        assert!(!timer.has_started());
        timer.start(600.0);
        assert_eq!(timer.elapsed(601.0), 1.0, "starts again at the next advance");
    }

    #[test]
    fn pace_as_a_table_of_named_cases() {
        // (name, elapsed, talk length, slide number, slide count, pace)
        let cases: &[(&str, f64, f64, usize, usize, Pace)] = &[
            ("start", 0.0, 600.0, 1, 10, Pace::OnTime),
            ("half the time, half the slides", 300.0, 600.0, 6, 10, Pace::OnTime),
            ("ahead", 60.0, 600.0, 8, 10, Pace::OnTime),
            ("a little behind is still on time", 300.0, 600.0, 5, 10, Pace::OnTime),
            ("half the time on slide 3 of 10", 300.0, 600.0, 3, 10, Pace::Behind),
            ("the length passed", 601.0, 600.0, 10, 10, Pace::Over),
            ("exactly on the length", 600.0, 600.0, 10, 10, Pace::OnTime),
        ];
        for &(name, elapsed, length, number, count, expected) in cases {
            assert_eq!(pace(elapsed, length, number, count), expected, "{name}");
        }
    }

    #[test]
    fn clock_text_reads_like_a_stopwatch() {
        assert_eq!(clock_text(0.0), "00:00");
        assert_eq!(clock_text(65.9), "01:05");
        assert_eq!(clock_text(3723.0), "1:02:03");
        assert_eq!(clock_text(-30.0), "-00:30");
    }
}
