//! The deck file, one to one: serde types that mirror the RON text and nothing more.
//! Unknown fields are refused here; meaning (colours, paths, languages) is checked in `resolve`.
//! `docs/deck-format.md` documents every field below; keep the two in step.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::text::RawText;

/// Every field of the deck except its slides. Each field is read on its own (and each slide),
/// so that a mistake in one does not hide the mistakes in the others or change how they are
/// checked; see `resolve/header.rs`.
#[derive(Debug, Default)]
pub struct RawDeckHeader {
    pub title: RawText,
    pub author: Option<RawText>,
    pub date: Option<RawText>,
    pub aspect: Option<String>,
    pub languages: Option<Vec<String>>,
    pub theme: Option<RawTheme>,
    pub show_counter: Option<bool>,
    pub show_progress: Option<bool>,
    pub default_duration: Option<f32>,
    pub talk_minutes: Option<f32>,
    /// How Next and Previous change slides when presenting. Not an `Option`: RON would read
    /// `transition: None` as a missing value.
    pub transition: RawTransition,
    pub transition_seconds: Option<f32>,
    pub exhibit: Option<RawExhibit>,
}

/// How `lectern exhibit` runs the deck unattended.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Exhibit")]
pub struct RawExhibit {
    /// Not an `Option`: RON would read `transition: None` as a missing value.
    #[serde(default)]
    pub transition: RawTransition,
    pub transition_seconds: Option<f32>,
    pub idle_seconds: Option<f32>,
    #[serde(default)]
    pub on_idle: RawOnIdle,
    /// Opening hours; without them the show runs around the clock.
    pub hours: Option<Vec<RawHours>>,
    /// An IANA time zone for the opening hours ("Asia/Almaty"); default: the system's.
    pub time_zone: Option<String>,
    /// The id of a slide shown outside opening hours; default: a black screen.
    pub closed_slide: Option<String>,
    /// `Clock`: every screen takes its place in the loop from the wall clock, so screens in
    /// one building show the same slide at the same moment.
    #[serde(default)]
    pub sync: RawSync,
    /// Show control for this kiosk: `(http: "0.0.0.0:7300", osc: "…", token_file: "…")`.
    pub control: Option<RawControl>,
}

/// Where an exhibit listens for show control.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Control")]
pub struct RawControl {
    pub http: Option<String>,
    pub osc: Option<String>,
    pub token_file: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum RawSync {
    /// Each screen loops on its own from when it started.
    #[default]
    Free,
    /// The loop's place comes from the wall clock.
    Clock,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum RawTransition {
    None,
    #[default]
    Crossfade,
    Slide,
}

/// A slide's own way in when presenting; by default the deck's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum RawSlideTransition {
    #[default]
    #[serde(skip)]
    Deck,
    None,
    Crossfade,
    Slide,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum RawOnIdle {
    #[default]
    Restart,
    Resume,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Hours")]
pub struct RawHours {
    pub days: Vec<RawWeekday>,
    /// Local wall time, "09:00".
    pub open: String,
    /// Local wall time; at or before `open`, the window runs past midnight.
    pub close: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum RawWeekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
pub struct RawTheme {
    pub background: Option<String>,
    pub text: Option<String>,
    pub accent: Option<String>,
    pub muted: Option<String>,
    pub title_size: Option<f32>,
    pub body_size: Option<f32>,
    pub min_size: Option<f32>,
    pub margin: Option<f32>,
    pub font: Option<RawFont>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Font")]
pub struct RawFont {
    pub regular: String,
    pub bold: Option<String>,
    pub italic: Option<String>,
    pub bold_italic: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Fit {
    #[default]
    Contain,
    Cover,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Side {
    Left,
    #[default]
    Right,
}

/// Where something narrower than its box sits across it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
pub enum HAlign {
    Left,
    #[default]
    Center,
    Right,
}

/// Where a slide is shown: in a talk (`present`, and `export` by default) or in the
/// unattended exhibit; a slide without one is shown in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum Room {
    /// A talk with a presenter: `present`, and `export` unless `--room exhibit`.
    Lecture,
    /// The unattended loop: `exhibit`, and `export --room exhibit`.
    Exhibit,
}

impl Room {
    /// The other room.
    pub fn other(self) -> Self {
        match self {
            Room::Lecture => Room::Exhibit,
            Room::Exhibit => Room::Lecture,
        }
    }

    /// How the room is named to a user: "the lecture", "the exhibit".
    pub fn name(self) -> &'static str {
        match self {
            Room::Lecture => "the lecture",
            Room::Exhibit => "the exhibit",
        }
    }
}

/// Where content shorter than its box sits down it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
pub enum VAlign {
    /// At the top, under the title.
    Top,
    /// Centred in the room below the title.
    #[default]
    Center,
}

/// A length: slide units (`400`), or a share of the box it is in (`"40%"`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RawSize {
    Units(f32),
    Share(String),
}

#[derive(Debug, Deserialize)]
pub enum RawBackground {
    Color(String),
    Image(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Image")]
pub struct RawImage {
    /// A path, or a map of paths by language for pictures with words in them.
    pub path: RawText,
    pub caption: Option<RawText>,
    pub credit: Option<RawText>,
    #[serde(default)]
    pub fit: Fit,
    /// The picture's width or height; without either it takes the room the box has.
    pub width: Option<RawSize>,
    pub height: Option<RawSize>,
    /// Across the box, when the picture is narrower than it.
    #[serde(default)]
    pub align: HAlign,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct RawEvent {
    pub date: RawText,
    pub text: RawText,
}

/// One bullet: `"text"`, `{"en": …}`, or `("text", [children…])` for a nested list.
#[derive(Debug)]
pub struct RawBullet {
    pub text: RawText,
    pub children: Vec<RawBullet>,
}

impl<'de> Deserialize<'de> for RawBullet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BulletVisitor;
        impl<'de> Visitor<'de> for BulletVisitor {
            type Value = RawBullet;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a bullet: "text", a language map, or ("text", [sub-bullets…])"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBullet, E> {
                Ok(RawBullet { text: RawText::Plain(v.to_owned()), children: Vec::new() })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawBullet, E> {
                Ok(RawBullet { text: RawText::Plain(v), children: Vec::new() })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawBullet, A::Error> {
                let text = RawText::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawBullet { text, children: Vec::new() })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawBullet, A::Error> {
                let text = seq
                    .next_element::<RawText>()?
                    .ok_or_else(|| de::Error::invalid_length(0, &"(\"text\", [sub-bullets…])"))?;
                let children = seq.next_element::<Vec<RawBullet>>()?.unwrap_or_default();
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &"(\"text\", [sub-bullets…])"));
                }
                Ok(RawBullet { text, children })
            }
        }
        deserializer.deserialize_any(BulletVisitor)
    }
}

/// A heading: `Heading("text")` (level 1), or `Heading(text: "…", level: 2)`.
#[derive(Debug)]
pub struct RawHeading {
    pub text: RawText,
    pub level: Option<u8>,
}

impl<'de> Deserialize<'de> for RawHeading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HeadingVisitor;
        impl<'de> Visitor<'de> for HeadingVisitor {
            type Value = RawHeading;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a heading: "text", a language map, or (text: "…", level: 1 to 3)"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawHeading, E> {
                Ok(RawHeading { text: RawText::Plain(v.to_owned()), level: None })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawHeading, E> {
                Ok(RawHeading { text: RawText::Plain(v), level: None })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawHeading, A::Error> {
                // `(text: …, level: …)` and `{"en": …}` both arrive as maps; only the first has
                // a `text` key (no language is called that).
                let mut text = None;
                let mut level = None;
                let mut languages = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => text = Some(map.next_value::<RawText>()?),
                        "level" => level = Some(map.next_value::<u8>()?),
                        _ => languages.push((key, map.next_value::<String>()?)),
                    }
                }
                match (text, languages.is_empty()) {
                    (Some(text), true) => Ok(RawHeading { text, level }),
                    (None, false) if level.is_none() => {
                        Ok(RawHeading { text: RawText::ByLanguage(languages), level: None })
                    }
                    (None, true) => Err(de::Error::missing_field("text")),
                    _ => Err(de::Error::custom("write a heading as (text: …, level: …) or as a language map")),
                }
            }
        }
        deserializer.deserialize_any(HeadingVisitor)
    }
}

/// A building block of general, column and text-beside-image slides.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RawBlock {
    Heading(RawHeading),
    Paragraph(RawText),
    Bullets(Vec<RawBullet>),
    Image(RawImage),
    Quote {
        text: RawText,
        attribution: Option<RawText>,
    },
    Table {
        header: Vec<RawText>,
        rows: Vec<Vec<RawText>>,
    },
    Spacer(f32),
    /// Side by side, full width of the box; `widths` are shares (`[2, 1]`); `valign` places
    /// each column's content in the row (the tallest column's height).
    Columns {
        columns: Vec<Vec<RawBlock>>,
        widths: Option<Vec<f32>>,
        /// Default `Top`.
        valign: Option<VAlign>,
    },
    /// A numbered list (1. / a. / i. by level).
    Numbered(Vec<RawBullet>),
    /// Code in a monospace face, highlighted; `highlight` walks line ranges with Next.
    Code {
        language: Option<String>,
        code: String,
        #[serde(default)]
        line_numbers: bool,
        #[serde(default)]
        highlight: Vec<String>,
    },
}

/// Declares the slide kinds, each with the fields every slide shares appended, and an
/// accessor for those shared fields, so the file stays flat: `Bullets(title: …, notes: …)`.
macro_rules! raw_slides {
    ($( $(#[$doc:meta])* $kind:ident { $( $(#[$fattr:meta])* $field:ident : $ty:ty ),* $(,)? } )*) => {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub enum RawSlide {
            $( $(#[$doc])* $kind {
                $( $(#[$fattr])* $field: $ty, )*
                id: Option<String>,
                notes: Option<RawText>,
                #[serde(default)]
                hidden: bool,
                duration: Option<f32>,
                background: Option<RawBackground>,
                theme: Option<RawTheme>,
                valign: Option<VAlign>,
                #[serde(default)]
                transition: RawSlideTransition,
                room: Option<Room>,
            }, )*
        }

        /// The fields every slide kind has.
        pub struct RawCommon<'a> {
            pub id: &'a Option<String>,
            pub notes: &'a Option<RawText>,
            pub hidden: bool,
            pub duration: Option<f32>,
            pub background: &'a Option<RawBackground>,
            /// The slide's own colours and sizes over the deck's theme.
            pub theme: &'a Option<RawTheme>,
            pub valign: Option<VAlign>,
            pub transition: RawSlideTransition,
            pub room: Option<Room>,
        }

        impl RawSlide {
            pub fn common(&self) -> RawCommon<'_> {
                match self {
                    $( RawSlide::$kind { id, notes, hidden, duration, background, theme, valign, transition, room, .. } => RawCommon {
                        id, notes, hidden: *hidden, duration: *duration, background, theme, valign: *valign,
                        transition: *transition, room: *room,
                    }, )*
                }
            }
        }
    };
}

raw_slides! {
    /// Opening slide: big title, subtitle, byline (defaults to the deck's author and date).
    Title { title: RawText, subtitle: Option<RawText>, byline: Option<RawText> }
    /// Section divider.
    Section { title: RawText, subtitle: Option<RawText> }
    /// Title and a bullet list with nested levels; `reveal: true` shows the top-level
    /// items one step at a time.
    Bullets {
        title: RawText,
        items: Vec<RawBullet>,
        #[serde(default)] reveal: bool,
        #[serde(default)] numbered: bool,
    }
    /// One image filling the slide.
    Image {
        title: Option<RawText>,
        path: RawText,
        caption: Option<RawText>,
        credit: Option<RawText>,
        #[serde(default)] fit: Fit,
        width: Option<RawSize>,
        height: Option<RawSize>,
        #[serde(default)] align: HAlign,
    }
    /// Text blocks beside an image.
    ImageText {
        title: Option<RawText>,
        image: RawImage,
        blocks: Vec<RawBlock>,
        #[serde(default)] image_side: Side,
        split: Option<f32>,
    }
    /// Two or three columns of blocks.
    Columns { title: Option<RawText>, columns: Vec<Vec<RawBlock>>, widths: Option<Vec<f32>> }
    /// A quotation with its attribution.
    Quote { text: RawText, attribution: Option<RawText> }
    /// One big figure with a label.
    Statistic { title: Option<RawText>, value: RawText, label: RawText, detail: Option<RawText> }
    /// Dated events along a line.
    Timeline { title: Option<RawText>, events: Vec<RawEvent> }
    /// A simple table with a header row.
    Table { title: Option<RawText>, header: Vec<RawText>, rows: Vec<Vec<RawText>> }
    /// Code filling the slide under an optional title.
    Code {
        title: Option<RawText>,
        language: Option<String>,
        code: String,
        #[serde(default)] line_numbers: bool,
        #[serde(default)] highlight: Vec<String>,
    }
    /// A general slide made of blocks; `reveal: true` shows them one step at a time.
    Blocks { title: Option<RawText>, blocks: Vec<RawBlock>, #[serde(default)] reveal: bool }
}
