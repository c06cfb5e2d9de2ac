//! Turning image bytes into pixels: PNG, JPEG (baseline, progressive, CMYK), WebP and GIF
//! (first frame) through `image`, in 8 or 16 bits, grey or colour, with or without alpha;
//! EXIF orientation applied, format sniffed from the content, size limits checked before
//! anything is allocated. Rasters are downscaled to the size they are shown at with
//! `fast_image_resize` (SIMD). SVG goes through `resvg`, rasterised at the size it is shown
//! so it stays sharp, with no access to files or the network.

use std::io::Cursor;

pub use crate::deck::probe::{is_svg, natural_size};
use std::sync::{Arc, OnceLock};

use egui::ColorImage;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("{0}")]
    Raster(#[from] image::ImageError),
    #[error("invalid SVG: {0}")]
    Svg(#[from] resvg::usvg::Error),
    #[error("the image has no area")]
    Empty,
    #[error(
        "the image is too large to show ({width}x{height} pixels); Lectern decodes at most {MAX_SIDE} pixels a side and {} MiB",
        MAX_ALLOC >> 20
    )]
    TooLarge { width: u32, height: u32 },
    #[error("cannot downscale the image: {0}")]
    Resize(String),
    #[error("the JPEG file is cut short (its data ends before the end-of-image marker)")]
    Truncated,
}

/// Largest side of a decoded image; larger files are refused before allocating.
pub const MAX_SIDE: u32 = 16_384;
/// Most memory one decode may allocate: a 100-megapixel photo in 8-bit RGBA fits, a
/// decompression bomb does not.
pub const MAX_ALLOC: u64 = 512 << 20;

/// Decodes `bytes` and scales the result to fit within `max_px` (never enlarging rasters).
pub fn decode(bytes: &[u8], max_px: [u32; 2]) -> Result<ColorImage, DecodeError> {
    if is_svg(bytes) { decode_svg(bytes, max_px) } else { decode_raster(bytes, max_px) }
}

/// Fully decodes `bytes` at a small size and returns the natural size: proof the file works.
pub fn probe(bytes: &[u8]) -> Result<[u32; 2], DecodeError> {
    if is_svg(bytes) {
        let tree = svg_tree(bytes)?;
        decode_svg(bytes, [64, 64])?;
        let size = tree.size();
        return Ok([size.width().ceil() as u32, size.height().ceil() as u32]);
    }
    refuse_truncated_jpeg(bytes)?;
    let image = open_raster(bytes)?;
    Ok([image.width(), image.height()])
}

/// A JPEG whose data stops before its end-of-image marker (a copy cut short, a download that
/// stopped) decodes "successfully" with grey where the data is missing, so it is refused
/// here and named like any broken file. The marker search starts at the end, where a whole
/// file has it, so a good file costs nothing; an end marker that only belongs to an embedded
/// thumbnail (a scan of the main image follows it) does not count.
fn refuse_truncated_jpeg(bytes: &[u8]) -> Result<(), DecodeError> {
    if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(());
    }
    let end = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]).ok_or(DecodeError::Truncated)?;
    let scan_after_end = bytes[end..].windows(2).any(|w| w == [0xFF, 0xDA]);
    if scan_after_end { Err(DecodeError::Truncated) } else { Ok(()) }
}

fn open_raster(bytes: &[u8]) -> Result<DynamicImage, DecodeError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(image::ImageError::IoError)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| too_large(err, bytes))?;
    refuse_too_large(&decoder)?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|err| too_large(err, bytes))?;
    image.apply_orientation(orientation);
    if image.width() == 0 || image.height() == 0 {
        return Err(DecodeError::Empty);
    }
    Ok(image)
}

/// Refuses, from the header and before any pixel is allocated, an image over the side or
/// memory limits (`image` checks the sides, but not every decoder counts the whole frame
/// against `max_alloc`).
fn refuse_too_large(decoder: &impl ImageDecoder) -> Result<(), DecodeError> {
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || decoder.total_bytes() > MAX_ALLOC {
        return Err(DecodeError::TooLarge { width, height });
    }
    Ok(())
}

/// A limits error, reworded with the image's size from its header.
fn too_large(err: image::ImageError, bytes: &[u8]) -> DecodeError {
    if !matches!(err, image::ImageError::Limits(_)) {
        return err.into();
    }
    let header = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok().and_then(|mut reader| {
        // Only the header is read here, so no limit is needed to learn the size.
        reader.no_limits();
        reader.into_dimensions().ok()
    });
    // The PNG decoder reads ahead to the pixel data; a bomb may stop right after its header.
    let png_header = || {
        let ihdr = bytes.get(12..24).filter(|chunk| chunk.starts_with(b"IHDR"))?;
        Some((u32::from_be_bytes(ihdr[4..8].try_into().ok()?), u32::from_be_bytes(ihdr[8..12].try_into().ok()?)))
    };
    let (width, height) = header.or_else(png_header).unwrap_or((0, 0));
    DecodeError::TooLarge { width, height }
}

fn decode_raster(bytes: &[u8], max_px: [u32; 2]) -> Result<ColorImage, DecodeError> {
    refuse_truncated_jpeg(bytes)?;
    let image = match decode_jpeg_scaled(bytes, max_px)? {
        Some(image) => image,
        None => open_raster(bytes)?,
    };
    let [w, h] = fit_within([image.width() as f32, image.height() as f32], max_px);
    let image = if w < image.width() || h < image.height() { downscale(&image, w, h)? } else { image };
    let rgba = image.into_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
}

/// A JPEG shown at half its size or less is decoded with a scaled inverse DCT (1/2, 1/4 or
/// 1/8, as libjpeg's `-scale` does): most of the work of a full decode is skipped and the
/// result is as sharp, since it is downscaled anyway. `None` when this does not apply (not a
/// JPEG, shown near full size, CMYK or 16-bit samples); the general path handles those.
fn decode_jpeg_scaled(bytes: &[u8], max_px: [u32; 2]) -> Result<Option<DynamicImage>, DecodeError> {
    use image::metadata::Orientation as O;
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(image::ImageError::IoError)?;
    if reader.format() != Some(image::ImageFormat::Jpeg) {
        return Ok(None);
    }
    let Ok(mut header) = reader.into_decoder() else { return Ok(None) };
    refuse_too_large(&header)?;
    let (width, height) = header.dimensions();
    let orientation = header.orientation().unwrap_or(O::NoTransforms);
    // The size to ask for is in the file's own orientation.
    let turned = matches!(orientation, O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH);
    let max_px = if turned { [max_px[1], max_px[0]] } else { max_px };
    let [w, h] = fit_within([width as f32, height as f32], max_px);
    if w.saturating_mul(2) > width || h.saturating_mul(2) > height {
        return Ok(None);
    }
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    if decoder.read_info().is_err() {
        return Ok(None);
    }
    let Ok((sw, sh)) = decoder.scale(w.min(u16::MAX.into()) as u16, h.min(u16::MAX.into()) as u16) else {
        return Ok(None);
    };
    let format = decoder.info().map(|info| info.pixel_format);
    let Ok(pixels) = decoder.decode() else { return Ok(None) };
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    let image = match format {
        Some(jpeg_decoder::PixelFormat::RGB24) => image::RgbImage::from_raw(sw, sh, pixels).map(DynamicImage::from),
        Some(jpeg_decoder::PixelFormat::L8) => image::GrayImage::from_raw(sw, sh, pixels).map(DynamicImage::from),
        _ => None,
    };
    Ok(image.map(|mut image| {
        image.apply_orientation(orientation);
        image
    }))
}

/// Downscales with a Hamming filter (bicubic quality at bilinear cost), in the image's own
/// pixel format so 16-bit sources keep their precision until the final conversion; alpha is
/// premultiplied while filtering so transparent edges do not darken.
pub fn downscale(image: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, DecodeError> {
    use fast_image_resize::{FilterType, IntoImageView, ResizeAlg, ResizeOptions, Resizer};
    let source;
    let image = if image.pixel_type().is_some() {
        image
    } else {
        // Formats the resizer does not know (rare: 32-bit float grey) go through RGBA8.
        source = DynamicImage::ImageRgba8(image.to_rgba8());
        &source
    };
    let mut target = DynamicImage::new(width, height, image.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Hamming));
    Resizer::new().resize(image, &mut target, &options).map_err(|err| DecodeError::Resize(err.to_string()))?;
    Ok(target)
}

/// The largest size with the aspect ratio of `natural` that fits in `max_px`, at least 1x1.
pub fn fit_within(natural: [f32; 2], max_px: [u32; 2]) -> [u32; 2] {
    let scale = (max_px[0] as f32 / natural[0]).min(max_px[1] as f32 / natural[1]);
    [((natural[0] * scale).round() as u32).max(1), ((natural[1] * scale).round() as u32).max(1)]
}

/// Fonts SVG text may use: the app's embedded family, and nothing from the system, so a
/// diagram looks the same on every machine. Every generic family (`sans-serif`, `serif`,
/// `monospace`, …) is Noto Sans, and a named family the database lacks (`Arial`,
/// `Helvetica`, `DejaVu Serif`: what Inkscape, Illustrator, draw.io and matplotlib write)
/// falls through to the generic serif, so it is drawn in Noto Sans too rather than dropped.
fn svg_options() -> &'static resvg::usvg::Options<'static> {
    static OPTIONS: OnceLock<resvg::usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options = resvg::usvg::Options { font_family: "Noto Sans".to_owned(), ..Default::default() };
        // No external files or network: an SVG can only use what it carries.
        options.resources_dir = None;
        let fontdb = Arc::make_mut(&mut options.fontdb);
        for font in crate::fonts::EMBEDDED {
            fontdb.load_font_data(font.bytes.to_vec());
        }
        fontdb.set_serif_family("Noto Sans");
        fontdb.set_sans_serif_family("Noto Sans");
        fontdb.set_monospace_family("Noto Sans");
        fontdb.set_cursive_family("Noto Sans");
        fontdb.set_fantasy_family("Noto Sans");
        options.image_href_resolver = resvg::usvg::ImageHrefResolver {
            resolve_data: resvg::usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        };
        options
    })
}

/// The font families an SVG names (`font-family="…"` attributes and `font-family: …` in
/// styles), each once, in order: what `check` compares with the fonts SVG text is drawn in.
pub fn svg_font_families(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut families: Vec<String> = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("font-family") {
        rest = &rest[at + "font-family".len()..];
        let value = rest.trim_start();
        let value = match value.chars().next() {
            Some('=') => {
                let value = value[1..].trim_start();
                let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
                let body = &value[1..];
                &body[..body.find(quote).unwrap_or(body.len())]
            }
            Some(':') => {
                let body = &value[1..];
                &body[..body.find([';', '"', '}', '>', '\n']).unwrap_or(body.len())]
            }
            _ => continue,
        };
        for family in value.split(',') {
            let family = family.trim().trim_matches(['"', '\'']).trim().replace("&quot;", "");
            if !family.is_empty() && !families.iter().any(|f| f.eq_ignore_ascii_case(&family)) {
                families.push(family);
            }
        }
    }
    families
}

fn svg_tree(bytes: &[u8]) -> Result<resvg::usvg::Tree, DecodeError> {
    Ok(resvg::usvg::Tree::from_data(bytes, svg_options())?)
}

fn decode_svg(bytes: &[u8], max_px: [u32; 2]) -> Result<ColorImage, DecodeError> {
    let tree = svg_tree(bytes)?;
    let natural = tree.size();
    let [w, h] = fit_within([natural.width(), natural.height()], max_px);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(DecodeError::Empty)?;
    let transform = resvg::tiny_skia::Transform::from_scale(w as f32 / natural.width(), h as f32 / natural.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(ColorImage::from_rgba_premultiplied([w as usize, h as usize], pixmap.data()))
}

#[cfg(test)]
mod tests {
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
                    image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(
                        64,
                        48,
                        image::Rgba([51400, 7710, 7710, 65535]),
                    ),
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

    #[test]
    fn gif_shows_its_first_frame() {
        use image::codecs::gif::GifEncoder;
        let mut bytes = Vec::new();
        {
            let mut encoder = GifEncoder::new(&mut bytes);
            for colour in [[0, 0, 255, 255], [255, 0, 0, 255]] {
                let frame = image::RgbaImage::from_pixel(16, 16, image::Rgba(colour));
                encoder.encode_frame(image::Frame::new(frame)).unwrap();
            }
        }
        assert_eq!(center(&decode(&bytes, [100, 100]).unwrap()), [0, 0, 255, 255]);
    }

    #[test]
    fn large_jpeg_is_decoded_at_a_reduced_scale_and_turned_by_its_exif() {
        let photo =
            image::RgbImage::from_fn(800, 400, |x, _| image::Rgb(if x < 400 { [250, 0, 0] } else { [0, 0, 250] }));
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
    fn svg_text_in_any_font_family_is_drawn_never_dropped() {
        let families = ["", "Noto Sans", "sans-serif", "serif", "monospace", "Arial", "Helvetica", "DejaVu Serif"];
        for family in families {
            let attribute = if family.is_empty() { String::new() } else { format!(r#" font-family="{family}""#) };
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="white"/><text x="10" y="45" font-size="40"{attribute}>Text</text></svg>"#
            );
            let image = decode(svg.as_bytes(), [200, 60]).unwrap();
            let dark = image.pixels.iter().filter(|p| p.r() < 128).count();
            assert!(dark > 200, "`{family}`: the text is drawn ({dark} dark pixels)");
        }
    }

    #[test]
    fn the_font_families_an_svg_names_are_found_in_attributes_and_styles() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>.a { font-family: 'DejaVu Serif', serif; }</style>
            <text font-family="Arial, Helvetica, sans-serif">a</text><text style="font-size:3px;font-family:Noto Sans">b</text>
            <text font-family='arial'>c</text></svg>"#;
        assert_eq!(svg_font_families(svg), ["DejaVu Serif", "serif", "Arial", "Helvetica", "sans-serif", "Noto Sans"]);
        assert!(svg_font_families(b"<svg/>").is_empty());
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
}
