//! The exhibit's answers to show control ([`crate::control`]): a desk's Next, Previous or
//! Goto moves this screen as a visitor's touch would (the loop pauses and rejoins after the
//! idle time), a language request is a visitor's language button, Blank darkens the screen
//! until it is asked again, and Reload takes the deck only if it loads cleanly. Nothing a
//! request can say ends the show or lifts its locks: only the operator's held chord and
//! signals do.

use serde_json::json;

use super::{ExhibitApp, ExhibitCommand};
use crate::control::answer::{self, Metric};
use crate::control::{Action, Reply};
use crate::session::Command;
use crate::timing::Visitor;

impl ExhibitApp {
    /// Answers every request that arrived since the last frame, then leaves the status with
    /// the server and sends it to the event stream when the show changed.
    pub(super) fn serve_control(&mut self, ctx: &egui::Context, now: f64) {
        let Some(control) = self.options.control.clone() else { return };
        control.answer_all(|action| self.control_action(ctx, action, now));
        self.publish_control();
    }

    /// Leaves the status with the server and sends it to the event stream if the show
    /// changed: after the requests are answered, and again once the loop moved in the frame.
    pub(super) fn publish_control(&self) {
        let Some(control) = &self.options.control else { return };
        control.observe(self.session.state.revision(), || self.status());
    }

    fn control_action(&mut self, ctx: &egui::Context, action: &Action, now: f64) -> Reply {
        let command = match action {
            Action::Status => return Reply::ok(self.status()),
            Action::Metrics => {
                return Reply::text(answer::metrics(&self.session, self.started.elapsed(), &self.metrics()));
            }
            Action::Next => ExhibitCommand::Visitor(Visitor::Next),
            Action::Previous => ExhibitCommand::Visitor(Visitor::Previous),
            Action::Goto(target) => {
                let found = answer::slide_for(&self.session, target);
                let presented = self.session.deck().map(|deck| deck.presented()).unwrap_or_default();
                match found.map(|index| presented.iter().position(|&i| i == index)) {
                    Ok(Some(position)) => ExhibitCommand::Visitor(Visitor::Visit(position)),
                    Ok(None) => return Reply::refused(hidden_slide()),
                    Err(refusal) => return Reply::refused(refusal),
                }
            }
            Action::Language(code) => match answer::language_for(&self.session, code) {
                Ok(lang) => ExhibitCommand::Language(lang),
                Err(refusal) => return Reply::refused(refusal),
            },
            Action::Blank => {
                self.session_apply(Command::BlackScreen, now);
                let state = if self.session.state.view.blank.is_some() { "blanked" } else { "shown again" };
                self.log(&format!("show control: the screen is {state}"));
                ctx.request_repaint();
                return Reply::ok(self.status());
            }
            Action::Reload => {
                let reload = self.session.reload_in_place(ctx);
                self.reloaded(reload, now);
                ctx.request_repaint();
                return Reply::ok(self.status());
            }
        };
        self.apply(ctx, command, now);
        ctx.request_repaint();
        Reply::ok(self.status())
    }

    /// The shared status, with the loop's state: whether a visitor (or a desk) holds it,
    /// whether it waits for images, opening hours, and how often the show was started.
    fn status(&self) -> serde_json::Value {
        let mut status = answer::status(&self.session, "exhibit", self.started.elapsed());
        let deck = self.session.deck();
        status["exhibit"] = json!({
            "visitor_active": self.visitor_active(),
            "holding_for_images": self.holding_for_images(),
            "opening_hours": deck.is_some_and(|deck| deck.exhibit.hours.is_some()),
            "open": self.open_now(),
            "clock_sync": deck.is_some_and(|deck| deck.exhibit.clock_sync),
            "slide_changes": self.slide_changes,
            "starts": self.options.starts,
        });
        status
    }

    /// Whether the show is within its opening hours now (always, without hours).
    fn open_now(&self) -> bool {
        let hours = self.session.deck().and_then(|deck| deck.exhibit.hours.as_ref());
        hours.is_none_or(|hours| hours.is_open((self.options.wall_clock)()))
    }

    fn metrics(&self) -> [Metric; 4] {
        let open = self.open_now();
        [
            (
                "lectern_restarts_total",
                "counter",
                "Times the supervisor started the show again after it ended abnormally",
                self.options.starts.saturating_sub(1) as f64,
            ),
            ("lectern_slide_changes_total", "counter", "Slides the screen moved to", self.slide_changes as f64),
            (
                "lectern_visitor_active",
                "gauge",
                "1 while a visitor (or a desk) holds the loop",
                f64::from(u8::from(self.visitor_active())),
            ),
            ("lectern_open", "gauge", "1 within opening hours", f64::from(u8::from(open))),
        ]
    }
}

fn hidden_slide() -> crate::control::Refusal {
    crate::control::Refusal { status: 404, message: "that slide is hidden; the exhibit does not show it".into() }
}
