//! The HTTP side of show control: hyper 1 on a one-thread tokio runtime (`lectern-control`),
//! with every limit checked before anything is allocated for a request.
//!
//! - A request head is at most [`MAX_HEAD`] bytes and must arrive within [`HEAD_WITHIN`]
//!   (slowloris); a body is at most [`MAX_BODY`] bytes, refused by its announced length
//!   before a byte of it is read, and must arrive within [`BODY_WITHIN`]; a kept-alive
//!   connection that says nothing for [`IDLE_AFTER`] is closed.
//! - Connections are capped below the process's descriptor limit (raised to the hard limit
//!   at start, [`crate::platform::limits`]); at the cap the connection that has been quiet longest
//!   makes room, so a desk always gets in. Accept errors (no descriptors left) are waited
//!   out, never the end of the server.
//! - The server supervises itself: if its loop ever ends by a panic, it is started again
//!   on the same socket, and the status says how often (`control.server_restarts`).
//!
//! tiny_http, which served here before, allocated a whole announced body when it dropped a
//! refused request and ran a thread per request; neither can happen with hyper reading
//! bodies as streams on one thread.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Either, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};

use super::events::EventBody;
use super::gate::Admission;
use super::pending::{ANSWER_WITHIN, Reply};
use super::request::{self, Action, Refusal};
use super::shared::Shared;
use super::snapshot;

/// The largest request head (request line and headers) read.
pub const MAX_HEAD: usize = 16 * 1024;
/// The largest request body read.
pub const MAX_BODY: usize = 4096;
/// How long a client may take to send a request head.
pub const HEAD_WITHIN: Duration = Duration::from_secs(5);
/// How long a client may take to send a body, once its head is read.
pub const BODY_WITHIN: Duration = Duration::from_secs(5);
/// A connection that neither sends nor receives for this long is closed.
pub const IDLE_AFTER: Duration = Duration::from_secs(15);
/// Descriptors kept for the show itself (window, fonts, pictures, the log) below the limit.
const RESERVED_DESCRIPTORS: u64 = 256;

type Body = Either<Full<Bytes>, EventBody>;

/// How many connections may be open at once, from the descriptor limit.
pub fn connection_cap(open_files: u64) -> usize {
    open_files.saturating_sub(RESERVED_DESCRIPTORS).clamp(16, 4096) as usize
}

/// Runs the server on `listener` on its own thread until `stop` says so, restarting its
/// loop if it ever ends by a panic.
pub(super) fn spawn(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    stop: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let cap = connection_cap(crate::platform::limits::raise_open_files());
    std::thread::Builder::new().name("lectern-control".into()).spawn(move || {
        let stopped = || *stop.borrow();
        supervised(
            || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                // The listener joins this runtime's reactor.
                let listener = {
                    let _inside = runtime.enter();
                    tokio_listener(&listener)?
                };
                runtime.block_on(serve(listener, Arc::clone(&shared), stop.clone(), cap));
                // Connections still open are dropped, not waited for.
                runtime.shutdown_background();
                Ok(())
            },
            stopped,
            |why| {
                shared.health.restarts.fetch_add(1, Ordering::Relaxed);
                log::error!("show control: the HTTP server stopped ({why}); starting it again");
                std::thread::sleep(Duration::from_secs(1));
            },
        );
    })?;
    Ok(())
}

fn tokio_listener(listener: &std::net::TcpListener) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::from_std(listener.try_clone()?)
}

/// Runs `serve` until `stopped()`, calling `restart` with the reason whenever it ends
/// otherwise (returned, failed or panicked) before running it again.
pub(super) fn supervised(
    mut serve: impl FnMut() -> std::io::Result<()>,
    stopped: impl Fn() -> bool,
    mut restart: impl FnMut(&str),
) {
    while !stopped() {
        let why = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(&mut serve)) {
            Ok(Ok(())) if stopped() => return,
            Ok(Ok(())) => "its loop ended".to_owned(),
            Ok(Err(err)) => err.to_string(),
            Err(panic) => {
                let text = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned());
                format!("panic: {}", text.unwrap_or_default())
            }
        };
        if stopped() {
            return;
        }
        restart(&why);
    }
}

/// What the server knows of one open connection, shared with its task.
#[derive(Default)]
struct Open {
    /// When it last moved a byte (milliseconds on the server's clock).
    activity: AtomicU64,
    /// A request of it is being answered (never closed to make room then).
    busy: std::sync::atomic::AtomicBool,
    /// It carries the event stream.
    streaming: std::sync::atomic::AtomicBool,
    /// Tells its task to close it.
    close: tokio::sync::Notify,
}

/// The open connections, for closing the quietest when the cap is reached.
#[derive(Default)]
struct Connections {
    open: Mutex<HashMap<u64, Arc<Open>>>,
    next: AtomicU64,
}

impl Connections {
    /// Closes the connection that makes room at least cost: one with no request being
    /// answered, not an event stream, silent longest; an event stream only if nothing else
    /// can go. It leaves the registry at once, so the next call picks another.
    fn close_quietest(&self) {
        let Ok(mut open) = self.open.lock() else { return };
        let cost = |o: &Open| {
            (o.busy.load(Ordering::Relaxed), o.streaming.load(Ordering::Relaxed), o.activity.load(Ordering::Relaxed))
        };
        let quietest = open.iter().min_by_key(|(_, o)| cost(o)).map(|(id, _)| *id);
        if let Some(conn) = quietest.and_then(|id| open.remove(&id)) {
            conn.close.notify_one();
        }
    }

    fn register(&self, conn: &Arc<Open>) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut open) = self.open.lock() {
            open.insert(id, Arc::clone(conn));
        }
        id
    }

    fn forget(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }
}

/// Counts a connection in the server's health for exactly as long as it lives (a task
/// that panics or is dropped with its runtime still uncounts it).
struct Counted(Arc<Shared>);

impl Counted {
    fn new(shared: &Arc<Shared>) -> Self {
        shared.health.connections.fetch_add(1, Ordering::Relaxed);
        Self(Arc::clone(shared))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.health.connections.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Milliseconds on a clock of the server's own, for activity stamps.
fn millis(since: Instant) -> u64 {
    since.elapsed().as_millis() as u64
}

async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    mut stop: tokio::sync::watch::Receiver<bool>,
    cap: usize,
) {
    let connections = Arc::new(Connections::default());
    // A connection is accepted only with a permit; the permit goes with its task.
    let permits = Arc::new(tokio::sync::Semaphore::new(cap));
    let epoch = Instant::now();
    let mut minute = tokio::time::interval(Duration::from_secs(10));
    let mut accept_failed_logged: Option<Instant> = None;
    loop {
        let permit = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                // Full: the quietest connection makes room, and its permit comes back.
                connections.close_quietest();
                tokio::select! {
                    permit = Arc::clone(&permits).acquire_owned() => match permit {
                        Ok(permit) => permit,
                        Err(_) => return,
                    },
                    _ = tokio::time::sleep(Duration::from_millis(100)) => continue,
                    _ = stop.changed() => return,
                }
            }
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
            _ = minute.tick() => {
                let line = shared.gate.lock().ok().and_then(|mut gate| gate.summary(Instant::now()));
                if let Some(line) = line {
                    log::warn!("{line}");
                }
                continue;
            }
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(err) => {
                // No descriptors left (EMFILE), or a connection reset before it was taken:
                // make room, wait a moment and go on.
                if accept_failed_logged.is_none_or(|at| at.elapsed() >= Duration::from_secs(60)) {
                    log::warn!("show control: cannot accept a connection: {err}");
                    accept_failed_logged = Some(Instant::now());
                }
                connections.close_quietest();
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let conn = Arc::new(Open { activity: AtomicU64::new(millis(epoch)), ..Open::default() });
        let id = connections.register(&conn);
        let counted = Counted::new(&shared);
        let (shared, connections, stop) = (Arc::clone(&shared), Arc::clone(&connections), stop.clone());
        tokio::spawn(async move {
            let _held = (permit, counted);
            connection(stream, peer, &shared, &conn, epoch, stop).await;
            connections.forget(id);
        });
    }
}

/// Serves one connection until it ends, goes quiet for [`IDLE_AFTER`], is closed to make
/// room, or the server stops.
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    shared: &Arc<Shared>,
    conn: &Arc<Open>,
    epoch: Instant,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let io = hyper_util::rt::TokioIo::new(Watched { stream, conn: Arc::clone(conn), epoch });
    let service = {
        let (shared, conn) = (Arc::clone(shared), Arc::clone(conn));
        hyper::service::service_fn(move |request| {
            let (shared, conn) = (Arc::clone(&shared), Arc::clone(&conn));
            async move {
                conn.busy.store(true, Ordering::Relaxed);
                let response = handle(request, peer.ip(), &shared, &conn.streaming).await;
                conn.busy.store(false, Ordering::Relaxed);
                Ok::<_, Infallible>(response)
            }
        })
    };
    let served = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_WITHIN)
        .max_buf_size(MAX_HEAD)
        .serve_connection(io, service);
    tokio::pin!(served);
    let mut check = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = &mut served => return,
            _ = conn.close.notified() => return,
            _ = stop.changed() => return,
            _ = check.tick() => {
                let quiet = millis(epoch).saturating_sub(conn.activity.load(Ordering::Relaxed));
                if quiet >= IDLE_AFTER.as_millis() as u64 && !conn.busy.load(Ordering::Relaxed) {
                    return;
                }
            }
        }
    }
}

/// A connection's socket that stamps the time of every byte it moves.
struct Watched {
    stream: tokio::net::TcpStream,
    conn: Arc<Open>,
    epoch: Instant,
}

impl Watched {
    fn moved(&self) {
        self.conn.activity.store(millis(self.epoch), Ordering::Relaxed);
    }
}

impl tokio::io::AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.moved();
        }
        polled
    }
}

impl tokio::io::AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.moved();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// What a request gets: a reply, or the event stream.
enum Answer {
    Reply(Reply),
    /// A refusal after which the connection is closed (its body was not read).
    Closing(Reply),
    Events,
}

async fn handle(
    request: Request<Incoming>,
    peer: IpAddr,
    shared: &Arc<Shared>,
    streaming: &std::sync::atomic::AtomicBool,
) -> Response<Body> {
    match decide(request, peer, shared).await {
        Answer::Reply(reply) => respond(reply, false),
        Answer::Closing(reply) => respond(reply, true),
        Answer::Events => match super::events::subscribe(&shared.events) {
            Some(body) => {
                streaming.store(true, Ordering::Relaxed);
                let mut response = Response::new(Either::Right(body));
                let headers = response.headers_mut();
                headers.insert(hyper::header::CONTENT_TYPE, "text/event-stream".parse().expect("a header value"));
                headers.insert(hyper::header::CACHE_CONTROL, "no-cache".parse().expect("a header value"));
                response
            }
            None => {
                respond(Reply::refused(Refusal { status: 503, message: "too many event-stream clients".into() }), false)
            }
        },
    }
}

/// The request's header `name`, if it is there and readable.
fn header<'a>(request: &'a Request<Incoming>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|value| value.to_str().ok())
}

async fn decide(request: Request<Incoming>, peer: IpAddr, shared: &Arc<Shared>) -> Answer {
    let now = Instant::now();
    let path = request.uri().path().to_owned();
    let method = request.method().as_str().to_owned();
    let (admission, tokenless) = {
        let mut gate = shared.gate.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if matches!(path.as_str(), "/" | "/remote") && method == "GET" {
            return match gate.rate(peer, now) {
                Admission::Admitted => Answer::Reply(Reply::page(REMOTE_PAGE)),
                Admission::Refused { refusal, .. } => Answer::Reply(Reply::refused(refusal)),
            };
        }
        (gate.admit(peer, header(&request, "authorization"), now), !gate.has_token())
    };
    if let Admission::Refused { refusal, wait } = admission {
        tokio::time::sleep(wait).await;
        return Answer::Closing(Reply::refused(refusal));
    }
    // With a token, a page cannot send it without a preflight this server never answers;
    // without one (loopback only), what a page could send is refused here.
    if tokenless && let Err(refusal) = same_machine_or_desk(|name| header(&request, name)) {
        shared.count_refusal(peer);
        return Answer::Closing(Reply::refused(refusal));
    }
    let too_large = || Reply::refused(Refusal { status: 413, message: format!("bodies are at most {MAX_BODY} bytes") });
    // Refused by the length it announces, before a byte of it is read.
    if hyper::body::Body::size_hint(request.body()).lower() > MAX_BODY as u64 {
        shared.count_refusal(peer);
        return Answer::Closing(too_large());
    }
    let body = match tokio::time::timeout(BODY_WITHIN, Limited::new(request.into_body(), MAX_BODY).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(_)) => return Answer::Closing(too_large()),
        Err(_) => {
            let late = Refusal { status: 408, message: format!("the body did not arrive within {BODY_WITHIN:?}") };
            return Answer::Closing(Reply::refused(late));
        }
    };
    if path.trim_end_matches('/') == "/v1/events" {
        return match method.as_str() {
            "GET" => Answer::Events,
            _ => Answer::Reply(Reply::refused(Refusal { status: 405, message: "use GET".into() })),
        };
    }
    let action = match request::parse(&method, &path, &body) {
        Ok(action) => action,
        Err(refusal) => return Answer::Reply(Reply::refused(refusal)),
    };
    Answer::Reply(ask_the_show(action, shared).await)
}

/// The show's answer to `action`: from the last status where that is enough, otherwise from
/// the UI thread within [`ANSWER_WITHIN`].
async fn ask_the_show(action: Action, shared: &Arc<Shared>) -> Reply {
    if action == Action::Status
        && let Some(status) = snapshot::fresh_status(&shared.snapshot, Instant::now())
    {
        return Reply::ok(shared.health.add_to_status(status));
    }
    if let Some(refusal) = snapshot::refused_by_status(&action, &shared.snapshot) {
        return Reply::refused(refusal);
    }
    let (reply, answered) = tokio::sync::oneshot::channel();
    let is_status = action == Action::Status;
    let is_metrics = action == Action::Metrics;
    if !shared.send(action, Some(reply)) {
        return Reply::refused(Refusal { status: 503, message: "the show has ended".into() });
    }
    match tokio::time::timeout(ANSWER_WITHIN, answered).await {
        Ok(Ok(reply)) if is_status && reply.status == 200 => {
            Reply { body: shared.health.add_to_status(reply.body), ..reply }
        }
        Ok(Ok(reply)) if is_metrics && reply.status == 200 => {
            let text = reply.text.map(|text| text + &shared.health.metrics(shared.refused_total()));
            Reply { text, ..reply }
        }
        Ok(Ok(reply)) => reply,
        _ => {
            Reply::refused(Refusal { status: 503, message: "the show did not answer in time; it may be frozen".into() })
        }
    }
}

/// The HTTP response for `reply`; `closing` ends the connection after it.
fn respond(reply: Reply, closing: bool) -> Response<Body> {
    let (body, content_type) = match reply.text {
        Some(text) if reply.html => (text, "text/html; charset=utf-8"),
        Some(text) => (text, "text/plain; version=0.0.4; charset=utf-8"),
        None => {
            (serde_json::to_string_pretty(&reply.body).unwrap_or_default() + "\n", "application/json; charset=utf-8")
        }
    };
    let mut response = Response::new(Either::Left(Full::new(Bytes::from(body))));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(hyper::header::CONTENT_TYPE, content_type.parse().expect("a header value"));
    if closing {
        headers.insert(hyper::header::CONNECTION, "close".parse().expect("a header value"));
    }
    response
}

/// Refuses what a web page in a browser could send: a request with an `Origin` (a page's
/// script), or a `Host` that is a name rather than an address (DNS rebinding). Desks,
/// scripts and curl send neither.
fn same_machine_or_desk<'a>(header: impl Fn(&'static str) -> Option<&'a str>) -> Result<(), Refusal> {
    // Only this server's own page (the remote) may call it from a browser.
    let own_page = header("host").map(|host| format!("http://{host}"));
    if let Some(origin) = header("origin")
        && Some(origin) != own_page.as_deref()
    {
        return Err(Refusal { status: 403, message: "requests from web pages are refused".into() });
    }
    if let Some(host) = header("host") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_descriptors_for_the_show() {
        assert_eq!(connection_cap(1024), 768);
        assert_eq!(connection_cap(100), 16, "never none");
        assert_eq!(connection_cap(1 << 20), 4096);
    }

    #[test]
    fn a_server_that_ends_or_panics_is_started_again_until_stopped() {
        let runs = std::cell::Cell::new(0);
        let mut reasons = Vec::new();
        supervised(
            || {
                runs.set(runs.get() + 1);
                match runs.get() {
                    1 => panic!("capacity overflow"),
                    2 => Err(std::io::Error::other("no descriptors")),
                    _ => Ok(()),
                }
            },
            || runs.get() >= 3,
            |why| reasons.push(why.to_owned()),
        );
        assert_eq!(runs.get(), 3);
        assert_eq!(reasons, ["panic: capacity overflow", "no descriptors"]);
    }
}
