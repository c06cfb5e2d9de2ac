//! The pictures of an export, read and prepared once each before any page is painted, on
//! as many threads as the machine has cores (decoding and re-encoding photos is most of an
//! export's time).
//!
//! SVG stays a vector drawing. A raster is kept at the resolution the export asks for
//! ([`Resolution`]):
//! - for handouts, at most 1.5 pixels per slide unit of the box it fills. A photo is
//!   decoded at that size (a scaled inverse DCT for large JPEGs) and encoded again as JPEG;
//!   a JPEG that is no larger already goes in as the file is.
//! - at full resolution, for print, at its own size: a JPEG goes in as the file is, and any
//!   other raster without loss.
//!
//! A JPEG taken as it is must be 8-bit grey or colour, upright (no EXIF rotation left to
//! apply), not lossless, and whole: its segments are walked from start to end
//! (`jpeg_segments_hold`), which finds the damage that makes a decoder refuse a file in a
//! millisecond or two where a decode takes a tenth of a second. Others are decoded. A picture that cannot be read is left out
//! with its reason, and a decoder that panics on a hostile file is one such reason.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use emath::{Rect, Vec2};
use krilla::image::Image;

use crate::deck::AssetSource;
use crate::layout::DisplayItem;
use crate::media::decode;

/// How much of a raster picture's detail a document keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Resolution {
    /// At most [`PIXELS_PER_UNIT`] of the box a picture fills: handouts and screens.
    #[default]
    Handout,
    /// Each picture at its own size, JPEG files unchanged: print.
    Full,
}

/// Photos keep at most this many pixels per slide unit of the box they fill: 216 dots per
/// inch on the printed page (a full-width picture keeps 2880 pixels across), what handouts
/// need, at half the decoding and encoding work of print resolution.
const PIXELS_PER_UNIT: f32 = 1.5;

/// Photos are encoded at this JPEG quality: no visible loss on a page, a tenth of the raw
/// pixels.
const JPEG_QUALITY: u8 = 88;

/// A picture as it is asked for: the file and the most pixels its box can show.
type PictureKey = (PathBuf, [u32; 2]);

/// A picture as the document holds it.
#[derive(Clone)]
pub enum Picture {
    /// The image and its size in pixels.
    Raster(Image, Vec2),
    /// The drawing and its `<title>`.
    Vector(Arc<resvg::usvg::Tree>, Option<String>),
}

/// The pictures an export has prepared, each file at each size once, for every document it
/// writes (each language, and a document written again without the PDF/UA claim).
#[derive(Default)]
pub struct Pictures {
    resolution: Resolution,
    prepared: HashMap<PictureKey, Result<Picture, String>>,
}

impl Pictures {
    pub fn new(resolution: Resolution) -> Self {
        Self { resolution, prepared: HashMap::new() }
    }

    fn key(&self, path: &Path, rect: Rect) -> PictureKey {
        let px = |units: f32| (units * PIXELS_PER_UNIT).ceil().max(1.0) as u32;
        let max_px = match self.resolution {
            Resolution::Handout => [px(rect.width()), px(rect.height())],
            Resolution::Full => [u32::MAX; 2],
        };
        (path.to_owned(), max_px)
    }

    /// Reads and prepares every picture `items` draw that is not ready yet, spread over the
    /// machine's cores, so painting finds them ready.
    pub fn prepare<'i>(&mut self, assets: &dyn AssetSource, items: impl IntoIterator<Item = &'i DisplayItem>) {
        let mut wanted: Vec<PictureKey> = Vec::new();
        for item in items {
            if let DisplayItem::Image { rect, path, .. } = item {
                let key = self.key(&path.resolved, *rect);
                if !self.prepared.contains_key(&key) && !wanted.contains(&key) {
                    wanted.push(key);
                }
            }
        }
        let resolution = self.resolution;
        let next = std::sync::atomic::AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(1, usize::from).min(wanted.len());
        let prepared: Vec<(PictureKey, Result<Picture, String>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .filter_map(|_| {
                    let work = || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(key) = wanted.get(i) else { return done };
                            done.push((key.clone(), load_picture_guarded(assets, &key.0, key.1, resolution)));
                        }
                    };
                    std::thread::Builder::new().name("lectern-export-pictures".into()).spawn_scoped(scope, work).ok()
                })
                .collect();
            workers.into_iter().flat_map(|worker| worker.join().unwrap_or_default()).collect()
        });
        self.prepared.extend(prepared);
    }

    /// The picture at `path` for a box of `rect` (read now if [`Self::prepare`] did not), or
    /// why it is left out.
    pub fn get(&mut self, assets: &dyn AssetSource, path: &Path, rect: Rect) -> &Result<Picture, String> {
        let key = self.key(path, rect);
        let resolution = self.resolution;
        self.prepared
            .entry(key)
            .or_insert_with_key(|(path, max_px)| load_picture_guarded(assets, path, *max_px, resolution))
    }
}

/// [`load_picture`], with a decoder that panics on a hostile file turned into that file's
/// reason for being left out: the rest of the document is still written.
fn load_picture_guarded(
    assets: &dyn AssetSource,
    path: &Path,
    max_px: [u32; 2],
    resolution: Resolution,
) -> Result<Picture, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_picture(assets, path, max_px, resolution)))
        .unwrap_or_else(|_| Err("the decoder failed on this file (a bug in Lectern; please report it)".to_owned()))
}

fn load_picture(
    assets: &dyn AssetSource,
    path: &Path,
    max_px: [u32; 2],
    resolution: Resolution,
) -> Result<Picture, String> {
    let bytes = assets.read(path).map_err(|err| err.to_string())?;
    if decode::is_svg(&bytes) {
        let tree = decode::svg_tree(&bytes).map_err(|err| format!("not a valid SVG: {err}"))?;
        // A filter is drawn as pixels by the PDF writer, with no bound on its cost (a
        // 335-byte morphology filter takes minutes): it must draw within the window's
        // deadline in a worker process first, or the picture is left out.
        if has_filters(tree.root()) {
            crate::media::sandbox::decodes_in_time(&bytes, max_px)?;
        }
        return Ok(Picture::Vector(Arc::new(tree), svg_title(&bytes)));
    }
    if let Some(([w, h], end)) = jpeg_as_is(&bytes, max_px) {
        let size = Vec2::new(w as f32, h as f32);
        // Up to its end marker: a phone's second picture or a vendor's trailer after it is
        // not part of the image.
        let mut jpeg = bytes.into_owned();
        jpeg.truncate(end);
        return Ok(Picture::Raster(Image::from_jpeg(jpeg.into(), true)?, size));
    }
    let image = decode::decode_raster_srgb(&bytes, max_px).map_err(|err| err.to_string())?;
    let (w, h) = (image.width(), image.height());
    let size = Vec2::new(w as f32, h as f32);
    let embedded = match image {
        image::DynamicImage::ImageRgba8(rgba) if rgba.pixels().any(|pixel| pixel[3] < 255) => {
            Image::from_rgba8(rgba.into_raw(), w, h)
        }
        // For print, no loss: a screenshot or diagram keeps its sharp edges (a photo that
        // came as a JPEG stays one). In 8-bit sRGB, as the window shows it.
        opaque if resolution == Resolution::Full && !is_jpeg(&bytes) => {
            Image::from_custom(OpaqueRgb { pixels: Arc::new(opaque.into_rgb8().into_raw()), size: (w, h) }, true)?
        }
        // Photos as JPEG: the size a browser's PDF export gives them, not raw pixels.
        opaque => Image::from_jpeg(encode_jpeg(&opaque.into_rgb8())?.into(), true)?,
    };
    Ok(Picture::Raster(embedded, size))
}

/// Whether anything in `group` is drawn through an SVG filter.
fn has_filters(group: &resvg::usvg::Group) -> bool {
    !group.filters().is_empty()
        || group.children().iter().any(|node| matches!(node, resvg::usvg::Node::Group(inner) if has_filters(inner)))
}

/// Opaque 8-bit RGB pixels, embedded without loss and without an alpha channel.
#[derive(Clone, Hash)]
struct OpaqueRgb {
    pixels: Arc<Vec<u8>>,
    size: (u32, u32),
}

impl krilla::image::CustomImage for OpaqueRgb {
    fn color_channel(&self) -> &[u8] {
        &self.pixels
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }
    fn bits_per_component(&self) -> krilla::image::BitsPerComponent {
        krilla::image::BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> krilla::image::ImageColorspace {
        krilla::image::ImageColorspace::Rgb
    }
}

/// The size of a JPEG that a page can take unchanged (see the module doc), if it fits
/// within `max_px`, and where its image ends.
fn jpeg_as_is(bytes: &[u8], max_px: [u32; 2]) -> Option<([u32; 2], usize)> {
    use image::ImageDecoder as _;
    if !is_jpeg(bytes) {
        return None;
    }
    // The header checks first: most large photos stop at the size, before the walk reads
    // the whole file.
    let mut header = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    header.read_info().ok()?;
    let info = header.info()?;
    let size = [u32::from(info.width), u32::from(info.height)];
    let pixels_as_stored =
        matches!(info.pixel_format, jpeg_decoder::PixelFormat::L8 | jpeg_decoder::PixelFormat::RGB24)
            && info.coding_process != jpeg_decoder::CodingProcess::Lossless;
    if !pixels_as_stored || size[0] > max_px[0] || size[1] > max_px[1] {
        return None;
    }
    let mut exif = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes)).ok()?;
    if !matches!(exif.orientation(), Ok(image::metadata::Orientation::NoTransforms)) {
        return None;
    }
    Some((size, jpeg_segments_hold(bytes)?))
}

/// Where a JPEG ends (just past its end marker), if its segments hold together from its
/// start marker to there: each lies within the file, and each scan names components of the
/// frame and tables defined before it. Colour components named R, G and B without Adobe's
/// marker do not count as whole: decoders take them as RGB, a PDF reader as YCbCr. The
/// coded image data between segments is not decoded: decoders (the window's and a PDF
/// viewer's alike) fill damaged data with grey, and what this finds is the damage that makes
/// a decoder refuse the file. Linear in the file's length, without decoding.
fn jpeg_segments_hold(bytes: &[u8]) -> Option<usize> {
    let (mut dc, mut ac, mut quant) = ([false; 4], [false; 4], [false; 4]);
    // Each frame component's id and quantisation table; whether the frame is progressive.
    let mut components: Vec<(u8, usize)> = Vec::new();
    let mut progressive = false;
    let (mut scans, mut adobe, mut named_rgb) = (0, false, false);
    let mut pos = 2;
    loop {
        if bytes.get(pos) != Some(&0xFF) {
            return None;
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let &marker = bytes.get(pos)?;
        pos += 1;
        match marker {
            0xD9 => return (scans > 0 && (adobe || !named_rgb)).then_some(pos),
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let &[high, low] = bytes.get(pos..pos + 2)? else { return None };
        let length = usize::from(u16::from_be_bytes([high, low]));
        let segment = bytes.get(pos + 2..pos + length).filter(|_| length >= 2)?;
        pos += length;
        let held = match marker {
            0xC4 => define_tables(segment, |class, id| if class == 0 { dc[id] = true } else { ac[id] = true }),
            0xDB => define_quantisation(segment, &mut quant),
            0xC0..=0xC2 => {
                progressive = marker == 0xC2;
                components = segment
                    .get(6..)
                    .unwrap_or_default()
                    .chunks_exact(3)
                    .take(usize::from(segment.get(5).copied().unwrap_or(0)))
                    .map(|c| (c[0], usize::from(c[2])))
                    .collect();
                named_rgb = components.iter().map(|c| c.0).eq(*b"RGB");
                !components.is_empty()
            }
            0xEE => {
                adobe |= segment.starts_with(b"Adobe");
                true
            }
            0xDA => {
                scans += 1;
                let held = scan_holds(segment, &components, progressive, [&dc, &ac, &quant]);
                // Past the coded data, to the next marker (FF 00 is a coded FF, FF D0-D7 a
                // restart; fill bytes FF may come before either).
                loop {
                    pos += bytes.get(pos..)?.iter().position(|b| *b == 0xFF)?;
                    let after_fill = pos + bytes[pos..].iter().take_while(|b| **b == 0xFF).count();
                    match *bytes.get(after_fill)? {
                        0x00 | 0xD0..=0xD7 => pos = after_fill + 1,
                        _ => break,
                    }
                }
                held
            }
            _ => true,
        };
        if !held {
            return None;
        }
    }
}

/// Reads a DHT segment, telling `define` each table's class (0 DC, 1 AC) and id.
fn define_tables(mut segment: &[u8], mut define: impl FnMut(usize, usize)) -> bool {
    while let Some((&class_id, rest)) = segment.split_first() {
        let (class, id) = (usize::from(class_id >> 4), usize::from(class_id & 15));
        let Some(counts) = rest.get(..16) else { return false };
        let values: usize = counts.iter().map(|c| usize::from(*c)).sum();
        let (Some(remaining), true) = (rest.get(16 + values..), class <= 1 && id <= 3) else { return false };
        define(class, id);
        segment = remaining;
    }
    true
}

fn define_quantisation(mut segment: &[u8], quant: &mut [bool; 4]) -> bool {
    while let Some((&precision_id, rest)) = segment.split_first() {
        let id = usize::from(precision_id & 15);
        let size = if precision_id >> 4 == 0 { 64 } else { 128 };
        let (Some(remaining), true) = (rest.get(size..), id <= 3) else { return false };
        quant[id] = true;
        segment = remaining;
    }
    true
}

/// Whether a scan header names components of the frame, with their quantisation tables
/// defined, and the Huffman tables its coefficients need.
fn scan_holds(segment: &[u8], components: &[(u8, usize)], progressive: bool, [dc, ac, quant]: [&[bool; 4]; 3]) -> bool {
    let count = usize::from(segment.first().copied().unwrap_or(0));
    let Some(&[start, end, approximation]) = segment.get(1 + 2 * count..4 + 2 * count) else { return false };
    // A progressive scan refining DC coefficients reads bits, no table.
    let needs_dc = start == 0 && !(progressive && approximation >> 4 != 0);
    count > 0
        && segment[1..1 + 2 * count].chunks_exact(2).all(|pair| {
            let (dc_table, ac_table) = (usize::from(pair[1] >> 4), usize::from(pair[1] & 15));
            components.iter().any(|(id, q)| *id == pair[0] && quant.get(*q) == Some(&true))
                && (!needs_dc || dc.get(dc_table) == Some(&true))
                && (end == 0 || ac.get(ac_table) == Some(&true))
        })
}

fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// `jpeg-encoder` with its AVX2 paths, not `image`'s encoder: 17 ms against 61 ms for a
/// 1640x1230 photo in one run of `cargo bench --bench decode -- "encode a photo"`.
fn encode_jpeg(rgb: &image::RgbImage) -> Result<Vec<u8>, String> {
    let side = |px: u32| u16::try_from(px).map_err(|_| format!("the picture is too large for JPEG ({px} pixels)"));
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, JPEG_QUALITY)
        .encode(rgb.as_raw(), side(rgb.width())?, side(rgb.height())?, jpeg_encoder::ColorType::Rgb)
        .map_err(|err| err.to_string())?;
    Ok(jpeg)
}

/// The text of an SVG's first `<title>`, which says what the drawing shows.
fn svg_title(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.find("<title")?;
    let body = &text[start..];
    let body = &body[body.find('>')? + 1..];
    let title = &body[..body.find("</title>")?];
    let title = title.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    Some(title.trim().to_owned()).filter(|t| !t.is_empty())
}

#[cfg(test)]
#[path = "pictures_tests.rs"]
mod tests;
