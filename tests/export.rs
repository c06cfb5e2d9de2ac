//! `lectern export` as a user runs it, its output read back with poppler's and qpdf's tools
//! (apt: poppler-utils, qpdf; `.ci/run` installs them): pages, text in every language,
//! embedded fonts, bookmarks, reveal steps, notes pages, pictures left out, broken decks.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::lectern;

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("{program} is needed (apt: poppler-utils qpdf): {err}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("a page count");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The text of page `page` (from 1), with runs of white space made single spaces.
fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    let text = tool("pdftotext", &["-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn deck_dir(deck: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.ron");
    std::fs::write(&path, deck).unwrap();
    (dir, path)
}

const DECK: &str = r#"#![enable(implicit_some)]
Deck(
    title: {"en": "Export test", "kk": "Экспорт сынағы"},
    author: "A. Author",
    languages: ["en", "kk"],
    slides: [
        Title(title: {"en": "Opening words", "kk": "Ашылу сөзі"}, notes: {"en": "Greet the room warmly", "kk": "Залмен сәлемдесу"}),
        Bullets(title: {"en": "Three steps", "kk": "Үш қадам"}, reveal: true, items: [
            {"en": "First point", "kk": "Бірінші тармақ"},
            {"en": "Second point", "kk": "Екінші тармақ"},
        ]),
        Section(title: {"en": "Not shown", "kk": "Көрсетілмейді"}, hidden: true),
        Table(title: {"en": "A table", "kk": "Кесте"}, header: [{"en": "Name", "kk": "Аты"}], rows: [[{"en": "Қазақстан", "kk": "Қазақстан"}]]),
    ],
)"#;

#[test]
fn export_takes_the_lectures_slides_or_with_room_exhibit_the_exhibits() {
    let (dir, deck) = deck_dir(
        r#"Deck(title: "Rooms", slides: [
            Title(title: "Talk title", room: Lecture),
            Title(title: "Visitor title", room: Exhibit),
            Title(title: "Shared words"),
            Title(title: "Questions please", room: Lecture),
        ])"#,
    );
    for (room, expected) in [
        (None, ["Talk title", "Shared words", "Questions please"].as_slice()),
        (Some("exhibit"), &["Visitor title", "Shared words"]),
    ] {
        let pdf = dir.path().join(format!("{}.pdf", room.unwrap_or("lecture")));
        let mut args = vec!["export", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()];
        args.extend(room.map(|room| ["--room", room]).into_iter().flatten());
        // -q: only errors are said, so a clean export is silent.
        args.push("-q");
        let output = lectern(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stderr(&output), "", "quiet");
        assert_eq!(pages(&pdf), expected.len(), "{room:?}");
        for (page, title) in expected.iter().enumerate() {
            assert_eq!(page_text(&pdf, page + 1), *title, "{room:?}");
        }
    }
}

#[test]
fn an_untitled_slide_is_bookmarked_by_its_number_and_first_words() {
    let (dir, deck) = deck_dir(
        r#"Deck(title: "Marks", slides: [
            Title(title: "Opening"),
            Quote(text: "Trust is not to be taken for granted in a time of change, they said", attribution: "A speaker"),
        ])"#,
    );
    let pdf = dir.path().join("marks.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let outline = tool("qpdf", &["--json", "--json-key=outlines", pdf.to_str().unwrap()]);
    assert!(outline.contains("\"title\": \"Opening\""), "{outline}");
    assert!(
        outline.contains("\"title\": \"Slide 2: Trust is not to be taken for granted…\""),
        "not a bare number: {outline}"
    );
}

#[test]
fn heading_levels_in_the_structure_never_skip_a_level() {
    let (dir, deck) = deck_dir(
        r#"Deck(title: "Levels", slides: [
            Blocks(title: "Top", blocks: [Heading(text: "Deep", level: 2), Paragraph("words"), Heading(text: "Deeper", level: 3)]),
            Blocks(blocks: [Heading(text: "Untitled deep", level: 3)]),
            Blocks(title: "Back", blocks: [Heading(text: "Three", level: 3), Heading(text: "Two", level: 2)]),
        ])"#,
    );
    let pdf = dir.path().join("levels.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let structure = tool("pdfinfo", &["-struct", pdf.to_str().unwrap()]);
    let headings: Vec<&str> =
        structure.lines().map(str::trim).filter(|line| line.starts_with('H') && line.contains('"')).collect();
    assert_eq!(
        headings,
        [
            r#"H1 "Top" (block)"#,
            r#"H2 "Deep" (block)"#,
            r#"H3 "Deeper" (block)"#,
            r#"H1 "Untitled deep" (block)"#,
            r#"H1 "Back" (block)"#,
            r#"H2 "Three" (block)"#,
            r#"H2 "Two" (block)"#,
        ],
        "a level-2 heading under the title is an H2 (once an H3 right after H1): {structure}"
    );
}

#[test]
fn text_read_in_structure_order_keeps_the_spaces_where_lines_wrap() {
    let sentence = "Decisions are taken by consensus and they bind the participating States politically but not legally, which is why every one of them counts";
    let (dir, deck) = deck_dir(Box::leak(
        format!(r#"Deck(title: "Wraps", slides: [Title(title: "Wraps", subtitle: "{sentence}")])"#).into_boxed_str(),
    ));
    let pdf = dir.path().join("wraps.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(page_text(&pdf, 1).len() > 40, "the subtitle is drawn");
    let structure = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    assert!(structure.contains(&format!("\"{sentence}\"")), "one string with its spaces: {structure}");
}

#[test]
fn a_pdf_has_a_page_per_slide_with_its_text_fonts_and_bookmarks_in_each_language() {
    let (dir, deck) = deck_dir(DECK);
    let out = dir.path().join("talk.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap(), "--lang", "all"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (en, kk) = (dir.path().join("talk.en.pdf"), dir.path().join("talk.kk.pdf"));
    let closing = stderr(&output);
    assert!(closing.contains(&format!("{}, {}", en.display(), kk.display())), "names the files written: {closing}");
    assert!(!closing.contains("talk.pdf"), "not a file that was never written: {closing}");
    assert!(
        !closing.contains(" pages ") && !closing.contains('\u{1b}'),
        "no progress bar when not a terminal: {closing}"
    );
    for (pdf, titles) in
        [(&en, ["Opening words", "Three steps", "A table"]), (&kk, ["Ашылу сөзі", "Үш қадам", "Кесте"])]
    {
        assert_eq!(pages(pdf), 3, "one page per presented slide: the hidden one is left out");
        for (page, title) in titles.iter().enumerate() {
            assert!(
                page_text(pdf, page + 1).contains(title),
                "{title} on page {}: {}",
                page + 1,
                page_text(pdf, page + 1)
            );
        }
        let outline = tool("qpdf", &["--json", "--json-key=outlines", pdf.to_str().unwrap()]);
        for title in titles {
            assert!(outline.contains(&format!("\"title\": \"{title}\"")), "bookmark {title}: {outline}");
        }
        tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        let xref = tool("qpdf", &["--show-xref", pdf.to_str().unwrap()]);
        assert!(xref.contains("compressed; stream = "), "small objects are packed into object streams: {xref}");
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let faces: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!faces.is_empty(), "{fonts}");
        for face in faces {
            let columns: Vec<&str> = face.split_whitespace().collect();
            // name, type…, encoding, emb, sub, uni, object, generation
            let [emb, sub, uni] = [columns[columns.len() - 5], columns[columns.len() - 4], columns[columns.len() - 3]];
            assert_eq!([emb, sub, uni], ["yes", "yes", "yes"], "embedded, subset, with Unicode: {face}");
        }
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("A. Author"), "{info}");
    }
    assert!(page_text(&en, 3).contains("Қазақстан"), "Kazakh letters copy out as themselves");
}

#[test]
fn steps_hidden_and_notes_pages() {
    let (dir, deck) = deck_dir(DECK);
    let export = |name: &str, flags: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend_from_slice(flags);
        let output = lectern(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        out
    };
    let steps = export("steps.pdf", &["--steps"]);
    assert_eq!(pages(&steps), 5, "title, the reveal slide's 3 states, the table");
    assert!(!page_text(&steps, 2).contains("First point"), "step 0 shows the title only");
    assert!(page_text(&steps, 3).contains("First point") && !page_text(&steps, 3).contains("Second point"));
    assert!(page_text(&steps, 4).contains("Second point"));
    assert_eq!(pages(&export("hidden.pdf", &["--hidden"])), 4);
    let notes = export("notes.pdf", &["--notes", "--lang", "kk"]);
    assert_eq!(pages(&notes), 3);
    let first = page_text(&notes, 1);
    assert!(first.contains("Ашылу сөзі") && first.contains("Залмен сәлемдесу"), "slide and its notes: {first}");
    let size = tool("pdfinfo", &[notes.to_str().unwrap()]);
    assert!(size.contains("Page size:       960 x 1357.64 pts"), "portrait notes pages: {size}");
}

#[test]
fn a_picture_that_cannot_be_read_is_named_and_left_out_and_a_broken_deck_is_refused() {
    let (dir, deck) = deck_dir(
        r#"(title: "T", slides: [Image(title: "Gone", path: "gone.png"), Section(title: "After the picture")])"#,
    );
    let out = dir.path().join("out.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "a picture left out is a problem: {}", stderr(&output));
    assert!(stderr(&output).contains("gone.png cannot be exported"), "{}", stderr(&output));
    assert_eq!(pages(&out), 2, "the rest is exported");
    assert!(page_text(&out, 2).contains("After the picture"));

    let (dir, deck) = deck_dir(r#"(title: "T", slides: [Bullets(title: "B", items: ["a"], colour: "red")])"#);
    let out = dir.path().join("never.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("deck.ron:1:"), "check's diagnostics with the place: {}", stderr(&output));
    assert!(!out.exists(), "nothing written for a broken deck");
    let unknown = lectern(&["export", "-o", dir.path().join("x.pdf").to_str().unwrap(), "--lang", "de"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("no language `de`"), "{}", stderr(&unknown));
}

/// A 200-byte SVG whose filter would take minutes to draw is given the window's decode
/// deadline in a worker process, then left out; the export ends instead of running on.
/// (Without the bound this test runs for minutes.) A device as a picture is refused unread.
#[test]
fn a_picture_that_would_take_minutes_is_left_out_within_the_deadline() {
    let (dir, deck) = deck_dir(
        r#"(title: "T", slides: [Image(path: "bomb.svg"), Image(path: "/dev/zero"), Section(title: "After")])"#,
    );
    let bomb = r#"<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><filter id="f"><feMorphology radius="150"/></filter><rect width="4000" height="4000" filter="url(#f)"/></svg>"#;
    std::fs::write(dir.path().join("bomb.svg"), bomb).unwrap();
    let out = dir.path().join("out.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("bomb.svg cannot be exported: it took longer than 10 s"), "{}", stderr(&output));
    assert!(stderr(&output).contains("not a regular file"), "{}", stderr(&output));
    assert_eq!(pages(&out), 3, "the rest is exported");
}

#[test]
fn png_pictures_of_each_page_at_the_size_asked() {
    let (dir, deck) = deck_dir(DECK);
    let out = dir.path().join("pictures");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap(), "--size", "960x540"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["slide-01.png", "slide-02.png", "slide-04.png"], "named by slide number");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(out.join("slide-01.png")).unwrap()));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (960, 540));
}

#[test]
fn symbols_outside_the_fonts_and_other_shapes_still_export() {
    let (dir, deck) = deck_dir(
        r#"(title: "T", aspect: "4:3", slides: [Bullets(title: "A → B ✓", items: ["∇ ≒ 😀", "é and а\u{301}"])])"#,
    );
    let pdf = dir.path().join("symbols.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(page_text(&pdf, 1).contains("A"), "{}", page_text(&pdf, 1));
    let pictures = dir.path().join("pictures");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", pictures.to_str().unwrap(), "--size", "1920x1080"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let file = std::fs::File::open(pictures.join("slide-01.png")).unwrap();
    let info = png::Decoder::new(std::io::BufReader::new(file)).read_info().unwrap().info().clone();
    assert_eq!((info.width, info.height), (1440, 1080), "a 4:3 slide keeps its shape inside 1920x1080");
}

#[test]
fn links_are_clickable_in_the_pdf_and_symbols_and_code_are_text() {
    let (dir, deck) = deck_dir(
        r#"(title: "T", slides: [
            Blocks(title: "Links → ✓", blocks: [
                Paragraph("Read [the OSCE's page](https://www.osce.org/) or go [to the code](#code)."),
            ]),
            Code(id: "code", language: "rust", code: "fn main() {}"),
        ])"#,
    );
    let pdf = dir.path().join("links.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // qpdf writes every object out uncompressed, so the annotations can be read as text.
    let plain = dir.path().join("plain.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", pdf.to_str().unwrap(), plain.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).into_owned();
    assert_eq!(text.matches("/Subtype /Link").count(), 2, "one web link, one link to a slide");
    assert!(text.contains("/URI (https://www.osce.org/)"));
    assert!(page_text(&pdf, 1).contains("Links → ✓"), "symbols are text: {}", page_text(&pdf, 1));
    assert!(page_text(&pdf, 2).contains("fn main() {}"), "code is text: {}", page_text(&pdf, 2));
}

#[test]
fn photos_are_fitted_to_their_box_for_handouts_and_kept_as_they_are_for_print() {
    let (dir, deck) =
        deck_dir(r#"(title: "T", slides: [Image(title: "Photo", path: "photo.jpg", caption: "A photograph")])"#);
    // 3000 x 2000 pixels: more than a slide's picture box shows at 216 dpi.
    let photo =
        image::RgbImage::from_fn(3000, 2000, |x, y| image::Rgb([(x / 12) as u8, (y / 8) as u8, ((x ^ y) & 255) as u8]));
    let photo_path = dir.path().join("photo.jpg");
    photo.save(&photo_path).unwrap();
    let embedded = |extra: &[&str]| {
        let out = dir.path().join(format!("out{}.pdf", extra.len()));
        let output = lectern(&[&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap()], extra].concat());
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let list = tool("pdfimages", &["-list", out.to_str().unwrap()]);
        let row: Vec<String> =
            list.lines().nth(2).expect("one picture").split_whitespace().map(str::to_owned).collect();
        // page num type width height color comp bpc enc …
        let size: [u32; 2] = [row[3].parse().unwrap(), row[4].parse().unwrap()];
        assert_eq!(row[8], "jpeg", "{list}");
        (out, size)
    };
    let (_, handout) = embedded(&[]);
    assert!(handout[0] < 3000 && handout[0] * 2 == handout[1] * 3, "fitted to its box, same shape: {handout:?}");
    let (print, full) = embedded(&["--full-resolution"]);
    assert_eq!(full, [3000, 2000]);
    let prefix = dir.path().join("extracted");
    tool("pdfimages", &["-j", print.to_str().unwrap(), prefix.to_str().unwrap()]);
    let extracted = std::fs::read(dir.path().join("extracted-000.jpg")).unwrap();
    assert!(extracted == std::fs::read(&photo_path).unwrap(), "the file itself, not a re-encoding");

    // An opaque PNG (a screenshot, a diagram) at full resolution: its own size, no loss,
    // and no transparency mask.
    let (dir, deck) = deck_dir(r#"(title: "T", slides: [Image(title: "Diagram", path: "diagram.png")])"#);
    image::RgbImage::from_fn(900, 500, |x, _| image::Rgb([(x % 256) as u8, 40, 90]))
        .save(dir.path().join("diagram.png"))
        .unwrap();
    let out = dir.path().join("print.pdf");
    let output = lectern(&["export", deck.to_str().unwrap(), "-o", out.to_str().unwrap(), "--full-resolution"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let list = tool("pdfimages", &["-list", out.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = list.lines().skip(2).map(|line| line.split_whitespace().collect()).collect();
    assert_eq!(rows.len(), 1, "no soft mask: {list}");
    assert_eq!(
        (rows[0][2], rows[0][3], rows[0][4], rows[0][5], rows[0][8]),
        ("image", "900", "500", "rgb", "image"),
        "{list}"
    );
}
