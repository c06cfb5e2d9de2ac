//! Who may ask, and how often: the one gate every HTTP request and OSC message passes.
//!
//! - The token is compared in constant time (`subtle`), so its bytes cannot be found by
//!   timing the refusals.
//! - A correct token is never refused: a desk on the same address as someone guessing is
//!   answered at once. Wrong tokens count against their address; past
//!   [`FAILURES_PER_MINUTE`] each further guess is answered 429 only after [`GUESS_PENALTY`]
//!   (the server holds that connection, not a thread), which slows guessing without ever
//!   locking the right token out.
//! - Requests without a token to check (a loopback server without one, the remote page) are
//!   limited to [`MAX_PER_SECOND`] per address.
//! - Refusals are counted, not logged one by one: one line a minute says how many requests
//!   from how many addresses were refused, so a scan of ten thousand addresses writes one
//!   line, not ten thousand, and cannot rotate the evidence out of the log.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use subtle::ConstantTimeEq as _;

use super::request::Refusal;

/// Requests an address may make in one second when there is no token to check.
pub const MAX_PER_SECOND: u32 = 2000;
/// Wrong tokens an address may send in a minute before each further one is slowed.
pub const FAILURES_PER_MINUTE: u32 = 20;
/// How long a guess past [`FAILURES_PER_MINUTE`] waits for its 429.
pub const GUESS_PENALTY: Duration = Duration::from_secs(1);
/// Addresses remembered at most, for counting; a scan beyond it forgets the oldest minute.
const MAX_PEERS: usize = 4096;
const MINUTE: Duration = Duration::from_secs(60);

/// What the gate decided about one request.
#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// Refused; answer after `wait` (zero for most refusals).
    Refused {
        refusal: Refusal,
        wait: Duration,
    },
}

/// The refusals of one minute, for the log line that sums them up.
#[derive(Debug, Default)]
struct Tally {
    since: Option<Instant>,
    refused: u64,
    peers: HashSet<IpAddr>,
}

/// The token and the counts kept per address.
#[derive(Debug, Default)]
pub struct Gate {
    token: Option<String>,
    /// Per address: the second being counted and the requests in it.
    counts: Counts,
    /// Per address: the minute being counted and the wrong tokens in it.
    failures: Counts,
    tally: Tally,
    /// Refusals since the server started (for the metrics).
    refused_total: u64,
}

impl Gate {
    pub fn new(token: Option<String>) -> Self {
        Self { token: token.filter(|t| !t.is_empty()), ..Self::default() }
    }

    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// Whether `given` is the token, compared in constant time for a given length.
    pub fn is_token(&self, given: &str) -> bool {
        self.token.as_deref().is_some_and(|token| bool::from(token.as_bytes().ct_eq(given.as_bytes())))
    }

    /// Decides on a request of `peer` that carries `authorization` (the header's value).
    pub fn admit(&mut self, peer: IpAddr, authorization: Option<&str>, now: Instant) -> Admission {
        if self.token.is_none() {
            return self.rate(peer, now);
        }
        let given = authorization.and_then(|value| value.strip_prefix("Bearer "));
        self.token_given(peer, given, now)
    }

    /// Decides on a token (`None`: none given) from `peer`, as HTTP and OSC both carry one.
    pub fn token_given(&mut self, peer: IpAddr, given: Option<&str>, now: Instant) -> Admission {
        if given.is_some_and(|given| self.is_token(given)) {
            return Admission::Admitted;
        }
        let failures = count_in(&mut self.failures, peer, now, MINUTE);
        let (refusal, wait) = if failures > FAILURES_PER_MINUTE {
            (Refusal { status: 429, message: "too many wrong tokens; slow down".into() }, GUESS_PENALTY)
        } else {
            (Refusal { status: 401, message: "a bearer token is required".into() }, Duration::ZERO)
        };
        self.count_refusal(peer, now);
        Admission::Refused { refusal, wait }
    }

    /// Counts a request of `peer` that needs no token; refuses it past [`MAX_PER_SECOND`].
    pub fn rate(&mut self, peer: IpAddr, now: Instant) -> Admission {
        if count_in(&mut self.counts, peer, now, Duration::from_secs(1)) > MAX_PER_SECOND {
            self.count_refusal(peer, now);
            let refusal = Refusal { status: 429, message: "too many requests; slow down".into() };
            return Admission::Refused { refusal, wait: Duration::ZERO };
        }
        Admission::Admitted
    }

    /// Counts a refusal decided elsewhere (a body too large, a page's request).
    pub fn count_refusal(&mut self, peer: IpAddr, now: Instant) {
        self.refused_total += 1;
        let tally = &mut self.tally;
        tally.since.get_or_insert(now);
        tally.refused += 1;
        if tally.peers.len() < MAX_PEERS {
            tally.peers.insert(peer);
        }
    }

    pub fn refused_total(&self) -> u64 {
        self.refused_total
    }

    /// The log line for the minute that ended, if one did and anything was refused in it.
    pub fn summary(&mut self, now: Instant) -> Option<String> {
        let since = self.tally.since?;
        if now.duration_since(since) < MINUTE {
            return None;
        }
        let tally = std::mem::take(&mut self.tally);
        let peers = tally.peers.len();
        let more = if peers >= MAX_PEERS { " or more" } else { "" };
        let plural = |n: u64, one: &str, many: &str| if n == 1 { one.to_owned() } else { many.to_owned() };
        Some(format!(
            "show control: {} refused {} from {peers}{more} {} in the last minute",
            tally.refused,
            plural(tally.refused, "request", "requests"),
            plural(peers as u64, "address", "addresses"),
        ))
    }
}

/// Per address: when its window began and what it counted in it.
type Counts = HashMap<IpAddr, (Instant, u32)>;

/// Counts one more for `peer` in its current `window` and returns the count. Many peers (a
/// scan, IPv6 addresses, forged sources) must not grow the table without bound: past
/// [`MAX_PEERS`] the finished windows go, and if half the table is still current (a flood
/// of fresh addresses), the counts start again rather than be scanned on every request.
fn count_in(table: &mut Counts, peer: IpAddr, now: Instant, window: Duration) -> u32 {
    if table.len() > MAX_PEERS {
        table.retain(|_, (since, _)| now.duration_since(*since) < window);
        if table.len() > MAX_PEERS / 2 {
            table.clear();
        }
    }
    let (since, count) = table.entry(peer).or_insert((now, 0));
    if now.duration_since(*since) >= window {
        (*since, *count) = (now, 0);
    }
    *count = count.saturating_add(1);
    *count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(admission: &Admission) -> Option<(u16, Duration)> {
        match admission {
            Admission::Admitted => None,
            Admission::Refused { refusal, wait } => Some((refusal.status, *wait)),
        }
    }

    #[test]
    fn the_gate_wants_the_token_and_never_refuses_it() {
        let now = Instant::now();
        let peer = IpAddr::from([10, 0, 0, 7]);
        let mut gate = Gate::new(Some("s3cret".into()));
        assert_eq!(status(&gate.admit(peer, None, now)), Some((401, Duration::ZERO)));
        assert_eq!(status(&gate.admit(peer, Some("Bearer wrong"), now)), Some((401, Duration::ZERO)));
        assert_eq!(status(&gate.admit(peer, Some("s3cret"), now)), Some((401, Duration::ZERO)), "the scheme");
        assert_eq!(status(&gate.admit(peer, Some("Bearer s3cre"), now)), Some((401, Duration::ZERO)), "a prefix");
        for _ in 0..FAILURES_PER_MINUTE {
            gate.admit(peer, Some("Bearer guess"), now);
        }
        assert_eq!(status(&gate.admit(peer, Some("Bearer guess"), now)), Some((429, GUESS_PENALTY)), "slowed");
        assert_eq!(gate.admit(peer, Some("Bearer s3cret"), now), Admission::Admitted, "the desk on that address");
        assert_eq!(status(&gate.admit(IpAddr::from([10, 0, 0, 8]), None, now)), Some((401, Duration::ZERO)));
        assert_eq!(status(&gate.admit(peer, Some("Bearer guess"), now + MINUTE)), Some((401, Duration::ZERO)));
    }

    #[test]
    fn without_a_token_each_address_is_limited() {
        let now = Instant::now();
        let peer = IpAddr::from([127, 0, 0, 1]);
        let mut open = Gate::new(None);
        for _ in 0..MAX_PER_SECOND {
            assert_eq!(open.admit(peer, None, now), Admission::Admitted);
        }
        assert_eq!(status(&open.admit(peer, None, now)), Some((429, Duration::ZERO)));
        assert_eq!(open.admit(IpAddr::from([127, 0, 0, 2]), None, now), Admission::Admitted, "its own count");
        assert_eq!(open.admit(peer, None, now + Duration::from_secs(1)), Admission::Admitted, "a new second");
    }

    #[test]
    fn refusals_are_summed_up_once_a_minute_whatever_the_number_of_addresses() {
        let now = Instant::now();
        let mut gate = Gate::new(Some("s3cret".into()));
        for i in 0..10_000u32 {
            gate.admit(IpAddr::from((0x7f00_0000 + i).to_be_bytes()), None, now);
        }
        assert_eq!(gate.summary(now + Duration::from_secs(30)), None, "not before the minute is out");
        let line = gate.summary(now + MINUTE).unwrap();
        assert_eq!(line, "show control: 10000 refused requests from 4096 or more addresses in the last minute");
        assert_eq!(gate.summary(now + MINUTE * 2), None, "nothing refused since");
        assert!(gate.failures.len() <= MAX_PEERS + 1, "{} addresses kept", gate.failures.len());
        assert_eq!(gate.refused_total(), 10_000);
    }
}
