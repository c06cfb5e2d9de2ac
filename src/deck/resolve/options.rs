//! What the caller decides about one load: how hard to look at the images a deck references.

use std::sync::Arc;

use crate::deck::diagnostic::Severity;

/// Decodes a whole image to prove it shows, returning its size; the media layer provides one
/// (its `decode::probe`, handed in by `lectern check`), so the model itself never touches pixels.
pub type DecodeCheck = Arc<dyn Fn(&[u8]) -> Result<[u32; 2], String> + Send + Sync>;

/// How hard to look at the images a deck references.
#[derive(Clone, Default)]
pub enum ImageCheck {
    /// Only that the file can be read, and its size from the header (fast: what the app does
    /// on every load).
    #[default]
    Readable,
    /// Decode every image too, with the decoder given (what `lectern check` does).
    Decode(DecodeCheck),
}

impl ImageCheck {
    /// How bad an image that cannot be shown is. Showing a deck, it is a warning: the slide
    /// shows without it (a placeholder when presenting, nothing in an exhibit), exactly as when
    /// the file goes missing later, so one picture never keeps a deck or a museum screen dark.
    /// Checking a deck, it is an error.
    pub fn problem_severity(&self) -> Severity {
        match self {
            ImageCheck::Readable => Severity::Warning,
            ImageCheck::Decode(_) => Severity::Error,
        }
    }
}

impl std::fmt::Debug for ImageCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ImageCheck::Readable => "Readable",
            ImageCheck::Decode(_) => "Decode",
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub images: ImageCheck,
}
