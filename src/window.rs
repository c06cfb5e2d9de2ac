//! What every Lectern window asks of the windowing system when it opens (whether there is
//! one to ask is [`crate::platform::no_display`]).

use egui::ViewportBuilder;

/// An ordinary window's size when it opens, or leaves the fullscreen it opened in.
pub const WINDOW_SIZE: [f32; 2] = [1280.0, 720.0];

/// Larger than any screen; eframe clamps a window's first size to the largest monitor.
const LARGER_THAN_ANY_SCREEN: f32 = 1.0e5;

/// A viewport that shows fullscreen from its first frame: asked for fullscreen, borderless,
/// and, unless a monitor is chosen, at the size of the screen and at its corner (where
/// fullscreen then keeps it; the window manager would otherwise pick the place).
///
/// Why: eframe keeps a new window hidden until its first frame is painted, and winit asks
/// the window manager for fullscreen only once the window is shown. A window opened at its
/// ordinary size is therefore painted and shown small, then grows a moment later (the room
/// saw a 1280x720 window flash on every start, a kiosk on every restart). Opened as large
/// as the screen and without a border, the first frame is painted at its final size and
/// the window maps where fullscreen will keep it.
///
/// On a chosen monitor egui places the window itself, and the size to open at is not known
/// before the window exists (eframe clamps to the largest monitor, which may be another).
pub fn fullscreen_from_first_frame(builder: ViewportBuilder, monitor: Option<usize>) -> ViewportBuilder {
    let builder = builder.with_fullscreen(true).with_decorations(false);
    match monitor {
        Some(index) => builder.with_monitor(index),
        None => builder.with_inner_size([LARGER_THAN_ANY_SCREEN; 2]).with_position([0.0, 0.0]),
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
        let on_second =
            fullscreen_from_first_frame(ViewportBuilder::default().with_inner_size([1280.0, 720.0]), Some(1));
        assert_eq!((on_second.monitor, on_second.position), (Some(1), None), "the chosen monitor places it");
        assert_eq!(on_second.inner_size, Some(egui::vec2(1280.0, 720.0)));
        assert_eq!(on_second.decorations, Some(false), "no title bar if the window manager is slow to fullscreen it");
    }
}
