//! The last good deck, kept across restarts. Live reload keeps the last good deck up only
//! while the process lives; after a crash, a lost display or a power cut, a show whose deck
//! was saved with a mistake would not start at all. So whenever an exhibit's deck loads
//! cleanly, a copy of it is kept in the user's state folder (`~/.local/state/lectern` on
//! Linux, from `directories`): the deck file, its included files, and its pictures and
//! fonts while they fit [`BUDGET_BYTES`]. A start on a deck that does not load shows that
//! copy, logs why, and keeps watching the real file, so the first good save takes over.
//!
//! The copy mirrors the files' places below their common folder, so the deck's relative
//! paths resolve inside it unchanged. It is written as a new generation folder, every file
//! synced to disk, proven to load, and only then made current by renaming a one-line file
//! that names it over the old one (atomic on one file system), so a power cut or a save with
//! a mistake during the copy leaves the previous copy whole.

use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::deck::{Deck, DiskAssets, LoadOptions, Loaded};

/// The most a copy holds; pictures past it are left out (the deck's own text never is).
pub const BUDGET_BYTES: u64 = 512 << 20;
/// One save at a time in this process; generations are removed only under it.
static SAVING: Mutex<()> = Mutex::new(());

/// Where copies are kept: the user's state folder, or `None` where the system has none.
pub fn default_root() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "lectern")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).join("last-good"))
}

/// The folder of the copy of the deck at `deck_path` (one per deck file).
pub fn folder_for(root: &Path, deck_path: &Path) -> PathBuf {
    let absolute = normalize(deck_path);
    let stem = absolute.file_stem().map_or_else(|| "deck".into(), |s| s.to_string_lossy().into_owned());
    let stem: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).take(40).collect();
    root.join(format!("{stem}-{:016x}", fnv1a(absolute.as_os_str().as_encoded_bytes())))
}

/// What a save did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// The same files were saved before; nothing written.
    Unchanged,
    /// Written, leaving out these files past the budget.
    Written { left_out: Vec<PathBuf> },
}

/// Keeps a copy of `deck` (which loaded cleanly) under `root`.
pub fn save(root: &Path, deck: &Deck) -> std::io::Result<Saved> {
    let _saving = SAVING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let folder = folder_for(root, &deck.path);
    std::fs::create_dir_all(&folder)?;
    let deck_path = normalize(&deck.path);
    let text_files: Vec<PathBuf> = std::iter::once(&deck.path).chain(&deck.includes).map(|p| normalize(p)).collect();
    let mut files: Vec<PathBuf> = deck.files().iter().map(|p| normalize(p)).filter(|p| p.is_file()).collect();
    files.sort_by_key(|p| !text_files.contains(p));
    files.dedup();
    let fingerprint = fingerprint(&files);
    let current = std::fs::read_to_string(folder.join(POINTER)).ok();
    let saved = current.as_ref().and_then(|name| std::fs::read_to_string(folder.join(name).join("fingerprint")).ok());
    if saved.is_some_and(|saved| saved == fingerprint) {
        return Ok(Saved::Unchanged);
    }
    let name = format!("gen-{}-{}", std::process::id(), unique());
    let generation = folder.join(&name);
    let written = write_generation(&generation, &files, &text_files, &deck_path, &fingerprint);
    let left_out = match written {
        Ok(left_out) => left_out,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&generation);
            return Err(err);
        }
    };
    // Made current by renaming a one-line file over the old one: atomic, and the same on
    // every system. Older generations go only after that, so one is always whole.
    let pointer = folder.join(format!("{POINTER}.{}.tmp", unique()));
    std::fs::write(&pointer, &name)?;
    sync(&pointer);
    std::fs::rename(&pointer, folder.join(POINTER))?;
    sync(&folder);
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries.flatten() {
            let other = entry.file_name();
            if other.to_string_lossy().starts_with("gen-") && other.to_string_lossy() != name {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(Saved::Written { left_out })
}

/// The file in a deck's folder that names its current generation.
const POINTER: &str = "current";

/// Copies `files` into the new `generation` (each on disk before the next step), and proves
/// the copy loads: a save made with a mistake while the files were copied must not become
/// the last good deck.
fn write_generation(
    generation: &Path,
    files: &[PathBuf],
    text_files: &[PathBuf],
    deck_path: &Path,
    fingerprint: &str,
) -> std::io::Result<Vec<PathBuf>> {
    let base = common_folder(files);
    let tree = generation.join("tree");
    let mut used = 0u64;
    let mut left_out = Vec::new();
    for file in files {
        let size = std::fs::metadata(file)?.len();
        if !text_files.contains(file) && used + size > BUDGET_BYTES {
            left_out.push(file.clone());
            continue;
        }
        let to = tree.join(file.strip_prefix(&base).unwrap_or(file));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(file, &to)?;
        sync(&to);
        used += size;
    }
    let relative_deck = deck_path.strip_prefix(&base).unwrap_or(deck_path);
    for (name, text) in [
        ("deck", relative_deck.to_string_lossy().into_owned()),
        ("saved", jiff::Timestamp::now().to_string()),
        ("fingerprint", fingerprint.to_owned()),
    ] {
        std::fs::write(generation.join(name), text)?;
        sync(&generation.join(name));
    }
    sync(generation);
    if crate::deck::load(&tree.join(relative_deck), &DiskAssets, &LoadOptions::default()).is_err() {
        return Err(std::io::Error::other("the deck changed while it was copied; the previous copy is kept"));
    }
    Ok(left_out)
}

/// The copy of the deck at `deck_path`, loaded, with when it was saved; `None` without a
/// copy, or with one that does not load either.
pub fn restore(root: &Path, deck_path: &Path) -> Option<(Loaded, String)> {
    let folder = folder_for(root, deck_path);
    let current = folder.join(std::fs::read_to_string(folder.join(POINTER)).ok()?.trim());
    let relative = PathBuf::from(std::fs::read_to_string(current.join("deck")).ok()?);
    let saved = std::fs::read_to_string(current.join("saved")).unwrap_or_default();
    let loaded = crate::deck::load(&current.join("tree").join(relative), &DiskAssets, &LoadOptions::default()).ok()?;
    Some((loaded, saved))
}

/// `path` made absolute, with `.` and `..` folded as the deck's own paths are (by name,
/// not by following links), so the copy's layout is the one the deck's paths describe.
fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The deepest folder holding every one of `files`.
fn common_folder(files: &[PathBuf]) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for file in files {
        let folder = file.parent().unwrap_or(file).to_owned();
        common = Some(match common {
            None => folder,
            Some(so_far) => {
                so_far.components().zip(folder.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
            }
        });
    }
    common.unwrap_or_default()
}

/// The files' names, sizes and modification times: what decides that a copy is current.
fn fingerprint(files: &[PathBuf]) -> String {
    let mut text = String::new();
    for file in files {
        let metadata = std::fs::metadata(file).ok();
        let modified = metadata
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        let size = metadata.map_or(0, |m| m.len());
        text.push_str(&format!("{}\t{size}\t{:?}\n", file.display(), modified.unwrap_or_default()));
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// FNV-1a: a stable 64-bit hash (the standard library's may change between releases, and
/// these names outlive a build).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

fn unique() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Asks the system to put a file or a folder's entries on disk (best effort).
fn sync(path: &Path) {
    if let Ok(handle) = std::fs::File::open(path) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_broken_deck_starts_from_the_copy_of_its_last_good_version() {
        let dir = tempfile::tempdir().unwrap();
        let (root, site) = (dir.path().join("state"), dir.path().join("site"));
        let deck_path = site.join("slides/deck.ron");
        write(&deck_path, r#"Deck(title: "Good", slides: [Include("part.ron"), Image(path: "../pictures/p.svg")])"#);
        write(&site.join("slides/part.ron"), r#"[Title(title: "From the part")]"#);
        write(&site.join("pictures/p.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>"#);
        let good = crate::deck::load(&deck_path, &DiskAssets, &LoadOptions::default()).unwrap();
        assert_eq!(save(&root, &good.deck).unwrap(), Saved::Written { left_out: vec![] });
        assert_eq!(save(&root, &good.deck).unwrap(), Saved::Unchanged, "the same files are not copied again");

        // A save with a mistake, then a restart.
        write(&deck_path, r#"Deck(title: "Broken", slides: [Title(titel: "x")])"#);
        assert!(crate::deck::load(&deck_path, &DiskAssets, &LoadOptions::default()).is_err());
        let (restored, saved) = restore(&root, &deck_path).expect("the copy loads");
        assert!(!saved.is_empty());
        assert_eq!(restored.deck.title.default_text(), "Good");
        assert_eq!(restored.deck.slides.len(), 2, "the included part came along");
        assert!(restored.unshowable_images.is_empty(), "the picture resolves inside the copy");
        assert!(restored.deck.path.starts_with(&root));
        assert_eq!(std::fs::read_dir(folder_for(&root, &deck_path)).unwrap().count(), 2, "one generation and its name");
        assert!(restore(&root, &site.join("other.ron")).is_none(), "another deck has no copy");
    }
}
