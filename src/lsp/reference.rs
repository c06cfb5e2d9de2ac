//! What the editor is told about the format: which slide kinds, block kinds, fields and
//! names exist, and a line of documentation for each.
//!
//! The names come from the deserialiser itself (its "expected one of …" answer to a name it
//! does not know), so completion can never offer a field the loader refuses or miss one it
//! takes. The documentation is `docs/deck-format.md`, the format reference, read at build
//! time: the same words a user reads there.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::deck::raw::{Fit, RawBackground, RawBlock, RawExhibit, RawFont, RawHours, RawOnIdle, RawSlide, RawTheme};
use crate::deck::raw::{RawImage, RawTransition, RawWeekday, Side};

const FORMAT_REFERENCE: &str = include_str!("../../docs/deck-format.md");

pub struct Reference {
    pub slide_kinds: Vec<&'static str>,
    pub block_kinds: Vec<&'static str>,
    /// Field names by group ("Deck", "Title", "Exhibit", "Theme", "Font", "Hours", "ImageSpec", "Image block", …).
    fields: HashMap<String, Vec<&'static str>>,
    /// Bare names a field takes (`fit: Cover`), by field name.
    values: HashMap<&'static str, Vec<&'static str>>,
    /// One line of documentation by group, and by (group, field).
    kind_docs: HashMap<String, String>,
    field_docs: HashMap<(String, String), String>,
}

/// Names `T` takes: the fields (`probe` names an unknown field) or the variants (`probe`
/// names an unknown variant) the deserialiser lists when refusing `probe`.
fn expected<T: DeserializeOwned>(probe: &str) -> Vec<&'static str> {
    use ron::Error as E;
    match crate::deck::ron_options().from_str::<T>(probe) {
        Err(err) => match err.code {
            E::NoSuchStructField { expected, .. } | E::NoSuchEnumVariant { expected, .. } => expected.to_vec(),
            _ => Vec::new(),
        },
        Ok(_) => Vec::new(),
    }
}

impl Reference {
    pub fn new() -> Self {
        let slide_kinds = expected::<RawSlide>("Zzz()");
        let block_kinds = expected::<RawBlock>("Zzz()");
        let mut fields: HashMap<String, Vec<&'static str>> = HashMap::new();
        for kind in &slide_kinds {
            fields.insert((*kind).to_owned(), expected::<RawSlide>(&format!("{kind}(zzz: 0)")));
        }
        for kind in &block_kinds {
            let names = expected::<RawBlock>(&format!("{kind}(zzz: 0)"));
            if !names.is_empty() {
                fields.insert(format!("{kind} block"), names);
            }
        }
        fields.insert("Deck".into(), crate::deck::HEADER_FIELDS.to_vec());
        fields.insert("Exhibit".into(), expected::<RawExhibit>("(zzz: 0)"));
        fields.insert("Theme".into(), expected::<RawTheme>("(zzz: 0)"));
        fields.insert("Font".into(), expected::<RawFont>("(zzz: 0)"));
        fields.insert("Hours".into(), expected::<RawHours>("(zzz: 0)"));
        fields.insert("ImageSpec".into(), expected::<RawImage>("(zzz: 0)"));
        let values = HashMap::from([
            ("fit", expected::<Fit>("Zzz")),
            ("image_side", expected::<Side>("Zzz")),
            ("transition", expected::<RawTransition>("Zzz")),
            ("on_idle", expected::<RawOnIdle>("Zzz")),
            ("days", expected::<RawWeekday>("Zzz")),
            ("background", expected::<RawBackground>("Zzz(\"\")")),
        ]);
        let (kind_docs, field_docs) = read_docs(FORMAT_REFERENCE);
        Reference { slide_kinds, block_kinds, fields, values, kind_docs, field_docs }
    }

    pub fn fields(&self, group: &str) -> &[&'static str] {
        self.fields.get(group).map_or(&[], Vec::as_slice)
    }

    pub fn values(&self, field: &str) -> &[&'static str] {
        self.values.get(field).map_or(&[], Vec::as_slice)
    }

    /// The documentation of a slide kind, block kind or group.
    pub fn kind_doc(&self, group: &str) -> Option<&str> {
        self.kind_docs.get(group).map(String::as_str)
    }

    /// The documentation of a field of `group`; the fields every slide has are documented
    /// once, for all kinds.
    pub fn field_doc(&self, group: &str, field: &str) -> Option<&str> {
        let group = if group.ends_with(" block") { "Blocks" } else { group };
        self.field_docs
            .get(&(group.to_owned(), field.to_owned()))
            .or_else(|| self.field_docs.get(&("slide".to_owned(), field.to_owned())))
            .map(String::as_str)
    }
}

impl Default for Reference {
    fn default() -> Self {
        Self::new()
    }
}

/// The documentation in the format reference: the first paragraph under each `### \`Kind\``
/// heading and the rows of each table (`| \`field\` | type | default | what |`), under the
/// group its section documents.
fn read_docs(markdown: &str) -> (HashMap<String, String>, HashMap<(String, String), String>) {
    let mut kinds = HashMap::new();
    let mut fields = HashMap::new();
    let mut group: Option<String> = None;
    let mut paragraph_open = false;
    // The column names of the table being read: `| field | type | default | meaning |`.
    let mut columns: Vec<String> = Vec::new();
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix("## ").or_else(|| line.strip_prefix("### ")) {
            let name = heading.trim().trim_matches('`');
            group = Some(match name {
                "The deck" => "Deck".to_owned(),
                "Fields every slide has" => "slide".to_owned(),
                other => other.to_owned(),
            });
            paragraph_open = true;
            continue;
        }
        let Some(group) = &group else { continue };
        if line.starts_with("| ") && !line.starts_with("| `") {
            columns = line.split('|').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect();
            continue;
        }
        if let Some(row) = line.strip_prefix("| `") {
            paragraph_open = false;
            let cells: Vec<&str> = row.split(" | ").map(|c| c.trim().trim_end_matches('|').trim()).collect();
            let Some((name, rest)) = cells.split_first() else { continue };
            let name = name.trim_end_matches('`');
            // Block rows are written as their syntax: `Heading(text)`.
            let (name, doc) = match name.split_once('(') {
                Some((kind, _)) => (kind, format!("`{}`; for example {}", name, rest.join(" "))),
                None => {
                    // "type: text · default: none · what it does", by the table's own columns.
                    let described: Vec<String> = rest
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| match columns.get(i + 1).map(String::as_str) {
                            Some("meaning") | None => (*cell).to_owned(),
                            Some(column) => format!("{column}: {cell}"),
                        })
                        .collect();
                    (name, described.join(" · "))
                }
            };
            fields.insert((group.clone(), name.to_owned()), doc);
        } else if line.trim().is_empty() {
            paragraph_open = paragraph_open && !kinds.contains_key(group);
        } else if paragraph_open && !line.starts_with('|') && !line.starts_with("```") {
            let doc: &mut String = kinds.entry(group.clone()).or_default();
            if !doc.is_empty() {
                doc.push(' ');
            }
            doc.push_str(line.trim());
        }
    }
    (kinds, fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_loader_and_words_from_the_format_reference() {
        let reference = Reference::new();
        assert!(reference.slide_kinds.contains(&"Bullets") && reference.slide_kinds.contains(&"ImageText"));
        assert!(reference.block_kinds.contains(&"Paragraph"));
        assert!(reference.fields("Title").contains(&"subtitle") && reference.fields("Title").contains(&"notes"));
        assert!(reference.fields("Deck").contains(&"languages"));
        assert!(reference.fields("Exhibit").contains(&"on_idle"));
        assert_eq!(reference.values("fit"), ["Contain", "Cover"]);
        assert!(reference.kind_doc("Bullets").is_some_and(|d| !d.is_empty()), "{:?}", reference.kind_doc("Bullets"));
        let doc = reference.field_doc("Image", "fit").unwrap();
        assert!(doc.contains("Contain"), "{doc}");
        assert!(reference.field_doc("Title", "notes").unwrap().contains("Speaker notes"));
        assert!(reference.field_doc("Deck", "talk_minutes").unwrap().contains("length of the talk"));
        assert!(reference.field_doc("Blocks", "Heading").unwrap().contains("Heading("));
    }
}
