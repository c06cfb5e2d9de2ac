//! The chairmanship deck and its images, embedded in the binary so `lectern` with no
//! argument works from any folder and an installed binary is standalone. The paths are the
//! same as in the repository, so `lectern slides/chairmanship.ron` reads the same deck from disk.

use std::borrow::Cow;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::deck::AssetSource;

/// Where the bundled deck lives, relative to the repository root.
pub const DECK_PATH: &str = "slides/chairmanship.ron";

macro_rules! bundle {
    ($($path:literal),* $(,)?) => {
        /// Every embedded file, by its path in the repository.
        pub const FILES: &[(&str, &[u8])] = &[$(($path, include_bytes!(concat!("../", $path)))),*];
    };
}

bundle!(
    "slides/chairmanship.ron",
    "assets/images/osce-area-2010.svg",
    "assets/images/central-asia-nwfz.svg",
    "assets/images/flag-kazakhstan.svg",
    "assets/images/timeline-1975-2010.svg",
    "assets/images/troika.svg",
    "assets/images/four-ts.svg",
    "assets/images/arsenal.svg",
    "assets/images/osce-area-2010.ru.svg",
    "assets/images/osce-area-2010.kk.svg",
    "assets/images/central-asia-nwfz.ru.svg",
    "assets/images/central-asia-nwfz.kk.svg",
    "assets/images/timeline-1975-2010.ru.svg",
    "assets/images/timeline-1975-2010.kk.svg",
    "assets/images/troika.ru.svg",
    "assets/images/troika.kk.svg",
    "assets/images/four-ts.ru.svg",
    "assets/images/four-ts.kk.svg",
    "assets/images/arsenal.ru.svg",
    "assets/images/arsenal.kk.svg",
);

/// Reads the embedded files.
#[derive(Clone, Copy, Debug, Default)]
pub struct BundledAssets;

impl AssetSource for BundledAssets {
    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        let wanted = normalize(path);
        FILES.iter().find(|(p, _)| Path::new(p) == wanted).map(|(_, bytes)| Cow::Borrowed(*bytes)).ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("{} is not in the bundled deck", path.display()))
        })
    }
}

/// Removes `.` and resolves `..` without touching the filesystem.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_relative_paths_like_the_disk_does() {
        let via_parent = BundledAssets.read(Path::new("slides/../assets/images/troika.svg")).unwrap();
        assert_eq!(via_parent.as_ref(), std::fs::read("assets/images/troika.svg").unwrap());
        assert_eq!(BundledAssets.read(Path::new("slides/missing.png")).unwrap_err().kind(), io::ErrorKind::NotFound);
    }
}
