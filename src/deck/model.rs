//! The validated deck, ready to lay out: what a presentation is, independent of any window.
//! [`super::resolve`] builds it from the raw file; nothing else does. Also the outcome of a
//! load ([`Loaded`], [`LoadError`]).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use ecolor::Color32;
use emath::Vec2;

use super::diagnostic::Report;
use super::exhibit::ExhibitSettings;
use super::raw::{Fit, HAlign, Room, Side, VAlign};
use super::text::{self, Lang, Text};

/// Why a deck could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} is a directory, not a deck file", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{} is not UTF-8 text (first bad byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{} has problems: {}", path.display(), report.summary())]
    Invalid { path: PathBuf, report: Report },
}

impl LoadError {
    /// The report, when the deck was read but is not valid.
    pub fn report(&self) -> Option<&Report> {
        match self {
            LoadError::Invalid { report, .. } => Some(report),
            _ => None,
        }
    }
}

/// A deck that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub deck: Arc<Deck>,
    pub warnings: Report,
    /// Images that could not be read (or decoded, when checking): the deck shows without
    /// them, and `present` ends with status 1 as after any problem.
    pub unshowable_images: Vec<PathBuf>,
}

/// A validated deck, ready to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub path: PathBuf,
    pub title: Text,
    pub author: Option<Text>,
    pub date: Option<Text>,
    /// The logical canvas every slide is laid out on, in slide units (height is always 1080).
    pub canvas: Vec2,
    /// Declared languages; the first is the default. Never empty.
    pub languages: Vec<String>,
    pub theme: Theme,
    pub show_counter: bool,
    pub show_progress: bool,
    /// Seconds each slide stays up in exhibit mode unless the slide says otherwise.
    pub default_duration: f32,
    /// Planned length of the talk, in minutes: the presenter console's time left and pace.
    pub talk_minutes: Option<f32>,
    /// How Next and Previous change slides when presenting (`--no-transitions` turns it off).
    pub transition: crate::timing::TransitionKind,
    pub transition_seconds: f32,
    /// How `lectern exhibit` runs the deck.
    pub exhibit: ExhibitSettings,
    pub slides: Vec<Slide>,
    /// Files included with `Include("…")`, so live reload watches them too.
    pub includes: Vec<PathBuf>,
}

impl Deck {
    /// How the presenter changes to slide `index`, and in how many seconds.
    pub fn transition_into(&self, index: usize) -> (crate::timing::TransitionKind, f32) {
        let kind = self.slides.get(index).and_then(|s| s.transition).unwrap_or(self.transition);
        (kind, self.transition_seconds)
    }

    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// The language with this code, if the deck declares it.
    pub fn lang(&self, code: &str) -> Option<Lang> {
        self.languages.iter().position(|l| l == code).map(Lang)
    }

    /// The code of `lang` (`"en"`), or the default's for a language this deck does not have.
    pub fn lang_code(&self, lang: Lang) -> &str {
        self.languages.get(lang.0).unwrap_or(&self.languages[0])
    }

    /// Every declared language, the default first.
    pub fn langs(&self) -> impl Iterator<Item = Lang> + use<> {
        (0..self.languages.len()).map(Lang)
    }

    /// The language after `lang`, wrapping round.
    pub fn next_lang(&self, lang: Lang) -> Lang {
        Lang((lang.0 + 1) % self.languages.len())
    }

    /// `lang` of `other` (the deck this one replaces) in this deck: the same code if this deck
    /// declares it, else the default.
    pub fn same_lang(&self, other: &Deck, lang: Lang) -> Lang {
        self.lang(other.lang_code(lang)).unwrap_or(Lang::DEFAULT)
    }

    /// The deck as `room` shows it: without the slides kept for the other room. The same
    /// deck when it has none (most decks), so nothing is copied.
    pub fn in_room(deck: Arc<Deck>, room: Room) -> Arc<Deck> {
        let elsewhere = |slide: &Slide| slide.room == Some(room.other());
        if !deck.slides.iter().any(elsewhere) {
            return deck;
        }
        let mut copy = Deck::clone(&deck);
        // Indices into the slides move with them: the exhibit's slide for closed hours is the
        // same slide (or none, if it belonged to the other room).
        copy.exhibit.closed_slide = deck
            .exhibit
            .closed_slide
            .filter(|&index| deck.slides.get(index).is_some_and(|slide| !elsewhere(slide)))
            .map(|index| deck.slides[..index].iter().filter(|slide| !elsewhere(slide)).count());
        copy.slides.retain(|slide| !elsewhere(slide));
        Arc::new(copy)
    }

    /// Indices of the slides that are presented (not hidden), in order. If every slide is
    /// hidden, all are presented, so there is always a slide to show. Presenting, the
    /// exhibit loop and export all use this one rule.
    pub fn presented(&self) -> Vec<usize> {
        presented(self.slides.iter().map(|s| s.hidden))
    }

    /// Index of the slide with this id.
    /// The plain-text heading of slide `index` in `lang`, if it has one (for the console and
    /// the overview).
    pub fn slide_title(&self, index: usize, lang: Lang) -> Option<String> {
        let title = self.slides.get(index)?.content.title()?;
        Some(text::plain_text(title.get(lang)))
    }

    pub fn slide_by_id(&self, id: &str) -> Option<usize> {
        self.slides.iter().position(|s| s.id.as_deref() == Some(id))
    }

    /// Every file the deck is made of: itself, its images and its fonts.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.path.clone()];
        files.extend(self.includes.iter().cloned());
        for slide in &self.slides {
            files.extend(slide.asset_paths().into_iter().map(|a| a.resolved.clone()));
        }
        if let Some(font) = &self.theme.font {
            files.extend(font.sources.iter().cloned());
        }
        files.sort();
        files.dedup();
        files
    }
}

/// See [`Deck::presented`]: the rule on a list of `hidden` flags.
pub fn presented(hidden: impl IntoIterator<Item = bool>) -> Vec<usize> {
    let hidden: Vec<bool> = hidden.into_iter().collect();
    let shown: Vec<usize> = (0..hidden.len()).filter(|&i| !hidden[i]).collect();
    if shown.is_empty() { (0..hidden.len()).collect() } else { shown }
}

/// A picture's version for one language: the language, its file and its natural size.
pub type LanguageImage = (Lang, AssetPath, Option<Vec2>);

impl Image {
    /// The picture to show in `lang` and its natural size.
    pub fn in_language(&self, lang: Lang) -> (&AssetPath, Option<Vec2>) {
        self.by_language
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map_or((&self.path, self.natural_size), |(_, path, size)| (path, *size))
    }
}

/// Height of the logical canvas in slide units; width follows the aspect ratio.
pub const CANVAS_HEIGHT: f32 = 1080.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: Color32,
    pub text: Color32,
    pub accent: Color32,
    pub muted: Color32,
    pub title_size: f32,
    pub body_size: f32,
    /// Text shrinks to fit its box down to this size, and no further.
    pub min_size: f32,
    pub margin: f32,
    pub font: Option<Arc<FontFiles>>,
}

/// What a slide changes of the deck's theme (`theme: (text: "#FFF")` on the slide); the deck's
/// own theme is the defaults with the deck's overrides.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThemeOverrides {
    pub background: Option<Color32>,
    pub text: Option<Color32>,
    pub accent: Option<Color32>,
    pub muted: Option<Color32>,
    pub title_size: Option<f32>,
    pub body_size: Option<f32>,
    pub min_size: Option<f32>,
    pub margin: Option<f32>,
}

impl ThemeOverrides {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Theme {
    /// This theme with `overrides` applied; the smallest size never exceeds the body size.
    pub fn with(&self, overrides: &ThemeOverrides) -> Theme {
        let body_size = overrides.body_size.unwrap_or(self.body_size);
        Theme {
            background: overrides.background.unwrap_or(self.background),
            text: overrides.text.unwrap_or(self.text),
            accent: overrides.accent.unwrap_or(self.accent),
            muted: overrides.muted.unwrap_or(self.muted),
            title_size: overrides.title_size.unwrap_or(self.title_size),
            body_size,
            min_size: overrides.min_size.unwrap_or(self.min_size).min(body_size),
            margin: overrides.margin.unwrap_or(self.margin),
            font: self.font.clone(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            background: Color32::from_rgb(0xFA, 0xF8, 0xF3),
            text: Color32::from_rgb(0x1C, 0x23, 0x33),
            accent: Color32::from_rgb(0x00, 0x7E, 0x9A),
            muted: Color32::from_rgb(0x5F, 0x67, 0x75),
            title_size: 64.0,
            body_size: 40.0,
            min_size: 22.0,
            margin: 96.0,
            font: None,
        }
    }
}

/// A deck's own font family, read from files next to the deck.
#[derive(PartialEq)]
pub struct FontFiles {
    /// The files the faces were read from, so live reload can watch them.
    pub sources: Vec<PathBuf>,
    pub regular: Vec<u8>,
    pub bold: Option<Vec<u8>>,
    pub italic: Option<Vec<u8>>,
    pub bold_italic: Option<Vec<u8>>,
}

impl std::fmt::Debug for FontFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontFiles({} bytes)", self.regular.len())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Slide {
    pub id: Option<String>,
    pub content: Content,
    pub notes: Option<Text>,
    pub hidden: bool,
    pub duration: Option<f32>,
    pub background: Option<Background>,
    /// The slide's own colours and sizes over the deck's theme.
    pub theme: ThemeOverrides,
    /// Where content shorter than the room under the title sits.
    pub valign: VAlign,
    /// How the presenter comes to this slide; `None`: the deck's way.
    pub transition: Option<crate::timing::TransitionKind>,
    /// Shown only in this room; `None`: in both.
    pub room: Option<Room>,
    /// Which file the slide is written in (an index into the load's report files: 0 is the
    /// deck, others are included files) and its byte range there.
    pub file: usize,
    pub span: std::ops::Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Background {
    Color(Color32),
    Image(AssetPath),
}

/// A file referenced by the deck: as written, and resolved against the deck's folder.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AssetPath {
    pub written: String,
    pub resolved: PathBuf,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// The picture in the deck's default language (or in every language).
    pub path: AssetPath,
    /// Width and height before scaling, when the file could be read; layout uses it to
    /// place captions right under the picture.
    pub natural_size: Option<Vec2>,
    /// Versions for other languages (a picture with words in it).
    pub by_language: Vec<LanguageImage>,
    pub caption: Option<Text>,
    pub credit: Option<Text>,
    pub fit: Fit,
    /// The size asked for; `None`: the room the box has.
    pub width: Option<Size>,
    pub height: Option<Size>,
    pub align: HAlign,
}

/// A length asked for in the file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
    /// Slide units.
    Units(f32),
    /// A share (0 to 1) of the box it is in.
    Share(f32),
}

impl Size {
    /// The length in slide units in a box `room` long, never more than the box.
    pub fn of(self, room: f32) -> f32 {
        match self {
            Size::Units(units) => units.min(room),
            Size::Share(share) => share * room,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bullet {
    pub text: Text,
    pub children: Vec<Bullet>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub header: Vec<Text>,
    pub rows: Vec<Vec<Text>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub date: Text,
    pub text: Text,
}

/// A block of code: its lines (the indentation the RON string adds taken off), each cut into
/// highlighted tokens, and the line ranges each step highlights.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The language as written (`None`: plain text).
    pub language: Option<String>,
    pub lines: Vec<Vec<super::highlight::CodeToken>>,
    pub line_numbers: bool,
    /// One entry per step: the 1-based line ranges it highlights (an empty entry: all lines).
    /// Empty: no highlighting at all.
    pub highlight: Vec<Vec<std::ops::RangeInclusive<usize>>>,
}

impl Code {
    /// How many times Next moves the highlight on before leaving the slide.
    pub fn steps(&self) -> usize {
        self.highlight.len().saturating_sub(1)
    }

    /// Whether line `line` (1-based) is highlighted at `step` (a step past the last is the
    /// last, which is also what the complete slide shows); every line is without highlights.
    pub fn highlighted(&self, line: usize, step: usize) -> bool {
        self.highlight
            .get(step.min(self.highlight.len().saturating_sub(1)))
            .is_none_or(|ranges| ranges.is_empty() || ranges.iter().any(|r| r.contains(&line)))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading of level 1 to 3 (the slide's title is above all of them).
    Heading(Text, u8),
    Paragraph(Text),
    Bullets(Vec<Bullet>),
    Numbered(Vec<Bullet>),
    /// Columns inside a stack, as wide as the stack; `widths` are shares summing to 1;
    /// `valign` places each column's content in the row.
    Columns {
        columns: Vec<Vec<Block>>,
        widths: Vec<f32>,
        valign: VAlign,
    },
    Image(Image),
    Quote {
        text: Text,
        attribution: Option<Text>,
    },
    Table(Table),
    Spacer(f32),
    Code(Code),
}

/// What a slide shows; one variant per slide kind of the file format.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Title {
        title: Text,
        subtitle: Option<Text>,
        byline: Option<Text>,
    },
    Section {
        title: Text,
        subtitle: Option<Text>,
    },
    /// `reveal`: the top-level items appear one step at a time.
    Bullets {
        title: Text,
        items: Vec<Bullet>,
        reveal: bool,
        numbered: bool,
    },
    Image {
        title: Option<Text>,
        image: Image,
    },
    ImageText {
        title: Option<Text>,
        image: Image,
        blocks: Vec<Block>,
        side: Side,
        split: f32,
    },
    Columns {
        title: Option<Text>,
        columns: Vec<Vec<Block>>,
        /// Each column's share of the width, summing to 1.
        widths: Vec<f32>,
    },
    Quote {
        text: Text,
        attribution: Option<Text>,
    },
    Statistic {
        title: Option<Text>,
        value: Text,
        label: Text,
        detail: Option<Text>,
    },
    Timeline {
        title: Option<Text>,
        events: Vec<Event>,
    },
    Table {
        title: Option<Text>,
        table: Table,
    },
    Code {
        title: Option<Text>,
        code: Code,
    },
    /// `reveal`: the blocks appear one step at a time.
    Blocks {
        title: Option<Text>,
        blocks: Vec<Block>,
        reveal: bool,
    },
}

impl Content {
    /// The slide's heading, if it has one: for window titles, the overview and tests.
    pub fn title(&self) -> Option<&Text> {
        match self {
            Content::Title { title, .. } | Content::Section { title, .. } | Content::Bullets { title, .. } => {
                Some(title)
            }
            Content::Image { title, .. }
            | Content::ImageText { title, .. }
            | Content::Columns { title, .. }
            | Content::Statistic { title, .. }
            | Content::Timeline { title, .. }
            | Content::Table { title, .. }
            | Content::Code { title, .. }
            | Content::Blocks { title, .. } => title.as_ref(),
            Content::Quote { .. } => None,
        }
    }

    /// Every image the slide shows, in drawing order.
    pub fn images(&self) -> Vec<&Image> {
        fn from_blocks<'a>(blocks: &'a [Block], out: &mut Vec<&'a Image>) {
            for block in blocks {
                match block {
                    Block::Image(image) => out.push(image),
                    Block::Columns { columns, .. } => columns.iter().for_each(|c| from_blocks(c, out)),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        match self {
            Content::Image { image, .. } => out.push(image),
            Content::ImageText { image, blocks, .. } => {
                out.push(image);
                from_blocks(blocks, &mut out);
            }
            Content::Columns { columns, .. } => columns.iter().for_each(|c| from_blocks(c, &mut out)),
            Content::Blocks { blocks, .. } => from_blocks(blocks, &mut out),
            _ => {}
        }
        out
    }
}

impl Slide {
    /// How many times Next reveals something more before leaving the slide.
    pub fn reveal_steps(&self) -> usize {
        fn code_steps(blocks: &[Block]) -> usize {
            let steps = |block: &Block| match block {
                Block::Code(code) => code.steps(),
                Block::Columns { columns, .. } => columns.iter().map(|c| code_steps(c)).max().unwrap_or(0),
                _ => 0,
            };
            blocks.iter().map(steps).max().unwrap_or(0)
        }
        match &self.content {
            Content::Bullets { items, reveal: true, .. } => items.len(),
            Content::Blocks { blocks, reveal: true, .. } => blocks.len(),
            // Code highlights walk their steps together on a slide that does not reveal.
            Content::Code { code, .. } => code.steps(),
            Content::Blocks { blocks, reveal: false, .. } | Content::ImageText { blocks, .. } => code_steps(blocks),
            Content::Columns { columns, .. } => columns.iter().map(|c| code_steps(c)).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether two slides show and say the same, wherever they stand in the file.
    pub fn same_as(&self, other: &Slide) -> bool {
        self.id == other.id
            && self.content == other.content
            && self.notes == other.notes
            && self.hidden == other.hidden
            && self.duration == other.duration
            && self.background == other.background
            && self.theme == other.theme
            && self.valign == other.valign
            && self.transition == other.transition
    }

    /// Every file the slide needs, in every language, background included.
    pub fn asset_paths(&self) -> Vec<&AssetPath> {
        let mut paths: Vec<&AssetPath> = self
            .content
            .images()
            .into_iter()
            .flat_map(|i| std::iter::once(&i.path).chain(i.by_language.iter().map(|(_, path, _)| path)))
            .collect();
        if let Some(Background::Image(path)) = &self.background {
            paths.insert(0, path);
        }
        paths
    }
}
