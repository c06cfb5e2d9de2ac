//! Presenting: the audience window (an `eframe::App`) and the presenter console beside it,
//! two views of one [`Session`].
//!
//! `logic` takes what the background threads finished (decoded images, a reloaded deck),
//! turns input from either window into [`Command`]s and applies them through the session, in
//! one place; `ui` paints the current slide from the session's layout cache. Nothing here
//! asks for continuous repaints: egui repaints on input, and the image workers and the file
//! watcher wake the windows when they finish, so a static slide costs no frames.
//!
//! The session sits behind a mutex because the console is a deferred viewport (its own
//! repaint schedule, a callback that must be `Send`); the lock is never held while the other
//! window draws.
//!
//! Renderer: eframe's `glow` (OpenGL) backend. On software GL it was measured at ~9 ms of CPU
//! per frame against ~41 ms for wgpu, builds in half the time and makes a third of the
//! binary; slides are simple 2D, so wgpu's extra features buy nothing here.

mod awake;
pub mod bindings;
mod chrome;
pub mod console;
mod control;
pub mod overview;
pub mod run;
mod transition;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use egui::{Color32, Id, Rect, Sense, ViewportCommand, ViewportId};

use crate::deck::navigation::Move;
use crate::deck::{LoadError, Loaded};
use crate::media::{DEFAULT_BUDGET_BYTES, FrameImages};
use crate::paint::SlideTransform;
pub use crate::session::{Blank, Command, DeckSource};
use crate::session::{Effects, Env, LayoutKey, Reload, Session, SessionOptions, SlideStyle, ViewState, lock};
pub use bindings::BINDINGS;

/// What a command may depend on in this window: the UI clock and whether it is fullscreen.
fn env(ctx: &egui::Context) -> Env {
    Env { now: ctx.input(|i| i.time), fullscreen: ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)) }
}

/// How many slides ahead and behind have their images decoded before they are shown.
const PREFETCH_SLIDES: usize = 2;

/// How the app runs, from the command line.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Texture memory kept for images, in bytes.
    pub image_budget_bytes: u64,
    /// Close the window after the first frame that shows the slide complete (text and every
    /// image), so a whole launch can be timed (scripts/first-frame.sh).
    pub exit_after_first_frame: bool,
    /// Print one line per frame to stderr: the slide and how many of its images were not
    /// ready. Read by the benchmark scripts.
    pub log_frames: bool,
    /// The slide number (as the counter shows it) to open on, instead of the first.
    pub start_slide: Option<usize>,
    /// The code of the language to open in (one the deck declares), instead of its first.
    pub start_language: Option<String>,
    /// Open the presenter console at start.
    pub console: bool,
    /// Planned length of the talk in seconds, for the console's time left and pace.
    pub talk_seconds: Option<f64>,
    /// Where settings (the notes size) are kept; `None`: the user's configuration folder.
    pub settings_dir: Option<PathBuf>,
    /// Monitors (indices in the system's order) for the audience window and the console,
    /// each shown fullscreen there; `None`: an ordinary window.
    pub audience_monitor: Option<usize>,
    /// The audience window opens fullscreen (`present -f`); cleared once it leaves.
    pub opens_fullscreen: bool,
    pub console_monitor: Option<usize>,
    /// Set when the talk met a problem of the deck while it ran (a picture that could not be
    /// shown), so `present` can end with status 1 as after a deck that opened with problems.
    pub problems_seen: Arc<AtomicBool>,
    /// The show-control server whose requests this window answers (`--control`).
    pub control: Option<Arc<crate::control::Control>>,
    /// Animate slide changes the deck's way (`--no-transitions` turns it off).
    pub transitions: bool,
    /// Keep the display awake while the talk is on (fullscreen or with the console); only
    /// the real window asks the desktop, not a test's.
    pub keep_awake: bool,
    /// Opens a web link clicked on a slide: the system's browser, or a test's recorder.
    pub open_link: fn(&str),
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            image_budget_bytes: DEFAULT_BUDGET_BYTES,
            exit_after_first_frame: false,
            log_frames: false,
            start_slide: None,
            start_language: None,
            console: false,
            talk_seconds: None,
            settings_dir: None,
            audience_monitor: None,
            opens_fullscreen: false,
            console_monitor: None,
            problems_seen: Arc::default(),
            control: None,
            transitions: true,
            keep_awake: false,
            open_link: crate::platform::open_in_browser,
        }
    }
}

/// Images of the neighbouring slides, requested on the frame after the current slide was
/// first drawn: by then the current slide's own requests are at the front of the decode
/// queue, and the first frame after launch or a jump is not slowed by decoding on a
/// two-core machine.
#[derive(Default)]
struct Prefetch {
    /// What the list was made for: the current slide's layout key.
    made_for: Option<LayoutKey>,
    /// Not yet requested: sent once the current slide is complete, so its own images never
    /// wait behind a neighbour's.
    wanted: Vec<(PathBuf, [f32; 2])>,
}

pub struct LecternApp {
    session: Arc<Mutex<Session>>,
    options: AppOptions,
    console: console::Console,
    window_title: String,
    /// Commands of the keys [`eframe::App::raw_input_hook`] took out of this frame's input.
    keyed: Vec<Command>,
    /// The code of the language on screen, as of the last frame.
    language: Option<String>,
    /// How many times the window was asked to close (a count, so tests can see each request).
    quit_requests: usize,
    /// The display kept awake while the talk is on ([`awake`]).
    awake: awake::TalkAwake,
    /// When the save being reloaded happened, until its frame is drawn (for the latency log).
    reload_seen: Option<Instant>,
    /// The problems panel is folded into a small badge.
    problems_collapsed: bool,
    /// Where the pointer key over this window last put the laser pointer (slide units).
    held_pointer: Option<egui::Pos2>,
    overview_scroll: overview::Scroll,
    prefetch: Prefetch,
    /// Show control (`--control`), answered once a frame.
    control: Option<Arc<crate::control::Control>>,
    /// When the window opened, for the status's uptime.
    started: Instant,
    transitions: transition::Transitions,
}

impl LecternApp {
    /// Builds the app on an already attempted load (so a broken deck still opens a window
    /// that explains what is wrong).
    pub fn new(ctx: &egui::Context, source: DeckSource, initial: Result<Loaded, LoadError>) -> Self {
        Self::with_options(ctx, source, initial, AppOptions::default())
    }

    pub fn with_options(
        ctx: &egui::Context,
        source: DeckSource,
        initial: Result<Loaded, LoadError>,
        options: AppOptions,
    ) -> Self {
        let transitions = transition::Transitions::new(options.transitions);
        let view = ViewState {
            console_open: options.console,
            notes_size: console::load_notes_size(options.settings_dir.as_deref()),
            ..ViewState::default()
        };
        let session_options = SessionOptions {
            image_budget_bytes: options.image_budget_bytes,
            log_frames: options.log_frames,
            view,
            ..SessionOptions::default()
        };
        // Decoded images and reloads are for both windows.
        let wake_ctx = ctx.clone();
        let wake = Arc::new(move || {
            wake_ctx.request_repaint_of(ViewportId::ROOT);
            wake_ctx.request_repaint_of(console::viewport_id());
        });
        let mut session = Session::new(ctx, source, initial, session_options, wake);
        if let Some(number) = options.start_slide {
            session.state.start_at(number);
        }
        let language = options.start_language.as_deref().and_then(|code| session.deck().and_then(|d| d.lang(code)));
        if let Some(lang) = language {
            let _ = session.apply(Command::SetLanguage(lang), env(ctx));
        }
        let session = Arc::new(Mutex::new(session));
        let control = options.control.clone();
        if let Some(control) = &control {
            let wake_ctx = ctx.clone();
            control.wake_with(move || wake_ctx.request_repaint_of(ViewportId::ROOT));
        }
        Self {
            console: console::Console::new(Arc::clone(&session)),
            session,
            options,
            window_title: String::new(),
            keyed: Vec::new(),
            language: None,
            quit_requests: 0,
            awake: awake::TalkAwake::default(),
            reload_seen: None,
            problems_collapsed: false,
            held_pointer: None,
            overview_scroll: overview::Scroll::default(),
            prefetch: Prefetch::default(),
            control,
            started: Instant::now(),
            transitions,
        }
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// Index of the slide on screen, if a deck is shown.
    pub fn current_slide(&self) -> Option<usize> {
        self.session().show().map(|show| show.nav.slide_index())
    }

    pub fn blank(&self) -> Option<Blank> {
        self.session().state.view.blank
    }

    /// The code of the language shown, as of the last frame.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    pub fn layout_debug(&self) -> bool {
        self.session().state.view.layout_debug
    }

    /// Whether the desktop keeps the display awake for this talk ([`awake`]).
    pub fn keeps_display_awake(&self) -> bool {
        self.awake.held()
    }

    pub fn console_open(&self) -> bool {
        self.session().state.view.console_open
    }

    pub fn notes_size(&self) -> f32 {
        self.session().state.view.notes_size
    }

    /// Seconds of talk so far, on egui's clock.
    pub fn elapsed(&self, ctx: &egui::Context) -> f64 {
        self.session().state.timer.elapsed(ctx.input(|i| i.time))
    }

    /// The texture cache's counts (for tests and the benchmark log).
    pub fn image_stats(&self) -> crate::media::CacheStats {
        self.session().image_stats()
    }

    /// What the images of the last painted slide looked like.
    pub fn last_frame_images(&self) -> FrameImages {
        self.session().last_frame_images()
    }

    /// Pictures that could not be shown so far (each said once on stderr).
    pub fn unshowable_images(&self) -> usize {
        self.session().unshowable_images()
    }

    pub fn quit_requests(&self) -> usize {
        self.quit_requests
    }

    pub fn source(&self) -> DeckSource {
        self.session().source().clone()
    }

    /// The overview's selected slide while it is open.
    pub fn overview_selection(&self) -> Option<usize> {
        self.session().state.view.overview
    }

    /// How many slide layouts were made so far (the overview lays out only what is in view).
    pub fn overview_laid_out(&self) -> usize {
        self.session().layouts_made()
    }

    /// The slides a transition runs between (deck indices), while one runs.
    pub fn transition(&self) -> Option<(usize, usize)> {
        self.transitions.running().map(|r| (r.from.0, r.to.0))
    }

    /// Where the laser pointer is on the slide (slide units), if it shows.
    pub fn pointer(&self) -> Option<egui::Pos2> {
        self.session().state.view.pointer
    }

    /// Applies one command through the session and carries out its effects on the windows.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let env = env(ctx);
        if command.navigates() {
            self.transitions.interrupt();
        }
        let effects = self.session().apply(command, env);
        self.carry_out(ctx, effects);
    }

    fn carry_out(&mut self, ctx: &egui::Context, effects: Effects) {
        if let Some(fullscreen) = effects.fullscreen {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(fullscreen));
            if !fullscreen && std::mem::take(&mut self.options.opens_fullscreen) {
                // Opened fullscreen, the window has no border and the screen's size
                // (`window::fullscreen_from_first_frame`); the first time it leaves
                // fullscreen it becomes an ordinary window.
                ctx.send_viewport_cmd(ViewportCommand::Decorations(true));
                ctx.send_viewport_cmd(ViewportCommand::InnerSize(crate::window::WINDOW_SIZE.into()));
            }
        }
        if effects.swap_screens {
            self.swap_screens(ctx);
        }
        if let Some(size) = effects.save_notes_size
            && let Err(err) = console::save_notes_size(self.options.settings_dir.as_deref(), size)
        {
            self.session().log(&err);
        }
        if effects.quit {
            self.quit(ctx);
        }
    }

    /// A link clicked on the slide: a slide link shows that slide (complete, as a jump from
    /// the overview does); a web link opens in the system's browser.
    fn follow(&mut self, ctx: &egui::Context, session: &mut Session, link: crate::deck::text::Link) {
        match link {
            crate::deck::text::Link::Slide(id) => {
                if let Some(index) = session.deck().and_then(|deck| deck.slide_by_id(&id)) {
                    let _ = session.apply(Command::Visit(index), env(ctx));
                }
            }
            crate::deck::text::Link::Web(url) => {
                session.log(&format!("opening {url} in the browser"));
                (self.options.open_link)(&url);
            }
        }
    }

    fn quit(&mut self, ctx: &egui::Context) {
        self.quit_requests += 1;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// Puts the audience window where the console is and the console where the audience
    /// was: by monitor when they were given, else by window position.
    fn swap_screens(&mut self, ctx: &egui::Context) {
        let console_id = console::viewport_id();
        if let (Some(audience), Some(console)) = (self.options.audience_monitor, self.options.console_monitor) {
            self.options.audience_monitor = Some(console);
            self.options.console_monitor = Some(audience);
            ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::SetMonitor(console));
            ctx.send_viewport_cmd_to(console_id, ViewportCommand::SetMonitor(audience));
            return;
        }
        let audience = ctx.input_for(ViewportId::ROOT, |i| i.viewport().outer_rect);
        let console = ctx.input_for(console_id, |i| i.viewport().outer_rect);
        if let (Some(audience), Some(console), true) = (audience, console, self.console_open()) {
            ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::OuterPosition(console.min));
            ctx.send_viewport_cmd_to(console_id, ViewportCommand::OuterPosition(audience.min));
        }
    }

    /// The window title and the language, as the show now is.
    fn update_title(&mut self, ctx: &egui::Context) {
        let language = self.session().show().map(|show| show.language().to_owned());
        self.language = language;
        // Fullscreen, no title bar shows the position, and a changed title costs a frame
        // (egui repaints after any viewport command), so it names the deck only.
        let fullscreen = env(ctx).fullscreen;
        let title = match self.session().show() {
            Some(show) if fullscreen => format!("{} — Lectern", crate::session::deck_title(&show.deck, show.lang)),
            Some(show) => {
                let title = crate::session::deck_title(&show.deck, show.lang);
                format!("{title} — {}/{} — Lectern", show.nav.number(), show.nav.count())
            }
            None => "Lectern".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The images of the slides around the current one, requested once this one is complete.
    fn plan_prefetch(&mut self, session: &mut Session, ctx: &egui::Context, transform: &SlideTransform) {
        let Some(show) = session.show() else { return };
        let key =
            LayoutKey::new(show.generation, show.nav.slide_index(), show.lang, transform.scale, ctx.pixels_per_point());
        if self.prefetch.made_for == Some(key) {
            return;
        }
        let mut walkers = [(show.nav.clone(), Move::NextSlide), (show.nav.clone(), Move::PreviousSlide)];
        let mut wanted = Vec::new();
        // The next and previous slides, then the ones after and before them.
        for _ in 0..PREFETCH_SLIDES {
            for (walker, movement) in &mut walkers {
                if walker.apply(*movement) {
                    wanted.extend(session.images_wanted(ctx, walker.slide_index(), transform));
                }
            }
        }
        self.prefetch = Prefetch { made_for: Some(key), wanted };
    }

    /// The audience's slide (or a blank screen), its counter, progress bar and pointer.
    fn slide_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, area: Rect) {
        let ctx = ui.ctx().clone();
        let Some(show) = session.show() else { return };
        let transform = SlideTransform::letterbox(show.deck.canvas, area);
        if let Some(blank) = session.state.view.blank {
            let color = if blank == Blank::Black { Color32::BLACK } else { Color32::WHITE };
            ui.painter().rect_filled(area, 0.0, color);
            crate::session::label_area(ui, area, "blank-screen", "Screen blanked");
            return;
        }
        let (slide, step) = (show.nav.slide_index(), show.nav.step());
        let style = SlideStyle {
            step: Some(step),
            debug: session.state.view.layout_debug,
            labels: Some("slide-text"),
            links: true,
            on_clear: true,
            ..SlideStyle::default()
        };
        let deck = Arc::clone(&show.deck);
        let running = self.transitions.frame(&deck, slide, step, ctx.input(|i| i.time));
        if running.is_some_and(|r| r.kind == crate::timing::TransitionKind::Slide) {
            // Slides moving across leave the whole window to fill.
            ui.painter().rect_filled(area, 0.0, Color32::BLACK);
        } else {
            crate::paint::letterbox_bars(ui.painter(), area, transform.slide_rect, Color32::BLACK);
        }
        match running {
            Some(running) => {
                let progress = running.progress(ctx.input(|i| i.time));
                let (from, to) = ((running.from.0, Some(running.from.1)), (running.to.0, Some(running.to.1)));
                session.paint_transition(ui, from, to, (running.kind, running.backwards), progress, transform, style);
                // Frames only while it runs, as often as the renderer affords.
                ctx.request_repaint_after(session.transition_frame_interval());
            }
            None => {
                if let Some(link) = session.paint_slide(ui, slide, transform, style) {
                    self.follow(&ctx, session, link);
                }
            }
        }
        self.plan_prefetch(session, &ctx, &transform);
        chrome::counter_ui(ui, session, &transform);
        // The pointer key held over this window points where the mouse is.
        let held = chrome::held_pointer(ui, &transform);
        if held != self.held_pointer {
            self.held_pointer = held;
            let _ = session.apply(Command::PointAt(held), env(&ctx));
        }
        chrome::pointer_ui(ui, session.state.view.pointer, &transform);
    }

    /// Frees textures over the budget, and reports the frame to the benchmark options.
    fn end_slide_frame(&mut self, session: &mut Session, ctx: &egui::Context) {
        let images = session.end_frame(ctx);
        if session.unshowable_images() > 0 {
            self.options.problems_seen.store(true, Ordering::Relaxed);
        }
        // Sent from here, this frame: the requests need no frame of their own.
        if images.missing == 0 && !self.prefetch.wanted.is_empty() {
            session.prefetch(&std::mem::take(&mut self.prefetch.wanted));
        }
        let complete = images.missing == 0 && images.fading == 0 && session.state.view.blank.is_none();
        if self.options.exit_after_first_frame && complete && session.show().is_some() && self.quit_requests == 0 {
            session.log(&format!("first complete frame is frame {}; exiting", session.frames()));
            self.quit(ctx);
        }
    }
}

impl eframe::App for LecternApp {
    /// The backdrop of the slide shown last, so the slide does not fill it again
    /// ([`Session::clear_colour`]); the overview and a blank screen paint over all of it.
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.session().clear_colour().to_normalized_gamma_f32()
    }

    /// Takes the bound keys out of the audience window's input; `logic` applies them. egui
    /// draws one more frame after any frame with input events, for widgets to settle, so a
    /// key press and its release drew four frames. This window has no widget that keys or
    /// typed text move (the pointer key, held, stays for egui to track), so two are left: the
    /// press, which shows the next slide, and the release, which winit always wakes for.
    /// The console's viewport passes through here too; its keys stay in its own input, where
    /// it reads them and wakes this window.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if raw_input.viewport_id == ViewportId::ROOT {
            self.keyed.extend(bindings::take_bound_keys(&mut raw_input.events));
        }
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let reload = {
            let shared = Arc::clone(&self.session);
            let mut session = lock(&shared);
            session.poll(ctx)
        };
        if let Some(Reload::Shown { first_seen, .. } | Reload::Refused { first_seen }) = reload {
            self.reload_seen = Some(first_seen);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_owned()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(path) = dropped.first() {
            self.session().open(ctx, path);
        }
        // Keys pressed in the console come here too, so both windows agree.
        let keyed = std::mem::take(&mut self.keyed);
        let commands = keyed.into_iter().chain(ctx.input(bindings::commands_from_input)).chain(self.console.commands());
        for command in commands.collect::<Vec<_>>() {
            self.apply(ctx, command);
        }
        self.serve_control(ctx);
        self.update_title(ctx);
        if self.options.keep_awake {
            let talking = env(ctx).fullscreen || self.session().state.view.console_open;
            if self.awake.must_change(talking) {
                let log = self.session().log_sink();
                self.awake.follow(talking, &log);
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let area = ui.max_rect();
        let ctx = ui.ctx().clone();
        // The overview is drawn here unless the presenter console is open (then it is there).
        let overview_here = {
            let view = &self.session().state.view;
            view.overview.filter(|_| !view.console_open)
        };
        if overview_here.is_none() {
            // A click moves before this frame paints, so the room never sees a stale slide.
            let response = ui.interact(area, Id::unique("slide-area"), Sense::click());
            if response.clicked() {
                self.apply(&ctx, Command::Next);
            } else if response.secondary_clicked() {
                self.apply(&ctx, Command::Previous);
            }
        }
        let mut picked = None;
        let with_deck = {
            let shared = Arc::clone(&self.session);
            let mut session = lock(&shared);
            if let Some(selected) = overview_here.filter(|_| session.show().is_some()) {
                picked = overview::grid_ui(ui, &mut session, selected, &mut self.overview_scroll);
                self.end_slide_frame(&mut session, &ctx);
            } else if session.show().is_some() {
                self.slide_ui(ui, &mut session, area);
                self.end_slide_frame(&mut session, &ctx);
            } else {
                ui.painter().rect_filled(area, 0.0, Color32::from_rgb(0x20, 0x22, 0x28));
            }
            chrome::typed_number_ui(&ctx, &session.state.view.typed);
            if session.state.view.help {
                chrome::help_ui(&ctx);
            }
            if let Some(problems) = session.problems() {
                let on_screen = session.show().is_some();
                if chrome::problems_ui(&ctx, area, problems, on_screen, self.problems_collapsed) {
                    self.problems_collapsed = !self.problems_collapsed;
                }
            }
            session.show().is_some()
        };
        if let Some(command) = picked {
            self.apply(&ctx, command);
        }
        // Not while the session is locked: an embedded console draws right here.
        if with_deck && self.console_open() {
            self.console.show(&ctx, &self.window_title, self.options.console_monitor, self.options.talk_seconds);
        }
        if let Some(seen) = self.reload_seen.take()
            && std::env::var_os("LECTERN_LOG_RELOAD").is_some()
        {
            // Measured by scripts/reload-latency.sh: from the file event to this frame.
            let ms = seen.elapsed().as_secs_f64() * 1000.0;
            self.session().log(&format!("reload drawn {ms:.1} ms after the save"));
        }
        // A click, an overview pick or a link moved the show during this pass.
        self.publish_control(&ctx);
    }
}
