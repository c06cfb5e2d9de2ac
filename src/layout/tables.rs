//! Tables: column widths by what each column's cells need, row heights, and the rows placed
//! with a shaded header and rules between.

use emath::{Align, Rect, pos2, vec2};

use super::cx::{Cx, StackPlan};
use super::list::{DisplayItem, TextRole, TextRun};
use crate::deck::{Table, Text};

pub(super) const TABLE_PAD: f32 = 14.0;

impl Cx<'_> {
    pub(super) fn cell_run(&self, cell: &Text, size: f32, header: bool) -> TextRun {
        if header {
            self.bold(cell, size, self.theme.text, Align::Min)
        } else {
            self.run(cell, size, self.theme.text, Align::Min)
        }
    }

    /// Column widths: each column gets what its longest cell needs unwrapped when that fits;
    /// otherwise every column keeps a fair minimum, and never less than its widest word (so
    /// no word is cut while the columns could hold it), and the rest is shared by need.
    pub(super) fn table_columns(&self, table: &Table, width: f32, size: f32) -> Vec<f32> {
        let cols = table.header.len().max(1);
        let rows = std::iter::once((&table.header, true)).chain(table.rows.iter().map(|r| (r, false)));
        let mut natural = vec![0.0f32; cols];
        let mut words = vec![0.0f32; cols];
        for (row, header) in rows {
            for (c, cell) in row.iter().enumerate().take(cols) {
                let run = self.cell_run(cell, size, header);
                natural[c] = natural[c].max(self.measurer.measure(&run, f32::INFINITY).x + 2.0 * TABLE_PAD);
                words[c] = words[c].max(self.widest_word(&run) + 2.0 * TABLE_PAD);
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= width {
            return natural.iter().map(|w| w * width / total.max(1.0)).collect();
        }
        let floor = width / cols as f32 * 0.5;
        let mut minimums: Vec<f32> = natural.iter().zip(&words).map(|(n, w)| n.min(floor).max(*w)).collect();
        if minimums.iter().sum::<f32>() > width {
            // The fair minimum does not leave room for every word: words first.
            minimums.clone_from(&words);
        }
        let spare = (width - minimums.iter().sum::<f32>()).max(0.0);
        let want: Vec<f32> = natural.iter().zip(&minimums).map(|(n, m)| (n - m).max(0.0)).collect();
        let wanted: f32 = want.iter().sum::<f32>().max(1.0);
        let widths: Vec<f32> = minimums.iter().zip(&want).map(|(m, w)| m + spare * w / wanted).collect();
        // Words wider than the table together: a smaller size must be tried (the plan sees
        // the cut word); until then the columns share the width in proportion.
        let sum: f32 = widths.iter().sum();
        if sum > width { widths.iter().map(|w| w * width / sum).collect() } else { widths }
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
