//! Show control against the real app in the kittest harness: HTTP requests from another
//! thread, answered by the window's frames, move the show and report it; bad requests and
//! missing tokens are refused. Presenting and exhibit mode answer the same API.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::app::{AppOptions, DeckSource, LecternApp};
use lectern::control::{Control, ControlOptions};
use lectern::exhibit::{ExhibitApp, ExhibitOptions};

fn app(token: Option<&str>) -> (Harness<'static, LecternApp>, SocketAddr, SocketAddr) {
    let loopback = Some("127.0.0.1:0".parse().unwrap());
    let options = ControlOptions { address: loopback, osc: loopback, token: token.map(str::to_owned) };
    let control = Arc::new(Control::start(&options).expect("listen on loopback"));
    let (address, osc) = (control.address().unwrap(), control.osc_address().unwrap());
    let source = DeckSource::Bundled;
    let result = source.load();
    let options = AppOptions { control: Some(control), ..AppOptions::default() };
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .with_max_steps(16)
        .build_eframe(move |cc| LecternApp::with_options(&cc.egui_ctx, source, result, options));
    harness.run();
    (harness, address, osc)
}

/// Sends one request and returns its status and JSON body.
fn http(address: SocketAddr, method: &str, path: &str, body: &str, token: Option<&str>) -> (u16, serde_json::Value) {
    let (status, text) = http_text(address, method, path, body, token);
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

/// Sends one request and returns its status and body as text.
fn http_text(address: SocketAddr, method: &str, path: &str, body: &str, token: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    (status, response.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned())
}

/// `POST /v1/next` with these header lines (each ending in CRLF), as a browser might send it.
fn post_next(address: SocketAddr, headers: &str) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "POST /v1/next HTTP/1.1\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    (response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0), serde_json::Value::Null)
}

/// Runs `request` on another thread while the window draws frames, as a real client would.
fn ask<S>(
    harness: &mut Harness<'static, S>,
    request: impl FnOnce() -> (u16, serde_json::Value) + Send + 'static,
) -> (u16, serde_json::Value) {
    let client = std::thread::Builder::new().name("control-client".into()).spawn(request).unwrap();
    while !client.is_finished() {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run();
    client.join().unwrap()
}

#[test]
fn requests_move_the_show_and_the_status_says_so() {
    let (mut harness, address, _) = app(None);
    let (status, body) = ask(&mut harness, move || http(address, "GET", "/v1/status", "", None));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["slide"].as_u64(), body["language"].as_str(), body["mode"].as_str()),
        (Some(1), Some("en"), Some("present"))
    );
    let total = body["total"].as_u64().unwrap();
    assert!(total > 20, "{body}");

    let (status, body) = ask(&mut harness, move || http(address, "POST", "/v1/next", "", None));
    assert_eq!((status, body["slide"].as_u64()), (200, Some(2)), "{body}");
    assert!(harness.query_by_label_contains("What the OSCE is").is_some(), "the window shows slide 2");

    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/goto", r#"{"id": "summit"}"#, None));
    assert_eq!(body["id"].as_str(), Some("summit"), "{body}");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/language", r#"{"language": "kk"}"#, None));
    assert_eq!((body["language"].as_str(), body["id"].as_str()), (Some("kk"), Some("summit")), "{body}");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/goto", r#"{"slide": 3}"#, None));
    assert_eq!(body["slide"].as_u64(), Some(3), "{body}");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/blank", "", None));
    assert_eq!(body["blanked"].as_str(), Some("black"), "{body}");

    for (method, path, body, expected) in [
        ("POST", "/v1/goto", r#"{"slide": 999}"#, 404),
        ("POST", "/v1/goto", "{not json", 400),
        ("POST", "/v1/language", r#"{"language": "de"}"#, 400),
        ("DELETE", "/v1/next", "", 405),
        ("GET", "/v1/quit", "", 404),
    ] {
        let (status, reply) = ask(&mut harness, move || http(address, method, path, body, None));
        assert_eq!(status, expected, "{method} {path} {body}: {reply}");
        assert!(reply["error"].is_string(), "a sentence says why: {reply}");
    }
    // What a web page could send: a script's Origin, or a DNS-rebound host name.
    for header in ["Origin: http://example.com", "Host: rebound.example.com"] {
        let host = if header.starts_with("Host") { "" } else { "Host: 127.0.0.1\r\n" };
        let headers: &'static str = Box::leak(format!("{host}{header}\r\n").into_boxed_str());
        let (status, _) = ask(&mut harness, move || post_next(address, headers));
        assert_eq!(status, 403, "{header}");
    }
    let (_, body) = ask(&mut harness, move || http(address, "GET", "/v1/status", "", None));
    assert_eq!(body["slide"].as_u64(), Some(3), "refused requests changed nothing: {body}");
}

#[test]
fn a_token_is_required_when_one_is_set() {
    let (mut harness, address, _) = app(Some("s3cret"));
    let (status, _) = ask(&mut harness, move || http(address, "POST", "/v1/next", "", None));
    assert_eq!(status, 401);
    let (status, _) = ask(&mut harness, move || http(address, "POST", "/v1/next", "", Some("guess")));
    assert_eq!(status, 401);
    let (status, body) = ask(&mut harness, move || http(address, "GET", "/v1/status", "", Some("s3cret")));
    assert_eq!((status, body["slide"].as_u64()), (200, Some(1)), "the refused next did nothing: {body}");
    let (status, _) = ask(&mut harness, move || http(address, "POST", "/v1/next", &"x".repeat(10_000), Some("s3cret")));
    assert_eq!(status, 413, "bodies are limited");
    // With a token, a desk may name the machine rather than its address.
    let named = move || {
        let mut stream = TcpStream::connect(address).unwrap();
        let request = "GET /v1/status HTTP/1.1\r\nHost: stage-pc.local:7300\r\nAuthorization: Bearer s3cret\r\nConnection: close\r\n\r\n";
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        (response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0), serde_json::Value::Null)
    };
    assert_eq!(ask(&mut harness, named).0, 200, "a host name with the token");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/goto", r#"{"slide": 4}"#, Some("s3cret")));
    assert_eq!(body["slide"].as_u64(), Some(4));
    let (status, body) = ask(&mut harness, move || http(address, "POST", "/v1/reload", "", Some("s3cret")));
    assert_eq!((status, body["slide"].as_u64()), (200, Some(4)), "a reload keeps the place: {body}");
}

/// A server on loopback with no window behind it, left the status a window would leave
/// after a frame showing `slide`; no window answers here at all.
fn windowless(token: Option<&str>, slide: u64) -> (Control, SocketAddr) {
    let loopback = Some("127.0.0.1:0".parse().unwrap());
    let options = ControlOptions { address: loopback, token: token.map(str::to_owned), ..ControlOptions::default() };
    let control = Control::start(&options).unwrap();
    let address = control.address().unwrap();
    control.observe(1, || serde_json::json!({ "mode": "present", "slide": slide, "uptime_seconds": 1.0 }));
    (control, address)
}

#[test]
fn status_polls_are_answered_without_the_window() {
    let (_control, address) = windowless(None, 7);
    for _ in 0..50 {
        let (status, body) = http(address, "GET", "/v1/status", "", None);
        assert_eq!((status, body["slide"].as_u64()), (200, Some(7)), "{body}");
    }
}

/// Sends one OSC message over UDP, as a desk would.
fn osc(to: SocketAddr, addr: &str, args: Vec<rosc::OscType>) {
    let packet = rosc::OscPacket::Message(rosc::OscMessage { addr: addr.into(), args });
    let bytes = rosc::encoder::encode(&packet).unwrap();
    std::net::UdpSocket::bind("127.0.0.1:0").unwrap().send_to(&bytes, to).unwrap();
}

/// Steps the window until the status (asked over HTTP) satisfies `done`, for 2 s at most.
fn status_when<S>(
    harness: &mut Harness<'static, S>,
    address: SocketAddr,
    token: Option<&'static str>,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let mut last = serde_json::Value::Null;
    for _ in 0..40 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(50));
        last = ask(harness, move || http(address, "GET", "/v1/status", "", token)).1;
        if done(&last) {
            break;
        }
    }
    last
}

#[test]
fn osc_messages_move_the_show_and_wrong_ones_are_dropped() {
    use rosc::OscType::{Int, String as Text};
    let (mut harness, address, to) = app(Some("s3cret"));
    let token = || Text("s3cret".into());
    osc(to, "/lectern/goto", vec![token(), Int(5)]);
    let status = status_when(&mut harness, address, Some("s3cret"), |s| s["slide"].as_u64() == Some(5));
    assert_eq!(status["slide"].as_u64(), Some(5), "{status}");
    // Dropped: no token, a wrong token, a float where a number belongs, not OSC at all.
    osc(to, "/lectern/next", vec![]);
    osc(to, "/lectern/next", vec![Text("guess".into())]);
    osc(to, "/lectern/goto", vec![token(), rosc::OscType::Float(9.0)]);
    std::net::UdpSocket::bind("127.0.0.1:0").unwrap().send_to(b"not osc at all", to).unwrap();
    osc(to, "/lectern/language", vec![token(), Text("ru".into())]);
    let status = status_when(&mut harness, address, Some("s3cret"), |s| s["language"].as_str() == Some("ru"));
    assert_eq!((status["slide"].as_u64(), status["language"].as_str()), (Some(5), Some("ru")), "{status}");
    osc(to, "/lectern/next", vec![token()]);
    let status = status_when(&mut harness, address, Some("s3cret"), |s| s["slide"].as_u64() == Some(6));
    assert_eq!(status["slide"].as_u64(), Some(6), "{status}");
}

#[test]
fn metrics_for_prometheus() {
    let (mut harness, address, _) = app(None);
    let (status, metrics) = ask_text(&mut harness, move || http_text(address, "GET", "/metrics", "", None));
    assert_eq!(status, 200);
    assert!(metrics.contains("# TYPE lectern_frames_total counter\nlectern_frames_total "), "{metrics}");
    assert!(metrics.contains("\nlectern_slide 1\n"), "{metrics}");

    // A client of the event stream gets the status now, and again after each change.
    let client = move || {
        let mut stream = TcpStream::connect(address).unwrap();
        write!(stream, "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut reader = std::io::BufReader::new(stream);
        let mut events = Vec::new();
        let mut line = String::new();
        while events.len() < 2 {
            line.clear();
            if std::io::BufRead::read_line(&mut reader, &mut line).unwrap() == 0 {
                break;
            }
            if let Some(event) = line.strip_prefix("data: ") {
                events.push(serde_json::from_str::<serde_json::Value>(event).unwrap());
                if events.len() == 1 {
                    http(address, "POST", "/v1/next", "", None);
                }
            }
        }
        (u16::try_from(events.len()).unwrap(), serde_json::Value::Array(events))
    };
    let (count, events) = ask(&mut harness, client);
    assert_eq!(count, 2, "{events}");
    assert_eq!((events[0]["slide"].as_u64(), events[1]["slide"].as_u64()), (Some(1), Some(2)), "{events}");
}

fn ask_text<S>(
    harness: &mut Harness<'static, S>,
    request: impl FnOnce() -> (u16, String) + Send + 'static,
) -> (u16, String) {
    let mut answer = None;
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
    let filled = std::sync::Arc::clone(&slot);
    ask(harness, move || {
        *filled.lock().unwrap() = Some(request());
        (0, serde_json::Value::Null)
    });
    if let Some(found) = slot.lock().unwrap().take() {
        answer = Some(found);
    }
    answer.expect("an answer")
}

#[test]
fn the_phone_remote_is_one_page_that_drives_the_show_with_its_token() {
    let (mut harness, address, _) = app(Some("phone"));
    // The page itself holds nothing of the show: it is served without the token.
    let (status, page) = ask_text(&mut harness, move || http_text(address, "GET", "/", "", None));
    assert_eq!(status, 200);
    assert!(page.starts_with("<!doctype html>") && page.contains("/v1/events") && page.contains("Bearer"));
    assert!(!page.contains("http://") && !page.contains("https://"), "no external assets");
    // What it shows comes with the token, as for any client.
    assert_eq!(ask(&mut harness, move || http(address, "GET", "/v1/status", "", None)).0, 401);
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/next", "", Some("phone")));
    assert_eq!(body["slide"].as_u64(), Some(2), "{body}");
    assert_eq!(body["title"].as_str(), Some("What the OSCE is"), "{body}");
    assert!(body["next_title"].is_string() && body["notes"].is_string(), "{body}");
    assert_eq!(body["timer"]["running"].as_bool(), Some(true), "the first advance starts the talk: {body}");
}

#[test]
fn without_a_token_only_the_servers_own_page_may_call_it_from_a_browser() {
    let (mut harness, address, _) = app(None);
    let post = move |origin: &'static str| {
        let headers: &'static str = Box::leak(format!("Host: {address}\r\nOrigin: {origin}\r\n").into_boxed_str());
        move || post_next(address, headers)
    };
    let own: &'static str = Box::leak(format!("http://{address}").into_boxed_str());
    assert_eq!(ask(&mut harness, post(own)).0, 200, "the remote page served here");
    assert_eq!(ask(&mut harness, post("http://example.com")).0, 403, "any other page");
}

/// An exhibit of five slides (the fourth hidden) that each show ten minutes and a 20 s idle
/// time (the harness's clock runs 0.25 s a step), with show control on loopback, and the
/// deck's path.
fn exhibit(dir: &std::path::Path) -> (Harness<'static, ExhibitApp>, SocketAddr, SocketAddr, std::path::PathBuf) {
    let slides: String = (1..=5)
        .map(|i| {
            let hidden = if i == 4 { ", hidden: true" } else { "" };
            format!("Section(id: \"s{i}\", title: {{\"en\": \"Slide {i}\", \"ru\": \"Слайд {i}\"}}, duration: 600{hidden}),\n")
        })
        .collect();
    let deck = dir.join("deck.ron");
    let text =
        format!("(title: \"Kiosk\", languages: [\"en\", \"ru\"], exhibit: (idle_seconds: 20), slides: [\n{slides}])");
    std::fs::write(&deck, text).unwrap();
    let loopback = Some("127.0.0.1:0".parse().unwrap());
    let options = ControlOptions { address: loopback, osc: loopback, token: None };
    let control = Arc::new(Control::start(&options).expect("listen on loopback"));
    let (address, osc) = (control.address().unwrap(), control.osc_address().unwrap());
    let source = DeckSource::File(deck.clone());
    let loaded = source.load().expect("the deck loads");
    let options = ExhibitOptions { control: Some(control), ..ExhibitOptions::default() };
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .with_max_steps(16)
        .build_eframe(move |cc| ExhibitApp::new(&cc.egui_ctx, source, loaded, options));
    harness.run_steps(2);
    (harness, address, osc, deck)
}

#[test]
fn an_exhibit_is_moved_as_a_visitor_would_and_rejoins_its_loop() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, address, to, _) = exhibit(dir.path());
    let (status, body) = ask(&mut harness, move || http(address, "GET", "/v1/status", "", None));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["mode"].as_str(), body["slide"].as_u64(), body["total"].as_u64()),
        (Some("exhibit"), Some(1), Some(4))
    );
    assert_eq!(body["exhibit"]["visitor_active"].as_bool(), Some(false), "{body}");

    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/next", "", None));
    assert_eq!((body["slide"].as_u64(), body["id"].as_str()), (Some(2), Some("s2")), "{body}");
    assert_eq!(body["exhibit"]["visitor_active"].as_bool(), Some(true), "a desk holds the loop as a visitor does");
    harness.run_steps(8);
    assert!(harness.query_by_label("Slide 2").is_some(), "the screen shows slide 2");

    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/goto", r#"{"id": "s5"}"#, None));
    assert_eq!(body["id"].as_str(), Some("s5"), "{body}");
    let (status, _) = ask(&mut harness, move || http(address, "POST", "/v1/goto", r#"{"id": "s4"}"#, None));
    assert_eq!(status, 404, "a hidden slide is not shown");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/language", r#"{"language": "ru"}"#, None));
    assert_eq!(body["language"].as_str(), Some("ru"), "{body}");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/blank", "", None));
    assert_eq!(body["blanked"].as_str(), Some("black"), "{body}");
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/blank", "", None));
    assert!(body["blanked"].is_null(), "asked again, the screen shows: {body}");
    // Nothing ends the show from outside but signals and the operator's chord.
    for path in ["/v1/quit", "/v1/close", "/v1/unlock"] {
        let (status, _) = ask(&mut harness, move || http(address, "POST", path, "", None));
        assert_eq!(status, 404, "{path}");
    }
    osc(to, "/lectern/previous", vec![]);
    let status = status_when(&mut harness, address, None, |s| s["slide"].as_u64() == Some(3));
    assert_eq!(status["slide"].as_u64(), Some(3), "OSC moves it too: {status}");

    // Idle for longer than the deck's idle time: the loop takes over again, in English.
    harness.run_steps(100);
    let (_, body) = ask(&mut harness, move || http(address, "GET", "/v1/status", "", None));
    assert_eq!(body["exhibit"]["visitor_active"].as_bool(), Some(false), "{body}");
    assert_eq!(body["language"].as_str(), Some("en"), "{body}");
    assert_eq!(body["exhibit"]["open"].as_bool(), Some(true), "{body}");
}

#[test]
fn an_exhibit_reload_keeps_the_show_when_the_deck_is_broken_and_metrics_count_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, address, _, deck) = exhibit(dir.path());
    let (_, body) = ask(&mut harness, move || http(address, "POST", "/v1/goto", r#"{"slide": 3}"#, None));
    assert_eq!(body["slide"].as_u64(), Some(3), "{body}");
    std::fs::write(&deck, "(title: \"Kiosk\", slides: [Section(title: )])").unwrap();
    let (status, body) = ask(&mut harness, move || http(address, "POST", "/v1/reload", "", None));
    assert_eq!((status, body["slide"].as_u64()), (200, Some(3)), "the show goes on: {body}");
    assert!(body["problems"].is_string() && body["reload_failures"].as_u64() == Some(1), "{body}");
    let (_, metrics) = ask_text(&mut harness, move || http_text(address, "GET", "/metrics", "", None));
    for line in ["\nlectern_reload_failures_total 1\n", "\nlectern_restarts_total 0\n", "\nlectern_slide 3\n"] {
        assert!(metrics.contains(line), "{line:?} in {metrics}");
    }
    assert!(metrics.contains("# TYPE lectern_slide_changes_total counter\n"), "{metrics}");
}

/// Sends raw bytes and returns the status of the answer (0: the connection closed without one).
fn raw_status(address: SocketAddr, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let mut buffer = [0u8; 4096];
    // Reads until the status line is in, or the server closes or goes quiet.
    while let Ok(n) = stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        response.extend_from_slice(&buffer[..n]);
        if response.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    String::from_utf8_lossy(&response).split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// What once ended the show or its server: a body announced as a petabyte or as 2^64-1
/// bytes, with and without the token, and a head larger than allowed. Each is refused, and
/// the server answers the desk afterwards.
#[test]
fn lying_lengths_and_oversized_heads_are_refused_and_the_server_stays() {
    let (_control, address) = windowless(Some("a-long-enough-token"), 3);
    let post = |length: &str, token: bool| {
        let auth = if token { "Authorization: Bearer a-long-enough-token\r\n" } else { "" };
        format!("POST /v1/next HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Length: {length}\r\n\r\n").into_bytes()
    };
    assert_eq!(raw_status(address, &post("1000000000000000", false)), 401);
    assert_eq!(raw_status(address, &post("1000000000000000", true)), 413);
    for _ in 0..6 {
        let status = raw_status(address, &post("18446744073709551615", true));
        assert!(matches!(status, 400 | 413 | 431), "refused: {status}");
    }
    let huge_head = format!("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fill: {}\r\n\r\n", "x".repeat(64 * 1024));
    assert!(matches!(raw_status(address, huge_head.as_bytes()), 0 | 431), "a head over the limit is refused");
    let (status, body) = http(address, "GET", "/v1/status", "", Some("a-long-enough-token"));
    assert_eq!((status, body["slide"].as_u64()), (200, Some(3)), "{body}");
    assert_eq!(body["control"]["server_restarts"].as_u64(), Some(0), "{body}");
}

/// An event-stream client hears where the show is as soon as it joins, and one that goes
/// gives its slot back without the show having to change.
#[test]
fn event_stream_clients_hear_the_status_at_once_and_free_their_slot_when_they_go() {
    let (_control, address) = windowless(None, 5);
    for _ in 0..(lectern::control::MAX_EVENT_CLIENTS * 3) {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        write!(stream, "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut seen = String::new();
        let mut buffer = [0u8; 4096];
        while !seen.contains("data: ") {
            let n = stream.read(&mut buffer).expect("an event, not a timeout");
            assert!(n > 0, "the stream ended early: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
        assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
        assert!(seen.contains("\"slide\":5"), "{seen}");
        // Leaves: dropping the socket closes it.
    }
}
