//! The exhibit loop's timing, as plain data driven by a monotonic clock (seconds) the caller
//! passes in: how long each slide stays up, the transition between slides, visitors pausing
//! the loop and the return to it after an idle timeout (restarting or resuming, with the
//! language back to the default). Opening hours are [`super::hours`].

/// How one slide gives way to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TransitionKind {
    None,
    #[default]
    Crossfade,
    Slide,
}

/// Many screens, one show: with `exhibit: (sync: Clock)` each screen works out where the loop
/// is from the wall clock alone (as info-beamer does), so screens whose clocks are kept by
/// NTP or chrony show the same slide at the same moment without talking to each other. The
/// loop's length is the sum of the dwells and transitions; its start is the Unix epoch, moved
/// by a screen's `--offset` to stagger screens on purpose.
/// Where a loop of these dwells (seconds per slide) and transitions is, `seconds` after its
/// start: what shows, and how far into that slide or transition it is (seconds).
pub fn clock_position(dwell: &[f64], transition_seconds: f64, seconds: f64) -> (View, f64) {
    let count = dwell.len().max(1);
    let dwell_of = |slide: usize| dwell.get(slide).copied().unwrap_or(20.0).max(0.5);
    let transition = if count > 1 { transition_seconds.max(0.0) } else { 0.0 };
    let length: f64 = (0..count).map(|slide| dwell_of(slide) + transition).sum();
    let mut t = seconds.rem_euclid(length);
    for slide in 0..count {
        if t < dwell_of(slide) {
            return (View::Slide(slide), t);
        }
        t -= dwell_of(slide);
        if t < transition {
            return (View::Transition { from: slide, to: (slide + 1) % count, progress: t / transition }, t);
        }
        t -= transition;
    }
    (View::Slide(0), 0.0)
}

/// Eases a transition's linear progress: slow out, slow in.
pub fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// What the show does when visitors have left it alone for the idle timeout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnIdle {
    /// Back to the first slide.
    #[default]
    Restart,
    /// Go on from where the visitor left it.
    Resume,
}

/// Timing of the loop.
#[derive(Clone, Debug)]
pub struct Timing {
    /// Seconds each presented slide stays up, in presentation order.
    pub dwell: Vec<f64>,
    pub transition: TransitionKind,
    pub transition_seconds: f64,
    pub idle_seconds: f64,
    pub on_idle: OnIdle,
}

/// What a visitor did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visitor {
    Next,
    Previous,
    /// Any other touch, click or key: shows the controls and pauses the loop.
    Touch,
    /// A link to slide `n` (an index into the presented slides) was followed.
    Visit(usize),
}

/// What the screen shows at a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum View {
    /// A slide (an index into the presented slides), still.
    Slide(usize),
    /// A transition from one slide to another, `progress` from 0 to 1.
    Transition { from: usize, to: usize, progress: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Looping: showing `slide` since `since`.
    Looping {
        slide: usize,
        since: f64,
    },
    Transition {
        from: usize,
        to: usize,
        since: f64,
    },
    /// A visitor is in charge; the loop waits until `last_touch` + idle timeout.
    Visitor {
        slide: usize,
        last_touch: f64,
    },
}

/// The loop's state machine.
#[derive(Clone, Debug)]
pub struct Schedule {
    timing: Timing,
    phase: Phase,
    /// Set when the show returns to the loop; the app puts the default language back.
    language_reset: bool,
    /// The current slide's time is up but the next one is not ready (its images are still
    /// decoding): the slide stays, and the transition starts from the moment it is ready.
    held: bool,
}

/// While the next slide is not ready, how often the caller looks again (images arriving wake
/// it sooner).
pub const HOLD_RECHECK_SECONDS: f64 = 0.25;

/// The longest a slide is held past its time for the next one's pictures: a picture that
/// takes longer (a costly SVG filter, a huge file on a slow disk) is not worth a stopped
/// loop; the next slide shows without it and it appears when it is ready.
pub const MAX_HOLD_SECONDS: f64 = 3.0;

impl Schedule {
    pub fn new(timing: Timing, now: f64) -> Self {
        Self::starting_at(timing, 0, now)
    }

    /// A loop that starts on presented slide `slide` (after a reload keeps the place).
    pub fn starting_at(timing: Timing, slide: usize, now: f64) -> Self {
        let slide = slide.min(timing.dwell.len().max(1) - 1);
        Self { timing, phase: Phase::Looping { slide, since: now }, language_reset: false, held: false }
    }

    /// The slide the loop goes to next, while it is looping (the one to have ready).
    pub fn upcoming(&self) -> Option<usize> {
        match self.phase {
            Phase::Looping { slide, .. } => Some((slide + 1) % self.count()),
            _ => None,
        }
    }

    /// The slide shown now, or the one a transition is going to.
    pub fn current(&self) -> usize {
        match self.phase {
            Phase::Looping { slide, .. } | Phase::Visitor { slide, .. } => slide,
            Phase::Transition { to, .. } => to,
        }
    }

    fn count(&self) -> usize {
        self.timing.dwell.len().max(1)
    }

    fn dwell(&self, slide: usize) -> f64 {
        self.timing.dwell.get(slide).copied().unwrap_or(20.0).max(0.5)
    }

    fn transition_seconds(&self) -> f64 {
        if self.timing.transition == TransitionKind::None { 0.0 } else { self.timing.transition_seconds.max(0.0) }
    }

    /// Advances the loop to `now` and says what to show, every slide counting as ready.
    pub fn tick(&mut self, now: f64) -> View {
        self.tick_when_ready(now, |_| true)
    }

    /// Advances the loop to `now`; a slide whose `ready` is false is not moved to yet (the
    /// current one stays up until it is).
    pub fn tick_when_ready(&mut self, now: f64, ready: impl Fn(usize) -> bool) -> View {
        // Several steps may be due after a long pause of the caller (a sleeping machine).
        for _ in 0..(self.count() * 2 + 4) {
            let next = match self.phase {
                // A deck of one slide has nowhere to go: it stays, with no transition into itself.
                Phase::Looping { .. } if self.count() == 1 => break,
                Phase::Looping { slide, since } if now - since >= self.dwell(slide) => {
                    let to = (slide + 1) % self.count();
                    if !ready(to) && now - since - self.dwell(slide) < MAX_HOLD_SECONDS {
                        self.held = true;
                        break;
                    }
                    // A held slide gives way now that the next is ready, not back when its
                    // time ran out (the transition would start half done).
                    let start = if std::mem::take(&mut self.held) { now } else { since + self.dwell(slide) };
                    if self.transition_seconds() > 0.0 {
                        Phase::Transition { from: slide, to, since: start }
                    } else {
                        Phase::Looping { slide: to, since: start }
                    }
                }
                Phase::Transition { to, since, .. } if now - since >= self.transition_seconds() => {
                    Phase::Looping { slide: to, since: since + self.transition_seconds() }
                }
                Phase::Visitor { slide, last_touch } if now - last_touch >= self.timing.idle_seconds => {
                    self.language_reset = true;
                    let slide = if self.timing.on_idle == OnIdle::Restart { 0 } else { slide };
                    Phase::Looping { slide, since: now }
                }
                _ => break,
            };
            self.phase = next;
        }
        // A caller far behind (hours asleep) restarts the current slide's dwell now.
        if let Phase::Looping { slide, since } = self.phase
            && now - since > self.dwell(slide)
            && !self.held
        {
            self.phase = Phase::Looping { slide, since: now };
        }
        self.view(now)
    }

    fn view(&self, now: f64) -> View {
        match self.phase {
            Phase::Looping { slide, .. } | Phase::Visitor { slide, .. } => View::Slide(slide),
            Phase::Transition { from, to, since } => {
                View::Transition { from, to, progress: ((now - since) / self.transition_seconds()).clamp(0.0, 1.0) }
            }
        }
    }

    /// Follows the wall clock (`exhibit: (sync: Clock)`): unless a visitor is in charge, the
    /// loop is where [`clock_position`] says for `seconds` since the loop's start. A
    /// visitor's slide stays theirs until the idle timeout; then the clock rules again.
    pub fn follow_clock(&mut self, now: f64, seconds: f64) -> View {
        if let Phase::Visitor { last_touch, .. } = self.phase
            && now - last_touch < self.timing.idle_seconds
        {
            return self.view(now);
        }
        if matches!(self.phase, Phase::Visitor { .. }) {
            self.language_reset = true;
        }
        self.held = false;
        let (view, into) = clock_position(&self.timing.dwell, self.transition_seconds(), seconds);
        self.phase = match view {
            View::Slide(slide) => Phase::Looping { slide, since: now - into },
            View::Transition { from, to, .. } => Phase::Transition { from, to, since: now - into },
        };
        self.view(now)
    }

    /// A visitor acted: the loop pauses and the visitor's move happens at once.
    pub fn visitor(&mut self, action: Visitor, now: f64) -> View {
        // Mid-transition the visitor takes over from where it was going.
        let current = self.current();
        let slide = match action {
            Visitor::Next => (current + 1) % self.count(),
            Visitor::Previous => (current + self.count() - 1) % self.count(),
            Visitor::Touch => current,
            Visitor::Visit(slide) => slide.min(self.count() - 1),
        };
        self.phase = Phase::Visitor { slide, last_touch: now };
        self.held = false;
        View::Slide(slide)
    }

    /// Whether the current slide is kept up because the next one is not ready.
    pub fn held(&self) -> bool {
        self.held
    }

    /// Whether a visitor is in charge (the on-screen controls show).
    pub fn visitor_active(&self) -> bool {
        matches!(self.phase, Phase::Visitor { .. })
    }

    /// Whether the show just went back to the loop; asking clears it.
    pub fn take_language_reset(&mut self) -> bool {
        std::mem::take(&mut self.language_reset)
    }

    /// Seconds from `now` until the screen next changes by itself: the caller sleeps that
    /// long (`request_repaint_after`); during a transition, the next frame is due at once.
    pub fn next_change_in(&self, now: f64) -> f64 {
        match self.phase {
            Phase::Looping { .. } if self.held => HOLD_RECHECK_SECONDS,
            Phase::Looping { .. } if self.count() == 1 => f64::INFINITY,
            Phase::Looping { slide, since } => (since + self.dwell(slide) - now).max(0.0),
            Phase::Transition { .. } => 0.0,
            Phase::Visitor { last_touch, .. } => (last_touch + self.timing.idle_seconds - now).max(0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing(dwell: &[f64], transition: f64, on_idle: OnIdle) -> Timing {
        Timing {
            dwell: dwell.to_vec(),
            transition: if transition > 0.0 { TransitionKind::Crossfade } else { TransitionKind::None },
            transition_seconds: transition,
            idle_seconds: 60.0,
            on_idle,
        }
    }

    #[test]
    fn the_loop_as_a_table_of_named_cases() {
        // Three slides of 10, 20 and 10 s with a 1 s crossfade, starting at t = 0.
        let cases: &[(&str, f64, View)] = &[
            ("first slide at the start", 0.0, View::Slide(0)),
            ("still the first before its dwell ends", 9.9, View::Slide(0)),
            ("crossfade halfway", 10.5, View::Transition { from: 0, to: 1, progress: 0.5 }),
            ("second slide after the crossfade", 11.0, View::Slide(1)),
            ("the second slide's own longer dwell", 30.9, View::Slide(1)),
            ("into the third", 32.0, View::Slide(2)),
            ("loops to the first after the last", 43.5, View::Slide(0)),
        ];
        for &(name, now, expected) in cases {
            let mut schedule = Schedule::new(timing(&[10.0, 20.0, 10.0], 1.0, OnIdle::Restart), 0.0);
            assert_eq!(schedule.tick(now), expected, "{name}");
        }
    }

    #[test]
    fn a_single_slide_stays_without_transitions_or_wake_ups() {
        let mut schedule = Schedule::new(timing(&[5.0], 1.0, OnIdle::Restart), 0.0);
        for now in [4.0, 5.0, 5.5, 60.0, 3600.0] {
            assert_eq!(schedule.tick(now), View::Slide(0), "at {now} s");
        }
        assert_eq!(schedule.next_change_in(3600.0), f64::INFINITY, "nothing to wake up for");
    }

    #[test]
    fn the_next_slide_waits_until_it_is_ready() {
        let mut schedule = Schedule::new(timing(&[10.0, 10.0, 10.0], 1.0, OnIdle::Restart), 0.0);
        assert_eq!(schedule.upcoming(), Some(1));
        let not_ready = |slide: usize| slide != 1;
        assert_eq!(schedule.tick_when_ready(10.0, not_ready), View::Slide(0), "held while slide 1 decodes");
        assert_eq!(schedule.tick_when_ready(12.0, not_ready), View::Slide(0), "still held");
        assert_eq!(schedule.next_change_in(12.0), HOLD_RECHECK_SECONDS, "looks again soon, not in a busy loop");
        assert_eq!(
            schedule.tick_when_ready(12.5, |_| true),
            View::Transition { from: 0, to: 1, progress: 0.0 },
            "the transition starts when ready, from its beginning"
        );
        assert_eq!(schedule.tick(13.5), View::Slide(1));
        assert_eq!(schedule.next_change_in(13.5), 10.0, "the new slide gets its whole dwell");
        let never = |slide: usize| slide != 2;
        assert_eq!(schedule.tick_when_ready(23.5 + MAX_HOLD_SECONDS - 0.1, never), View::Slide(1), "held");
        assert_eq!(
            schedule.tick_when_ready(23.5 + MAX_HOLD_SECONDS, never),
            View::Transition { from: 1, to: 2, progress: 0.0 },
            "a picture that never comes holds the loop no longer than the bound"
        );
    }

    #[test]
    fn without_a_transition_slides_cut() {
        let mut schedule = Schedule::new(timing(&[5.0, 5.0], 0.0, OnIdle::Restart), 0.0);
        assert_eq!(schedule.tick(5.0), View::Slide(1));
        assert_eq!(schedule.next_change_in(5.0), 5.0, "sleeps until the next cut");
    }

    /// (name, on idle, visitor actions at t, check time, expected view, language reset)
    type IdleCase = (&'static str, OnIdle, &'static [(Visitor, f64)], f64, View, bool);

    #[test]
    fn visitors_pause_the_loop_and_idle_returns_to_it() {
        let cases: &[IdleCase] = &[
            ("a tap pauses on the slide", OnIdle::Restart, &[(Visitor::Touch, 3.0)], 50.0, View::Slide(0), false),
            (
                "next and previous move at once",
                OnIdle::Restart,
                &[(Visitor::Next, 3.0), (Visitor::Next, 4.0)],
                5.0,
                View::Slide(2),
                false,
            ),
            (
                "previous from the first wraps to the last",
                OnIdle::Restart,
                &[(Visitor::Previous, 1.0)],
                2.0,
                View::Slide(2),
                false,
            ),
            (
                "idle restarts from the first slide",
                OnIdle::Restart,
                &[(Visitor::Next, 3.0), (Visitor::Next, 4.0)],
                64.0,
                View::Slide(0),
                true,
            ),
            (
                "idle resumes where the visitor left it",
                OnIdle::Resume,
                &[(Visitor::Next, 3.0), (Visitor::Next, 4.0)],
                64.0,
                View::Slide(2),
                true,
            ),
            (
                "every touch restarts the idle timeout",
                OnIdle::Restart,
                &[(Visitor::Next, 3.0), (Visitor::Touch, 50.0)],
                100.0,
                View::Slide(1),
                false,
            ),
            (
                "a visitor mid-transition takes over at its target",
                OnIdle::Restart,
                &[(Visitor::Touch, 10.5)],
                11.0,
                View::Slide(1),
                false,
            ),
        ];
        for &(name, on_idle, actions, at, expected, reset) in cases {
            let mut schedule = Schedule::new(timing(&[10.0, 10.0, 10.0], 1.0, on_idle), 0.0);
            for &(action, t) in actions {
                schedule.tick(t);
                schedule.visitor(action, t);
            }
            assert_eq!(schedule.tick(at), expected, "{name}");
            assert_eq!(schedule.take_language_reset(), reset, "{name}: language back to the default");
        }
    }

    #[test]
    fn ten_thousand_advances_stay_in_step() {
        let mut schedule = Schedule::new(timing(&[7.0, 11.0, 13.0], 0.5, OnIdle::Restart), 0.0);
        let cycle = 7.0 + 11.0 + 13.0 + 3.0 * 0.5;
        let mut now = 0.0;
        for _ in 0..10_000 {
            now += schedule.next_change_in(now).max(0.05);
            schedule.tick(now);
        }
        // The loop keeps its own time: after whole cycles it is on the first slide again.
        let at = (now / cycle).ceil() * cycle + 1.0;
        assert_eq!(schedule.tick(at), View::Slide(0));
    }

    #[test]
    fn the_clock_says_where_the_loop_is() {
        let dwell = [10.0, 5.0];
        assert_eq!(clock_position(&dwell, 1.0, 0.0), (View::Slide(0), 0.0));
        assert_eq!(clock_position(&dwell, 1.0, 9.5), (View::Slide(0), 9.5));
        assert_eq!(clock_position(&dwell, 1.0, 10.5), (View::Transition { from: 0, to: 1, progress: 0.5 }, 0.5));
        assert_eq!(clock_position(&dwell, 1.0, 12.0), (View::Slide(1), 1.0));
        assert_eq!(clock_position(&dwell, 1.0, 16.25), (View::Transition { from: 1, to: 0, progress: 0.25 }, 0.25));
        assert_eq!(clock_position(&dwell, 1.0, 17.0 * 1000.0 + 3.0), (View::Slide(0), 3.0), "it loops");
        assert_eq!(clock_position(&dwell, 1.0, -1.0), clock_position(&dwell, 1.0, 16.0), "before the start too");
        assert_eq!(clock_position(&[4.0], 1.0, 7.0), (View::Slide(0), 3.0), "one slide has no transition");
    }
}
