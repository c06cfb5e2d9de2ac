//! Images on screen: decoding runs on named worker threads and reports back through a channel
//! whose sender wakes the UI; the UI thread only uploads finished pixels as textures, a few
//! per frame (see [`UPLOAD_TIME_BUDGET`]), the images on screen first.
//!
//! Each image is decoded for a pixel size bucket (the size it is shown at, rounded up), so a
//! window that grows gets a sharper decode and a small one never holds a 12-megapixel texture.
//! Textures are kept under a byte budget ([`budget::TextureBudget`]), least recently used
//! first out, so a deck of 200 photographs needs the memory of a few slides, not of 200.
//! Requests for what is on screen jump the queue ahead of prefetches of the neighbours, and
//! only they wake the UI ([`queue`]).
//! An image the slide had to wait for fades in over [`FADE_SECONDS`] rather than popping in.

mod animation;
pub mod budget;
mod colour;
pub mod decode;
mod queue;
pub mod sandbox;
mod svg;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use egui::{TextureHandle, TextureOptions};

use crate::deck::AssetSource;
use animation::{Animation, Decoded, Picture};
use budget::TextureBudget;
use queue::{Job, JobQueue, Key, Priority, Urgency};

/// Decoded sizes are rounded up to a multiple of this many pixels, so small window changes
/// reuse what is decoded.
const BUCKET: u32 = 256;
const WORKERS: usize = 2;
/// Texture memory kept by default: a dozen full-HD photographs, or three 4K ones.
pub const DEFAULT_BUDGET_BYTES: u64 = 256 << 20;
/// Most UI-thread time one frame spends handing decoded images to egui. At least one image
/// is uploaded per frame, so progress never stops.
pub const UPLOAD_TIME_BUDGET: Duration = Duration::from_millis(4);
/// Most pixel bytes uploaded in one frame: the GPU copy happens when the frame is painted,
/// after this code, so it is bounded by size (about two 4K images).
const UPLOAD_BYTES_PER_FRAME: usize = 64 << 20;
pub const FADE_SECONDS: f64 = 0.2;
/// An image that arrives this soon after the screen first wanted it simply appears; one
/// that kept the slide waiting longer fades in instead of popping.
const FADE_AFTER_WAIT_SECONDS: f64 = 0.1;

/// What the painter can draw for an image right now.
#[derive(Clone)]
pub enum ImageState {
    Loading,
    /// The texture and how opaque to draw it (below 1 while fading in).
    Ready(TextureHandle, f32),
    Failed(Arc<str>),
}

struct Done {
    key: Key,
    /// Which request this answers; a result for an older request of the same key (the file
    /// changed meanwhile) is dropped.
    generation: u64,
    result: Result<Decoded, String>,
    /// How long the worker took to read and decode it.
    seconds: f64,
}

enum Entry {
    /// Waiting for its decode; `wanted_since` is when the screen first asked for it (egui's
    /// clock), `None` while it is only prefetched.
    Loading {
        priority: Priority,
        wanted_since: Option<f64>,
        urgency: Arc<Urgency>,
    },
    /// The picture and the time (egui's clock) it arrived, for the fade.
    Ready(Picture, f64),
    Failed(Arc<str>),
}

/// Counts for tests, logs and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CacheStats {
    pub textures: usize,
    pub texture_bytes: u64,
    pub budget_bytes: u64,
    /// Decodes requested since the start (each file and size once, unless evicted or changed).
    pub decodes: u64,
    /// Time the workers spent reading and decoding, in seconds.
    pub decode_seconds: f64,
    /// Images waiting to be uploaded.
    pub queued_uploads: usize,
}

/// What the images of one frame looked like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameImages {
    /// Images the frame wanted to draw.
    pub wanted: usize,
    /// Of those, how many were not ready (nothing, not even a smaller decode, was drawn).
    pub missing: usize,
    /// Of those, how many were still fading in.
    pub fading: usize,
}

pub struct ImageCache {
    assets: Arc<dyn AssetSource>,
    queue: Arc<JobQueue>,
    done: Receiver<Done>,
    entries: HashMap<Key, Entry>,
    budget: TextureBudget<Key>,
    /// Finished decodes waiting for their upload.
    uploads: VecDeque<Done>,
    /// The request each loading entry waits for.
    pending: HashMap<Key, u64>,
    generation: u64,
    decodes: u64,
    decode_seconds: f64,
    /// egui's clock at the start of this frame.
    now: f64,
    frame: FrameImages,
    /// When the soonest next frame of an animation drawn this frame is due.
    next_animation_frame: Option<f64>,
    /// A prefetch the screen now waits for had already finished without waking the UI.
    finished_unseen: bool,
    /// The UI's context, from the last [`Self::poll`], for uploads outside it.
    ctx: Option<egui::Context>,
}

impl ImageCache {
    /// Starts the worker threads; `wake` is called when a decode the screen waits for
    /// finishes (a prefetch's result is taken by the next frame that comes anyway).
    pub fn new(assets: Arc<dyn AssetSource>, budget_bytes: u64, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let queue = Arc::new(JobQueue::default());
        let (done_tx, done) = channel::<Done>();
        let wake = Arc::new(wake);
        for i in 0..WORKERS {
            let queue = Arc::clone(&queue);
            let done_tx: Sender<Done> = done_tx.clone();
            let wake = Arc::clone(&wake);
            let spawned = std::thread::Builder::new().name(format!("lectern-image-{i}")).spawn(move || {
                // Each thread's pictures decode in a process of its own, bounded in time and memory.
                let mut sandbox = sandbox::Sandbox::default();
                while let Some(job) = queue.pop() {
                    let started = Instant::now();
                    let result = job
                        .assets
                        .read(&job.key.path)
                        .map_err(|err| err.to_string())
                        .and_then(|bytes| sandbox.decode(&bytes, job.key.bucket));
                    if done_tx
                        .send(Done {
                            key: job.key,
                            generation: job.generation,
                            result,
                            seconds: started.elapsed().as_secs_f64(),
                        })
                        .is_err()
                    {
                        return;
                    }
                    if job.urgency.finish() {
                        wake();
                    }
                }
            });
            if let Err(err) = spawned {
                log::error!(target: "lectern", "cannot start an image worker: {err}");
            }
        }
        Self {
            assets,
            queue,
            done,
            entries: HashMap::new(),
            budget: TextureBudget::new(budget_bytes),
            uploads: VecDeque::new(),
            pending: HashMap::new(),
            generation: 0,
            decodes: 0,
            decode_seconds: 0.0,
            now: 0.0,
            frame: FrameImages::default(),
            next_animation_frame: None,
            finished_unseen: false,
            ctx: None,
        }
    }

    /// Where the images are read from.
    pub fn assets(&self) -> &Arc<dyn AssetSource> {
        &self.assets
    }

    /// Switches to another deck's files; everything decoded so far is dropped.
    pub fn set_assets(&mut self, assets: Arc<dyn AssetSource>) {
        self.assets = assets;
        self.entries.clear();
        self.pending.clear();
        self.uploads.clear();
        self.budget.clear();
    }

    /// The image at `path` for display at `size_px`, requesting a decode if needed.
    pub fn get(&mut self, path: &Path, size_px: [f32; 2]) -> ImageState {
        let key = Key { path: path.to_owned(), bucket: bucket(size_px) };
        self.frame.wanted += 1;
        self.take_waiting(&key);
        let state = match self.entries.get_mut(&key) {
            Some(Entry::Ready(picture, arrived)) => {
                let opacity = ((self.now - *arrived) / FADE_SECONDS).clamp(0.0, 1.0) as f32;
                let texture = match picture {
                    Picture::Still(texture) => texture.clone(),
                    Picture::Animated(animation) => {
                        let (texture, next) = animation.frame_at(self.now);
                        self.next_animation_frame = Some(self.next_animation_frame.map_or(next, |n| n.min(next)));
                        texture
                    }
                };
                Some(ImageState::Ready(texture, opacity))
            }
            Some(Entry::Failed(message)) => Some(ImageState::Failed(message.clone())),
            Some(Entry::Loading { priority, wanted_since, urgency }) => {
                // A prefetch that is now on screen: its decode and upload go first.
                if *priority == Priority::Prefetch {
                    *priority = Priority::Show;
                    self.queue.promote(&key);
                    self.finished_unseen |= urgency.hurry();
                }
                wanted_since.get_or_insert(self.now);
                None
            }
            None => {
                self.request(key.clone(), Priority::Show);
                None
            }
        };
        self.budget.touch(&key);
        let state = state
            .or_else(|| {
                // The smaller decode drawn meanwhile is on screen too: it must not be evicted.
                let (shown, texture) = self.fallback(&key)?;
                self.budget.touch(&shown);
                Some(ImageState::Ready(texture, 1.0))
            })
            .unwrap_or(ImageState::Loading);
        match &state {
            ImageState::Loading => self.frame.missing += 1,
            ImageState::Ready(_, opacity) if *opacity < 1.0 => self.frame.fading += 1,
            _ => {}
        }
        state
    }

    /// Forgets every decode of these files (they changed on disk); they are decoded again
    /// when next shown. Other images stay.
    pub fn invalidate(&mut self, paths: &[PathBuf]) {
        let changed: Vec<Key> = self.entries.keys().filter(|key| paths.contains(&key.path)).cloned().collect();
        for key in changed {
            self.entries.remove(&key);
            self.budget.remove(&key);
            // A decode of the old file still on its way is dropped when it arrives.
            self.pending.remove(&key);
        }
    }

    /// Whether the image at `path` is on the GPU at `size_px` (or has failed, so there is
    /// nothing to wait for); if not, its decode is requested as a prefetch. Exhibit mode
    /// asks this of the next slide before its transition starts.
    pub fn ready(&mut self, path: &Path, size_px: [f32; 2]) -> bool {
        let key = Key { path: path.to_owned(), bucket: bucket(size_px) };
        self.take_waiting(&key);
        match self.entries.get(&key) {
            Some(Entry::Ready(..)) => {
                // About to be shown: kept through this frame's eviction.
                self.budget.touch(&key);
                true
            }
            Some(Entry::Failed(_)) => true,
            // The show waits for it: its decode wakes the UI when done.
            Some(Entry::Loading { urgency, .. }) => {
                self.finished_unseen |= urgency.hurry();
                false
            }
            None => {
                self.request(key.clone(), Priority::Prefetch);
                if let Some(Entry::Loading { urgency, .. }) = self.entries.get(&key) {
                    urgency.hurry();
                }
                false
            }
        }
    }

    /// Requests a decode without showing it yet (prefetching the next slides).
    pub fn prefetch(&mut self, path: &Path, size_px: [f32; 2]) {
        let key = Key { path: path.to_owned(), bucket: bucket(size_px) };
        if !self.entries.contains_key(&key) {
            self.request(key, Priority::Prefetch);
        }
    }

    fn request(&mut self, key: Key, priority: Priority) {
        self.generation += 1;
        self.decodes += 1;
        self.pending.insert(key.clone(), self.generation);
        let urgency = Urgency::new(priority);
        let job = Job {
            key: key.clone(),
            generation: self.generation,
            assets: Arc::clone(&self.assets),
            urgency: Arc::clone(&urgency),
        };
        let entry = if self.queue.push(job, priority) {
            let wanted_since = (priority == Priority::Show).then_some(self.now);
            Entry::Loading { priority, wanted_since, urgency }
        } else {
            Entry::Failed("image workers stopped".into())
        };
        self.entries.insert(key, entry);
    }

    /// While a sharper decode is on its way, show any decode of the same file, fully opaque
    /// (it is already on screen; only its sharpness changes).
    fn fallback(&self, key: &Key) -> Option<(Key, TextureHandle)> {
        self.entries.iter().find_map(|(k, entry)| match entry {
            Entry::Ready(Picture::Still(texture), _) if k.path == key.path => Some((k.clone(), texture.clone())),
            Entry::Ready(Picture::Animated(animation), _) if k.path == key.path => {
                Some((k.clone(), animation.frames[0].0.clone()))
            }
            _ => None,
        })
    }

    /// Takes finished decodes and uploads some of them, the ones on screen first, within
    /// [`UPLOAD_TIME_BUDGET`]; call once per frame before painting. Returns whether any
    /// image arrived. Asks for another frame when uploads are left for it.
    pub fn poll(&mut self, ctx: &egui::Context) -> bool {
        self.now = ctx.input(|i| i.time);
        self.ctx = Some(ctx.clone());
        self.frame = FrameImages::default();
        self.uploads.extend(self.done.try_iter());
        // Results for entries that were dropped, belong to another deck or answer an older
        // request are discarded before they cost an upload.
        self.uploads.retain(|done| self.pending.get(&done.key) == Some(&done.generation));
        let started = Instant::now();
        let mut uploaded_bytes = 0;
        let mut arrived = false;
        while let Some(done) = self.next_upload() {
            uploaded_bytes += self.accept(ctx, done);
            arrived = true;
            if started.elapsed() >= UPLOAD_TIME_BUDGET || uploaded_bytes >= UPLOAD_BYTES_PER_FRAME {
                break;
            }
        }
        if !self.uploads.is_empty() {
            ctx.request_repaint();
        }
        arrived
    }

    /// Takes one finished decode: its texture is uploaded (or its failure kept). Returns the
    /// bytes uploaded.
    fn accept(&mut self, ctx: &egui::Context, done: Done) -> usize {
        let bytes = done.result.as_ref().map_or(0, Decoded::bytes);
        self.pending.remove(&done.key);
        self.decode_seconds += done.seconds;
        let entry = match done.result {
            Ok(decoded) => {
                let name = format!("{}@{}x{}", done.key.path.display(), done.key.bucket[0], done.key.bucket[1]);
                let picture = match decoded {
                    Decoded::Still(image) => Picture::Still(ctx.load_texture(name, image, TextureOptions::LINEAR)),
                    Decoded::Animated(frames) => {
                        let total = frames.iter().map(|(_, seconds)| seconds).sum();
                        let frames = frames
                            .into_iter()
                            .enumerate()
                            .map(|(i, (image, seconds))| {
                                (ctx.load_texture(format!("{name}#{i}"), image, TextureOptions::LINEAR), seconds)
                            })
                            .collect();
                        Picture::Animated(Animation { frames, total, epoch: self.now, last_drawn: self.now })
                    }
                };
                self.budget.insert(done.key.clone(), bytes as u64);
                // Fades in only if the slide waited for it, and not when a sharper decode
                // replaces one already on screen.
                let waited = match self.entries.get(&done.key) {
                    Some(Entry::Loading { wanted_since: Some(since), .. }) => self.now - since,
                    _ => 0.0,
                };
                let fade = waited > FADE_AFTER_WAIT_SECONDS && self.fallback(&done.key).is_none();
                Entry::Ready(picture, if fade { self.now } else { f64::NEG_INFINITY })
            }
            Err(message) => Entry::Failed(message.into()),
        };
        self.entries.insert(done.key, entry);
        bytes
    }

    /// A result the screen waits for that is already here, uploaded at once: prefetched
    /// results are taken at the start of a frame, before a key press in that frame shows
    /// their slide, so they may still wait behind others.
    fn take_waiting(&mut self, key: &Key) {
        // Only the answer to the latest request: the file may have changed since.
        let current = |done: &Done| done.key == *key && self.pending.get(key) == Some(&done.generation);
        if let Some(at) = self.uploads.iter().position(current)
            && let Some(ctx) = self.ctx.clone()
            && let Some(done) = self.uploads.remove(at)
        {
            self.accept(&ctx, done);
        }
    }

    /// The queued result to upload next: one the screen waits for, else the oldest.
    fn next_upload(&mut self) -> Option<Done> {
        let on_screen = self.uploads.iter().position(|done| {
            matches!(self.entries.get(&done.key), Some(Entry::Loading { priority: Priority::Show, .. }))
        });
        self.uploads.remove(on_screen.unwrap_or(0))
    }

    /// Ends a frame of a second window drawing from this cache (the presenter console):
    /// like [`Self::end_frame`], but the budget's frame is the main window's, so what the
    /// main window drew stays protected and the two windows never evict each other's images.
    pub fn end_secondary_frame(&mut self, ctx: &egui::Context) -> FrameImages {
        self.ask_for_next_frame(ctx);
        std::mem::take(&mut self.frame)
    }

    /// A frame soon while an image fades in; while an animation is on screen, one when its
    /// next frame is due (and no sooner: an animation costs its own frame rate, nothing more).
    fn ask_for_next_frame(&mut self, ctx: &egui::Context) {
        if self.frame.fading > 0 || std::mem::take(&mut self.finished_unseen) {
            ctx.request_repaint();
        }
        if let Some(next) = self.next_animation_frame.take() {
            ctx.request_repaint_after(Duration::from_secs_f64((next - self.now).max(0.0)));
        }
    }

    /// Ends the frame: textures over the budget that this frame did not draw are freed,
    /// least recently used first. Returns what the frame's images looked like; while one is
    /// fading in, asks for the next frame.
    pub fn end_frame(&mut self, ctx: &egui::Context) -> FrameImages {
        for key in self.budget.end_frame() {
            self.entries.remove(&key);
        }
        self.ask_for_next_frame(ctx);
        std::mem::take(&mut self.frame)
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats {
            textures: self.budget.len(),
            texture_bytes: self.budget.used_bytes(),
            budget_bytes: self.budget.budget_bytes(),
            decodes: self.decodes,
            decode_seconds: self.decode_seconds,
            queued_uploads: self.uploads.len(),
        }
    }
}

impl Drop for ImageCache {
    fn drop(&mut self) {
        // Lets the workers finish their current decode and end.
        self.queue.close();
    }
}

fn bucket(size_px: [f32; 2]) -> [u32; 2] {
    size_px.map(|v| ((v.max(1.0) as u32).div_ceil(BUCKET) * BUCKET).min(8192))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Serves one small SVG for any path and counts the reads.
    struct Counting(AtomicUsize);

    impl AssetSource for Counting {
        fn read(&self, _: &Path) -> std::io::Result<Cow<'static, [u8]>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(Cow::Borrowed(br#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>"#))
        }
    }

    fn wait_ready(cache: &mut ImageCache, ctx: &egui::Context, path: &Path) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !matches!(cache.get(path, [100.0, 50.0]), ImageState::Ready(..)) {
            assert!(std::time::Instant::now() < deadline, "decode finished");
            std::thread::sleep(std::time::Duration::from_millis(2));
            cache.poll(ctx);
        }
    }

    #[test]
    fn a_changed_image_is_decoded_again_and_the_others_are_not() {
        let ctx = egui::Context::default();
        let assets = Arc::new(Counting(AtomicUsize::new(0)));
        let mut cache = ImageCache::new(assets.clone(), DEFAULT_BUDGET_BYTES, || {});
        let (map, flag) = (Path::new("map.svg"), Path::new("flag.svg"));
        wait_ready(&mut cache, &ctx, map);
        wait_ready(&mut cache, &ctx, flag);
        assert_eq!(assets.0.load(Ordering::SeqCst), 2);
        wait_ready(&mut cache, &ctx, map);
        assert_eq!(assets.0.load(Ordering::SeqCst), 2, "shown again from the cache");
        cache.invalidate(&[map.to_owned()]);
        wait_ready(&mut cache, &ctx, map);
        wait_ready(&mut cache, &ctx, flag);
        assert_eq!(assets.0.load(Ordering::SeqCst), 3, "only the changed file is read again");
    }

    #[test]
    fn only_what_the_screen_waits_for_wakes_the_ui() {
        let ctx = egui::Context::default();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&wakes);
        let mut cache = ImageCache::new(Arc::new(Counting(AtomicUsize::new(0))), DEFAULT_BUDGET_BYTES, move || {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let next = Path::new("next.svg");
        cache.prefetch(next, [100.0, 50.0]);
        let key = Key { path: next.to_owned(), bucket: bucket([100.0, 50.0]) };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        // Frames that come anyway (a key press) take the prefetched result.
        while !matches!(cache.entries.get(&key), Some(Entry::Ready(..))) {
            assert!(std::time::Instant::now() < deadline, "prefetch finished");
            std::thread::sleep(std::time::Duration::from_millis(2));
            cache.poll(&ctx);
        }
        assert_eq!(wakes.load(Ordering::SeqCst), 0, "a prefetch draws no frame of its own");
        assert!(matches!(cache.get(next, [100.0, 50.0]), ImageState::Ready(_, 1.0)), "shown at once, no fade");
        wait_ready(&mut cache, &ctx, Path::new("shown.svg"));
        assert_eq!(wakes.load(Ordering::SeqCst), 1, "what the screen waits for wakes it");
        // A prefetch the screen starts waiting for wakes it too, or, finished already, asks
        // for the next frame itself.
        let late = Path::new("late.svg");
        cache.prefetch(late, [100.0, 50.0]);
        let _ = cache.get(late, [100.0, 50.0]);
        let finished_unseen = cache.finished_unseen;
        wait_ready(&mut cache, &ctx, late);
        assert!(finished_unseen || wakes.load(Ordering::SeqCst) == 2);
    }
}
