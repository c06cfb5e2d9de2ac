//! Opening hours of an exhibit: windows of local wall time on chosen weekdays, with
//! daylight-saving days and windows that cross midnight. Pure: the caller passes the wall
//! clock in (a [`Timestamp`]), so a clock change never shortens a slide and tests need no
//! waiting.

use jiff::Timestamp;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;

/// Opening hours: windows of local wall time on chosen weekdays. A window whose close is not
/// after its open crosses midnight and belongs to the day it opens (Fri 22:00-02:00 runs
/// into Saturday morning).
#[derive(Clone, Debug, PartialEq)]
pub struct Hours {
    pub zone: TimeZone,
    pub windows: Vec<Window>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Monday first.
    pub days: [bool; 7],
    pub open: Time,
    pub close: Time,
}

impl Window {
    fn on(&self, day: Weekday) -> bool {
        self.days[day.to_monday_zero_offset() as usize]
    }

    fn crosses_midnight(&self) -> bool {
        self.close <= self.open
    }

    /// Whether the window is open at local `date` and `time`.
    fn contains(&self, date: Date, time: Time) -> bool {
        let day = date.weekday();
        if self.crosses_midnight() {
            (self.on(day) && time >= self.open) || (self.on(day.previous()) && time < self.close)
        } else {
            self.on(day) && time >= self.open && time < self.close
        }
    }
}

impl Hours {
    pub fn is_open(&self, at: Timestamp) -> bool {
        let local = self.zone.to_datetime(at);
        self.windows.iter().any(|w| w.contains(local.date(), local.time()))
    }

    /// The next moment after `at` when the show opens or closes, within the coming eight
    /// days. Wall times that do not exist on a daylight-saving day (02:30 when clocks jump
    /// from 02:00 to 03:00) happen at the first moment after the gap.
    pub fn next_change(&self, at: Timestamp) -> Option<Timestamp> {
        let open_now = self.is_open(at);
        let today = self.zone.to_datetime(at).date();
        let mut candidates: Vec<Timestamp> = Vec::new();
        for offset in -1..=8i64 {
            let Ok(date) = today.checked_add(jiff::Span::new().days(offset)) else { continue };
            for window in &self.windows {
                for time in [window.open, window.close] {
                    if let Ok(instant) = self.zone.to_ambiguous_timestamp(date.to_datetime(time)).compatible()
                        && instant > at
                    {
                        candidates.push(instant);
                    }
                }
            }
        }
        // A wall time skipped by a clock change opens or closes the show at the change
        // itself (the first moment the wall clock is past it).
        let horizon = at.checked_add(jiff::SignedDuration::from_hours(24 * 9)).unwrap_or(at);
        candidates.extend(self.zone.following(at).map(|t| t.timestamp()).take_while(|t| *t < horizon));
        candidates.sort();
        candidates.into_iter().find(|t| self.is_open(*t) != open_now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> TimeZone {
        // Central European rules without a time zone database: CET, CEST from the last
        // Sunday of March 02:00 to the last Sunday of October 03:00.
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    fn local(zone: &TimeZone, text: &str) -> Timestamp {
        let dt: jiff::civil::DateTime = text.parse().unwrap();
        zone.to_ambiguous_timestamp(dt).compatible().unwrap()
    }

    fn hours(windows: &[([bool; 7], &str, &str)]) -> Hours {
        Hours {
            zone: berlin(),
            windows: windows
                .iter()
                .map(|(days, open, close)| Window {
                    days: *days,
                    open: open.parse().unwrap(),
                    close: close.parse().unwrap(),
                })
                .collect(),
        }
    }

    const WEEKDAYS: [bool; 7] = [true, true, true, true, true, false, false];
    const FRIDAY: [bool; 7] = [false, false, false, false, true, false, false];
    const SUNDAY: [bool; 7] = [false, false, false, false, false, false, true];

    #[test]
    fn opening_hours_as_a_table_of_named_cases() {
        let museum = hours(&[(WEEKDAYS, "09:00", "17:00"), (FRIDAY, "19:00", "01:30")]);
        // 2026-11-27 is a Friday.
        let cases: &[(&str, &str, bool)] = &[
            ("before opening", "2026-11-27T08:59", false),
            ("at opening", "2026-11-27T09:00", true),
            ("just before closing", "2026-11-27T16:59:59", true),
            ("at closing", "2026-11-27T17:00", false),
            ("late opening on Friday", "2026-11-27T23:00", true),
            ("after midnight, the Friday window still runs", "2026-11-28T01:00", true),
            ("after the late window", "2026-11-28T01:30", false),
            ("Saturday daytime is closed", "2026-11-28T12:00", false),
            ("Thursday night has no late window", "2026-11-27T00:30", false),
        ];
        for &(name, at, open) in cases {
            assert_eq!(museum.is_open(local(&berlin(), at)), open, "{name}");
        }
    }

    #[test]
    fn opening_hours_follow_wall_time_across_daylight_saving() {
        let early = hours(&[(SUNDAY, "02:30", "04:00")]);
        // 2026-03-29: clocks jump from 02:00 to 03:00, so 02:30 does not exist that night.
        let before = local(&berlin(), "2026-03-29T01:59");
        assert!(!early.is_open(before));
        let opens = early.next_change(before).unwrap();
        assert_eq!(berlin().to_datetime(opens).to_string(), "2026-03-29T03:00:00", "opens after the gap");
        assert!(early.is_open(opens));
        assert_eq!((opens - before).as_secs(), 60, "one real minute after 01:59");
        // 2026-10-25: 02:00-03:00 happens twice; a 09:00-17:00 day is still eight hours of
        // wall time and 9 real hours after midnight.
        let day = hours(&[(SUNDAY, "09:00", "17:00")]);
        let midnight = local(&berlin(), "2026-10-25T00:00");
        let opens = day.next_change(midnight).unwrap();
        assert_eq!((opens - midnight).as_secs(), 10 * 3600, "the repeated hour makes it 10 real hours");
        let closes = day.next_change(opens).unwrap();
        assert_eq!(berlin().to_datetime(closes).to_string(), "2026-10-25T17:00:00");
    }
}
