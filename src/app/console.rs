//! The presenter console: a second native window (a deferred egui viewport, so it repaints
//! on its own: once a second for its clocks, while the audience window repaints only when
//! the show changes). It shows the current slide complete, the next slide or step as the
//! room will see it, the speaker notes in a large adjustable font, the elapsed time, the wall
//! clock, the slide number and, given a talk length, the time left coloured by pace.
//!
//! The app owns the show; after every change it writes a [`Feed`] the console reads. Keys
//! pressed in the console become the same [`Command`]s and travel back through a channel,
//! so both windows always agree. The console draws slides with the same layout and painting
//! code as the audience window, with its own small image cache.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{Align, Color32, Id, Rect, Role, Sense, ViewportBuilder, ViewportId, WidgetInfo, vec2};

use super::Blank;
use super::command::{self, Command};
use super::overview::{self, Thumbnails};
use super::paint::{self, EguiMeasurer, PaintContext, SlideTransform};
use crate::deck::navigation::{Move, Navigator};
use crate::deck::text::parse_markup;
use crate::deck::{AssetSource, Deck};
use crate::layout::{TextRun, layout_slide};
use crate::media::ImageCache;
use crate::talk::{Pace, Timer, clock_text, pace};

pub fn viewport_id() -> ViewportId {
    ViewportId::from_hash_of("lectern-presenter-console")
}

/// Notes text size limits and step, in points.
pub const NOTES_SIZES: std::ops::RangeInclusive<f32> = 14.0..=72.0;
pub const NOTES_STEP: f32 = 4.0;
pub const DEFAULT_NOTES_SIZE: f32 = 28.0;
/// Texture memory of the console's own previews.
const CONSOLE_IMAGE_BUDGET: u64 = 64 << 20;

/// What the console shows, written by the app after every change.
#[derive(Clone)]
pub struct Feed {
    pub deck: Arc<Deck>,
    pub nav: Navigator,
    pub language: usize,
    pub blank: Option<Blank>,
    pub typed: String,
    pub timer: Timer,
    /// Planned length of the talk, in seconds.
    pub talk_seconds: Option<f64>,
    pub notes_size: f32,
    pub assets: Arc<dyn AssetSource>,
    /// The overview's selection while it is open: the console shows the grid then.
    pub overview: Option<usize>,
}

/// From the console window to the app.
pub enum Event {
    Command(Command),
    /// The console window's close button.
    Closed,
    /// A slide clicked in the overview.
    Visit(usize),
    /// The laser pointer on the current slide (slide units), or gone.
    Pointer(Option<egui::Pos2>),
}

/// The console's own drawing state, kept between its frames: an image cache for the files
/// of the deck it was built for.
struct State {
    images: Option<(ImageCache, Arc<dyn AssetSource>)>,
    thumbnails: Thumbnails,
    /// The pointer position last sent to the app.
    pointer: Option<egui::Pos2>,
}

pub struct Console {
    feed: Arc<Mutex<Option<Feed>>>,
    state: Arc<Mutex<State>>,
    events_tx: Sender<Event>,
    events: Receiver<Event>,
}

impl Default for Console {
    fn default() -> Self {
        let (events_tx, events) = channel();
        Self {
            feed: Arc::new(Mutex::new(None)),
            state: Arc::new(Mutex::new(State { images: None, thumbnails: Thumbnails::default(), pointer: None })),
            events_tx,
            events,
        }
    }
}

impl Console {
    /// Replaces what the console shows and asks it to repaint (only if it changed).
    pub fn update(&self, ctx: &egui::Context, feed: Feed) {
        let Ok(mut current) = self.feed.lock() else { return };
        let changed = current.as_ref().is_none_or(|old| !same_feed(old, &feed));
        *current = Some(feed);
        if changed {
            ctx.request_repaint_of(viewport_id());
        }
    }

    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// Keeps the console window open for this frame of the app (call every frame while it
    /// should stay open).
    pub fn show(&self, ctx: &egui::Context, title: &str, monitor: Option<usize>) {
        let feed = Arc::clone(&self.feed);
        let state = Arc::clone(&self.state);
        let events = self.events_tx.clone();
        let builder = ViewportBuilder::default()
            .with_title(format!("{title} — presenter console"))
            .with_app_id("lectern-console")
            .with_inner_size([1280.0, 800.0]);
        let builder = match monitor {
            Some(index) => builder.with_monitor(index),
            None => builder,
        };
        ctx.show_viewport_deferred(viewport_id(), builder, move |ui, class| {
            let ctx = ui.ctx().clone();
            // Embedded (a backend with one window, such as the test harness), the console
            // shares the audience window's input, which the app reads already.
            let own_window = class != egui::ViewportClass::EmbeddedWindow;
            let commands = if own_window { ctx.input(command::commands_from_input) } else { Vec::new() };
            let closed = own_window && ctx.input(|i| i.viewport().close_requested());
            if closed || !commands.is_empty() {
                for command in commands {
                    let _ = events.send(Event::Command(command));
                }
                if closed {
                    let _ = events.send(Event::Closed);
                }
                // The app applies what was sent in its own next frame; otherwise the
                // audience window is left alone.
                ctx.request_repaint_of(ViewportId::ROOT);
            }
            let feed = feed.lock().ok().and_then(|feed| feed.clone());
            let Some(feed) = feed else { return };
            let Ok(mut state) = state.lock() else { return };
            let before = state.pointer;
            if let Some(index) = console_ui(ui, &feed, &mut state) {
                let _ = events.send(Event::Visit(index));
                ctx.request_repaint_of(ViewportId::ROOT);
            }
            if state.pointer != before {
                let _ = events.send(Event::Pointer(state.pointer));
                ctx.request_repaint_of(ViewportId::ROOT);
            }
            // The clocks tick once a second; nothing else animates.
            ctx.request_repaint_after(Duration::from_secs(1));
        });
    }
}

fn same_feed(a: &Feed, b: &Feed) -> bool {
    Arc::ptr_eq(&a.deck, &b.deck)
        && a.nav == b.nav
        && a.language == b.language
        && a.blank == b.blank
        && a.typed == b.typed
        && a.timer == b.timer
        && a.talk_seconds == b.talk_seconds
        && a.notes_size == b.notes_size
        && a.overview == b.overview
}

/// Where the next press goes: the next step of this slide, else the next slide.
pub fn next_view(nav: &Navigator) -> Option<(usize, Option<usize>, &'static str)> {
    if nav.step() < nav.steps() {
        return Some((nav.slide_index(), Some(nav.step() + 1), "Next step"));
    }
    let mut next = nav.clone();
    next.apply(Move::NextSlide).then(|| (next.slide_index(), Some(next.step()), "Next slide"))
}

/// Draws the console; returns a slide clicked in the overview.
fn console_ui(ui: &mut egui::Ui, feed: &Feed, state: &mut State) -> Option<usize> {
    let ctx = ui.ctx().clone();
    if state.images.as_ref().is_none_or(|(_, built_for)| !Arc::ptr_eq(built_for, &feed.assets)) {
        let wake = ctx.clone();
        let cache = ImageCache::new(Arc::clone(&feed.assets), CONSOLE_IMAGE_BUDGET, move || {
            wake.request_repaint_of(viewport_id())
        });
        state.images = Some((cache, Arc::clone(&feed.assets)));
    }
    let (images, _) = state.images.as_mut()?;
    images.poll(&ctx);
    if let Some(selected) = feed.overview {
        let clicked = overview::grid_ui(ui, &feed.deck, feed.language, selected, images, &mut state.thumbnails);
        images.end_frame(&ctx);
        return clicked;
    }

    let full = ui.max_rect();
    ui.painter().rect_filled(full, 0.0, Color32::from_rgb(0x1c, 0x1e, 0x24));
    let now = ctx.input(|i| i.time);
    let deck = &feed.deck;
    let lang = deck.languages[feed.language.min(deck.languages.len() - 1)].as_str();
    let margin = 16.0;
    let status_h = 64.0;
    let banner_h = if feed.blank.is_some() { 44.0 } else { 0.0 };
    let body =
        Rect::from_min_max(full.min + vec2(margin, margin + banner_h), full.max - vec2(margin, margin + status_h));
    let left = Rect::from_min_size(body.min, vec2(body.width() * 0.62, body.height()));
    let right = Rect::from_min_max(egui::pos2(left.right() + margin, body.top()), body.max);

    if let Some(blank) = feed.blank {
        let banner =
            Rect::from_min_size(full.min + vec2(margin, margin * 0.5), vec2(full.width() - 2.0 * margin, 36.0));
        ui.painter().rect_filled(banner, 6.0, Color32::from_rgb(0xb3, 0x26, 0x1e));
        let text = match blank {
            Blank::Black => "Audience blanked (black): B or any navigation key brings the slide back",
            Blank::White => "Audience blanked (white): W or any navigation key brings the slide back",
        };
        labelled(ui, banner, text, 20.0, Color32::WHITE, "console-banner");
    }

    // The current slide, complete (what the presenter needs to talk about).
    let current = deck_slide_rect(deck, left.shrink(4.0));
    draw_slide(ui, images, deck, feed.nav.slide_index(), None, lang, current);
    let current_title = slide_title(deck, feed.nav.slide_index(), lang);
    let response = ui.interact(current, Id::unique("console-current"), Sense::drag());
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, format!("Current slide: {current_title}")));
    // Holding the mouse button (or the pointer key) over the current slide points at the
    // same place on the audience screen.
    let held = response.is_pointer_button_down_on() || ctx.input(|i| i.key_down(command::POINTER_KEY));
    let transform = SlideTransform::letterbox(deck.canvas, current);
    state.pointer = held
        .then(|| ctx.input(|i| i.pointer.hover_pos()))
        .flatten()
        .filter(|pos| current.contains(*pos))
        .map(|pos| transform.slide_from_screen(pos));
    if let Some(at) = state.pointer {
        paint::laser_pointer(ui.painter(), transform.screen_from_slide(at), transform.scale);
    }

    // The next step or slide, as the room will see it.
    let next_h = right.width() * deck.canvas.y / deck.canvas.x;
    let next_label_rect = Rect::from_min_size(right.min, vec2(right.width(), 28.0));
    let next_rect = Rect::from_min_size(right.min + vec2(0.0, 32.0), vec2(right.width(), next_h));
    match next_view(&feed.nav) {
        Some((index, step, what)) => {
            let text = format!("{what}: {}", slide_title(deck, index, lang));
            labelled(ui, next_label_rect, &text, 18.0, Color32::from_gray(200), "console-next");
            draw_slide(ui, images, deck, index, step, lang, next_rect);
        }
        None => {
            labelled(ui, next_label_rect, "End of the deck", 18.0, Color32::from_gray(200), "console-next");
        }
    }

    // Notes, scrolling when long.
    let notes_rect = Rect::from_min_max(egui::pos2(right.left(), next_rect.bottom() + margin), right.max);
    let notes = deck.slides[feed.nav.slide_index()].notes.as_ref().map(|n| n.get(lang, deck.default_language()));
    let mut notes_ui = ui.new_child(egui::UiBuilder::new().max_rect(notes_rect).id_salt("console-notes"));
    egui::ScrollArea::vertical().id_salt("console-notes-scroll").show(&mut notes_ui, |ui| {
        let text = notes.unwrap_or("(no notes for this slide)");
        let run = TextRun {
            spans: parse_markup(text),
            size: feed.notes_size,
            bold: false,
            italic: false,
            color: Color32::from_gray(235),
            accent: Color32::from_rgb(0x4f, 0xc3, 0xe0),
            align: Align::Min,
        };
        ui.label(paint::layout_job(&run, 1.0, notes_rect.width() - 12.0));
    });

    // Status line: slide and step, typed number, elapsed, time left with pace, wall clock.
    let status = Rect::from_min_max(egui::pos2(full.left() + margin, full.bottom() - status_h), full.max);
    let steps = if feed.nav.steps() > 0 {
        format!(", step {} of {}", feed.nav.step(), feed.nav.steps())
    } else {
        String::new()
    };
    let hidden = if deck.slides[feed.nav.slide_index()].hidden { " (hidden)" } else { "" };
    let mut parts = vec![format!("Slide {} of {}{steps}{hidden}", feed.nav.number(), feed.nav.count())];
    if !feed.typed.is_empty() {
        parts.push(format!("Go to {}", feed.typed));
    }
    let elapsed = feed.timer.elapsed(now);
    let state_word = if !feed.timer.has_started() {
        " (starts at the first advance)"
    } else if !feed.timer.is_running() {
        " (paused)"
    } else {
        ""
    };
    parts.push(format!("Elapsed {}{state_word}", clock_text(elapsed)));
    let mut colour = Color32::from_gray(235);
    if let Some(length) = feed.talk_seconds {
        let pace = pace(elapsed, length, feed.nav.number(), feed.nav.count());
        let (word, c) = match pace {
            Pace::OnTime => ("on time", Color32::from_rgb(0x5c, 0xc8, 0x6e)),
            Pace::Behind => ("behind", Color32::from_rgb(0xf0, 0xb4, 0x29)),
            Pace::Over => ("over time", Color32::from_rgb(0xf0, 0x50, 0x45)),
        };
        colour = c;
        parts.push(format!("Left {} ({word})", clock_text(length - elapsed)));
    }
    parts.push(wall_clock());
    labelled(ui, status, &parts.join("   ·   "), 26.0, colour, "console-status");
    images.end_frame(&ctx);
    None
}

/// A one-line label painted at `rect` and exposed to accessibility with the same text.
fn labelled(ui: &mut egui::Ui, rect: Rect, text: &str, size: f32, color: Color32, salt: &str) {
    let galley = ui.painter().layout_no_wrap(text.to_owned(), egui::FontId::proportional(size), color);
    let pos = egui::pos2(rect.left() + 8.0, rect.center().y - galley.size().y / 2.0);
    ui.painter().galley(pos, galley, color);
    let text = text.to_owned();
    ui.interact(rect, Id::unique(salt), Sense::hover()).widget_info(|| WidgetInfo::labeled(Role::Label, true, &text));
}

/// The largest rect of the deck's aspect ratio inside `area`, at its top.
fn deck_slide_rect(deck: &Deck, area: Rect) -> Rect {
    let scale = (area.width() / deck.canvas.x).min(area.height() / deck.canvas.y);
    Rect::from_min_size(area.min, deck.canvas * scale)
}

fn slide_title(deck: &Deck, index: usize, lang: &str) -> String {
    deck.slide_title(index, lang).unwrap_or_else(|| format!("slide {}", index + 1))
}

/// Lays out and paints one slide into `rect` with the audience window's code.
fn draw_slide(
    ui: &mut egui::Ui,
    images: &mut ImageCache,
    deck: &Deck,
    index: usize,
    step: Option<usize>,
    lang: &str,
    rect: Rect,
) {
    let ctx = ui.ctx().clone();
    let transform = SlideTransform::letterbox(deck.canvas, rect);
    let layout = layout_slide(deck, &deck.slides[index], lang, &EguiMeasurer { ctx: &ctx, scale: transform.scale });
    let painter = ui.painter().with_clip_rect(rect);
    let mut cx = PaintContext {
        painter: &painter,
        transform,
        images,
        pixels_per_point: ctx.pixels_per_point(),
        debug: false,
        failed: None,
    };
    paint::paint(layout.visible(step), &mut cx);
}

/// The local time as `HH:MM`.
fn wall_clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M").to_string()
}

/// Where the console's notes size is remembered between runs: `console.ron` in `dir` if
/// given, else in `$XDG_CONFIG_HOME/lectern` or `~/.config/lectern`.
pub fn settings_path(dir: Option<&std::path::Path>) -> Option<PathBuf> {
    if let Some(dir) = dir {
        return Some(dir.join("console.ron"));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("lectern").join("console.ron"))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Settings {
    notes_size: f32,
}

pub fn load_notes_size(dir: Option<&std::path::Path>) -> f32 {
    let read = settings_path(dir).and_then(|path| std::fs::read_to_string(path).ok());
    read.and_then(|text| ron::from_str::<Settings>(&text).ok())
        .map_or(DEFAULT_NOTES_SIZE, |s| s.notes_size.clamp(*NOTES_SIZES.start(), *NOTES_SIZES.end()))
}

pub fn save_notes_size(dir: Option<&std::path::Path>, size: f32) {
    let Some(path) = settings_path(dir) else { return };
    let text = match ron::to_string(&Settings { notes_size: size }) {
        Ok(text) => text,
        Err(_) => return,
    };
    if let Some(dir) = path.parent()
        && let Err(err) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text))
    {
        eprintln!("lectern: cannot remember the notes size in {}: {err}", path.display());
    }
}
