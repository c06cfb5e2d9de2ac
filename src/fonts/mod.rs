//! The fonts Lectern draws with: Noto Sans (regular, bold, italic; OFL-1.1, see
//! `assets/fonts/OFL.txt`) embedded in the binary, because egui's default font has a single
//! light weight. Noto Sans covers Russian, Kazakh Cyrillic (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and Kazakh
//! Latin. A deck may bring its own family, which then comes first with Noto as fallback.
//!
//! [`measure`] measures text with these fonts exactly as the painter shapes it; `check` and
//! every window use it, so a slide that fits in `check` fits on screen.

pub mod measure;

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::deck::FontFiles;

pub struct EmbeddedFont {
    pub name: &'static str,
    pub bytes: &'static [u8],
}

pub const EMBEDDED: &[EmbeddedFont] = &[
    EmbeddedFont { name: "NotoSans-Regular", bytes: include_bytes!("../../assets/fonts/NotoSans-Regular.ttf") },
    EmbeddedFont { name: "NotoSans-Bold", bytes: include_bytes!("../../assets/fonts/NotoSans-Bold.ttf") },
    EmbeddedFont { name: "NotoSans-Italic", bytes: include_bytes!("../../assets/fonts/NotoSans-Italic.ttf") },
];

/// Family name for bold text (egui has no synthetic bold).
pub const BOLD: &str = "bold";
/// Family name for italic text.
pub const ITALIC: &str = "italic";

pub fn bold() -> FontFamily {
    FontFamily::Name(BOLD.into())
}

pub fn italic() -> FontFamily {
    FontFamily::Name(ITALIC.into())
}

/// Slide text is large, where hinting changes nothing visible; without it a font needs no
/// hinting program run for every new size (shrink-to-fit makes many), which was the largest
/// single cost of the first frame.
fn unhinted(data: FontData) -> Arc<FontData> {
    Arc::new(data.tweak(egui::FontTweak { hinting: Some(false), ..Default::default() }))
}

/// Font definitions for a deck: its own family first if it has one, then Noto Sans, then
/// egui's defaults (for symbols Noto lacks).
pub fn definitions(deck_font: Option<&FontFiles>) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let egui_proportional = fonts.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    for font in EMBEDDED {
        fonts.font_data.insert(font.name.to_owned(), unhinted(FontData::from_static(font.bytes)));
    }
    let mut regular = vec!["NotoSans-Regular".to_owned()];
    let mut bold = vec!["NotoSans-Bold".to_owned(), "NotoSans-Regular".to_owned()];
    let mut italic = vec!["NotoSans-Italic".to_owned(), "NotoSans-Regular".to_owned()];
    if let Some(deck) = deck_font {
        fonts.font_data.insert("deck-regular".into(), unhinted(FontData::from_owned(deck.regular.clone())));
        regular.insert(0, "deck-regular".into());
        let mut add = |name: &str, bytes: &Option<Vec<u8>>, family: &mut Vec<String>| {
            let chosen = match bytes {
                Some(bytes) => {
                    fonts.font_data.insert(name.to_owned(), unhinted(FontData::from_owned(bytes.clone())));
                    name.to_owned()
                }
                // Without its own bold or italic, the deck's regular face still beats switching family.
                None => "deck-regular".to_owned(),
            };
            family.insert(0, chosen);
        };
        add("deck-bold", &deck.bold, &mut bold);
        add("deck-italic", &deck.italic, &mut italic);
    }
    for family in [&mut regular, &mut bold, &mut italic] {
        family.extend(egui_proportional.iter().cloned());
    }
    fonts.families.insert(FontFamily::Proportional, regular);
    fonts.families.insert(self::bold(), bold);
    fonts.families.insert(self::italic(), italic);
    fonts
}

/// Which characters the slide fonts can draw, so `check` can warn about text that would
/// show as boxes ("tofu") instead of letters.
pub struct GlyphCoverage {
    fonts: Vec<Arc<FontData>>,
}

impl GlyphCoverage {
    /// Coverage of the fonts regular slide text falls back through for this deck.
    pub fn for_deck(deck_font: Option<&FontFiles>) -> Self {
        let definitions = definitions(deck_font);
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

    /// Characters of `text` no font has, each once, in order of appearance.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for ch in text.chars() {
            if !missing.contains(&ch) && !self.covers(ch) {
                missing.push(ch);
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_cover_kazakh_russian_and_kazakh_latin() {
        let coverage = GlyphCoverage::for_deck(None);
        let alphabets = "ӘәҒғҚқҢңӨөҰұҮүҺһІі АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ёжщ \
                         AÄBDEFGĞHIİJKLMNÑOÖPQRSTUŪÜVYZ äğıñöşūü «»—–№“”‘’€";
        assert_eq!(coverage.missing(alphabets), Vec::<char>::new());
        assert_eq!(coverage.missing("a → 😀 b"), vec!['→', '😀']);
    }
}
