//! The `lectern` binary as a user runs it: `check` on good and broken decks, exit codes, and
//! bad input refused before any window opens.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::lectern;

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    found.sort();
    found
}

#[test]
fn shipped_decks_check_clean_without_warnings() {
    let decks = files("slides", "ron");
    assert!(decks.len() >= 2, "the chairmanship deck and the showcase");
    for deck in decks {
        let output = lectern(&["check", deck.to_str().unwrap()]);
        let out = text(&output);
        assert_eq!(output.status.code(), Some(0), "{}:\n{out}", deck.display());
        assert!(!out.contains("warning") && !out.contains("error"), "{}:\n{out}", deck.display());
        assert!(out.trim_end().ends_with(": ok"), "{out}");
    }
}

/// Each broken fixture names what `check` must say in its first line:
/// `// expect: LINE:COL message | more text…`, where a `LINE:COL message` item must be a
/// headline `path:LINE:COL: error: message…` and any other item must appear somewhere.
#[test]
fn broken_fixtures_fail_at_the_right_line_and_column() {
    let fixtures = files("tests/fixtures/broken", "ron");
    assert!(fixtures.len() >= 8);
    for fixture in fixtures {
        let source = std::fs::read_to_string(&fixture).unwrap();
        let expectations = source.lines().next().and_then(|l| l.strip_prefix("// expect: ")).expect("an expect line");
        let relative =
            fixture.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_str().unwrap().trim_start_matches('/');
        let output = lectern(&["check", relative]);
        let out = text(&output);
        assert_eq!(output.status.code(), Some(1), "{relative}:\n{out}");
        for expected in expectations.split(" | ") {
            let located = expected
                .split_once(' ')
                .filter(|(at, _)| at.split(':').count() == 2 && at.split(':').all(|n| n.parse::<usize>().is_ok()));
            match located {
                Some((at, message)) => {
                    let headline = format!("{relative}:{at}: error: {message}");
                    assert!(
                        out.lines().any(|l| l.starts_with(&headline)),
                        "{relative}: no line starting `{headline}` in\n{out}"
                    );
                }
                None => assert!(out.contains(expected), "{relative}: `{expected}` missing from\n{out}"),
            }
        }
        // The snippet quotes the source line under the headline.
        assert!(out.contains(" | "), "{relative}: no quoted source line in\n{out}");
        // No implementation detail leaks: serde type names, Rust paths, parser tuning.
        for leak in ["Raw", "::", "serde", "recursion", "ron::"] {
            assert!(!out.contains(leak), "{relative}: `{leak}` in\n{out}");
        }
    }
}

#[test]
fn check_reports_every_deck_and_the_worst_status() {
    let output = lectern(&["check", "slides/showcase.ron", "tests/fixtures/broken/empty.ron"]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("slides/showcase.ron: ok"), "{out}");
    assert!(out.contains("empty.ron: 1 error, 0 warnings"), "{out}");
}

#[test]
fn unreadable_input_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.ron");
    std::fs::write(&binary, [b'D', 0xff, 0xfe, b'(']).unwrap();
    let cases = [
        ("missing", dir.path().join("nope.ron"), "cannot read"),
        ("directory", dir.path().to_owned(), "is a directory"),
        ("not UTF-8", binary, "is not UTF-8"),
    ];
    for (name, path, message) in cases {
        for command in [vec!["check"], vec!["present"], vec![]] {
            let mut args = command.clone();
            args.push(path.to_str().unwrap());
            let output = lectern(&args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{name} {command:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{name} {command:?}: one line, got {stderr}");
            assert!(stderr.contains(message), "{name} {command:?}: {stderr}");
        }
    }
}

#[test]
fn usage_errors_exit_2_and_help_exists_for_each_command() {
    assert_eq!(lectern(&["check"]).status.code(), Some(2), "check needs a deck");
    assert_eq!(lectern(&["--no-such-flag"]).status.code(), Some(2));
    let unknown = lectern(&["exhibit", "--lang", "de", "--no-supervisor"]);
    assert_eq!(unknown.status.code(), Some(2), "a language the deck does not declare");
    assert!(text(&unknown).contains("the deck has no language `de` (it declares en, ru, kk)"), "{}", text(&unknown));
    // Show control that would listen beyond this machine without a token: refused before
    // anything listens or any window opens, in both modes.
    for command in ["present", "exhibit"] {
        let open = lectern(&[command, "--control", "0.0.0.0:0"]);
        assert_eq!(open.status.code(), Some(2), "{command}: {}", text(&open));
        assert!(text(&open).contains("listens beyond this machine: give a --control-token"), "{}", text(&open));
        let empty = lectern(&[command, "--control", "127.0.0.1:0", "--control-token", " "]);
        assert!(text(&empty).contains("the control token is empty"), "{command}: {}", text(&empty));
    }
    for args in [vec!["--help"], vec!["present", "--help"], vec!["check", "--help"]] {
        let output = lectern(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage"), "{args:?}");
    }
}

#[test]
fn every_committed_image_decodes() {
    let mut count = 0;
    for extension in ["svg", "png", "jpg"] {
        for path in files("assets/images", extension) {
            let bytes = std::fs::read(&path).unwrap();
            let image = lectern::media::decode::decode(&bytes, [512, 512])
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            assert!(image.size[0] > 0 && image.size[1] > 0);
            count += 1;
        }
    }
    assert!(count >= 7, "the bundled deck's images");
}

#[test]
fn the_bundled_deck_is_the_one_on_disk() {
    for (path, bytes) in lectern::bundled::FILES {
        let on_disk = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        assert!(on_disk == *bytes, "{path} differs from the embedded copy");
    }
    let report =
        lectern::check::check_deck(Path::new(lectern::bundled::DECK_PATH), &lectern::bundled::BundledAssets).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.render());
}

#[test]
fn check_warns_about_text_that_cannot_fit_or_be_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("crowded.ron");
    let items: Vec<String> = (0..40).map(|i| format!("\"point number {i} with a good many words in it\"")).collect();
    std::fs::write(
        &deck,
        format!(
            "Deck(title: \"T\", slides: [\n    Title(title: \"Fine\"),\n    Bullets(title: \"Crowded\", items: [{}]),\n    Title(title: \"Arrows → and 😀 draw; Linear B 𐀀 does not\"),\n])\n",
            items.join(", ")
        ),
    )
    .unwrap();
    let output = lectern(&["check", deck.to_str().unwrap()]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail: {out}");
    assert!(out.contains(":3:5: warning: text does not fit on its slide even at the minimum size"), "{out}");
    // Pointing at the first character no font has, not at the slide.
    assert!(out.contains(":4:49: warning: no font can draw `𐀀` (U+10000)"), "{out}");
    assert!(out.contains("0 errors, 2 warnings"), "{out}");
}

#[test]
fn new_creates_a_deck_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("talk");
    let target = target.to_str().unwrap();
    let output = lectern(&["new", target]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let deck = format!("{target}/deck.ron");
    let check = lectern(&["check", &deck]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    assert!(!text(&check).contains("warning"), "{}", text(&check));

    std::fs::write(&deck, "my edits").unwrap();
    let again = lectern(&["new", target]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists; nothing was written"));
    assert_eq!(std::fs::read_to_string(&deck).unwrap(), "my edits", "nothing was overwritten");
}

#[test]
fn check_speaks_json_for_editors_and_ci() {
    let output = lectern(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/broken/many-problems.ron",
        "slides/showcase.ron",
        "nope.ron",
    ]);
    assert_eq!(output.status.code(), Some(2), "an unreadable deck is the worst outcome");
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let decks = document["decks"].as_array().unwrap();
    assert_eq!(decks.len(), 3);
    let broken = &decks[0];
    assert_eq!(broken["errors"], 3);
    let first = &broken["diagnostics"][0];
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(6), Some(15)));
    assert_eq!(first["severity"], "error");
    assert_eq!(first["help"], "did you mean `title`?");
    assert_eq!(decks[1]["diagnostics"].as_array().unwrap().len(), 0);
    assert!(decks[2]["error"].as_str().unwrap().contains("cannot read"));
}

/// Writes `files` (path, text) under a fresh folder and returns it.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn includes_nest_with_relative_paths() {
    let dir = folder(&[
        ("deck.ron", "Deck(title: \"T\", slides: [Title(title: \"Start\"), Include(\"chapters/one.ron\")])"),
        ("chapters/one.ron", "[Section(title: \"One\"), Include(\"../parts/two.ron\")]"),
        ("parts/two.ron", "// a comment\n[Image(path: \"pic.svg\")]"),
        ("parts/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"2\"/>"),
    ]);
    let deck_path = dir.path().join("deck.ron");
    let loaded = lectern::deck::load(&deck_path, &lectern::deck::DiskAssets, &Default::default()).unwrap();
    let titles: Vec<String> = loaded.deck.slides.iter().map(|s| format!("{:?}", s.content.title())).collect();
    assert_eq!(loaded.deck.slides.len(), 3, "{titles:?}");
    assert!(loaded.deck.files().contains(&dir.path().join("chapters/../parts/two.ron")), "included files are watched");
    let output = lectern(&["check", deck_path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn problems_in_included_files_point_into_them_and_cycles_are_errors() {
    let dir = folder(&[
        (
            "deck.ron",
            "Deck(title: \"T\", slides: [\n  Title(title: \"Start\"),\n  Include(\"one.ron\"),\n  Include(\"loop-a.ron\"),\n  Include(\"missing.ron\"),\n])",
        ),
        ("one.ron", "[\n  Section(title: \"Fine\"),\n  Section(titel: \"Typo\"),\n]"),
        ("loop-a.ron", "[Include(\"loop-b.ron\")]"),
        ("loop-b.ron", "[Section(title: \"B\"), Include(\"loop-a.ron\")]"),
    ]);
    let output = lectern(&["check", dir.path().join("deck.ron").to_str().unwrap()]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("one.ron:3:11: error: unknown field `titel` in `Section`"), "{out}");
    assert!(out.contains("loop-b.ron:1:31: error: include cycle: loop-a.ron -> loop-b.ron -> loop-a.ron"), "{out}");
    assert!(out.contains("deck.ron:5:11: error: cannot include: cannot read"), "{out}");
}

/// In a deck of several languages, `check` names text written in one form only (visitors
/// switching language would see it untranslated), but not numbers and not speaker notes.
#[test]
fn check_reports_text_missing_in_a_declared_language() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.ron");
    let source = r#"Deck(
    title: {"en": "Deck", "kk": "Слайдтар"},
    languages: ["en", "kk"],
    slides: [
        Bullets(
            title: {"en": "Almaty", "kk": "Алматы"},
            items: ["Only in English", "1992", {"en": "Both", "kk": "Екеуі де"}, {"en": "Half"}],
            notes: "Notes may stay in one language.",
        ),
    ],
)"#;
    std::fs::write(&deck, source).unwrap();
    let output = lectern(&["check", deck.to_str().unwrap()]);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(0), "warnings only:\n{out}");
    let headline = |at: &str| format!("{}:{at}: warning:", deck.display());
    assert!(out.contains(&format!("{} this text has no `kk` version", headline("7:21"))), "{out}");
    assert!(out.contains(&format!("{} no `kk` text here", headline("7:82"))), "{out}");
    assert!(out.contains("2 warnings"), "not the number, not the notes:\n{out}");
}

/// Starts `lectern exhibit ARGS` with no display, so every start of the show fails to open
/// a window and the supervisor restarts it.
fn supervised_exhibit(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("exhibit")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// `lectern exhibit` supervises the show: here the show cannot open a window (no display),
/// so each start fails and is restarted with a log line; SIGTERM to the supervisor ends it
/// cleanly, and the log file has timestamped lines from both processes.
#[test]
fn exhibit_restarts_a_failing_show_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("show.log");
    let mut parent = supervised_exhibit(&["--log-file", log.to_str().unwrap()]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let read = || std::fs::read_to_string(&log).unwrap_or_default();
    while read().matches("restarting in").count() < 2 {
        assert!(std::time::Instant::now() < deadline, "two restarts logged:\n{}", read());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = Command::new("kill").args(["-TERM", &parent.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = parent.wait().unwrap();
    assert!(exit.success(), "a signal is a clean stop: {exit:?}");
    let text = read();
    assert!(text.contains("there is no display to open a window on"), "the show's own error reaches the log:\n{text}");
    assert!(text.contains("restarting in 0.5 s") && text.contains("restarting in 1.0 s"), "doubling backoff:\n{text}");
    assert!(text.contains("exhibit stopped by a signal"), "{text}");
    for line in text.lines() {
        // "2026-11-28 10:00:00.123 +0000 lectern: …"
        let stamp = line.get(..10).unwrap_or_default();
        assert!(stamp.len() == 10 && stamp.as_bytes()[4] == b'-', "timestamped: {line}");
    }
}

/// A museum screen restarted while one picture is missing: the supervisor starts the show
/// (here it cannot open a window, so it is restarted), rather than refusing the deck.
#[test]
fn exhibit_starts_a_show_whose_picture_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.ron");
    std::fs::write(&deck, "(title: \"Lobby\", slides: [Image(title: \"Map\", path: \"gone.png\")])").unwrap();
    let log = dir.path().join("show.log");
    let mut parent = supervised_exhibit(&[deck.to_str().unwrap(), "--log-file", log.to_str().unwrap()]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let read = || std::fs::read_to_string(&log).unwrap_or_default();
    while !read().contains("restarting in") {
        if let Ok(Some(status)) = parent.try_wait() {
            panic!("the supervisor gave up ({status:?}):\n{}", read());
        }
        assert!(std::time::Instant::now() < deadline, "the show was started:\n{}", read());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = Command::new("kill").args(["-TERM", &parent.id().to_string()]).status().unwrap();
    assert!(status.success());
    assert!(parent.wait().unwrap().success());
    let text = read();
    assert!(text.contains("the deck loaded with 0 errors, 1 warning"), "the missing picture is in the log:\n{text}");
    assert!(text.contains("exhibit starting"), "{text}");
}

/// An SVG exported from a drawing tool names fonts Lectern does not have: `check` says its
/// text is drawn in Noto Sans (a warning; the deck is fine), once per file. A family
/// installed on the machine (DejaVu, which `.ci/run` installs) is used and not reported.
#[test]
fn check_warns_when_svg_text_asks_for_a_font_it_will_not_get() {
    let dir = tempfile::tempdir().unwrap();
    // `No Such Sans` stands for a family the machine lacks (Arial is installed on some).
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text font-family="No Such Sans, sans-serif" x="5" y="50">A</text><text style="font-family:Noto Sans" x="5" y="90">B</text><text font-family="DejaVu Serif">C</text></svg>"#;
    std::fs::write(dir.path().join("chart.svg"), svg).unwrap();
    let deck = dir.path().join("deck.ron");
    let slides = "Image(title: \"Chart\", path: \"chart.svg\"), Image(title: \"Again\", path: \"chart.svg\")";
    std::fs::write(&deck, format!("(title: \"Charts\", slides: [{slides}])")).unwrap();
    let output = lectern(&["check", deck.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "a warning, not an error:\n{out}");
    assert_eq!(
        out.matches(
            "chart.svg asks for the font family `No Such Sans`; on this machine its text is drawn in Noto Sans instead"
        )
        .count(),
        1,
        "{out}"
    );
    assert!(!out.contains("DejaVu"), "an installed family is not reported:\n{out}");
}

/// A deck saved with a byte-order mark (Windows Notepad writes one) is the same deck.
#[test]
fn a_deck_with_a_byte_order_mark_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("notepad.ron");
    std::fs::write(&deck, "\u{feff}Deck(\n    title: \"T\",\n    slides: [Title(titel: \"A\")],\n)\n").unwrap();
    let out = text(&lectern(&["check", deck.to_str().unwrap()]));
    // The one real mistake, at its column as an editor counts it (the mark is not a column).
    assert!(out.contains("notepad.ron:3:20: error: unknown field `titel` in `Title`"), "{out}");
    assert!(out.contains("1 error, 0 warnings"), "{out}");
    std::fs::write(&deck, "\u{feff}Deck(title: \"T\", slides: [Title(title: \"A\")])\n").unwrap();
    let output = lectern(&["check", deck.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn a_deck_with_old_mac_line_ends_is_reported_at_its_real_lines() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("classic.ron");
    std::fs::write(&deck, "Deck(\r    title: \"T\",\r    slides: [\r        Title(titel: \"A\"),\r    ],\r)\r")
        .unwrap();
    let out = text(&lectern(&["check", deck.to_str().unwrap()]));
    assert!(out.contains("classic.ron:4:15: error: unknown field `titel` in `Title`"), "{out}");
    assert!(!out.contains('\r'), "no raw carriage return echoed to the terminal: {out:?}");
}

/// A file of slides meant for `Include` is checked as what it is when given on its own.
#[test]
fn a_slide_list_checked_on_its_own_is_checked_as_a_slide_list() {
    let dir = tempfile::tempdir().unwrap();
    let chapter = dir.path().join("chapter.ron");
    std::fs::write(
        &chapter,
        "[\n    Section(title: {\"en\": \"A\", \"ru\": \"А\"}),\n    Bulets(title: \"P\", items: []),\n]\n",
    )
    .unwrap();
    let out = text(&lectern(&["check", chapter.to_str().unwrap()]));
    assert!(out.contains("this file is a list of slides, meant for `Include(\"chapter.ron\")`"), "{out}");
    assert!(out.contains("checked on its own, in `en`, `ru`"), "{out}");
    assert!(out.contains("chapter.ron:3:5: error: unknown slide kind `Bulets`"), "{out}");
    assert!(!out.contains("expected opening"), "{out}");
}

/// Sub-bullets nest as deep as anyone writes them (here 50 levels) without a word about
/// recursion; past the scanner's limit the message is plain.
#[test]
fn deeply_nested_bullets_check_clean() {
    let dir = tempfile::tempdir().unwrap();
    let nested = |levels: usize| {
        let mut item = "\"leaf\"".to_owned();
        for level in 0..levels {
            item = format!("(\"level {level}\", [{item}])");
        }
        format!("Deck(title: \"T\", slides: [Bullets(title: \"Deep\", items: [{item}])])")
    };
    let deck = dir.path().join("deep.ron");
    std::fs::write(&deck, nested(50)).unwrap();
    let out = text(&lectern(&["check", deck.to_str().unwrap()]));
    assert!(out.contains(" 0 errors"), "{out}");
    std::fs::write(&deck, nested(200)).unwrap();
    let out = text(&lectern(&["check", deck.to_str().unwrap()]));
    assert!(out.contains("error: this value is nested more than 128 levels deep"), "{out}");
    assert!(!out.contains("recursion"), "{out}");
}

/// A mistyped subcommand gets clap's suggestion, though a bare word is also a deck's name
/// for the default command; a real file of that name is still presented.
#[test]
fn a_mistyped_subcommand_gets_a_suggestion() {
    for (typed, meant) in [("chek", "check"), ("exprot", "export"), ("exibit", "exhibit")] {
        let output = lectern(&[typed, "deck.ron", "-o", "x.pdf"]);
        let text = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(text.contains(&format!("unrecognized subcommand '{typed}'")), "{text}");
        assert!(text.contains(&format!("a similar subcommand exists: '{meant}'")), "{text}");
    }
}

/// `check` and `present` take the folder `lectern new` made, meaning its `deck.ron`; with no
/// display, presenting says so in a sentence.
#[test]
fn a_folder_means_its_deck_and_no_display_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("talk");
    assert!(lectern(&["new", made.to_str().unwrap()]).status.success());
    let checked = lectern(&["check", made.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&checked.stdout);
    assert_eq!(checked.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&checked.stderr));
    assert!(out.contains("deck.ron: ok"), "{out}");
    let presented = lectern(&[made.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&presented.stderr);
    assert_eq!(presented.status.code(), Some(2), "{text}");
    assert!(text.contains("there is no display to open a window on"), "{text}");
    assert!(!text.contains(".cargo/registry"), "no path inside a dependency: {text}");
}

/// `--version` names the build; `-v` (before or after the subcommand) and `RUST_LOG` show
/// debug lines, `-q` hides warnings. A character no embedded font has makes the check scan
/// the installed fonts, which it says at debug level.
#[test]
fn version_names_the_build_and_verbosity_shows_debug_lines() {
    let version = String::from_utf8_lossy(&lectern(&["--version"]).stdout).into_owned();
    assert!(
        version.starts_with("lectern 0.") && version.contains(" (") && version.trim_end().ends_with(')'),
        "{version}"
    );
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.ron");
    std::fs::write(&deck, "(title: \"T\", slides: [Title(title: \"ሰላም\")])").unwrap();
    let deck = deck.to_str().unwrap();
    let debug_line =
        |output: &std::process::Output| String::from_utf8_lossy(&output.stderr).contains("font faces scanned");
    assert!(!debug_line(&lectern(&["check", deck])), "not by default");
    assert!(debug_line(&lectern(&["-v", "check", deck])), "-v before the subcommand");
    assert!(debug_line(&lectern(&["check", "-v", deck])), "-v after it");
    let with_env = Command::new(env!("CARGO_BIN_EXE_lectern")).args(["check", deck]).env("RUST_LOG", "debug").output();
    assert!(debug_line(&with_env.unwrap()), "RUST_LOG=debug");
    let quiet = lectern(&["-q", "check", deck]);
    assert!(!debug_line(&quiet));
}

/// `present --lang` with a code the deck lacks is refused before a window is tried.
#[test]
fn present_refuses_a_language_the_deck_lacks() {
    let output = lectern(&["present", "--lang", "de"]);
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("the deck has no language `de` (it declares en, ru, kk)"), "{text}");
}

/// The man pages and completions a package installs come from the command line itself.
#[test]
fn package_files_are_generated_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = lectern(&["package-files", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for page in ["lectern", "lectern-present", "lectern-check", "lectern-exhibit", "lectern-export", "lectern-new"] {
        let text = std::fs::read_to_string(dir.path().join(format!("man/{page}.1"))).unwrap();
        assert!(text.contains(".TH") && text.contains(page), "{page}.1 is a man page");
    }
    let bash = std::fs::read_to_string(dir.path().join("completions/lectern.bash")).unwrap();
    assert!(bash.contains("complete -F _lectern") || bash.contains("-F _lectern"), "{bash}");
    assert!(bash.contains("exhibit") && bash.contains("--control-token"));
    assert!(dir.path().join("completions/_lectern").exists() && dir.path().join("completions/lectern.fish").exists());
}
