//! The floor for launch-time comparisons: an eframe window with the same renderer, features
//! and profile as Lectern that draws one label and closes after its first frame.
//! scripts/first-frame.sh times it against `lectern --exit-after-first-frame`.

struct Minimal;

impl eframe::App for Minimal {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("First frame");
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn main() -> eframe::Result {
    let viewport = egui::ViewportBuilder::default().with_title("minimal").with_inner_size([1280.0, 720.0]);
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native("minimal", options, Box::new(|_| Ok(Box::new(Minimal))))
}
