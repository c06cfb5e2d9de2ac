//! What the tests that run the `lectern` binary share.

use std::process::{Command, Output};

/// Runs `lectern ARGS` from the project folder with no display, so anything that tried to
/// open a window would fail, not hang.
pub fn lectern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run lectern")
}
