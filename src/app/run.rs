//! Opening the presenter's window: the audience window (on its monitor, fullscreen if asked)
//! with the app in it; the console opens from the app itself.

use std::path::Path;

use super::{AppOptions, LecternApp};
use crate::deck::{LoadError, Loaded};
use crate::session::{DeckSource, deck_title};

/// Runs the presenter until its window closes.
pub fn present(
    source: DeckSource,
    initial: Result<Loaded, LoadError>,
    options: AppOptions,
) -> Result<(), eframe::Error> {
    let title = match &initial {
        Ok(loaded) => format!("{} — Lectern", deck_title(&loaded.deck, crate::deck::Lang::DEFAULT)),
        Err(_) => format!("{} — Lectern", file_name(&source.path())),
    };
    let viewport = egui::ViewportBuilder::default()
        .with_title(title)
        .with_app_id("lectern")
        .with_inner_size(crate::window::WINDOW_SIZE)
        .with_min_inner_size([320.0, 180.0])
        .with_drag_and_drop(true);
    let viewport = match (options.opens_fullscreen, options.audience_monitor) {
        (true, monitor) => crate::window::fullscreen_from_first_frame(viewport, monitor),
        (false, Some(index)) => viewport.with_monitor(index),
        (false, None) => viewport,
    };
    let native = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "lectern",
        native,
        Box::new(move |cc| Ok(Box::new(LecternApp::with_options(&cc.egui_ctx, source, initial, options)))),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
