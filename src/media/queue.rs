//! The decode queue between the UI thread and the image workers: jobs for the screen go
//! first, and only their results wake the UI.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::deck::AssetSource;

/// One decode: a file at a pixel size bucket.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Key {
    pub path: PathBuf,
    pub bucket: [u32; 2],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Priority {
    /// Drawn this frame: decoded and uploaded before anything else.
    Show,
    Prefetch,
}

pub(super) struct Job {
    pub key: Key,
    pub generation: u64,
    pub assets: Arc<dyn AssetSource>,
    pub urgency: Arc<Urgency>,
}

/// Whether a finished decode wakes the UI. A prefetch's result waits for the next frame
/// that comes anyway (the key press that shows it, at the latest), so prefetching the
/// neighbours draws no frame of its own; a decode the screen waits for wakes it at once.
/// The screen may start waiting for a prefetch at any time, also just after it finished,
/// so both sides swap one state and learn from the other's.
#[derive(Debug)]
pub(super) struct Urgency(AtomicU8);

const PREFETCHED: u8 = 0;
const URGENT: u8 = 1;
const FINISHED: u8 = 2;

impl Urgency {
    pub fn new(priority: Priority) -> Arc<Self> {
        Arc::new(Self(AtomicU8::new(if priority == Priority::Show { URGENT } else { PREFETCHED })))
    }

    /// On the worker, with the result sent: whether to wake the UI.
    pub fn finish(&self) -> bool {
        self.0.swap(FINISHED, Ordering::SeqCst) == URGENT
    }

    /// On the UI thread, the screen now waits for this decode: whether it has already
    /// finished unannounced (then the UI needs a frame to take its result).
    pub fn hurry(&self) -> bool {
        self.0.compare_exchange(PREFETCHED, URGENT, Ordering::SeqCst, Ordering::SeqCst) == Err(FINISHED)
    }
}

/// Decode jobs, the ones for the screen at the front. A plain channel would make the image
/// on screen wait behind every prefetch queued before it.
#[derive(Default)]
pub(super) struct JobQueue {
    jobs: Mutex<(VecDeque<Job>, bool)>,
    ready: Condvar,
}

impl JobQueue {
    pub fn push(&self, job: Job, priority: Priority) -> bool {
        let Ok(mut guard) = self.jobs.lock() else { return false };
        let (jobs, closed) = &mut *guard;
        if *closed {
            return false;
        }
        match priority {
            Priority::Show => jobs.push_front(job),
            Priority::Prefetch => jobs.push_back(job),
        }
        self.ready.notify_one();
        true
    }

    /// Moves a queued job for `key` to the front: a prefetch the screen now waits for.
    pub fn promote(&self, key: &Key) {
        let Ok(mut guard) = self.jobs.lock() else { return };
        let jobs = &mut guard.0;
        if let Some(at) = jobs.iter().position(|job| job.key == *key)
            && let Some(job) = jobs.remove(at)
        {
            jobs.push_front(job);
        }
    }

    /// The next job, waiting for one; `None` once the queue is closed.
    pub fn pop(&self) -> Option<Job> {
        let mut guard = self.jobs.lock().ok()?;
        loop {
            let (jobs, closed) = &mut *guard;
            if *closed {
                return None;
            }
            if let Some(job) = jobs.pop_front() {
                return Some(job);
            }
            guard = self.ready.wait(guard).ok()?;
        }
    }

    pub fn close(&self) {
        if let Ok(mut guard) = self.jobs.lock() {
            guard.1 = true;
            guard.0.clear();
        }
        self.ready.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::path::Path;

    use super::*;

    struct NoFiles;

    impl AssetSource for NoFiles {
        fn read(&self, _: &Path) -> std::io::Result<Cow<'static, [u8]>> {
            Err(std::io::ErrorKind::NotFound.into())
        }
    }

    #[test]
    fn the_screen_jumps_the_decode_queue() {
        let queue = JobQueue::default();
        let assets: Arc<dyn AssetSource> = Arc::new(NoFiles);
        let job = |name: &str| Job {
            key: Key { path: PathBuf::from(name), bucket: [256, 256] },
            generation: 0,
            assets: Arc::clone(&assets),
            urgency: Urgency::new(Priority::Prefetch),
        };
        for name in ["next", "previous", "after-next"] {
            assert!(queue.push(job(name), Priority::Prefetch));
        }
        assert!(queue.push(job("current"), Priority::Show));
        // The presenter pressed Next twice quickly: a prefetch is now on screen.
        queue.promote(&Key { path: PathBuf::from("after-next"), bucket: [256, 256] });
        let order: Vec<PathBuf> = (0..4).filter_map(|_| queue.pop()).map(|job| job.key.path).collect();
        assert_eq!(order, ["after-next", "current", "next", "previous"].map(PathBuf::from));
        queue.close();
        assert!(queue.pop().is_none(), "workers end when the cache is dropped");
        assert!(!queue.push(job("late"), Priority::Show));
    }

    #[test]
    fn only_a_decode_the_screen_waits_for_wakes_the_ui() {
        assert!(Urgency::new(Priority::Show).finish(), "the screen's own decode wakes it");
        assert!(!Urgency::new(Priority::Prefetch).finish(), "a prefetch waits for the next frame");
        let waited_for = Urgency::new(Priority::Prefetch);
        assert!(!waited_for.hurry(), "still decoding: its worker will wake the UI");
        assert!(waited_for.finish());
        let finished_first = Urgency::new(Priority::Prefetch);
        assert!(!finished_first.finish());
        assert!(finished_first.hurry(), "finished unannounced: the UI asks for a frame itself");
    }
}
