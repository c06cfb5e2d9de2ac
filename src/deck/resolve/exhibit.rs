//! The deck's `exhibit` settings: how the unattended loop moves (transition, idle time) and
//! when it is open (opening hours, their time zone, the slide shown while closed).

use std::net::SocketAddr;

use super::ctx::Ctx;
use crate::deck::diagnostic::{Severity, did_you_mean};
use crate::deck::exhibit::{ControlSettings, ExhibitSettings};
use crate::deck::model::Slide;
use crate::deck::raw::{RawControl, RawExhibit, RawOnIdle, RawSync, RawTransition};
use crate::deck::source::Step;
use crate::timing::TransitionKind;

impl Ctx<'_, '_> {
    pub(super) fn exhibit(&mut self, raw: RawExhibit, slides: &[Slide]) -> ExhibitSettings {
        use crate::timing::{Hours, OnIdle, Window};
        let defaults = ExhibitSettings::default();
        let seconds = |ctx: &mut Self, value: Option<f32>, name: &'static str, fallback: f32, zero_ok: bool| match value
        {
            None => fallback,
            Some(v) if v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0)) && v <= 86_400.0 => v,
            Some(v) => {
                let wanted = if zero_ok { "zero or more" } else { "more than zero" };
                ctx.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field(name)],
                    format!("`{name}` must be {wanted} seconds (at most a day), not {v}"),
                    "out of range",
                    None,
                );
                fallback
            }
        };
        let transition_seconds =
            seconds(self, raw.transition_seconds, "transition_seconds", defaults.transition_seconds, true);
        let idle_seconds = seconds(self, raw.idle_seconds, "idle_seconds", defaults.idle_seconds, false);
        let zone = match &raw.time_zone {
            None => jiff::tz::TimeZone::system(),
            Some(name) => jiff::tz::TimeZone::get(name).unwrap_or_else(|err| {
                self.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field("time_zone")],
                    format!("`{name}` is not a known time zone: {err}"),
                    "unknown time zone",
                    Some("use an IANA name such as \"Asia/Almaty\" or \"Europe/Vienna\"".into()),
                );
                jiff::tz::TimeZone::UTC
            }),
        };
        let hours = raw.hours.map(|windows| {
            let windows = windows
                .into_iter()
                .enumerate()
                .filter_map(|(i, window)| {
                    let time = |ctx: &mut Self, text: &str, name: &'static str| {
                        let parsed = text.parse::<jiff::civil::Time>();
                        if parsed.is_err() {
                            ctx.report(
                                Severity::Error,
                                &[Step::Field("exhibit"), Step::Field("hours"), Step::Index(i), Step::Field(name)],
                                format!("`{text}` is not a time of day"),
                                "expected HH:MM",
                                Some("24-hour local time, e.g. \"09:30\"; a close at or before the open runs past midnight".into()),
                            );
                        }
                        parsed.ok()
                    };
                    let open = time(self, &window.open, "open");
                    let close = time(self, &window.close, "close");
                    if window.days.is_empty() {
                        self.report(
                            Severity::Error,
                            &[Step::Field("exhibit"), Step::Field("hours"), Step::Index(i), Step::Field("days")],
                            "opening hours without days are never open".to_owned(),
                            "no days",
                            Some("list the days, e.g. `days: [Mon, Tue, Wed, Thu, Fri]`".into()),
                        );
                    }
                    let mut days = [false; 7];
                    for day in window.days {
                        days[day as usize] = true;
                    }
                    Some(Window { days, open: open?, close: close? })
                })
                .collect();
            Hours { zone: zone.clone(), windows }
        });
        let closed_slide = raw.closed_slide.and_then(|id| {
            let found = slides.iter().position(|s| s.id.as_deref() == Some(id.as_str()));
            if found.is_none() {
                let ids = slides.iter().filter_map(|s| s.id.as_deref());
                self.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field("closed_slide")],
                    format!("no slide has the id `{id}`"),
                    "unknown slide id",
                    did_you_mean(&id, ids),
                );
            }
            found
        });
        ExhibitSettings {
            transition: transition_kind(raw.transition),
            transition_seconds,
            idle_seconds,
            on_idle: match raw.on_idle {
                RawOnIdle::Restart => OnIdle::Restart,
                RawOnIdle::Resume => OnIdle::Resume,
            },
            hours,
            closed_slide,
            clock_sync: raw.sync == RawSync::Clock,
            control: raw.control.map(|raw| self.control(raw)).unwrap_or_default(),
        }
    }

    /// Where the kiosk listens: addresses parsed, the token file found from the deck's folder,
    /// and the rule the command line also follows (beyond loopback, a token is required).
    fn control(&mut self, raw: RawControl) -> ControlSettings {
        let address = |ctx: &mut Self, text: Option<String>, name: &'static str| {
            let text = text?;
            let parsed = text.parse::<SocketAddr>();
            if parsed.is_err() {
                ctx.report(
                    Severity::Error,
                    &[Step::Field("exhibit"), Step::Field("control"), Step::Field(name)],
                    format!("`{text}` is not an address and port"),
                    "expected ADDRESS:PORT",
                    Some("e.g. \"127.0.0.1:7300\" for this machine only, \"0.0.0.0:7300\" for the network".into()),
                );
            }
            parsed.ok()
        };
        let http = address(self, raw.http, "http");
        let osc = address(self, raw.osc, "osc");
        let token_file = raw.token_file.map(|file| self.base_dir.join(file));
        if token_file.is_none() && http.iter().chain(&osc).any(|a| !a.ip().is_loopback()) {
            // A warning: `--control-token` may give the token; the show refuses to start
            // without one either way (`ControlOptions::check`).
            self.report(
                Severity::Warning,
                &[Step::Field("exhibit"), Step::Field("control")],
                "show control beyond this machine needs a `token_file` (or --control-token)".to_owned(),
                "no token",
                Some(
                    "name a file that holds the token every request must carry, e.g. `token_file: \"control.token\"`"
                        .into(),
                ),
            );
        }
        ControlSettings { http, osc, token_file }
    }
}

/// The timing's transition for one written in the file.
pub(super) fn transition_kind(raw: RawTransition) -> TransitionKind {
    match raw {
        RawTransition::None => TransitionKind::None,
        RawTransition::Crossfade => TransitionKind::Crossfade,
        RawTransition::Slide => TransitionKind::Slide,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::time;
    use jiff::tz::TimeZone;

    use super::super::test_support::{problems, report, resolved};
    use crate::deck::{ControlSettings, ExhibitSettings};
    use crate::timing::{Hours, OnIdle, TransitionKind, Window};

    /// A deck whose `exhibit` settings are `fields`, written on line 3 from column 15.
    fn deck_with(fields: &str) -> String {
        format!(
            "Deck(\n    title: \"T\",\n    exhibit: ({fields}),\n    slides: [Title(id: \"title\", title: \"One\")],\n)"
        )
    }

    #[test]
    fn exhibit_settings_are_read() {
        let text = r#"Deck(
    title: "T",
    exhibit: (
        transition: Slide,
        transition_seconds: 0,
        idle_seconds: 30,
        on_idle: Resume,
        hours: [(days: [Sat, Sun], open: "10:00", close: "02:30")],
        time_zone: "Asia/Almaty",
        closed_slide: "closed",
        sync: Clock,
        control: (http: "0.0.0.0:7300", osc: "127.0.0.1:7301", token_file: "kiosk.token"),
    ),
    slides: [Title(title: "A"), Section(id: "closed", title: "Closed")],
)"#;
        let (deck, warnings) = resolved(text);
        let weekend = [false, false, false, false, false, true, true];
        let expected = ExhibitSettings {
            transition: TransitionKind::Slide,
            transition_seconds: 0.0,
            idle_seconds: 30.0,
            on_idle: OnIdle::Resume,
            hours: Some(Hours {
                zone: TimeZone::get("Asia/Almaty").unwrap(),
                windows: vec![Window { days: weekend, open: time(10, 0, 0, 0), close: time(2, 30, 0, 0) }],
            }),
            closed_slide: Some(1),
            clock_sync: true,
            control: ControlSettings {
                http: Some("0.0.0.0:7300".parse().unwrap()),
                osc: Some("127.0.0.1:7301".parse().unwrap()),
                token_file: Some("talk/kiosk.token".into()),
            },
        };
        assert_eq!(deck.exhibit, expected);
        assert!(warnings.diagnostics.is_empty(), "{}", warnings.render());
    }

    #[test]
    fn opening_hours_without_a_time_zone_keep_the_systems() {
        let (deck, _) =
            resolved(&deck_with(r#"transition: None, hours: [(days: [Mon], open: "09:00", close: "17:00")]"#));
        assert_eq!(deck.exhibit.transition, TransitionKind::None);
        assert_eq!(deck.exhibit.hours.unwrap().zone, TimeZone::system());
    }

    #[test]
    fn each_bad_setting_is_one_error_at_its_value() {
        let cases = [
            ("idle_seconds: -1", "3:29: error: `idle_seconds` must be more than zero seconds (at most a day), not -1"),
            ("idle_seconds: 0", "3:29: error: `idle_seconds` must be more than zero seconds (at most a day), not 0"),
            (
                "transition_seconds: -1",
                "3:35: error: `transition_seconds` must be zero or more seconds (at most a day), not -1",
            ),
            (
                "transition_seconds: 86401",
                "3:35: error: `transition_seconds` must be zero or more seconds (at most a day), not 86401",
            ),
            (r#"hours: [(days: [Mon], open: "9am", close: "17:00")]"#, "3:43: error: `9am` is not a time of day"),
            (r#"hours: [(days: [Mon], open: "09:00", close: "24:00")]"#, "3:59: error: `24:00` is not a time of day"),
            (
                r#"hours: [(days: [], open: "09:00", close: "17:00")]"#,
                "3:30: error: opening hours without days are never open",
            ),
            (r#"time_zone: "Mars/Olympus""#, "3:26: error: `Mars/Olympus` is not a known time zone: "),
            (r#"closed_slide: "titel""#, "3:29: error: no slide has the id `titel`"),
            (r#"control: (http: "localhost")"#, "3:31: error: `localhost` is not an address and port"),
            (
                r#"control: (osc: "0.0.0.0:7301")"#,
                "3:24: warning: show control beyond this machine needs a `token_file`",
            ),
        ];
        for (fields, expected) in cases {
            let found = problems(&deck_with(fields));
            assert_eq!(found.len(), 1, "{fields}: {found:#?}");
            let expected = format!("talk/deck.ron:{expected}");
            assert!(found[0].starts_with(&expected), "{fields}:\n  {}\n  expected {expected}", found[0]);
        }
    }

    #[test]
    fn an_unknown_closed_slide_suggests_a_close_id() {
        let close = report(&deck_with(r#"closed_slide: "titel""#));
        assert_eq!(close.diagnostics[0].help.as_deref(), Some("did you mean `title`?"));
        let far = report(&deck_with(r#"closed_slide: "zzz""#));
        assert_eq!(far.diagnostics[0].help, None);
        let bad_time = report(&deck_with(r#"hours: [(days: [Mon], open: "9am", close: "17:00")]"#));
        assert_eq!(bad_time.diagnostics[0].label, "expected HH:MM");
    }
}
