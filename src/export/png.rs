//! PNG pictures of the exported pages: each page of the PDF rasterised on the CPU with
//! `hayro` (a pure-Rust PDF renderer from krilla's author), so a PNG shows exactly what the
//! document shows and needs no window or GPU.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

/// Each page of `pdf` as PNG bytes, as large as fits `[width, height]` pixels at the page's
/// own shape, handed to `each` in order as it is rendered: one page's pixels are held at a
/// time, however long the deck.
pub fn pages<E>(
    pdf: Vec<u8>,
    [width, height]: [u32; 2],
    mut each: impl FnMut(usize, Vec<u8>) -> Result<(), E>,
) -> Result<(), PngError<E>> {
    let pdf = Pdf::new(pdf).map_err(|err| PngError::Render(format!("the PDF cannot be read back: {err:?}")))?;
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let settings = RenderSettings { hinting: false, ..RenderSettings::default() };
    for (index, page) in pdf.pages().iter().enumerate() {
        let (page_width, page_height) = page.render_dimensions();
        let scale = (width as f32 / page_width.max(1.0)).min(height as f32 / page_height.max(1.0));
        let pixmap = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
        let rendered = render(page, &cache, &interpreter, &settings, &pixmap);
        let png = rendered.into_png().map_err(|err| PngError::Render(format!("cannot encode PNG: {err:?}")))?;
        each(index, png).map_err(PngError::Page)?;
    }
    Ok(())
}

/// Why the pages stopped: rendering or encoding failed, or `each` refused a page.
pub enum PngError<E> {
    Render(String),
    Page(E),
}
