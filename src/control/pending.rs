//! A request handed from a server thread (HTTP or OSC) to the window, and the answer that
//! goes back.

use std::time::{Duration, Instant};

use super::request::{Action, Refusal};

/// How long the server waits for the show to answer.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(2);

/// The show's answer to one request: an HTTP status and a JSON body (or, for metrics, text).
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: serde_json::Value,
    /// Plain text sent instead of the JSON body (the Prometheus format).
    pub text: Option<String>,
    /// `text` is an HTML page.
    pub html: bool,
}

impl Reply {
    pub fn ok(body: serde_json::Value) -> Self {
        Self { status: 200, body, text: None, html: false }
    }

    pub fn text(text: String) -> Self {
        Self { status: 200, body: serde_json::Value::Null, text: Some(text), html: false }
    }

    pub fn page(html: &str) -> Self {
        Self { html: true, ..Self::text(html.to_owned()) }
    }

    pub fn refused(refusal: Refusal) -> Self {
        Self { status: refusal.status, body: serde_json::json!({ "error": refusal.message }), text: None, html: false }
    }
}

/// A request waiting for the show.
pub struct Pending {
    pub action: Action,
    /// Where the answer goes; OSC has no replies.
    pub(super) reply: Option<tokio::sync::oneshot::Sender<Reply>>,
    /// After this the asker was told the show did not answer; the action is then dropped,
    /// so a desk that retries never gets it twice.
    pub(super) deadline: Instant,
}

impl Pending {
    pub fn expired(&self) -> bool {
        Instant::now() > self.deadline
    }

    pub fn answer(self, reply: Reply) {
        // The server may have given up waiting; then nobody reads the answer.
        if let Some(asker) = self.reply {
            let _ = asker.send(reply);
        }
    }
}
