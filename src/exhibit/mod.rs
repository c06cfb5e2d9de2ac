//! Exhibit mode (`lectern exhibit`): the deck looping unattended on a lobby or museum
//! display. Everything of it lives here: the window ([`ExhibitApp`], a mode over a
//! [`Session`] like the presenter's), the loop as plain data ([`looping`]), the visitors'
//! controls ([`controls`]) and keys ([`bindings`]), the process that runs and supervises the
//! show ([`run`], [`supervisor`]) and its rotating log ([`log`]).
//!
//! The window paints what the loop says, with the transition between two slides, feeds it
//! visitors' taps, swipes and keys, holds a slide until the next one's images are on the
//! GPU, and sleeps until the next change (no frames between transitions).
//!
//! Nothing here shows an error to a visitor: a missing image is left out and logged once, a
//! broken save of the deck is logged and the running deck stays, and the keys and window
//! close requests that would end a presentation are refused. The operator ends the show by
//! holding Ctrl+Shift+[`bindings::QUIT_KEY`] for [`bindings::QUIT_HOLD_SECONDS`], or with a
//! signal. Everything visitors and the operator do becomes an [`ExhibitCommand`], applied in
//! [`ExhibitApp::apply`].

pub mod bindings;
pub mod controls;
pub mod heartbeat;
pub mod last_good;
pub mod log;
pub mod looping;
mod remote;
pub mod run;
pub mod supervisor;
pub mod watchdog;

/// Seconds between looks at the wall clock while the show rests or holds one slide, with
/// opening hours to keep.
const CLOCK_RECHECK: f64 = 60.0;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use egui::{Color32, CursorIcon, Id, Rect, Sense, Vec2, ViewportCommand};
use jiff::Timestamp;

pub use bindings::{ExhibitCommand, QUIT_HOLD_SECONDS};
use looping::{ExhibitLoop, HoursChange, Overrides, Screen};

use crate::deck::{Deck, Lang, Loaded};
use crate::logging::LogSink;
use crate::media::{CacheStats, FrameImages};
use crate::paint::SlideTransform;
use crate::session::{Command, DeckSource, Env, Reload, Session, SessionOptions, SlideStyle};
use crate::timing::{TransitionKind, Visitor};

/// The mouse cursor hides after this long without moving.
pub const CURSOR_HIDE_SECONDS: f64 = 2.0;
/// Texture memory for images unless told otherwise: the slides around the current one fit
/// easily; slides further away are released first when it fills.
pub const DEFAULT_IMAGE_BUDGET_BYTES: u64 = 128 << 20;
/// Laid-out slides kept; the loop needs the current, next and previous ones.
const LAYOUTS_KEPT: usize = 8;

#[derive(Clone)]
pub struct ExhibitOptions {
    pub image_budget_bytes: u64,
    /// Every slide shows this many seconds, instead of the deck's durations.
    pub dwell_override: Option<f64>,
    /// The transition takes this many seconds, instead of the deck's setting.
    pub transition_seconds_override: Option<f64>,
    /// With `sync: Clock`, this screen runs this many seconds ahead of the clock's loop.
    pub clock_offset: f64,
    /// The code of the language the loop shows and returns to (`None`: the deck's first; a
    /// code the deck does not declare, after a reload dropped it, is the first too).
    pub language: Option<String>,
    /// The wall clock, for opening hours (tests pass their own).
    pub wall_clock: Arc<dyn Fn() -> Timestamp + Send + Sync>,
    /// Where the show's log lines go (the `log` facade unless a test listens).
    pub log: LogSink,
    /// Log a line per frame (for the measurement scripts).
    pub log_frames: bool,
    /// Set from outside (a signal, the supervisor closing stdin) to end the show cleanly.
    pub stop: Arc<AtomicBool>,
    /// Ask the desktop to keep the display awake while the show runs.
    pub keep_awake: bool,
    /// Show control (`--control`, `--osc` or the deck's `exhibit: (control: …)`).
    pub control: Option<Arc<crate::control::Control>>,
    /// Which start of the supervisor's this show is (1: the first), for the restarts metric.
    pub starts: u64,
    /// Where copies of the last good deck are kept for restarts ([`last_good`]); `None`
    /// keeps none (tests).
    pub last_good: Option<std::path::PathBuf>,
}

impl Default for ExhibitOptions {
    fn default() -> Self {
        Self {
            image_budget_bytes: DEFAULT_IMAGE_BUDGET_BYTES,
            dwell_override: None,
            transition_seconds_override: None,
            clock_offset: 0.0,
            language: None,
            wall_clock: Arc::new(Timestamp::now),
            log: crate::logging::facade(),
            log_frames: false,
            stop: Arc::new(AtomicBool::new(false)),
            keep_awake: false,
            control: None,
            starts: 1,
            last_good: None,
        }
    }
}

impl ExhibitOptions {
    fn overrides(&self, deck: &Deck) -> Overrides {
        Overrides {
            dwell: self.dwell_override,
            transition_seconds: self.transition_seconds_override,
            language: self.home_language(deck),
            offset: self.clock_offset,
        }
    }

    /// The language the loop shows and returns to in `deck`.
    fn home_language(&self, deck: &Deck) -> Lang {
        self.language.as_deref().and_then(|code| deck.lang(code)).unwrap_or(Lang::DEFAULT)
    }
}

pub struct ExhibitApp {
    session: Session,
    show_loop: ExhibitLoop,
    options: ExhibitOptions,
    /// When the mouse last moved or pressed (egui seconds).
    pointer_active_at: f64,
    quit_held_since: Option<f64>,
    close_refused_logged_at: Option<f64>,
    /// The show is ending on purpose: close requests are no longer refused.
    closing: bool,
    swipe: controls::Swipe,
    slide_changes: u64,
    /// The slide (deck index) the session was last told is on screen.
    followed: usize,
    /// When the show opened, for the status's uptime.
    started: std::time::Instant,
    /// Held while the show is open; dropped outside opening hours, so the display may sleep.
    keep_awake: Option<crate::platform::awake::Awake>,
    /// The service manager's watchdog, when systemd started the show.
    watchdog: Option<watchdog::Watchdog>,
}

/// The exhibit's request to keep the display on while it is open.
fn keep_display_awake(log: &LogSink) -> Option<crate::platform::awake::Awake> {
    crate::platform::awake::keep_display_awake(log, "An exhibit is showing")
}

impl ExhibitApp {
    /// Opens the show on a deck that loaded (exhibit mode refuses to start on a broken deck).
    pub fn new(ctx: &egui::Context, source: DeckSource, loaded: Loaded, options: ExhibitOptions) -> Self {
        let wake_ctx = ctx.clone();
        let session_options = SessionOptions {
            image_budget_bytes: options.image_budget_bytes,
            layouts_kept: LAYOUTS_KEPT,
            log: Arc::clone(&options.log),
            log_frames: options.log_frames,
            room: crate::deck::Room::Exhibit,
            ..SessionOptions::default()
        };
        // The deck as the session shows it (the same rule, so the loop and the screen agree).
        let deck = Deck::in_room(Arc::clone(&loaded.deck), session_options.room);
        let session =
            Session::new(ctx, source, Ok(loaded), session_options, Arc::new(move || wake_ctx.request_repaint()));
        let now = ctx.input(|i| i.time);
        let keep_awake = if options.keep_awake { keep_display_awake(&options.log) } else { None };
        let options_keep_awake = options.keep_awake;
        let home = options.home_language(&deck);
        let mut app = Self {
            show_loop: ExhibitLoop::new(&deck, options.overrides(&deck), now),
            session,
            options,
            pointer_active_at: now,
            quit_held_since: None,
            close_refused_logged_at: None,
            closing: false,
            swipe: controls::Swipe::default(),
            slide_changes: 0,
            followed: 0,
            started: std::time::Instant::now(),
            keep_awake,
            // Only the real show (not a test's) talks to a service manager.
            watchdog: if options_keep_awake { watchdog::Watchdog::from_env() } else { None },
        };
        app.session_apply(Command::SetLanguage(home), now);
        app.followed = app.show_loop.current();
        if let Some(control) = &app.options.control {
            let wake_ctx = ctx.clone();
            control.wake_with(move || wake_ctx.request_repaint());
        }
        app.keep_last_good();
        if app.watchdog.is_some() {
            app.log("watched by a service manager or the supervisor: ready with the first frame, then alive from the UI thread at half its interval");
        }
        app
    }

    fn log(&self, line: &str) {
        self.session.log(line);
    }

    /// The deck index of the slide on screen (or being transitioned to).
    pub fn current_slide(&self) -> usize {
        self.show_loop.current()
    }

    /// The code of the language shown.
    pub fn language(&self) -> &str {
        self.session.show().map_or("", |show| show.language())
    }

    /// How many times the slide on screen changed (by the loop or a visitor).
    pub fn slide_changes(&self) -> u64 {
        self.slide_changes
    }

    pub fn visitor_active(&self) -> bool {
        self.show_loop.visitor_active()
    }

    /// The current slide's time is up and the next one's images are still on their way.
    pub fn holding_for_images(&self) -> bool {
        self.show_loop.held()
    }

    pub fn image_stats(&self) -> CacheStats {
        self.session.image_stats()
    }

    /// How many slide layouts are kept.
    pub fn layouts_cached(&self) -> usize {
        self.session.layouts_kept()
    }

    /// What the images of the last frame looked like (any not ready, any fading in).
    pub fn last_frame_images(&self) -> FrameImages {
        self.session.last_frame_images()
    }

    pub fn closing(&self) -> bool {
        self.closing
    }

    /// The show's state changes through the session's commands, like the presenter's.
    fn session_apply(&mut self, command: Command, now: f64) {
        let _ = self.session.apply(command, Env { now, fullscreen: true });
    }

    /// Applies what a visitor or the operator asked for. Everything they can do goes through
    /// here.
    pub fn apply(&mut self, ctx: &egui::Context, command: ExhibitCommand, now: f64) {
        match command {
            ExhibitCommand::Visitor(action) => {
                self.show_loop.visitor(action, now);
                self.follow_loop(now);
            }
            ExhibitCommand::Language(lang) => {
                self.session_apply(Command::SetLanguage(lang), now);
                self.show_loop.visitor(Visitor::Touch, now);
            }
            ExhibitCommand::Quit => {
                self.log(&format!("the operator held {}; the show ends", bindings::quit_chord_label()));
                self.end(ctx);
            }
        }
    }

    /// Tells the session which slide the loop shows, when it changed, so what reads the
    /// session (a reload keeping the place, show control's status) sees the slide on screen.
    fn follow_loop(&mut self, now: f64) {
        let current = self.show_loop.current();
        if current != self.followed {
            if self.options.log_frames {
                // For scripts/clock-sync.sh: when, on the wall clock, each change was drawn.
                let wall = (self.options.wall_clock)().as_millisecond();
                eprintln!("lectern: slide change {} -> {current} at {wall} ms", self.followed);
            }
            self.followed = current;
            self.slide_changes += 1;
            self.session_apply(Command::Visit(current), now);
        }
    }

    /// Keeps a copy of the deck on screen for a restart on a broken save, on a thread of its
    /// own (copying pictures must not hold a frame). A deck shown from such a copy is not
    /// copied again.
    fn keep_last_good(&self) {
        let (Some(root), Some(deck)) = (self.options.last_good.clone(), self.session.deck_as_loaded().cloned()) else {
            return;
        };
        if deck.path.starts_with(&root) {
            return;
        }
        let save = move || match last_good::save(&root, &deck) {
            Ok(last_good::Saved::Unchanged) => {}
            Ok(last_good::Saved::Written { left_out }) if left_out.is_empty() => {
                ::log::info!(target: "lectern", "a copy of the deck is kept for a restart in {}", root.display());
            }
            Ok(last_good::Saved::Written { left_out }) => ::log::warn!(
                target: "lectern",
                "a copy of the deck is kept for a restart in {}, without {} picture(s) past its {} MiB",
                root.display(),
                left_out.len(),
                last_good::BUDGET_BYTES >> 20
            ),
            Err(err) => ::log::warn!(target: "lectern", "cannot keep a copy of the deck for a restart: {err}"),
        };
        if let Err(err) = std::thread::Builder::new().name("lectern-last-good".into()).spawn(save) {
            self.log(&format!("cannot keep a copy of the deck for a restart: {err}"));
        }
    }

    /// Takes a reloaded deck only if it loaded cleanly; otherwise the show goes on and the
    /// problems are logged.
    fn reloaded(&mut self, reload: Reload, now: f64) {
        match reload {
            Reload::Shown { warnings, .. } => {
                if let Some(deck) = self.session.deck() {
                    // The session kept the place; the loop goes on from there.
                    let index = self.session.show().map_or(0, |show| show.nav.slide_index());
                    self.show_loop = self.show_loop.reloaded(deck, self.options.overrides(deck), index, now);
                }
                let count = warnings.diagnostics.len();
                self.log(&format!("the deck changed on disk and was reloaded ({count} warnings)"));
                self.keep_last_good();
            }
            Reload::Refused { .. } => {
                let detail = self.session.problems().map_or_else(String::new, |p| format!("\n{}", p.text));
                self.log(&format!("the deck changed on disk but cannot be loaded; the show goes on unchanged{detail}"));
            }
        }
    }

    /// Refuses close requests (Alt+F4, the window manager's button, a visitor's luck) and
    /// ends the show when asked from outside or by the operator's held chord.
    fn locks(&mut self, ctx: &egui::Context, now: f64) {
        if self.options.stop.load(Ordering::SeqCst) && !self.closing {
            self.log("asked to stop; the show ends");
            self.end(ctx);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            // The same request can be seen by several passes; it is logged once a minute at most.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            let chord = ctx.input(|i| bindings::is_operator(i.modifiers));
            if !chord && self.close_refused_logged_at.is_none_or(|at| now - at >= 60.0) {
                self.close_refused_logged_at = Some(now);
                let chord = bindings::quit_chord_label();
                self.log(&format!("a request to close the window was refused; hold {chord} for 2 s to end the show"));
            }
        }
        let held = ctx.input(bindings::quit_chord_held);
        if !held || self.closing {
            self.quit_held_since = None;
            return;
        }
        let since = *self.quit_held_since.get_or_insert(now);
        if now - since >= QUIT_HOLD_SECONDS {
            self.apply(ctx, ExhibitCommand::Quit, now);
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

    /// Logs a change of the opening state; the display may sleep while closed.
    fn hours_changed(&mut self, change: HoursChange, until: Option<Timestamp>) {
        match change {
            HoursChange::Opened => {
                self.log("opening hours begin; the show starts from the first slide");
                if self.options.keep_awake {
                    self.keep_awake = keep_display_awake(&self.options.log);
                }
            }
            HoursChange::Closed => {
                let zone = self.session.deck().and_then(|deck| deck.exhibit.hours.as_ref()).map(|h| h.zone.clone());
                let until = match (until, zone) {
                    (Some(t), Some(zone)) => t.to_zoned_datetime(zone).strftime("%a %Y-%m-%d %H:%M").to_string(),
                    _ => "further notice".to_owned(),
                };
                self.log(&format!("outside opening hours: the screen rests until {until}"));
                self.keep_awake = None;
            }
        }
    }

    /// Paints what the loop shows; returns the slide link a visitor tapped, as an index into
    /// the presented slides (web links do nothing here: a kiosk opens no browser).
    fn paint_screen(&mut self, ui: &egui::Ui, screen: Screen, area: Rect) -> Option<usize> {
        let deck = self.session.deck().cloned()?;
        let transform = SlideTransform::letterbox(deck.canvas, area);
        let paint = |session: &mut Session, slide: usize, transform: SlideTransform, opacity: f32| {
            let still = opacity >= 1.0;
            let style = SlideStyle {
                opacity,
                leave_out_failed: true,
                labels: Some("exhibit-text"),
                links: still,
                on_clear: true,
                ..SlideStyle::default()
            };
            session.paint_slide(ui, slide, transform, style)
        };
        match screen {
            Screen::Slide(slide) => {
                let Some(crate::deck::text::Link::Slide(id)) = paint(&mut self.session, slide, transform, 1.0) else {
                    return None;
                };
                let target = deck.slide_by_id(&id)?;
                return deck.presented().iter().position(|&i| i == target);
            }
            Screen::Transition { from, to, progress } => {
                let style = SlideStyle {
                    leave_out_failed: true,
                    labels: Some("exhibit-text"),
                    on_clear: true,
                    ..SlideStyle::default()
                };
                let kind = deck.exhibit.transition;
                let (from, to) = ((from, None), (to, None));
                self.session.paint_transition(ui, from, to, (kind, false), progress as f32, transform, style);
            }
            Screen::Closed { slide, .. } => {
                if let Some(slide) = slide {
                    paint(&mut self.session, slide, transform, 1.0);
                }
                crate::session::label_area(ui, area, "exhibit-closed", "Closed");
            }
        }
        None
    }
}

impl eframe::App for ExhibitApp {
    /// The backdrop of the slide shown last ([`Session::clear_colour`]).
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.session.clear_colour().to_normalized_gamma_f32()
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let now = ctx.input(|i| i.time);
        if let Some(reload) = self.session.poll(ctx) {
            self.reloaded(reload, now);
        }
        self.locks(ctx, now);
        self.cursor(ctx, now);
        self.serve_control(ctx, now);
        // From `logic`, which eframe runs even while the window is not drawn (an output
        // switched off, a covered window on Wayland): a hidden show is not a frozen one. A
        // still slide draws no frames; the UI thread wakes to say it is alive.
        if let Some(wait) = self.watchdog.as_mut().and_then(|w| w.alive(std::time::Instant::now())) {
            ctx.request_repaint_after(wait);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let area = ui.max_rect();
        let now = ctx.input(|i| i.time);
        let Some(deck) = self.session.deck().cloned() else {
            ui.painter().rect_filled(area, 0.0, Color32::BLACK);
            return;
        };
        let wall = (self.options.wall_clock)();
        let hours = deck.exhibit.hours.as_ref();
        let open = hours.is_none_or(|hours| hours.is_open(wall));
        let strip = controls::control_strip(&deck, area).filter(|_| open);
        let slide_area =
            strip.map_or(area, |strip| Rect::from_min_max(area.min, egui::pos2(area.right(), strip.top())));
        let transform = SlideTransform::letterbox(deck.canvas, slide_area);
        if open {
            let response = ui.interact(area, Id::unique("exhibit-area"), Sense::click_and_drag());
            for action in controls::visitor_input(&ctx, &response, area, &mut self.swipe) {
                self.apply(&ctx, ExhibitCommand::Visitor(action), now);
            }
        }
        // The next slide's images are decoded and uploaded while this one shows; its
        // transition waits until they are all there.
        let wanted = if open { self.show_loop.wanted_next() } else { Vec::new() };
        let ready: Vec<(usize, bool)> =
            wanted.into_iter().map(|slide| (slide, self.session.slide_ready(&ctx, slide, &transform))).collect();
        let is_ready = |slide: usize| ready.iter().all(|&(s, r)| s != slide || r);
        let frame = self.show_loop.frame(hours, deck.exhibit.closed_slide, now, wall, is_ready);
        // A transition that ended in this frame: the slide after it is asked for now, so its
        // images are decoded during the dwell and not when the dwell ends (the fade held
        // for the decode, its first frame about 130 ms late).
        if open {
            for slide in self.show_loop.wanted_next() {
                if !ready.iter().any(|&(asked, _)| asked == slide) {
                    self.session.slide_ready(&ctx, slide, &transform);
                }
            }
        }
        if frame.language_reset {
            self.session_apply(Command::SetLanguage(self.options.home_language(&deck)), now);
        }
        if let Some(change) = frame.hours {
            let until = match frame.screen {
                Screen::Closed { until, .. } => until,
                _ => None,
            };
            self.hours_changed(change, until);
        }
        let moving =
            matches!(frame.screen, Screen::Transition { .. }) && deck.exhibit.transition == TransitionKind::Slide;
        if moving || matches!(frame.screen, Screen::Closed { slide: None, .. }) {
            ui.painter().rect_filled(area, 0.0, Color32::BLACK);
        } else {
            // The slide paints its own backdrop; only the bars around it (and the strip) are black.
            crate::paint::letterbox_bars(ui.painter(), area, transform.slide_rect, Color32::BLACK);
        }
        if let Some(slide) = self.paint_screen(ui, frame.screen, slide_area) {
            self.apply(&ctx, ExhibitCommand::Visitor(Visitor::Visit(slide)), now);
        }
        if let Screen::Closed { until, .. } = frame.screen {
            // No frames until the show opens; looked at every minute at most, so a wall clock
            // set forward meanwhile (an NTP step after a power cut) opens it within a minute.
            let wait = until.map_or(CLOCK_RECHECK, |t| t.duration_since(wall).as_secs_f64().clamp(0.0, CLOCK_RECHECK));
            ctx.request_repaint_after(Duration::from_secs_f64(wait + 0.05));
        } else {
            let shown = self.session.state.lang().unwrap_or_default();
            let visitor = self.show_loop.visitor_active();
            if let Some(lang) = controls::controls_ui(ui, &deck, shown, visitor, area, strip) {
                self.apply(&ctx, ExhibitCommand::Language(lang), now);
            }
            if matches!(frame.screen, Screen::Transition { .. }) {
                // As often as the renderer affords (timing::pacing).
                ctx.request_repaint_after(self.session.transition_frame_interval());
            } else {
                // Nothing is due for a deck of one slide: no wake-up at all, unless opening
                // hours must be held against the wall clock (which may be set meanwhile).
                let due = Duration::try_from_secs_f64(self.show_loop.next_change_in(now)).ok();
                let recheck = hours.map(|_| Duration::from_secs_f64(CLOCK_RECHECK));
                if let Some(wait) = due.into_iter().chain(recheck).min() {
                    ctx.request_repaint_after(wait);
                }
            }
        }
        self.follow_loop(now);
        if let Some(blank) = self.session.state.view.blank {
            // Show control blanked the screen; the loop goes on underneath.
            let colour = if blank == crate::session::Blank::White { Color32::WHITE } else { Color32::BLACK };
            ui.painter().rect_filled(area, 0.0, colour);
        }
        // The loop may have moved in this pass: the server and the event stream hear of it now.
        self.publish_control();
        self.session.end_frame(&ctx);
    }
}
