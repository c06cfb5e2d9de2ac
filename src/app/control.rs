//! The presenting window's answers to show control ([`crate::control`]): each action becomes
//! the `Command` a key would send, applied through [`LecternApp::apply`] like every other
//! input, and the status is read from the session.

use serde_json::json;

use super::LecternApp;
use crate::control::{Action, Refusal, Reply, Target};
use crate::session::{Blank, Command};

impl LecternApp {
    /// Answers every show-control request that arrived since the last frame.
    /// Then, if the show changed (or a client just joined the event stream), sends the status
    /// to the stream's clients.
    pub(super) fn serve_control(&mut self, ctx: &egui::Context) {
        let Some(control) = self.control.clone() else { return };
        for pending in control.pending().into_iter().filter(|p| !p.expired()) {
            let reply = self.control_action(ctx, &pending.action);
            pending.answer(reply);
        }
        let listeners = control.subscribers();
        let revision = self.session().state.revision();
        if listeners > 0 && self.published != Some((revision, listeners)) {
            self.published = Some((revision, listeners));
            control.publish(&self.status(ctx.input(|i| i.time)));
        }
    }

    fn control_action(&mut self, ctx: &egui::Context, action: &Action) -> Reply {
        let command = match action {
            Action::Status => return Reply::ok(self.status(ctx.input(|i| i.time))),
            Action::Metrics => return Reply::text(self.metrics()),
            Action::Next => Command::Next,
            Action::Previous => Command::Previous,
            Action::Blank => Command::BlackScreen,
            Action::Goto(target) => match self.slide_for(target) {
                Ok(index) => Command::Visit(index),
                Err(refusal) => return Reply::refused(refusal),
            },
            Action::Language(code) => {
                let lang = self.session().deck().and_then(|deck| deck.lang(code));
                match lang {
                    Some(lang) => Command::SetLanguage(lang),
                    None => {
                        let message = format!("the deck has no language `{code}`");
                        return Reply::refused(Refusal { status: 400, message });
                    }
                }
            }
            Action::Reload => {
                self.session().reload_in_place(ctx);
                ctx.request_repaint();
                return Reply::ok(self.status(ctx.input(|i| i.time)));
            }
        };
        self.apply(ctx, command);
        ctx.request_repaint();
        Reply::ok(self.status(ctx.input(|i| i.time)))
    }

    /// Deck index of the slide a `goto` names.
    fn slide_for(&self, target: &Target) -> Result<usize, Refusal> {
        let session = self.session();
        let deck = session.deck().ok_or_else(|| Refusal { status: 409, message: "no deck is shown".into() })?;
        let found = match target {
            Target::Number(number) => number.checked_sub(1).and_then(|i| deck.presented().get(i).copied()),
            Target::Id(id) => deck.slides.iter().position(|s| s.id.as_deref() == Some(id.as_str())),
        };
        found.ok_or_else(|| Refusal { status: 404, message: format!("no slide {target:?} in this deck") })
    }

    /// Counters and gauges for Prometheus (text exposition format 0.0.4).
    fn metrics(&self) -> String {
        let session = self.session();
        let images = session.image_stats();
        let slide = session.show().map_or(0, |show| show.nav.number());
        let metrics: [(&str, &str, &str, f64); 9] = [
            ("lectern_up", "gauge", "1 while the show runs", 1.0),
            (
                "lectern_uptime_seconds",
                "gauge",
                "Seconds since the window opened",
                self.started.elapsed().as_secs_f64(),
            ),
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
                "lectern_deck_problems",
                "gauge",
                "1 when the deck has problems",
                f64::from(u8::from(session.problems().is_some())),
            ),
        ];
        metrics
            .iter()
            .map(|(name, kind, help, value)| format!("# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n"))
            .collect()
    }

    /// What a desk or a monitoring system wants to know about the show.
    fn status(&self, now: f64) -> serde_json::Value {
        let session = self.session();
        let mut status = json!({
            "mode": "present",
            "version": env!("CARGO_PKG_VERSION"),
            "uptime_seconds": self.started.elapsed().as_secs_f64().round(),
            "deck": { "path": session.source().path() },
            "problems": session.problems().map(|p| p.badge.clone()),
        });
        if let Some(show) = session.show() {
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
            status["blanked"] = json!(blank);
            // What the phone remote shows: this and the next slide's titles, the notes, the timer.
            status["title"] = json!(show.deck.slide_title(index, show.lang));
            let mut next = show.nav.clone();
            let next_index = next.apply(crate::deck::navigation::Move::NextSlide).then(|| next.slide_index());
            status["next_title"] = json!(next_index.and_then(|i| show.deck.slide_title(i, show.lang)));
            let notes = show.deck.slides[index].notes.as_ref().map(|n| crate::deck::text::plain_text(n.get(show.lang)));
            status["notes"] = json!(notes);
            let timer = &session.state.timer;
            status["timer"] = json!({ "elapsed_seconds": timer.elapsed(now).floor(), "running": timer.is_running() });
        }
        status
    }
}
