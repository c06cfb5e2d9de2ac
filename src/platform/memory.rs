//! How the process's allocator treats large buffers: decoded pixels, texture storage, PDF
//! pages.
//!
//! glibc's malloc serves a large allocation with its own `mmap` and unmaps it when freed,
//! but only up to a threshold that it raises to the size of every such buffer freed. After
//! the first decoded photograph, photographs' pixels (and the renderer's texture storage,
//! which llvmpipe mallocs on the UI thread) land in the heaps instead, where a freed buffer
//! under a live one is never returned: stepping through five photographs left about 23 MiB
//! of freed pixels in the heaps (`docs/BENCHMARKS.md`, "Frames that cost little").
//! A fixed threshold keeps every buffer of a mebibyte or more in its own mapping, returned
//! to the system the moment it is freed. What that costs is page faults on each new buffer,
//! which the decoder threads pay, not frames.
//!
//! glibc on Linux only; elsewhere the system's allocator keeps its own policy.

/// Buffers of this size or more get their own mapping: a 512x512 RGBA image, a small part
/// of one slide's pixels.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const OWN_MAPPING_BYTES: libc::c_int = 1 << 20;

/// Sets the allocator up as the module doc says. Call once, first thing in `main`, before
/// any thread starts.
#[allow(unsafe_code)] // The crate's one use: no safe wrapper of mallopt exists.
pub fn return_large_buffers_promptly() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt changes a parameter of glibc's allocator; it is called before any
    // other thread exists and takes no pointers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, OWN_MAPPING_BYTES);
    }
}
