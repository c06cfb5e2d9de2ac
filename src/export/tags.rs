//! The logical structure of an exported page, for screen readers: each text item's role in
//! the display list becomes a heading, paragraph, list item, table cell, caption or quote;
//! each picture a figure with its alternative text; drawn decoration is left out as an
//! artifact. Items arrive in drawing order, which layout keeps in reading order.

use std::num::NonZeroU16;

use krilla::tagging::{Identifier, ListNumbering, TableHeaderScope, Tag, TagGroup, TagKind};

use crate::layout::TextRole;

/// The structure of one page, built item by item.
#[derive(Default)]
pub struct PageStructure {
    done: Vec<TagGroup>,
    /// Open lists, outermost first: each list and the body of the item being filled (a
    /// nested list goes inside the body, as PDF allows only `Lbl` and `LBody` in an `LI`).
    lists: Vec<(TagGroup, Option<TagGroup>)>,
    /// The open table and its open row.
    table: Option<(TagGroup, Option<(u16, TagGroup)>)>,
    /// The headings open on this page, outermost first: the level each asked for and the
    /// level it was tagged at. A heading is tagged one level below the nearest open one that
    /// asked for less, never deeper (PDF/UA-1 forbids skipped levels, Matterhorn 14-003): a
    /// slide's level-2 heading with no level 1 above it is an `H2`, not an `H3`.
    headings: Vec<(u16, u16)>,
}

impl PageStructure {
    /// A text item drawn as `ids` in role `role`; `plain` is its text.
    pub fn text(&mut self, role: TextRole, plain: &str, ids: Vec<Identifier>) {
        if ids.is_empty() {
            return;
        }
        match role {
            TextRole::ListItem { depth } => return self.list_item(usize::from(depth), ids),
            TextRole::Cell { header, row, .. } => return self.cell(header, row, ids),
            _ => {}
        }
        self.close_lists(0);
        self.close_table();
        let kind: TagKind = match role {
            TextRole::Title => self.heading(1, plain),
            // Under the slide's title (H1), a level-1 heading is an H2.
            TextRole::Heading { level } => self.heading(1 + u16::from(level), plain),
            TextRole::Caption => Tag::Caption.into(),
            TextRole::Quote => Tag::BlockQuote.into(),
            _ => Tag::P.into(),
        };
        self.done.push(group(kind, ids));
    }

    /// A heading tag for a heading that asks for level `wanted`.
    fn heading(&mut self, wanted: u16, plain: &str) -> TagKind {
        while self.headings.last().is_some_and(|&(asked, _)| asked >= wanted) {
            self.headings.pop();
        }
        let level = self.headings.last().map_or(1, |&(_, tagged)| tagged + 1);
        self.headings.push((wanted, level));
        Tag::Hn(NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN), Some(plain.to_owned())).into()
    }

    /// A picture drawn as `id`, described by `alt`.
    pub fn figure(&mut self, alt: &str, id: Identifier) {
        self.close_lists(0);
        self.close_table();
        self.done.push(group(Tag::Figure(Some(alt.to_owned())).into(), vec![id]));
    }

    /// Everything on the page, in a section of its own.
    pub fn finish(mut self) -> TagGroup {
        self.close_lists(0);
        self.close_table();
        let mut section = TagGroup::new(Tag::Section);
        for child in self.done {
            section.push(child);
        }
        section
    }

    fn list_item(&mut self, depth: usize, ids: Vec<Identifier>) {
        self.close_table();
        self.close_lists(depth + 1);
        while self.lists.len() <= depth {
            self.lists.push((TagGroup::new(Tag::L(ListNumbering::Disc)), None));
        }
        let (list, open) = self.lists.last_mut().expect("a list at this depth");
        if let Some(body) = open.take() {
            list.push(item(body));
        }
        *open = Some(group(Tag::LBody.into(), ids));
    }

    /// Closes the lists deeper than `keep` levels: a nested list belongs to the item above it.
    fn close_lists(&mut self, keep: usize) {
        while self.lists.len() > keep {
            let (mut list, open) = self.lists.pop().expect("an open list");
            if let Some(body) = open {
                list.push(item(body));
            }
            match self.lists.last_mut() {
                Some((_, Some(parent))) => parent.push(list),
                Some((parent, None)) => parent.push(list),
                None => self.done.push(list),
            }
        }
    }

    fn cell(&mut self, header: bool, row: u16, ids: Vec<Identifier>) {
        self.close_lists(0);
        // A header cell after body rows, or a row number going back, starts another table.
        if self
            .table
            .as_ref()
            .is_some_and(|(_, open)| open.as_ref().is_some_and(|(r, _)| row < *r || (header && *r > 0)))
        {
            self.close_table();
        }
        let (table, open_row) = self.table.get_or_insert_with(|| (TagGroup::new(Tag::Table), None));
        if open_row.as_ref().is_some_and(|(r, _)| *r != row) {
            let (_, finished) = open_row.take().expect("an open row");
            table.push(finished);
        }
        let (_, tr) = open_row.get_or_insert_with(|| (row, TagGroup::new(Tag::TR)));
        let kind: TagKind = if header { Tag::TH(TableHeaderScope::Column).into() } else { Tag::TD.into() };
        tr.push(group(kind, ids));
    }

    fn close_table(&mut self) {
        if let Some((mut table, open_row)) = self.table.take() {
            if let Some((_, row)) = open_row {
                table.push(row);
            }
            self.done.push(table);
        }
    }
}

/// A list item holding `body`.
fn item(body: TagGroup) -> TagGroup {
    let mut item = TagGroup::new(Tag::LI);
    item.push(body);
    item
}

fn group(kind: TagKind, ids: Vec<Identifier>) -> TagGroup {
    let mut group = TagGroup::new(kind);
    for id in ids {
        group.push(id);
    }
    group
}
