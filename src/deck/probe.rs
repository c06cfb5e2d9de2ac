//! What the model learns about an image without decoding it: its natural size, read from the
//! raster header (with EXIF rotation applied) or the SVG root element. Layout needs it to
//! place captions under a picture; reading a header costs microseconds and allocates no
//! pixels, so it belongs with the model. Decoding pixels is the media layer's job: `check`
//! hands the loader a decoder through [`super::ImageCheck::Decode`].

use std::io::Cursor;

use image::{ImageDecoder as _, ImageReader};

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

/// Whether the bytes look like SVG (by content, not by file name).
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg")) || head.contains("<svg ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_the_root_element() {
        let with_size = br#"<svg xmlns="http://www.w3.org/2000/svg" width="320px" height="200"></svg>"#;
        assert_eq!(natural_size(with_size), Some([320.0, 200.0]));
        let view_box = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"></svg>"#;
        assert_eq!(natural_size(view_box), Some([160.0, 90.0]));
        let nothing = br#"<svg xmlns="http://www.w3.org/2000/svg"></svg>"#;
        assert_eq!(natural_size(nothing), None, "no size written: unknown, not zero");
        assert_eq!(natural_size(b"junk"), None);
        assert_eq!(natural_size(b""), None);
    }
}
