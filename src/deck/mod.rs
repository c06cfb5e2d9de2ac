//! The deck: what a presentation is, independent of any window.
//!
//! Data flows one way: RON text -> [`raw`] (serde, 1:1 with the file) -> [`resolve`] ->
//! [`Deck`] (validated, paths resolved, colours parsed). Every problem found on the way is a
//! [`Diagnostic`] pointing at `path:line:col`. Reading files goes through [`AssetSource`], so
//! the bundled deck (embedded in the binary) and decks on disk load through the same code.

pub mod assets;
pub mod diagnostic;
mod excerpt;
pub mod exhibit;
pub mod highlight;
pub mod model;
pub mod navigation;
pub mod probe;
pub mod raw;
pub mod reading;
pub(crate) mod resolve;
pub mod source;
pub mod text;

use std::path::Path;

pub use assets::{AssetSource, DiskAssets, MAX_FILE_BYTES, read_text};
pub use diagnostic::{Diagnostic, Report, Severity, SourceFile};
pub use exhibit::{ControlSettings, ExhibitSettings};
pub use model::*;
pub use raw::{Fit, HAlign, Room, Side, VAlign};
pub use resolve::{DecodeCheck, HEADER_FIELDS, ImageCheck, LoadOptions, ron_options};
pub use text::{Lang, Text};

/// Reads and validates the deck at `path`.
pub fn load(path: &Path, assets: &dyn AssetSource, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let text = read_text(path, assets)?;
    load_text(path, text, assets, options)
}

/// Validates deck `text` as if read from `path` (images are read through `assets`): for
/// decks that are not on disk yet, such as an editor's unsaved buffer or a test.
pub fn load_text(
    path: &Path,
    text: String,
    assets: &dyn AssetSource,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    resolve::load_from_str(path, text, assets, options)
}
