//! The last fallback: fonts installed on this machine, for the characters of a deck that no
//! embedded font has (Chinese, Japanese, Arabic, Hebrew, Thai…). The installed fonts are
//! looked at only when a deck has such characters, and then only the few faces that cover
//! them are loaded, so a deck in the scripts Lectern embeds never pays for the scan.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;
use skrifa::MetadataProvider as _;

/// An installed face taken into a deck's fallback chain.
#[derive(Clone)]
pub struct SystemFont {
    /// The name egui and the export know it by (`system-…`).
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
    pub index: u32,
}

impl std::fmt::Debug for SystemFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SystemFont({})", self.name)
    }
}

impl PartialEq for SystemFont {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// At most this many installed faces are added for one deck.
const MOST_FACES: usize = 6;

fn installed() -> &'static fontdb::Database {
    static DATABASE: OnceLock<fontdb::Database> = OnceLock::new();
    DATABASE.get_or_init(|| {
        let started = std::time::Instant::now();
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        log::debug!(target: "lectern", "{} installed font faces scanned in {:?}", database.len(), started.elapsed());
        database
    })
}

/// Installed faces that draw `missing`, the face covering most of what is left first;
/// upright regular faces are preferred. Empty when nothing is missing or nothing covers it.
/// The answer for a set of characters is kept, so a deck saved again while it is edited
/// (live reload) does not scan the installed fonts again.
pub fn fallbacks_for(missing: &[char]) -> Vec<SystemFont> {
    if missing.is_empty() {
        return Vec::new();
    }
    static ANSWERS: std::sync::Mutex<Vec<(Vec<char>, Vec<SystemFont>)>> = std::sync::Mutex::new(Vec::new());
    let mut key = missing.to_vec();
    key.sort_unstable();
    key.dedup();
    if let Ok(answers) = ANSWERS.lock()
        && let Some((_, fonts)) = answers.iter().find(|(k, _)| *k == key)
    {
        return fonts.clone();
    }
    let fonts = scan(&key);
    if let Ok(mut answers) = ANSWERS.lock() {
        // A few sets at most: an edited deck's text changes a little at a time.
        if answers.len() >= 8 {
            answers.remove(0);
        }
        answers.push((key, fonts.clone()));
    }
    fonts
}

fn scan(missing: &[char]) -> Vec<SystemFont> {
    let database = installed();
    let mut faces: Vec<&fontdb::FaceInfo> = database.faces().collect();
    // Regular upright faces first, so a tie picks the plain face over a bold or italic one.
    faces.sort_by_key(|face| {
        (face.style != fontdb::Style::Normal, (i32::from(face.weight.0) - 400).abs(), face.post_script_name.clone())
    });
    let coverage = |face: &fontdb::FaceInfo, wanted: &[char]| -> Vec<char> {
        database
            .with_face_data(face.id, |data, index| {
                let Ok(font) = skrifa::FontRef::from_index(data, index) else { return Vec::new() };
                let charmap = font.charmap();
                wanted.iter().copied().filter(|c| charmap.map(*c).is_some()).collect()
            })
            .unwrap_or_default()
    };
    let mut left: Vec<char> = missing.to_vec();
    let mut chosen = Vec::new();
    while !left.is_empty() && chosen.len() < MOST_FACES {
        // The first face covering the most (`max_by_key` would take the last: a bold one).
        let best = faces.iter().map(|face| (face, coverage(face, &left))).fold(None, |best, candidate| match &best {
            Some((_, covered)) if Vec::len(covered) >= candidate.1.len() => best,
            _ => Some(candidate),
        });
        let Some((face, covered)) = best.filter(|(_, covered)| !covered.is_empty()) else { break };
        let Some(bytes) = database.with_face_data(face.id, |data, _| data.to_vec()) else { break };
        chosen.push(SystemFont {
            name: format!("system-{}", face.post_script_name),
            bytes: Arc::new(bytes),
            index: face.index,
        });
        left.retain(|c| !covered.contains(c));
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_fonts_cover_what_nothing_embedded_has() {
        assert!(fallbacks_for(&[]).is_empty(), "no scan without a need");
        // DejaVu Sans (installed on every machine the tests run on: apt fonts-dejavu-core)
        // has Armenian, which no embedded font does.
        let armenian = ['Հ', 'ա'];
        let found = fallbacks_for(&armenian);
        assert!(!found.is_empty(), "an installed face has Armenian");
        let font = skrifa::FontRef::from_index(&found[0].bytes, found[0].index).unwrap();
        assert!(armenian.iter().all(|c| font.charmap().map(*c).is_some()));
        assert!(!found[0].name.contains("Bold") && !found[0].name.contains("Oblique"), "the regular face: {found:?}");
        assert!(fallbacks_for(&['\u{10FFFD}']).is_empty(), "a private code point is in no font");
    }
}
