use std::borrow::Cow;

use super::*;

/// A file source whose reading panics, as a decoder bug on a hostile file would.
struct Panicking;

impl AssetSource for Panicking {
    fn read(&self, _: &Path) -> std::io::Result<Cow<'static, [u8]>> {
        panic!("a decoder bug");
    }
}

/// One file's bytes, whatever the path.
struct OneFile(Vec<u8>);

impl AssetSource for OneFile {
    fn read(&self, _: &Path) -> std::io::Result<Cow<'static, [u8]>> {
        Ok(Cow::Owned(self.0.clone()))
    }
}

/// A noisy colour JPEG of `width` x `height`.
fn photo(width: u32, height: u32) -> Vec<u8> {
    let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    encode_jpeg(&image::RgbImage::from_raw(width, height, pixels).unwrap()).unwrap()
}

/// `jpeg` with an EXIF segment saying "rotate 90° clockwise to display" (orientation 6).
fn turned(jpeg: &[u8]) -> Vec<u8> {
    let exif: &[u8] = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
    let length = (exif.len() as u16 + 2).to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1], &length, exif, &jpeg[2..]].concat()
}

fn raster_size(picture: Result<Picture, String>) -> [u32; 2] {
    match picture {
        Ok(Picture::Raster(_, size)) => [size.x as u32, size.y as u32],
        Ok(Picture::Vector(..)) => panic!("a vector"),
        Err(reason) => panic!("left out: {reason}"),
    }
}

#[test]
fn a_picture_whose_decoder_panics_is_left_out_with_a_reason() {
    let result = load_picture_guarded(&Panicking, Path::new("hostile.jpg"), [100, 100], Resolution::Handout);
    assert!(result.is_err_and(|reason| reason.contains("decoder failed")));
}

#[test]
fn a_jpeg_goes_in_unchanged_only_when_upright_whole_and_no_larger_than_its_box() {
    let jpeg = photo(64, 48);
    assert_eq!(jpeg_as_is(&jpeg, [64, 48]), Some(([64, 48], jpeg.len())));
    assert_eq!(jpeg_as_is(&jpeg, [63, 100]), None, "wider than the box: decoded and made smaller");
    assert_eq!(jpeg_as_is(&turned(&jpeg), [100, 100]), None, "the EXIF turn is applied by decoding");
    assert_eq!(jpeg_as_is(&jpeg[..jpeg.len() - 40], [100, 100]), None, "cut short");
    let cmyk = std::fs::read("tests/fixtures/images/cmyk.jpg").unwrap();
    assert_eq!(jpeg_as_is(&cmyk, [1000, 1000]), None, "CMYK is decoded to RGB");
    let progressive = std::fs::read("tests/fixtures/images/progressive.jpg").unwrap();
    assert_eq!(jpeg_as_is(&progressive, [640, 480]).map(|(size, _)| size), Some([640, 480]));
    let with_profile = std::fs::read("tests/fixtures/images/adobe-rgb.jpg").unwrap();
    assert_eq!(
        jpeg_as_is(&with_profile, [96, 64]).map(|(size, _)| size),
        Some([96, 64]),
        "its ICC profile goes in with it"
    );
    let with_trailer = [&jpeg[..], b"a second picture or a vendor's trailer"].concat();
    assert_eq!(jpeg_as_is(&with_trailer, [64, 48]), Some(([64, 48], jpeg.len())), "embedded up to its end marker");
    assert_eq!(jpeg_as_is(b"\x89PNG\r\n\x1a\n", [100, 100]), None);
}

#[test]
fn handouts_shrink_a_large_photo_to_its_box_and_print_keeps_its_own_size() {
    let path = Path::new("photo.jpg");
    // 80 x 60 slide units: 120 x 90 pixels for handouts.
    let rect = Rect::from_min_size(emath::pos2(0.0, 0.0), Vec2::new(80.0, 60.0));
    let size = |source: &OneFile, resolution| raster_size(Pictures::new(resolution).get(source, path, rect).clone());
    let source = OneFile(photo(400, 300));
    assert_eq!(size(&source, Resolution::Handout), [120, 90]);
    assert_eq!(size(&source, Resolution::Full), [400, 300]);
    assert_eq!(Pictures::new(Resolution::Full).key(path, rect).1, [u32::MAX; 2], "one key per file, whatever its box");
    // A small photo is not enlarged, and a turned one is decoded and turned at either resolution.
    assert_eq!(size(&OneFile(photo(60, 30)), Resolution::Handout), [60, 30]);
    let source = OneFile(turned(&photo(40, 20)));
    assert_eq!(size(&source, Resolution::Full), [20, 40]);
    assert_eq!(size(&source, Resolution::Handout), [20, 40]);
}

#[test]
fn a_jpeg_that_names_a_table_it_lacks_is_left_out() {
    let mut jpeg = photo(64, 48);
    // The first scan component's choice of Huffman tables (after FF DA, the length and the
    // component count and id): table 3, which the file does not define.
    let scan = jpeg.windows(2).position(|marker| marker == [0xFF, 0xDA]).unwrap();
    jpeg[scan + 6] = 0x33;
    for resolution in [Resolution::Handout, Resolution::Full] {
        let picture = load_picture(&OneFile(jpeg.clone()), Path::new("bad.jpg"), [64, 48], resolution);
        assert!(picture.is_err(), "{resolution:?}");
    }
}

/// Where the first `marker` (FF and this byte) is in `jpeg`.
fn marker_at(jpeg: &[u8], marker: u8) -> usize {
    jpeg.windows(2).position(|pair| pair == [0xFF, marker]).unwrap()
}

#[test]
fn the_segment_walk_takes_fill_bytes_and_restarts_and_refuses_what_a_reader_would_misread() {
    let pixels: Vec<u8> = (0..64 * 48 * 3).map(|i| (i * 7 % 251) as u8).collect();
    let mut jpeg = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, 80);
    encoder.set_restart_interval(1);
    encoder.encode(&pixels, 64, 48, jpeg_encoder::ColorType::Rgb).unwrap();
    let restart = (0xD0..=0xD7).map(|m| jpeg.windows(2).position(|p| p == [0xFF, m])).find_map(|at| at).unwrap();
    assert_eq!(jpeg_segments_hold(&jpeg), Some(jpeg.len()));
    let filled = [&jpeg[..restart], &[0xFF, 0xFF], &jpeg[restart..]].concat();
    assert_eq!(jpeg_segments_hold(&filled), Some(filled.len()), "fill bytes before a restart marker");

    // Components named R, G and B (in the frame and the scan), without Adobe's marker.
    let mut named = photo(16, 16);
    let (frame, scan) = (marker_at(&named, 0xC0), marker_at(&named, 0xDA));
    for (i, name) in b"RGB".iter().enumerate() {
        named[frame + 10 + 3 * i] = *name;
        named[scan + 5 + 2 * i] = *name;
    }
    assert_eq!(jpeg_segments_hold(&named), None, "a PDF reader would take R, G, B for YCbCr");

    let mut short_segment = photo(16, 16);
    let quantisation = marker_at(&short_segment, 0xDB);
    short_segment[quantisation + 2..quantisation + 4].copy_from_slice(&[0, 1]);
    assert_eq!(jpeg_segments_hold(&short_segment), None, "a segment length under 2");
}
