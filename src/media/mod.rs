//! Images on screen: decoding runs on named worker threads and reports back through a channel
//! whose sender wakes the UI; the UI thread only uploads finished pixels as textures.
//!
//! Each image is decoded for a pixel size bucket (the size it is shown at, rounded up), so a
//! window that grows gets a sharper decode and a small one never holds a 12-megapixel texture.
//! Entries are evicted least-recently-used once there are more than [`MAX_ENTRIES`].

pub mod decode;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::deck::AssetSource;

/// Decoded sizes are rounded up to a multiple of this many pixels, so small window changes
/// reuse what is decoded.
const BUCKET: u32 = 256;
const MAX_ENTRIES: usize = 48;
const WORKERS: usize = 2;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    bucket: [u32; 2],
}

/// What the painter can draw for an image right now.
#[derive(Clone)]
pub enum ImageState {
    Loading,
    Ready(TextureHandle),
    Failed(Arc<str>),
}

struct Job {
    key: Key,
    generation: u64,
    assets: Arc<dyn AssetSource>,
}

struct Done {
    key: Key,
    /// Which request this answers; a result for an older request of the same key (the file
    /// changed meanwhile) is dropped.
    generation: u64,
    result: Result<ColorImage, String>,
}

pub struct ImageCache {
    assets: Arc<dyn AssetSource>,
    jobs: Sender<Job>,
    done: Receiver<Done>,
    entries: HashMap<Key, (ImageState, u64)>,
    /// The request each loading entry waits for.
    pending: HashMap<Key, u64>,
    generation: u64,
    /// Bumped every frame, for least-recently-used eviction.
    clock: u64,
}

impl ImageCache {
    /// Starts the worker threads; `wake` is called whenever a decode finishes.
    pub fn new(assets: Arc<dyn AssetSource>, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (jobs, job_rx) = channel::<Job>();
        let (done_tx, done) = channel::<Done>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let wake = Arc::new(wake);
        for i in 0..WORKERS {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            let wake = Arc::clone(&wake);
            let spawned = std::thread::Builder::new().name(format!("lectern-image-{i}")).spawn(move || {
                loop {
                    // Hold the lock only to take one job, never while decoding.
                    let job = {
                        let Ok(rx) = job_rx.lock() else { return };
                        rx.recv()
                    };
                    let Ok(job) = job else { return };
                    let result = job
                        .assets
                        .read(&job.key.path)
                        .map_err(|err| err.to_string())
                        .and_then(|bytes| decode::decode(&bytes, job.key.bucket).map_err(|err| err.to_string()));
                    if done_tx.send(Done { key: job.key, generation: job.generation, result }).is_err() {
                        return;
                    }
                    wake();
                }
            });
            if let Err(err) = spawned {
                eprintln!("lectern: cannot start an image worker: {err}");
            }
        }
        Self { assets, jobs, done, entries: HashMap::new(), pending: HashMap::new(), generation: 0, clock: 0 }
    }

    /// Switches to another deck's files; everything decoded so far is dropped.
    pub fn set_assets(&mut self, assets: Arc<dyn AssetSource>) {
        self.assets = assets;
        self.entries.clear();
    }

    /// The image at `path` for display at `size_px`, requesting a decode if needed.
    pub fn get(&mut self, path: &std::path::Path, size_px: [f32; 2]) -> ImageState {
        let key = Key { path: path.to_owned(), bucket: bucket(size_px) };
        let clock = self.clock;
        if let Some((entry, used)) = self.entries.get_mut(&key) {
            *used = clock;
            return match entry {
                ImageState::Loading => self.fallback(&key).unwrap_or(ImageState::Loading),
                done => done.clone(),
            };
        }
        self.request(key.clone());
        self.fallback(&key).unwrap_or(ImageState::Loading)
    }

    /// Forgets every decode of these files (they changed on disk); they are decoded again
    /// when next shown. Other images stay.
    pub fn invalidate(&mut self, paths: &[PathBuf]) {
        self.entries.retain(|key, _| !paths.contains(&key.path));
    }

    /// Requests a decode without showing it yet (prefetching the next slides).
    pub fn prefetch(&mut self, path: &std::path::Path, size_px: [f32; 2]) {
        let key = Key { path: path.to_owned(), bucket: bucket(size_px) };
        if !self.entries.contains_key(&key) {
            self.request(key);
        }
    }

    fn request(&mut self, key: Key) {
        self.generation += 1;
        self.pending.insert(key.clone(), self.generation);
        let job = Job { key: key.clone(), generation: self.generation, assets: Arc::clone(&self.assets) };
        let entry = if self.jobs.send(job).is_ok() {
            ImageState::Loading
        } else {
            ImageState::Failed("image workers stopped".into())
        };
        self.entries.insert(key, (entry, self.clock));
    }

    /// While a sharper decode is on its way, show any decode of the same file.
    fn fallback(&self, key: &Key) -> Option<ImageState> {
        self.entries.iter().find_map(|(k, (entry, _))| match entry {
            ImageState::Ready(texture) if k.path == key.path => Some(ImageState::Ready(texture.clone())),
            _ => None,
        })
    }

    /// Uploads finished decodes; call once per frame before painting. Returns whether any
    /// image arrived (so the caller knows a repaint shows something new).
    pub fn poll(&mut self, ctx: &egui::Context) -> bool {
        self.clock += 1;
        let mut arrived = false;
        while let Ok(done) = self.done.try_recv() {
            // A result for an entry that was evicted, belongs to another deck or answers an
            // older request is dropped.
            if self.pending.get(&done.key) != Some(&done.generation) {
                continue;
            }
            self.pending.remove(&done.key);
            let Some((entry, _)) = self.entries.get_mut(&done.key) else { continue };
            *entry = match done.result {
                Ok(image) => {
                    let name = format!("{}@{}x{}", done.key.path.display(), done.key.bucket[0], done.key.bucket[1]);
                    ImageState::Ready(ctx.load_texture(name, image, TextureOptions::LINEAR))
                }
                Err(message) => ImageState::Failed(message.into()),
            };
            arrived = true;
        }
        self.evict();
        arrived
    }

    fn evict(&mut self) {
        while self.entries.len() > MAX_ENTRIES {
            let Some(oldest) = self.entries.iter().min_by_key(|(_, (_, used))| *used).map(|(k, _)| k.clone()) else {
                return;
            };
            self.entries.remove(&oldest);
        }
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
        while !matches!(cache.get(path, [100.0, 50.0]), ImageState::Ready(_)) {
            assert!(std::time::Instant::now() < deadline, "decode finished");
            std::thread::sleep(std::time::Duration::from_millis(2));
            cache.poll(ctx);
        }
    }

    #[test]
    fn a_changed_image_is_decoded_again_and_the_others_are_not() {
        let ctx = egui::Context::default();
        let assets = Arc::new(Counting(AtomicUsize::new(0)));
        let mut cache = ImageCache::new(assets.clone(), || {});
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
}
