//! One session under every window: the deck and where it came from, the show's state
//! ([`State`]: navigation, language, blanking, timer, overview), the problems of the last
//! load, and the resources every window draws with: the image cache (one set of decode
//! threads, one texture budget), the one layout cache, the installed fonts and live reload.
//!
//! The presenter's audience window, its console and the exhibit are modes over a session:
//! they turn input into [`Command`]s, [`Session::apply`] changes the state in one place, and
//! they paint what the session lays out with [`Session::paint_slide`]. Nothing a window does
//! is written twice. What a reload means differs by mode, so [`Session::poll`] reports it and
//! the mode decides (the presenter shows problems in a panel, the exhibit logs them).

pub mod command;
pub mod layouts;
pub mod problems;
pub mod reload;
pub mod state;
mod transition;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use egui::{Color32, Id, Rect, Role, Sense, WidgetInfo};

pub use command::Command;
pub use layouts::{LayoutCache, LayoutKey};
pub use problems::Problems;
pub use reload::{DeckSource, Refused, ReloadBurst, Reloader, WatchNote, language_or_refuse};
pub use state::{Blank, Effects, Env, Show, State, ViewState};

use crate::deck::text::Link;
use crate::deck::{Deck, Lang, LoadError, Loaded, Report, Room};
use crate::fonts::measure::EguiMeasurer;
use crate::layout::{SlideLayout, layout_slide};
use crate::logging::LogSink;
use crate::media::{CacheStats, FrameImages, ImageCache};
use crate::paint::{self, PaintContext, SlideTransform};

/// How a session is set up by its mode.
pub struct SessionOptions {
    /// Texture memory kept for images, in bytes.
    pub image_budget_bytes: u64,
    /// Laid-out slides kept (the overview needs a screenful of thumbnails; the exhibit only
    /// the current, next and previous slides).
    pub layouts_kept: usize,
    pub log: LogSink,
    /// Log one line per frame (the slide and its images), for the measurement scripts.
    pub log_frames: bool,
    pub view: ViewState,
    /// Which slides are shown: a deck's `room: Exhibit` slides are not in a talk, and its
    /// `room: Lecture` slides are not in the exhibit.
    pub room: Room,
}

impl Default for SessionOptions {
    fn default() -> Self {
        Self {
            image_budget_bytes: crate::media::DEFAULT_BUDGET_BYTES,
            layouts_kept: 64,
            log: crate::logging::facade(),
            log_frames: false,
            view: ViewState::default(),
            room: Room::Lecture,
        }
    }
}

/// What a poll found: a reload burst and how it went.
pub enum Reload {
    /// The new deck is shown, at the same place; it loaded with these warnings.
    Shown { warnings: Report, first_seen: Instant },
    /// It cannot be shown: the last good deck (if any) stays, with [`Session::problems`].
    Refused { first_seen: Instant },
}

/// How [`Session::paint_slide`] draws.
#[derive(Clone, Copy, Debug)]
pub struct SlideStyle<'a> {
    /// The reveal step to draw up to; `None`: the slide complete.
    pub step: Option<usize>,
    /// Outline every box and mark shrunk text (the layout debug view).
    pub debug: bool,
    pub opacity: f32,
    /// Leave out an image that cannot be shown and log why once, instead of drawing a
    /// placeholder that names the file (for visitors, who must never see an error).
    pub leave_out_failed: bool,
    /// Expose the slide's texts to accessibility under this id salt (one window only, so
    /// every label is there once).
    pub labels: Option<&'a str>,
    /// Cut off what overflows the slide (a thumbnail, a preview). A full-screen slide is not
    /// clipped, so the layout debug view shows text running past its edge.
    pub clip: bool,
    /// Make the slide's links clickable ([`Session::paint_slide`] returns the one clicked).
    pub links: bool,
    /// Leave out the backdrop (the first item): a crossfade painted it once for both slides.
    pub without_backdrop: bool,
    /// The main window's slide, drawn over the frame's clear colour
    /// ([`Session::clear_colour`]): a backdrop of that colour is already there.
    pub on_clear: bool,
}

impl Default for SlideStyle<'_> {
    fn default() -> Self {
        Self {
            step: None,
            debug: false,
            opacity: 1.0,
            leave_out_failed: false,
            labels: None,
            clip: false,
            links: false,
            without_backdrop: false,
            on_clear: false,
        }
    }
}

impl SlideStyle<'_> {
    /// A preview inside a larger window: clipped to its rectangle.
    pub fn clipped() -> Self {
        Self { clip: true, ..Self::default() }
    }
}

pub struct Session {
    source: DeckSource,
    pub state: State,
    problems: Option<Problems>,
    images: ImageCache,
    layouts: LayoutCache,
    installed_font: crate::fonts::DeckFonts,
    reload: Reloader,
    log: LogSink,
    log_frames: bool,
    frames: u64,
    last_frame_images: FrameImages,
    /// Images already reported as missing or broken (each is logged once, not every loop).
    logged_failures: HashSet<PathBuf>,
    /// Reloads (a save, show control) that could not be shown.
    reload_failures: u64,
    /// What a frame of an animation costs, which spaces a transition's frames.
    frame_cost: crate::timing::pacing::FrameCost,
    /// The colour the main window was cleared to for this frame, and the one for the next:
    /// the solid backdrop of the slide it shows, so that slide's backdrop costs no fill.
    clear: std::cell::Cell<Color32>,
    next_clear: Color32,
    /// The room whose slides are shown ([`SessionOptions::room`]).
    room: Room,
    /// The deck on screen before the room's choice ([`Self::deck_as_loaded`]).
    loaded: Option<Arc<Deck>>,
}

impl Session {
    /// A session on an already attempted load (so a broken deck still opens a window that
    /// explains what is wrong). `wake` asks every window of the session to draw again; it is
    /// called from the decode and watcher threads.
    pub fn new(
        ctx: &egui::Context,
        source: DeckSource,
        initial: Result<Loaded, LoadError>,
        options: SessionOptions,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        let decoded = Arc::clone(&wake);
        let images = ImageCache::new(source.assets(), options.image_budget_bytes, move || decoded());
        ctx.set_fonts(crate::fonts::definitions(&crate::fonts::DeckFonts::default()));
        let mut session = Self {
            source,
            state: State::new(options.view),
            problems: None,
            images,
            layouts: LayoutCache::new(options.layouts_kept),
            installed_font: crate::fonts::DeckFonts::default(),
            reload: Reloader::new(wake),
            log: options.log,
            log_frames: options.log_frames,
            frames: 0,
            last_frame_images: FrameImages::default(),
            logged_failures: HashSet::new(),
            reload_failures: 0,
            frame_cost: crate::timing::pacing::FrameCost::default(),
            clear: std::cell::Cell::new(Color32::BLACK),
            next_clear: Color32::BLACK,
            room: options.room,
            loaded: None,
        };
        session.accept(ctx, initial, false);
        session.watch();
        session
    }

    pub fn log(&self, line: &str) {
        (self.log)(line);
    }

    /// Where this session's log lines go, for a part of a window that logs on its own.
    pub fn log_sink(&self) -> LogSink {
        Arc::clone(&self.log)
    }

    pub fn source(&self) -> &DeckSource {
        &self.source
    }

    pub fn show(&self) -> Option<&Show> {
        self.state.show.as_ref()
    }

    pub fn deck(&self) -> Option<&Arc<Deck>> {
        self.show().map(|show| &show.deck)
    }

    /// The deck on screen as it was loaded, with the other room's slides too (what a copy
    /// of its files must hold).
    pub fn deck_as_loaded(&self) -> Option<&Arc<Deck>> {
        self.loaded.as_ref()
    }

    /// Why the last load failed: shown over the last good deck, or alone when there is none.
    pub fn problems(&self) -> Option<&Problems> {
        self.problems.as_ref()
    }

    /// Applies one command to the show (see [`State::apply`]).
    pub fn apply(&mut self, command: Command, env: Env) -> Effects {
        self.state.apply(command, env)
    }

    /// Takes what the background threads finished: decoded images, and a reload of the deck
    /// after its files changed (a good deck replaces the shown one at the same place).
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Reload> {
        self.images.poll(ctx);
        let burst = self.reload.take(&self.source)?;
        self.images.invalidate(&burst.changed);
        for path in &burst.changed {
            self.logged_failures.remove(path);
        }
        let outcome = match burst.result {
            Ok(loaded) => {
                let warnings = loaded.warnings.clone();
                self.accept(ctx, Ok(loaded), true);
                Reload::Shown { warnings, first_seen: burst.first_seen }
            }
            Err(err) => {
                self.accept(ctx, Err(err), true);
                Reload::Refused { first_seen: burst.first_seen }
            }
        };
        self.watch();
        Some(outcome)
    }

    /// Reloads (a save, show control) that could not be shown since the start.
    pub fn reload_failures(&self) -> u64 {
        self.reload_failures
    }

    /// Loads the deck again from where it came from, as a save would (show control's
    /// reload): a good deck replaces the shown one at the same place, with every image read
    /// again; a broken one leaves it up, with its problems.
    pub fn reload_in_place(&mut self, ctx: &egui::Context) -> Reload {
        let first_seen = Instant::now();
        let result = self.source.load();
        let known: Vec<PathBuf> = self.logged_failures.drain().collect();
        let shown: Vec<PathBuf> = match &result {
            Ok(loaded) => loaded
                .deck
                .slides
                .iter()
                .flat_map(|s| s.content.images())
                .flat_map(|i| {
                    std::iter::once(i.path.resolved.clone())
                        .chain(i.by_language.iter().map(|(_, path, _)| path.resolved.clone()))
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        self.images.invalidate(&[known, shown].concat());
        let outcome = match &result {
            Ok(loaded) => Reload::Shown { warnings: loaded.warnings.clone(), first_seen },
            Err(_) => Reload::Refused { first_seen },
        };
        self.accept(ctx, result, true);
        self.watch();
        outcome
    }

    /// Opens another deck file (dropped on the window). A deck that cannot be shown leaves
    /// the current one up, with its problems.
    pub fn open(&mut self, ctx: &egui::Context, path: &Path) {
        let source = DeckSource::File(path.to_owned());
        let result = source.load();
        if result.is_ok() {
            self.images.set_assets(source.assets());
            self.source = source;
        }
        self.accept(ctx, result, false);
        self.watch();
    }

    /// Takes the result of a load: a good deck replaces the shown one; problems are kept
    /// (and the last good deck stays).
    fn accept(&mut self, ctx: &egui::Context, result: Result<Loaded, LoadError>, keep_place: bool) {
        match result {
            Ok(loaded) => {
                self.install_font(ctx, &loaded.deck);
                self.loaded = Some(Arc::clone(&loaded.deck));
                self.state.show_deck(Deck::in_room(loaded.deck, self.room), keep_place);
                if let Some(show) = self.show() {
                    self.layouts.retain_generation(show.generation);
                }
                self.problems = None;
            }
            Err(err) => {
                self.reload_failures += u64::from(keep_place);
                self.problems = Some(Problems::of(&err));
            }
        }
    }

    /// Installs the deck's fonts (its own family, installed faces for characters nothing
    /// embedded has) when they differ from the ones installed.
    fn install_font(&mut self, ctx: &egui::Context, deck: &Deck) {
        let fonts = crate::fonts::DeckFonts::for_deck(deck);
        if fonts != self.installed_font {
            ctx.set_fonts(crate::fonts::definitions(&fonts));
            self.installed_font = fonts;
        }
    }

    /// Starts (or keeps) watching the deck's files on disk, so saves show at once.
    fn watch(&mut self) {
        let deck = self.state.show.as_ref().map(|show| Arc::clone(&show.deck));
        match self.reload.watch(&self.source, deck.as_deref()) {
            // Said once per deck: edits then take up to the poll interval to show.
            Some(WatchNote::Polling(path)) => {
                self.log(&format!("no file events here; checking {} for changes by polling", path.display()));
            }
            // The deck still shows, only without live reload.
            Some(WatchNote::Failed(path, err)) => {
                self.log(&format!("cannot watch {} for changes ({err}); it will not reload", path.display()));
            }
            None => {}
        }
    }

    /// The layout of deck slide `slide` in `lang` at `scale` screen points per slide unit.
    pub fn layout_at(&mut self, ctx: &egui::Context, slide: usize, lang: Lang, scale: f32) -> Option<Arc<SlideLayout>> {
        let show = self.state.show.as_ref()?;
        let deck = &show.deck;
        let content = deck.slides.get(slide)?;
        let key = LayoutKey::new(show.generation, slide, lang, scale, ctx.pixels_per_point());
        Some(self.layouts.get_or_make(key, || layout_slide(deck, content, lang, &EguiMeasurer { ctx, scale })))
    }

    /// The layout of deck slide `slide` in the language shown, for `transform`.
    pub fn layout(
        &mut self,
        ctx: &egui::Context,
        slide: usize,
        transform: &SlideTransform,
    ) -> Option<Arc<SlideLayout>> {
        let lang = self.state.lang()?;
        self.layout_at(ctx, slide, lang, transform.scale)
    }

    /// Every image deck slide `slide` draws at `transform`, with the pixel size painting will
    /// ask for (so a prefetch or a readiness check names the same decode).
    pub fn images_wanted(
        &mut self,
        ctx: &egui::Context,
        slide: usize,
        transform: &SlideTransform,
    ) -> Vec<(PathBuf, [f32; 2])> {
        let Some(layout) = self.layout(ctx, slide, transform) else { return Vec::new() };
        paint::images_wanted(&layout.items, transform, ctx.pixels_per_point())
            .map(|(path, size)| (path.to_owned(), size))
            .collect()
    }

    /// Whether every image of deck slide `slide` is on the GPU at `transform`; requests the
    /// missing ones. An image that cannot load counts as ready (the slide shows without it).
    pub fn slide_ready(&mut self, ctx: &egui::Context, slide: usize, transform: &SlideTransform) -> bool {
        let mut ready = true;
        for (path, size) in self.images_wanted(ctx, slide, transform) {
            ready &= self.images.ready(&path, size);
        }
        ready
    }

    /// Asks for the images of deck slide `slide` ahead of time, behind what is on screen.
    pub fn prefetch(&mut self, wanted: &[(PathBuf, [f32; 2])]) {
        for (path, size) in wanted {
            self.images.prefetch(path, *size);
        }
    }

    /// Lays out (cached) and paints deck slide `slide` in the language shown. Returns the
    /// link clicked, if `style.links` and one was.
    pub fn paint_slide(
        &mut self,
        ui: &egui::Ui,
        slide: usize,
        transform: SlideTransform,
        style: SlideStyle<'_>,
    ) -> Option<Link> {
        let layout = self.layout(ui.ctx(), slide, &transform)?;
        let mut painter = ui.painter().clone();
        if style.clip {
            painter.set_clip_rect(transform.slide_rect.intersect(ui.clip_rect()));
        }
        let backdrop = layout.solid_backdrop();
        if style.on_clear {
            // The last slide the main window paints in a frame is the one it shows next.
            self.next_clear = backdrop.unwrap_or(Color32::BLACK);
        }
        let style =
            SlideStyle { without_backdrop: style.without_backdrop || self.cleared_to(backdrop, &style), ..style };
        if layout.translucent_backdrop() && !style.without_backdrop {
            // Windows fill only the bars around a slide; this one shows what is under it.
            painter.rect_filled(transform.slide_rect, 0.0, egui::Color32::BLACK.gamma_multiply(style.opacity));
        }
        painter.multiply_opacity(style.opacity);
        let mut failed = Vec::new();
        let mut cx = PaintContext {
            painter: &painter,
            transform,
            images: &mut self.images,
            pixels_per_point: ui.ctx().pixels_per_point(),
            debug: style.debug,
            failed: &mut failed,
            placeholders: !style.leave_out_failed,
        };
        let painted = paint::paint(layout.visible(style.step).skip(usize::from(style.without_backdrop)), &mut cx);
        if let Some(salt) = style.labels {
            for (i, (rect, text)) in painted.texts.into_iter().enumerate() {
                let response = ui.interact(rect, Id::unique((salt, slide, i)), Sense::hover());
                response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &text));
            }
        }
        let mut clicked = None;
        if style.links {
            for (i, (rect, link)) in painted.links.into_iter().enumerate() {
                let response = ui.interact(rect, Id::unique(("slide-link", slide, i)), Sense::click());
                let label = match &link {
                    Link::Web(url) => format!("Link to {url}"),
                    Link::Slide(id) => format!("Link to slide {id}"),
                };
                response.widget_info(|| WidgetInfo::labeled(Role::Link, true, &label));
                if response.hovered() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
                if response.clicked() {
                    clicked = Some(link);
                }
            }
        }
        // Each picture that cannot be shown is said once, in every mode (the presenter's
        // terminal, the exhibit's log), and counts as a problem of the deck.
        for (path, reason) in failed {
            if self.logged_failures.insert(path.clone()) {
                let what = if style.leave_out_failed { "is left out of the show" } else { "cannot be shown" };
                self.log(&format!("image {} {what}: {reason}", path.display()));
            }
        }
        clicked
    }

    /// Pictures that could not be shown so far (each named in the log once); a reload that
    /// touches a file tries it again.
    pub fn unshowable_images(&self) -> usize {
        self.logged_failures.len()
    }

    /// The image cache, for painters that draw outside a slide (the overview's thumbnails).
    pub fn images(&mut self) -> &mut ImageCache {
        &mut self.images
    }

    /// Ends a frame of the main window: frees textures over the budget, remembers how its
    /// images looked, and logs the frame for the measurement scripts.
    pub fn end_frame(&mut self, ctx: &egui::Context) -> FrameImages {
        let images = self.images.end_frame(ctx);
        self.last_frame_images = images;
        self.frames += 1;
        // Without the process's CPU clock (platform), frames are not paced by their cost.
        if let Some(cpu) = crate::platform::process_cpu_seconds() {
            let decoding = self.images.stats().decode_seconds;
            self.frame_cost.frame_ended(ctx.input(|i| i.time), cpu - decoding);
        }
        if self.log_frames {
            // A measurement line for the scripts, not a log message: always bare on stderr
            // (the exhibit's log would timestamp it).
            let stats = self.images.stats();
            let slide = self.show().map_or(0, |show| show.nav.number());
            let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            eprintln!(
                "lectern: frame {} slide {slide} images {} missing {} textures {} bytes {} at {} ms",
                self.frames,
                images.wanted,
                images.missing,
                stats.textures,
                stats.texture_bytes,
                at.as_millis()
            );
            if std::env::var_os("LECTERN_REPAINT_CAUSES").is_some() {
                eprintln!("  causes: {:?}", ctx.repaint_causes());
            }
        }
        images
    }

    /// The colour to clear the main window to for the frame about to be drawn (eframe's
    /// `App::clear_color`, asked before the frame): the backdrop of the slide it showed last.
    /// A slide of that backdrop is then drawn without filling it again.
    pub fn clear_colour(&self) -> Color32 {
        self.clear.set(self.next_clear);
        self.next_clear
    }

    /// Whether `backdrop` is already on screen for a slide drawn in `style`: the main window,
    /// fully opaque, over a frame cleared to that colour.
    fn cleared_to(&self, backdrop: Option<Color32>, style: &SlideStyle<'_>) -> bool {
        style.on_clear && style.opacity >= 1.0 && backdrop.is_some_and(|colour| colour == self.clear.get())
    }

    /// The wait before a transition's next frame: as often as the renderer affords
    /// ([`crate::timing::pacing`]).
    pub fn transition_frame_interval(&self) -> std::time::Duration {
        self.frame_cost.next_transition_frame()
    }

    /// Frames of the main window drawn so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// What the images of the main window's last frame looked like.
    pub fn last_frame_images(&self) -> FrameImages {
        self.last_frame_images
    }

    pub fn image_stats(&self) -> CacheStats {
        self.images.stats()
    }

    /// Laid-out slides kept now, and made since the start.
    pub fn layouts_kept(&self) -> usize {
        self.layouts.len()
    }

    pub fn layouts_made(&self) -> usize {
        self.layouts.made()
    }
}

/// The deck's title as plain text in `lang`, for window titles.
pub fn deck_title(deck: &Deck, lang: Lang) -> String {
    crate::deck::text::plain_text(deck.title.get(lang))
}

/// Locks a session shared by several windows; a panic elsewhere while it was held leaves it
/// usable, not poisoned (a show must go on).
pub fn lock(session: &std::sync::Mutex<Session>) -> std::sync::MutexGuard<'_, Session> {
    session.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Paints a full-window label that accessibility (and the tests) can find.
pub fn label_area(ui: &egui::Ui, rect: Rect, salt: &str, text: &str) {
    ui.interact(rect, Id::unique(salt), Sense::hover()).widget_info(|| WidgetInfo::labeled(Role::Label, true, text));
}
