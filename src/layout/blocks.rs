//! Stacks of blocks (headings, paragraphs, bullets, images, quotes, tables, spacers): how
//! tall each is at a scale, and placing them so a whole stack shrinks together.

use emath::{Align, Pos2, Rect, pos2, vec2};

use super::cx::{Cx, HEADING_SCALE, NESTED_SCALE, Reveal, StackPlan, TABLE_SCALE};
use super::list::{DisplayItem, TextRole, TextRun};
use crate::deck::text::parse_markup;
use crate::deck::{Block, Bullet, Table, Text};

impl Cx<'_> {
    pub(super) fn stack(&mut self, blocks: &[Block], area: Rect) {
        let plan = self.plan_stack(blocks, area);
        self.place_stack(blocks, area, plan);
    }

    pub(super) fn plan_stack(&self, blocks: &[Block], area: Rect) -> StackPlan {
        let mut min_scale = self.min_scale(self.theme.body_size);
        if blocks.iter().any(|b| matches!(b, Block::Code(_))) {
            min_scale = min_scale.min(self.code_min_scale());
        }
        self.plan(area.height(), min_scale, |cx, scale| {
            let mut fixed = 0.0;
            let mut images = 0;
            for (i, block) in blocks.iter().enumerate() {
                if i > 0 {
                    fixed += cx.block_gap(scale);
                }
                match cx.block_height(block, area.width(), scale) {
                    Some(h) => fixed += h,
                    None => images += 1,
                }
            }
            (fixed, images)
        })
    }

    pub(super) fn block_gap(&self, scale: f32) -> f32 {
        self.theme.body_size * 0.6 * scale
    }

    /// Height of a block at `scale`; `None` for images, which take what is left.
    pub(super) fn block_height(&self, block: &Block, width: f32, scale: f32) -> Option<f32> {
        let body = self.theme.body_size * scale;
        Some(match block {
            Block::Heading(text) => {
                self.height(&self.bold(text, body * HEADING_SCALE, self.theme.text, Align::Min), width)
            }
            Block::Paragraph(text) => self.height(&self.run(text, body, self.theme.text, Align::Min), width),
            Block::Bullets(items) => self.bullets_height(items, width, body, 0),
            Block::Quote { text, attribution } => {
                let mut h = self.height(&self.quote_run(text, body), width - 32.0);
                if let Some(a) = attribution {
                    h += 12.0 + self.height(&self.run(a, body * 0.75, self.theme.muted, Align::Min), width - 32.0);
                }
                h
            }
            Block::Table(table) => self.table_rows(table, width, body * TABLE_SCALE).0.iter().sum(),
            Block::Spacer(h) => *h * scale,
            Block::Code(code) => self.code_height(code, width, scale),
            Block::Image(_) => return None,
        })
    }

    pub(super) fn quote_run(&self, text: &Text, size: f32) -> TextRun {
        TextRun { italic: true, role: TextRole::Quote, ..self.run(text, size * 1.05, self.theme.text, Align::Min) }
    }

    pub(super) fn bullet_geometry(&self, size: f32, level: usize) -> (f32, f32) {
        // (indent of this level's marker, room the marker takes before the text)
        (level as f32 * self.theme.body_size * 1.1, size * 1.1)
    }

    pub(super) fn bullet_size(size: f32, level: usize) -> f32 {
        if level == 0 { size } else { size * NESTED_SCALE }
    }

    pub(super) fn bullets_height(&self, items: &[Bullet], width: f32, size: f32, level: usize) -> f32 {
        let item_size = Self::bullet_size(size, level);
        let (indent, marker) = self.bullet_geometry(item_size, level);
        items
            .iter()
            .map(|item| {
                let text =
                    self.height(&self.run(&item.text, item_size, self.theme.text, Align::Min), width - indent - marker);
                text + item_size * 0.4 + self.bullets_height(&item.children, width, size, level + 1)
            })
            .sum()
    }

    /// Places a list at `top_left`; returns the y below it.
    pub(super) fn place_bullets(
        &mut self,
        items: &[Bullet],
        top_left: Pos2,
        width: f32,
        size: f32,
        level: usize,
        plan: &StackPlan,
    ) -> f32 {
        let item_size = Self::bullet_size(size, level);
        let (indent, marker) = self.bullet_geometry(item_size, level);
        let left = top_left.x;
        let mut y = top_left.y;
        for (i, item) in items.iter().enumerate() {
            if level == 0 && self.reveal == Reveal::TopLevelBullets {
                self.step = i + 1;
            }
            let depth = TextRole::ListItem { depth: u8::try_from(level).unwrap_or(u8::MAX) };
            let run = TextRun { role: depth, ..self.run(&item.text, item_size, self.theme.text, Align::Min) };
            let text_w = width - indent - marker;
            let height = self.height(&run, text_w);
            let line_h = self.height(&TextRun { spans: parse_markup("M"), ..run.clone() }, f32::INFINITY);
            let center = pos2(left + indent + item_size * 0.3, y + line_h * 0.55);
            let radius = item_size * if level == 0 { 0.15 } else { 0.11 };
            let color = if level == 0 { self.theme.accent } else { self.theme.muted };
            self.emit(DisplayItem::Circle { center, radius, color });
            let rect = Rect::from_min_size(pos2(left + indent + marker, y), vec2(text_w, height));
            self.push_text(run, rect, plan.scale < 1.0, plan.overflow);
            y += height + item_size * 0.4;
            y = self.place_bullets(&item.children, pos2(left, y), width, size, level + 1, plan);
        }
        y
    }

    pub(super) fn cell_run(&self, cell: &Text, size: f32, header: bool) -> TextRun {
        if header {
            self.bold(cell, size, self.theme.text, Align::Min)
        } else {
            self.run(cell, size, self.theme.text, Align::Min)
        }
    }

    /// Column widths: each column gets what its longest cell needs unwrapped when that fits;
    /// otherwise every column keeps a fair minimum and the rest is shared by need.
    pub(super) fn table_columns(&self, table: &Table, width: f32, size: f32) -> Vec<f32> {
        let cols = table.header.len().max(1);
        let rows = std::iter::once((&table.header, true)).chain(table.rows.iter().map(|r| (r, false)));
        let mut natural = vec![0.0f32; cols];
        for (row, header) in rows {
            for (c, cell) in row.iter().enumerate().take(cols) {
                let w = self.measurer.measure(&self.cell_run(cell, size, header), f32::INFINITY).x + 2.0 * TABLE_PAD;
                natural[c] = natural[c].max(w);
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= width {
            return natural.iter().map(|w| w * width / total.max(1.0)).collect();
        }
        let floor = width / cols as f32 * 0.5;
        let minimums: Vec<f32> = natural.iter().map(|w| w.min(floor)).collect();
        let spare = width - minimums.iter().sum::<f32>();
        let want: Vec<f32> = natural.iter().zip(&minimums).map(|(n, m)| n - m).collect();
        let wanted: f32 = want.iter().sum::<f32>().max(1.0);
        minimums.iter().zip(&want).map(|(m, w)| m + spare * w / wanted).collect()
    }

    /// Row heights of a table (header first) at text size `size`, with its column widths.
    pub(super) fn table_rows(&self, table: &Table, width: f32, size: f32) -> (Vec<f32>, Vec<f32>) {
        let columns = self.table_columns(table, width, size);
        let heights = std::iter::once((&table.header, true))
            .chain(table.rows.iter().map(|r| (r, false)))
            .map(|(row, header)| {
                row.iter()
                    .zip(&columns)
                    .map(|(cell, col_w)| self.height(&self.cell_run(cell, size, header), col_w - 2.0 * TABLE_PAD))
                    .fold(0.0, f32::max)
                    + 2.0 * TABLE_PAD
            })
            .collect();
        (heights, columns)
    }

    pub(super) fn place_stack(&mut self, blocks: &[Block], area: Rect, plan: StackPlan) {
        let scale = plan.scale;
        let body = self.theme.body_size * scale;
        let fixed: f32 = blocks.iter().filter_map(|b| self.block_height(b, area.width(), scale)).sum::<f32>()
            + self.block_gap(scale) * blocks.len().saturating_sub(1) as f32;
        let images = blocks.iter().filter(|b| matches!(b, Block::Image(_))).count();
        let image_h = if images > 0 { ((area.height() - fixed) / images as f32).max(0.0) } else { 0.0 };
        let mut y = area.top();
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                y += self.block_gap(scale);
            }
            if self.reveal == Reveal::Blocks {
                self.step = i + 1;
            }
            let (left, width) = (area.left(), area.width());
            match block {
                Block::Heading(text) => {
                    let run = TextRun {
                        role: TextRole::Heading,
                        ..self.bold(text, body * HEADING_SCALE, self.theme.text, Align::Min)
                    };
                    y += self.place(run, left, y, width, &plan);
                }
                Block::Paragraph(text) => {
                    let run = self.run(text, body, self.theme.text, Align::Min);
                    y += self.place(run, left, y, width, &plan);
                }
                Block::Bullets(items) => {
                    y = self.place_bullets(items, pos2(left, y), width, body, 0, &plan);
                }
                Block::Quote { text, attribution } => {
                    let top = y;
                    let run = self.quote_run(text, body);
                    y += self.place(run, left + 32.0, y, width - 32.0, &plan);
                    if let Some(a) = attribution {
                        let attributed = Text::plain(format!("— {}", self.str(a)));
                        let run = TextRun {
                            role: TextRole::Attribution,
                            ..self.run(&attributed, body * 0.75, self.theme.muted, Align::Min)
                        };
                        y += 12.0 + self.place(run, left + 32.0, y + 12.0, width - 32.0, &plan);
                    }
                    self.emit(DisplayItem::Rect {
                        rect: Rect::from_min_max(pos2(left, top), pos2(left + 8.0, y)),
                        color: self.theme.accent,
                        corner_radius: 4.0,
                    });
                }
                Block::Table(table) => {
                    y = self.place_table(
                        table,
                        Rect::from_min_size(pos2(left, y), vec2(width, area.bottom() - y)),
                        body * TABLE_SCALE,
                        &plan,
                    );
                }
                Block::Spacer(h) => y += h * scale,
                Block::Code(code) => y += self.place_code(code, pos2(left, y), width, scale, plan.overflow),
                Block::Image(image) => {
                    self.image_with_caption(image, Rect::from_min_size(pos2(left, y), vec2(width, image_h)), scale);
                    y += image_h;
                }
            }
        }
    }

    pub(super) fn place(&mut self, run: TextRun, left: f32, top: f32, width: f32, plan: &StackPlan) -> f32 {
        let height = self.height(&run, width);
        self.push_text(run, Rect::from_min_size(pos2(left, top), vec2(width, height)), plan.scale < 1.0, plan.overflow);
        height
    }

    pub(super) fn place_table(&mut self, table: &Table, area: Rect, size: f32, plan: &StackPlan) -> f32 {
        let (heights, columns) = self.table_rows(table, area.width(), size);
        let mut y = area.top();
        let rows = std::iter::once(&table.header).chain(&table.rows);
        for (r, (row, height)) in rows.zip(heights).enumerate() {
            let row_rect = Rect::from_min_size(pos2(area.left(), y), vec2(area.width(), height));
            if r == 0 {
                self.emit(DisplayItem::Rect {
                    rect: row_rect,
                    color: self.theme.accent.gamma_multiply(0.16),
                    corner_radius: 0.0,
                });
            }
            let mut x = area.left();
            for (c, (cell, col_w)) in row.iter().zip(&columns).enumerate() {
                let (row, column) = (u16::try_from(r).unwrap_or(u16::MAX), u16::try_from(c).unwrap_or(u16::MAX));
                let role = TextRole::Cell { header: r == 0, row, column };
                let run = TextRun { role, ..self.cell_run(cell, size, r == 0) };
                let cell_w = col_w - 2.0 * TABLE_PAD;
                let h = self.height(&run, cell_w);
                let rect = Rect::from_min_size(pos2(x + TABLE_PAD, y + TABLE_PAD), vec2(cell_w, h));
                self.push_text(run, rect, plan.scale < 1.0, plan.overflow);
                x += col_w;
            }
            y += height;
            self.emit(DisplayItem::Line {
                from: pos2(area.left(), y),
                to: pos2(area.right(), y),
                width: if r == 0 { 3.0 } else { 1.5 },
                color: self.theme.muted.gamma_multiply(0.5),
            });
        }
        y
    }
}

pub(super) const TABLE_PAD: f32 = 14.0;
