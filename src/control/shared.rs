//! What the server threads (HTTP and OSC) share with the window's side of show control:
//! the gate, the channel to the UI thread and how to wake it, the event stream's clients,
//! the last status, and the server's own health.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::time::Instant;

use super::events::Events;
use super::gate::Gate;
use super::pending::{ANSWER_WITHIN, Pending, Reply};
use super::request::Action;
use super::snapshot::Snapshot;

/// Asks the UI thread for a frame; set once the window exists.
pub(super) type Wake = Arc<std::sync::OnceLock<Box<dyn Fn() + Send + Sync>>>;

/// What the server threads (HTTP and OSC) share with the window's side.
pub(super) struct Shared {
    pub(super) gate: std::sync::Mutex<Gate>,
    pub(super) requests: Sender<Pending>,
    pub(super) wake: Wake,
    pub(super) events: Events,
    pub(super) snapshot: Snapshot,
    pub(super) health: Health,
}

impl Shared {
    fn wake(&self) {
        if let Some(wake) = self.wake.get() {
            wake();
        }
    }

    /// Hands `action` to the UI thread and wakes it; false when the show has ended.
    pub(super) fn send(&self, action: Action, reply: Option<tokio::sync::oneshot::Sender<Reply>>) -> bool {
        let deadline = Instant::now() + ANSWER_WITHIN;
        if self.requests.send(Pending { action, reply, deadline }).is_err() {
            return false;
        }
        self.wake();
        true
    }

    pub(super) fn has_token(&self) -> bool {
        self.gate.lock().is_ok_and(|gate| gate.has_token())
    }

    pub(super) fn count_refusal(&self, peer: IpAddr) {
        if let Ok(mut gate) = self.gate.lock() {
            gate.count_refusal(peer, Instant::now());
        }
    }

    pub(super) fn refused_total(&self) -> u64 {
        self.gate.lock().map_or(0, |gate| gate.refused_total())
    }
}

/// The server's own health, added to every status and to the metrics.
#[derive(Debug, Default)]
pub struct Health {
    /// Times the server's loop was started again.
    pub restarts: AtomicU64,
    /// Connections open now.
    pub connections: AtomicUsize,
}

impl Health {
    pub(super) fn add_to_status(&self, mut status: serde_json::Value) -> serde_json::Value {
        if let Some(object) = status.as_object_mut() {
            object.insert(
                "control".into(),
                serde_json::json!({
                    "server_restarts": self.restarts.load(Ordering::Relaxed),
                    "connections": self.connections.load(Ordering::Relaxed),
                }),
            );
        }
        status
    }

    pub(super) fn metrics(&self, refused: u64) -> String {
        format!(
            "# HELP lectern_control_server_restarts Times the show-control server was started again.\n\
             # TYPE lectern_control_server_restarts counter\n\
             lectern_control_server_restarts {}\n\
             # HELP lectern_control_connections Show-control connections open now.\n\
             # TYPE lectern_control_connections gauge\n\
             lectern_control_connections {}\n\
             # HELP lectern_control_refused Show-control requests refused since the start.\n\
             # TYPE lectern_control_refused counter\n\
             lectern_control_refused {refused}\n",
            self.restarts.load(Ordering::Relaxed),
            self.connections.load(Ordering::Relaxed),
        )
    }
}
