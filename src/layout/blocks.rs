//! Stacks of blocks (headings, paragraphs, lists, images, quotes, tables, code, columns,
//! spacers): how tall each is at a scale, and placing them so a whole stack shrinks
//! together and, when it is shorter than its box, sits where the slide's `valign` says.

use emath::{Align, Rect, Vec2, pos2, vec2};

use super::cx::{Cx, HEADING_SCALE, Reveal, StackPlan, TABLE_SCALE};
use super::list::{DisplayItem, TextRole, TextRun};
use super::lists::Marker;
use crate::deck::{Block, Image, Text, VAlign};

/// The gap between columns.
pub(super) const COLUMN_GAP: f32 = 64.0;

impl Cx<'_> {
    /// A stack filling `area`, placed where the slide's `valign` says.
    pub(super) fn stack(&mut self, blocks: &[Block], area: Rect) {
        let plan = self.plan_stack(blocks, area);
        let area = self.aligned(self.stack_height(blocks, area, plan.scale), area);
        self.place_stack(blocks, area, plan);
    }

    /// `area` moved down (not shortened: sizes given as a share of it stay as planned) so
    /// content `used` high sits where `valign` says.
    pub(super) fn aligned(&self, used: Option<f32>, area: Rect) -> Rect {
        area.translate(vec2(0.0, valign_offset(self.valign, used, area.height())))
    }

    pub(super) fn plan_stack(&self, blocks: &[Block], area: Rect) -> StackPlan {
        let mut min_scale = self.min_scale(self.theme.body_size);
        if contains_code(blocks) {
            min_scale = min_scale.min(self.code_min_scale());
        }
        self.plan(area.height(), min_scale, |cx, scale| cx.measure_stack(blocks, area.size(), scale))
    }

    /// (the height of the blocks that have one, how many share what is left) at `scale`.
    fn measure_stack(&self, blocks: &[Block], room: Vec2, scale: f32) -> (f32, usize) {
        let mut fixed = self.block_gap(scale) * blocks.len().saturating_sub(1) as f32;
        let mut flexible = 0;
        for block in blocks {
            match self.block_height(block, room, scale) {
                Some(h) => fixed += h,
                None => flexible += 1,
            }
        }
        (fixed, flexible)
    }

    /// How tall a stack is at `scale`; `None` when an image takes whatever room is left.
    pub(super) fn stack_height(&self, blocks: &[Block], area: Rect, scale: f32) -> Option<f32> {
        let (fixed, flexible) = self.measure_stack(blocks, area.size(), scale);
        (flexible == 0).then_some(fixed)
    }

    pub(super) fn block_gap(&self, scale: f32) -> f32 {
        self.theme.body_size * 0.6 * scale
    }

    fn heading_run(&self, text: &Text, level: u8, body: f32) -> TextRun {
        let (size, color) = match level {
            1 => (body * HEADING_SCALE, self.theme.text),
            2 => (body, self.theme.text),
            _ => (body * 0.9, self.theme.muted),
        };
        TextRun { role: TextRole::Heading { level }, ..self.bold(text, size, color, Align::Min) }
    }

    /// Height of a block at `scale` in a box of `room`; `None` for what takes the room
    /// that is left (an image without a size, columns holding one).
    pub(super) fn block_height(&self, block: &Block, room: Vec2, scale: f32) -> Option<f32> {
        let body = self.theme.body_size * scale;
        let width = room.x;
        Some(match block {
            Block::Heading(text, level) => self.height(&self.heading_run(text, *level, body), width),
            Block::Paragraph(text) => self.height(&self.run(text, body, self.theme.text, Align::Min), width),
            Block::Bullets(items) => self.bullets_height(items, width, body, 0, Marker::Dots),
            Block::Numbered(items) => self.bullets_height(items, width, body, 0, Marker::Numbers),
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
            Block::Image(image) => return self.sized_image_height(image, room, scale),
            Block::Columns { columns, widths, .. } => {
                let mut tallest: f32 = 0.0;
                for (blocks, rect) in
                    columns.iter().zip(column_rects(Rect::from_min_size(pos2(0.0, 0.0), room), widths))
                {
                    tallest = tallest.max(self.stack_height(blocks, rect, scale)?);
                }
                tallest
            }
        })
    }

    /// The height an image with a `width` or `height` takes in a box of `room` (its
    /// captions included); `None` for one without, which takes the room that is left.
    fn sized_image_height(&self, image: &Image, room: Vec2, scale: f32) -> Option<f32> {
        if image.width.is_none() && image.height.is_none() {
            return None;
        }
        let picture = self.image_box(image, room);
        Some(picture.y + self.captions_height(image, picture.x, room.x, scale))
    }

    /// The box a sized image is drawn in: its width and height, the other side following
    /// its proportions, never more than `room`.
    pub(super) fn image_box(&self, image: &Image, room: Vec2) -> Vec2 {
        let natural = image.in_language(self.lang).1.filter(|n| n.x > 0.0 && n.y > 0.0);
        let aspect = natural.map_or(1.0 / 0.6, |n| n.x / n.y);
        // The side not given follows the picture's proportions, within the room.
        match (image.width, image.height) {
            (Some(w), Some(h)) => vec2(w.of(room.x), h.of(room.y)),
            (Some(w), None) => {
                let width = w.of(room.x).min(room.y * aspect);
                vec2(width, width / aspect)
            }
            (None, Some(h)) => {
                let height = h.of(room.y).min(room.x / aspect);
                vec2(height * aspect, height)
            }
            (None, None) => room,
        }
    }

    pub(super) fn quote_run(&self, text: &Text, size: f32) -> TextRun {
        TextRun { italic: true, role: TextRole::Quote, ..self.run(text, size * 1.05, self.theme.text, Align::Min) }
    }

    pub(super) fn place_stack(&mut self, blocks: &[Block], area: Rect, plan: StackPlan) {
        let scale = plan.scale;
        let body = self.theme.body_size * scale;
        let (fixed, flexible) = self.measure_stack(blocks, area.size(), scale);
        let share = if flexible > 0 { ((area.height() - fixed) / flexible as f32).max(0.0) } else { 0.0 };
        let mut y = area.top();
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                y += self.block_gap(scale);
            }
            if self.reveal == Reveal::Blocks {
                self.step = i + 1;
            }
            let (left, width) = (area.left(), area.width());
            let room = vec2(width, area.height());
            match block {
                Block::Heading(text, level) => {
                    let run = self.heading_run(text, *level, body);
                    y += self.place(run, left, y, width, &plan);
                }
                Block::Paragraph(text) => {
                    let run = self.run(text, body, self.theme.text, Align::Min);
                    y += self.place(run, left, y, width, &plan);
                }
                Block::Bullets(items) => {
                    y = self.place_bullets(items, pos2(left, y), width, body, 0, Marker::Dots, &plan);
                }
                Block::Numbered(items) => {
                    y = self.place_bullets(items, pos2(left, y), width, body, 0, Marker::Numbers, &plan);
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
                    let height = self.sized_image_height(image, room, scale).unwrap_or(share);
                    self.image_with_caption(image, Rect::from_min_size(pos2(left, y), vec2(width, height)), scale);
                    y += height;
                }
                Block::Columns { columns, widths, valign } => {
                    let height = self.block_height(block, room, scale).unwrap_or(share);
                    let band = Rect::from_min_size(pos2(left, y), vec2(width, height));
                    // The columns' blocks are one step of a revealed stack, not steps of their own.
                    let reveal = std::mem::replace(&mut self.reveal, Reveal::Nothing);
                    for (blocks, rect) in columns.iter().zip(column_rects(band, widths)) {
                        // A column shorter than the row sits where the block's `valign` says.
                        let used = self.stack_height(blocks, rect, scale);
                        let rect = rect.translate(vec2(0.0, valign_offset(*valign, used, rect.height())));
                        self.place_stack(blocks, rect, StackPlan { scale, overflow: plan.overflow });
                    }
                    self.reveal = reveal;
                    y += height;
                }
            }
        }
    }

    pub(super) fn place(&mut self, run: TextRun, left: f32, top: f32, width: f32, plan: &StackPlan) -> f32 {
        let height = self.height(&run, width);
        self.push_text(run, Rect::from_min_size(pos2(left, top), vec2(width, height)), plan.scale < 1.0, plan.overflow);
        height
    }
}

/// How far down content `used` high sits in a box `room` high (nothing when it takes the
/// room there is).
fn valign_offset(valign: VAlign, used: Option<f32>, room: f32) -> f32 {
    let free = used.map_or(0.0, |used| (room - used).max(0.0));
    match valign {
        VAlign::Top => 0.0,
        VAlign::Center => free / 2.0,
    }
}

/// `area` cut into columns by their shares, with [`COLUMN_GAP`] between them.
fn column_rects(area: Rect, widths: &[f32]) -> Vec<Rect> {
    let gaps = COLUMN_GAP * widths.len().saturating_sub(1) as f32;
    let room = (area.width() - gaps).max(0.0);
    let mut left = area.left();
    widths
        .iter()
        .map(|share| {
            let rect = Rect::from_min_size(pos2(left, area.top()), vec2(room * share, area.height()));
            left += room * share + COLUMN_GAP;
            rect
        })
        .collect()
}

fn contains_code(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Code(_) => true,
        Block::Columns { columns, .. } => columns.iter().any(|c| contains_code(c)),
        _ => false,
    })
}
