//! Synthetic photographs for benchmarks: smooth gradients, soft shapes and fine grain, so a
//! JPEG of one compresses and decodes like a camera picture (a flat colour would be
//! unrealistically fast). Deterministic for a given seed.

use image::{Rgb, RgbImage};

pub fn synthetic_photo(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let blobs: Vec<[f32; 6]> = (0..12)
        .map(|_| {
            let mut r = |range: f32| (random() % 10_000) as f32 / 10_000.0 * range;
            [r(width as f32), r(height as f32), 50.0 + r(width as f32 / 4.0), r(255.0), r(255.0), r(255.0)]
        })
        .collect();
    let base = [(seed * 37 % 200) as f32, (seed * 91 % 200) as f32, (seed * 53 % 200) as f32];
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut c = [base[0] * (1.0 - fy) + 40.0 * fx, base[1] * (0.5 + fx / 2.0), base[2] * (1.0 - fx * fy)];
        for [bx, by, radius, r, g, b] in &blobs {
            let d2 = ((x as f32 - bx).powi(2) + (y as f32 - by).powi(2)) / (radius * radius);
            let w = (-d2).exp();
            c = [c[0] * (1.0 - w) + r * w, c[1] * (1.0 - w) + g * w, c[2] * (1.0 - w) + b * w];
        }
        // Grain: a cheap hash of the position, a few levels deep.
        let grain = ((x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663) ^ seed) % 17) as f32 - 8.0;
        Rgb(c.map(|v| (v + grain).clamp(0.0, 255.0) as u8))
    })
}

/// The photo as JPEG bytes at quality 90.
pub fn synthetic_jpeg(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90);
    synthetic_photo(width, height, seed).write_with_encoder(encoder).expect("encoding to memory");
    bytes
}
