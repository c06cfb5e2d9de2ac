//! The faces a document embeds, in the order the window falls back through them (one chain
//! for both: [`crate::fonts::chain`]).
//! Each character is set in the first face that has it; krilla embeds only the glyphs used.

use std::sync::Arc;

use krilla::text::Font;
use skrifa::MetadataProvider as _;

use crate::fonts::DeckFonts;
use crate::layout::Face;

struct Member {
    font: Font,
    bytes: Arc<Vec<u8>>,
    index: u32,
}

impl Member {
    fn new(bytes: Vec<u8>, index: u32) -> Option<Self> {
        let bytes = Arc::new(bytes);
        let font = Font::new(krilla::Data::from(Arc::clone(&bytes)), index)?;
        Some(Self { font, bytes, index })
    }

    fn covers(&self, ch: char) -> bool {
        skrifa::FontRef::from_index(&self.bytes, self.index).is_ok_and(|f| f.charmap().map(ch).is_some())
    }
}

/// The fallback chain of each face ([`crate::fonts::chain`]), each font loaded once.
pub struct FontSet {
    chains: [Vec<Member>; 6],
}

impl FontSet {
    pub fn new(deck_fonts: &DeckFonts) -> Self {
        let mut loaded: Vec<(String, Arc<Vec<u8>>, Font, u32)> = Vec::new();
        let mut chain = |face: Face| -> Vec<Member> {
            crate::fonts::chain(face, deck_fonts)
                .into_iter()
                .filter_map(|f| {
                    if let Some((_, bytes, font, index)) = loaded.iter().find(|(name, ..)| *name == f.name) {
                        return Some(Member { font: font.clone(), bytes: Arc::clone(bytes), index: *index });
                    }
                    let member = Member::new(f.bytes.to_vec(), f.index)?;
                    loaded.push((f.name, Arc::clone(&member.bytes), member.font.clone(), f.index));
                    Some(member)
                })
                .collect()
        };
        Self { chains: crate::fonts::FACES.map(&mut chain) }
    }

    /// `text` with each character no face has replaced by U+FFFD (drawn as the replacement
    /// mark, not a missing glyph, which a PDF/UA document may not contain), one for one, so
    /// positions per character stay aligned; `check` warns about such characters.
    pub fn drawable(&self, face: Face, text: &str) -> String {
        let chain = self.chain(face);
        text.chars()
            .map(|c| if c.is_whitespace() || chain.iter().any(|m| m.covers(c)) { c } else { '\u{FFFD}' })
            .collect()
    }

    fn chain(&self, face: Face) -> &[Member] {
        let index = crate::fonts::FACES.iter().position(|f| *f == face).unwrap_or(0);
        &self.chains[index]
    }

    /// `text` cut where the face that draws it changes: (byte range, font).
    pub fn split(&self, face: Face, text: &str) -> Vec<(std::ops::Range<usize>, Font)> {
        let chain = self.chain(face);
        let mut out: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        for (at, ch) in text.char_indices() {
            let end = at + ch.len_utf8();
            let current = out.last().map(|(_, member)| *member);
            // Spaces stay with the face around them; a character no face has (see
            // `drawable`) goes to the first.
            let member = if ch.is_whitespace() {
                current.unwrap_or(0)
            } else {
                chain.iter().position(|m| m.covers(ch)).unwrap_or(0)
            };
            match out.last_mut() {
                Some((range, m)) if *m == member => range.end = end,
                _ => out.push((at..end, member)),
            }
        }
        out.into_iter().filter_map(|(range, m)| chain.get(m).map(|member| (range, member.font.clone()))).collect()
    }
}
