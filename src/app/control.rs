//! The presenting window's answers to show control ([`crate::control`]): each action becomes
//! the `Command` a key would send, applied through [`LecternApp::apply`] like every other
//! input; the status is the one every mode shares ([`answer::status`]) plus the timer.

use serde_json::json;

use super::LecternApp;
use crate::control::{Action, Reply, answer};
use crate::session::Command;

impl LecternApp {
    /// Answers every show-control request that arrived since the last frame, then leaves the
    /// status with the server (status requests are answered from it without a frame) and
    /// sends it to the event stream if the show changed or a client joined.
    pub(super) fn serve_control(&mut self, ctx: &egui::Context) {
        let Some(control) = self.control.clone() else { return };
        control.answer_all(|action| self.control_action(ctx, action));
        self.publish_control(ctx);
    }

    /// Leaves the status with the server and sends it to the event stream if the show
    /// changed: after the requests are answered, and again once the frame's own input moved
    /// the show.
    pub(super) fn publish_control(&self, ctx: &egui::Context) {
        let Some(control) = &self.control else { return };
        let revision = self.session().state.revision();
        control.observe(revision, || self.status(ctx.input(|i| i.time)));
    }

    fn control_action(&mut self, ctx: &egui::Context, action: &Action) -> Reply {
        let command = match action {
            Action::Status => return Reply::ok(self.status(ctx.input(|i| i.time))),
            Action::Metrics => return Reply::text(answer::metrics(&self.session(), self.started.elapsed(), &[])),
            Action::Next => Command::Next,
            Action::Previous => Command::Previous,
            Action::Blank => Command::BlackScreen,
            Action::Goto(target) => match answer::slide_for(&self.session(), target) {
                Ok(index) => Command::Visit(index),
                Err(refusal) => return Reply::refused(refusal),
            },
            Action::Language(code) => match answer::language_for(&self.session(), code) {
                Ok(lang) => Command::SetLanguage(lang),
                Err(refusal) => return Reply::refused(refusal),
            },
            Action::Reload => {
                let _ = self.session().reload_in_place(ctx);
                ctx.request_repaint();
                return Reply::ok(self.status(ctx.input(|i| i.time)));
            }
        };
        self.apply(ctx, command);
        ctx.request_repaint();
        Reply::ok(self.status(ctx.input(|i| i.time)))
    }

    /// What a desk, the phone remote or a monitoring system wants to know about the show.
    fn status(&self, now: f64) -> serde_json::Value {
        let session = self.session();
        let mut status = answer::status(&session, "present", self.started.elapsed());
        let timer = &session.state.timer;
        status["timer"] = json!({ "elapsed_seconds": timer.elapsed(now).floor(), "running": timer.is_running() });
        status
    }
}
