//! What the caller decides about one load: how hard to look at the images a deck references.

use std::sync::Arc;

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
