//! The window: an `eframe::App` that presents one deck.
//!
//! `logic` drains background results (decoded images), turns input into [`Command`]s and
//! applies them in one place; `ui` lays out the current slide (cached) and paints it. Nothing
//! here asks for continuous repaints: egui repaints on input, and the image workers wake
//! the UI when a decode finishes, so a static slide costs no frames.
//!
//! Renderer: eframe's `glow` (OpenGL) backend. On software GL it was measured at ~9 ms of CPU
//! per frame against ~41 ms for wgpu, builds in half the time and makes a third of the
//! binary; slides are simple 2D, so wgpu's extra features buy nothing here.

pub mod command;
pub mod console;
pub mod kiosk;
pub mod overview;
pub mod paint;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use egui::{
    Align2, Color32, FontId, Id, Rect, RichText, Role, Sense, ViewportCommand, ViewportId, WidgetInfo, pos2, vec2,
};

use crate::bundled::{self, BundledAssets};
use crate::deck::navigation::{Move, Navigator, index_after_reload};
use crate::deck::text::plain_text;
use crate::deck::{AssetSource, Deck, DiskAssets, FontFiles, LoadError, LoadOptions, Loaded};
use crate::layout::{SlideLayout, layout_slide};
use crate::media::{DEFAULT_BUDGET_BYTES, FrameImages, ImageCache};
use crate::watch::{Change, FileWatcher};
pub use command::{BINDINGS, Command};
use paint::{EguiMeasurer, PaintContext, SlideTransform};

/// Where the deck comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckSource {
    /// The chairmanship deck embedded in the binary.
    Bundled,
    File(PathBuf),
}

impl DeckSource {
    pub fn path(&self) -> PathBuf {
        match self {
            DeckSource::Bundled => PathBuf::from(bundled::DECK_PATH),
            DeckSource::File(path) => path.clone(),
        }
    }

    pub fn assets(&self) -> Arc<dyn AssetSource> {
        match self {
            DeckSource::Bundled => Arc::new(BundledAssets),
            DeckSource::File(_) => Arc::new(DiskAssets),
        }
    }

    pub fn load(&self) -> Result<Loaded, LoadError> {
        crate::deck::load(&self.path(), self.assets().as_ref(), &LoadOptions::default())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    Black,
    White,
}

/// The deck being shown and where the presenter is in it.
struct Presentation {
    deck: Arc<Deck>,
    nav: Navigator,
    /// Index into `deck.languages`.
    language: usize,
}

impl Presentation {
    fn new(deck: Arc<Deck>) -> Self {
        Self { nav: Navigator::new(&deck), deck, language: 0 }
    }

    fn language(&self) -> &str {
        &self.deck.languages[self.language.min(self.deck.languages.len() - 1)]
    }
}

/// What the presenter has switched on or typed; independent of the deck.
#[derive(Debug, Default)]
struct ViewState {
    help: bool,
    blank: Option<Blank>,
    /// Digits of a slide number typed so far.
    typed: String,
    show_counter: bool,
    show_progress: bool,
    layout_debug: bool,
}

/// A deck loaded again on the watcher's thread after its files changed.
struct Reloaded {
    change: Change,
    /// Which deck it is, so a result for a deck that was since replaced is ignored.
    source: DeckSource,
    result: Result<Loaded, LoadError>,
}

/// Every reload that arrived since the last frame, taken together: only the newest load of
/// the current deck counts, and the files of the whole burst are invalidated.
struct ReloadBurst {
    changed: Vec<PathBuf>,
    first_seen: Instant,
    result: Result<Loaded, LoadError>,
}

impl ReloadBurst {
    fn take(changes: &Receiver<Reloaded>, source: &DeckSource) -> Option<Self> {
        let reloads: Vec<Reloaded> = changes.try_iter().filter(|r| r.source == *source).collect();
        let first_seen = reloads.iter().map(|r| r.change.first_seen).min()?;
        let mut changed: Vec<PathBuf> = reloads.iter().flat_map(|r| r.change.files.iter().cloned()).collect();
        changed.sort();
        changed.dedup();
        let result = reloads.into_iter().last()?.result;
        Some(Self { changed, first_seen, result })
    }
}

/// A failed load, rendered once for display.
struct Problems {
    /// The deck that has problems; `None` when the file could not be read at all.
    deck: Option<PathBuf>,
    text: String,
    /// What the folded badge says, e.g. "2 errors, 0 warnings".
    badge: String,
}

/// How many slides ahead and behind have their images decoded before they are shown.
const PREFETCH_SLIDES: usize = 2;

/// Images of the neighbouring slides, requested on the frame after the current slide was
/// first drawn: by then the current slide's own requests are at the front of the decode
/// queue, and the first frame after launch or a jump is not slowed by decoding on a
/// two-core machine.
#[derive(Default)]
struct Prefetch {
    wanted: Vec<(PathBuf, [f32; 2])>,
    /// The last frame showed the current slide complete; the next one sends the requests.
    armed: bool,
}

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
    /// Open the presenter console at start.
    pub console: bool,
    /// Planned length of the talk in seconds, for the console's time left and pace.
    pub talk_seconds: Option<f64>,
    /// Where settings (the notes size) are kept; `None`: the user's configuration folder.
    pub settings_dir: Option<PathBuf>,
    /// Monitors (indices in the system's order) for the audience window and the console,
    /// each shown fullscreen there; `None`: an ordinary window.
    pub audience_monitor: Option<usize>,
    pub console_monitor: Option<usize>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            image_budget_bytes: DEFAULT_BUDGET_BYTES,
            exit_after_first_frame: false,
            log_frames: false,
            start_slide: None,
            console: false,
            talk_seconds: None,
            settings_dir: None,
            audience_monitor: None,
            console_monitor: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    deck: *const Deck,
    slide: usize,
    language: usize,
    scale: f32,
    pixels_per_point: f32,
}

pub struct LecternApp {
    source: DeckSource,
    show: Option<Presentation>,
    /// Why the last load failed: shown over the last good deck, or alone when there is none.
    problems: Option<Problems>,
    view: ViewState,
    images: ImageCache,
    installed_font: Option<Arc<FontFiles>>,
    layout: Option<(LayoutKey, SlideLayout)>,
    window_title: String,
    /// How many times the window was asked to close (a count, so tests can see each request).
    quit_requests: usize,
    /// Live reload: watches the deck's files when it comes from disk.
    watcher: Option<(FileWatcher, Vec<PathBuf>)>,
    changes_tx: Sender<Reloaded>,
    changes: Receiver<Reloaded>,
    /// When the save being reloaded happened, until its frame is drawn (for the latency log).
    reload_seen: Option<Instant>,
    /// The problems panel is folded into a small badge.
    problems_collapsed: bool,
    options: AppOptions,
    console: console::Console,
    console_open: bool,
    /// The overview's selected slide (a deck index) while it is open.
    overview: Option<usize>,
    /// Where the laser pointer is, in slide units, as the console last reported it.
    console_pointer: Option<egui::Pos2>,
    /// Where the pointer was drawn on the audience screen in the last frame.
    pointer: Option<egui::Pos2>,
    thumbnails: overview::Thumbnails,
    timer: crate::talk::Timer,
    notes_size: f32,
    prefetch: Prefetch,
    frames: u64,
    /// What the images of the last painted slide frame looked like.
    last_frame_images: FrameImages,
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
        let notes_size = console::load_notes_size(options.settings_dir.as_deref());
        let wake_ctx = ctx.clone();
        let images = ImageCache::new(source.assets(), options.image_budget_bytes, move || wake_ctx.request_repaint());
        let (changes_tx, changes) = channel();
        ctx.set_fonts(crate::fonts::definitions(None));
        let mut app = Self {
            source,
            show: None,
            problems: None,
            view: ViewState { show_counter: true, show_progress: true, ..Default::default() },
            images,
            installed_font: None,
            layout: None,
            window_title: String::new(),
            quit_requests: 0,
            watcher: None,
            changes_tx,
            changes,
            reload_seen: None,
            problems_collapsed: false,
            console_open: options.console,
            options,
            console: console::Console::default(),
            overview: None,
            console_pointer: None,
            pointer: None,
            thumbnails: overview::Thumbnails::default(),
            timer: crate::talk::Timer::default(),
            notes_size,
            prefetch: Prefetch::default(),
            frames: 0,
            last_frame_images: FrameImages::default(),
        };
        app.accept(ctx, initial, None);
        if let (Some(number), Some(show)) = (app.options.start_slide, app.show.as_mut()) {
            show.nav.apply(Move::To(number));
        }
        app.watch_files(ctx);
        app
    }

    /// Starts (or keeps) watching the files of the deck on disk, so saves show at once.
    fn watch_files(&mut self, ctx: &egui::Context) {
        let DeckSource::File(path) = &self.source else {
            self.watcher = None;
            return;
        };
        let files = match &self.show {
            Some(show) if show.deck.path == *path => show.deck.files(),
            _ => vec![path.clone()],
        };
        if self.watcher.as_ref().is_some_and(|(_, watched)| *watched == files) {
            return;
        }
        match watch_deck(ctx, &self.source, &files, self.changes_tx.clone()) {
            Ok(watcher) => {
                if watcher.is_polling() {
                    // Said once per deck: edits then take up to the poll interval to show.
                    eprintln!("lectern: no file events here; checking {} for changes by polling", path.display());
                }
                self.watcher = Some((watcher, files));
            }
            Err(err) => {
                // Reported once; the deck still shows, only without live reload.
                eprintln!("lectern: cannot watch {} for changes: {err}", path.display());
                self.watcher = None;
            }
        }
    }

    /// Shows a deck loaded again after its files changed, keeping the presenter's place.
    fn reloaded(&mut self, ctx: &egui::Context, changed: &[PathBuf], result: Result<Loaded, LoadError>) {
        self.images.invalidate(changed);
        let position = self.show.as_ref().map(|show| (Arc::clone(&show.deck), show.nav.slide_index(), show.language));
        self.accept(ctx, result, position);
        self.watch_files(ctx);
    }

    /// Takes the result of a load: a good deck replaces the shown one; problems are shown
    /// over the last good deck, which stays. `reloaded_from` is the deck it replaces after an
    /// edit, with the slide and language on screen, so the presenter keeps their place.
    fn accept(
        &mut self,
        ctx: &egui::Context,
        result: Result<Loaded, LoadError>,
        reloaded_from: Option<(Arc<Deck>, usize, usize)>,
    ) {
        match result {
            Ok(loaded) => {
                let deck = loaded.deck;
                install_font(ctx, &mut self.installed_font, &deck);
                let mut show = Presentation::new(Arc::clone(&deck));
                match reloaded_from {
                    Some((old, index, language)) => {
                        show.nav.show_index(index_after_reload(&old, index, &deck));
                        show.language = language.min(deck.languages.len() - 1);
                    }
                    None => {
                        self.view.show_counter = deck.show_counter;
                        self.view.show_progress = deck.show_progress;
                    }
                }
                self.show = Some(show);
                self.problems = None;
                self.layout = None;
            }
            Err(LoadError::Invalid { path, report }) => {
                let text = format!("{}{}", report.render(), report.summary());
                self.problems = Some(Problems { deck: Some(path), text, badge: report.summary() });
            }
            Err(LoadError::Io { path, source }) if source.kind() == std::io::ErrorKind::NotFound => {
                let text =
                    format!("{} is gone (deleted or moved away). It reloads as soon as it is back.", path.display());
                self.problems = Some(Problems { deck: Some(path), text, badge: "Deck file missing".into() });
            }
            Err(other) => {
                self.problems = Some(Problems { deck: None, text: other.to_string(), badge: "Cannot open".into() });
            }
        }
    }

    /// Opens another deck file (dropped on the window).
    fn open(&mut self, ctx: &egui::Context, path: &Path) {
        let source = DeckSource::File(path.to_owned());
        let result = source.load();
        if result.is_ok() {
            self.images.set_assets(source.assets());
            self.source = source;
        }
        self.accept(ctx, result, None);
        self.watch_files(ctx);
    }

    /// Index of the slide on screen, if a deck is shown.
    pub fn current_slide(&self) -> Option<usize> {
        self.show.as_ref().map(|s| s.nav.slide_index())
    }

    pub fn blank(&self) -> Option<Blank> {
        self.view.blank
    }

    pub fn language(&self) -> Option<&str> {
        self.show.as_ref().map(Presentation::language)
    }

    pub fn layout_debug(&self) -> bool {
        self.view.layout_debug
    }

    pub fn console_open(&self) -> bool {
        self.console_open
    }

    pub fn notes_size(&self) -> f32 {
        self.notes_size
    }

    /// Seconds of talk so far, on egui's clock.
    pub fn elapsed(&self, ctx: &egui::Context) -> f64 {
        self.timer.elapsed(ctx.input(|i| i.time))
    }

    /// Keeps the presenter console open and up to date, or lets it close.
    fn console_frame(&mut self, ctx: &egui::Context) {
        if !self.console_open {
            return;
        }
        let Some(show) = &self.show else { return };
        let feed = console::Feed {
            deck: Arc::clone(&show.deck),
            nav: show.nav.clone(),
            language: show.language,
            blank: self.view.blank,
            typed: self.view.typed.clone(),
            timer: self.timer,
            talk_seconds: self.options.talk_seconds.or(show.deck.talk_minutes.map(|m| f64::from(m) * 60.0)),
            notes_size: self.notes_size,
            // The same Arc every frame: the console keeps its image cache while it is.
            assets: Arc::clone(self.images.assets()),
            overview: self.overview,
        };
        self.console.update(ctx, feed);
        self.console.show(ctx, &self.window_title, self.options.console_monitor);
    }

    /// The texture cache's counts (for tests and the benchmark log).
    pub fn image_stats(&self) -> crate::media::CacheStats {
        self.images.stats()
    }

    /// What the images of the last painted slide looked like.
    pub fn last_frame_images(&self) -> FrameImages {
        self.last_frame_images
    }

    pub fn quit_requests(&self) -> usize {
        self.quit_requests
    }

    fn quit(&mut self, ctx: &egui::Context) {
        self.quit_requests += 1;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    pub fn source(&self) -> &DeckSource {
        &self.source
    }

    fn is_fullscreen(ctx: &egui::Context) -> bool {
        ctx.input(|i| i.viewport().fullscreen.unwrap_or(false))
    }

    /// A command while the overview is open; returns whether it was the overview's.
    fn overview_command(&mut self, ctx: &egui::Context, command: Command, selected: usize) -> bool {
        let count = self.show.as_ref().map_or(0, |show| show.deck.slides.len());
        let delta: isize = match command {
            Command::Next => 1,
            Command::Previous => -1,
            Command::Down => overview::COLUMNS as isize,
            Command::Up => -(overview::COLUMNS as isize),
            Command::First => -(count as isize),
            Command::Last => count as isize,
            Command::Enter => {
                self.go_to_slide(ctx, selected);
                return true;
            }
            Command::Escape | Command::ToggleOverview => {
                self.overview = None;
                return true;
            }
            _ => return false,
        };
        self.overview = Some(overview::moved(selected, delta, count));
        true
    }

    /// Shows deck slide `index` (hidden ones too, as backup slides) and closes the overview.
    fn go_to_slide(&mut self, ctx: &egui::Context, index: usize) {
        self.overview = None;
        if let Some(show) = &mut self.show {
            let before = (show.nav.slide_index(), show.nav.step());
            show.nav.visit(index);
            if (show.nav.slide_index(), show.nav.step()) != before {
                // A jump is an advance too: the talk timer starts.
                self.timer.start(ctx.input(|i| i.time));
            }
        }
    }

    /// The overview's selected slide while it is open.
    pub fn overview_selection(&self) -> Option<usize> {
        self.overview
    }

    /// How many slides the overview has laid out so far.
    pub fn overview_laid_out(&self) -> usize {
        self.thumbnails.laid_out()
    }

    /// Applies one command. Everything the presenter can do goes through here.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let fullscreen = Self::is_fullscreen(ctx);
        if command.navigates() && self.view.blank.is_some() {
            // A blanked room comes back to the same slide; the key does not also move.
            self.view.blank = None;
            self.view.typed.clear();
            return;
        }
        let now = ctx.input(|i| i.time);
        if let Some(selected) = self.overview
            && self.overview_command(ctx, command, selected)
        {
            return;
        }
        let movement = |app: &mut Self, m: Move| {
            if let Some(show) = &mut app.show
                && show.nav.apply(m)
            {
                // The talk starts with its first advance.
                app.timer.start(now);
            }
        };
        match command {
            Command::Next | Command::Down => movement(self, Move::Next),
            Command::Previous | Command::Up => movement(self, Move::Previous),
            Command::ToggleOverview => self.overview = self.show.as_ref().map(|show| show.nav.slide_index()),
            Command::First => movement(self, Move::First),
            Command::Last => movement(self, Move::Last),
            Command::Digit(d) => {
                if self.view.typed.len() < 4 {
                    self.view.typed.push(char::from(b'0' + d));
                }
            }
            Command::Enter => match std::mem::take(&mut self.view.typed).parse::<usize>() {
                Ok(number) => movement(self, Move::To(number)),
                Err(_) => movement(self, Move::Next),
            },
            Command::ToggleFullscreen => ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!fullscreen)),
            Command::Escape => {
                if self.view.help {
                    self.view.help = false;
                } else if !self.view.typed.is_empty() {
                    self.view.typed.clear();
                } else if self.view.blank.is_some() {
                    self.view.blank = None;
                } else if fullscreen {
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
                }
            }
            Command::BlackScreen | Command::WhiteScreen => {
                let wanted = if command == Command::BlackScreen { Blank::Black } else { Blank::White };
                self.view.blank = if self.view.blank == Some(wanted) { None } else { Some(wanted) };
            }
            Command::NextLanguage => {
                if let Some(show) = &mut self.show {
                    show.language = (show.language + 1) % show.deck.languages.len();
                }
            }
            Command::ToggleHelp => self.view.help = !self.view.help,
            Command::ToggleCounter => self.view.show_counter = !self.view.show_counter,
            Command::ToggleProgress => self.view.show_progress = !self.view.show_progress,
            Command::ToggleLayoutDebug => self.view.layout_debug = !self.view.layout_debug,
            Command::StartFromBeginning => {
                movement(self, Move::First);
                self.view.blank = None;
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
            }
            Command::ToggleConsole => self.console_open = !self.console_open,
            Command::Pointer => {}
            Command::SwapScreens => self.swap_screens(ctx),
            Command::ToggleTimer => self.timer.toggle_pause(now),
            Command::ResetTimer => self.timer.reset(),
            Command::NotesLarger | Command::NotesSmaller => {
                let step = if command == Command::NotesLarger { console::NOTES_STEP } else { -console::NOTES_STEP };
                let size = (self.notes_size + step).clamp(*console::NOTES_SIZES.start(), *console::NOTES_SIZES.end());
                if size != self.notes_size {
                    self.notes_size = size;
                    console::save_notes_size(self.options.settings_dir.as_deref(), size);
                }
            }
            Command::Quit => self.quit(ctx),
            Command::QuitWhenWindowed => {
                if !fullscreen {
                    self.quit(ctx);
                }
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.show {
            Some(show) => {
                let deck_title = plain_text(show.deck.title.get(show.language(), show.deck.default_language()));
                format!("{deck_title} — {}/{} — Lectern", show.nav.number(), show.nav.count())
            }
            None => "Lectern".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// Keeps `self.layout` the current slide's layout at this transform, laid out again only
    /// when something that affects it changed. Neighbouring slides' images are prefetched then.
    fn update_layout(&mut self, ctx: &egui::Context, transform: &SlideTransform) {
        let Some(show) = self.show.as_ref() else { return };
        let pixels_per_point = ctx.pixels_per_point();
        let key = LayoutKey {
            deck: Arc::as_ptr(&show.deck),
            slide: show.nav.slide_index(),
            language: show.language,
            scale: transform.scale,
            pixels_per_point,
        };
        if self.layout.as_ref().is_none_or(|(k, _)| *k != key) {
            let measurer = EguiMeasurer { ctx, scale: transform.scale };
            let deck = &show.deck;
            let lang = show.language();
            let layout = layout_slide(deck, &deck.slides[key.slide], lang, &measurer);
            // The current slide's images are requested when it is painted; these wait a
            // frame (see `Prefetch`): the next and previous slides, then the ones after and
            // before them.
            self.prefetch = Prefetch::default();
            let mut walkers = [(show.nav.clone(), Move::NextSlide), (show.nav.clone(), Move::PreviousSlide)];
            for _ in 0..PREFETCH_SLIDES {
                for (walker, movement) in &mut walkers {
                    if !walker.apply(*movement) {
                        continue;
                    }
                    let other = layout_slide(deck, &deck.slides[walker.slide_index()], lang, &measurer);
                    let wanted = paint::images_wanted(&other.items, transform, pixels_per_point);
                    self.prefetch.wanted.extend(wanted.map(|(path, size)| (path.to_owned(), size)));
                }
            }
            self.layout = Some((key, layout));
        }
    }

    fn slide_ui(&mut self, ui: &mut egui::Ui, area: Rect) {
        let ctx = ui.ctx().clone();
        let Some(canvas) = self.show.as_ref().map(|s| s.deck.canvas) else { return };
        let transform = SlideTransform::letterbox(canvas, area);
        let painter = ui.painter().clone();
        painter.rect_filled(area, 0.0, Color32::BLACK);

        if let Some(blank) = self.view.blank {
            let color = if blank == Blank::Black { Color32::BLACK } else { Color32::WHITE };
            painter.rect_filled(area, 0.0, color);
            let response = ui.interact(area, Id::unique("blank-screen"), Sense::hover());
            response.widget_info(|| WidgetInfo::labeled(Role::Label, true, "Screen blanked"));
            return;
        }

        self.update_layout(&ctx, &transform);
        // Taken out while painting, because painting also borrows the image cache.
        let Some((key, layout)) = self.layout.take() else { return };
        let mut cx = PaintContext {
            painter: &painter,
            transform,
            images: &mut self.images,
            pixels_per_point: ctx.pixels_per_point(),
            debug: self.view.layout_debug,
            failed: None,
        };
        let step = self.show.as_ref().map(|show| show.nav.step());
        let texts = paint::paint(layout.visible(step), &mut cx);
        self.layout = Some((key, layout));
        for (i, (rect, text)) in texts.into_iter().enumerate() {
            let response = ui.interact(rect, Id::unique(("slide-text", i)), Sense::hover());
            response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &text));
        }
        self.chrome_ui(ui, &transform);
        self.pointer_ui(ui, &transform);
    }

    /// Frees textures over the budget, and reports the frame to the benchmark options.
    fn end_slide_frame(&mut self, ctx: &egui::Context) {
        let images = self.images.end_frame(ctx);
        self.last_frame_images = images;
        self.frames += 1;
        let slide = self.show.as_ref().map_or(0, |show| show.nav.number());
        if self.options.log_frames {
            let stats = self.images.stats();
            eprintln!(
                "lectern: frame {} slide {slide} images {} missing {} textures {} bytes {}",
                self.frames, images.wanted, images.missing, stats.textures, stats.texture_bytes
            );
        }
        let complete = images.missing == 0 && images.fading == 0 && self.view.blank.is_none();
        if !self.prefetch.wanted.is_empty() && !self.prefetch.armed {
            self.prefetch.armed = true;
            ctx.request_repaint();
        }
        if self.options.exit_after_first_frame && complete && self.layout.is_some() && self.quit_requests == 0 {
            eprintln!("lectern: first complete frame is frame {}; exiting", self.frames);
            self.quit(ctx);
        }
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
        if let (Some(audience), Some(console), true) = (audience, console, self.console_open) {
            ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::OuterPosition(console.min));
            ctx.send_viewport_cmd_to(console_id, ViewportCommand::OuterPosition(audience.min));
        }
    }

    /// The laser pointer: the mouse position while the pointer key is held over this
    /// window, else where the console says.
    fn pointer_ui(&mut self, ui: &egui::Ui, transform: &SlideTransform) {
        let held = ui.ctx().input(|i| i.key_down(command::POINTER_KEY).then(|| i.pointer.hover_pos()).flatten());
        let here = held.map(|pos| transform.slide_from_screen(pos));
        self.pointer = here.or(self.console_pointer);
        if let Some(at) = self.pointer {
            paint::laser_pointer(ui.painter(), transform.screen_from_slide(at), transform.scale);
        }
    }

    /// Where the laser pointer is on the slide (slide units), if it shows.
    pub fn pointer(&self) -> Option<egui::Pos2> {
        self.pointer
    }

    /// Slide counter and progress bar, drawn over the slide's bottom edge.
    fn chrome_ui(&self, ui: &mut egui::Ui, transform: &SlideTransform) {
        let Some(show) = &self.show else { return };
        let painter = ui.painter();
        let theme = &show.deck.theme;
        let slide = transform.slide_rect;
        if self.view.show_progress && show.nav.count() > 1 {
            let fraction = (show.nav.number() - 1) as f32 / (show.nav.count() - 1) as f32;
            let height = (8.0 * transform.scale).max(2.0);
            let bar = Rect::from_min_size(
                pos2(slide.left(), slide.bottom() - height),
                vec2(slide.width() * fraction, height),
            );
            painter.rect_filled(bar, 0.0, theme.accent);
        }
        if self.view.show_counter {
            let text = format!("{} / {}", show.nav.number(), show.nav.count());
            let pos = transform.screen_from_slide(pos2(show.deck.canvas.x - 32.0, show.deck.canvas.y - 28.0));
            let rect = painter.text(
                pos,
                Align2::RIGHT_BOTTOM,
                &text,
                FontId::proportional((24.0 * transform.scale).max(9.0)),
                theme.muted,
            );
            let label = format!("Slide {} of {}", show.nav.number(), show.nav.count());
            ui.interact(rect, Id::unique("slide-counter"), Sense::hover())
                .widget_info(|| WidgetInfo::labeled(Role::Label, true, &label));
        }
    }

    fn typed_number_ui(&self, ctx: &egui::Context) {
        if self.view.typed.is_empty() {
            return;
        }
        egui::Area::new(Id::unique("typed-number")).anchor(Align2::CENTER_BOTTOM, vec2(0.0, -40.0)).show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("Go to slide {}", self.view.typed)).size(28.0));
            });
        });
    }

    fn help_ui(&self, ctx: &egui::Context) {
        if !self.view.help {
            return;
        }
        egui::Area::new(Id::unique("help")).anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0)).show(ctx, |ui| {
            egui::Frame::popup(ui.style()).inner_margin(24.0).show(ui, |ui| {
                ui.label(RichText::new("Keyboard shortcuts").size(26.0).strong());
                ui.add_space(12.0);
                // Two columns of bindings, sized so the table fits a small window.
                let rows = BINDINGS.len().div_ceil(2);
                let screen = ctx.content_rect().size();
                let size = (screen.y / (rows as f32 * 2.4 + 8.0)).clamp(11.0, 18.0);
                let description_width = ((screen.x - 160.0) / 2.0 - size * 9.0).max(160.0);
                egui::Grid::new("bindings").num_columns(4).spacing(vec2(size * 1.4, size * 0.45)).show(ui, |ui| {
                    for row in 0..rows {
                        for binding in [BINDINGS.get(row), BINDINGS.get(row + rows)].into_iter().flatten() {
                            ui.label(RichText::new(binding.keys()).size(size).strong());
                            ui.scope(|ui| {
                                ui.set_max_width(description_width);
                                ui.add(
                                    egui::Label::new(RichText::new(binding.description).size(size))
                                        .wrap_mode(egui::TextWrapMode::Wrap),
                                );
                            });
                        }
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
                ui.label(
                    RichText::new("Drop a .ron deck on the window to open it. Esc or ? closes this.").size(15.0).weak(),
                );
            });
        });
    }

    /// Diagnostics: a panel over the last good deck, or the whole window if there is none.
    fn problems_ui(&mut self, ctx: &egui::Context, area: Rect) {
        let Some(problems) = &self.problems else { return };
        let full = self.show.is_none();
        let warning = Color32::from_rgb(255, 196, 120);
        let panel = Color32::from_rgb(0x20, 0x22, 0x28);
        let mut toggle = false;
        if self.problems_collapsed && !full {
            // Folded: a small badge, so the slide stays visible while the editor works.
            egui::Area::new(Id::unique("problems-badge")).anchor(Align2::LEFT_BOTTOM, vec2(12.0, -12.0)).show(
                ctx,
                |ui| {
                    egui::Frame::new().fill(panel).corner_radius(6.0).inner_margin(8.0).show(ui, |ui| {
                        let label = RichText::new(&problems.badge).color(warning).strong();
                        toggle = ui.add(egui::Button::new(label).frame(false)).clicked();
                    });
                },
            );
        } else {
            let headline = match (&self.show, &problems.deck) {
                (None, _) => "This deck cannot be shown yet".to_owned(),
                (Some(_), Some(path)) => format!("{} has problems; the deck on screen stays up", path.display()),
                (Some(_), None) => "The file could not be opened; the deck on screen stays up".to_owned(),
            };
            let height = if full { area.height() } else { (area.height() * 0.45).max(160.0) };
            egui::Area::new(Id::unique("problems")).fixed_pos(pos2(area.left(), area.bottom() - height)).show(
                ctx,
                |ui| {
                    egui::Frame::new().fill(panel).inner_margin(16.0).show(ui, |ui| {
                        ui.set_min_size(vec2(area.width() - 32.0, height - 32.0));
                        ui.set_max_size(vec2(area.width() - 32.0, height - 32.0));
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(&headline).size(20.0).strong().color(warning));
                            if !full {
                                toggle = ui.button("Fold").clicked();
                            }
                        });
                        ui.add_space(8.0);
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            ui.label(
                                RichText::new(&problems.text).monospace().size(15.0).color(Color32::from_gray(230)),
                            );
                        });
                    });
                },
            );
        }
        if toggle {
            self.problems_collapsed = !self.problems_collapsed;
        }
    }
}

/// Watches `files` of the deck from `source`; each change is loaded again on the watcher's
/// thread, so a save never makes the UI wait for disk, and sent to `tx` with a wake-up.
fn watch_deck(
    ctx: &egui::Context,
    source: &DeckSource,
    files: &[PathBuf],
    tx: Sender<Reloaded>,
) -> notify::Result<FileWatcher> {
    let wake = ctx.clone();
    let source = source.clone();
    FileWatcher::new(files, move |change: Change| {
        let result = source.load();
        if tx.send(Reloaded { change, source: source.clone(), result }).is_ok() {
            wake.request_repaint();
        }
    })
}

/// Installs the deck's font when it differs from the one installed.
fn install_font(ctx: &egui::Context, installed: &mut Option<Arc<FontFiles>>, deck: &Deck) {
    if !same_font(installed, &deck.theme.font) {
        ctx.set_fonts(crate::fonts::definitions(deck.theme.font.as_deref()));
        *installed = deck.theme.font.clone();
    }
}

fn same_font(a: &Option<Arc<FontFiles>>, b: &Option<Arc<FontFiles>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
        _ => false,
    }
}

impl eframe::App for LecternApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.images.poll(ctx);
        if self.prefetch.armed {
            for (path, size) in std::mem::take(&mut self.prefetch).wanted {
                self.images.prefetch(&path, size);
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_owned()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(path) = dropped.first() {
            self.open(ctx, path);
        }
        if let Some(burst) = ReloadBurst::take(&self.changes, &self.source) {
            self.reloaded(ctx, &burst.changed, burst.result);
            self.reload_seen = Some(burst.first_seen);
        }
        for command in ctx.input(command::commands_from_input) {
            self.apply(ctx, command);
        }
        // Keys pressed in the presenter console come here too, so both windows agree.
        for event in self.console.events() {
            match event {
                console::Event::Command(command) => self.apply(ctx, command),
                console::Event::Closed => self.console_open = false,
                console::Event::Visit(index) => self.go_to_slide(ctx, index),
                console::Event::Pointer(at) => self.console_pointer = at,
            }
        }
        self.update_title(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let area = ui.max_rect();
        let ctx = ui.ctx().clone();
        // The overview is drawn here unless the presenter console is open (then it is there).
        let overview_here = self.overview.filter(|_| !self.console_open);
        if overview_here.is_none() {
            let clicks = ui.interact(area, Id::unique("slide-area"), Sense::click());
            if clicks.clicked() {
                self.apply(&ctx, Command::Next);
            } else if clicks.secondary_clicked() {
                self.apply(&ctx, Command::Previous);
            }
        }
        if let (Some(selected), Some(show)) = (overview_here, &self.show) {
            let deck = Arc::clone(&show.deck);
            let clicked = overview::grid_ui(ui, &deck, show.language, selected, &mut self.images, &mut self.thumbnails);
            if let Some(index) = clicked {
                self.go_to_slide(&ctx, index);
            }
            self.end_slide_frame(&ctx);
        } else if self.show.is_some() {
            self.slide_ui(ui, area);
            self.end_slide_frame(&ctx);
        } else {
            ui.painter().rect_filled(area, 0.0, Color32::from_rgb(0x20, 0x22, 0x28));
        }
        self.typed_number_ui(&ctx);
        self.help_ui(&ctx);
        self.console_frame(&ctx);
        self.problems_ui(&ctx, area);
        if let Some(seen) = self.reload_seen.take()
            && std::env::var_os("LECTERN_LOG_RELOAD").is_some()
        {
            // Measured by scripts/reload-latency.sh: from the file event to this frame.
            eprintln!("lectern: reload drawn {:.1} ms after the save", seen.elapsed().as_secs_f64() * 1000.0);
        }
    }
}
