//! The presenting window's answers to show control ([`crate::control`]): each action becomes
//! the `Command` a key would send, applied through [`LecternApp::apply`] like every other
//! input, and the status is read from the session.

use serde_json::json;

use super::LecternApp;
use crate::control::{Action, Refusal, Reply, Target};
use crate::session::{Blank, Command};

impl LecternApp {
    /// Answers every show-control request that arrived since the last frame.
    pub(super) fn serve_control(&mut self, ctx: &egui::Context) {
        let Some(control) = &self.control else { return };
        for pending in control.pending() {
            let reply = self.control_action(ctx, &pending.action);
            pending.answer(reply);
        }
    }

    fn control_action(&mut self, ctx: &egui::Context, action: &Action) -> Reply {
        let command = match action {
            Action::Status => return Reply::ok(self.status()),
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
                let path = self.session().source().path();
                self.session().open(ctx, &path);
                return Reply::ok(self.status());
            }
        };
        self.apply(ctx, command);
        ctx.request_repaint();
        Reply::ok(self.status())
    }

    /// Deck index of the slide a `goto` names.
    fn slide_for(&self, target: &Target) -> Result<usize, Refusal> {
        let session = self.session();
        let deck = session.deck().ok_or_else(|| Refusal { status: 409, message: "no deck is shown".into() })?;
        let found = match target {
            Target::Number(number) => deck.presented().get(number - 1).copied(),
            Target::Id(id) => deck.slides.iter().position(|s| s.id.as_deref() == Some(id.as_str())),
        };
        found.ok_or_else(|| Refusal { status: 404, message: format!("no slide {target:?} in this deck") })
    }

    /// What a desk or a monitoring system wants to know about the show.
    fn status(&self) -> serde_json::Value {
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
        }
        status
    }
}
