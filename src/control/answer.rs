//! What a show answers to show control, read from its [`Session`] on the UI thread: the
//! status every mode shares, the Prometheus metrics, and the slide or language a request
//! names. The presenter (`app::control`) and the exhibit (`exhibit::remote`) add their own
//! fields and turn each action into their own command, so a request moves either show the
//! way its own keys would.

use std::time::Duration;

use serde_json::{Value, json};

use super::request::{Refusal, Target};
use crate::deck::Lang;
use crate::deck::navigation::Move;
use crate::session::{Blank, Session};

/// One sample in the Prometheus text format: name, type, help and value.
pub type Metric = (&'static str, &'static str, &'static str, f64);

/// The status both modes share: the deck, the slide and step, the language, the screen's
/// blanking, the titles and notes the phone remote shows, and the last problems.
pub fn status(session: &Session, mode: &str, uptime: Duration) -> Value {
    let mut status = json!({
        "mode": mode,
        "version": env!("CARGO_PKG_VERSION"),
        "uptime_seconds": uptime.as_secs_f64().round(),
        "deck": { "path": session.source().path() },
        "problems": session.problems().map(|p| p.badge.clone()),
        "reload_failures": session.reload_failures(),
    });
    let Some(show) = session.show() else { return status };
    let index = show.nav.slide_index();
    let blank = session.state.view.blank.map(|b| match b {
        Blank::Black => "black",
        Blank::White => "white",
    });
    status["deck"]["title"] = json!(crate::session::deck_title(&show.deck, show.lang));
    status["slide"] = json!(show.nav.number());
    status["id"] = json!(show.deck.slides[index].id);
    status["hidden"] = json!(show.deck.slides[index].hidden);
    status["step"] = json!(show.nav.step());
    status["steps"] = json!(show.nav.steps());
    status["total"] = json!(show.nav.count());
    status["language"] = json!(show.language());
    status["languages"] = json!(show.deck.languages);
    status["blanked"] = json!(blank);
    status["title"] = json!(show.deck.slide_title(index, show.lang));
    let mut next = show.nav.clone();
    let next_index = next.apply(Move::NextSlide).then(|| next.slide_index());
    status["next_title"] = json!(next_index.and_then(|i| show.deck.slide_title(i, show.lang)));
    let notes = show.deck.slides[index].notes.as_ref().map(|n| crate::deck::text::plain_text(n.get(show.lang)));
    status["notes"] = json!(notes);
    status
}

/// Counters and gauges for Prometheus (text exposition format 0.0.4): the ones every mode
/// has, then the mode's own `extra`.
pub fn metrics(session: &Session, uptime: Duration, extra: &[Metric]) -> String {
    let images = session.image_stats();
    let slide = session.show().map_or(0, |show| show.nav.number());
    let problems = f64::from(u8::from(session.problems().is_some()));
    let shared: [Metric; 12] = [
        ("lectern_up", "gauge", "1 while the show runs", 1.0),
        ("lectern_uptime_seconds", "gauge", "Seconds since the window opened", uptime.as_secs_f64()),
        ("lectern_frames_total", "counter", "Frames drawn", session.frames() as f64),
        (
            "lectern_show_changes_total",
            "counter",
            "Changes of the show (slide, step, language, blank)",
            session.state.revision() as f64,
        ),
        ("lectern_slide", "gauge", "The slide number the counter shows", slide as f64),
        ("lectern_textures", "gauge", "Images held as textures", images.textures as f64),
        ("lectern_texture_bytes", "gauge", "Texture memory held by images", images.texture_bytes as f64),
        ("lectern_image_decodes_total", "counter", "Image decodes requested", images.decodes as f64),
        (
            "lectern_image_decode_seconds_total",
            "counter",
            "Time the workers spent decoding images",
            images.decode_seconds,
        ),
        ("lectern_deck_problems", "gauge", "1 when the deck has problems", problems),
        (
            "lectern_reload_failures_total",
            "counter",
            "Reloads of the deck that could not be shown",
            session.reload_failures() as f64,
        ),
        ("lectern_image_budget_bytes", "gauge", "Texture memory allowed for images", images.budget_bytes as f64),
    ];
    shared
        .iter()
        .chain(extra)
        .map(|(name, kind, help, value)| format!("# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n"))
        .collect()
}

/// The deck index of the slide a `goto` names.
pub fn slide_for(session: &Session, target: &Target) -> Result<usize, Refusal> {
    let deck = session.deck().ok_or_else(|| Refusal { status: 409, message: "no deck is shown".into() })?;
    let found = match target {
        Target::Number(number) => number.checked_sub(1).and_then(|i| deck.presented().get(i).copied()),
        Target::Id(id) => deck.slides.iter().position(|s| s.id.as_deref() == Some(id.as_str())),
    };
    found.ok_or_else(|| no_slide(target))
}

pub fn no_slide(target: &Target) -> Refusal {
    Refusal { status: 404, message: format!("no slide {target:?} in this deck") }
}

pub fn no_language(code: &str) -> Refusal {
    Refusal { status: 400, message: format!("the deck has no language `{code}`") }
}

/// The deck's language with this code.
pub fn language_for(session: &Session, code: &str) -> Result<Lang, Refusal> {
    session.deck().and_then(|deck| deck.lang(code)).ok_or_else(|| no_language(code))
}
