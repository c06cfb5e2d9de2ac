//! Turning image bytes into pixels: PNG and JPEG through `image` (EXIF orientation applied,
//! format sniffed from the content, size limits against decompression bombs) and SVG through
//! `resvg`, rasterised at the size it will be shown so it stays sharp.

use std::io::Cursor;
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
}

/// Largest side of a decoded image; larger files are refused before allocating.
const MAX_SIDE: u32 = 16_384;
const MAX_ALLOC: u64 = 1 << 30;

/// Whether the bytes look like SVG (by content, not by file name).
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg")) || head.contains("<svg ")
}

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
    let image = open_raster(bytes)?;
    Ok([image.width(), image.height()])
}

/// The size an image is shown at before scaling, read cheaply: the raster header (with EXIF
/// rotation applied) or the SVG root element's size. `None` if it cannot be told.
pub fn natural_size(bytes: &[u8]) -> Option<[f32; 2]> {
    if is_svg(bytes) {
        return svg_root_size(bytes);
    }
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    use image::metadata::Orientation as O;
    let turned =
        matches!(decoder.orientation().ok()?, O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH);
    let (w, h) = if turned { (h, w) } else { (w, h) };
    (w > 0 && h > 0).then_some([w as f32, h as f32])
}

/// `width`/`height` of the root `<svg>` element, else its `viewBox`.
fn svg_root_size(bytes: &[u8]) -> Option<[f32; 2]> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attribute = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = tag[at..].find('"')?;
        Some(&tag[at..at + end])
    };
    let number = |value: &str| value.trim().trim_end_matches("px").parse::<f32>().ok().filter(|v| *v > 0.0);
    if let (Some(w), Some(h)) = (attribute("width").and_then(number), attribute("height").and_then(number)) {
        return Some([w, h]);
    }
    let view_box: Vec<f32> = attribute("viewBox")?.split([' ', ',']).filter_map(|v| v.parse().ok()).collect();
    match view_box.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some([*w, *h]),
        _ => None,
    }
}

fn open_raster(bytes: &[u8]) -> Result<DynamicImage, DecodeError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(image::ImageError::IoError)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    if image.width() == 0 || image.height() == 0 {
        return Err(DecodeError::Empty);
    }
    Ok(image)
}

fn decode_raster(bytes: &[u8], max_px: [u32; 2]) -> Result<ColorImage, DecodeError> {
    let mut image = open_raster(bytes)?;
    let [w, h] = fit_within([image.width() as f32, image.height() as f32], max_px);
    if w < image.width() || h < image.height() {
        image = image.resize_exact(w, h, image::imageops::FilterType::Triangle);
    }
    let rgba = image.into_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
}

/// The largest size with the aspect ratio of `natural` that fits in `max_px`, at least 1x1.
pub fn fit_within(natural: [f32; 2], max_px: [u32; 2]) -> [u32; 2] {
    let scale = (max_px[0] as f32 / natural[0]).min(max_px[1] as f32 / natural[1]);
    [((natural[0] * scale).round() as u32).max(1), ((natural[1] * scale).round() as u32).max(1)]
}

/// Fonts SVG text may use: the app's embedded family, and nothing from the system, so a
/// diagram looks the same on every machine.
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
        options.image_href_resolver = resvg::usvg::ImageHrefResolver {
            resolve_data: resvg::usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        };
        options
    })
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
}
