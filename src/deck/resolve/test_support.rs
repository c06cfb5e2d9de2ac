//! What the resolver's tests share: decks loaded from memory, with the files they reference,
//! and their diagnostics read back as the headlines a user sees (`path:line:col: error: …`),
//! so a test pins the message, the severity and the place in one string.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::deck::{AssetSource, Deck, LoadError, LoadOptions, Loaded, Report};

/// Where every test deck claims to live; its files resolve against `talk/`.
pub(super) const DECK: &str = "talk/deck.ron";

/// Files by path. Every read is recorded, so a test can tell how a file was opened and how
/// often.
#[derive(Default)]
pub(super) struct Memory {
    files: HashMap<PathBuf, Vec<u8>>,
    reads: Mutex<Vec<(PathBuf, Read)>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Read {
    Whole,
    Head,
}

impl Memory {
    pub(super) fn with(mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(PathBuf::from(path), bytes.into());
        self
    }

    /// How `path` was read, in order.
    pub(super) fn reads_of(&self, path: &str) -> Vec<Read> {
        let reads = self.reads.lock().unwrap();
        reads.iter().filter(|(p, _)| p == Path::new(path)).map(|(_, how)| *how).collect()
    }

    fn get(&self, path: &Path, how: Read) -> io::Result<Cow<'static, [u8]>> {
        self.reads.lock().unwrap().push((path.to_owned(), how));
        let bytes = self.files.get(path).ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        Ok(Cow::Owned(bytes.clone()))
    }
}

impl AssetSource for Memory {
    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        self.get(path, Read::Whole)
    }

    fn read_head(&self, path: &Path, max: usize) -> io::Result<Cow<'static, [u8]>> {
        self.get(path, Read::Head).map(|bytes| Cow::Owned(bytes[..bytes.len().min(max)].to_vec()))
    }
}

/// An SVG whose root element gives its natural size: the cheapest picture with a size.
pub(super) fn svg(width: u32, height: u32) -> Vec<u8> {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>"#).into_bytes()
}

pub(super) fn load_in(assets: &Memory, options: &LoadOptions, text: &str) -> Result<Loaded, LoadError> {
    crate::deck::load_text(Path::new(DECK), text.to_owned(), assets, options)
}

/// The deck `text` must load (with no files besides it); warnings are returned with it.
pub(super) fn resolved(text: &str) -> (Deck, Report) {
    resolved_in(&Memory::default(), text)
}

pub(super) fn resolved_in(assets: &Memory, text: &str) -> (Deck, Report) {
    match load_in(assets, &LoadOptions::default(), text) {
        Ok(loaded) => (std::sync::Arc::try_unwrap(loaded.deck).unwrap(), loaded.warnings),
        Err(err) => panic!("{err}\n{}", err.report().map(Report::render).unwrap_or_default()),
    }
}

/// The report of a load, whether it failed or loaded with warnings.
pub(super) fn report_of(result: Result<Loaded, LoadError>) -> Report {
    match result {
        Ok(loaded) => loaded.warnings,
        Err(LoadError::Invalid { report, .. }) => report,
        Err(err) => panic!("not a deck problem: {err}"),
    }
}

/// The headline of each diagnostic in reading order: `talk/deck.ron:3:12: error: …`.
pub(super) fn headlines(report: &Report) -> Vec<String> {
    report.sorted().into_iter().map(|d| report.render_one(d).lines().next().unwrap_or_default().to_owned()).collect()
}

/// The headlines of loading `text` with no files besides it.
pub(super) fn problems(text: &str) -> Vec<String> {
    problems_in(&Memory::default(), text)
}

pub(super) fn problems_in(assets: &Memory, text: &str) -> Vec<String> {
    headlines(&report_of(load_in(assets, &LoadOptions::default(), text)))
}

/// The report of loading `text` with no files besides it, to look at one diagnostic closely.
pub(super) fn report(text: &str) -> Report {
    report_of(load_in(&Memory::default(), &LoadOptions::default(), text))
}
