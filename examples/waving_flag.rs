//! Makes `assets/images/flag-waving.gif`, the animated picture of `slides/showcase.ron`: the
//! flag PNG (itself rendered from the public-domain SVG, see scripts/images/flag.mjs) on a
//! light ground, rippled by a travelling sine wave with a little shading, 24 frames at
//! 80 ms, looping. Deterministic: running it again gives the same file.
//!
//!     cargo run --release --example waving_flag

use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, Frame, Rgba, RgbaImage};

const FRAMES: u32 = 24;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let flag = image::open(root.join("assets/images/flag-kazakhstan.png"))?.into_rgba8();
    let (w, h) = (flag.width(), flag.height());
    let (pad_x, pad_y) = (24, 24);
    let ground = Rgba([0xFA, 0xF8, 0xF3, 0xFF]);
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(&mut bytes, 10);
        encoder.set_repeat(Repeat::Infinite)?;
        for i in 0..FRAMES {
            let phase = i as f32 / FRAMES as f32 * std::f32::consts::TAU;
            let mut out = RgbaImage::from_pixel(w + 2 * pad_x, h + 2 * pad_y, ground);
            for x in 0..w {
                // The hoist (left edge) stays still; the wave grows towards the fly.
                let reach = x as f32 / w as f32;
                let angle = reach * 2.2 * std::f32::consts::TAU - phase;
                let dy = (angle.sin() * 10.0 * reach).round() as i32;
                let shade = 1.0 + angle.cos() * 0.12 * reach;
                for y in 0..h {
                    let Rgba([r, g, b, a]) = *flag.get_pixel(x, y);
                    if a == 0 {
                        continue;
                    }
                    let ty = y as i32 + pad_y as i32 + dy;
                    let tint = |c: u8| (f32::from(c) * shade).clamp(0.0, 255.0) as u8;
                    out.put_pixel(x + pad_x, ty as u32, Rgba([tint(r), tint(g), tint(b), 255]));
                }
            }
            encoder.encode_frame(Frame::from_parts(out, 0, 0, Delay::from_numer_denom_ms(80, 1)))?;
        }
    }
    let target = root.join("assets/images/flag-waving.gif");
    std::fs::write(&target, &bytes)?;
    println!("{} ({} bytes, {FRAMES} frames)", target.display(), bytes.len());
    Ok(())
}
