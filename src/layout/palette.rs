//! The colours a slide is drawn in: the deck's theme with the slide's own `theme` and
//! `background`, and the ground a `Section` stands on (the accent, unless the slide says
//! otherwise) with text chosen to read on it. Also the WCAG 2.x contrast ratio that `check`
//! holds those colours to, and the window's counter uses to stay visible.

use ecolor::Color32;

use crate::deck::highlight::TokenKind;
use crate::deck::{Background, Content, Slide, Theme};

/// The theme `slide` is laid out with. Every painter and `check` use this one rule.
pub fn slide_theme(deck: &Theme, slide: &Slide) -> Theme {
    let mut theme = deck.with(&slide.theme);
    let own_ground = match slide.background {
        Some(Background::Color(color)) => Some(color),
        _ => slide.theme.background,
    };
    if let Some(color) = own_ground {
        theme.background = color;
    }
    if matches!(slide.content, Content::Section { .. }) {
        // A section divider stands on the accent; its text is whichever of the deck's two
        // base colours reads better there.
        theme.background = own_ground.unwrap_or(deck.accent);
        let ground = theme.background;
        if slide.theme.text.is_none() {
            theme.text = best_on(ground, [deck.background, deck.text]);
        }
        if slide.theme.muted.is_none() {
            theme.muted = theme.text.gamma_multiply(0.85);
        }
        if slide.theme.accent.is_none() {
            theme.accent = deck.accent;
        }
    }
    // `==accent==` text that would vanish into the ground takes the base colour that is not
    // the text's, so it still stands out (an accent-coloured section, a slide in the accent).
    let section = matches!(slide.content, Content::Section { .. });
    if slide.theme.accent.is_none()
        && (own_ground.is_some() || section)
        && contrast_ratio(theme.accent, theme.background) < LARGE_TEXT
    {
        theme.accent = visible_accent(theme.accent, theme.background, theme.text).unwrap_or_else(|| {
            let others = [deck.text, deck.background, Color32::BLACK, Color32::WHITE];
            let candidates = others.into_iter().filter(|c| contrast_ratio(*c, theme.text) >= 1.5);
            candidates
                .max_by(|a, b| contrast_ratio(*a, theme.background).total_cmp(&contrast_ratio(*b, theme.background)))
                .unwrap_or(theme.accent)
        });
    }
    theme
}

/// The accent lightened (on a dark ground) or darkened (on a light one) just enough to read
/// as large text there, keeping its hue and staying apart from the text colour; `None` when
/// no shade of it does.
fn visible_accent(accent: Color32, ground: Color32, text: Color32) -> Option<Color32> {
    let toward = if contrast_ratio(Color32::WHITE, ground) > contrast_ratio(Color32::BLACK, ground) {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    (1..=9)
        .map(|step| accent.lerp_to_gamma(toward, step as f32 / 10.0))
        .find(|shade| contrast_ratio(*shade, ground) >= LARGE_TEXT && contrast_ratio(*shade, text) >= 1.3)
}

/// The colours code is drawn in on a slide with `theme`: GitHub's light or dark palette
/// (each passes 4.5:1 on its ground), whichever the slide's background calls for.
pub struct CodeColors {
    /// The block's own ground, a step off the slide's background.
    pub ground: Color32,
    pub plain: Color32,
    pub line_number: Color32,
    /// The band behind highlighted lines.
    pub band: Color32,
    /// Laid over lines a step does not highlight.
    pub dim: Color32,
}

impl CodeColors {
    pub fn for_theme(theme: &Theme) -> Self {
        let dark = relative_luminance(theme.background) < 0.18;
        let ground = if dark { hex(0x161B22) } else { hex(0xEEF0F3) };
        let plain = if contrast_ratio(theme.text, ground) >= BODY_TEXT {
            theme.text
        } else if dark {
            hex(0xE6EDF3)
        } else {
            hex(0x1F2328)
        };
        CodeColors {
            ground,
            plain,
            line_number: if dark { hex(0x8B949E) } else { hex(0x6E7781) },
            band: theme.accent.gamma_multiply(if dark { 0.30 } else { 0.16 }),
            dim: ground.gamma_multiply(0.62),
        }
    }

    pub fn token(&self, kind: TokenKind, dark: bool) -> Color32 {
        use TokenKind::*;
        let (light, night) = match kind {
            Plain => return self.plain,
            Comment => (0x57606A, 0x8B949E),
            Keyword => (0xCF222E, 0xFF7B72),
            String => (0x0A3069, 0xA5D6FF),
            Number | Constant => (0x0550AE, 0x79C0FF),
            Function => (0x8250DF, 0xD2A8FF),
            Type => (0x953800, 0xFFA657),
            Meta => (0x116329, 0x7EE787),
        };
        hex(if dark { night } else { light })
    }

    pub fn is_dark(&self) -> bool {
        relative_luminance(self.ground) < 0.18
    }
}

const fn hex(v: u32) -> Color32 {
    Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// WCAG 2.x: body text needs 4.5:1 against its background.
pub const BODY_TEXT: f32 = 4.5;
/// WCAG 2.x: large text (titles) needs 3:1.
pub const LARGE_TEXT: f32 = 3.0;

/// Of `choices`, the colour with the highest contrast against `ground`.
pub fn best_on<const N: usize>(ground: Color32, choices: [Color32; N]) -> Color32 {
    choices
        .into_iter()
        .max_by(|a, b| contrast_ratio(*a, ground).total_cmp(&contrast_ratio(*b, ground)))
        .unwrap_or(Color32::BLACK)
}

/// The WCAG 2.x contrast ratio of `fg` drawn over `bg` (1 to 21). A translucent `fg` is
/// blended over `bg` first, and `bg` over black if it is translucent itself.
pub fn contrast_ratio(fg: Color32, bg: Color32) -> f32 {
    let bg = over(bg, Color32::BLACK);
    let fg = over(fg, bg);
    let (a, b) = (relative_luminance(fg), relative_luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `fg` composited over the opaque `bg`.
fn over(fg: Color32, bg: Color32) -> Color32 {
    let [r, g, b, a] = fg.to_srgba_unmultiplied();
    let alpha = f32::from(a) / 255.0;
    let mix = |f: u8, b: u8| (f32::from(f) * alpha + f32::from(b) * (1.0 - alpha)).round() as u8;
    Color32::from_rgb(mix(r, bg.r()), mix(g, bg.g()), mix(b, bg.b()))
}

/// Relative luminance as WCAG 2.x defines it (sRGB channels linearised, weighted).
pub fn relative_luminance(color: Color32) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(color.r()) + 0.7152 * linear(color.g()) + 0.0722 * linear(color.b())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Text, ThemeOverrides};

    #[test]
    fn contrast_ratios_match_the_wcag_definition() {
        // Known pairs: black on white is 21:1, a colour on itself 1:1, and #777 on white
        // the classic "just fails" 4.48:1; #767676 is the lightest grey that passes.
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(hex(0x336699), hex(0x336699)) - 1.0).abs() < 1e-6);
        assert!((contrast_ratio(hex(0x777777), Color32::WHITE) - 4.48).abs() < 0.01);
        assert!(contrast_ratio(hex(0x767676), Color32::WHITE) >= BODY_TEXT);
        assert!((contrast_ratio(hex(0xFF0000), Color32::WHITE) - 4.0).abs() < 0.01);
        assert_eq!(contrast_ratio(Color32::WHITE, Color32::BLACK), contrast_ratio(Color32::BLACK, Color32::WHITE));
        // Half-transparent black over white is a mid grey.
        let half = Color32::from_rgba_unmultiplied(0, 0, 0, 128);
        assert!((contrast_ratio(half, Color32::WHITE) - contrast_ratio(hex(0x7F7F7F), Color32::WHITE)).abs() < 0.05);
    }

    fn slide(content: Content, background: Option<Background>, theme: ThemeOverrides) -> Slide {
        Slide {
            id: None,
            content,
            notes: None,
            hidden: false,
            duration: None,
            background,
            theme,
            valign: crate::deck::VAlign::Top,
            transition: None,
            room: None,
            file: 0,
            span: 0..1,
        }
    }

    fn section() -> Content {
        Content::Section { title: Text::plain("S"), subtitle: None }
    }

    #[test]
    fn accent_text_on_a_dark_section_of_its_own_keeps_its_hue_and_reads() {
        // A dark teal ground: the deck's teal accent is too close to it, and black (what the
        // base colours offered) was 2.2:1 there.
        let deck = Theme::default();
        let ground = hex(0x0B3C47);
        assert!(contrast_ratio(deck.accent, ground) < LARGE_TEXT, "the case: the accent alone would vanish");
        let own = Some(Background::Color(ground));
        let theme = slide_theme(&deck, &slide(section(), own, ThemeOverrides::default()));
        assert!(contrast_ratio(theme.accent, ground) >= LARGE_TEXT, "{:?}", theme.accent);
        assert_ne!(theme.accent, theme.text);
        let [r, g, b, _] = theme.accent.to_array();
        assert!(g > r && b > r, "still teal: {:?}", theme.accent);
    }

    #[test]
    fn a_section_stands_on_its_own_background_or_the_accent_with_readable_text() {
        let deck = Theme::default();
        let on_accent = slide_theme(&deck, &slide(section(), None, ThemeOverrides::default()));
        assert_eq!(on_accent.background, deck.accent);
        assert_eq!(on_accent.text, deck.background, "light text on the dark accent");
        assert!(contrast_ratio(on_accent.accent, on_accent.background) >= LARGE_TEXT, "==accent== stays visible");

        let own = Some(Background::Color(hex(0xF4E9C8)));
        let pale = slide_theme(&deck, &slide(section(), own, ThemeOverrides::default()));
        assert_eq!(pale.background, hex(0xF4E9C8), "the section's own background wins over the accent");
        assert_eq!(pale.text, deck.text, "dark text on a pale ground");
    }

    #[test]
    fn code_colours_read_on_their_ground_light_and_dark() {
        for background in [Theme::default().background, hex(0x10141C)] {
            let theme = Theme { background, ..Theme::default() };
            let colors = CodeColors::for_theme(&theme);
            for kind in [TokenKind::Plain, TokenKind::Comment, TokenKind::Keyword, TokenKind::String, TokenKind::Type] {
                let ratio = contrast_ratio(colors.token(kind, colors.is_dark()), colors.ground);
                assert!(ratio >= BODY_TEXT, "{kind:?} on {background:?}: {ratio}");
            }
        }
    }

    #[test]
    fn a_slides_overrides_apply_to_its_theme_only() {
        let deck = Theme::default();
        let overrides = ThemeOverrides { text: Some(Color32::WHITE), body_size: Some(30.0), ..Default::default() };
        let bullets = Content::Bullets { title: Text::plain("B"), items: vec![], reveal: false, numbered: false };
        let theme = slide_theme(&deck, &slide(bullets.clone(), Some(Background::Color(Color32::BLACK)), overrides));
        assert_eq!((theme.text, theme.background, theme.body_size), (Color32::WHITE, Color32::BLACK, 30.0));
        assert_eq!(theme.min_size, deck.min_size.min(30.0));
        assert_eq!(slide_theme(&deck, &slide(bullets, None, ThemeOverrides::default())), deck);
    }
}
