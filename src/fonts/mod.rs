//! The fonts Lectern draws with: Noto Sans (regular, bold, italic, bold italic; OFL-1.1, see
//! `assets/fonts/OFL.txt`) embedded in the binary, because egui's default font has a single
//! light weight, and Noto Sans Symbols 2 and Noto Sans Math after it for arrows, check marks
//! and mathematical signs. Noto Sans covers Russian, Kazakh Cyrillic (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and Kazakh
//! Latin. A deck may bring its own family, which then comes first with Noto as fallback.
//!
//! [`measure`] measures text with these fonts exactly as the painter shapes it; `check` and
//! every window use it, so a slide that fits in `check` fits on screen.

pub mod measure;
pub mod system;

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::deck::FontFiles;
use crate::layout::Face;

pub struct EmbeddedFont {
    pub name: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(EmbeddedFont { name: $name, bytes: include_bytes!(concat!("../../assets/fonts/", $name, ".ttf")) }),*]
    };
}

pub const EMBEDDED: &[EmbeddedFont] = embedded![
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSans-BoldItalic",
    "NotoSansSymbols2-Regular",
    "NotoSansMath-Regular",
    "NotoEmoji-Regular",
    "JetBrainsMono-Regular-noliga",
    "JetBrainsMono-Bold-noliga",
];

/// Fonts every face falls back to for what the text faces lack: arrows, check marks and
/// other symbols, mathematical signs, emoji (monochrome: they take the text's colour).
const SYMBOLS: &[&str] = &["NotoSansSymbols2-Regular", "NotoSansMath-Regular", "NotoEmoji-Regular"];

/// Family name for bold text (egui has no synthetic bold).
pub const BOLD: &str = "bold";
/// Family name for italic text.
pub const ITALIC: &str = "italic";
/// Family name for bold italic text.
pub const BOLD_ITALIC: &str = "bold-italic";
/// Family name for bold code.
pub const MONO_BOLD: &str = "mono-bold";

/// Every face, in the order [`crate::export`] keeps their chains.
pub const FACES: [Face; 6] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic, Face::Mono, Face::MonoBold];

/// The egui family that draws `face`.
pub fn family(face: Face) -> FontFamily {
    match face {
        Face::Regular => FontFamily::Proportional,
        Face::Bold => FontFamily::Name(BOLD.into()),
        Face::Italic => FontFamily::Name(ITALIC.into()),
        Face::BoldItalic => FontFamily::Name(BOLD_ITALIC.into()),
        Face::Mono => FontFamily::Monospace,
        Face::MonoBold => FontFamily::Name(MONO_BOLD.into()),
    }
}

/// One font of a fallback chain: its name (an [`EMBEDDED`] name, `deck-…` or `system-…`),
/// its bytes and its index in them (a collection holds several).
pub struct ChainFont<'a> {
    pub name: String,
    pub bytes: &'a [u8],
    pub index: u32,
}

/// The fonts a deck is drawn with besides the embedded ones: its own family, and installed
/// faces for characters nothing embedded has ([`system`]). Worked out once per deck.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeckFonts {
    pub own: Option<Arc<FontFiles>>,
    pub system: Vec<system::SystemFont>,
}

impl DeckFonts {
    pub fn for_deck(deck: &crate::deck::Deck) -> Self {
        let own = deck.theme.font.clone();
        let embedded = Self { own: own.clone(), system: Vec::new() };
        let missing = GlyphCoverage::new(&embedded).missing(&deck_text(deck));
        Self { own, system: system::fallbacks_for(&missing) }
    }
}

/// Every text a deck's slides show, in every language (laid out with the fixed measurer,
/// which is enough to know the characters).
fn deck_text(deck: &crate::deck::Deck) -> String {
    let mut text = String::new();
    for slide in &deck.slides {
        for lang in deck.langs() {
            for shown in crate::layout::layout_slide(deck, slide, lang, &crate::layout::FixedMeasurer).texts() {
                text.push_str(&shown);
            }
        }
    }
    text
}

/// The fonts that draw `face`, most preferred first: the deck's own face (or its nearest
/// face: bold italic falls back to italic, then bold, then regular), the embedded Noto face
/// and its nearest, then the symbol fonts. The window and the PDF export both use this chain.
pub fn chain(face: Face, fonts: &DeckFonts) -> Vec<ChainFont<'_>> {
    let deck = fonts.own.as_deref();
    let own = deck.filter(|_| !matches!(face, Face::Mono | Face::MonoBold)).map(|d| {
        let (name, bytes) = match face {
            Face::Regular => ("deck-regular", None),
            Face::Bold => ("deck-bold", d.bold.as_ref()),
            Face::Italic => ("deck-italic", d.italic.as_ref()),
            Face::BoldItalic => ("deck-bold-italic", d.bold_italic.as_ref().or(d.italic.as_ref()).or(d.bold.as_ref())),
            Face::Mono | Face::MonoBold => ("deck-regular", None),
        };
        match bytes {
            Some(bytes) => ChainFont { name: name.to_owned(), bytes, index: 0 },
            // Without its own face, the deck's regular face still beats switching family.
            None => ChainFont { name: "deck-regular".to_owned(), bytes: &d.regular, index: 0 },
        }
    });
    let noto: &[&str] = match face {
        Face::Regular => &["NotoSans-Regular"],
        Face::Bold => &["NotoSans-Bold", "NotoSans-Regular"],
        Face::Italic => &["NotoSans-Italic", "NotoSans-Regular"],
        Face::BoldItalic => &["NotoSans-BoldItalic", "NotoSans-Bold", "NotoSans-Regular"],
        // Code: JetBrains Mono (Latin, Cyrillic with Kazakh, box drawing), then the text face.
        Face::Mono => &["JetBrainsMono-Regular-noliga", "NotoSans-Regular"],
        Face::MonoBold => &["JetBrainsMono-Bold-noliga", "NotoSans-Bold"],
    };
    let embedded = noto.iter().chain(SYMBOLS).filter_map(|name| EMBEDDED.iter().find(|f| f.name == *name));
    let installed = fonts.system.iter().map(|f| ChainFont { name: f.name.clone(), bytes: &f.bytes, index: f.index });
    own.into_iter()
        .chain(embedded.map(|f| ChainFont { name: f.name.to_owned(), bytes: f.bytes, index: 0 }))
        .chain(installed)
        .collect()
}

/// Slide text is large, where hinting changes nothing visible; without it a font needs no
/// hinting program run for every new size (shrink-to-fit makes many), which was the largest
/// single cost of the first frame.
fn unhinted(data: FontData) -> Arc<FontData> {
    Arc::new(data.tweak(egui::FontTweak { hinting: Some(false), ..Default::default() }))
}

/// Font definitions for a deck: each face's [`chain`], then egui's defaults (for what the
/// chain lacks).
pub fn definitions(deck_fonts: &DeckFonts) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let egui_proportional = fonts.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    for face in FACES {
        let mut names = Vec::new();
        for font in chain(face, deck_fonts) {
            if !fonts.font_data.contains_key(&font.name) {
                let data = match EMBEDDED.iter().find(|f| f.name == font.name) {
                    Some(embedded) => FontData::from_static(embedded.bytes),
                    None => FontData { index: font.index, ..FontData::from_owned(font.bytes.to_vec()) },
                };
                fonts.font_data.insert(font.name.clone(), unhinted(data));
            }
            names.push(font.name);
        }
        names.extend(egui_proportional.iter().cloned());
        fonts.families.insert(family(face), names);
    }
    fonts
}

/// Which characters the slide fonts can draw, so `check` can warn about text that would
/// show as boxes ("tofu") instead of letters.
pub struct GlyphCoverage {
    fonts: Vec<Arc<FontData>>,
}

impl GlyphCoverage {
    /// Coverage of the fonts regular slide text falls back through with `fonts`.
    pub fn new(fonts: &DeckFonts) -> Self {
        let definitions = definitions(fonts);
        let names = definitions.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
        let fonts = names.iter().filter_map(|name| definitions.font_data.get(name).cloned()).collect();
        Self { fonts }
    }

    pub fn covers(&self, ch: char) -> bool {
        use skrifa::MetadataProvider as _;
        ch.is_whitespace()
            || ch.is_control()
            || self.fonts.iter().any(|font| {
                let bytes: &[u8] = (*font.font).as_ref();
                skrifa::FontRef::from_index(bytes, font.index).is_ok_and(|f| f.charmap().map(ch).is_some())
            })
    }

    /// Characters of `text` no font has, each once, in order of appearance. Each distinct
    /// character is looked up once (a whole deck's text has a few hundred).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut seen = std::collections::HashSet::new();
        text.chars().filter(|ch| seen.insert(*ch) && !self.covers(*ch)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_cover_kazakh_russian_and_kazakh_latin() {
        let coverage = GlyphCoverage::new(&DeckFonts::default());
        let alphabets = "ӘәҒғҚқҢңӨөҰұҮүҺһІі АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ёжщ \
                         AÄBDEFGĞHIİJKLMNÑOÖPQRSTUŪÜVYZ äğıñöşūü «»—–№“”‘’€";
        assert_eq!(coverage.missing(alphabets), Vec::<char>::new());
        assert_eq!(coverage.missing("a → ← ✓ ∇ ≒ ★ 😀 🚀 👍 b"), Vec::<char>::new(), "symbols and emoji fall back");
        assert_eq!(coverage.missing("Linear B 𐀀"), vec!['𐀀']);
    }
}
