//! How often a transition draws. A transition asks for its next frame no sooner than the
//! display could show it, and, on a renderer slower than that (software OpenGL on a kiosk
//! PC without a GPU driver, a VM, a remote desktop), only once the last frame's CPU time is
//! [`BUSY_SHARE`] of the wait: fewer frames, evenly spaced, instead of a queue that keeps the
//! machine busy all the time. The animation's progress comes from the clock, so a frame
//! drawn later only shows it further along.
//!
//! What a frame costs is learnt from consecutive frames ([`FrameCost`]): the process's CPU
//! time between them, which counts the renderer's own threads (a software renderer draws on
//! several), not only the UI thread's.

use std::time::Duration;

/// The most frames a second a transition asks for (a display's usual refresh).
pub const MAX_FRAMES_PER_SECOND: f64 = 60.0;
/// The fewest: below this a fade looks like steps.
pub const MIN_FRAMES_PER_SECOND: f64 = 12.0;
/// The share of one core a transition may keep busy.
pub const BUSY_SHARE: f64 = 0.5;
/// Frames closer than this belong to one animation, and their gap measures a frame.
const ONE_ANIMATION_SECONDS: f64 = 0.25;

/// The wait before the next frame of a transition, given what a frame costs in CPU seconds
/// (`None` until known).
pub fn transition_frame_interval(frame_cpu_seconds: Option<f64>) -> Duration {
    let floor = 1.0 / MAX_FRAMES_PER_SECOND;
    let cost = frame_cpu_seconds.unwrap_or(0.0).max(0.0);
    Duration::from_secs_f64((cost / BUSY_SHARE).clamp(floor, 1.0 / MIN_FRAMES_PER_SECOND))
}

/// What a frame costs, learnt from the frames of animations: a moving average of the CPU
/// time between two frames that came close together.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrameCost {
    /// The last frame: the window's clock at its start and the process's CPU time at its
    /// end, seconds.
    last: Option<(f64, f64)>,
    per_frame: Option<f64>,
}

impl FrameCost {
    /// A frame that began at `now` on the window's clock ended, the process having used
    /// `cpu` seconds (less what the image workers spent decoding, which is not the frame's).
    pub fn frame_ended(&mut self, now: f64, cpu: f64) {
        if let Some((then, cpu_then)) = self.last
            && now - then <= ONE_ANIMATION_SECONDS
        {
            let cost = (cpu - cpu_then).max(0.0);
            self.per_frame = Some(self.per_frame.map_or(cost, |average| average * 0.75 + cost * 0.25));
        }
        self.last = Some((now, cpu));
    }

    /// CPU seconds a frame of an animation costs, once one was seen.
    pub fn per_frame(&self) -> Option<f64> {
        self.per_frame
    }

    /// The wait before a transition's next frame.
    pub fn next_transition_frame(&self) -> Duration {
        transition_frame_interval(self.per_frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_spaced_by_what_they_cost_within_the_display_rate_and_a_floor() {
        let fps = |cost: Option<f64>| (1.0 / transition_frame_interval(cost).as_secs_f64()).round();
        let cases = [
            ("not known yet", None, 60.0),
            ("a GPU: 2 ms a frame", Some(0.002), 60.0),
            ("10 ms a frame: half of 20 ms", Some(0.010), 50.0),
            ("software OpenGL at 1080p: 29 ms a frame", Some(0.029), 17.0),
            ("a very slow renderer", Some(0.5), 12.0),
            ("a clock that went backwards", Some(-1.0), 60.0),
        ];
        for (name, cost, expected) in cases {
            assert_eq!(fps(cost), expected, "{name}");
        }
    }

    #[test]
    fn the_cost_is_learnt_from_frames_close_together_only() {
        let mut cost = FrameCost::default();
        cost.frame_ended(10.0, 1.0);
        cost.frame_ended(12.0, 3.0);
        assert_eq!(cost.per_frame(), None, "two seconds apart: a still slide, not an animation");
        for i in 1..=40 {
            cost.frame_ended(12.0 + f64::from(i) * 0.05, 3.0 + f64::from(i) * 0.03);
        }
        let learnt = cost.per_frame().unwrap();
        assert!((learnt - 0.03).abs() < 1e-6, "{learnt}");
        assert_eq!(cost.next_transition_frame(), Duration::from_secs_f64(0.06));
    }
}
