//! Decoding tests: formats, sizes, orientation, colour, limits and broken files.

use super::*;

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 20, 30, 255]));
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

#[test]
fn raster_is_downscaled_to_fit_and_sniffed_by_content() {
    let image = decode(&png(400, 200), [100, 100]).unwrap();
    assert_eq!(image.size, [100, 50]);
    let small = decode(&png(40, 20), [100, 100]).unwrap();
    assert_eq!(small.size, [40, 20], "never enlarged");
}

#[test]
fn svg_renders_at_the_requested_size() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>"#;
    let image = decode(svg, [400, 400]).unwrap();
    assert_eq!(image.size, [400, 200]);
    assert_eq!(image.pixels[0], egui::Color32::RED);
}

/// A PNG whose eXIf chunk says "rotate 90° clockwise to display" (orientation 6).
fn png_turned(width: u32, height: u32) -> Vec<u8> {
    let plain = png(width, height);
    let exif: &[u8] = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
    let mut chunk = Vec::new();
    chunk.extend_from_slice(&(exif.len() as u32).to_be_bytes());
    let mut body = b"eXIf".to_vec();
    body.extend_from_slice(exif);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    // After the signature (8 bytes) and IHDR (4 + 4 + 13 + 4 bytes).
    let at = 8 + 25;
    [&plain[..at], &chunk, &plain[at..]].concat()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn exif_orientation_is_applied() {
    let turned = png_turned(40, 20);
    assert_eq!(natural_size(&turned), Some([20.0, 40.0]));
    assert_eq!(decode(&turned, [100, 100]).unwrap().size, [20, 40]);
}

#[test]
fn natural_size_reads_headers_only() {
    assert_eq!(natural_size(&png(40, 20)), Some([40.0, 20.0]));
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"></svg>"#;
    assert_eq!(natural_size(svg), Some([160.0, 90.0]));
    assert_eq!(natural_size(b"junk"), None);
}

#[test]
fn broken_files_are_errors_not_panics() {
    let mut truncated = png(50, 50);
    truncated.truncate(truncated.len() / 2);
    assert!(decode(&truncated, [10, 10]).is_err());
    assert!(decode(b"not an image", [10, 10]).is_err());
    assert!(probe(b"<svg xmlns='http://www.w3.org/2000/svg'><rect").is_err());
}

fn encoded(image: impl Into<DynamicImage>, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image.into().write_to(&mut Cursor::new(&mut bytes), format).unwrap();
    bytes
}

fn center(image: &ColorImage) -> [u8; 4] {
    let [w, h] = image.size;
    image.pixels[h / 2 * w + w / 2].to_srgba_unmultiplied()
}

fn close(a: [u8; 4], b: [u8; 4], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[test]
fn every_supported_raster_format_decodes_to_its_colours() {
    let rgb = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]));
    let cases: Vec<(&str, Vec<u8>, [u8; 4], u8)> = vec![
        ("webp lossless", encoded(rgb.clone(), image::ImageFormat::WebP), [200, 30, 30, 255], 0),
        (
            "grey",
            encoded(image::GrayImage::from_pixel(64, 48, image::Luma([90])), image::ImageFormat::Png),
            [90, 90, 90, 255],
            0,
        ),
        (
            "grey with alpha",
            encoded(image::GrayAlphaImage::from_pixel(64, 48, image::LumaA([90, 128])), image::ImageFormat::Png),
            [90, 90, 90, 128],
            1,
        ),
        (
            "16-bit RGBA",
            encoded(
                image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(64, 48, image::Rgba([51400, 7710, 7710, 65535])),
                image::ImageFormat::Png,
            ),
            [200, 30, 30, 255],
            0,
        ),
        ("baseline JPEG", encoded(rgb.clone(), image::ImageFormat::Jpeg), [200, 30, 30, 255], 4),
        (
            "progressive JPEG",
            include_bytes!("../../tests/fixtures/images/progressive.jpg").to_vec(),
            [200, 30, 30, 255],
            4,
        ),
        ("CMYK JPEG", include_bytes!("../../tests/fixtures/images/cmyk.jpg").to_vec(), [200, 30, 30, 255], 6),
        (
            "CMYK progressive JPEG",
            include_bytes!("../../tests/fixtures/images/cmyk-progressive.jpg").to_vec(),
            [200, 30, 30, 255],
            6,
        ),
    ];
    for (name, bytes, expected, tolerance) in cases {
        // Once at natural size, once downscaled (the JPEGs take the scaled-DCT path).
        for max in [[1000, 1000], [20, 20]] {
            let image = decode(&bytes, max).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert!(image.size[0] <= max[0] as usize, "{name} fits");
            let got = center(&image);
            assert!(close(got, expected, tolerance), "{name} at {max:?}: {got:?}, expected {expected:?}");
        }
    }
}

/// A GIF of 16 × 16 frames in these colours, each shown for `millis`.
fn animated_gif(colours: &[[u8; 4]], millis: u32) -> Vec<u8> {
    use image::codecs::gif::GifEncoder;
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        for colour in colours {
            let frame = image::RgbaImage::from_pixel(16, 16, image::Rgba(*colour));
            let delay = image::Delay::from_numer_denom_ms(millis, 1);
            encoder.encode_frame(image::Frame::from_parts(frame, 0, 0, delay)).unwrap();
        }
    }
    bytes
}

#[test]
fn gif_shows_its_first_frame() {
    let bytes = animated_gif(&[[0, 0, 255, 255], [255, 0, 0, 255]], 100);
    assert_eq!(center(&decode(&bytes, [100, 100]).unwrap()), [0, 0, 255, 255]);
}

#[test]
fn an_animated_gif_gives_every_frame_with_its_timing() {
    let bytes = animated_gif(&[[0, 0, 255, 255], [255, 0, 0, 255], [0, 255, 0, 255]], 250);
    let frames = decode_animation(&bytes, [8, 8]).unwrap().expect("animated");
    assert_eq!(frames.len(), 3);
    assert_eq!(frames.iter().map(|(image, _)| image.size).collect::<Vec<_>>(), [[8, 8]; 3], "scaled to fit");
    assert_eq!(frames.iter().map(|(_, seconds)| *seconds).collect::<Vec<_>>(), [0.25; 3]);
    assert_eq!(center(&frames[1].0), [255, 0, 0, 255]);
    let unstated = decode_animation(&animated_gif(&[[0; 4], [255; 4]], 0), [8, 8]).unwrap().unwrap();
    assert_eq!(unstated[0].1, 0.1, "a delay of 0 shows for 100 ms, as in browsers");
    let still = animated_gif(&[[0, 0, 255, 255]], 100);
    assert_eq!(decode_animation(&still, [8, 8]).unwrap().map(|f| f.len()), Some(1), "one frame, decoded once");
    let png = encoded(image::RgbImage::new(4, 4), image::ImageFormat::Png);
    assert!(decode_animation(&png, [8, 8]).unwrap().is_none(), "a plain PNG is not an animation");
}

#[test]
fn an_animation_on_a_huge_canvas_is_refused_and_many_frames_are_cut() {
    use image::codecs::gif::GifEncoder;
    // Tiny frames placed on a canvas far larger than an animation may be: refused from the
    // header, before any canvas is composed.
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        let frame = image::RgbaImage::from_pixel(8000, 1, image::Rgba([0, 0, 255, 255]));
        encoder.encode_frame(image::Frame::new(frame.clone())).unwrap();
        encoder.encode_frame(image::Frame::new(frame)).unwrap();
    }
    assert!(matches!(decode_animation(&bytes, [64, 64]), Err(DecodeError::TooLarge { .. })));
    // The frame budget bounds the work for a large canvas with many frames.
    assert_eq!((MAX_ANIMATION_WORK / (4096 * 4096)) as usize, 23, "a 4096² animation keeps 23 frames");
}

#[test]
fn large_jpeg_is_decoded_at_a_reduced_scale_and_turned_by_its_exif() {
    let photo = image::RgbImage::from_fn(800, 400, |x, _| image::Rgb(if x < 400 { [250, 0, 0] } else { [0, 0, 250] }));
    let jpeg = encoded(photo, image::ImageFormat::Jpeg);
    let image = decode(&jpeg, [200, 200]).unwrap();
    assert_eq!(image.size, [200, 100]);
    let left = image.pixels[50 * 200 + 20].to_srgba_unmultiplied();
    assert!(close(left, [250, 0, 0, 255], 12), "left half stays red: {left:?}");

    // The same file with an EXIF block saying "rotate 90° clockwise to display": the left
    // half becomes the top half.
    let exif: &[u8] = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&(exif.len() as u16 + 2).to_be_bytes());
    app1.extend_from_slice(exif);
    let turned = [&jpeg[..2], &app1, &jpeg[2..]].concat();
    assert_eq!(natural_size(&turned), Some([400.0, 800.0]));
    let image = decode(&turned, [200, 200]).unwrap();
    assert_eq!(image.size, [100, 200]);
    let top = image.pixels[20 * 100 + 50].to_srgba_unmultiplied();
    let bottom = image.pixels[180 * 100 + 50].to_srgba_unmultiplied();
    assert!(close(top, [250, 0, 0, 255], 12), "top is red: {top:?}");
    assert!(close(bottom, [0, 0, 250, 255], 12), "bottom is blue: {bottom:?}");
}

/// A PNG claiming a huge image, with a few bytes of compressed data behind its header
/// (a bomb's data would inflate to the full size).
fn png_header_only(width: u32, height: u32, bit_depth: u8, colour_type: u8) -> Vec<u8> {
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[bit_depth, colour_type, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    for (name, data) in [(b"IHDR", header.as_slice()), (b"IDAT", &[0x78, 0x9c, 0x63, 0, 0][..]), (b"IEND", &[])] {
        let body = [name.as_slice(), data].concat();
        bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
        bytes.extend_from_slice(&body);
        bytes.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    bytes
}

#[test]
fn a_jpeg_cut_short_is_refused_not_shown_half_grey() {
    let photo = image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let whole = encoded(photo, image::ImageFormat::Jpeg);
    assert!(decode(&whole, [320, 240]).is_ok() && probe(&whole).is_ok(), "the whole file is fine");
    let mut padded = whole.clone();
    padded.extend_from_slice(b"\0\0trailing bytes some cameras add");
    assert!(decode(&padded, [320, 240]).is_ok(), "data after the end marker is not a cut");
    let cut = &whole[..whole.len() * 6 / 10];
    for (name, result) in [("decode", decode(cut, [320, 240]).map(|_| ())), ("probe", probe(cut).map(|_| ()))] {
        let err = result.expect_err(name);
        assert!(matches!(err, DecodeError::Truncated), "{name}: {err:?}");
        assert!(err.to_string().contains("cut short"), "{err}");
    }
    // An embedded thumbnail brings an end marker of its own before the main image's scan.
    let thumbnail = [&[0xFF, 0xE1, 0x00, 0x06][..], &[0xFF, 0xD9, 0x00, 0x00]].concat();
    let with_thumbnail_cut = [&cut[..2], &thumbnail[..], &cut[2..]].concat();
    assert!(matches!(decode(&with_thumbnail_cut, [320, 240]), Err(DecodeError::Truncated)));
    // Scaled decoding (a large JPEG shown small) takes the same check.
    assert!(matches!(decode(cut, [40, 30]), Err(DecodeError::Truncated)));
}

#[test]
fn decompression_bombs_are_refused_from_the_header_with_a_clear_message() {
    for (width, height, depth, colour) in [(100_000, 100_000, 8, 6), (16_000, 16_000, 16, 6)] {
        let bomb = png_header_only(width, height, depth, colour);
        let err = decode(&bomb, [1920, 1080]).unwrap_err();
        assert!(matches!(err, DecodeError::TooLarge { .. }), "{width}x{height}: {err:?}");
        let message = err.to_string();
        assert!(message.contains(&format!("{width}x{height}")), "{message}");
        assert!(message.contains("too large"), "{message}");
    }
    // Wide but small in memory is fine.
    let thin = image::ImageBuffer::<image::Luma<u16>, _>::new(16_000, 1);
    assert!(decode(&encoded(thin, image::ImageFormat::Png), [100, 100]).is_ok());
}

#[test]
fn content_decides_the_format_not_the_name() {
    // decode() never sees a file name; a PNG is a PNG whatever it is called. The deck
    // loader's test of a .jpg that holds a PNG is in tests/cli.rs.
    let png = png(30, 10);
    assert_eq!(decode(&png, [100, 100]).unwrap().size, [30, 10]);
    let mut truncated_jpeg = encoded(image::RgbImage::new(64, 64), image::ImageFormat::Jpeg);
    truncated_jpeg.truncate(40);
    assert!(decode(&truncated_jpeg, [10, 10]).is_err());
}

#[test]
fn svg_cannot_read_files_or_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.png");
    image::RgbImage::from_pixel(8, 8, image::Rgb([255, 0, 0])).save(&secret).unwrap();
    for href in [
        secret.display().to_string(),
        format!("file://{}", secret.display()),
        "secret.png".to_owned(),
        "http://127.0.0.1:9/x.png".to_owned(),
    ] {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="8" height="8"><image width="8" height="8" href="{href}" xlink:href="{href}"/></svg>"#
        );
        let image = decode(svg.as_bytes(), [8, 8]).unwrap();
        assert_eq!(center(&image)[3], 0, "{href} was not loaded");
    }
}

/// Colour patches of the odd-image fixtures (scripts/fixtures/odd-images.sh): 4 x 2 patches
/// of 24 x 32 pixels; the centre of each, in a picture of any size.
fn patch_centres(image: &ColorImage) -> Vec<[u8; 4]> {
    let [w, h] = image.size;
    (0..8)
        .map(|i| {
            let (x, y) = ((i % 4) * w / 4 + w / 8, (i / 4) * h / 2 + h / 4);
            image.pixels[y * w + x].to_srgba_unmultiplied()
        })
        .collect()
}

fn largest_difference(a: &[[u8; 4]], b: &[[u8; 4]]) -> u8 {
    a.iter().zip(b).flat_map(|(x, y)| x.iter().zip(y).map(|(p, q)| p.abs_diff(*q))).max().unwrap_or(0)
}

/// The picture as `image` decodes it, with no colour management: what Lectern showed before.
fn unmanaged(bytes: &[u8]) -> ColorImage {
    let rgba = image::load_from_memory(bytes).unwrap().into_rgba8();
    ColorImage::from_rgba_unmultiplied([rgba.width() as usize, rgba.height() as usize], rgba.as_raw())
}

#[test]
fn wide_gamut_pictures_are_converted_to_srgb_as_imagemagick_does() {
    let cases: [(&str, &[u8], &[u8]); 2] = [
        (
            "Adobe RGB JPEG",
            include_bytes!("../../tests/fixtures/images/adobe-rgb.jpg"),
            include_bytes!("../../tests/fixtures/images/adobe-rgb.srgb-by-imagemagick.png"),
        ),
        (
            "ProPhoto PNG",
            include_bytes!("../../tests/fixtures/images/prophoto.png"),
            include_bytes!("../../tests/fixtures/images/prophoto.srgb-by-imagemagick.png"),
        ),
    ];
    for (name, file, reference) in cases {
        let expected = patch_centres(&decode(reference, [1000, 1000]).unwrap());
        let naive = largest_difference(&patch_centres(&unmanaged(file)), &expected);
        assert!(naive > 20, "{name}: without colour management the colours are off ({naive})");
        // At full size, and at half size (the JPEG's scaled-DCT path).
        for max in [[1000, 1000], [48, 32]] {
            let got = patch_centres(&decode(file, max).unwrap());
            let delta = largest_difference(&got, &expected);
            assert!(delta <= 3, "{name} at {max:?}: {got:?}\nImageMagick: {expected:?} (largest difference {delta})");
        }
    }
}

#[test]
fn sixteen_bit_samples_are_scaled_to_eight_not_truncated() {
    // Every 16-bit value v shows as round(v / 257): 0x00C0 is 1, not 0; 0xFF80 is 254, not 255.
    let values: Vec<u16> = (0..=255u16).map(|i| i * 257 / 2 + 0x40).chain([0x00C0, 0xFF80, 0, 65535]).collect();
    let width = values.len() as u32;
    let gradient =
        image::ImageBuffer::<image::Luma<u16>, _>::from_fn(width, 2, |x, _| image::Luma([values[x as usize]]));
    let image = decode(&encoded(gradient, image::ImageFormat::Png), [10_000, 10_000]).unwrap();
    for (x, v) in values.iter().enumerate() {
        let expected = (f64::from(*v) / 257.0).round() as u8;
        assert_eq!(image.pixels[x].r(), expected, "16-bit value {v:#06x}");
    }
}

fn png_encoded(width: u32, height: u32, set: impl FnOnce(&mut png::Encoder<&mut Vec<u8>>), data: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        set(&mut encoder);
        encoder.write_header().unwrap().write_image_data(data).unwrap();
    }
    bytes
}

#[test]
fn a_palette_png_with_transparency_keeps_its_transparent_entries() {
    let bytes = png_encoded(
        4,
        1,
        |e| {
            e.set_color(png::ColorType::Indexed);
            e.set_palette(vec![255, 0, 0, 0, 0, 255, 0, 255, 0]);
            // Entry 0 fully transparent, entry 1 half, entry 2 opaque (no tRNS entry).
            e.set_trns(vec![0, 128]);
        },
        &[0, 1, 2, 2],
    );
    let image = decode(&bytes, [100, 100]).unwrap();
    let pixels: Vec<[u8; 4]> = image.pixels.iter().map(|p| p.to_srgba_unmultiplied()).collect();
    assert_eq!(pixels[0][3], 0, "transparent entry");
    assert!(close(pixels[1], [0, 0, 255, 128], 2), "half-transparent blue: {:?}", pixels[1]);
    assert_eq!(pixels[2], [0, 255, 0, 255]);
}

#[test]
fn a_one_bit_scan_is_black_and_white_not_dark_grey() {
    // A checkerboard of 8 x 2 pixels at 1 bit per pixel: one byte a row.
    let bytes = png_encoded(
        8,
        2,
        |e| {
            e.set_color(png::ColorType::Grayscale);
            e.set_depth(png::BitDepth::One);
        },
        &[0b1010_1010, 0b0101_0101],
    );
    let image = decode(&bytes, [100, 100]).unwrap();
    let greys: Vec<u8> = image.pixels.iter().map(|p| p.r()).collect();
    assert_eq!(greys[..8], [255, 0, 255, 0, 255, 0, 255, 0]);
    assert_eq!(greys[8..], [0, 255, 0, 255, 0, 255, 0, 255]);
}

#[test]
fn an_interlaced_png_is_put_back_in_order() {
    // A red-to-blue gradient from top to bottom, Adam7-interlaced by ImageMagick: every row
    // is one colour, and red falls while blue rises row by row.
    let image = decode(include_bytes!("../../tests/fixtures/images/interlaced.png"), [1000, 1000]).unwrap();
    let [w, h] = image.size;
    assert_eq!([w, h], [64, 48]);
    let row = |y: usize| image.pixels[y * w].to_srgba_unmultiplied();
    for y in 0..h {
        assert!(
            image.pixels[y * w..(y + 1) * w].iter().all(|p| p.to_srgba_unmultiplied() == row(y)),
            "row {y} is flat"
        );
        if y > 0 {
            assert!(
                row(y)[0] <= row(y - 1)[0] && row(y)[2] >= row(y - 1)[2],
                "row {y}: {:?} after {:?}",
                row(y),
                row(y - 1)
            );
        }
    }
    assert!(row(0)[0] > 240 && row(h - 1)[2] > 240);
}

#[test]
fn a_png_with_linear_gamma_is_shown_brighter_as_browsers_do() {
    let bytes = png_encoded(
        2,
        2,
        |e| {
            e.set_color(png::ColorType::Grayscale);
            e.set_source_gamma(png::ScaledFloat::new(1.0));
        },
        &[128; 4],
    );
    assert_eq!(decode(&bytes, [10, 10]).unwrap().pixels[0].r(), 186, "255 * (128/255)^(1/2.2)");
    let srgb = png_encoded(2, 2, |e| e.set_color(png::ColorType::Grayscale), &[128; 4]);
    assert_eq!(decode(&srgb, [10, 10]).unwrap().pixels[0].r(), 128, "no gamma: as stored");
}

#[test]
fn formats_lectern_does_not_read_are_named() {
    let ftyp = |brands: &[u8]| {
        let mut bytes = ((8 + brands.len()) as u32).to_be_bytes().to_vec();
        bytes.extend_from_slice(b"ftyp");
        bytes.extend_from_slice(brands);
        bytes.extend_from_slice(&[0; 64]);
        bytes
    };
    let cases: [(&str, Vec<u8>); 7] = [
        ("HEIC", ftyp(b"heic\0\0\0\0mif1heic")),
        ("HEIC", ftyp(b"mif1\0\0\0\0mif1")),
        ("AVIF", ftyp(b"avif\0\0\0\0avifmif1miaf")),
        ("AVIF", ftyp(b"mif1\0\0\0\0mif1avif")),
        ("TIFF", b"II*\0\x08\0\0\0 scanner output".to_vec()),
        ("JPEG XL", b"\xFF\x0A\xFA\x7F more".to_vec()),
        ("BMP", b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0".to_vec()),
    ];
    // Cut short right after the box type: named all the same, never a panic.
    let short = b"\0\0\0\x0cftyp".to_vec();
    assert!(decode(&short, [10, 10]).is_err() && probe(&short).is_err());
    for (name, bytes) in cases {
        for result in [decode(&bytes, [10, 10]).map(|_| ()), probe(&bytes).map(|_| ())] {
            let message = result.expect_err(name).to_string();
            assert!(message.contains(name) && message.contains("convert it to PNG or JPEG"), "{name}: {message}");
        }
    }
}
