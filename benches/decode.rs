//! Image decoding, in process: `cargo bench --bench decode`. A 12-megapixel photograph
//! (4000x3000 JPEG, quality 90, generated) decoded and downscaled to fit 1920x1080, as the
//! app does for a full-screen image; beside it, a plain full-size decode with `image` (what
//! a naive viewer does) and the downscale alone. The comparison with libjpeg-turbo's
//! `djpeg -scale 1/2` is a whole-process one: scripts/bench-decode.sh. The same photo with an
//! Adobe RGB profile embedded measures what colour management adds. Last, the JPEG encode
//! that PDF export does after the decode, with `image`'s encoder and with `jpeg-encoder`.

#[path = "support/photo.rs"]
mod photo;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::media::decode::{decode, downscale};

fn decoding(c: &mut Criterion) {
    let jpeg = photo::synthetic_jpeg(4000, 3000, 7);
    let full = image::load_from_memory(&jpeg).expect("decodes");
    let mut group = c.benchmark_group("decode 12 MP JPEG");
    group.sample_size(20);
    group.bench_function("lectern: decode + downscale to fit 1920x1080", |b| {
        b.iter(|| decode(black_box(&jpeg), [1920, 1080]).expect("decodes"))
    });
    let adobe = with_icc_profile(&jpeg, include_bytes!("../tests/fixtures/images/icc/compatibleWithAdobeRGB1998.icc"));
    group.bench_function("lectern: the same with an Adobe RGB profile (converted to sRGB)", |b| {
        b.iter(|| decode(black_box(&adobe), [1920, 1080]).expect("decodes"))
    });
    group.bench_function("image: full-size decode only", |b| {
        b.iter(|| image::load_from_memory(black_box(&jpeg)).expect("decodes"))
    });
    group.bench_function("fast_image_resize: 4000x3000 to 1440x1080 only", |b| {
        b.iter(|| downscale(black_box(&full), 1440, 1080).expect("resizes"))
    });
    group.finish();

    // What PDF export does with a photo after the decode: encode it again as JPEG at the size
    // its box needs (here 1640x1230, a photo filling the height of a slide at 1.5 px a unit).
    let rgb = downscale(&full, 1640, 1230).expect("resizes").into_rgb8();
    let mut group = c.benchmark_group("encode a photo for PDF export (1640x1230, quality 88)");
    group.sample_size(20);
    group.bench_function("image's JpegEncoder", |b| {
        b.iter(|| {
            let mut jpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88)
                .encode(black_box(rgb.as_raw()), 1640, 1230, image::ExtendedColorType::Rgb8)
                .expect("encodes");
            jpeg
        })
    });
    group.bench_function("jpeg-encoder with AVX2 (what export uses)", |b| {
        b.iter(|| {
            let mut jpeg = Vec::new();
            jpeg_encoder::Encoder::new(&mut jpeg, 88)
                .encode(black_box(rgb.as_raw()), 1640, 1230, jpeg_encoder::ColorType::Rgb)
                .expect("encodes");
            jpeg
        })
    });
    group.finish();
}

/// `jpeg` with `profile` in an APP2 `ICC_PROFILE` segment right after its start marker, as
/// a camera writes it.
fn with_icc_profile(jpeg: &[u8], profile: &[u8]) -> Vec<u8> {
    let mut segment = vec![0xFF, 0xE2];
    segment.extend_from_slice(&((2 + 12 + 2 + profile.len()) as u16).to_be_bytes());
    segment.extend_from_slice(b"ICC_PROFILE\0");
    segment.extend_from_slice(&[1, 1]);
    segment.extend_from_slice(profile);
    [&jpeg[..2], &segment, &jpeg[2..]].concat()
}

criterion_group!(benches, decoding);
criterion_main!(benches);
