//! The architecture's invariants, checked on the source itself (docs/ARCHITECTURE.md names
//! them): the model knows no screen and no media layer, and no module imports another that
//! imports it back, neither between the crate's top-level modules nor between the files of
//! one folder, and only `src/platform/` names an operating system. Test code is left out: a
//! test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file: its folder's module path, its own name in the folder (`mod` for `mod.rs`)
/// and its code without test modules and comments.
struct File {
    path: PathBuf,
    folder: Vec<String>,
    name: String,
    code: String,
}

fn source_files() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Test modules and their helpers (declared under `#[cfg(test)]`) may reach anywhere.
            let is_test = file_name.contains("test");
            if path.extension().is_none_or(|e| e != "rs") || is_test || path == root.join("main.rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).unwrap();
            let mut folder: Vec<String> =
                relative.parent().unwrap().components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let name = match stem.as_str() {
                "mod" | "lib" => "mod".to_owned(),
                _ if folder.is_empty() => {
                    // A top-level file module is a folder of its own.
                    folder.push(stem.clone());
                    "mod".to_owned()
                }
                _ => stem,
            };
            let text = std::fs::read_to_string(&path).unwrap();
            files.push(File { path: path.clone(), folder, name, code: code_of(&text) });
        }
    }
    files
}

/// The code without comments and without `#[cfg(test)]` modules (to the end of the file, as
/// this crate writes them last).
fn code_of(text: &str) -> String {
    let text = match ["#[cfg(test)]", "#[cfg(all(test"].iter().filter_map(|mark| text.find(mark)).min() {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The first name of every path after `prefix` in `code` (groups `a::{b, c}` count each).
fn grouped_after(code: &str, prefix: &str) -> BTreeSet<String> {
    split_paths(code, prefix).into_iter().filter_map(|path| path.into_iter().next()).collect()
}

/// A cycle in `edges`, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

#[test]
fn the_model_knows_no_screen_and_no_media() {
    let files = source_files();
    let deck: Vec<&File> = files.iter().filter(|f| f.folder.first().is_some_and(|top| top == "deck")).collect();
    assert!(deck.len() >= 5, "the deck's files are found");
    for file in deck {
        for forbidden in ["egui", "eframe", "crate::media", "crate::app", "crate::session", "crate::paint"] {
            assert!(!file.code.contains(forbidden), "{} uses {forbidden}", file.path.display());
        }
    }
}

#[test]
fn pure_parts_import_no_window() {
    for file in source_files() {
        let top = file.folder.first().map(String::as_str);
        if matches!(top, Some("layout" | "timing")) {
            for forbidden in ["egui", "eframe", "crate::media", "crate::session"] {
                assert!(!file.code.contains(forbidden), "{} uses {forbidden}", file.path.display());
            }
        }
    }
}

#[test]
fn timing_imports_nothing_of_the_crate() {
    for file in source_files().iter().filter(|f| f.folder.first().is_some_and(|top| top == "timing")) {
        let named: Vec<String> = grouped_after(&file.code, "crate::").into_iter().collect();
        assert!(named.is_empty(), "{} imports {named:?}", file.path.display());
    }
}

#[test]
fn only_the_platform_module_names_an_operating_system() {
    let marks = [
        "target_os",
        "target_family",
        "cfg(unix)",
        "cfg(not(unix))",
        "cfg(windows)",
        "std::os::",
        "rustix::",
        "libc::",
    ];
    let leaks: Vec<String> = source_files()
        .iter()
        .filter(|file| file.folder.first().is_none_or(|top| top != "platform"))
        .flat_map(|file| {
            marks
                .iter()
                .filter(|mark| file.code.contains(*mark))
                .map(|mark| format!("{} names {mark}", file.path.display()))
        })
        .collect();
    assert!(leaks.is_empty(), "system-specific code belongs in src/platform/: {leaks:#?}");
}

#[test]
fn top_level_modules_import_no_circle() {
    let files = source_files();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(top) = file.folder.first() else { continue };
        let targets = grouped_after(&file.code, "crate::");
        let entry = edges.entry(top.clone()).or_default();
        entry.extend(targets.into_iter().filter(|t| t != top));
    }
    assert!(edges.contains_key("session") && edges["app"].contains("session"), "the graph is read: {edges:?}");
    assert_eq!(find_cycle(&edges), None, "an import circle between top-level modules");
}

/// The module path of a file (`["deck", "resolve", "text"]`; a `mod.rs` is its folder's).
fn module_of(file: &File) -> Vec<String> {
    let mut path = file.folder.clone();
    if file.name != "mod" {
        path.push(file.name.clone());
    }
    path
}

/// Every module path a file names: `crate::a::b`, `super::x` (from its own module), and,
/// in a `mod.rs`, its children by their short names. Groups `a::{b, c}` count each name.
fn paths_named(file: &File, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let module = module_of(file);
    let mut named = Vec::new();
    for rest in split_paths(&file.code, "crate::") {
        named.push(rest);
    }
    // `super::super::x` climbs twice.
    for (depth, prefix) in [(2, "super::super::"), (1, "super::")] {
        for rest in split_paths(&file.code, prefix) {
            if depth == 1 && rest.first().is_some_and(|r| r == "super") {
                continue;
            }
            let mut path = module[..module.len().saturating_sub(depth)].to_vec();
            path.extend(rest);
            named.push(path);
        }
    }
    if file.name == "mod" {
        for child in children {
            if !grouped_after(&file.code, &format!("{child}::")).is_empty() {
                let mut path = module.clone();
                path.push(child.clone());
                named.push(path);
            }
        }
    }
    named
}

/// After each `prefix`, the path that follows, as segments (`a::b::{c, d}` gives `a, b, c`
/// and `a, b, d`).
fn split_paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut segments = Vec::new();
        let mut tail = rest;
        loop {
            let name: String = tail.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.is_empty() {
                if let Some(group) = tail.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    for item in group.split(',') {
                        let item: String =
                            item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                        if !item.is_empty() && item != "self" {
                            let mut path = segments.clone();
                            path.push(item);
                            paths.push(path);
                        }
                    }
                }
                break;
            }
            tail = &tail[name.len()..];
            segments.push(name);
            match tail.strip_prefix("::") {
                Some(next) => tail = next,
                None => break,
            }
        }
        if !segments.is_empty() {
            paths.push(segments);
        }
    }
    paths
}

#[test]
fn the_files_of_a_folder_import_no_circle() {
    let files = source_files();
    // Every folder, with the nodes of its graph: its files and its subfolders.
    let mut folders: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        for depth in 0..=file.folder.len() {
            let folder = file.folder[..depth].to_vec();
            let node = if depth < file.folder.len() { file.folder[depth].clone() } else { file.name.clone() };
            folders.entry(folder).or_default().insert(node);
        }
    }
    let mut checked = 0;
    for (folder, nodes) in &folders {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in files.iter().filter(|f| f.folder.starts_with(folder)) {
            let from =
                if file.folder.len() > folder.len() { file.folder[folder.len()].clone() } else { file.name.clone() };
            let children: BTreeSet<String> = folders.get(&file.folder).cloned().unwrap_or_default();
            for path in paths_named(file, &children) {
                if !path.starts_with(folder) || path.len() == folder.len() {
                    continue;
                }
                // An item of the folder's mod.rs (or one it re-exports), or a file or subfolder.
                let name = &path[folder.len()];
                let to = if nodes.contains(name) && name != "mod" { name.clone() } else { "mod".to_owned() };
                if to != from {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        let cycle = find_cycle(&edges);
        assert_eq!(cycle, None, "an import circle among the parts of src/{}: {edges:?}", folder.join("/"));
        checked += 1;
    }
    assert!(checked >= 10, "every folder is checked ({checked})");
}
