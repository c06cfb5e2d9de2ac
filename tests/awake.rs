//! The display kept awake while a talk is on, checked against a D-Bus session bus of the
//! test's own (`dbus-daemon --session`, apt: dbus-daemon) with a fake
//! `org.freedesktop.ScreenSaver` that records the Inhibit and UnInhibit calls it gets.
//!
//! The app finds the session bus through `DBUS_SESSION_BUS_ADDRESS`, which a test cannot set
//! for itself without `unsafe`, so the test starts the bus and the fake service, then runs
//! its own binary again with that variable for the part that presents (`a_talk_…_inner`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use egui::{Key, vec2};
use egui_kittest::Harness;
use lectern::app::{AppOptions, DeckSource, LecternApp};

/// Set for the inner run, which means nothing on another bus (`cargo test -- --ignored`).
const ON_THE_TESTS_BUS: &str = "LECTERN_TEST_OWN_SESSION_BUS";

/// What the fake service was asked.
struct FakeScreenSaver {
    calls: Arc<Mutex<Vec<String>>>,
    cookies: u32,
}

#[zbus::interface(name = "org.freedesktop.ScreenSaver")]
impl FakeScreenSaver {
    fn inhibit(&mut self, application_name: &str, reason: &str) -> u32 {
        self.cookies += 1;
        self.calls.lock().unwrap().push(format!("Inhibit({application_name}, {reason}) = {}", self.cookies));
        self.cookies
    }

    fn un_inhibit(&mut self, cookie: u32) {
        self.calls.lock().unwrap().push(format!("UnInhibit({cookie})"));
    }
}

#[test]
fn a_talk_keeps_the_display_awake_while_the_console_is_open_and_lets_it_sleep_after() {
    let mut bus = match Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(bus) => bus,
        Err(err) => panic!("dbus-daemon is needed (apt: dbus-daemon): {err}"),
    };
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).unwrap();
    let address = address.trim().to_owned();
    let calls = Arc::new(Mutex::new(Vec::new()));
    let service = FakeScreenSaver { calls: Arc::clone(&calls), cookies: 0 };
    let _connection = zbus::blocking::connection::Builder::address(address.as_str())
        .unwrap()
        .name("org.freedesktop.ScreenSaver")
        .unwrap()
        .serve_at("/org/freedesktop/ScreenSaver", service)
        .unwrap()
        .build()
        .unwrap();

    let mut inner = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "a_talk_with_the_console_inner", "--ignored", "--nocapture"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .env(ON_THE_TESTS_BUS, "1")
        // No system bus: logind's idle inhibit is refused, the display's is still taken.
        .env("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that hangs (a bus that never answers) fails the test instead of holding CI.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while inner.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = inner.kill();
            panic!("the inner run did not end within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let inner = inner.wait_with_output().unwrap();
    let _ = bus.kill();
    let _ = bus.wait();
    let stdout = String::from_utf8_lossy(&inner.stdout);
    assert!(inner.status.success(), "{stdout}{}", String::from_utf8_lossy(&inner.stderr));
    // keepawake asks for the display and the machine's idle together first; without a system
    // bus that whole request is given back and the display alone asked for again.
    let calls = calls.lock().unwrap().clone();
    let inhibits = calls.iter().filter(|c| c.starts_with("Inhibit(")).count();
    assert!((1..=2).contains(&inhibits), "asked when the console opened, not on every frame: {calls:?}");
    assert!(calls.iter().filter(|c| c.starts_with("Inhibit(")).all(|c| c.contains(", A presentation is showing)")));
    assert_eq!(
        calls.iter().filter(|c| c.starts_with("UnInhibit(")).count(),
        inhibits,
        "each one given back: {calls:?}"
    );
    assert_eq!(calls.last(), Some(&format!("UnInhibit({inhibits})")), "the one held, released when the console closed");
}

/// Run by the test above on its own bus: opens the console (the talk starts), steps a few
/// frames (asked once, not per frame), closes it (the talk is over).
#[test]
#[ignore = "run by a_talk_keeps_the_display_awake_while_the_console_is_open_and_lets_it_sleep_after"]
fn a_talk_with_the_console_inner() {
    if std::env::var_os(ON_THE_TESTS_BUS).is_none() {
        return;
    }
    let source = DeckSource::File(Path::new(env!("CARGO_MANIFEST_DIR")).join("slides/showcase.ron"));
    let result = source.load();
    let options = AppOptions { keep_awake: true, ..AppOptions::default() };
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .build_eframe(move |cc| LecternApp::with_options(&cc.egui_ctx, source, result, options));
    harness.run_steps(3);
    assert!(!harness.state().keeps_display_awake(), "an ordinary window, no talk yet");
    harness.key_press(Key::S);
    harness.run_steps(5);
    assert!(harness.state().console_open() && harness.state().keeps_display_awake(), "the talk is on");
    harness.key_press(Key::S);
    harness.run_steps(3);
    assert!(!harness.state().keeps_display_awake());
    assert!(!harness.state().console_open(), "the talk is over");
}
