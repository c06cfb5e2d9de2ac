//! Everything that differs between operating systems, in one place, each with the fallback
//! it takes where its system call does not exist. The rest of the crate calls these and
//! never names an OS.
//!
//! | what | Linux (built, run and tested here) | other Unix (macOS) | Windows |
//! |---|---|---|---|
//! | open-file limit ([`limits`]) | raised to the hard limit | the same | 512 assumed |
//! | a decode worker's memory cap, death with its parent, OOM order ([`limits`]) | `setrlimit`, `PR_SET_PDEATHSIG`, `oom_score_adj` | `setrlimit` only | none: the worker's decoders keep their own limits and it ends when its pipe closes |
//! | allocator tuning ([`memory`]) | glibc's `mallopt` | none | none |
//! | service-manager notices ([`notify`]) | `sd_notify` datagrams, abstract names too | path sockets only | none: no watchdog, the supervisor restarts a show that ends but not one that freezes |
//! | stop signals ([`signals`]) | SIGTERM, SIGINT, SIGHUP | the same | Ctrl+C and SIGTERM as the C runtime delivers them, noticed within a quarter second |
//! | process CPU time ([`process_cpu_seconds`]) | `CLOCK_PROCESS_CPUTIME_ID` | the same | none: transitions draw at the full frame rate instead of one paced by a frame's cost |
//! | how a child ended ([`ended_by_signal`]) | the signal number | the same | never a signal |
//! | no display to open a window on ([`no_display`]) | neither `DISPLAY` nor `WAYLAND_DISPLAY` | not known before trying | not known before trying |
//! | the command key's name ([`COMMAND_KEY`]) | Ctrl | Cmd | Ctrl |
//! | keeping the display awake ([`awake`]) | ScreenSaver and logind inhibits (D-Bus) | the system's assertion | `SetThreadExecutionState` |
//! | a web link ([`open_in_browser`]) | `xdg-open` (or what `open` finds) | `open` | `start` |
//!
//! Only Linux could be compiled and run while writing this; the other columns are what the
//! code says, not what was seen (README, "Systems").

pub mod awake;
pub mod limits;
pub mod memory;
pub mod notify;
pub mod signals;

/// Opens `url` (`http`, `https` or `mailto`, as `deck::text` allows) in the system's
/// browser, without waiting for it; a failure is logged, never shown on the slide.
pub fn open_in_browser(url: &str) {
    if let Err(err) = open::that_detached(url) {
        log::warn!(target: "lectern", "cannot open {url}: {err}");
    }
}

/// Why no window can open here, in a sentence, when that is known before trying: on Linux
/// and the BSDs, neither `DISPLAY` (X11) nor `WAYLAND_DISPLAY` is set. Elsewhere (and where
/// one is set) `None`, and opening the window says whatever goes wrong.
pub fn no_display() -> Option<String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
            return Some(
                "there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set); \
                 `lectern check` and `lectern export` need none"
                    .to_owned(),
            );
        }
    }
    None
}

/// What the command modifier (egui's `Modifiers::COMMAND`) is called on this system's
/// keyboards: Cmd on a Mac, Ctrl elsewhere.
pub const COMMAND_KEY: &str = if cfg!(target_os = "macos") { "Cmd" } else { "Ctrl" };

/// CPU seconds this process has used so far, where the system can say.
pub fn process_cpu_seconds() -> Option<f64> {
    #[cfg(unix)]
    {
        let cpu = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
        Some(cpu.tv_sec as f64 + cpu.tv_nsec as f64 * 1e-9)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The signal that ended a child process, if one did.
pub fn ended_by_signal(status: std::process::ExitStatus) -> Option<i32> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.signal()
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        None
    }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn cpu_time_grows_with_work() {
        let before = super::process_cpu_seconds().unwrap();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        assert!(super::process_cpu_seconds().unwrap() > before);
    }

    #[cfg(unix)]
    #[test]
    fn a_killed_child_names_its_signal() {
        let mut child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        child.kill().unwrap();
        assert_eq!(super::ended_by_signal(child.wait().unwrap()), Some(9));
        let done = std::process::Command::new("true").status().unwrap();
        assert_eq!(super::ended_by_signal(done), None);
    }
}
