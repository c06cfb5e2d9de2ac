//! What the editor asks about a place in a deck: completion, hover, go to definition, the
//! outline, and quick fixes. Each answer is computed from the text as typed (broken or not)
//! and the format [`Reference`], on the message thread: it costs a pass over the text.

use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind, Diagnostic, DocumentSymbol,
    Documentation, Hover, HoverContents, Location, MarkupContent, MarkupKind, Range, SymbolKind, TextEdit, Uri,
    WorkspaceEdit,
};

use super::context::{ListKind, around, group, list_kind, word_at};
use super::documents::{Positions, path_to_uri};
use super::reference::Reference;
use crate::deck::source::{self, Node, NodeKind};

fn markdown(text: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: text })
}

fn item(label: &str, kind: CompletionItemKind, doc: Option<&str>, insert: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        documentation: doc.map(|d| markdown(d.to_owned())),
        insert_text: insert,
        ..Default::default()
    }
}

/// What may be written at `offset`: field names inside a group, kinds at the start of a
/// slide or block, names a field takes after its `:`.
pub fn completion(text: &str, offset: usize, reference: &Reference) -> Vec<CompletionItem> {
    let (open, string) = around(text, offset);
    if string.is_some() {
        return Vec::new();
    }
    let typed_start = word_at(text, offset).map_or(offset, |(_, span)| span.start.min(offset));
    let before = text[..typed_start].trim_end();
    match before.chars().last() {
        Some(':') => {
            let field = word_at(before, before.len() - 1).map(|(w, _)| w).unwrap_or_default();
            let group = group(&open, reference).unwrap_or_default();
            let doc = reference.field_doc(&group, field);
            reference.values(field).iter().map(|v| item(v, CompletionItemKind::ENUM_MEMBER, doc, None)).collect()
        }
        Some('(' | ',' | '[') => match open.last().map(|o| o.bracket) {
            Some(b'(') => {
                let Some(group) = group(&open, reference) else { return Vec::new() };
                reference
                    .fields(&group)
                    .iter()
                    .map(|field| {
                        let doc = reference.field_doc(&group, field);
                        item(field, CompletionItemKind::FIELD, doc, Some(format!("{field}: ")))
                    })
                    .collect()
            }
            Some(b'[') => match list_kind(&open) {
                Some(ListKind::Slides) => kinds(&reference.slide_kinds, |k| reference.kind_doc(k)),
                Some(ListKind::Blocks) => kinds(&reference.block_kinds, |k| reference.field_doc("Blocks", k)),
                Some(ListKind::Days) => reference
                    .values("days")
                    .iter()
                    .map(|d| item(d, CompletionItemKind::ENUM_MEMBER, None, None))
                    .collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn kinds<'a>(names: &[&str], doc: impl Fn(&str) -> Option<&'a str>) -> Vec<CompletionItem> {
    names.iter().map(|k| item(k, CompletionItemKind::CLASS, doc(k), Some(format!("{k}(")))).collect()
}

/// The documentation of the kind or field under the cursor.
pub fn hover(text: &str, offset: usize, reference: &Reference, positions: &Positions<'_>) -> Option<Hover> {
    let (word, span) = word_at(text, offset)?;
    let after = text[span.end..].trim_start().chars().next();
    let (open, string) = around(text, span.start);
    if string.is_some() {
        return None;
    }
    let doc = match after {
        Some('(') if matches!(list_kind(&open), Some(ListKind::Blocks)) => {
            reference.field_doc("Blocks", word)?.to_owned()
        }
        Some('(') => reference.kind_doc(word)?.to_owned(),
        Some(':') => {
            let group = group(&open, reference)?;
            format!("`{word}`: {}", reference.field_doc(&group, word)?)
        }
        _ => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: doc }),
        range: Some(positions.range(span)),
    })
}

/// The file a path string under the cursor names (`Include("…")`, an image `path`, a
/// background `Image("…")`, a font file), if it exists.
pub fn definition(text: &str, offset: usize, document: &Path) -> Option<Location> {
    let (open, string) = around(text, offset);
    let string = string?;
    let literal = text.get(string.start + 1..string.end.saturating_sub(1))?;
    let before = text[..string.start].trim_end();
    let names_a_file = before.ends_with("Include(")
        || before.ends_with("Image(")
        || ["path:", "regular:", "bold:", "italic:", "bold_italic:"].iter().any(|key| before.ends_with(key))
        || (before.ends_with(':')
            && open.last().is_some_and(|o| o.bracket == b'{' && o.field.as_deref() == Some("path")));
    if !names_a_file {
        return None;
    }
    let target = document.parent().unwrap_or(Path::new(".")).join(literal);
    if !target.is_file() {
        return None;
    }
    Some(Location { uri: path_to_uri(&target)?, range: Range::default() })
}

/// The outline: one entry per slide (its title, else its kind), and per `Include`.
pub fn symbols(text: &str, positions: &Positions<'_>) -> Vec<DocumentSymbol> {
    let Some(root) = source::scan(text).root else { return Vec::new() };
    let slides = match &root.kind {
        NodeKind::List(items) => items.as_slice(),
        _ => root.field("slides").map_or(&[][..], |f| f.value.items()),
    };
    slides.iter().filter_map(|slide| symbol(slide, positions)).collect()
}

fn symbol(slide: &Node, positions: &Positions<'_>) -> Option<DocumentSymbol> {
    let (kind, title) = match &slide.kind {
        NodeKind::Struct { name: Some(kind), .. } => {
            let title = slide.field("title").and_then(|f| match &f.value.kind {
                NodeKind::Str(title) => Some(title.clone()),
                NodeKind::Map(entries) => entries.first().and_then(|(_, v)| match &v.kind {
                    NodeKind::Str(t) => Some(t.clone()),
                    _ => None,
                }),
                _ => None,
            });
            (kind.clone(), title)
        }
        NodeKind::Tuple { name: Some(kind), items } if kind == "Include" => {
            let file = items.first().and_then(|n| match &n.kind {
                NodeKind::Str(path) => Some(path.clone()),
                _ => None,
            });
            (kind.clone(), file)
        }
        NodeKind::Tuple { name: Some(kind), .. } => (kind.clone(), None),
        _ => return None,
    };
    let name_span = slide.span.start..slide.span.start + kind.len();
    #[allow(deprecated, reason = "the field is deprecated but required by the type")]
    Some(DocumentSymbol {
        name: title.map(|t| t.lines().next().unwrap_or_default().to_owned()).unwrap_or_else(|| kind.clone()),
        detail: Some(kind.clone()),
        kind: if kind == "Include" { SymbolKind::FILE } else { SymbolKind::CLASS },
        tags: None,
        deprecated: None,
        range: positions.range(slide.span.clone()),
        selection_range: positions.range(name_span),
        children: None,
    })
}

/// Quick fixes for the diagnostics that carry a replacement (a did-you-mean).
pub fn code_actions(uri: &Uri, diagnostics: &[Diagnostic]) -> Vec<CodeActionOrCommand> {
    diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let replacement = diagnostic.data.as_ref()?.get("replace")?.as_str()?.to_owned();
            let edit = TextEdit { range: diagnostic.range, new_text: replacement.clone() };
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace with {replacement}"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(std::iter::once((uri.clone(), vec![edit])).collect()),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }))
        })
        .collect()
}
