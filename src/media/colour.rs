//! Colours as the file means them. The screen is taken to be sRGB (what egui draws in), so a
//! picture that says it is in another colour space is converted, as browsers do:
//!
//! - an embedded ICC profile of an RGB space (Adobe RGB, Display P3, ProPhoto: cameras and
//!   phones write them) is applied with `qcms`, Firefox's colour management library, to the
//!   pixels after they are downscaled (a screen's worth, not the whole photo). A profile
//!   that maps colours to themselves (the sRGB profiles most cameras embed) is recognised by
//!   converting a few probe colours, and the pixels are then left alone.
//! - a PNG `gAMA` other than sRGB's 1/2.2, without an `sRGB` or `iCCP` chunk, is applied as
//!   a tone curve (a "linear" PNG would otherwise show far too dark).
//!
//! Grey and CMYK profiles are not applied (the JPEG decoder already turns CMYK into RGB); their
//! pixels show as decoded.

use std::sync::OnceLock;

/// What a file says about its colours, read alongside its pixels.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ColourSpace {
    /// An ICC profile for RGB data, as embedded.
    icc: Option<Vec<u8>>,
    /// A PNG's encoding gamma (`gAMA`), when it is not sRGB's and nothing overrides it.
    gamma: Option<f64>,
}

/// How 8-bit pixels lie in memory: red, green and blue, then alpha when there is one (not
/// premultiplied). The window takes RGBA; PDF export keeps a photo's RGB as decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Rgb,
    Rgba,
}

impl Channels {
    fn count(self) -> usize {
        match self {
            Self::Rgb => 3,
            Self::Rgba => 4,
        }
    }

    fn qcms(self) -> qcms::DataType {
        match self {
            Self::Rgb => qcms::DataType::RGB8,
            Self::Rgba => qcms::DataType::RGBA8,
        }
    }
}

/// sRGB's encoding gamma as PNG writes it (`gAMA` 45455).
const SRGB_GAMMA: f64 = 1.0 / 2.2;

impl ColourSpace {
    /// The colour space of a file: its embedded ICC profile (from the decoder, which knows
    /// where each format keeps it) if that describes RGB, else a PNG's gamma.
    pub fn of(bytes: &[u8], icc: Option<Vec<u8>>) -> Self {
        let icc = icc.filter(|profile| profile.get(16..20) == Some(b"RGB ".as_slice()));
        let gamma = if icc.is_none() { png_gamma(bytes) } else { None };
        Self { icc, gamma }
    }

    /// Converts 8-bit pixels laid out as `channels` says in place to sRGB; alpha is left as
    /// it is.
    pub fn to_srgb(&self, pixels: &mut [u8], channels: Channels) {
        if let Some(profile) = &self.icc {
            match icc_transform(profile, channels) {
                Some(transform) => transform.apply(pixels),
                None => log::debug!("an embedded ICC profile could not be used; colours shown as stored"),
            }
        } else if let Some(gamma) = self.gamma {
            let exponent = 1.0 / (gamma * 2.2);
            let curve: Vec<u8> =
                (0..=255u8).map(|v| ((f64::from(v) / 255.0).powf(exponent) * 255.0).round() as u8).collect();
            for pixel in pixels.chunks_exact_mut(channels.count()) {
                for channel in &mut pixel[..3] {
                    *channel = curve[usize::from(*channel)];
                }
            }
        }
    }
}

/// The transform from an embedded RGB profile to sRGB, or `None` for a profile qcms cannot
/// read and for one that changes no colour (applying it would only cost time).
fn icc_transform(profile: &[u8], channels: Channels) -> Option<qcms::Transform> {
    static SRGB: OnceLock<Box<qcms::Profile>> = OnceLock::new();
    let output = SRGB.get_or_init(|| {
        let mut srgb = qcms::Profile::new_sRGB();
        srgb.precache_output_transform();
        srgb
    });
    let input = qcms::Profile::new_from_slice(profile, false)?;
    let transform = qcms::Transform::new(&input, output, channels.qcms(), qcms::Intent::default())?;
    // Saturated primaries, secondaries and greys: an sRGB profile keeps them all (within
    // rounding), any other RGB space moves most of them.
    const PROBES: [[u8; 4]; 9] = [
        [255, 0, 0, 255],
        [0, 255, 0, 255],
        [0, 0, 255, 255],
        [255, 255, 0, 255],
        [0, 255, 255, 255],
        [255, 0, 255, 255],
        [64, 64, 64, 255],
        [128, 128, 128, 255],
        [200, 120, 60, 255],
    ];
    let before: Vec<u8> = PROBES.iter().flat_map(|probe| &probe[..channels.count()]).copied().collect();
    let mut after = before.clone();
    transform.apply(&mut after);
    let identity = after.iter().zip(&before).all(|(after, before)| after.abs_diff(*before) <= 1);
    (!identity).then_some(transform)
}

/// A PNG's `gAMA`, if the file has one that is not sRGB's and no `sRGB` or `iCCP` chunk
/// (which take precedence, as the PNG specification says). Read from the chunk list before
/// the image data; `None` for anything that is not a well-formed PNG.
fn png_gamma(bytes: &[u8]) -> Option<f64> {
    let mut chunks = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut gamma = None;
    while chunks.len() >= 12 {
        let length = u32::from_be_bytes(chunks[..4].try_into().ok()?) as usize;
        let kind = &chunks[4..8];
        let data = chunks.get(8..8 + length)?;
        match kind {
            b"sRGB" | b"iCCP" => return None,
            b"IDAT" => break,
            b"gAMA" if length == 4 => gamma = Some(f64::from(u32::from_be_bytes(data.try_into().ok()?)) / 100_000.0),
            _ => {}
        }
        chunks = chunks.get(12 + length..)?;
    }
    gamma.filter(|g| *g > 0.0 && (g - SRGB_GAMMA).abs() > 0.01)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_with_chunks(grey: u8, extra: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, 4, 4);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            for (kind, data) in extra {
                writer.write_chunk(png::chunk::ChunkType(**kind), data).unwrap();
            }
            writer.write_image_data(&[grey; 16]).unwrap();
        }
        bytes
    }

    #[test]
    fn a_png_gamma_is_read_unless_srgb_or_an_icc_profile_overrides_it() {
        let linear = 100_000u32.to_be_bytes().to_vec();
        assert_eq!(png_gamma(&png_with_chunks(128, &[(b"gAMA", linear.clone())])), Some(1.0));
        assert_eq!(png_gamma(&png_with_chunks(128, &[(b"gAMA", 45_455u32.to_be_bytes().to_vec())])), None);
        assert_eq!(png_gamma(&png_with_chunks(128, &[(b"gAMA", linear.clone()), (b"sRGB", vec![0])])), None);
        assert_eq!(png_gamma(&png_with_chunks(128, &[])), None);
        assert_eq!(png_gamma(b"\x89PNG\r\n\x1a\n\0\0\xff\xffgAMA"), None, "a cut file is no gamma, not a panic");
    }

    #[test]
    fn a_linear_png_is_brightened_to_srgb() {
        let mut pixel = [128, 128, 128, 77];
        let space = ColourSpace { icc: None, gamma: Some(1.0) };
        space.to_srgb(&mut pixel, Channels::Rgba);
        // 255 * (128/255)^(1/2.2) = 186.1; alpha untouched.
        assert_eq!(pixel, [186, 186, 186, 77]);
        let mut pixels = [128, 128, 128, 0, 255, 64];
        space.to_srgb(&mut pixels, Channels::Rgb);
        assert_eq!(pixels, [186, 186, 186, 0, 255, 136], "three channels a pixel, none taken for alpha");
    }

    #[test]
    fn an_srgb_profile_changes_nothing_and_a_wide_gamut_one_does() {
        let srgb = include_bytes!("../../tests/fixtures/images/icc/sRGB.icc");
        for channels in [Channels::Rgb, Channels::Rgba] {
            assert!(icc_transform(srgb, channels).is_none(), "sRGB to sRGB is skipped");
        }
        let adobe = include_bytes!("../../tests/fixtures/images/icc/compatibleWithAdobeRGB1998.icc");
        let mut red = [255, 0, 0, 255];
        ColourSpace::of(b"", Some(adobe.to_vec())).to_srgb(&mut red, Channels::Rgba);
        assert_eq!(red[0], 255, "Adobe RGB red is beyond sRGB: clipped to full red");
        let mut reds = [160, 0, 0, 160, 0, 0];
        ColourSpace::of(b"", Some(adobe.to_vec())).to_srgb(&mut reds, Channels::Rgb);
        assert!(reds[0] > 175 && reds[0] == reds[3], "a mid Adobe RGB red is a stronger sRGB red: {reds:?}");
        let cmyk_header = [&[0u8; 16][..], b"CMYK", &[0; 112]].concat();
        assert_eq!(ColourSpace::of(b"", Some(cmyk_header)), ColourSpace::default(), "only RGB profiles apply");
    }
}
