//! Each slide kind's arrangement: title and section slides, bullets, images with text,
//! columns, quotes, statistics, timelines and tables, placed on the canvas.

use emath::{Align, Rect, pos2, vec2};

use super::cx::{CAPTION_SCALE, CREDIT_SCALE, Cx};
use super::list::{DisplayItem, TextRole, TextRun};
use crate::deck::{Block, Content, Deck, Event, Fit, HAlign, Image, Side, Text, VAlign};

impl Cx<'_> {
    pub(super) fn content(&mut self, content: &Content, deck: &Deck) {
        let theme = self.theme;
        let (w, h) = (self.canvas.width(), self.canvas.height());
        let m = theme.margin;
        match content {
            Content::Title { title, subtitle, byline } => {
                let width = w - 2.0 * m;
                let title_run = TextRun {
                    role: TextRole::Title,
                    ..self.bold(title, theme.title_size * 1.35, theme.text, Align::Center)
                };
                let title_h = self.fit_text(title_run, pos2(m, h * 0.30), width, h * 0.32);
                let mut y = h * 0.30 + title_h + 36.0;
                self.emit(DisplayItem::Rect {
                    rect: Rect::from_center_size(pos2(w / 2.0, y), vec2(160.0, 6.0)),
                    color: theme.accent,
                    corner_radius: 3.0,
                });
                y += 44.0;
                if let Some(subtitle) = subtitle {
                    let run = self.run(subtitle, theme.body_size * 1.1, theme.muted, Align::Center);
                    y += self.fit_text(run, pos2(m, y), width, h * 0.2);
                }
                let byline = byline.clone().or_else(|| {
                    let parts: Vec<&str> =
                        [&deck.author, &deck.date].into_iter().flatten().map(|t| self.str(t)).collect();
                    (!parts.is_empty()).then(|| Text::plain(parts.join(" · ")))
                });
                if let Some(byline) = byline {
                    let run = self.run(&byline, theme.body_size * 0.7, theme.muted, Align::Center);
                    let top = (h - m - theme.body_size).max(y + 24.0);
                    self.fit_text(run, pos2(m, top), width, h - top - m * 0.4);
                }
            }
            Content::Section { title, subtitle } => {
                // The ground (the accent, unless the slide has its own) is the slide's
                // background: see `palette::slide_theme`.
                let width = w - 2.0 * m;
                let run = TextRun {
                    role: TextRole::Title,
                    ..self.bold(title, theme.title_size * 1.25, theme.text, Align::Min)
                };
                let title_h = self.fit_text(run, pos2(m, h * 0.38), width, h * 0.35);
                if let Some(subtitle) = subtitle {
                    let run = self.run(subtitle, theme.body_size, theme.muted, Align::Min);
                    self.fit_text(run, pos2(m, h * 0.38 + title_h + 32.0), width, h * 0.25);
                }
            }
            Content::Bullets { title, items, numbered, .. } => {
                let body = self.body_below_title(Some(title));
                let list = if *numbered { Block::Numbered(items.clone()) } else { Block::Bullets(items.clone()) };
                self.stack(&[list], body);
            }
            Content::Image { title, image } => {
                let area = if title.is_some() { self.body_below_title(title.as_ref()) } else { self.canvas };
                let area = if title.is_none() && image.fit == Fit::Contain { area.shrink(m * 0.5) } else { area };
                self.image_with_caption(image, area, 1.0);
            }
            Content::ImageText { title, image, blocks, side, split } => {
                let body = self.body_below_title(title.as_ref());
                let gap = 56.0;
                let image_w = (body.width() - gap) * split;
                let (image_rect, text_rect) = match side {
                    Side::Left => (
                        Rect::from_min_size(body.min, vec2(image_w, body.height())),
                        Rect::from_min_max(pos2(body.left() + image_w + gap, body.top()), body.max),
                    ),
                    Side::Right => (
                        Rect::from_min_max(pos2(body.right() - image_w, body.top()), body.max),
                        Rect::from_min_size(body.min, vec2(body.width() - image_w - gap, body.height())),
                    ),
                };
                self.image_with_caption(image, image_rect, 1.0);
                self.stack(blocks, text_rect);
            }
            Content::Columns { title, columns, widths } => {
                // The same as a stack holding one row of columns: one text size for all
                // columns, so they read as one slide, and their tops in line.
                let body = self.body_below_title(title.as_ref());
                let row = Block::Columns { columns: columns.clone(), widths: widths.clone(), valign: VAlign::Top };
                self.stack(&[row], body);
            }
            Content::Quote { text, attribution } => {
                // Mark, quotation and attribution as one group, centred vertically.
                let width = w - 4.0 * m;
                let mark = TextRun {
                    role: TextRole::Decoration,
                    ..self.bold(&Text::plain("“"), theme.title_size * 2.4, theme.accent, Align::Min)
                };
                let mark_h = self.height(&mark, width) * 0.75;
                let quote = TextRun {
                    italic: true,
                    role: TextRole::Quote,
                    ..self.run(text, theme.body_size * 1.3, theme.text, Align::Min)
                };
                let attribution = attribution.as_ref().map(|a| {
                    let attributed = Text::plain(format!("— {}", self.str(a)));
                    TextRun {
                        role: TextRole::Attribution,
                        ..self.run(&attributed, theme.body_size * 0.8, theme.muted, Align::Max)
                    }
                });
                let attribution_h = attribution.as_ref().map_or(0.0, |r| self.height(r, width) + 40.0);
                let max_quote_h = h - 2.0 * m - mark_h - attribution_h;
                let quote_h = self.height(&quote, width).min(max_quote_h);
                let top = (h - (mark_h + quote_h + attribution_h)) / 2.0;
                let mark_rect = Rect::from_min_size(pos2(m * 1.2, top), vec2(width, mark_h / 0.75));
                self.push_text(mark, mark_rect, false, false);
                let quote_h = self.fit_text(quote, pos2(2.0 * m, top + mark_h), width, max_quote_h);
                if let Some(run) = attribution {
                    self.fit_text(run, pos2(2.0 * m, top + mark_h + quote_h + 40.0), width, h * 0.2);
                }
            }
            Content::Statistic { title, value, label, detail } => {
                let body = self.body_below_title(title.as_ref());
                let value_run = self.bold(value, theme.title_size * 3.2, theme.accent, Align::Center);
                let value_h = self.height(&value_run, body.width());
                let label_run = self.run(label, theme.body_size * 1.15, theme.text, Align::Center);
                let label_h = self.height(&label_run, body.width());
                let detail_run =
                    detail.as_ref().map(|d| self.run(d, theme.body_size * 0.8, theme.muted, Align::Center));
                let detail_h = detail_run.as_ref().map_or(0.0, |r| self.height(r, body.width()) + 28.0);
                let total = value_h + 16.0 + label_h + detail_h;
                let mut y = body.center().y - total / 2.0;
                y += self.fit_text(value_run, pos2(body.left(), y), body.width(), value_h) + 16.0;
                y += self.fit_text(label_run, pos2(body.left(), y), body.width(), body.bottom() - y) + 28.0;
                if let Some(run) = detail_run {
                    self.fit_text(run, pos2(body.left(), y), body.width(), (body.bottom() - y).max(0.0));
                }
            }
            Content::Timeline { title, events } => {
                let body = self.body_below_title(title.as_ref());
                self.timeline(events, body);
            }
            Content::Table { title, table } => {
                let body = self.body_below_title(title.as_ref());
                self.stack(&[Block::Table(table.clone())], body);
            }
            Content::Code { title, code } => {
                let body = self.body_below_title(title.as_ref());
                self.stack(&[Block::Code(code.clone())], body);
            }
            Content::Blocks { title, blocks, .. } => {
                let body = self.body_below_title(title.as_ref());
                self.stack(blocks, body);
            }
        }
    }

    pub(super) fn timeline(&mut self, events: &[Event], body: Rect) {
        let theme = self.theme;
        let n = events.len().max(1) as f32;
        let col_w = body.width() / n;
        let line_y = body.top() + body.height() * 0.3;
        self.emit(DisplayItem::Line {
            from: pos2(body.left(), line_y),
            to: pos2(body.right(), line_y),
            width: 4.0,
            color: theme.muted.gamma_multiply(0.6),
        });
        let text_w = col_w - 28.0;
        let below = body.bottom() - line_y - 36.0;
        let base = theme.body_size * 0.8;
        let runs: Vec<TextRun> = events.iter().map(|e| self.run(&e.text, base, theme.text, Align::Center)).collect();
        let plan = self.plan(below, self.min_scale(base), |cx, scale| {
            let tallest = runs
                .iter()
                .map(|r| cx.height(&TextRun { size: base * scale, ..r.clone() }, text_w))
                .fold(0.0, f32::max);
            (tallest, 0)
        });
        for (i, (event, mut run)) in events.iter().zip(runs).enumerate() {
            let center_x = body.left() + (i as f32 + 0.5) * col_w;
            self.emit(DisplayItem::Circle { center: pos2(center_x, line_y), radius: 14.0, color: theme.accent });
            let date = self.bold(&event.date, theme.body_size * 0.95, theme.accent, Align::Center);
            let date_h = self.height(&date, text_w);
            let date_top = line_y - 36.0 - date_h;
            self.push_text(
                date,
                Rect::from_min_size(pos2(center_x - text_w / 2.0, date_top), vec2(text_w, date_h)),
                false,
                false,
            );
            run.size = base * plan.scale;
            let height = self.height(&run, text_w);
            let rect = Rect::from_min_size(pos2(center_x - text_w / 2.0, line_y + 36.0), vec2(text_w, height));
            self.push_text(run, rect, plan.scale < 1.0, plan.overflow);
        }
    }

    /// An image's caption and credit as runs, at `scale` of the stack it is in.
    fn caption_runs(&self, image: &Image, scale: f32) -> Vec<TextRun> {
        let theme = self.theme;
        let mut lines = Vec::new();
        if let Some(caption) = &image.caption {
            let run = self.run(caption, theme.body_size * CAPTION_SCALE * scale.max(0.8), theme.text, Align::Min);
            lines.push(TextRun { role: TextRole::Caption, ..run });
        }
        if let Some(credit) = &image.credit {
            let run = self.run(credit, theme.body_size * CREDIT_SCALE * scale.max(0.8), theme.muted, Align::Min);
            lines.push(TextRun { role: TextRole::Credit, ..run });
        }
        lines
    }

    /// How tall an image's captions are under a picture `picture_w` wide in a box `room_w`
    /// wide (the gap above them included): they wrap at the width [`caption_width`] gives.
    pub(super) fn captions_height(&self, image: &Image, picture_w: f32, room_w: f32, scale: f32) -> f32 {
        let lines = self.caption_runs(image, scale);
        if lines.is_empty() {
            return 0.0;
        }
        let width = caption_width(picture_w, room_w);
        CAPTION_GAP + lines.iter().map(|r| self.height(r, width) + 4.0).sum::<f32>() - 4.0
    }

    /// Image in `area` with its caption and credit under it. A contained image of known
    /// size is drawn at its fitted size (or the size the deck asks for) with the captions
    /// right below, the group placed across `area` by the image's `align` and centred down
    /// it; a full-slide cover image gets its captions on a band over the picture.
    pub(super) fn image_with_caption(&mut self, image: &Image, area: Rect, scale: f32) {
        let theme = self.theme;
        let lines = self.caption_runs(image, scale);
        let band = area == self.canvas && image.fit == Fit::Cover;
        let inset = if band { theme.margin * 0.5 } else { 0.0 };
        let gap = if lines.is_empty() { 0.0 } else { CAPTION_GAP };
        let measure = |cx: &Self, width: f32| -> (Vec<f32>, f32) {
            let heights: Vec<f32> = lines.iter().map(|r| cx.height(r, width)).collect();
            let total = heights.iter().sum::<f32>() + 4.0 * heights.len().saturating_sub(1) as f32;
            (heights, total)
        };
        let (mut heights, mut captions_h) = measure(self, area.width() - 2.0 * inset);
        let (image_path, natural_size) = image.in_language(self.lang);
        let natural = natural_size.filter(|n| n.x > 0.0 && n.y > 0.0);
        let sized = image.width.is_some() || image.height.is_some();
        let place_x = |width: f32| match image.align {
            HAlign::Left => area.left(),
            HAlign::Center => area.center().x - width / 2.0,
            HAlign::Right => area.right() - width,
        };
        let image_rect = match (image.fit, natural) {
            _ if band => area,
            (Fit::Contain, _) if natural.is_some() || sized => {
                // The room the picture may take: what the deck asks for, else the box less the
                // captions (which wrap to the picture's width, so measured again once it is known).
                let fitted = |cx: &Self, captions_h: f32| {
                    let room = vec2(area.width(), (area.height() - captions_h - gap).max(1.0));
                    let room = if sized { cx.image_box(image, room).min(room) } else { room };
                    match natural {
                        Some(n) => n * (room.x / n.x).min(room.y / n.y),
                        None => room,
                    }
                };
                let mut size = fitted(self, captions_h);
                let (h2, c2) = measure(self, caption_width(size.x, area.width()));
                if c2 > captions_h {
                    size = fitted(self, c2);
                }
                (heights, captions_h) = (h2, c2);
                let group_h = size.y + gap + captions_h;
                Rect::from_min_size(pos2(place_x(size.x), area.center().y - group_h / 2.0), size)
            }
            _ => Rect::from_min_max(area.min, pos2(area.right(), area.bottom() - captions_h - gap)),
        };
        self.emit(DisplayItem::Image { rect: image_rect, path: image_path.clone(), fit: image.fit, backdrop: false });
        if lines.is_empty() {
            return;
        }
        let (left, text_w, mut y, text_align) = if band {
            let top = area.bottom() - captions_h - inset * 0.6;
            // A band behind the caption keeps it readable over any picture.
            self.emit(DisplayItem::Rect {
                rect: Rect::from_min_max(pos2(area.left(), top - 16.0), area.max),
                color: theme.background.gamma_multiply(0.85),
                corner_radius: 0.0,
            });
            (area.left() + inset, area.width() - 2.0 * inset, top, Align::Min)
        } else {
            // Captions wrap to the picture's width, or a readable minimum under a narrow one,
            // which then centres under (or lines up with) the picture as the picture is placed.
            let width = caption_width(image_rect.width(), area.width());
            let wider = width > image_rect.width() + 0.5;
            let left = match image.align {
                HAlign::Left => image_rect.left(),
                HAlign::Center => image_rect.center().x - width / 2.0,
                HAlign::Right => image_rect.right() - width,
            };
            let left = left.clamp(area.left(), (area.right() - width).max(area.left()));
            let align = if wider && image.align == HAlign::Center { Align::Center } else { Align::Min };
            (left, width, image_rect.bottom() + gap, align)
        };
        for (run, height) in lines.into_iter().zip(heights) {
            let run = TextRun { align: text_align, ..run };
            self.push_text(run, Rect::from_min_size(pos2(left, y), vec2(text_w, height)), false, false);
            y += height + 4.0;
        }
    }
}

/// The gap between a picture and its captions.
const CAPTION_GAP: f32 = 12.0;
/// Captions under a narrower picture still get this much width, so they do not become a
/// column of single words.
const CAPTION_MIN_WIDTH: f32 = 480.0;

/// The width captions wrap at under a picture `picture_w` wide in a box `room` wide.
fn caption_width(picture_w: f32, room: f32) -> f32 {
    picture_w.max(room.min(CAPTION_MIN_WIDTH)).min(room)
}
