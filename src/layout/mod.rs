//! Slide layout: a pure function from a slide, the deck's theme, a language and a text
//! measurer to a positioned display list in slide units. Painting only draws that list, and
//! tests check it as data with a deterministic measurer.
//!
//! Text that does not fit its box shrinks (whole groups together, so a list keeps one size)
//! down to the theme's `min_size`; below that it is marked as overflowing, which `check`
//! reports and the layout debug view shows.

use ecolor::Color32;
use emath::{Align, Pos2, Rect, Vec2, pos2, vec2};

use crate::deck::text::{Span, parse_markup};
use crate::deck::{AssetPath, Block, Bullet, Content, Deck, Event, Fit, Lang, Side, Slide, Table, Text, Theme};

/// Measures laid-out text. The app measures with egui's fonts at the real pixel size; tests
/// use a fixed-advance measurer.
pub trait TextMeasurer {
    /// Size of `run` wrapped at `wrap_width`, in slide units.
    fn measure(&self, run: &TextRun, wrap_width: f32) -> Vec2;
}

/// A paragraph of styled text as it will be drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub spans: Vec<Span>,
    /// Font size in slide units.
    pub size: f32,
    /// The whole run is bold (titles); spans may add bold or italic.
    pub bold: bool,
    pub italic: bool,
    pub color: Color32,
    /// Colour of `==accent==` spans.
    pub accent: Color32,
    pub align: Align,
}

impl TextRun {
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// One thing to draw, positioned in slide units.
#[derive(Clone, Debug, PartialEq)]
pub enum DisplayItem {
    /// A filled rectangle: backgrounds, bars, table shading.
    Rect {
        rect: Rect,
        color: Color32,
        corner_radius: f32,
    },
    Line {
        from: Pos2,
        to: Pos2,
        width: f32,
        color: Color32,
    },
    Circle {
        center: Pos2,
        radius: f32,
        color: Color32,
    },
    /// Text wrapped to `rect.width()`; `rect.height()` is its measured height.
    /// `shrunk` if it was made smaller to fit, `overflow` if even the minimum did not fit.
    Text {
        rect: Rect,
        run: TextRun,
        shrunk: bool,
        overflow: bool,
    },
    /// An image fitted into `rect` (contain keeps it whole, cover fills and crops).
    Image {
        rect: Rect,
        path: AssetPath,
        fit: Fit,
    },
}

/// Text that could not fit at the minimum size.
#[derive(Clone, Debug, PartialEq)]
pub struct Overflow {
    pub excerpt: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlideLayout {
    pub items: Vec<DisplayItem>,
    /// For each item, the reveal step from which it shows (0: from the start). Everything is
    /// laid out in its final place, so revealing a step never moves what is already shown.
    pub steps: Vec<usize>,
    pub overflows: Vec<Overflow>,
}

impl SlideLayout {
    /// The items shown once `step` steps are revealed (`None`: the complete slide).
    pub fn visible(&self, step: Option<usize>) -> impl Iterator<Item = &DisplayItem> {
        self.items.iter().zip(&self.steps).filter(move |(_, s)| step.is_none_or(|step| **s <= step)).map(|(i, _)| i)
    }

    /// Every text item's plain text, in drawing order.
    pub fn texts(&self) -> Vec<String> {
        self.items
            .iter()
            .filter_map(|item| match item {
                DisplayItem::Text { run, .. } => Some(run.plain_text()),
                _ => None,
            })
            .collect()
    }
}

/// Lays out `slide` of `deck` in language `lang`.
pub fn layout_slide(deck: &Deck, slide: &Slide, lang: Lang, measurer: &dyn TextMeasurer) -> SlideLayout {
    let mut cx = Cx {
        theme: &deck.theme,
        lang,
        measurer,
        canvas: Rect::from_min_size(Pos2::ZERO, deck.canvas),
        out: SlideLayout::default(),
        reveal: match slide.content {
            Content::Bullets { reveal: true, .. } => Reveal::TopLevelBullets,
            Content::Blocks { reveal: true, .. } => Reveal::Blocks,
            _ => Reveal::Nothing,
        },
        step: 0,
    };
    let background = match &slide.background {
        Some(crate::deck::Background::Color(color)) => *color,
        _ => deck.theme.background,
    };
    cx.emit(DisplayItem::Rect { rect: cx.canvas, color: background, corner_radius: 0.0 });
    if let Some(crate::deck::Background::Image(path)) = &slide.background {
        cx.emit(DisplayItem::Image { rect: cx.canvas, path: path.clone(), fit: Fit::Cover });
    }
    cx.content(&slide.content, deck);
    cx.out
}

/// Sizes relative to the theme's body size.
const HEADING_SCALE: f32 = 1.15;
const NESTED_SCALE: f32 = 0.85;
const CAPTION_SCALE: f32 = 0.55;
const CREDIT_SCALE: f32 = 0.45;
const TABLE_SCALE: f32 = 0.8;

struct Cx<'a> {
    theme: &'a Theme,
    lang: Lang,
    measurer: &'a dyn TextMeasurer,
    canvas: Rect,
    out: SlideLayout,
    reveal: Reveal,
    /// The reveal step the items being emitted belong to.
    step: usize,
}

/// What a slide reveals one step at a time.
#[derive(Clone, Copy, PartialEq)]
enum Reveal {
    Nothing,
    TopLevelBullets,
    Blocks,
}

/// How much of a box a stack of blocks uses at a given scale.
struct StackPlan {
    scale: f32,
    overflow: bool,
}

impl Cx<'_> {
    fn str<'t>(&self, text: &'t Text) -> &'t str {
        text.get(self.lang)
    }

    fn run(&self, text: &Text, size: f32, color: Color32, align: Align) -> TextRun {
        TextRun {
            spans: parse_markup(self.str(text)),
            size,
            bold: false,
            italic: false,
            color,
            accent: self.theme.accent,
            align,
        }
    }

    fn bold(&self, text: &Text, size: f32, color: Color32, align: Align) -> TextRun {
        TextRun { bold: true, ..self.run(text, size, color, align) }
    }

    fn height(&self, run: &TextRun, width: f32) -> f32 {
        self.measurer.measure(run, width).y
    }

    fn min_scale(&self, size: f32) -> f32 {
        (self.theme.min_size / size).min(1.0)
    }

    /// Places `run` at `top_left`, shrinking it until it fits `max_height`.
    fn fit_text(&mut self, mut run: TextRun, top_left: Pos2, width: f32, max_height: f32) -> f32 {
        let base = run.size;
        let plan = self.plan(max_height, self.min_scale(base), |cx, scale| {
            let run = TextRun { size: base * scale, ..run.clone() };
            (cx.height(&run, width), 0)
        });
        run.size = base * plan.scale;
        let height = self.height(&run, width);
        self.push_text(run, Rect::from_min_size(top_left, vec2(width, height)), plan.scale < 1.0, plan.overflow);
        height
    }

    fn emit(&mut self, item: DisplayItem) {
        self.out.items.push(item);
        self.out.steps.push(self.step);
    }

    fn push_text(&mut self, run: TextRun, rect: Rect, shrunk: bool, overflow: bool) {
        if overflow {
            let text = run.plain_text();
            let excerpt: String = text.chars().take(48).collect();
            let excerpt = if excerpt.len() < text.len() { format!("{excerpt}…") } else { excerpt };
            self.out.overflows.push(Overflow { excerpt });
        }
        self.emit(DisplayItem::Text { rect, run, shrunk, overflow });
    }

    /// Finds the largest scale in `min_scale..=1` at which `measure` fits `available`.
    /// `measure` returns the fixed height and how many flexible images share the rest.
    fn plan(&self, available: f32, min_scale: f32, measure: impl Fn(&Self, f32) -> (f32, usize)) -> StackPlan {
        let min_image = (available * 0.35).min(220.0);
        let fits = |scale: f32| {
            let (fixed, images) = measure(self, scale);
            fixed + images as f32 * min_image <= available + 0.5
        };
        let mut scale = 1.0;
        while scale > min_scale {
            if fits(scale) {
                return StackPlan { scale, overflow: false };
            }
            scale = (scale * 0.94).max(min_scale);
        }
        StackPlan { scale: min_scale, overflow: !fits(min_scale) }
    }

    /// The content box below a title (or the whole area inside the margins).
    fn body_below_title(&mut self, title: Option<&Text>) -> Rect {
        let m = self.theme.margin;
        let inner = self.canvas.shrink2(vec2(m, m * 0.75));
        let Some(title) = title else {
            return inner;
        };
        let run = self.bold(title, self.theme.title_size, self.theme.text, Align::Min);
        let height = self.fit_text(run, inner.min, inner.width(), self.theme.title_size * 2.6);
        let bar_top = inner.top() + height + self.theme.title_size * 0.25;
        self.emit(DisplayItem::Rect {
            rect: Rect::from_min_size(pos2(inner.left(), bar_top), vec2(96.0, 6.0)),
            color: self.theme.accent,
            corner_radius: 3.0,
        });
        Rect::from_min_max(pos2(inner.left(), bar_top + 6.0 + self.theme.title_size * 0.6), inner.max)
    }

    fn content(&mut self, content: &Content, deck: &Deck) {
        let theme = self.theme;
        let (w, h) = (self.canvas.width(), self.canvas.height());
        let m = theme.margin;
        match content {
            Content::Title { title, subtitle, byline } => {
                let width = w - 2.0 * m;
                let title_run = self.bold(title, theme.title_size * 1.35, theme.text, Align::Center);
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
                self.emit(DisplayItem::Rect { rect: self.canvas, color: theme.accent, corner_radius: 0.0 });
                let width = w - 2.0 * m;
                let run = self.bold(title, theme.title_size * 1.25, theme.background, Align::Min);
                let title_h = self.fit_text(run, pos2(m, h * 0.38), width, h * 0.35);
                if let Some(subtitle) = subtitle {
                    let run = self.run(subtitle, theme.body_size, theme.background.gamma_multiply(0.85), Align::Min);
                    self.fit_text(run, pos2(m, h * 0.38 + title_h + 32.0), width, h * 0.25);
                }
            }
            Content::Bullets { title, items, .. } => {
                let body = self.body_below_title(Some(title));
                self.stack(&[Block::Bullets(items.clone())], body);
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
            Content::Columns { title, columns } => {
                let body = self.body_below_title(title.as_ref());
                let n = columns.len().max(1) as f32;
                let gap = 64.0;
                let col_w = (body.width() - gap * (n - 1.0)) / n;
                let rects: Vec<Rect> = (0..columns.len())
                    .map(|i| {
                        Rect::from_min_size(
                            pos2(body.left() + i as f32 * (col_w + gap), body.top()),
                            vec2(col_w, body.height()),
                        )
                    })
                    .collect();
                // One size for all columns, so they read as one slide.
                let plans: Vec<StackPlan> =
                    columns.iter().zip(&rects).map(|(blocks, rect)| self.plan_stack(blocks, *rect)).collect();
                let scale = plans.iter().map(|p| p.scale).fold(1.0, f32::min);
                for ((blocks, rect), plan) in columns.iter().zip(rects).zip(plans) {
                    self.place_stack(blocks, rect, StackPlan { scale, overflow: plan.overflow });
                }
            }
            Content::Quote { text, attribution } => {
                // Mark, quotation and attribution as one group, centred vertically.
                let width = w - 4.0 * m;
                let mark = self.bold(&Text::plain("“"), theme.title_size * 2.4, theme.accent, Align::Min);
                let mark_h = self.height(&mark, width) * 0.75;
                let quote = TextRun { italic: true, ..self.run(text, theme.body_size * 1.3, theme.text, Align::Min) };
                let attribution = attribution.as_ref().map(|a| {
                    let attributed = Text::plain(format!("— {}", self.str(a)));
                    self.run(&attributed, theme.body_size * 0.8, theme.muted, Align::Max)
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
            Content::Blocks { title, blocks, .. } => {
                let body = self.body_below_title(title.as_ref());
                self.stack(blocks, body);
            }
        }
    }

    fn timeline(&mut self, events: &[Event], body: Rect) {
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

    /// Image in `area` with its caption and credit under it. A contained image of known
    /// size is drawn at its fitted size with the captions right below, the group centred in
    /// `area`; a full-slide cover image gets its captions on a band over the picture.
    fn image_with_caption(&mut self, image: &crate::deck::Image, area: Rect, scale: f32) {
        let theme = self.theme;
        let mut lines = Vec::new();
        if let Some(caption) = &image.caption {
            lines.push(self.run(caption, theme.body_size * CAPTION_SCALE * scale.max(0.8), theme.text, Align::Min));
        }
        if let Some(credit) = &image.credit {
            lines.push(self.run(credit, theme.body_size * CREDIT_SCALE * scale.max(0.8), theme.muted, Align::Min));
        }
        let band = area == self.canvas && image.fit == Fit::Cover;
        let inset = if band { theme.margin * 0.5 } else { 0.0 };
        let caption_gap = if lines.is_empty() { 0.0 } else { 12.0 };
        let measure = |cx: &Self, width: f32| -> (Vec<f32>, f32) {
            let heights: Vec<f32> = lines.iter().map(|r| cx.height(r, width)).collect();
            let total = heights.iter().sum::<f32>() + 4.0 * heights.len().saturating_sub(1) as f32;
            (heights, total)
        };
        let (mut heights, mut captions_h) = measure(self, area.width() - 2.0 * inset);
        let (image_path, natural_size) = image.in_language(self.lang);
        let image_rect = match (image.fit, natural_size) {
            _ if band => area,
            (Fit::Contain, Some(natural)) if natural.x > 0.0 && natural.y > 0.0 => {
                let room = vec2(area.width(), (area.height() - captions_h - caption_gap).max(1.0));
                let mut size = natural * (room.x / natural.x).min(room.y / natural.y);
                // Captions under a narrow picture wrap to its width, which may make them taller.
                let (h2, c2) = measure(self, size.x.max(area.width().min(640.0)));
                if c2 > captions_h {
                    let room = vec2(area.width(), (area.height() - c2 - caption_gap).max(1.0));
                    size = natural * (room.x / natural.x).min(room.y / natural.y);
                }
                (heights, captions_h) = (h2, c2);
                let group_h = size.y + caption_gap + captions_h;
                Rect::from_min_size(pos2(area.center().x - size.x / 2.0, area.center().y - group_h / 2.0), size)
            }
            _ => Rect::from_min_max(area.min, pos2(area.right(), area.bottom() - captions_h - caption_gap)),
        };
        self.emit(DisplayItem::Image { rect: image_rect, path: image_path.clone(), fit: image.fit });
        if lines.is_empty() {
            return;
        }
        let (left, text_w, mut y) = if band {
            let top = area.bottom() - captions_h - inset * 0.6;
            // A band behind the caption keeps it readable over any picture.
            self.emit(DisplayItem::Rect {
                rect: Rect::from_min_max(pos2(area.left(), top - 16.0), area.max),
                color: theme.background.gamma_multiply(0.85),
                corner_radius: 0.0,
            });
            (area.left() + inset, area.width() - 2.0 * inset, top)
        } else {
            let width = image_rect.width().max(area.width().min(640.0)).min(area.width());
            let left = image_rect.left().min(area.right() - width);
            (left, width, image_rect.bottom() + caption_gap)
        };
        for (run, height) in lines.into_iter().zip(heights) {
            self.push_text(run, Rect::from_min_size(pos2(left, y), vec2(text_w, height)), false, false);
            y += height + 4.0;
        }
    }

    fn stack(&mut self, blocks: &[Block], area: Rect) {
        let plan = self.plan_stack(blocks, area);
        self.place_stack(blocks, area, plan);
    }

    fn plan_stack(&self, blocks: &[Block], area: Rect) -> StackPlan {
        let min_scale = self.min_scale(self.theme.body_size);
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

    fn block_gap(&self, scale: f32) -> f32 {
        self.theme.body_size * 0.6 * scale
    }

    /// Height of a block at `scale`; `None` for images, which take what is left.
    fn block_height(&self, block: &Block, width: f32, scale: f32) -> Option<f32> {
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
            Block::Image(_) => return None,
        })
    }

    fn quote_run(&self, text: &Text, size: f32) -> TextRun {
        TextRun { italic: true, ..self.run(text, size * 1.05, self.theme.text, Align::Min) }
    }

    fn bullet_geometry(&self, size: f32, level: usize) -> (f32, f32) {
        // (indent of this level's marker, room the marker takes before the text)
        (level as f32 * self.theme.body_size * 1.1, size * 1.1)
    }

    fn bullet_size(size: f32, level: usize) -> f32 {
        if level == 0 { size } else { size * NESTED_SCALE }
    }

    fn bullets_height(&self, items: &[Bullet], width: f32, size: f32, level: usize) -> f32 {
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
    fn place_bullets(
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
            let run = self.run(&item.text, item_size, self.theme.text, Align::Min);
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

    fn cell_run(&self, cell: &Text, size: f32, header: bool) -> TextRun {
        if header {
            self.bold(cell, size, self.theme.text, Align::Min)
        } else {
            self.run(cell, size, self.theme.text, Align::Min)
        }
    }

    /// Column widths: each column gets what its longest cell needs unwrapped when that fits;
    /// otherwise every column keeps a fair minimum and the rest is shared by need.
    fn table_columns(&self, table: &Table, width: f32, size: f32) -> Vec<f32> {
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
    fn table_rows(&self, table: &Table, width: f32, size: f32) -> (Vec<f32>, Vec<f32>) {
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

    fn place_stack(&mut self, blocks: &[Block], area: Rect, plan: StackPlan) {
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
                    let run = self.bold(text, body * HEADING_SCALE, self.theme.text, Align::Min);
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
                        let run = self.run(&attributed, body * 0.75, self.theme.muted, Align::Min);
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
                Block::Image(image) => {
                    self.image_with_caption(image, Rect::from_min_size(pos2(left, y), vec2(width, image_h)), scale);
                    y += image_h;
                }
            }
        }
    }

    fn place(&mut self, run: TextRun, left: f32, top: f32, width: f32, plan: &StackPlan) -> f32 {
        let height = self.height(&run, width);
        self.push_text(run, Rect::from_min_size(pos2(left, top), vec2(width, height)), plan.scale < 1.0, plan.overflow);
        height
    }

    fn place_table(&mut self, table: &Table, area: Rect, size: f32, plan: &StackPlan) -> f32 {
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
            for (cell, col_w) in row.iter().zip(&columns) {
                let run = self.cell_run(cell, size, r == 0);
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

const TABLE_PAD: f32 = 14.0;

/// A deterministic measurer for tests and headless checks: every character advances
/// `0.5 × size`, lines are `1.2 × size` high, words wrap greedily.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixedMeasurer;

impl TextMeasurer for FixedMeasurer {
    fn measure(&self, run: &TextRun, wrap_width: f32) -> Vec2 {
        let advance = run.size * 0.5;
        let text = run.plain_text();
        let mut lines = 0usize;
        let mut widest: f32 = 0.0;
        for paragraph in text.split('\n') {
            let mut line_w: f32 = 0.0;
            lines += 1;
            for word in paragraph.split(' ') {
                let word_w = word.chars().count() as f32 * advance;
                let with_space = if line_w > 0.0 { line_w + advance + word_w } else { word_w };
                if with_space > wrap_width && line_w > 0.0 {
                    widest = widest.max(line_w);
                    lines += 1;
                    line_w = word_w;
                } else {
                    line_w = with_space;
                }
            }
            widest = widest.max(line_w);
        }
        vec2(widest, lines as f32 * run.size * 1.2)
    }
}

#[cfg(test)]
mod tests;
