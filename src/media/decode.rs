//! Turning image bytes into pixels: PNG, JPEG (baseline, progressive, CMYK), WebP and GIF
//! through `image` (animated GIF, APNG and WebP frame by frame, [`decode_animation`]), in 1 to 16 bits, grey, palette or colour, with or without
//! alpha, interlaced or not; EXIF orientation applied, format sniffed from the content, size
//! limits checked before anything is allocated, embedded colour profiles and PNG gamma
//! honoured ([`super::colour`]). Rasters are downscaled to the size they are shown at with
//! `fast_image_resize` (SIMD). SVG goes through [`super::svg`]. Formats Lectern does not read
//! (HEIC, AVIF, TIFF, …) are named in the error, so the user knows what to convert.

use std::io::Cursor;

pub use super::svg::substituted_font_families as svg_substituted_font_families;
pub use super::svg::tree as svg_tree;
pub use crate::deck::probe::{is_svg, natural_size};

use egui::ColorImage;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::colour::{Channels, ColourSpace};
use super::svg;

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
    #[error("this is {0}, which Lectern does not read; convert it to PNG or JPEG")]
    Unsupported(&'static str),
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

/// Most frames kept of an animation; a longer one shows its first this many, looping.
pub const MAX_FRAMES: usize = 600;
/// Most pixel memory all frames of one animation may take at the size shown.
pub const MAX_ANIMATION_BYTES: usize = 192 << 20;
/// Largest canvas side of an animation (each frame is composed on a full canvas).
pub const MAX_ANIMATION_SIDE: u32 = 4096;
/// Most canvas pixels decoded over all frames of one animation (about 200 frames of full
/// HD): a tiny file that asks for thousands of large frames is cut there, not decoded for
/// minutes.
pub const MAX_ANIMATION_WORK: u64 = 400_000_000;

/// One frame of an animation and how long it shows, in seconds.
pub type Frame = (ColorImage, f64);

/// The frames of an animated GIF, APNG or WebP, each scaled to fit `max_px`, with their
/// timing; `None` for a format without animation or a PNG or WebP that is not animated (a
/// GIF of one frame comes back as that frame). Delays under 20 ms count as 100 ms, as
/// browsers do (many GIFs say 0 and mean "the default").
pub fn decode_animation(bytes: &[u8], max_px: [u32; 2]) -> Result<Option<Vec<Frame>>, DecodeError> {
    use image::AnimationDecoder;
    use image::codecs::{gif::GifDecoder, png::PngDecoder, webp::WebPDecoder};
    let cursor = || Cursor::new(bytes);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_ANIMATION_SIDE);
    limits.max_image_height = Some(MAX_ANIMATION_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let canvas = |decoder: &dyn ImageDecoder| -> Result<u64, DecodeError> {
        let (width, height) = decoder.dimensions();
        if width > MAX_ANIMATION_SIDE || height > MAX_ANIMATION_SIDE {
            return Err(DecodeError::TooLarge { width, height });
        }
        Ok(u64::from(width) * u64::from(height))
    };
    let (frames, canvas_px) = if bytes.starts_with(b"GIF8") {
        let mut decoder = GifDecoder::new(cursor())?;
        let canvas_px = canvas(&decoder)?;
        decoder.set_limits(limits)?;
        (decoder.into_frames(), canvas_px)
    } else if bytes.starts_with(b"\x89PNG") {
        let mut decoder = PngDecoder::new(cursor())?;
        if !decoder.is_apng()? {
            return Ok(None);
        }
        let canvas_px = canvas(&decoder)?;
        decoder.set_limits(limits)?;
        (decoder.apng()?.into_frames(), canvas_px)
    } else if bytes.get(8..12) == Some(b"WEBP") {
        let mut decoder = WebPDecoder::new(cursor())?;
        if !decoder.has_animation() {
            return Ok(None);
        }
        let canvas_px = canvas(&decoder)?;
        decoder.set_limits(limits)?;
        (decoder.into_frames(), canvas_px)
    } else {
        return Ok(None);
    };
    // Frames past the work budget are left out: the animation loops over those before.
    let most_frames = (MAX_ANIMATION_WORK / canvas_px.max(1)).clamp(1, MAX_FRAMES as u64) as usize;
    let mut out: Vec<Frame> = Vec::new();
    let mut bytes_used = 0;
    for frame in frames.take(most_frames) {
        let frame = frame?;
        let (numerator, denominator) = frame.delay().numer_denom_ms();
        let millis = f64::from(numerator) / f64::from(denominator.max(1));
        let seconds = if millis < 20.0 { 0.1 } else { millis / 1000.0 };
        let buffer = frame.into_buffer();
        let [w, h] = fit_within([buffer.width() as f32, buffer.height() as f32], max_px);
        let image = DynamicImage::ImageRgba8(buffer);
        let image = if w < image.width() || h < image.height() { downscale(&image, w, h)? } else { image };
        let rgba = image.into_rgba8();
        bytes_used += rgba.as_raw().len();
        if bytes_used > MAX_ANIMATION_BYTES {
            break;
        }
        let size = [rgba.width() as usize, rgba.height() as usize];
        out.push((ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()), seconds));
    }
    if out.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Some(out))
}

/// Fully decodes `bytes` at a small size and returns the natural size: proof the file works.
pub fn probe(bytes: &[u8]) -> Result<[u32; 2], DecodeError> {
    if is_svg(bytes) {
        let tree = svg::tree(bytes)?;
        let size = tree.size();
        svg::rasterise(&tree, fit_within([size.width(), size.height()], [64, 64])).ok_or(DecodeError::Empty)?;
        return Ok([size.width().ceil() as u32, size.height().ceil() as u32]);
    }
    refuse_truncated_jpeg(bytes)?;
    let (image, _) = open_raster(bytes)?;
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

/// Formats people bring that `image` is not built to read here, told by their signature:
/// phones save HEIC, browsers download AVIF, scanners write TIFF.
fn unsupported_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.get(4..8) == Some(b"ftyp") {
        // An ISO media file: its brands (major, then compatible) say what it holds.
        let size = bytes.get(..4).map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
        let end = size.min(256).min(bytes.len()).max(8);
        let brands = bytes.get(8..end).unwrap_or_default();
        let has = |names: &[&[u8; 4]]| brands.chunks_exact(4).any(|brand| names.iter().any(|n| brand == n.as_slice()));
        return if has(&[b"avif", b"avis"]) {
            Some("an AVIF image")
        } else if has(&[b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"]) {
            Some("a HEIC/HEIF image (the iPhone's photo format)")
        } else {
            Some("a video or ISO media file, not a picture")
        };
    }
    let signatures: [(&[u8], &'static str); 8] = [
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"\xFF\x0A", "a JPEG XL image"),
        (b"\0\0\0\x0CJXL ", "a JPEG XL image"),
        (b"BM", "a BMP image"),
        (b"8BPS", "a Photoshop document"),
        (b"%PDF", "a PDF document"),
        (b"\0\0\x01\0", "an icon file"),
    ];
    signatures.iter().find(|(signature, _)| bytes.starts_with(signature)).map(|(_, name)| *name)
}

/// Rasterises an SVG to fit within `max_px` (enlarged too: it is a vector).
fn decode_svg(bytes: &[u8], max_px: [u32; 2]) -> Result<ColorImage, DecodeError> {
    let tree = svg::tree(bytes)?;
    let natural = tree.size();
    svg::rasterise(&tree, fit_within([natural.width(), natural.height()], max_px)).ok_or(DecodeError::Empty)
}

/// Decodes a raster at full size, with what it says about its colours.
fn open_raster(bytes: &[u8]) -> Result<(DynamicImage, ColourSpace), DecodeError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(image::ImageError::IoError)?;
    use image::ImageFormat as F;
    let readable = matches!(reader.format(), Some(F::Png | F::Jpeg | F::WebP | F::Gif));
    if !readable && let Some(name) = unsupported_format(bytes) {
        return Err(DecodeError::Unsupported(name));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| too_large(err, bytes))?;
    refuse_too_large(&decoder)?;
    let orientation = decoder.orientation()?;
    // A profile that cannot be read is no reason to refuse the picture.
    let colours = ColourSpace::of(bytes, decoder.icc_profile().ok().flatten());
    let mut image = DynamicImage::from_decoder(decoder).map_err(|err| too_large(err, bytes))?;
    image.apply_orientation(orientation);
    if image.width() == 0 || image.height() == 0 {
        return Err(DecodeError::Empty);
    }
    Ok((image, colours))
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
    let image = decode_raster_srgb(bytes, max_px)?;
    let size = [image.width() as usize, image.height() as usize];
    Ok(match image {
        DynamicImage::ImageRgb8(rgb) => ColorImage::from_rgb(size, rgb.as_raw()),
        other => ColorImage::from_rgba_unmultiplied(size, other.into_rgba8().as_raw()),
    })
}

/// A raster decoded, scaled to fit within `max_px` (never enlarged) and converted to sRGB, 8
/// bits a channel: RGB when the file has no alpha, else RGBA (not premultiplied). The window
/// turns it into a texture ([`decode`]); PDF export encodes it as the page needs, without a
/// round trip through egui's premultiplied RGBA.
pub fn decode_raster_srgb(bytes: &[u8], max_px: [u32; 2]) -> Result<DynamicImage, DecodeError> {
    refuse_truncated_jpeg(bytes)?;
    let (image, colours) = match decode_jpeg_scaled(bytes, max_px)? {
        Some(decoded) => decoded,
        None => open_raster(bytes)?,
    };
    let [w, h] = fit_within([image.width() as f32, image.height() as f32], max_px);
    let image = if w < image.width() || h < image.height() { downscale(&image, w, h)? } else { image };
    Ok(if image.color().has_alpha() {
        let mut rgba = image.into_rgba8();
        colours.to_srgb(&mut rgba, Channels::Rgba);
        rgba.into()
    } else {
        let mut rgb = image.into_rgb8();
        colours.to_srgb(&mut rgb, Channels::Rgb);
        rgb.into()
    })
}

/// A JPEG shown at half its size or less is decoded with a scaled inverse DCT (1/2, 1/4 or
/// 1/8, as libjpeg's `-scale` does): most of the work of a full decode is skipped and the
/// result is as sharp, since it is downscaled anyway. `None` when this does not apply (not a
/// JPEG, shown near full size, CMYK or 16-bit samples); the general path handles those.
fn decode_jpeg_scaled(bytes: &[u8], max_px: [u32; 2]) -> Result<Option<(DynamicImage, ColourSpace)>, DecodeError> {
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
    let colours = ColourSpace::of(bytes, decoder.icc_profile());
    Ok(image.map(|mut image| {
        image.apply_orientation(orientation);
        (image, colours)
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

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
