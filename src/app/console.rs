//! The presenter console: a second native window (a deferred egui viewport, so it repaints
//! on its own: once a second for its clocks, while the audience window repaints only when
//! the show changes). It shows the current slide complete, the next slide or step as the
//! room will see it, the speaker notes in a large adjustable font, the elapsed time, the wall
//! clock, the slide number and, given a talk length, the time left coloured by pace.
//!
//! It is a second view of the audience window's [`Session`]: it reads the show from it and
//! draws with its layout and image caches (one set of decode threads, one texture budget).
//! What the console asks for (keys, a slide picked in its overview, the laser pointer)
//! travels to the audience window as [`Command`]s, which applies them in one place, so both
//! windows always agree.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{Align, Color32, Id, Rect, Role, Sense, ViewportBuilder, ViewportId, WidgetInfo, vec2};

use super::bindings::{self, Command};
use super::overview;
use crate::deck::Deck;
use crate::deck::navigation::{Move, Navigator};
use crate::deck::text::parse_markup;
use crate::fonts::measure::layout_job;
use crate::layout::TextRun;
use crate::paint::{self, SlideTransform};
pub use crate::session::state::{DEFAULT_NOTES_SIZE, NOTES_SIZES, NOTES_STEP};
use crate::session::{Blank, Session, SlideStyle};
use crate::timing::talk::{Pace, clock_text, pace};

pub fn viewport_id() -> ViewportId {
    ViewportId::from_hash_of("lectern-presenter-console")
}

/// What the console keeps between its own frames.
#[derive(Default)]
struct Local {
    scroll: overview::Scroll,
    /// The pointer position last sent to the audience window.
    pointer: Option<egui::Pos2>,
    /// The help asked for in this window, shown here and not to the room.
    help: bool,
    /// The notes scroll (slide, steps) last applied from the keys; the mouse wheel scrolls
    /// freely until the keys ask again.
    notes_applied: Option<(usize, u16)>,
    /// Where the notes were scrolled to on the last frame, and how far they can go: a key
    /// moves from there, so presses past the end cost nothing to come back from.
    notes_offset: f32,
    notes_max: f32,
}

/// Takes out of `asked` (keys pressed in the console's own window) what only this window
/// answers: help opens and closes here, so the room never sees the key table, and Escape
/// closes it before it does anything to the show.
fn answer_own_keys(asked: &mut Vec<Command>, help: &mut bool) {
    asked.retain(|command| match command {
        Command::ToggleHelp => {
            *help = !*help;
            false
        }
        Command::Escape if *help => {
            *help = false;
            false
        }
        _ => true,
    });
}

pub struct Console {
    session: Arc<Mutex<Session>>,
    local: Arc<Mutex<Local>>,
    /// The session revision the console last drew: when the show changes, it draws again.
    drawn: Arc<AtomicU64>,
    commands_tx: Sender<Command>,
    commands: Receiver<Command>,
}

impl Console {
    pub fn new(session: Arc<Mutex<Session>>) -> Self {
        let (commands_tx, commands) = channel();
        Self { session, local: Arc::default(), drawn: Arc::new(AtomicU64::new(u64::MAX)), commands_tx, commands }
    }

    /// What the console asked for since the last call.
    pub fn commands(&self) -> Vec<Command> {
        self.commands.try_iter().collect()
    }

    /// Keeps the console window open for this frame of the app (call every frame while it
    /// should stay open, never while holding the session).
    pub fn show(&self, ctx: &egui::Context, title: &str, monitor: Option<usize>, talk_seconds: Option<f64>) {
        if crate::session::lock(&self.session).state.revision() != self.drawn.load(Ordering::Relaxed) {
            ctx.request_repaint_of(viewport_id());
        }
        let (session, local, drawn) = (Arc::clone(&self.session), Arc::clone(&self.local), Arc::clone(&self.drawn));
        let commands = self.commands_tx.clone();
        let builder = ViewportBuilder::default()
            .with_title(format!("{title} — presenter console"))
            .with_app_id("lectern-console")
            .with_inner_size(opening_size(ctx.input(|i| i.viewport().monitor_size)));
        let builder = match monitor {
            Some(index) => builder.with_monitor(index),
            None => builder,
        };
        ctx.show_viewport_deferred(viewport_id(), builder, move |ui, class| {
            let ctx = ui.ctx().clone();
            // Embedded (a backend with one window, such as the test harness), the console
            // shares the audience window's input, which the app reads already.
            let own_window = class != egui::ViewportClass::EmbeddedWindow;
            let mut asked = if own_window { ctx.input(bindings::commands_from_input) } else { Vec::new() };
            if own_window && ctx.input(|i| i.viewport().close_requested()) {
                asked.push(Command::ConsoleClosed);
            }
            {
                let mut session = crate::session::lock(&session);
                let Ok(mut local) = local.lock() else { return };
                answer_own_keys(&mut asked, &mut local.help);
                drawn.store(session.state.revision(), Ordering::Relaxed);
                asked.extend(console_ui(ui, &mut session, &mut local, talk_seconds));
                if local.help {
                    super::chrome::help_ui(&ctx);
                }
            }
            if !asked.is_empty() {
                for command in asked {
                    let _ = commands.send(command);
                }
                // The app applies what was sent in its own next frame; otherwise the
                // audience window is left alone.
                ctx.request_repaint_of(ViewportId::ROOT);
            }
            // The clocks tick once a second; nothing else animates.
            ctx.request_repaint_after(Duration::from_secs(1));
        });
    }
}

/// Where the next press goes: the next step of this slide, else the next slide.
pub fn next_view(nav: &Navigator) -> Option<(usize, Option<usize>, &'static str)> {
    if nav.step() < nav.steps() {
        return Some((nav.slide_index(), Some(nav.step() + 1), "Next step"));
    }
    let mut next = nav.clone();
    next.apply(Move::NextSlide).then(|| (next.slide_index(), Some(next.step()), "Next slide"))
}

/// Draws the console; returns what it asks of the show (a visit, the pointer).
fn console_ui(ui: &mut egui::Ui, session: &mut Session, local: &mut Local, talk_seconds: Option<f64>) -> Vec<Command> {
    let ctx = ui.ctx().clone();
    let mut asked = Vec::new();
    // The console may draw while the audience window sleeps: it takes the decodes that
    // arrived itself (and its clock moves the fades of what it shows).
    session.images().poll(&ctx);
    let Some(show) = session.show().cloned() else { return asked };
    let view = session.state.view.clone();
    if let Some(selected) = view.overview {
        asked.extend(overview::grid_ui(ui, session, selected, &mut local.scroll));
        session.images().end_secondary_frame(&ctx);
        return asked;
    }

    let full = ui.max_rect();
    ui.painter().rect_filled(full, 0.0, Color32::from_rgb(0x1c, 0x1e, 0x24));
    let now = ctx.input(|i| i.time);
    let deck = &show.deck;
    let lang = show.lang;
    let margin = 16.0;
    let status_h = 64.0;
    let banner_h = if view.blank.is_some() { 44.0 } else { 0.0 };
    let body =
        Rect::from_min_max(full.min + vec2(margin, margin + banner_h), full.max - vec2(margin, margin + status_h));
    let left = Rect::from_min_size(body.min, vec2(body.width() * 0.62, body.height()));
    let right = Rect::from_min_max(egui::pos2(left.right() + margin, body.top()), body.max);

    if let Some(blank) = view.blank {
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
    let transform = SlideTransform::letterbox(deck.canvas, current);
    session.paint_slide(ui, show.nav.slide_index(), transform, SlideStyle::clipped());
    let current_title = slide_title(deck, show.nav.slide_index(), lang);
    let response = ui.interact(current, Id::unique("console-current"), Sense::drag());
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, format!("Current slide: {current_title}")));
    // Holding the mouse button (or the pointer key) over the current slide points at the
    // same place on the audience screen.
    let held = response.is_pointer_button_down_on() || ctx.input(|i| i.key_down(bindings::POINTER_KEY));
    let pointer = held
        .then(|| ctx.input(|i| i.pointer.hover_pos()))
        .flatten()
        .filter(|pos| current.contains(*pos))
        .map(|pos| transform.slide_from_screen(pos));
    if let Some(at) = pointer {
        paint::laser_pointer(ui.painter(), transform.screen_from_slide(at), transform.scale);
    }
    if pointer != local.pointer {
        local.pointer = pointer;
        asked.push(Command::PointAt(pointer));
    }

    // The next step or slide, as the room will see it.
    let next_h = right.width() * deck.canvas.y / deck.canvas.x;
    let next_label_rect = Rect::from_min_size(right.min, vec2(right.width(), 28.0));
    let next_rect = Rect::from_min_size(right.min + vec2(0.0, 32.0), vec2(right.width(), next_h));
    match next_view(&show.nav) {
        Some((index, step, what)) => {
            let text = format!("{what}: {}", slide_title(deck, index, lang));
            labelled(ui, next_label_rect, &text, 18.0, Color32::from_gray(200), "console-next");
            let transform = SlideTransform::letterbox(deck.canvas, next_rect);
            session.paint_slide(ui, index, transform, SlideStyle { step, ..SlideStyle::clipped() });
        }
        None => {
            labelled(ui, next_label_rect, "End of the deck", 18.0, Color32::from_gray(200), "console-next");
        }
    }

    // Notes, scrolling when long.
    let notes_rect = Rect::from_min_max(egui::pos2(right.left(), next_rect.bottom() + margin), right.max);
    let notes = deck.slides[show.nav.slide_index()].notes.as_ref().map(|n| n.get(lang));
    let mut notes_ui = ui.new_child(egui::UiBuilder::new().max_rect(notes_rect).id_salt("console-notes"));
    let mut scroll = egui::ScrollArea::vertical().id_salt("console-notes-scroll");
    // The steps asked for this slide's notes (those of another slide start at the top).
    let slide = show.nav.slide_index();
    let keyed = (slide, if view.notes_scroll.0 == slide { view.notes_scroll.1 } else { 0 });
    if local.notes_applied != Some(keyed) {
        // A key asked (or the slide changed): a third of the box per step, from where the
        // notes are (another slide's from the top).
        let third = notes_rect.height() / 3.0;
        let offset = match local.notes_applied {
            Some((was, steps)) if was == slide => local.notes_offset + (f32::from(keyed.1) - f32::from(steps)) * third,
            _ => f32::from(keyed.1) * third,
        };
        local.notes_applied = Some(keyed);
        scroll = scroll.vertical_scroll_offset(offset.clamp(0.0, local.notes_max.max(0.0)));
    }
    let scrolled = scroll.show(&mut notes_ui, |ui| {
        let text = notes.unwrap_or("(no notes for this slide)");
        let run = TextRun {
            spans: parse_markup(text),
            size: view.notes_size,
            bold: false,
            italic: false,
            mono: false,
            color: Color32::from_gray(235),
            accent: Color32::from_rgb(0x4f, 0xc3, 0xe0),
            align: Align::Min,
            truncated: false,
            role: crate::layout::TextRole::Paragraph,
        };
        ui.label(layout_job(&run, 1.0, notes_rect.width() - 12.0));
    });
    local.notes_offset = scrolled.state.clamped_offset().y;
    local.notes_max = scrolled.content_size.y - scrolled.inner_rect.height();
    let hidden_below = local.notes_max - local.notes_offset;
    if hidden_below > 1.0 {
        // Long notes say so where they are cut, as a clicker user cannot see a scroll bar.
        let cue =
            Rect::from_min_max(egui::pos2(notes_rect.right() - 190.0, notes_rect.bottom() - 30.0), notes_rect.max);
        ui.painter().rect_filled(cue, 6.0, Color32::from_rgb(0x1c, 0x1e, 0x24));
        labelled(ui, cue, "more below (J) ▼", 18.0, Color32::from_rgb(0x4f, 0xc3, 0xe0), "console-notes-more");
    }

    // Status line: slide and step, typed number, elapsed, time left with pace, wall clock.
    let status = Rect::from_min_max(egui::pos2(full.left() + margin, full.bottom() - status_h), full.max);
    let nav = &show.nav;
    let steps = if nav.steps() > 0 { format!(", step {} of {}", nav.step(), nav.steps()) } else { String::new() };
    let hidden = if deck.slides[nav.slide_index()].hidden { " (hidden)" } else { "" };
    let mut parts = vec![format!("Slide {} of {}{steps}{hidden}", nav.number(), nav.count())];
    if !view.typed.is_empty() {
        parts.push(format!("Go to {}", view.typed));
    }
    let timer = session.state.timer;
    let elapsed = timer.elapsed(now);
    let state_word = if !timer.has_started() {
        " (starts at the first advance)"
    } else if !timer.is_running() {
        " (paused)"
    } else {
        ""
    };
    parts.push(format!("Elapsed {}{state_word}", clock_text(elapsed)));
    let mut colour = Color32::from_gray(235);
    if let Some(length) = talk_seconds.or(deck.talk_minutes.map(|m| f64::from(m) * 60.0)) {
        let (word, c) = match pace(elapsed, length, nav.number(), nav.count()) {
            Pace::OnTime => ("on time", Color32::from_rgb(0x5c, 0xc8, 0x6e)),
            Pace::Behind => ("behind", Color32::from_rgb(0xf0, 0xb4, 0x29)),
            Pace::Over => ("over time", Color32::from_rgb(0xf0, 0x50, 0x45)),
        };
        colour = c;
        parts.push(format!("Left {} ({word})", clock_text(length - elapsed)));
    }
    parts.push(wall_clock());
    labelled(ui, status, &parts.join("   ·   "), 26.0, colour, "console-status");
    session.images().end_secondary_frame(&ctx);
    asked
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

fn slide_title(deck: &Deck, index: usize, lang: crate::deck::Lang) -> String {
    deck.slide_title(index, lang).unwrap_or_else(|| format!("slide {}", index + 1))
}

/// The local time as `HH:MM`.
fn wall_clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M").to_string()
}

/// Where the console's notes size is remembered between runs: `console.ron` in `dir` if
/// given, else in the system's configuration folder for Lectern (from `directories`:
/// `$XDG_CONFIG_HOME/lectern` or `~/.config/lectern` on Linux, where an empty or relative
/// `XDG_CONFIG_HOME` is ignored; `~/Library/Application Support/lectern` on macOS; the
/// roaming AppData folder on Windows).
pub fn settings_path(dir: Option<&std::path::Path>) -> Option<PathBuf> {
    if let Some(dir) = dir {
        return Some(dir.join("console.ron"));
    }
    let dirs = directories::ProjectDirs::from("", "", "lectern")?;
    Some(dirs.config_dir().join("console.ron"))
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

/// Remembers the notes size for the next talk; says why when it cannot.
pub fn save_notes_size(dir: Option<&std::path::Path>, size: f32) -> Result<(), String> {
    let Some(path) = settings_path(dir) else { return Ok(()) };
    let text = ron::to_string(&Settings { notes_size: size }).map_err(|err| err.to_string())?;
    let written = match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)),
        None => std::fs::write(&path, text),
    };
    written.map_err(|err| format!("cannot remember the notes size in {}: {err}", path.display()))
}

/// The console's first size: 1280 × 800 points, or less on a smaller screen (a 1366 × 768
/// laptop), leaving room for the panel and the title bar.
pub fn opening_size(monitor: Option<egui::Vec2>) -> egui::Vec2 {
    let wanted = egui::vec2(1280.0, 800.0);
    match monitor {
        Some(screen) if screen.x > 0.0 && screen.y > 0.0 => {
            egui::vec2(wanted.x.min(screen.x * 0.92), wanted.y.min(screen.y - 96.0).max(screen.y * 0.6))
        }
        _ => wanted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_opens_within_a_small_screen() {
        assert_eq!(opening_size(None), egui::vec2(1280.0, 800.0));
        assert_eq!(opening_size(Some(egui::vec2(1920.0, 1080.0))), egui::vec2(1280.0, 800.0));
        let small = opening_size(Some(egui::vec2(1280.0, 720.0)));
        assert!(small.y <= 720.0 - 96.0 && small.x <= 1280.0 * 0.92, "{small:?}");
    }

    #[test]
    fn help_asked_in_the_console_opens_there_and_escape_closes_it_before_anything_else() {
        let mut help = false;
        let mut asked = vec![Command::ToggleHelp, Command::Next];
        answer_own_keys(&mut asked, &mut help);
        assert!(help, "opened in the console");
        assert_eq!(asked, [Command::Next], "the room's help is not asked for; other keys go on");
        let mut asked = vec![Command::Escape];
        answer_own_keys(&mut asked, &mut help);
        assert!(!help && asked.is_empty(), "Escape closed the console's help and did nothing else");
        let mut asked = vec![Command::Escape];
        answer_own_keys(&mut asked, &mut help);
        assert_eq!(asked, [Command::Escape], "without help open, Escape goes to the show");
    }
}
