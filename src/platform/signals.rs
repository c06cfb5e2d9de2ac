//! The signals that ask Lectern to stop: SIGTERM (systemd, `kill`), SIGINT (Ctrl+C) and, on
//! Unix, SIGHUP (the terminal closed). Through signal-hook, which knows which handlers are
//! safe; its iterator needs Unix, so elsewhere a thread looks at a flag four times a second.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[cfg(unix)]
const STOP: [std::ffi::c_int; 3] =
    [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT, signal_hook::consts::SIGHUP];
#[cfg(not(unix))]
const STOP: [std::ffi::c_int; 2] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

/// Sets `flag` when a stop signal arrives (for a loop that looks at it anyway).
pub fn raise_flag_on_stop(flag: &Arc<AtomicBool>) -> std::io::Result<()> {
    for signal in STOP {
        signal_hook::flag::register(signal, Arc::clone(flag))?;
    }
    Ok(())
}

/// Sets `flag` and calls `wake` when a stop signal arrives (for a window that sleeps until
/// something happens), from a thread named `lectern-signals`.
pub fn wake_on_stop(flag: &Arc<AtomicBool>, wake: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    let flag = Arc::clone(flag);
    #[cfg(unix)]
    {
        let mut signals = signal_hook::iterator::Signals::new(STOP)?;
        std::thread::Builder::new().name("lectern-signals".into()).spawn(move || {
            if signals.forever().next().is_some() {
                flag.store(true, Ordering::SeqCst);
                wake();
            }
        })?;
    }
    #[cfg(not(unix))]
    {
        let raised = Arc::new(AtomicBool::new(false));
        raise_flag_on_stop(&raised)?;
        std::thread::Builder::new().name("lectern-signals".into()).spawn(move || {
            while !raised.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(250));
            }
            flag.store(true, Ordering::SeqCst);
            wake();
        })?;
    }
    Ok(())
}
