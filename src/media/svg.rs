//! SVG pictures: parsed and rasterised by `resvg` at the size they are shown, so they stay
//! sharp, with no access to files or the network; and the fonts their text is drawn in.
//!
//! Fonts: the app's embedded Noto Sans answers for every generic family (`sans-serif`,
//! `serif`, `monospace`, …), so the bundled diagrams look the same on every machine. A
//! named family that is not embedded (`Arial`, `DejaVu Serif`: what Inkscape, Illustrator,
//! draw.io and matplotlib write) is looked up among the fonts installed on the machine, and
//! if it is not there either, the text falls through to Noto Sans: it is never dropped.
//! The installed fonts are scanned only for an SVG that names such a family, once per
//! process, so a deck whose pictures name none never pays for the scan.

use std::sync::{Arc, OnceLock};

use egui::ColorImage;
use resvg::usvg;

/// The family every generic family and every unknown name is drawn in.
const EMBEDDED_FAMILY: &str = "Noto Sans";
/// CSS generic families: always drawn in [`EMBEDDED_FAMILY`].
const GENERIC_FAMILIES: [&str; 9] =
    ["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-sans-serif", "ui-serif", "math"];

/// Which fonts SVG text may use.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fonts {
    /// The embedded family only.
    Embedded,
    /// The embedded family first, then the fonts installed on this machine.
    WithInstalled,
}

fn options(fonts: Fonts) -> &'static usvg::Options<'static> {
    static EMBEDDED: OnceLock<usvg::Options<'static>> = OnceLock::new();
    static WITH_INSTALLED: OnceLock<usvg::Options<'static>> = OnceLock::new();
    let cell = match fonts {
        Fonts::Embedded => &EMBEDDED,
        Fonts::WithInstalled => &WITH_INSTALLED,
    };
    cell.get_or_init(|| {
        let mut options = usvg::Options { font_family: EMBEDDED_FAMILY.to_owned(), ..Default::default() };
        // No external files or network: an SVG can only use what it carries.
        options.resources_dir = None;
        let fontdb = Arc::make_mut(&mut options.fontdb);
        // Embedded first: a query that several faces answer equally takes the first, so an
        // installed copy of Noto Sans (another version) never replaces the one layout measured.
        for font in crate::fonts::EMBEDDED {
            fontdb.load_font_data(font.bytes.to_vec());
        }
        if fonts == Fonts::WithInstalled {
            let started = std::time::Instant::now();
            fontdb.load_system_fonts();
            log::debug!("{} installed font faces scanned for SVG text in {:?}", fontdb.len(), started.elapsed());
        }
        // A named family the database lacks falls through to the generic serif (resvg's own
        // last resort), so every generic name is the embedded family.
        fontdb.set_serif_family(EMBEDDED_FAMILY);
        fontdb.set_sans_serif_family(EMBEDDED_FAMILY);
        fontdb.set_monospace_family(EMBEDDED_FAMILY);
        fontdb.set_cursive_family(EMBEDDED_FAMILY);
        fontdb.set_fantasy_family(EMBEDDED_FAMILY);
        options.image_href_resolver = usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        };
        options
    })
}

fn is_generic(family: &str) -> bool {
    GENERIC_FAMILIES.iter().any(|g| g.eq_ignore_ascii_case(family))
}

fn is_embedded(family: &str) -> bool {
    family.eq_ignore_ascii_case(EMBEDDED_FAMILY)
}

/// The fonts text in these families needs: the installed ones only if one is neither
/// generic nor embedded.
fn fonts_for(families: &[String]) -> Fonts {
    let named_elsewhere = families.iter().any(|f| !is_generic(f) && !is_embedded(f));
    if named_elsewhere { Fonts::WithInstalled } else { Fonts::Embedded }
}

/// Whether the font database SVG text is drawn from has `family`, as written (resvg matches
/// family names exactly).
fn installed(fontdb: &usvg::fontdb::Database, family: &str) -> bool {
    fontdb.faces().any(|face| face.families.iter().any(|(name, _)| name == family))
}

/// The families an SVG names that its text will not be drawn in, as `check` reports them:
/// generic families other than `sans-serif` (drawn in the embedded sans), and named ones
/// neither embedded nor installed on this machine.
pub fn substituted_font_families(bytes: &[u8]) -> Vec<String> {
    let families = font_families(bytes);
    let fontdb = &options(fonts_for(&families)).fontdb;
    families
        .into_iter()
        .filter(|family| {
            if is_generic(family) {
                !family.eq_ignore_ascii_case("sans-serif")
            } else {
                !is_embedded(family) && !installed(fontdb, family)
            }
        })
        .collect()
}

/// The font families an SVG names (`font-family="…"` attributes and `font-family: …` in
/// styles), each once, in order.
pub fn font_families(bytes: &[u8]) -> Vec<String> {
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

/// Parses an SVG with the fonts its text asks for (the window rasterises it; a document
/// export draws it as vectors).
pub fn tree(bytes: &[u8]) -> Result<usvg::Tree, usvg::Error> {
    usvg::Tree::from_data(bytes, options(fonts_for(&font_families(bytes))))
}

/// Rasterises a parsed SVG at exactly `[w, h]` pixels; `None` for an empty size.
pub(super) fn rasterise(tree: &usvg::Tree, [w, h]: [u32; 2]) -> Option<ColorImage> {
    let natural = tree.size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)?;
    let transform = resvg::tiny_skia::Transform::from_scale(w as f32 / natural.width(), h as f32 / natural.height());
    resvg::render(tree, transform, &mut pixmap.as_mut());
    Some(ColorImage::from_rgba_premultiplied([w as usize, h as usize], pixmap.data()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_svg(family: &str) -> String {
        let attribute = if family.is_empty() { String::new() } else { format!(r#" font-family="{family}""#) };
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="white"/><text x="10" y="45" font-size="40"{attribute}>Text</text></svg>"#
        )
    }

    fn dark_pixels(image: &ColorImage) -> Vec<bool> {
        image.pixels.iter().map(|p| p.r() < 128).collect()
    }

    fn render(bytes: &[u8], size: [u32; 2]) -> Option<ColorImage> {
        rasterise(&tree(bytes).unwrap(), size)
    }

    #[test]
    fn svg_text_in_any_font_family_is_drawn_never_dropped() {
        let families = ["", "Noto Sans", "sans-serif", "serif", "monospace", "Arial", "Helvetica", "DejaVu Serif"];
        for family in families {
            let image = render(text_svg(family).as_bytes(), [200, 60]).unwrap();
            let dark = dark_pixels(&image).iter().filter(|d| **d).count();
            assert!(dark > 200, "`{family}`: the text is drawn ({dark} dark pixels)");
        }
    }

    /// `.ci/run` installs DejaVu (Debian's fonts-dejavu-core) so this runs everywhere the tests do.
    #[test]
    fn a_named_family_installed_on_the_machine_is_used_and_an_unknown_one_is_noto_sans() {
        let fontdb = &options(Fonts::WithInstalled).fontdb;
        assert!(installed(fontdb, "DejaVu Serif"), "DejaVu Serif is installed (apt: fonts-dejavu-core)");
        let noto = dark_pixels(&render(text_svg("Noto Sans").as_bytes(), [200, 60]).unwrap());
        let unknown = dark_pixels(&render(text_svg("No Such Family").as_bytes(), [200, 60]).unwrap());
        let dejavu = dark_pixels(&render(text_svg("DejaVu Serif").as_bytes(), [200, 60]).unwrap());
        assert_eq!(unknown, noto, "an unknown family is drawn in Noto Sans");
        let differing = dejavu.iter().zip(&noto).filter(|(a, b)| a != b).count();
        assert!(differing > 100, "DejaVu Serif is drawn in DejaVu Serif ({differing} pixels differ from Noto Sans)");
    }

    #[test]
    fn only_families_not_drawn_as_asked_are_reported_as_substituted() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><text font-family="Noto Sans, sans-serif">a</text>
            <text font-family="DejaVu Serif">b</text><text style="font-family: No Such Family, serif">c</text></svg>"#;
        assert_eq!(substituted_font_families(svg), ["No Such Family", "serif"]);
        assert!(substituted_font_families(br#"<svg font-family="Noto Sans"/>"#).is_empty());
        let fonts = |svg: &[u8]| fonts_for(&font_families(svg));
        assert_eq!(fonts(br#"<svg font-family="sans-serif"/>"#), Fonts::Embedded, "no scan for generic names");
        assert_eq!(fonts(br#"<svg font-family="Arial"/>"#), Fonts::WithInstalled);
    }

    #[test]
    fn the_font_families_an_svg_names_are_found_in_attributes_and_styles() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>.a { font-family: 'DejaVu Serif', serif; }</style>
            <text font-family="Arial, Helvetica, sans-serif">a</text><text style="font-size:3px;font-family:Noto Sans">b</text>
            <text font-family='arial'>c</text></svg>"#;
        assert_eq!(font_families(svg), ["DejaVu Serif", "serif", "Arial", "Helvetica", "sans-serif", "Noto Sans"]);
        assert!(font_families(b"<svg/>").is_empty());
    }
}
