//! What every Lectern window asks of the windowing system when it opens.

use egui::ViewportBuilder;

/// Larger than any screen; eframe clamps a window's first size to the largest monitor.
const LARGER_THAN_ANY_SCREEN: f32 = 1.0e5;

/// A viewport that shows fullscreen from its first frame: asked for fullscreen, and also
/// borderless at the size of the screen (and at its corner when no monitor is chosen).
///
/// Why: eframe keeps a new window hidden until its first frame is painted, and winit asks
/// the window manager for fullscreen only once the window is shown. A window opened at its
/// ordinary size is therefore painted and shown small, then grows a moment later (the room
/// saw a 1280x720 window flash on every start, a kiosk on every restart). Opened as large
/// as the screen and without a border, the first frame is painted at its final size and
/// the window maps where fullscreen will keep it.
pub fn fullscreen_from_first_frame(builder: ViewportBuilder, monitor: Option<usize>) -> ViewportBuilder {
    let builder = builder.with_fullscreen(true).with_decorations(false).with_inner_size([LARGER_THAN_ANY_SCREEN; 2]);
    match monitor {
        Some(index) => builder.with_monitor(index),
        None => builder.with_position([0.0, 0.0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fullscreen_window_opens_at_its_final_size_without_a_border() {
        let opened = fullscreen_from_first_frame(ViewportBuilder::default().with_inner_size([1280.0, 720.0]), None);
        assert_eq!(opened.fullscreen, Some(true));
        assert_eq!(opened.decorations, Some(false));
        assert!(opened.inner_size.is_some_and(|size| size.x >= 7680.0 && size.y >= 4320.0), "{:?}", opened.inner_size);
        assert_eq!(opened.position, Some(egui::pos2(0.0, 0.0)));
        let on_second = fullscreen_from_first_frame(ViewportBuilder::default(), Some(1));
        assert_eq!((on_second.monitor, on_second.position), (Some(1), None), "the chosen monitor places it");
    }
}
