//! The event stream (`GET /v1/events`): each client gets every status the window publishes
//! as one server-sent event. A client holds one of [`MAX_EVENT_CLIENTS`] slots for exactly
//! as long as its stream lives: the slot is freed when hyper drops the body, which it does
//! when the client goes. A comment line every [`HEARTBEAT`] makes a client that left
//! without a word show up as a failed write, so its slot is freed within seconds, not at
//! the next slide change.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::Frame;

/// Clients of the event stream at most at once.
pub const MAX_EVENT_CLIENTS: usize = 16;
/// How often a quiet stream says it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(5);
/// Events a client may fall behind before it is dropped.
const BEHIND: usize = 8;

/// The clients of the event stream.
#[derive(Debug, Default)]
pub struct Events {
    inner: Mutex<Inner>,
    /// Streams alive now (a slot each).
    live: Arc<AtomicUsize>,
}

/// The clients, and the last event published: a client that joins gets it first, under the
/// same lock, so it can neither miss a change nor hear an older one after it.
#[derive(Debug, Default)]
struct Inner {
    clients: Vec<tokio::sync::mpsc::Sender<String>>,
    last: Option<String>,
}

impl Events {
    /// How many clients listen now.
    pub fn listeners(&self) -> usize {
        self.live.load(Ordering::Relaxed)
    }

    /// Sends `line` to every client, and keeps it for those that join; clients that left,
    /// or fell behind, are dropped.
    pub fn publish(&self, line: &str) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.clients.retain(|client| client.try_send(line.to_owned()).is_ok());
            inner.last = Some(line.to_owned());
        }
    }
}

/// A new client's stream, or `None` when every slot is taken. The last event published is
/// its first, so a client never waits for the show to change to learn where it is.
pub fn subscribe(events: &Events) -> Option<EventBody> {
    let taken =
        events.live.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < MAX_EVENT_CLIENTS).then_some(n + 1));
    taken.ok()?;
    let slot = Slot(Arc::clone(&events.live));
    let (send, received) = tokio::sync::mpsc::channel(BEHIND);
    if let Ok(mut inner) = events.inner.lock() {
        if let Some(last) = &inner.last {
            let _ = send.try_send(last.clone());
        }
        inner.clients.retain(|client| !client.is_closed());
        inner.clients.push(send);
    }
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    Some(EventBody { received, heartbeat, _slot: slot })
}

/// Frees its slot when dropped.
#[derive(Debug)]
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The body of one event-stream response: published statuses as `data:` events, and a
/// comment when nothing was said for a while.
#[derive(Debug)]
pub struct EventBody {
    received: tokio::sync::mpsc::Receiver<String>,
    heartbeat: tokio::time::Interval,
    _slot: Slot,
}

impl hyper::body::Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        match this.received.poll_recv(cx) {
            Poll::Ready(Some(event)) => {
                this.heartbeat.reset();
                return Poll::Ready(Some(Ok(Frame::data(Bytes::from(format!("data: {event}\n\n"))))));
            }
            // Dropped by the publisher (fell behind): the stream ends; the client may reconnect.
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        match this.heartbeat.poll_tick(cx) {
            Poll::Ready(_) => Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b": alive\n\n"))))),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_freed_when_streams_end_and_quiet_streams_say_they_are_alive() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(slots_and_heartbeats());
    }

    async fn slots_and_heartbeats() {
        use http_body_util::BodyExt as _;
        let events = Events::default();
        let mut streams: Vec<EventBody> = (0..MAX_EVENT_CLIENTS).map(|_| subscribe(&events).unwrap()).collect();
        assert!(subscribe(&events).is_none(), "every slot is taken");
        streams.truncate(3);
        assert_eq!(events.listeners(), 3, "a client that went gives its slot back at once");
        events.publish("{\"slide\": 1}");
        let mut joining = subscribe(&events).unwrap();
        let first = joining.frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(first, "data: {\"slide\": 1}\n\n", "a new client hears where the show is at once");
        let _ = streams[0].frame().await;
        events.publish("{\"slide\": 2}");
        let first = streams[0].frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(first, "data: {\"slide\": 2}\n\n");
        let quiet = streams[0].frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(quiet, ": alive\n\n");
    }
}
