//! The driver: the header, the walk over the slide list (includes too), the checks that need
//! the whole deck, and that every problem is found in one pass.

use std::path::PathBuf;

use emath::vec2;

use super::test_support::{Memory, problems, problems_in, resolved, resolved_in};
use super::{parse_aspect, ron_options};
use crate::deck::{ExhibitSettings, Theme};

#[test]
fn a_deck_with_only_what_is_required_gets_the_defaults() {
    let (deck, warnings) = resolved(r#"Deck(title: "T", slides: [Title(title: "A")])"#);
    assert_eq!(deck.title.default_text(), "T");
    assert_eq!((deck.author.as_ref(), deck.date.as_ref()), (None, None));
    assert_eq!(deck.canvas, vec2(1920.0, 1080.0));
    assert_eq!(deck.languages, ["en"]);
    assert_eq!(deck.theme, Theme::default());
    assert!(deck.show_counter && deck.show_progress);
    assert_eq!((deck.default_duration, deck.talk_minutes), (20.0, None));
    assert_eq!(deck.exhibit, ExhibitSettings::default());
    assert_eq!(deck.path, PathBuf::from("talk/deck.ron"));
    assert_eq!(deck.slides.len(), 1);
    assert!(deck.includes.is_empty());
    assert!(warnings.diagnostics.is_empty(), "{}", warnings.render());
}

#[test]
fn header_fields_are_read() {
    let (deck, _) = resolved(
        r#"Deck(
    title: "T",
    author: "Ann",
    date: "2024",
    aspect: "4:3",
    show_counter: false,
    show_progress: false,
    default_duration: 12.5,
    talk_minutes: 30,
    slides: [Title(title: "A")],
)"#,
    );
    assert_eq!(deck.author.unwrap().default_text(), "Ann");
    assert_eq!(deck.date.unwrap().default_text(), "2024");
    assert_eq!(deck.canvas, vec2(1440.0, 1080.0));
    assert!(!deck.show_counter && !deck.show_progress);
    assert_eq!((deck.default_duration, deck.talk_minutes), (12.5, Some(30.0)));
}

#[test]
fn bad_header_values_are_errors_at_the_values() {
    let text = r#"Deck(
    title: "T",
    aspect: "wide",
    default_duration: 0,
    talk_minutes: -5,
    slides: [Title(title: "A")],
)"#;
    assert_eq!(
        problems(text),
        [
            "talk/deck.ron:3:13: error: `wide` is not an aspect ratio",
            "talk/deck.ron:4:23: error: duration must be a positive number of seconds, not 0",
            "talk/deck.ron:5:19: error: the talk length must be a positive number of minutes, not -5",
        ]
    );
}

#[test]
fn aspect_ratios_between_one_to_four_and_four_to_one() {
    assert_eq!(parse_aspect("16:9"), Some(16.0 / 9.0));
    assert_eq!(parse_aspect(" 4 : 3 "), Some(4.0 / 3.0));
    assert_eq!(parse_aspect("4:1"), Some(4.0));
    assert_eq!(parse_aspect("5:1"), None, "too wide");
    assert_eq!(parse_aspect("0:9"), None);
    assert_eq!(parse_aspect("-16:-9"), None, "both negative would still divide to a fine ratio");
    assert_eq!(parse_aspect("16x9"), None);
}

#[test]
fn a_syntax_error_in_the_header_is_the_only_problem_reported() {
    // Nothing after a syntax error can be trusted, so the empty slide list is not reported.
    let text = "Deck(\n    title: \"T\"\n    slides: [],\n)";
    assert_eq!(problems(text), ["talk/deck.ron:2:15: error: a `,` is missing between these two fields"]);
}

#[test]
fn every_broken_slide_and_the_header_are_reported_in_one_pass() {
    let text = r#"Deck(
    titel: "T",
    slides: [
        Bulets(title: "A", items: []),
        Title(title: "Fine"),
        Section(titel: "C"),
    ],
)"#;
    let found = problems(text);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("talk/deck.ron:2:5: error: unknown field `titel`"), "{found:#?}");
    assert!(found[1].starts_with("talk/deck.ron:4:9: error: unknown slide kind `Bulets`"), "{found:#?}");
    assert!(found[2].starts_with("talk/deck.ron:6:17: error: unknown field `titel`"), "{found:#?}");
}

#[test]
fn a_deck_without_slides_or_with_every_slide_hidden_has_nothing_to_present() {
    let empty = "Deck(\n    title: \"T\",\n    slides: [],\n)";
    assert_eq!(problems(empty), ["talk/deck.ron:3:5: error: the deck has no slides"]);
    let hidden = "Deck(\n    title: \"T\",\n    slides: [Title(title: \"A\", hidden: true)],\n)";
    assert_eq!(problems(hidden), ["talk/deck.ron:3:5: error: every slide is hidden"]);
    let (deck, _) = resolved("Deck(title: \"T\", slides: [Title(title: \"A\", hidden: true), Title(title: \"B\")])");
    assert_eq!(deck.presented(), [1]);
}

#[test]
fn each_room_shows_its_own_slides_and_must_have_one() {
    use crate::deck::{Deck, Room};
    let (deck, _) = resolved(
        r#"Deck(title: "T", slides: [
            Title(title: "Visitors", room: Exhibit),
            Title(title: "Talk", room: Lecture),
            Title(title: "Both"),
            Title(title: "Questions?", room: Lecture, hidden: true),
        ])"#,
    );
    let titles = |deck: &Deck| -> Vec<String> {
        (0..deck.slides.len()).filter_map(|i| deck.slide_title(i, crate::deck::Lang::DEFAULT)).collect()
    };
    let deck = std::sync::Arc::new(deck);
    assert_eq!(titles(&Deck::in_room(std::sync::Arc::clone(&deck), Room::Lecture)), ["Talk", "Both", "Questions?"]);
    assert_eq!(titles(&Deck::in_room(std::sync::Arc::clone(&deck), Room::Exhibit)), ["Visitors", "Both"]);
    let (plain, _) = resolved(r#"Deck(title: "T", slides: [Title(title: "A")])"#);
    let plain = std::sync::Arc::new(plain);
    assert!(std::sync::Arc::ptr_eq(&plain, &Deck::in_room(std::sync::Arc::clone(&plain), Room::Exhibit)), "no copy");

    let (closing, _) = resolved(
        r#"Deck(title: "T", exhibit: (closed_slide: "closed"), slides: [
            Title(title: "Talk", room: Lecture),
            Title(title: "Visitors", room: Exhibit),
            Title(title: "We are closed", id: "closed"),
        ])"#,
    );
    let closing = Deck::in_room(std::sync::Arc::new(closing), Room::Exhibit);
    assert_eq!(closing.exhibit.closed_slide, Some(1), "the same slide, at its place in the exhibit's deck");

    let linked = "Deck(\n    title: \"T\",\n    slides: [Title(title: \"Visitors\", room: Exhibit, id: \"v\"), Blocks(title: \"B\", blocks: [Paragraph(\"[back](#v)\")])],\n)";
    assert_eq!(
        problems(linked),
        ["talk/deck.ron:3:110: warning: slide `v` is only in the exhibit, so this link does nothing in the lecture"]
    );

    let lecture_only = "Deck(\n    title: \"T\",\n    slides: [Title(title: \"A\", room: Lecture), Title(title: \"B\", room: Exhibit, hidden: true)],\n)";
    assert_eq!(problems(lecture_only), ["talk/deck.ron:3:5: error: no slide is shown in the exhibit"]);
    let unknown = "Deck(\n    title: \"T\",\n    slides: [Title(title: \"A\", room: Lobby)],\n)";
    let found = problems(unknown);
    assert!(found[0].starts_with("talk/deck.ron:3:38: error:"), "{found:#?}");
    assert!(found[0].contains("Lobby"), "{found:#?}");
}

#[test]
fn a_slide_id_used_twice_names_the_first_slide_with_it() {
    let text = r#"Deck(
    title: "T",
    slides: [
        Title(title: "A", id: "one"),
        Title(title: "B", id: "two"),
        Title(title: "C", id: "one"),
    ],
)"#;
    assert_eq!(problems(text), ["talk/deck.ron:6:31: error: slide id `one` is already used by slide 1"]);
}

#[test]
fn slides_remember_where_they_are_written() {
    let text = "Deck(title: \"T\", slides: [Title(title: \"A\"), Section(title: \"B\")])";
    let (deck, _) = resolved(text);
    assert_eq!(&text[deck.slides[1].span.clone()], "Section(title: \"B\")");
    assert_eq!(deck.slides[1].file, 0);
}

#[test]
fn included_slides_join_the_deck_in_place_and_point_into_their_file() {
    let chapter = "[\n    Section(title: \"B\"),\n    Include(\"more/c.ron\"),\n]";
    let assets = Memory::default()
        .with("talk/chapter.ron", chapter)
        .with("talk/more/c.ron", "[Section(title: \"C\", background: Image(\"c.svg\"))]")
        .with("talk/more/c.svg", super::test_support::svg(10, 10));
    let text = "Deck(title: \"T\", slides: [Title(title: \"A\"), Include(\"chapter.ron\"), Title(title: \"D\")])";
    let (deck, _) = resolved_in(&assets, text);
    let titles: Vec<&str> = deck.slides.iter().map(|s| s.content.title().unwrap().default_text()).collect();
    assert_eq!(titles, ["A", "B", "C", "D"]);
    assert_eq!(deck.slides.iter().map(|s| s.file).collect::<Vec<_>>(), [0, 1, 2, 0]);
    assert_eq!(&chapter[deck.slides[1].span.clone()], "Section(title: \"B\")");
    assert_eq!(deck.includes, [PathBuf::from("talk/chapter.ron"), PathBuf::from("talk/more/c.ron")]);
    assert!(deck.files().contains(&PathBuf::from("talk/more/c.svg")), "paths are relative to the included file");

    let broken = Memory::default().with("talk/chapter.ron", "[\n    Section(titel: \"B\"),\n]");
    let found = problems_in(&broken, "Deck(title: \"T\", slides: [Include(\"chapter.ron\")])");
    assert_eq!(found, ["talk/chapter.ron:2:13: error: unknown field `titel` in `Section`"]);
}

#[test]
fn includes_that_cannot_be_followed_are_errors_at_the_include() {
    let assets = Memory::default()
        .with("talk/loop.ron", "[\n    Include(\"loop.ron\"),\n]")
        .with("talk/single.ron", "Section(title: \"B\")")
        .with("talk/open.ron", "[Section(title: \"B\"");
    let cases = [
        ("Include(\"loop.ron\")", "talk/loop.ron:2:13: error: include cycle: loop.ron -> loop.ron"),
        (
            "Include(\"gone.ron\")",
            "talk/deck.ron:1:35: error: cannot include: cannot read talk/gone.ron: entity not found",
        ),
        ("Include(\"single.ron\")", "talk/single.ron:1:1: error: an included file holds a list of slides in `[…]`"),
        ("Include(1)", "talk/deck.ron:1:27: error: `Include` takes one file path"),
        (
            "Include(\"/etc/passwd\")",
            "talk/deck.ron:1:35: error: cannot include /etc/passwd: an included file is a `.ron` file",
        ),
    ];
    for (include, expected) in cases {
        let text = format!("Deck(title: \"T\", slides: [{include}, Title(title: \"A\")])");
        assert_eq!(problems_in(&assets, &text), [expected], "{include}");
    }
    let found = problems_in(&assets, "Deck(title: \"T\", slides: [Include(\"open.ron\"), Title(title: \"A\")])");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("talk/open.ron:1:"), "a scan error points into the included file: {found:#?}");
}

#[test]
fn the_dialect_leaves_out_some_and_flattens_newtype_variants() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Inner {
        a: u8,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    enum Outer {
        Wrapped(Inner),
    }
    assert_eq!(ron_options().from_str::<Option<u8>>("3").unwrap(), Some(3));
    assert_eq!(ron_options().from_str::<Outer>("Wrapped(a: 1)").unwrap(), Outer::Wrapped(Inner { a: 1 }));
    assert!(ron::from_str::<Outer>("Wrapped(a: 1)").is_err(), "plain RON needs `Wrapped((a: 1))`");
}

/// The deepest nesting the scanner lets through deserialises on an ordinary thread (2 MiB of
/// stack, as the reload thread has), unoptimised: `ron`'s own recursion limit is lifted.
#[test]
fn the_deepest_bullets_the_scanner_allows_load_on_an_ordinary_thread() {
    let mut item = "\"leaf\"".to_owned();
    for level in 0..60 {
        item = format!("(\"level {level}\", [{item}])");
    }
    let text = format!("Deck(title: \"T\", slides: [Bullets(title: \"Deep\", items: [{item}])])");
    let thread = std::thread::Builder::new().name("deep".into()).spawn(move || problems(&text)).unwrap();
    let found = thread.join().expect("no stack overflow");
    assert_eq!(found, Vec::<String>::new());
}

/// A mistake in one of the deck's own fields is one error: the declared languages still
/// count for the slides.
#[test]
fn a_broken_deck_field_leaves_the_declared_languages_in_force() {
    let text = r#"Deck(
    title: {"en": "T", "kk": "Т"},
    languages: ["en", "kk"],
    theme: (title_size: "big"),
    slides: [Title(title: {"en": "Hi", "kk": "Сәлем"})],
)"#;
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("talk/deck.ron:4:25: error: wrong type: expected a number"), "{found:#?}");
}

/// A deck field written twice would lose the second silently (a second slide list with a
/// broken slide in it was never checked): it is an error at the second.
#[test]
fn a_deck_field_given_twice_is_an_error() {
    let text = "Deck(\n    title: \"T\",\n    slides: [Title(title: \"A\")],\n    slides: [Bogus(z: 1)],\n)";
    assert_eq!(problems(text), ["talk/deck.ron:4:5: error: the field `slides` is given twice"]);
}

/// A missing comma between two slides is one error, and both slides are still checked
/// (a mistake in the second is reported too).
#[test]
fn a_missing_comma_between_slides_hides_neither() {
    let text =
        "Deck(\n    title: \"T\",\n    slides: [\n        Title(title: \"A\")\n        Title(titel: \"B\"),\n    ],\n)";
    let found = problems(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("talk/deck.ron:4:26: error: a `,` is missing between these two items"), "{found:#?}");
    assert!(found[1].starts_with("talk/deck.ron:5:15: error: unknown field `titel`"), "{found:#?}");
}
