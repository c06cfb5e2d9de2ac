//! Where the cursor is in a deck being typed, which may be broken: the brackets open around
//! it (each with the name before it and the field it is the value of), whether it is inside
//! a string, and which group of fields or kind of list that means.

use std::ops::Range;

use super::reference::Reference;
use crate::deck::source;

/// A bracket open at the cursor.
#[derive(Debug, PartialEq)]
pub struct Open {
    pub bracket: u8,
    pub at: usize,
    /// `Bullets` in `Bullets(`.
    pub name: Option<String>,
    /// `items` in `items: [`, or `exhibit` in `exhibit: (`.
    pub field: Option<String>,
}

/// The brackets open at `offset` (outermost first), and the string literal the offset is
/// inside, if any (its span from the opening quote).
pub fn around(text: &str, offset: usize) -> (Vec<Open>, Option<Range<usize>>) {
    let offset = offset.min(text.len());
    let open_at = source::open_at(text, 0..offset);
    let string = open_at.string.map(|quote| quote..source::string_end(text.as_bytes(), quote).unwrap_or(text.len()));
    let open = open_at.brackets.into_iter().map(|(bracket, at)| named(text, bracket, at)).collect();
    (open, string)
}

/// A bracket with the name before it (`Bullets(`) and the field it is the value of
/// (`items: [`).
fn named(text: &str, bracket: u8, at: usize) -> Open {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..at].trim_end();
    let name_start = before.rfind(|c: char| !is_word(c)).map_or(0, |p| p + 1);
    let name = &before[name_start..];
    let name = name.starts_with(|c: char| c.is_ascii_uppercase()).then(|| name.to_owned());
    let field = before[..name_start].trim_end().strip_suffix(':').map(|b| {
        let b = b.trim_end();
        b[b.rfind(|c: char| !is_word(c)).map_or(0, |p| p + 1)..].to_owned()
    });
    Open { bracket, at, name, field }
}

/// The group of fields the innermost `(` is: a slide kind, a block kind (`"Image block"`),
/// or a nested group (`"Exhibit"`, `"Theme"`, `"Font"`, `"Hours"`, `"ImageSpec"`, `"Deck"`).
pub fn group(open: &[Open], reference: &Reference) -> Option<String> {
    let (last, outer) = open.split_last()?;
    if last.bracket != b'(' {
        return None;
    }
    let in_blocks = matches!(list_kind(outer), Some(ListKind::Blocks));
    match (&last.name, last.field.as_deref()) {
        (Some(name), _) if name == "Deck" => Some("Deck".into()),
        (Some(name), _) if in_blocks && reference.block_kinds.contains(&name.as_str()) => Some(format!("{name} block")),
        (Some(name), _) if reference.slide_kinds.contains(&name.as_str()) => Some(name.clone()),
        (Some(_), _) => None,
        (None, Some("exhibit")) => Some("Exhibit".into()),
        (None, Some("theme")) => Some("Theme".into()),
        (None, Some("font")) => Some("Font".into()),
        (None, Some("image")) => Some("ImageSpec".into()),
        (None, _) if outer.last().and_then(|o| o.field.as_deref()) == Some("hours") => Some("Hours".into()),
        (None, _) if outer.is_empty() => Some("Deck".into()),
        (None, _) => None,
    }
}

/// What the items of a list are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ListKind {
    Slides,
    Blocks,
    Days,
}

/// What the items of the innermost list in `open` are, if it is one the format names.
pub fn list_kind(open: &[Open]) -> Option<ListKind> {
    let (last, outer) = open.split_last()?;
    if last.bracket != b'[' {
        return None;
    }
    match last.field.as_deref() {
        Some("slides") => Some(ListKind::Slides),
        Some("blocks") => Some(ListKind::Blocks),
        Some("days") => Some(ListKind::Days),
        // `columns: [[…], […]]`: each column is a list of blocks.
        None if outer.last().is_some_and(|o| o.bracket == b'[' && o.field.as_deref() == Some("columns")) => {
            Some(ListKind::Blocks)
        }
        // A file that is only a list of slides, for `Include`.
        None if outer.is_empty() => Some(ListKind::Slides),
        _ => None,
    }
}

/// The identifier the offset is in or right after, and its span.
pub fn word_at(text: &str, offset: usize) -> Option<(&str, Range<usize>)> {
    let offset = offset.min(text.len());
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let start = text[..offset].rfind(|c: char| !is_word(c)).map_or(0, |p| p + 1);
    let end = text[offset..].find(|c: char| !is_word(c)).map_or(text.len(), |p| offset + p);
    (start < end).then(|| (&text[start..end], start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brackets_around_the_cursor_say_what_belongs_there() {
        let reference = Reference::new();
        let text =
            "Deck(\n  title: \"a (b\",\n  exhibit: (on_idle: Resume, ),\n  slides: [\n    Blocks(blocks: [Image(), ";
        let at_exhibit = text.find(", )").unwrap() + 2;
        let (open, string) = around(text, at_exhibit);
        assert_eq!(string, None);
        assert_eq!(group(&open, &reference).as_deref(), Some("Exhibit"));
        let (open, _) = around(text, text.len());
        assert_eq!(list_kind(&open), Some(ListKind::Blocks));
        let image = text.find("Image(").unwrap() + 6;
        let (open, _) = around(text, image);
        assert_eq!(group(&open, &reference).as_deref(), Some("Image block"));
        let in_title = text.find("(b").unwrap();
        let (open, string) = around(text, in_title);
        assert_eq!(open.len(), 1, "a bracket in a string does not count");
        assert_eq!(string.map(|s| &text[s]), Some("\"a (b\""));
        assert_eq!(word_at(text, 3), Some(("Deck", 0..4)));
    }
}
