//! Show control over HTTP (`--control ADDRESS`): an AV desk, a touch panel, a script or a
//! monitoring system asks for the status or moves the show. The server runs on its own named
//! thread and never touches the show: each request that passes the checks becomes an
//! [`Action`] sent to the UI thread with a reply channel, the UI thread is woken, applies it
//! through the session as a key press would be, and answers. A UI that does not answer
//! within [`ANSWER_WITHIN`] is reported as such (503), which is how a desk sees a frozen
//! screen. Status requests, what a desk polls, are the exception: the window leaves its
//! status with the server after every frame and they are answered from it while it is
//! fresh ([`STATUS_FRESH`]), without a frame.
//!
//! Safe by default: nothing listens unless asked; an address other than loopback needs a
//! token (`Authorization: Bearer TOKEN`), checked by one [`gate::Gate`] for HTTP and OSC.
//! `http.rs` is the server itself (hyper, with its limits), `events.rs` the event stream,
//! `snapshot.rs` the status answered without a frame.

pub mod answer;
mod events;
mod gate;
mod http;
mod options;
pub mod osc;
mod pending;
pub mod request;
mod shared;
mod snapshot;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

pub use events::MAX_EVENT_CLIENTS;
pub use gate::{FAILURES_PER_MINUTE, MAX_PER_SECOND};
pub use http::{BODY_WITHIN, HEAD_WITHIN, IDLE_AFTER, MAX_BODY, MAX_HEAD, REMOTE_PAGE};
pub use options::{ControlError, ControlOptions, TOKEN_VARIABLE};
pub use pending::{ANSWER_WITHIN, Pending, Reply};
pub use request::{Action, Refusal, Target};
use shared::{Health, Shared, Wake};
pub use snapshot::STATUS_FRESH;

/// What the window last gave [`Control::observe`]: the show revision whose status is the
/// event stream's news (a client that joins later gets the last status as it joins), and
/// the revision and time of the last status built.
#[derive(Default)]
struct Observed {
    published: Option<u64>,
    built: Option<(u64, Instant)>,
}

/// The running server, held by the window that answers it; dropping it stops the server.
pub struct Control {
    requests: std::sync::Mutex<Receiver<Pending>>,
    shared: Arc<Shared>,
    address: Option<SocketAddr>,
    osc: Option<SocketAddr>,
    /// Tells the server threads to end (dropping it does too).
    stop: tokio::sync::watch::Sender<bool>,
    /// What the window last gave [`Self::observe`].
    observed: std::sync::Mutex<Observed>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Control(http {:?}, osc {:?})", self.address, self.osc)
    }
}

impl Control {
    /// Starts listening (before any window opens, so a port in use is an error at once).
    /// Requests wait until [`Self::wake_with`] names who answers them.
    pub fn start(options: &ControlOptions) -> Result<Self, ControlError> {
        options.check()?;
        let listen =
            |address: SocketAddr| move |err: std::io::Error| ControlError::Listen { address, reason: err.to_string() };
        let (send, requests) = channel();
        let shared = Arc::new(Shared {
            gate: std::sync::Mutex::new(gate::Gate::new(options.token.clone())),
            requests: send,
            wake: Wake::default(),
            events: events::Events::default(),
            snapshot: snapshot::Snapshot::default(),
            health: Health::default(),
        });
        if options.token.as_deref().is_some_and(|token| token.chars().count() < 16) {
            log::warn!("show control: the token is shorter than 16 characters; a long random one cannot be guessed");
        }
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut address = None;
        if let Some(wanted) = options.address {
            let listener = std::net::TcpListener::bind(wanted).map_err(listen(wanted))?;
            let actual = listener.local_addr().unwrap_or(wanted);
            http::spawn(listener, Arc::clone(&shared), stopped.clone()).map_err(listen(actual))?;
            log::info!("show control listening on http://{actual}/v1/status");
            address = Some(actual);
        }
        let mut osc = None;
        if let Some(wanted) = options.osc {
            let socket = std::net::UdpSocket::bind(wanted).map_err(listen(wanted))?;
            socket.set_read_timeout(Some(std::time::Duration::from_secs(1))).map_err(listen(wanted))?;
            let actual = socket.local_addr().unwrap_or(wanted);
            let serving = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("lectern-osc".into())
                .spawn(move || osc::serve(&socket, &serving, &stopped))
                .map_err(listen(actual))?;
            log::info!("show control listening for OSC on udp://{actual}");
            osc = Some(actual);
        }
        let requests = std::sync::Mutex::new(requests);
        Ok(Self { requests, shared, address, osc, stop, observed: Default::default() })
    }

    /// `wake` asks the UI thread for a frame, in which it calls [`Self::pending`].
    pub fn wake_with(&self, wake: impl Fn() + Send + Sync + 'static) {
        let _ = self.shared.wake.set(Box::new(wake));
    }

    /// The HTTP address actually listened on (the port the system chose for port 0).
    pub fn address(&self) -> Option<SocketAddr> {
        self.address
    }

    /// The UDP address OSC is received on.
    pub fn osc_address(&self) -> Option<SocketAddr> {
        self.osc
    }

    /// How many clients listen to the event stream (publishing costs a status).
    pub fn subscribers(&self) -> usize {
        self.shared.events.listeners()
    }

    /// Sends `event` (one JSON document) to every client of the event stream; clients that
    /// left, or fell more than a few events behind, are dropped.
    pub fn publish(&self, event: &serde_json::Value) {
        self.shared.events.publish(&serde_json::to_string(event).unwrap_or_default());
    }

    /// The requests that arrived since the last call.
    pub fn pending(&self) -> Vec<Pending> {
        self.requests.lock().map(|r| r.try_iter().collect()).unwrap_or_default()
    }

    /// Answers, with `answer` (on the UI thread), every request that arrived since the last
    /// call and whose client still waits. A command's reply is the status after it, which
    /// becomes the one status requests get, before the client that sent it hears back.
    pub fn answer_all(&self, mut answer: impl FnMut(&Action) -> Reply) {
        for pending in self.pending().into_iter().filter(|p| !p.expired()) {
            let reply = answer(&pending.action);
            if reply.status == 200 && reply.body.get("mode").is_some() {
                self.refresh(reply.body.clone());
            }
            pending.answer(reply);
        }
    }

    /// Called by the window after answering requests and at the end of each frame, with
    /// show `revision`: `status()` becomes the answer to status requests, and goes to the
    /// event stream when the show changed (a client that joins gets the last status from
    /// the server as it joins).
    /// `status()` is built only then, or when the status left is half as old as
    /// [`STATUS_FRESH`] allows: not on every frame of an animation.
    pub fn observe(&self, revision: u64, status: impl FnOnce() -> serde_json::Value) {
        let now = Instant::now();
        let Ok(mut observed) = self.observed.lock() else { return };
        // Every change is published, listened to or not: a client that joins later gets the
        // last one as it joins.
        let publish = observed.published != Some(revision);
        let stale = observed.built.is_none_or(|(built, at)| built != revision || now - at >= STATUS_FRESH / 2);
        if !publish && !stale {
            return;
        }
        observed.published = Some(revision);
        observed.built = Some((revision, now));
        drop(observed);
        let status = status();
        if publish {
            self.publish(&status);
        }
        self.refresh(status);
    }

    fn refresh(&self, status: serde_json::Value) {
        if let Ok(mut snapshot) = self.shared.snapshot.lock() {
            *snapshot = Some((Instant::now(), status));
        }
    }
}

impl Drop for Control {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_beyond_this_machine_needs_a_token() {
        let beyond = Some("0.0.0.0:0".parse().unwrap());
        let options = ControlOptions { address: beyond, ..ControlOptions::default() };
        assert!(matches!(Control::start(&options), Err(ControlError::TokenRequired(_))));
        let options = ControlOptions { osc: beyond, ..ControlOptions::default() };
        assert!(matches!(Control::start(&options), Err(ControlError::TokenRequired(_))));
        let loopback = Some("127.0.0.1:0".parse().unwrap());
        let local = ControlOptions { address: loopback, osc: loopback, token: None };
        let control = Control::start(&local).expect("loopback needs no token");
        assert_ne!(control.address().map(|a| a.port()), Some(0));
        assert_ne!(control.osc_address().map(|a| a.port()), Some(0));
    }
}
