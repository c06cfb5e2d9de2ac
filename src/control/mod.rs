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
//! token (`Authorization: Bearer TOKEN`), and without the right one every request is refused
//! with 401 (logged once a minute per peer); bodies are limited to [`MAX_BODY`] bytes and
//! each peer to [`MAX_PER_SECOND`] requests a second. `tiny_http` (small, synchronous,
//! no async runtime) parses HTTP.

pub mod answer;
mod options;
pub mod osc;
mod pending;
pub mod request;

use std::collections::HashMap;
use std::io::Read as _;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

pub use options::{ControlError, ControlOptions};
pub use pending::{ANSWER_WITHIN, Pending, Reply};
pub use request::{Action, Refusal, Target};

/// The largest request body read.
pub const MAX_BODY: usize = 4096;
/// Requests a peer may make in one second.
pub const MAX_PER_SECOND: u32 = 2000;

/// What the window last gave [`Control::observe`]: the show revision and client count the
/// event stream last got the status for, and the revision and time of the last status built.
#[derive(Default)]
struct Observed {
    published: Option<(u64, usize)>,
    built: Option<(u64, Instant)>,
}

/// Threads answering HTTP requests.
const SERVING_THREADS: usize = 4;

/// Clients of the event stream at most at once.
pub const MAX_EVENT_CLIENTS: usize = 16;

/// The event stream's clients: each gets every published status as one server-sent event.
type Subscribers = Arc<std::sync::Mutex<Vec<std::sync::mpsc::SyncSender<String>>>>;

/// The status the show last gave, and when: status requests are answered from it on the
/// server thread while it is younger than [`STATUS_FRESH`], so a desk polling a thousand
/// times a second costs the show no frames.
type Snapshot = Arc<std::sync::Mutex<Option<(Instant, serde_json::Value)>>>;

/// How old a status may be and still be the answer; an older one is asked of the UI
/// thread, so a frozen window is still reported (503) within [`ANSWER_WITHIN`] and a second.
pub const STATUS_FRESH: Duration = Duration::from_secs(1);

/// Asks the UI thread for a frame; set once the window exists.
type Wake = Arc<std::sync::OnceLock<Box<dyn Fn() + Send + Sync>>>;

/// The running server, held by the window that answers it; dropping it stops the server.
pub struct Control {
    requests: std::sync::Mutex<Receiver<Pending>>,
    server: Option<Arc<tiny_http::Server>>,
    address: Option<SocketAddr>,
    osc: Option<SocketAddr>,
    wake: Wake,
    /// Tells the OSC thread to end (it wakes from its socket every second to look).
    stop: Arc<std::sync::atomic::AtomicBool>,
    subscribers: Subscribers,
    /// What the window last gave [`Self::observe`].
    observed: std::sync::Mutex<Observed>,
    snapshot: Snapshot,
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
        let wake: Wake = Arc::default();
        let wake_ui = {
            let waking = Arc::clone(&wake);
            move || {
                if let Some(wake) = waking.get() {
                    wake();
                }
            }
        };
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let subscribers = Subscribers::default();
        let snapshot = Snapshot::default();
        let mut server = None;
        let mut address = None;
        if let Some(wanted) = options.address {
            let listening = tiny_http::Server::http(wanted)
                .map_err(|err| ControlError::Listen { address: wanted, reason: err.to_string() })?;
            let actual = listening.server_addr().to_ip().unwrap_or(wanted);
            let listening = Arc::new(listening);
            let gate = Arc::new(std::sync::Mutex::new(Gate { token: options.token.clone(), ..Gate::default() }));
            // Several threads take requests, so a status poll never waits behind a command
            // that waits for a frame.
            for i in 0..SERVING_THREADS {
                let (serving, send, wake_ui) = (Arc::clone(&listening), send.clone(), wake_ui.clone());
                let (gate, streams, status) = (Arc::clone(&gate), Arc::clone(&subscribers), Arc::clone(&snapshot));
                std::thread::Builder::new()
                    .name(format!("lectern-control-{i}"))
                    .spawn(move || serve(&serving, &gate, &send, &wake_ui, &streams, &status))
                    .map_err(listen(actual))?;
            }
            log::info!("show control listening on http://{actual}/v1/status");
            (server, address) = (Some(listening), Some(actual));
        }
        let mut osc = None;
        if let Some(wanted) = options.osc {
            let socket = std::net::UdpSocket::bind(wanted).map_err(listen(wanted))?;
            socket.set_read_timeout(Some(Duration::from_secs(1))).map_err(listen(wanted))?;
            let actual = socket.local_addr().unwrap_or(wanted);
            let (token, stopping) = (options.token.clone(), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("lectern-osc".into())
                .spawn(move || osc::serve(&socket, token.as_deref(), &send, &wake_ui, &stopping))
                .map_err(listen(actual))?;
            log::info!("show control listening for OSC on udp://{actual}");
            osc = Some(actual);
        }
        let requests = std::sync::Mutex::new(requests);
        Ok(Self { requests, server, address, osc, wake, stop, subscribers, observed: Default::default(), snapshot })
    }

    /// `wake` asks the UI thread for a frame, in which it calls [`Self::pending`].
    pub fn wake_with(&self, wake: impl Fn() + Send + Sync + 'static) {
        let _ = self.wake.set(Box::new(wake));
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
        self.subscribers.lock().map_or(0, |s| s.len())
    }

    /// Sends `event` (one JSON document) to every client of the event stream; clients that
    /// left, or fell more than a few events behind, are dropped.
    pub fn publish(&self, event: &serde_json::Value) {
        let line = serde_json::to_string(event).unwrap_or_default();
        if let Ok(mut subscribers) = self.subscribers.lock() {
            subscribers.retain(|client| client.try_send(line.clone()).is_ok());
        }
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
    /// event stream when the show changed or a client joined.
    /// `status()` is built only then, or when the status left is half as old as
    /// [`STATUS_FRESH`] allows: not on every frame of an animation.
    pub fn observe(&self, revision: u64, status: impl FnOnce() -> serde_json::Value) {
        let listeners = self.subscribers();
        let now = Instant::now();
        let Ok(mut observed) = self.observed.lock() else { return };
        let publish = listeners > 0 && observed.published != Some((revision, listeners));
        let stale = observed.built.is_none_or(|(built, at)| built != revision || now - at >= STATUS_FRESH / 2);
        if !publish && !stale {
            return;
        }
        if publish {
            observed.published = Some((revision, listeners));
        }
        observed.built = Some((revision, now));
        drop(observed);
        let status = status();
        if publish {
            self.publish(&status);
        }
        self.refresh(status);
    }

    fn refresh(&self, status: serde_json::Value) {
        if let Ok(mut snapshot) = self.snapshot.lock() {
            *snapshot = Some((Instant::now(), status));
        }
    }
}

impl Drop for Control {
    fn drop(&mut self) {
        if let Some(server) = &self.server {
            // Each call frees one thread waiting for a request.
            for _ in 0..SERVING_THREADS {
                server.unblock();
            }
        }
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Who may ask, and how often each peer has.
#[derive(Default)]
struct Gate {
    token: Option<String>,
    /// Per peer: the second being counted and the requests in it.
    counts: HashMap<IpAddr, (Instant, u32)>,
    /// Per peer: when a refused token was last logged.
    refused_logged: HashMap<IpAddr, Instant>,
}

impl Gate {
    fn admit(&mut self, peer: Option<IpAddr>, authorization: Option<&str>, now: Instant) -> Result<(), Refusal> {
        self.rate(peer, now)?;
        let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if let Some(token) = &self.token {
            let given = authorization.and_then(|value| value.strip_prefix("Bearer "));
            if given != Some(token.as_str()) {
                let logged = self.refused_logged.get(&peer);
                if logged.is_none_or(|at| now.duration_since(*at) >= Duration::from_secs(60)) {
                    self.refused_logged.insert(peer, now);
                    log::warn!("show control: a request from {peer} without the right token was refused");
                }
                return Err(Refusal { status: 401, message: "a bearer token is required".into() });
            }
        }
        Ok(())
    }

    /// Counts a request of `peer`; refuses it past [`MAX_PER_SECOND`] in a second.
    fn rate(&mut self, peer: Option<IpAddr>, now: Instant) -> Result<(), Refusal> {
        let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        // Many peers (a scan, IPv6 addresses) must not grow these without bound.
        if self.counts.len() > 4096 {
            self.counts.retain(|_, (since, _)| now.duration_since(*since) < Duration::from_secs(1));
        }
        if self.refused_logged.len() > 4096 {
            self.refused_logged.retain(|_, at| now.duration_since(*at) < Duration::from_secs(60));
        }
        let (since, count) = self.counts.entry(peer).or_insert((now, 0));
        if now.duration_since(*since) >= Duration::from_secs(1) {
            (*since, *count) = (now, 0);
        }
        *count += 1;
        if *count > MAX_PER_SECOND {
            return Err(Refusal { status: 429, message: "too many requests; slow down".into() });
        }
        Ok(())
    }
}

fn serve(
    server: &tiny_http::Server,
    gate: &std::sync::Mutex<Gate>,
    send: &Sender<Pending>,
    wake: &dyn Fn(),
    subscribers: &Subscribers,
    snapshot: &Snapshot,
) {
    for mut request in server.incoming_requests() {
        let reply = answer(&mut request, gate, send, wake, snapshot);
        if reply.status == 200 && reply.text.as_deref() == Some(EVENTS) {
            stream_events(request, subscribers, wake);
            continue;
        }
        let (body, content_type) = match reply.text {
            Some(text) if reply.html => (text, "text/html; charset=utf-8"),
            Some(text) => (text, "text/plain; version=0.0.4; charset=utf-8"),
            None => {
                let json = serde_json::to_string_pretty(&reply.body).unwrap_or_default();
                (json + "\n", "application/json; charset=utf-8")
            }
        };
        let head_only = *request.method() == tiny_http::Method::Head;
        let closing = header(&request, "Connection").is_some_and(|value| value.eq_ignore_ascii_case("close"))
            || *request.http_version() == tiny_http::HTTPVersion(1, 0);
        let body = if head_only { String::new() } else { body };
        respond(request, reply.status, content_type, &body, closing);
    }
}

/// Writes the whole response in one write. tiny_http writes the head and the body apart, and
/// on a kept-alive connection the body then waits for the client's delayed ACK (Nagle's
/// algorithm): about 40 ms for every status of more than a kilobyte.
/// A HEAD request gets an empty `body`; `closing` says the connection ends with this response.
fn respond(request: tiny_http::Request, status: u16, content_type: &str, body: &str, closing: bool) {
    use std::io::Write as _;
    let reason = tiny_http::StatusCode(status).default_reason_phrase();
    let length = body.len();
    let connection = if closing { "Connection: close\r\n" } else { "" };
    let mut bytes = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n{connection}\r\n"
    )
    .into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    let mut writer = request.into_writer();
    // A client that hung up is no concern of the show's.
    let _ = writer.write_all(&bytes).and_then(|()| writer.flush());
}

/// The value of the request's header `name`, if it has one.
fn header<'a>(request: &'a tiny_http::Request, name: &'static str) -> Option<&'a str> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

/// Marks the reply to `GET /v1/events`, which is answered by a stream, not a body.
const EVENTS: &str = "\u{0}events";

/// Answers `request` with a server-sent-event stream, written on a thread of its own: the
/// status now and after every change the window publishes, as `data: {…}` events, until
/// the client leaves. The connection is taken over from tiny_http (which buffers streamed
/// bodies), so each event goes out as soon as it is published.
fn stream_events(request: tiny_http::Request, subscribers: &Subscribers, wake: &dyn Fn()) {
    let Ok(mut clients) = subscribers.lock() else { return };
    if clients.len() >= MAX_EVENT_CLIENTS {
        drop(clients);
        let busy = tiny_http::Response::from_string("too many event-stream clients\n").with_status_code(503);
        let _ = request.respond(busy);
        return;
    }
    let (events, received) = std::sync::mpsc::sync_channel::<String>(8);
    clients.push(events);
    drop(clients);
    let headers = [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")];
    let mut response = tiny_http::Response::empty(200);
    for (name, value) in headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
            response = response.with_header(header);
        }
    }
    let mut stream = request.upgrade("lectern-events", response);
    let write_events = move || {
        use std::io::Write as _;
        for event in received {
            if write!(stream, "data: {event}\n\n").and_then(|()| stream.flush()).is_err() {
                return;
            }
        }
    };
    let _ = std::thread::Builder::new().name("lectern-events".into()).spawn(write_events);
    // The window publishes the status to the new client on its next frame.
    wake();
}

/// Refuses what a web page in a browser could send: a request with an `Origin` (a page's
/// script), or a `Host` that is a name rather than an address (DNS rebinding). Desks,
/// scripts and curl send neither.
fn same_machine_or_desk(request: &tiny_http::Request) -> Result<(), Refusal> {
    let header = |name: &'static str| header(request, name);
    // Only this server's own page (the remote) may call it from a browser.
    let own_page = header("Host").map(|host| format!("http://{host}"));
    if let Some(origin) = header("Origin")
        && Some(origin) != own_page.as_deref()
    {
        return Err(Refusal { status: 403, message: "requests from web pages are refused".into() });
    }
    if let Some(host) = header("Host") {
        let name = host.rsplit_once(':').filter(|(_, port)| port.parse::<u16>().is_ok()).map_or(host, |(n, _)| n);
        let name = name.trim_start_matches('[').trim_end_matches(']');
        if name.parse::<IpAddr>().is_err() && !name.eq_ignore_ascii_case("localhost") {
            return Err(Refusal { status: 403, message: format!("a request to host {host} is refused") });
        }
    }
    Ok(())
}

/// The phone remote: one page, no external assets, served at `/` (it holds nothing of the
/// show; what it shows it asks for with the token, like any client).
pub const REMOTE_PAGE: &str = include_str!("remote.html");

fn answer(
    request: &mut tiny_http::Request,
    gate: &std::sync::Mutex<Gate>,
    send: &Sender<Pending>,
    wake: &dyn Fn(),
    snapshot: &Snapshot,
) -> Reply {
    let authorization = header(request, "Authorization").map(str::to_owned);
    let peer = request.remote_addr().map(SocketAddr::ip);
    let mut gate = gate.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if matches!(request.url(), "/" | "/remote") && *request.method() == tiny_http::Method::Get {
        return match gate.rate(peer, Instant::now()) {
            Ok(()) => Reply::page(REMOTE_PAGE),
            Err(refusal) => Reply::refused(refusal),
        };
    }
    if let Err(refusal) = gate.admit(peer, authorization.as_deref(), Instant::now()) {
        return Reply::refused(refusal);
    }
    // With a token, a page cannot send it without a preflight this server never answers;
    // without one (loopback only), what a page could send is refused here.
    let tokenless = gate.token.is_none();
    drop(gate);
    if tokenless && let Err(refusal) = same_machine_or_desk(request) {
        return Reply::refused(refusal);
    }
    if request.body_length().is_some_and(|length| length > MAX_BODY) {
        return Reply::refused(Refusal { status: 413, message: format!("bodies are at most {MAX_BODY} bytes") });
    }
    let mut body = Vec::new();
    let read = request.as_reader().take(MAX_BODY as u64 + 1).read_to_end(&mut body);
    if read.is_err() || body.len() > MAX_BODY {
        return Reply::refused(Refusal { status: 413, message: format!("bodies are at most {MAX_BODY} bytes") });
    }
    if request.url().split('?').next() == Some("/v1/events") {
        return match request.method() {
            tiny_http::Method::Get => Reply::text(EVENTS.to_owned()),
            _ => Reply::refused(Refusal { status: 405, message: "use GET".into() }),
        };
    }
    let action = match request::parse(request.method().as_str(), request.url(), &body) {
        Ok(action) => action,
        Err(refusal) => return Reply::refused(refusal),
    };
    if action == Action::Status
        && let Some(status) = fresh_status(snapshot, Instant::now())
    {
        return Reply::ok(status);
    }
    if let Some(refusal) = refused_by_status(&action, snapshot) {
        return Reply::refused(refusal);
    }
    let (reply, answered) = channel();
    let deadline = Instant::now() + ANSWER_WITHIN;
    if send.send(Pending { action, reply, deadline }).is_err() {
        return Reply::refused(Refusal { status: 503, message: "the show has ended".into() });
    }
    wake();
    answered.recv_timeout(ANSWER_WITHIN).unwrap_or_else(|_| {
        Reply::refused(Refusal { status: 503, message: "the show did not answer in time; it may be frozen".into() })
    })
}

/// A goto past the last slide or a language the deck lacks, refused here from the last
/// status (with the words the window would use), so a bad request costs the show no frame.
fn refused_by_status(action: &Action, snapshot: &Snapshot) -> Option<Refusal> {
    let guard = snapshot.lock().ok()?;
    let (_, status) = guard.as_ref()?;
    match action {
        Action::Goto(target @ Target::Number(number)) => {
            let total = status["total"].as_u64()?;
            (*number == 0 || *number as u64 > total).then(|| answer::no_slide(target))
        }
        Action::Language(code) => {
            let known = status["languages"].as_array()?.iter().any(|l| l.as_str() == Some(code.as_str()));
            (!known).then(|| answer::no_language(code))
        }
        _ => None,
    }
}

/// The last status, if fresh, with its clocks (uptime, a running talk timer) brought to now.
fn fresh_status(snapshot: &Snapshot, now: Instant) -> Option<serde_json::Value> {
    let guard = snapshot.lock().ok()?;
    let (taken, status) = guard.as_ref()?;
    let age = now.saturating_duration_since(*taken);
    if age >= STATUS_FRESH {
        return None;
    }
    let mut status = status.clone();
    drop(guard);
    let add = |value: &mut serde_json::Value| {
        if let Some(seconds) = value.as_f64() {
            *value = serde_json::json!((seconds + age.as_secs_f64()).floor());
        }
    };
    add(&mut status["uptime_seconds"]);
    if status["timer"]["running"].as_bool() == Some(true) {
        add(&mut status["timer"]["elapsed_seconds"]);
    }
    Some(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_status_is_the_answer_with_its_clocks_brought_forward() {
        let snapshot = Snapshot::default();
        let taken = Instant::now();
        assert!(fresh_status(&snapshot, taken).is_none(), "before the first frame, the UI thread answers");
        let status =
            serde_json::json!({ "uptime_seconds": 10.5, "timer": { "running": true, "elapsed_seconds": 4.5 } });
        *snapshot.lock().unwrap() = Some((taken, status));
        let later = fresh_status(&snapshot, taken + Duration::from_millis(600)).unwrap();
        assert_eq!(
            (later["uptime_seconds"].as_f64(), later["timer"]["elapsed_seconds"].as_f64()),
            (Some(11.0), Some(5.0))
        );
        assert!(fresh_status(&snapshot, taken + STATUS_FRESH).is_none(), "a stale status is asked of the UI thread");
    }

    #[test]
    fn the_gate_wants_the_token_and_limits_each_peer() {
        let now = Instant::now();
        let peer = Some(IpAddr::from([10, 0, 0, 7]));
        let mut gate = Gate { token: Some("s3cret".into()), ..Gate::default() };
        assert_eq!(gate.admit(peer, None, now).unwrap_err().status, 401);
        assert_eq!(gate.admit(peer, Some("Bearer wrong"), now).unwrap_err().status, 401);
        assert_eq!(gate.admit(peer, Some("s3cret"), now).unwrap_err().status, 401, "the scheme is required");
        assert!(gate.admit(peer, Some("Bearer s3cret"), now).is_ok());
        let mut open = Gate::default();
        for _ in 0..MAX_PER_SECOND {
            assert!(open.admit(peer, None, now).is_ok());
        }
        assert_eq!(open.admit(peer, None, now).unwrap_err().status, 429);
        assert!(open.admit(Some(IpAddr::from([10, 0, 0, 8])), None, now).is_ok(), "another peer has its own count");
        assert!(open.admit(peer, None, now + Duration::from_secs(1)).is_ok(), "a new second");
    }

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
