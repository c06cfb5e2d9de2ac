//! Load on show control, for scripts/control-load.sh: for SECONDS, GET /v1/status at
//! STATUS_RATE a second and POST a command at COMMAND_RATE a second, over keep-alive
//! connections as a desk or a monitoring system would hold them, paced evenly. Prints the
//! requests sent, the statuses answered and the latency percentiles.
//!
//! Usage: cargo run --release --example control_load -- ADDRESS SECONDS STATUS_RATE
//! COMMAND_RATE COMMAND_PATH [COMMAND_BODY]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const STATUS_THREADS: u32 = 8;
const COMMAND_THREADS: u32 = 2;

/// What one client thread saw: each request's latency, and how many got each status.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    statuses: std::collections::BTreeMap<u16, u64>,
    failures: u64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 5 {
        eprintln!("usage: control_load ADDRESS SECONDS STATUS_RATE COMMAND_RATE COMMAND_PATH [COMMAND_BODY]");
        std::process::exit(2);
    }
    let address = args[0].clone();
    let seconds: f64 = args[1].parse().expect("SECONDS");
    let status_rate: f64 = args[2].parse().expect("STATUS_RATE");
    let command_rate: f64 = args[3].parse().expect("COMMAND_RATE");
    let (path, body) = (args[4].clone(), args.get(5).cloned().unwrap_or_default());
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let mut clients = Vec::new();
    let status = ("GET".to_owned(), "/v1/status".to_owned(), String::new());
    let command = ("POST".to_owned(), path, body);
    for (threads, rate, request) in [(STATUS_THREADS, status_rate, status), (COMMAND_THREADS, command_rate, command)] {
        if rate <= 0.0 {
            continue;
        }
        for i in 0..threads {
            let (address, request) = (address.clone(), request.clone());
            let every = Duration::from_secs_f64(f64::from(threads) / rate);
            let name = request.1.clone();
            let client = std::thread::Builder::new()
                .name(format!("load-{name}-{i}"))
                .spawn(move || run_client(&address, &request, every, until))
                .expect("start a client thread");
            clients.push((name, client));
            // Connections opened in the same instant can starve in tiny_http 0.12's
            // connection pool (a queued connection waits for another to close); clients
            // that hold connections open come one after another here, as they do in a
            // building.
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let mut by_path: std::collections::BTreeMap<String, Seen> = std::collections::BTreeMap::new();
    for (path, client) in clients {
        let seen = client.join().expect("a client thread");
        let total = by_path.entry(path).or_default();
        total.latencies.extend(seen.latencies);
        total.failures += seen.failures;
        for (status, count) in seen.statuses {
            *total.statuses.entry(status).or_default() += count;
        }
    }
    for (path, mut seen) in by_path {
        seen.latencies.sort();
        let n = seen.latencies.len();
        let at = |q: f64| {
            seen.latencies.get(((n as f64 * q) as usize).min(n.saturating_sub(1))).copied().unwrap_or_default()
        };
        println!(
            "{path}: {n} answered ({:.0}/s), statuses {:?}, {} failed; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            n as f64 / seconds,
            seen.statuses,
            seen.failures,
            at(0.5).as_secs_f64() * 1e3,
            at(0.99).as_secs_f64() * 1e3,
            at(1.0).as_secs_f64() * 1e3,
        );
    }
}

/// Sends `request` every `every` until `until` over one connection (opened again if the
/// server closes it).
fn run_client(address: &str, request: &(String, String, String), every: Duration, until: Instant) -> Seen {
    let (method, path, body) = request;
    let message = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut seen = Seen::default();
    let mut connection: Option<BufReader<TcpStream>> = None;
    let mut next = Instant::now();
    while next < until {
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        next += every;
        let started = Instant::now();
        let reader = match connection.take() {
            Some(reader) => Some(reader),
            None => TcpStream::connect(address).ok().map(BufReader::new),
        };
        let Some(mut reader) = reader else {
            seen.failures += 1;
            continue;
        };
        match exchange(&mut reader, &message) {
            Some(status) => {
                seen.latencies.push(started.elapsed());
                *seen.statuses.entry(status).or_default() += 1;
                connection = Some(reader);
            }
            None => seen.failures += 1,
        }
    }
    seen
}

/// Writes one request and reads its response; returns the status.
fn exchange(reader: &mut BufReader<TcpStream>, message: &str) -> Option<u16> {
    reader.get_mut().write_all(message.as_bytes()).ok()?;
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let status = line.split_whitespace().nth(1)?.parse().ok()?;
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(status)
}
