//! PNG pictures of the exported pages: each page of the PDF rasterised on the CPU with
//! `hayro` (a pure-Rust PDF renderer from krilla's author), so a PNG shows exactly what the
//! document shows and needs no window or GPU.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

/// Each page of `pdf` as PNG bytes, as large as fits `[width, height]` pixels at the page's
/// own shape.
pub fn pages(pdf: Vec<u8>, [width, height]: [u32; 2]) -> Result<Vec<Vec<u8>>, String> {
    let pdf = Pdf::new(pdf).map_err(|err| format!("the PDF cannot be read back: {err:?}"))?;
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let settings = RenderSettings { hinting: false, ..RenderSettings::default() };
    pdf.pages()
        .iter()
        .map(|page| {
            let (page_width, page_height) = page.render_dimensions();
            let scale = (width as f32 / page_width.max(1.0)).min(height as f32 / page_height.max(1.0));
            let pixmap = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
            let rendered = render(page, &cache, &interpreter, &settings, &pixmap);
            rendered.into_png().map_err(|err| format!("cannot encode PNG: {err:?}"))
        })
        .collect()
}
