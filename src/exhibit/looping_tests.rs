//! The loop the exhibit window runs, driven through [`ExhibitLoop::frame`] (the call the
//! window makes every frame) with clocks the tests choose.

use std::path::Path;

use jiff::tz::TimeZone;

use super::*;
use crate::deck::{DiskAssets, LoadOptions, load_text};

/// Four slides of 10 s with a 1 s crossfade; the third is hidden; museum hours on weekdays
/// 09:00-17:00 in UTC, with the last slide shown while closed.
fn deck(hours: bool) -> std::sync::Arc<Deck> {
    let hours = if hours {
        r#"hours: [(days: [Mon, Tue, Wed, Thu, Fri], open: "09:00", close: "17:00")], time_zone: "UTC", closed_slide: "closed","#
    } else {
        ""
    };
    let text = format!(
        r#"(title: "Loop", exhibit: (transition: Crossfade, transition_seconds: 1, idle_seconds: 60, {hours}), slides: [
        Section(title: "A", duration: 10),
        Section(title: "B", duration: 10),
        Section(title: "Hidden", duration: 10, hidden: true),
        Section(id: "closed", title: "Closed", duration: 10),
    ])"#
    );
    load_text(Path::new("deck.ron"), text, &DiskAssets, &LoadOptions::default()).unwrap().deck
}

fn at(text: &str) -> Timestamp {
    TimeZone::UTC.to_ambiguous_timestamp(text.parse::<jiff::civil::DateTime>().unwrap()).compatible().unwrap()
}

/// A Friday at noon: open.
fn noon() -> Timestamp {
    at("2026-11-27T12:00")
}

fn frame(looped: &mut ExhibitLoop, deck: &Deck, now: f64, wall: Timestamp) -> Frame {
    looped.frame(deck.exhibit.hours.as_ref(), deck.exhibit.closed_slide, now, wall, |_| true)
}

/// (name, visitor actions at t, the time looked at, the screen then)
type Case = (&'static str, &'static [(Visitor, f64)], f64, Screen);

#[test]
fn the_loop_and_its_visitors_in_deck_slides() {
    let cases: &[Case] = &[
        ("the first slide", &[], 5.0, Screen::Slide(0)),
        ("a crossfade halfway", &[], 10.5, Screen::Transition { from: 0, to: 1, progress: 0.5 }),
        ("the hidden slide is skipped", &[], 22.0, Screen::Slide(3)),
        ("back to the first after the last", &[], 33.0, Screen::Slide(0)),
        (
            "a visitor's next skips the hidden slide too",
            &[(Visitor::Next, 1.0), (Visitor::Next, 2.0)],
            3.0,
            Screen::Slide(3),
        ),
        ("previous from the first wraps to the last", &[(Visitor::Previous, 1.0)], 2.0, Screen::Slide(3)),
        ("a touch holds the slide past its time", &[(Visitor::Touch, 5.0)], 40.0, Screen::Slide(0)),
        ("idle visitors give the loop back from the start", &[(Visitor::Next, 5.0)], 66.0, Screen::Slide(0)),
    ];
    let deck = deck(false);
    for &(name, actions, now, expected) in cases {
        let mut looped = ExhibitLoop::new(&deck, Overrides::default(), 0.0);
        for &(action, t) in actions {
            frame(&mut looped, &deck, t, noon());
            looped.visitor(action, t);
        }
        assert_eq!(frame(&mut looped, &deck, now, noon()).screen, expected, "{name}");
    }
}

#[test]
fn idle_return_resets_the_language_once() {
    let deck = deck(false);
    let mut looped = ExhibitLoop::new(&deck, Overrides::default(), 0.0);
    frame(&mut looped, &deck, 1.0, noon());
    looped.visitor(Visitor::Next, 1.0);
    assert!(looped.visitor_active());
    assert!(!frame(&mut looped, &deck, 30.0, noon()).language_reset, "still the visitor's");
    assert!(frame(&mut looped, &deck, 61.0, noon()).language_reset, "the loop is back: default language");
    assert!(!looped.visitor_active());
    assert!(!frame(&mut looped, &deck, 62.0, noon()).language_reset, "said once");
}

#[test]
fn the_next_slide_waits_for_its_images() {
    let deck = deck(false);
    let mut looped = ExhibitLoop::new(&deck, Overrides::default(), 0.0);
    assert_eq!(looped.wanted_next(), vec![1], "the next slide of the loop is made ready");
    let not_b = |slide: usize| slide != 1;
    let held = looped.frame(None, None, 12.0, noon(), not_b);
    assert_eq!(held.screen, Screen::Slide(0));
    assert!(looped.held());
    let ready = looped.frame(None, None, 12.5, noon(), |_| true);
    assert_eq!(ready.screen, Screen::Transition { from: 0, to: 1, progress: 0.0 }, "from its beginning");
    looped.visitor(Visitor::Touch, 13.0);
    assert_eq!(looped.wanted_next(), vec![3, 0], "a visitor may go either way");
}

#[test]
fn closed_hours_show_the_closed_slide_and_the_show_resumes_on_time() {
    let deck = deck(true);
    let mut looped = ExhibitLoop::new(&deck, Overrides::default(), 0.0);
    assert_eq!(frame(&mut looped, &deck, 25.0, noon()).screen, Screen::Slide(3));
    let evening = at("2026-11-27T18:00");
    let closed = frame(&mut looped, &deck, 26.0, evening);
    let monday = at("2026-11-30T09:00");
    assert_eq!(closed.screen, Screen::Closed { slide: Some(3), until: Some(monday) }, "rests until Monday");
    assert_eq!((closed.hours, closed.language_reset), (Some(HoursChange::Closed), true));
    assert_eq!(frame(&mut looped, &deck, 27.0, evening).hours, None, "the change is said once");
    let mut looped = looped.reloaded(&deck, Overrides::default(), 0, 28.0);
    assert_eq!(frame(&mut looped, &deck, 29.0, evening).hours, None, "a reload at night changes nothing");
    let opened = frame(&mut looped, &deck, 5000.0, monday);
    assert_eq!(opened.hours, Some(HoursChange::Opened));
    assert_eq!(opened.screen, Screen::Slide(0), "the day starts from the first slide");
    assert_eq!(frame(&mut looped, &deck, 5011.0, monday).screen, Screen::Slide(1), "with whole dwells");
}

#[test]
fn a_reload_keeps_the_place_and_overrides_set_the_pace() {
    let deck = deck(false);
    let looped = ExhibitLoop::starting_at(&deck, Overrides::default(), 2, 0.0);
    assert_eq!(looped.current(), 3, "a hidden slide's place goes to the next presented one");
    let overrides = Overrides { dwell: Some(3.0), transition_seconds: Some(0.0), ..Overrides::default() };
    let mut quick = ExhibitLoop::new(&deck, overrides, 0.0);
    assert_eq!(frame(&mut quick, &deck, 3.0, noon()).screen, Screen::Slide(1), "3 s a slide, cut");
}

#[test]
fn a_loop_in_a_longer_language_shows_dense_slides_longer() {
    // 300 letters in English, 450 in Russian (with the title's 5) at 15 a second plus 3 to
    // settle: 23 s and 33 s; the deck's default of 10 s is the floor.
    let (en, ru) = ("e".repeat(295), "р".repeat(445));
    let text = format!(
        r#"(title: "Loop", languages: ["en", "ru"], default_duration: 10, exhibit: (transition: None), slides: [
        Bullets(title: {{"en": "Dense", "ru": "Плотн"}}, items: [{{"en": "{en}", "ru": "{ru}"}}]),
        Section(title: {{"en": "B", "ru": "Б"}}),
    ])"#
    );
    let deck = load_text(Path::new("deck.ron"), text, &DiskAssets, &LoadOptions::default()).unwrap().deck;
    let next_slide_at = |language: usize| {
        let overrides = Overrides { language: crate::deck::Lang::from_index(language), ..Overrides::default() };
        let mut looped = ExhibitLoop::new(&deck, overrides, 0.0);
        (0..600)
            .map(|tenth| f64::from(tenth) / 10.0)
            .find(|&t| frame(&mut looped, &deck, t, noon()).screen != Screen::Slide(0))
    };
    assert_eq!(next_slide_at(0), Some(23.0), "English");
    assert_eq!(next_slide_at(1), Some(33.0), "Russian");
}

/// `deck(false)` with `sync: Clock`, in a time zone with daylight saving and opening hours.
fn synced_deck(extra_slide: bool) -> std::sync::Arc<Deck> {
    let extra = if extra_slide { r#"Section(title: "New", duration: 7),"# } else { "" };
    let text = format!(
        r#"(title: "Loop", exhibit: (sync: Clock, transition: Crossfade, transition_seconds: 1, idle_seconds: 60,
            hours: [(days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], open: "00:00", close: "00:00")], time_zone: "Europe/Vienna"), slides: [
        Section(title: "A", duration: 10),
        Section(title: "B", duration: 10),
        Section(title: "Hidden", duration: 10, hidden: true),
        Section(id: "closed", title: "Closed", duration: 10),
        {extra}
    ])"#
    );
    load_text(Path::new("deck.ron"), text, &DiskAssets, &LoadOptions::default()).unwrap().deck
}

#[test]
fn screens_on_the_clock_agree_at_every_instant_of_a_day_across_dst_and_a_reload() {
    let deck = synced_deck(false);
    assert!(deck.exhibit.clock_sync);
    // Vienna leaves summer time at 03:00 on 25 October 2026: the day has 25 hours.
    let start = TimeZone::get("Europe/Vienna")
        .unwrap()
        .to_ambiguous_timestamp("2026-10-25T00:00".parse::<jiff::civil::DateTime>().unwrap())
        .compatible()
        .unwrap();
    // Two screens started at different moments, each with its own monotonic clock.
    let mut first = ExhibitLoop::new(&deck, Overrides::default(), 0.0);
    let mut second = ExhibitLoop::new(&deck, Overrides::default(), 5000.0);
    let day = 25.0 * 3600.0;
    let mut seconds = 0.0;
    let mut changes = 0;
    let mut last = None;
    let mut reloaded = std::sync::Arc::clone(&deck);
    while seconds < day {
        let wall = start + jiff::SignedDuration::from_secs_f64(seconds);
        let a = frame(&mut first, &reloaded, seconds, wall).screen;
        let b = frame(&mut second, &reloaded, 5000.0 + seconds * 1.0, wall).screen;
        assert_eq!(a, b, "at {wall}");
        if Some(a) != last {
            changes += 1;
            last = Some(a);
        }
        // Halfway, the deck is edited and both screens reload it (one keeping its place, one
        // starting afresh): both rejoin the clock with the loop the new deck makes.
        if (seconds - day / 2.0).abs() < 0.175 {
            reloaded = synced_deck(true);
            first = first.reloaded(&reloaded, Overrides::default(), first.current(), seconds);
            second = ExhibitLoop::new(&reloaded, Overrides::default(), 5000.0 + seconds);
        }
        seconds += 0.35;
    }
    assert!(changes > 10_000, "the loop really ran all day: {changes} changes");
    // A visitor on one screen moves only that screen; after the idle timeout it rejoins.
    let wall = start + jiff::SignedDuration::from_secs(100);
    let a = frame(&mut first, &reloaded, day + 100.0, wall).screen;
    assert_eq!(a, frame(&mut second, &reloaded, 5000.0 + day + 100.0, wall).screen);
    first.visitor(Visitor::Next, day + 100.0);
    let a = frame(&mut first, &reloaded, day + 100.5, wall).screen;
    let b = frame(&mut second, &reloaded, 5000.0 + day + 100.5, wall).screen;
    assert_ne!(a, b, "the visitor's screen went its own way");
    let later = wall + jiff::SignedDuration::from_secs(61);
    let a = frame(&mut first, &reloaded, day + 162.0, later).screen;
    let b = frame(&mut second, &reloaded, 5000.0 + day + 162.0, later).screen;
    assert_eq!(a, b, "after the idle timeout it is back on the clock");
}

#[test]
fn an_offset_staggers_a_screen_on_purpose() {
    let deck = synced_deck(false);
    let offset = Overrides { offset: 10.0, ..Overrides::default() };
    let mut plain = ExhibitLoop::new(&deck, Overrides::default(), 0.0);
    let mut ahead = ExhibitLoop::new(&deck, offset, 0.0);
    let wall = Timestamp::from_second(1_800_000_000).unwrap();
    let later = wall + jiff::SignedDuration::from_secs(10);
    assert_eq!(frame(&mut ahead, &deck, 0.0, wall).screen, frame(&mut plain, &deck, 10.0, later).screen);
}
