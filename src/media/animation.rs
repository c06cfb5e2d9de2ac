//! What a decode worker hands the cache, and pictures once uploaded: a still texture, or an
//! animation's frames with their timing, played from the first frame each time the
//! animation comes on screen, asking for a frame only when the next one is due.

use egui::{ColorImage, TextureHandle};

use super::decode;

/// What a worker made of a file.
pub(super) enum Decoded {
    Still(ColorImage),
    /// An animation's frames and how long each shows.
    Animated(Vec<decode::Frame>),
}

impl Decoded {
    pub(super) fn read(bytes: &[u8], max_px: [u32; 2]) -> Result<Decoded, decode::DecodeError> {
        match decode::decode_animation(bytes, max_px) {
            Ok(Some(mut frames)) if frames.len() == 1 => Ok(Decoded::Still(frames.remove(0).0)),
            Ok(Some(frames)) => Ok(Decoded::Animated(frames)),
            // A broken animation still shows its first frame if the general path can read it.
            Ok(None) | Err(_) => decode::decode(bytes, max_px).map(Decoded::Still),
        }
    }

    pub(super) fn bytes(&self) -> usize {
        match self {
            Decoded::Still(image) => image.pixels.len() * 4,
            Decoded::Animated(frames) => frames.iter().map(|(image, _)| image.pixels.len() * 4).sum(),
        }
    }
}

/// An uploaded picture: one texture, or an animation's.
pub(super) enum Picture {
    Still(TextureHandle),
    Animated(Animation),
}

/// An animation on the GPU. It plays from its first frame whenever it comes (back) on
/// screen, and asks for frames only while it is drawn.
pub(super) struct Animation {
    pub(super) frames: Vec<(TextureHandle, f64)>,
    pub(super) total: f64,
    /// When the current showing started, and when it was last drawn (egui's clock).
    pub(super) epoch: f64,
    pub(super) last_drawn: f64,
}

impl Animation {
    /// The frame to draw at `now`, and when the next one is due.
    pub(super) fn frame_at(&mut self, now: f64) -> (TextureHandle, f64) {
        if now - self.last_drawn > OFF_SCREEN_SECONDS {
            self.epoch = now;
        }
        self.last_drawn = now;
        let mut t = (now - self.epoch).rem_euclid(self.total.max(0.001));
        for (texture, seconds) in &self.frames {
            if t < *seconds {
                return (texture.clone(), now + (seconds - t));
            }
            t -= seconds;
        }
        let (texture, seconds) = &self.frames[0];
        (texture.clone(), now + seconds)
    }
}

/// An animation not drawn for this long was off screen: it starts again from its first frame.
const OFF_SCREEN_SECONDS: f64 = 0.5;

#[cfg(test)]
mod tests {
    use egui::TextureOptions;

    use super::*;

    #[test]
    fn an_animation_plays_by_its_timing_and_restarts_when_it_comes_back_on_screen() {
        let ctx = egui::Context::default();
        let frame = |i: usize| {
            let image = ColorImage::filled([2, 2], egui::Color32::from_gray(i as u8 * 100));
            (ctx.load_texture(format!("f{i}"), image, TextureOptions::LINEAR), 0.25)
        };
        let frames: Vec<_> = (0..3).map(frame).collect();
        let ids: Vec<_> = frames.iter().map(|(t, _)| t.id()).collect();
        let mut animation = Animation { frames, total: 0.75, epoch: 10.0, last_drawn: 10.0 };
        let (texture, next) = animation.frame_at(10.1);
        assert_eq!((texture.id(), next), (ids[0], 10.25), "the next frame is due when this one ends");
        assert_eq!(animation.frame_at(10.3).0.id(), ids[1]);
        assert_eq!(animation.frame_at(10.6).0.id(), ids[2]);
        assert_eq!(animation.frame_at(10.8).0.id(), ids[0], "it loops");
        assert_eq!(animation.frame_at(20.0).0.id(), ids[0], "off screen meanwhile: it starts again");
        assert_eq!(animation.frame_at(20.3).0.id(), ids[1]);
    }
}
