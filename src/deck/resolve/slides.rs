//! Slides: the fields every kind shares (id, notes, duration, background), each kind's own
//! content and its limits, and the blocks, bullets and tables they are built from.

use std::ops::Range;

use super::ctx::{Ctx, join};
use crate::deck::diagnostic::Severity;
use crate::deck::model::{Background, Block, Bullet, CANVAS_HEIGHT, Content, Event, Image, Slide, Table};
use crate::deck::raw::{RawBackground, RawBlock, RawBullet, RawSlide, RawSlideTransition, RawTransition, VAlign};
use crate::deck::source::Step;
use crate::deck::text::{RawText, Text};

impl Ctx<'_, '_> {
    fn bullets(&mut self, raw: Vec<RawBullet>, path: &[Step<'static>]) -> Vec<Bullet> {
        raw.into_iter()
            .enumerate()
            .map(|(i, bullet)| {
                let item = join(path, Step::Index(i));
                let nested = !bullet.children.is_empty();
                let text_path = if nested { join(&item, Step::Index(0)) } else { item.clone() };
                Bullet {
                    text: self.text(bullet.text, &text_path),
                    children: self.bullets(bullet.children, &join(&item, Step::Index(1))),
                }
            })
            .collect()
    }

    fn table(&mut self, header: Vec<RawText>, rows: Vec<Vec<RawText>>, path: &[Step<'static>]) -> Table {
        let width = header.len();
        let header: Vec<Text> = header
            .into_iter()
            .enumerate()
            .map(|(i, t)| self.text(t, &[path, &[Step::Field("header"), Step::Index(i)]].concat()))
            .collect();
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                let row_path = [path, &[Step::Field("rows"), Step::Index(r)]].concat();
                if row.len() != width {
                    self.report(
                        Severity::Error,
                        &row_path,
                        format!("this row has {} cells but the header has {width}", row.len()),
                        "wrong number of cells",
                        None,
                    );
                }
                row.into_iter().enumerate().map(|(c, t)| self.text(t, &join(&row_path, Step::Index(c)))).collect()
            })
            .collect();
        if width == 0 {
            self.report(
                Severity::Error,
                &join(path, Step::Field("header")),
                "a table needs at least one column".into(),
                "empty header",
                None,
            );
        }
        Table { header, rows }
    }

    fn blocks(&mut self, raw: Vec<RawBlock>, path: &[Step<'static>]) -> Vec<Block> {
        raw.into_iter()
            .enumerate()
            .map(|(i, block)| {
                let at = join(path, Step::Index(i));
                match block {
                    RawBlock::Heading(heading) => {
                        let plain = matches!(heading.text, RawText::Plain(_)) && heading.level.is_none();
                        let text_at = if plain { join(&at, Step::Index(0)) } else { join(&at, Step::Field("text")) };
                        let level = heading.level.unwrap_or(1);
                        if !(1..=3).contains(&level) {
                            self.report(
                                Severity::Error,
                                &join(&at, Step::Field("level")),
                                format!("heading level {level}: use 1, 2 or 3"),
                                "out of range",
                                Some("the slide's title is above every heading".into()),
                            );
                        }
                        Block::Heading(self.text(heading.text, &text_at), level.clamp(1, 3))
                    }
                    RawBlock::Numbered(items) => Block::Numbered(self.bullets(items, &join(&at, Step::Index(0)))),
                    RawBlock::Columns { columns, widths, valign } => {
                        if !(1..=4).contains(&columns.len()) {
                            self.report(
                                Severity::Error,
                                &join(&at, Step::Field("columns")),
                                format!("{} columns: a Columns block takes one to four", columns.len()),
                                "wrong number of columns",
                                None,
                            );
                        }
                        let widths = self.widths(widths, columns.len(), &join(&at, Step::Field("widths")));
                        let columns = columns
                            .into_iter()
                            .enumerate()
                            .map(|(c, blocks)| {
                                self.blocks(blocks, &[&at[..], &[Step::Field("columns"), Step::Index(c)]].concat())
                            })
                            .collect();
                        Block::Columns { columns, widths, valign: valign.unwrap_or(VAlign::Top) }
                    }
                    RawBlock::Paragraph(t) => Block::Paragraph(self.text(t, &join(&at, Step::Index(0)))),
                    RawBlock::Bullets(items) => Block::Bullets(self.bullets(items, &join(&at, Step::Index(0)))),
                    RawBlock::Image(image) => Block::Image(self.image(image, &at)),
                    RawBlock::Quote { text, attribution } => Block::Quote {
                        text: self.text(text, &join(&at, Step::Field("text"))),
                        attribution: self.opt_text(attribution, &join(&at, Step::Field("attribution"))),
                    },
                    RawBlock::Table { header, rows } => Block::Table(self.table(header, rows, &at)),
                    RawBlock::Spacer(height) => {
                        if !(0.0..=CANVAS_HEIGHT).contains(&height) {
                            self.report(
                                Severity::Error,
                                &at,
                                format!("a spacer of {height} does not fit on a slide"),
                                "out of range",
                                Some(format!("use 0 to {CANVAS_HEIGHT} slide units")),
                            );
                        }
                        Block::Spacer(height.clamp(0.0, CANVAS_HEIGHT))
                    }
                    RawBlock::Code { language, code, line_numbers, highlight } => {
                        Block::Code(self.code(language, &code, line_numbers, highlight, &at))
                    }
                }
            })
            .collect()
    }

    /// Column shares: as many as columns, positive, made to sum to 1; equal when not given.
    fn widths(&mut self, raw: Option<Vec<f32>>, columns: usize, at: &[Step<'static>]) -> Vec<f32> {
        let equal = vec![1.0 / columns.max(1) as f32; columns];
        let Some(widths) = raw else { return equal };
        if widths.len() != columns {
            self.report(
                Severity::Error,
                at,
                format!("{} widths for {columns} columns", widths.len()),
                "one width per column",
                Some("give each column a share, like `widths: [2, 1]`".into()),
            );
            return equal;
        }
        if widths.iter().any(|w| !(w.is_finite() && *w > 0.0)) {
            self.report(
                Severity::Error,
                at,
                "every width must be a positive share".into(),
                "not positive",
                Some("`widths: [2, 1]` makes the first column twice as wide".into()),
            );
            return equal;
        }
        let total: f32 = widths.iter().sum();
        if !total.is_finite() {
            return equal;
        }
        widths.iter().map(|w| w / total).collect()
    }

    fn title(&mut self, raw: Option<RawText>) -> Option<Text> {
        self.opt_text(raw, &[Step::Field("title")])
    }

    pub(super) fn slide(&mut self, raw: RawSlide, span: Range<usize>) -> Slide {
        let common = raw.common();
        let id = common.id.clone();
        let hidden = common.hidden;
        let duration = common.duration;
        if let Some(d) = duration
            && !(d > 0.0 && d.is_finite())
        {
            self.report(
                Severity::Error,
                &[Step::Field("duration")],
                format!("duration must be a positive number of seconds, not {d}"),
                "not positive",
                None,
            );
        }
        let notes = common.notes.clone().map(|n| self.text(n, &[Step::Field("notes")]));
        let background = match common.background {
            None => None,
            Some(RawBackground::Color(c)) => {
                self.color(c, &[Step::Field("background"), Step::Index(0)]).map(Background::Color)
            }
            Some(RawBackground::Image(p)) => {
                Some(Background::Image(self.asset(p, &[Step::Field("background"), Step::Index(0)]).0))
            }
        };
        let theme = self.slide_theme(common.theme.clone());
        let common_valign = common.valign;
        let common_room = common.room;
        let transition = match common.transition {
            RawSlideTransition::Deck => None,
            RawSlideTransition::None => Some(RawTransition::None),
            RawSlideTransition::Crossfade => Some(RawTransition::Crossfade),
            RawSlideTransition::Slide => Some(RawTransition::Slide),
        }
        .map(super::exhibit::transition_kind);
        let f = |name: &'static str| vec![Step::Field(name)];
        let content = match raw {
            RawSlide::Title { title, subtitle, byline, .. } => Content::Title {
                title: self.text(title, &f("title")),
                subtitle: self.opt_text(subtitle, &f("subtitle")),
                byline: self.opt_text(byline, &f("byline")),
            },
            RawSlide::Section { title, subtitle, .. } => Content::Section {
                title: self.text(title, &f("title")),
                subtitle: self.opt_text(subtitle, &f("subtitle")),
            },
            RawSlide::Bullets { title, items, reveal, numbered, .. } => {
                if items.is_empty() {
                    self.report(Severity::Warning, &f("items"), "this bullet list is empty".into(), "no items", None);
                }
                Content::Bullets {
                    title: self.text(title, &f("title")),
                    items: self.bullets(items, &f("items")),
                    reveal,
                    numbered,
                }
            }
            RawSlide::Image { title, path, caption, credit, fit, width, height, align, .. } => {
                let (path, natural_size, by_language) = self.image_paths(path, &f("path"));
                Content::Image {
                    title: self.title(title),
                    image: Image {
                        path,
                        natural_size,
                        by_language,
                        caption: self.opt_text(caption, &f("caption")),
                        credit: self.opt_text(credit, &f("credit")),
                        fit,
                        width: self.size(width, &f("width")),
                        height: self.size(height, &f("height")),
                        align,
                    },
                }
            }
            RawSlide::ImageText { title, image, blocks, image_side, split, .. } => {
                let split = split.unwrap_or(0.5);
                if !(0.2..=0.8).contains(&split) {
                    self.report(
                        Severity::Error,
                        &f("split"),
                        format!("split {split} leaves too little room"),
                        "out of range",
                        Some("the image takes this fraction of the width: use 0.2 to 0.8".into()),
                    );
                }
                Content::ImageText {
                    title: self.title(title),
                    image: self.image(image, &f("image")),
                    blocks: self.blocks(blocks, &f("blocks")),
                    side: image_side,
                    split: split.clamp(0.2, 0.8),
                }
            }
            RawSlide::Columns { title, columns, widths, .. } => {
                if !(2..=3).contains(&columns.len()) {
                    self.report(
                        Severity::Error,
                        &f("columns"),
                        format!("{} columns: a slide takes two or three", columns.len()),
                        "wrong number of columns",
                        None,
                    );
                }
                Content::Columns {
                    title: self.title(title),
                    widths: self.widths(widths, columns.len(), &f("widths")),
                    columns: columns
                        .into_iter()
                        .enumerate()
                        .map(|(i, c)| self.blocks(c, &[Step::Field("columns"), Step::Index(i)]))
                        .collect(),
                }
            }
            RawSlide::Quote { text, attribution, .. } => Content::Quote {
                text: self.text(text, &f("text")),
                attribution: self.opt_text(attribution, &f("attribution")),
            },
            RawSlide::Statistic { title, value, label, detail, .. } => Content::Statistic {
                title: self.title(title),
                value: self.text(value, &f("value")),
                label: self.text(label, &f("label")),
                detail: self.opt_text(detail, &f("detail")),
            },
            RawSlide::Timeline { title, events, .. } => {
                if events.is_empty() || events.len() > 8 {
                    self.report(
                        Severity::Error,
                        &f("events"),
                        format!("{} events: a timeline shows 1 to 8", events.len()),
                        "wrong number of events",
                        Some("split a long timeline over several slides".into()),
                    );
                }
                Content::Timeline {
                    title: self.title(title),
                    events: events
                        .into_iter()
                        .enumerate()
                        .map(|(i, e)| Event {
                            date: self.text(e.date, &[Step::Field("events"), Step::Index(i), Step::Field("date")]),
                            text: self.text(e.text, &[Step::Field("events"), Step::Index(i), Step::Field("text")]),
                        })
                        .collect(),
                }
            }
            RawSlide::Table { title, header, rows, .. } => {
                Content::Table { title: self.title(title), table: self.table(header, rows, &[]) }
            }
            RawSlide::Code { title, language, code, line_numbers, highlight, .. } => Content::Code {
                title: self.title(title),
                code: self.code(language, &code, line_numbers, highlight, &[]),
            },
            RawSlide::Blocks { title, blocks, reveal, .. } => {
                Content::Blocks { title: self.title(title), blocks: self.blocks(blocks, &f("blocks")), reveal }
            }
        };
        let valign = common_valign.unwrap_or_default();
        let room = common_room;
        Slide {
            id,
            content,
            notes,
            hidden,
            duration,
            background,
            theme,
            valign,
            transition,
            room,
            file: self.file,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use ecolor::Color32;

    use super::super::test_support::{Memory, headlines, problems, problems_in, resolved, resolved_in, svg};
    use crate::deck::{AssetPath, Background, Block, Bullet, Content, Event, Fit, Image, Side, Table, Text};

    /// A deck of one slide, written on line 3 from column 14.
    fn deck_with(slide: &str) -> String {
        format!("Deck(\n    title: \"T\",\n    slides: [{slide}],\n)")
    }

    fn plain(text: &str) -> Text {
        Text::plain(text)
    }

    fn bullet(text: &str, children: Vec<Bullet>) -> Bullet {
        Bullet { text: plain(text), children }
    }

    #[test]
    fn the_fields_every_slide_shares() {
        let assets = Memory::default().with("talk/bg.svg", svg(1920, 1080));
        let text = r##"Deck(title: "T", slides: [
            Section(title: "S", id: "s", notes: "Say *this*", hidden: true, duration: 5, background: Color("#000")),
            Title(title: "A", background: Image("bg.svg")),
        ])"##;
        let (deck, _) = resolved_in(&assets, text);
        let [section, title] = &deck.slides[..] else { panic!("two slides") };
        assert_eq!(section.id.as_deref(), Some("s"));
        assert_eq!(section.notes, Some(plain("Say *this*")));
        assert!(section.hidden);
        assert_eq!(section.duration, Some(5.0));
        assert_eq!(section.background, Some(Background::Color(Color32::BLACK)));
        let background = AssetPath { written: "bg.svg".into(), resolved: "talk/bg.svg".into() };
        assert_eq!(title.background, Some(Background::Image(background)));
        assert_eq!((title.id.as_ref(), title.notes.as_ref(), title.hidden, title.duration), (None, None, false, None));
    }

    #[test]
    fn a_bad_duration_or_background_is_an_error_at_it() {
        assert_eq!(
            problems(&deck_with(r#"Title(title: "A", duration: 0, background: Image("gone.png"))"#)),
            [
                "talk/deck.ron:3:42: error: duration must be a positive number of seconds, not 0",
                "talk/deck.ron:3:63: warning: cannot read image talk/gone.png: no such file",
            ]
        );
    }

    #[test]
    fn bullets_nest_and_each_text_is_checked_where_it_is_written() {
        let text =
            deck_with(r#"Bullets(title: "B", items: ["one", ("**two", ["two a", ("x", ["==deep"])])], reveal: true)"#);
        let (deck, warnings) = resolved(&text);
        let items = vec![
            bullet("one", vec![]),
            bullet("**two", vec![bullet("two a", vec![]), bullet("x", vec![bullet("==deep", vec![])])]),
        ];
        assert_eq!(
            deck.slides[0].content,
            Content::Bullets { title: plain("B"), items, reveal: true, numbered: false }
        );
        assert_eq!(deck.slides[0].reveal_steps(), 2, "only the top level is revealed step by step");
        assert_eq!(
            headlines(&warnings),
            [
                "talk/deck.ron:3:51: warning: `**` is never closed, so it is shown as typed",
                "talk/deck.ron:3:77: warning: `==` is never closed, so it is shown as typed",
            ]
        );

        let (deck, warnings) = resolved(&deck_with(r#"Bullets(title: "B", items: [])"#));
        assert_eq!(deck.slides[0].reveal_steps(), 0);
        assert_eq!(headlines(&warnings), ["talk/deck.ron:3:41: warning: this bullet list is empty"]);
    }

    #[test]
    fn text_in_blocks_tables_and_timelines_is_checked_where_it_is_written() {
        // Each warning points at the marker left open, just inside its string's quote.
        let cases = [
            (r#"Blocks(blocks: [Heading("==h"), Quote(text: "q", attribution: "**a")])"#, vec![39, 77]),
            (r#"Table(header: ["==a"], rows: [["**b"]])"#, vec![30, 46]),
            (r#"Timeline(events: [(date: "1992", text: "==x")])"#, vec![54]),
        ];
        for (slide, columns) in cases {
            let (_, warnings) = resolved(&deck_with(slide));
            let found: Vec<String> =
                headlines(&warnings).iter().map(|h| h.split(": ").next().unwrap().to_owned()).collect();
            let expected: Vec<String> = columns.iter().map(|c| format!("talk/deck.ron:3:{c}")).collect();
            assert_eq!(found, expected, "{slide}");
        }
    }

    #[test]
    fn every_kind_resolves_its_content() {
        let assets = Memory::default().with("talk/a.svg", svg(400, 200));
        let text = r#"Deck(title: "T", slides: [
            Title(title: "T", subtitle: "S", byline: "B"),
            Quote(text: "Q", attribution: "A"),
            Statistic(title: "T", value: "56", label: "L", detail: "D"),
            Timeline(events: [(date: "1992", text: "E")]),
            Table(title: "T", header: ["h1", "h2"], rows: [["a", "b"]]),
            Columns(columns: [[Paragraph("left")], [Spacer(40)]]),
            ImageText(image: Image(path: "a.svg"), blocks: [Bullets(["x"])], image_side: Left),
            Blocks(blocks: [Heading("H"), Table(header: ["h"], rows: [])], reveal: true),
        ])"#;
        let (deck, _) = resolved_in(&assets, text);
        let image = Image {
            path: AssetPath { written: "a.svg".into(), resolved: "talk/a.svg".into() },
            natural_size: Some(emath::vec2(400.0, 200.0)),
            by_language: vec![],
            caption: None,
            credit: None,
            fit: Fit::Contain,
            width: None,
            height: None,
            align: crate::deck::HAlign::Center,
        };
        let expected = [
            Content::Title { title: plain("T"), subtitle: Some(plain("S")), byline: Some(plain("B")) },
            Content::Quote { text: plain("Q"), attribution: Some(plain("A")) },
            Content::Statistic {
                title: Some(plain("T")),
                value: plain("56"),
                label: plain("L"),
                detail: Some(plain("D")),
            },
            Content::Timeline { title: None, events: vec![Event { date: plain("1992"), text: plain("E") }] },
            Content::Table {
                title: Some(plain("T")),
                table: Table { header: vec![plain("h1"), plain("h2")], rows: vec![vec![plain("a"), plain("b")]] },
            },
            Content::Columns {
                title: None,
                columns: vec![vec![Block::Paragraph(plain("left"))], vec![Block::Spacer(40.0)]],
                widths: vec![0.5, 0.5],
            },
            Content::ImageText {
                title: None,
                image,
                blocks: vec![Block::Bullets(vec![bullet("x", vec![])])],
                side: Side::Left,
                split: 0.5,
            },
            Content::Blocks {
                title: None,
                blocks: vec![
                    Block::Heading(plain("H"), 1),
                    Block::Table(Table { header: vec![plain("h")], rows: vec![] }),
                ],
                reveal: true,
            },
        ];
        for (slide, expected) in deck.slides.iter().zip(expected) {
            assert_eq!(slide.content, expected);
        }
        assert_eq!(deck.slides.len(), 8);
        assert_eq!(deck.slides[7].reveal_steps(), 2);
    }

    #[test]
    fn each_kinds_limits_are_one_error_at_the_value() {
        let cases = [
            (
                r#"ImageText(image: Image(path: "a.svg"), blocks: [], split: 0.9)"#,
                "3:72: error: split 0.9 leaves too little room",
            ),
            ("Columns(columns: [[]])", "3:31: error: 1 columns: a slide takes two or three"),
            ("Columns(columns: [[], [], [], []])", "3:31: error: 4 columns: a slide takes two or three"),
            ("Timeline(events: [])", "3:31: error: 0 events: a timeline shows 1 to 8"),
            (r#"Table(header: ["a", "b"], rows: [["1"]])"#, "3:47: error: this row has 1 cells but the header has 2"),
            ("Table(header: [], rows: [])", "3:28: error: a table needs at least one column"),
            ("Blocks(blocks: [Spacer(2000)])", "3:30: error: a spacer of 2000 does not fit on a slide"),
            ("Blocks(blocks: [Spacer(-1)])", "3:30: error: a spacer of -1 does not fit on a slide"),
            ("Columns(columns: [[], []], widths: [1])", "3:49: error: 1 widths for 2 columns"),
            ("Columns(columns: [[], []], widths: [1, 0])", "3:49: error: every width must be a positive share"),
            ("Blocks(blocks: [Columns(columns: [[]], widths: [1, 2])])", "3:61: error: 2 widths for 1 columns"),
            (r#"Blocks(blocks: [Image(path: "a.svg", width: "120%")])"#, "3:58: error: 120% is not a share of the box"),
            (r#"Blocks(blocks: [Image(path: "a.svg", height: "big")])"#, "3:59: error: `big` is not a size"),
            (r#"Image(path: "a.svg", width: 0)"#, "3:42: error: a size of 0 does not fit on a slide"),
            (r#"Blocks(blocks: [Heading(text: "H", level: 4)])"#, "3:56: error: heading level 4: use 1, 2 or 3"),
            ("Blocks(blocks: [Columns(columns: [])])", "3:47: error: 0 columns: a Columns block takes one to four"),
        ];
        let assets = Memory::default().with("talk/a.svg", svg(400, 200));
        for (slide, expected) in cases {
            assert_eq!(problems_in(&assets, &deck_with(slide)), [format!("talk/deck.ron:{expected}")], "{slide}");
        }
        let nine = format!("Timeline(events: [{}])", [r#"(date: "1", text: "e")"#; 9].join(", "));
        assert_eq!(problems(&deck_with(&nine)), ["talk/deck.ron:3:31: error: 9 events: a timeline shows 1 to 8"]);
    }
}
