//! The exhibit window (`lectern exhibit`): the deck looping unattended on a lobby or museum
//! display. The loop itself is [`crate::exhibit::Schedule`] (plain data); this module is its
//! shell: it paints what the schedule says, with the transition between two slides, feeds
//! it visitors' taps, swipes and keys, holds a slide until the next one's images are on the
//! GPU, and sleeps until the next change (no frames between transitions).
//!
//! Nothing here shows an error to a visitor: a missing image is left out and logged once,
//! a broken save of the deck is logged and the running deck stays, and the keys and window
//! close requests that would end a presentation are refused. The operator ends the show by
//! holding [`QUIT_CHORD`] for [`QUIT_HOLD_SECONDS`], or with a signal.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use egui::{
    Align2, Color32, CursorIcon, FontId, Id, Key, Rect, Role, Sense, Stroke, Vec2, ViewportCommand, WidgetInfo,
};
use jiff::Timestamp;

use super::paint::{self, EguiMeasurer, PaintContext, SlideTransform};
use super::{DeckSource, ReloadBurst, Reloaded, install_font, watch_deck};
use crate::deck::navigation::index_after_reload;
use crate::deck::{Deck, FontFiles, LoadError, Loaded};
use crate::exhibit::{Schedule, Timing, TransitionKind, View, Visitor};
use crate::layout::{SlideLayout, layout_slide};
use crate::media::{CacheStats, ImageCache};
use crate::watch::FileWatcher;

/// The operator's way out, held down: Ctrl+Shift+Q.
pub const QUIT_CHORD: &str = "Ctrl+Shift+Q";
pub const QUIT_HOLD_SECONDS: f64 = 2.0;
/// The mouse cursor hides after this long without moving.
pub const CURSOR_HIDE_SECONDS: f64 = 2.0;
/// Texture memory for images unless told otherwise: the slides around the current one fit
/// easily; slides further away are released first when it fills.
pub const DEFAULT_IMAGE_BUDGET_BYTES: u64 = 128 << 20;
/// Laid-out slides kept; the loop needs the current, next and previous ones.
const LAYOUTS_KEPT: usize = 8;

/// A sink for log lines (stderr in the show, a list in tests).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

#[derive(Clone)]
pub struct ExhibitOptions {
    pub image_budget_bytes: u64,
    /// Every slide shows this many seconds, instead of the deck's durations.
    pub dwell_override: Option<f64>,
    /// The transition takes this many seconds, instead of the deck's setting.
    pub transition_seconds_override: Option<f64>,
    /// The wall clock, for opening hours (tests pass their own).
    pub wall_clock: Arc<dyn Fn() -> Timestamp + Send + Sync>,
    pub log: LogSink,
    /// Print a line per frame (for the measurement scripts).
    pub log_frames: bool,
    /// Set from outside (a signal, the supervisor closing stdin) to end the show cleanly.
    pub stop: Arc<AtomicBool>,
    /// Ask the desktop to keep the display awake while the show runs.
    pub keep_awake: bool,
}

impl Default for ExhibitOptions {
    fn default() -> Self {
        Self {
            image_budget_bytes: DEFAULT_IMAGE_BUDGET_BYTES,
            dwell_override: None,
            transition_seconds_override: None,
            wall_clock: Arc::new(Timestamp::now),
            log: Arc::new(|line| eprintln!("lectern: {line}")),
            log_frames: false,
            stop: Arc::new(AtomicBool::new(false)),
            keep_awake: false,
        }
    }
}

/// The deck being shown in the loop.
struct Show {
    deck: Arc<Deck>,
    /// Deck indices of the presented (not hidden) slides, in order: the schedule's slides.
    order: Vec<usize>,
}

impl Show {
    fn new(deck: Arc<Deck>) -> Self {
        let mut order: Vec<usize> = (0..deck.slides.len()).filter(|&i| !deck.slides[i].hidden).collect();
        if order.is_empty() {
            // A deck of hidden slides only still shows something rather than nothing.
            order = (0..deck.slides.len()).collect();
        }
        Self { deck, order }
    }

    fn timing(&self, options: &ExhibitOptions) -> Timing {
        let settings = &self.deck.exhibit;
        let dwell = self
            .order
            .iter()
            .map(|&i| {
                options
                    .dwell_override
                    .unwrap_or_else(|| f64::from(self.deck.slides[i].duration.unwrap_or(self.deck.default_duration)))
            })
            .collect();
        Timing {
            dwell,
            transition: settings.transition,
            transition_seconds: options
                .transition_seconds_override
                .unwrap_or_else(|| f64::from(settings.transition_seconds)),
            idle_seconds: f64::from(settings.idle_seconds),
            on_idle: settings.on_idle,
        }
    }
}

/// Layouts of the slides in use, for one deck at one size.
#[derive(Default)]
struct Layouts {
    key: Option<(*const Deck, f32, f32)>,
    slides: HashMap<(usize, usize), SlideLayout>,
}

pub struct ExhibitApp {
    source: DeckSource,
    show: Show,
    schedule: Schedule,
    /// Index into the deck's languages.
    language: usize,
    images: ImageCache,
    layouts: Layouts,
    installed_font: Option<Arc<FontFiles>>,
    /// Live reload, with the files it watches.
    watcher: Option<(FileWatcher, Vec<PathBuf>)>,
    changes_tx: Sender<Reloaded>,
    changes: Receiver<Reloaded>,
    options: ExhibitOptions,
    /// When the mouse last moved or pressed (egui seconds).
    pointer_active_at: f64,
    quit_held_since: Option<f64>,
    close_refused_logged_at: Option<f64>,
    /// The show is ending on purpose: close requests are no longer refused.
    closing: bool,
    /// Images already reported as missing or broken (each is logged once, not every loop).
    logged_failures: HashSet<PathBuf>,
    /// Horizontal drag so far, for swipes.
    drag: Vec2,
    was_closed: bool,
    slide_changes: u64,
    frames: u64,
    last_frame_images: crate::media::FrameImages,
    /// Held while the show is open; dropped outside opening hours, so the display may sleep.
    keep_awake: Option<keepawake::KeepAwake>,
}

impl ExhibitApp {
    /// Opens the show on a deck that loaded (exhibit mode refuses to start on a broken deck).
    pub fn new(ctx: &egui::Context, source: DeckSource, loaded: Loaded, options: ExhibitOptions) -> Self {
        let wake = ctx.clone();
        let images = ImageCache::new(source.assets(), options.image_budget_bytes, move || wake.request_repaint());
        let (changes_tx, changes) = channel();
        let show = Show::new(loaded.deck);
        let now = ctx.input(|i| i.time);
        let schedule = Schedule::new(show.timing(&options), now);
        let mut installed_font = None;
        ctx.set_fonts(crate::fonts::definitions(None));
        install_font(ctx, &mut installed_font, &show.deck);
        let keep_awake = if options.keep_awake { keep_display_awake(&options.log) } else { None };
        let mut app = Self {
            source,
            show,
            schedule,
            language: 0,
            images,
            layouts: Layouts::default(),
            installed_font,
            watcher: None,
            changes_tx,
            changes,
            options,
            pointer_active_at: now,
            quit_held_since: None,
            close_refused_logged_at: None,
            closing: false,
            logged_failures: HashSet::new(),
            drag: Vec2::ZERO,
            was_closed: false,
            slide_changes: 0,
            frames: 0,
            last_frame_images: crate::media::FrameImages::default(),
            keep_awake,
        };
        app.watch_files(ctx);
        app
    }

    fn log(&self, line: &str) {
        (self.options.log)(line);
    }

    fn watch_files(&mut self, ctx: &egui::Context) {
        if !matches!(self.source, DeckSource::File(_)) {
            return;
        }
        let files = self.show.deck.files();
        if self.watcher.as_ref().is_some_and(|(_, watched)| *watched == files) {
            return;
        }
        match watch_deck(ctx, &self.source, &files, self.changes_tx.clone()) {
            Ok(watcher) => self.watcher = Some((watcher, files)),
            Err(err) => {
                self.log(&format!("cannot watch the deck for changes ({err}); it will not reload"));
                self.watcher = None;
            }
        }
    }

    /// The deck index of the slide on screen (or being transitioned to).
    pub fn current_slide(&self) -> usize {
        self.show.order[self.schedule.current().min(self.show.order.len() - 1)]
    }

    pub fn language(&self) -> &str {
        &self.show.deck.languages[self.language.min(self.show.deck.languages.len() - 1)]
    }

    /// How many times the slide on screen changed (by the loop or a visitor).
    pub fn slide_changes(&self) -> u64 {
        self.slide_changes
    }

    pub fn visitor_active(&self) -> bool {
        self.schedule.visitor_active()
    }

    /// The current slide's time is up and the next one's images are still on their way.
    pub fn holding_for_images(&self) -> bool {
        self.schedule.held()
    }

    pub fn image_stats(&self) -> CacheStats {
        self.images.stats()
    }

    /// How many slide layouts are kept.
    pub fn layouts_cached(&self) -> usize {
        self.layouts.slides.len()
    }

    /// What the images of the last frame looked like (any not ready, any fading in).
    pub fn last_frame_images(&self) -> crate::media::FrameImages {
        self.last_frame_images
    }

    pub fn closing(&self) -> bool {
        self.closing
    }

    /// Takes a reloaded deck only if it loaded cleanly; otherwise the show goes on and the
    /// problems are logged.
    fn reloaded(&mut self, ctx: &egui::Context, changed: &[PathBuf], result: Result<Loaded, LoadError>) {
        self.images.invalidate(changed);
        for path in changed {
            self.logged_failures.remove(path);
        }
        match result {
            Ok(loaded) => {
                let old = Arc::clone(&self.show.deck);
                let index = index_after_reload(&old, self.current_slide(), &loaded.deck);
                install_font(ctx, &mut self.installed_font, &loaded.deck);
                self.show = Show::new(loaded.deck);
                let position = self.show.order.iter().position(|&i| i >= index).unwrap_or(0);
                let now = ctx.input(|i| i.time);
                self.schedule = Schedule::starting_at(self.show.timing(&self.options), position, now);
                self.language = self.language.min(self.show.deck.languages.len() - 1);
                self.layouts = Layouts::default();
                let warnings = loaded.warnings.diagnostics.len();
                self.log(&format!("the deck changed on disk and was reloaded ({warnings} warnings)"));
                self.watch_files(ctx);
            }
            Err(err) => {
                let detail = match &err {
                    LoadError::Invalid { report, .. } => format!("\n{}{}", report.render(), report.summary()),
                    other => format!(": {other}"),
                };
                self.log(&format!("the deck changed on disk but cannot be loaded; the show goes on unchanged{detail}"));
            }
        }
    }

    /// The layout of deck slide `index` in the current language at `transform`.
    fn layout(&mut self, ctx: &egui::Context, index: usize, transform: &SlideTransform) -> &SlideLayout {
        let key = (Arc::as_ptr(&self.show.deck), transform.scale, ctx.pixels_per_point());
        if self.layouts.key != Some(key) || self.layouts.slides.len() >= LAYOUTS_KEPT {
            self.layouts = Layouts { key: Some(key), slides: HashMap::new() };
        }
        let deck = &self.show.deck;
        let lang = &deck.languages[self.language.min(deck.languages.len() - 1)];
        self.layouts.slides.entry((index, self.language)).or_insert_with(|| {
            let measurer = EguiMeasurer { ctx, scale: transform.scale };
            layout_slide(deck, &deck.slides[index], lang, &measurer)
        })
    }

    /// Whether every image of presented slide `slide` is on the GPU; requests the missing
    /// ones. A slide whose image cannot load counts as ready (it shows without it).
    fn slide_ready(&mut self, ctx: &egui::Context, slide: usize, transform: &SlideTransform) -> bool {
        let index = self.show.order[slide % self.show.order.len()];
        let pixels_per_point = ctx.pixels_per_point();
        let layout = self.layout(ctx, index, transform);
        let wanted: Vec<(PathBuf, [f32; 2])> = paint::images_wanted(&layout.items, transform, pixels_per_point)
            .map(|(path, size)| (path.to_owned(), size))
            .collect();
        let mut ready = true;
        for (path, size) in wanted {
            ready &= self.images.ready(&path, size);
        }
        ready
    }

    fn paint_slide(&mut self, ui: &egui::Ui, index: usize, transform: SlideTransform, opacity: f32) {
        let ctx = ui.ctx().clone();
        self.layout(&ctx, index, &transform);
        let mut painter = ui.painter().clone();
        painter.multiply_opacity(opacity);
        let Some(layout) = self.layouts.slides.remove(&(index, self.language)) else { return };
        let mut failed = Vec::new();
        let mut cx = PaintContext {
            painter: &painter,
            transform,
            images: &mut self.images,
            pixels_per_point: ctx.pixels_per_point(),
            debug: false,
            failed: Some(&mut failed),
        };
        let texts = paint::paint(layout.visible(None), &mut cx);
        self.layouts.slides.insert((index, self.language), layout);
        for (i, (rect, text)) in texts.into_iter().enumerate() {
            let response = ui.interact(rect, Id::unique(("exhibit-text", index, i)), Sense::hover());
            response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &text));
        }
        for (path, reason) in failed {
            if self.logged_failures.insert(path.clone()) {
                self.log(&format!("image {} is left out of the show: {reason}", path.display()));
            }
        }
    }

    fn paint_view(&mut self, ui: &egui::Ui, view: View, area: Rect) {
        let transform = SlideTransform::letterbox(self.show.deck.canvas, area);
        match view {
            View::Slide(slide) => self.paint_slide(ui, self.show.order[slide], transform, 1.0),
            View::Transition { from, to, progress } => {
                let (from, to) = (self.show.order[from], self.show.order[to]);
                let eased = smoothstep(progress as f32);
                match self.show.deck.exhibit.transition {
                    TransitionKind::Slide => {
                        let shift = |t: SlideTransform, dx: f32| SlideTransform {
                            slide_rect: t.slide_rect.translate(egui::vec2(dx, 0.0)),
                            ..t
                        };
                        let width = area.width();
                        self.paint_slide(ui, from, shift(transform, -width * eased), 1.0);
                        self.paint_slide(ui, to, shift(transform, width * (1.0 - eased)), 1.0);
                    }
                    TransitionKind::Crossfade | TransitionKind::None => {
                        self.paint_slide(ui, from, transform, 1.0);
                        self.paint_slide(ui, to, transform, eased);
                    }
                }
            }
            View::Closed => {}
        }
    }

    /// Taps, swipes and keys of visitors since the last frame, as schedule actions in order.
    fn visitor_input(&mut self, ctx: &egui::Context, response: &egui::Response, area: Rect) -> Vec<Visitor> {
        let mut actions: Vec<Visitor> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|event| match event {
                    // Ctrl+Shift is the operator's chord, not a visitor.
                    egui::Event::Key { key, pressed: true, repeat: false, modifiers, .. }
                        if !(modifiers.ctrl && modifiers.shift) =>
                    {
                        Some(match key {
                            Key::ArrowRight | Key::PageDown | Key::Space | Key::Enter | Key::N => Visitor::Next,
                            Key::ArrowLeft | Key::PageUp | Key::Backspace | Key::P => Visitor::Previous,
                            _ => Visitor::Touch,
                        })
                    }
                    _ => None,
                })
                .collect()
        });
        if response.dragged() {
            self.drag += response.drag_delta();
        }
        if response.drag_stopped() {
            let drag = std::mem::take(&mut self.drag);
            let far_enough = drag.x.abs() >= (area.width() * 0.06).max(40.0) && drag.x.abs() > drag.y.abs();
            actions.push(match (far_enough, drag.x < 0.0) {
                (true, true) => Visitor::Next,
                (true, false) => Visitor::Previous,
                _ => Visitor::Touch,
            });
        } else if response.clicked() {
            // The outer quarters are the touch zones of the arrows (drawn while a visitor
            // is active); anywhere else a tap shows the controls and pauses the loop.
            let x = response.interact_pointer_pos().map_or(area.center().x, |p| p.x);
            actions.push(if x < area.left() + area.width() * 0.25 {
                Visitor::Previous
            } else if x > area.right() - area.width() * 0.25 {
                Visitor::Next
            } else {
                Visitor::Touch
            });
        }
        actions
    }

    /// A strip along the bottom of the screen for the language buttons, when the deck has
    /// several languages: the slide is letterboxed above it, so no button ever covers a
    /// slide's text.
    fn control_strip(&self, area: Rect) -> Option<Rect> {
        (self.show.deck.languages.len() > 1).then(|| {
            let height = 110.0 * (area.height() / 1080.0).max(0.3);
            Rect::from_min_max(egui::pos2(area.left(), area.bottom() - height), area.max)
        })
    }

    /// The arrows (while a visitor is active) and the language buttons, in the control strip
    /// if there is one. Returns a chosen language.
    fn controls_ui(&self, ui: &egui::Ui, area: Rect, strip: Option<Rect>) -> Option<usize> {
        let painter = ui.painter();
        let unit = (area.height() / 1080.0).max(0.3);
        let shade = Color32::from_black_alpha(150);
        let accent = self.show.deck.theme.accent;
        if let Some(strip) = strip {
            painter.rect_filled(strip, 0.0, Color32::from_gray(24));
        }
        if self.schedule.visitor_active() {
            for (direction, label) in [(-1.0f32, "Previous slide"), (1.0, "Next slide")] {
                // At the ends of the strip, or else in the bottom corners, where slides carry
                // the least text; the touch zone is the whole outer quarter of the screen.
                let (y, radius) = match strip {
                    Some(strip) => (strip.center().y, (strip.height() * 0.42).min(72.0 * unit)),
                    None => (area.bottom() - 130.0 * unit, 72.0 * unit),
                };
                let center = egui::pos2(area.center().x + direction * (area.width() / 2.0 - 110.0 * unit), y);
                painter.circle_filled(center, radius, if strip.is_some() { accent } else { shade });
                let arm = radius * 0.36;
                let tip = center + egui::vec2(direction * arm * 0.6, 0.0);
                let stroke = Stroke::new(radius * 0.14, Color32::WHITE);
                painter.line_segment([tip, tip + egui::vec2(-direction * arm, -arm)], stroke);
                painter.line_segment([tip, tip + egui::vec2(-direction * arm, arm)], stroke);
                let rect = Rect::from_center_size(center, Vec2::splat(radius * 2.0));
                ui.interact(rect, Id::unique(("exhibit-arrow", label)), Sense::hover())
                    .widget_info(|| WidgetInfo::labeled(Role::Button, true, label));
            }
        }
        let strip = strip?;
        let languages = &self.show.deck.languages;
        let mut chosen = None;
        let size = egui::vec2(230.0, 76.0) * unit;
        let gap = 20.0 * unit;
        let total = languages.len() as f32 * size.x + (languages.len() - 1) as f32 * gap;
        for (i, code) in languages.iter().enumerate() {
            let left = strip.center().x - total / 2.0 + i as f32 * (size.x + gap);
            let rect = Rect::from_min_size(egui::pos2(left, strip.center().y - size.y / 2.0), size);
            let name = language_name(code);
            let response = ui.interact(rect, Id::unique(("exhibit-language", code)), Sense::click());
            response.widget_info(|| WidgetInfo::selected(Role::Button, true, i == self.language, name));
            let fill = if i == self.language { accent } else { Color32::from_gray(60) };
            painter.rect_filled(rect, 14.0 * unit, fill);
            painter.text(rect.center(), Align2::CENTER_CENTER, name, FontId::proportional(36.0 * unit), Color32::WHITE);
            if response.clicked() {
                chosen = Some(i);
            }
        }
        chosen
    }

    /// The operator's chord: held long enough, the show ends cleanly.
    fn quit_chord(&mut self, ctx: &egui::Context, now: f64) {
        let held = ctx.input(|i| i.modifiers.ctrl && i.modifiers.shift && i.key_down(Key::Q));
        if !held || self.closing {
            self.quit_held_since = None;
            return;
        }
        let since = *self.quit_held_since.get_or_insert(now);
        if now - since >= QUIT_HOLD_SECONDS {
            self.log(&format!("the operator held {QUIT_CHORD}; the show ends"));
            self.end(ctx);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(QUIT_HOLD_SECONDS - (now - since)));
        }
    }

    fn end(&mut self, ctx: &egui::Context) {
        if !self.closing {
            self.closing = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn cursor(&mut self, ctx: &egui::Context, now: f64) {
        let moved = ctx.input(|i| i.pointer.delta() != Vec2::ZERO || i.pointer.any_down());
        if moved {
            self.pointer_active_at = now;
        }
        let still = now - self.pointer_active_at;
        if still >= CURSOR_HIDE_SECONDS {
            ctx.set_cursor_icon(CursorIcon::None);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(CURSOR_HIDE_SECONDS - still));
        }
    }

    /// Outside opening hours: black, or the deck's closed slide; the next frame is when the
    /// show opens. Returns whether the show is closed.
    fn closed_ui(&mut self, ui: &egui::Ui, area: Rect, now: f64) -> bool {
        let deck = Arc::clone(&self.show.deck);
        let Some(hours) = &deck.exhibit.hours else { return false };
        let wall = (self.options.wall_clock)();
        let ctx = ui.ctx().clone();
        if hours.is_open(wall) {
            if self.was_closed {
                self.was_closed = false;
                self.log("opening hours begin; the show starts from the first slide");
                self.schedule = Schedule::new(self.show.timing(&self.options), now);
                self.language = 0;
                if self.options.keep_awake {
                    self.keep_awake = keep_display_awake(&self.options.log);
                }
            }
            return false;
        }
        let next = hours.next_change(wall);
        if !self.was_closed {
            self.was_closed = true;
            let until = next.map_or_else(
                || "further notice".to_owned(),
                |t| t.to_zoned_datetime(hours.zone.clone()).strftime("%a %Y-%m-%d %H:%M").to_string(),
            );
            self.log(&format!("outside opening hours: the screen rests until {until}"));
            // The display may go to sleep meanwhile.
            self.keep_awake = None;
        }
        if let Some(slide) = self.show.deck.exhibit.closed_slide {
            let transform = SlideTransform::letterbox(self.show.deck.canvas, area);
            self.language = 0;
            self.paint_slide(ui, slide, transform, 1.0);
        }
        ui.interact(area, Id::unique("exhibit-closed"), Sense::hover())
            .widget_info(|| WidgetInfo::labeled(Role::Label, true, "Closed"));
        // No frames until the show opens; looked at hourly at most, in case the wall clock
        // is set meanwhile.
        let wait = next.map_or(3600.0, |t| t.duration_since(wall).as_secs_f64().clamp(0.0, 3600.0));
        ctx.request_repaint_after(Duration::from_secs_f64(wait + 0.05));
        true
    }
}

/// A language's own name for its button; the code itself for languages not listed.
pub fn language_name(code: &str) -> &str {
    match code.split(['-', '_']).next().unwrap_or(code) {
        "kk" => "Қазақша",
        "ru" => "Русский",
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "tr" => "Türkçe",
        "uz" => "Oʻzbekcha",
        "ky" => "Кыргызча",
        "zh" => "中文",
        _ => code,
    }
}

fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Asks the desktop to keep the display on and the machine awake (freedesktop ScreenSaver
/// inhibit on the session bus, logind idle inhibit on the system bus). Either may be missing
/// (no desktop session, a bare X server); the show runs anyway and says so once.
fn keep_display_awake(log: &LogSink) -> Option<keepawake::KeepAwake> {
    let attempts = [("display and idle", true, true), ("display", true, false), ("idle", false, true)];
    let mut errors = Vec::new();
    for (what, display, idle) in attempts {
        match keepawake::Builder::default()
            .display(display)
            .idle(idle)
            .reason("An exhibit is showing")
            .app_name("Lectern")
            .app_reverse_domain("org.lectern.Lectern")
            .create()
        {
            Ok(handle) => {
                log(&format!("keeping the {what} awake while the show runs"));
                return Some(handle);
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    log(&format!(
        "cannot ask the desktop to keep the display awake ({}); on a bare X server run `xset s off -dpms`",
        errors.join("; ")
    ));
    None
}

impl eframe::App for ExhibitApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.images.poll(ctx);
        if let Some(burst) = ReloadBurst::take(&self.changes, &self.source) {
            self.reloaded(ctx, &burst.changed, burst.result);
        }
        if self.options.stop.load(Ordering::SeqCst) && !self.closing {
            self.log("asked to stop; the show ends");
            self.end(ctx);
        }
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            // Alt+F4, the window manager's close button, a visitor's luck: refused. The same
            // request can be seen by several passes; it is logged once a minute at most.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            let chord = ctx.input(|i| i.modifiers.ctrl && i.modifiers.shift);
            if !chord && self.close_refused_logged_at.is_none_or(|at| now - at >= 60.0) {
                self.close_refused_logged_at = Some(now);
                self.log(&format!(
                    "a request to close the window was refused; hold {QUIT_CHORD} for 2 s to end the show"
                ));
            }
        }
        self.quit_chord(ctx, now);
        self.cursor(ctx, now);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let area = ui.max_rect();
        let now = ctx.input(|i| i.time);
        ui.painter().rect_filled(area, 0.0, Color32::BLACK);
        let before = self.schedule.current();
        if !self.closed_ui(ui, area, now) {
            let response = ui.interact(area, Id::unique("exhibit-area"), Sense::click_and_drag());
            for action in self.visitor_input(&ctx, &response, area) {
                self.schedule.visitor(action, now);
            }
            let strip = self.control_strip(area);
            let slide_area =
                strip.map_or(area, |strip| Rect::from_min_max(area.min, egui::pos2(area.right(), strip.top())));
            let transform = SlideTransform::letterbox(self.show.deck.canvas, slide_area);
            // The next slide's images are decoded and uploaded while this one shows; its
            // transition waits until they are all there.
            let upcoming = self.schedule.upcoming();
            let upcoming_ready = upcoming.is_none_or(|slide| self.slide_ready(&ctx, slide, &transform));
            if self.schedule.visitor_active() {
                // Visitors may go either way: both neighbours are made ready.
                let current = self.schedule.current();
                let count = self.show.order.len();
                self.slide_ready(&ctx, (current + 1) % count, &transform);
                self.slide_ready(&ctx, (current + count - 1) % count, &transform);
            }
            let view = self.schedule.tick_when_ready(now, |slide| Some(slide) != upcoming || upcoming_ready);
            if self.schedule.take_language_reset() {
                self.language = 0;
            }
            self.paint_view(ui, view, slide_area);
            if let Some(language) = self.controls_ui(ui, area, strip) {
                self.language = language;
                self.schedule.visitor(Visitor::Touch, now);
            }
            match view {
                View::Transition { .. } => ctx.request_repaint(),
                // Nothing is due for a deck of one slide: no wake-up at all.
                _ => {
                    if let Ok(wait) = Duration::try_from_secs_f64(self.schedule.next_change_in(now)) {
                        ctx.request_repaint_after(wait);
                    }
                }
            }
        }
        if self.schedule.current() != before {
            self.slide_changes += 1;
        }
        self.last_frame_images = self.images.end_frame(&ctx);
        self.frames += 1;
        if self.options.log_frames {
            let stats = self.images.stats();
            eprintln!(
                "lectern: frame {} slide {} textures {} bytes {}",
                self.frames,
                self.current_slide() + 1,
                stats.textures,
                stats.texture_bytes
            );
        }
    }
}
