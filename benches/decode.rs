//! Image decoding, in process: `cargo bench --bench decode`. A 12-megapixel photograph
//! (4000x3000 JPEG, quality 90, generated) decoded and downscaled to fit 1920x1080, as the
//! app does for a full-screen image; beside it, a plain full-size decode with `image` (what
//! a naive viewer does) and the downscale alone. The comparison with libjpeg-turbo's
//! `djpeg -scale 1/2` is a whole-process one: scripts/bench-decode.sh.

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
    group.bench_function("image: full-size decode only", |b| {
        b.iter(|| image::load_from_memory(black_box(&jpeg)).expect("decodes"))
    });
    group.bench_function("fast_image_resize: 4000x3000 to 1440x1080 only", |b| {
        b.iter(|| downscale(black_box(&full), 1440, 1080).expect("resizes"))
    });
    group.finish();
}

criterion_group!(benches, decoding);
criterion_main!(benches);
