//! The process's resource limits, in one place: how many files it may hold open (raised at
//! start so show control can cap its connections well below it), and the address space of
//! a decode worker process (capped, so a picture that wants more ends that process only, and
//! ended with the show that started it).
//!
//! Unix only (`setrlimit` through rustix); elsewhere nothing is raised and the stated
//! fallback is a conservative 512 open files, the smallest common default (the table in
//! [`super`]).

/// The soft limit on open files after raising it to the hard limit where allowed.
pub fn raise_open_files() -> u64 {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        if limit.current != limit.maximum {
            let raised = Rlimit { current: limit.maximum, maximum: limit.maximum };
            if setrlimit(Resource::Nofile, raised).is_ok() {
                return limit.maximum.unwrap_or(u64::MAX);
            }
        }
        limit.current.unwrap_or(u64::MAX)
    }
    #[cfg(not(unix))]
    {
        512
    }
}

/// Caps this process's address space at `bytes` (a decode worker's, `media::sandbox`).
/// Elsewhere than Unix nothing is capped; the worker's decoders keep their own limits.
pub fn cap_address_space(bytes: u64) {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let hard = getrlimit(Resource::As).maximum;
        let capped = hard.map_or(bytes, |hard| hard.min(bytes));
        let _ = setrlimit(Resource::As, Rlimit { current: Some(capped), maximum: hard });
    }
    #[cfg(not(unix))]
    let _ = bytes;
}

/// Asks the system to kill this process when the thread that started it ends (a decode
/// worker whose show crashed must not go on decoding a picture nobody waits for). Linux
/// only; elsewhere the worker ends when it next reads from its closed pipe.
pub fn die_with_parent() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    }
}

/// Makes this process the one the kernel ends first when memory runs out (a decode worker
/// rather than the show). Linux only (`/proc/self/oom_score_adj`); elsewhere nothing.
pub fn first_to_go_when_memory_runs_out() {
    #[cfg(target_os = "linux")]
    let _ = std::fs::write("/proc/self/oom_score_adj", "1000");
}

/// This program's own file, to start it again as a worker: on Linux `/proc/self/exe`,
/// which stays the running binary even after a package upgrade replaced the file on disk;
/// elsewhere what the system says the executable is.
pub fn own_binary() -> Option<std::path::PathBuf> {
    #[cfg(target_os = "linux")]
    {
        Some(std::path::PathBuf::from("/proc/self/exe"))
    }
    #[cfg(not(target_os = "linux"))]
    {
        std::env::current_exe().ok()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_open_file_limit_is_the_hard_one_after_raising() {
        let soft = super::raise_open_files();
        // On Linux the hard limit is finite and may be taken (macOS's may be infinite).
        #[cfg(target_os = "linux")]
        {
            let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
            assert_eq!(Some(soft), limit.current.or(Some(u64::MAX)));
            assert_eq!(limit.current, limit.maximum, "raised to the hard limit");
        }
        assert!(soft >= 64);
    }
}
