//! Pictures: paths resolved against the file that names them, maps of pictures by language,
//! and reading (or decoding) each file once per load, however many slides show it.

use std::path::PathBuf;

use emath::{Vec2, vec2};

use super::ctx::{Ctx, io_reason, join};
use super::options::ImageCheck;
use crate::deck::diagnostic::Severity;
use crate::deck::model::{AssetPath, CANVAS_HEIGHT, Image, LanguageImage, Size};
use crate::deck::raw::{RawImage, RawSize};
use crate::deck::source::Step;
use crate::deck::text::Lang;
use crate::deck::text::RawText;

/// How much of an image file is read to learn its size (EXIF blocks can push a JPEG's size
/// marker well past the first few kilobytes).
const IMAGE_HEAD_BYTES: usize = 256 * 1024;

impl Ctx<'_, '_> {
    pub(super) fn asset(&mut self, written: &str, path: &[Step<'_>]) -> (AssetPath, Option<Vec2>) {
        let resolved = self.base_dir.join(written);
        let outcome = match self.shared.checked.get(&resolved) {
            Some(outcome) => outcome.clone(),
            None => {
                // Loading for the app reads only the head of each file (its size is there), so
                // a deck of large photos opens fast; `check` decodes everything.
                let read = match &self.shared.images {
                    ImageCheck::Decode(_) => self.shared.assets.read(&resolved),
                    ImageCheck::Readable => self.shared.assets.read_head(&resolved, IMAGE_HEAD_BYTES),
                };
                let outcome = match (read, &self.shared.images) {
                    (Err(err), _) => Err(format!("cannot read image {}: {}", resolved.display(), io_reason(&err))),
                    (Ok(bytes), ImageCheck::Decode(decode)) => decode(&bytes)
                        .map(|[w, h]| Some(vec2(w as f32, h as f32)))
                        .map_err(|err| format!("cannot decode image {}: {err}", resolved.display())),
                    (Ok(bytes), ImageCheck::Readable) => Ok(crate::deck::probe::natural_size(&bytes).map(Vec2::from)),
                };
                self.shared.checked.insert(resolved.clone(), outcome.clone());
                outcome
            }
        };
        let natural_size = match outcome {
            Ok(size) => size,
            Err(message) => {
                self.report(
                    self.shared.images.problem_severity(),
                    path,
                    message,
                    "this image",
                    Some("paths are relative to the deck file".into()),
                );
                None
            }
        };
        (AssetPath { written: written.to_owned(), resolved }, natural_size)
    }

    /// An image's `path`: one file, or a map of files by language whose default-language
    /// entry is the one shown where no other fits.
    pub(super) fn image_paths(
        &mut self,
        raw: RawText,
        at: &[Step<'static>],
    ) -> (AssetPath, Option<Vec2>, Vec<LanguageImage>) {
        let entries = match raw {
            RawText::Plain(written) => {
                let (asset, size) = self.asset(&written, at);
                return (asset, size, Vec::new());
            }
            RawText::ByLanguage(entries) => entries,
        };
        let default = self.languages[0].clone();
        let mut main = None;
        let mut others = Vec::new();
        for (lang, written) in entries {
            if !self.check_declared(&lang, at) {
                continue;
            }
            let mut key: Vec<Step<'_>> = at.to_vec();
            key.push(Step::Key(&lang));
            let (asset, size) = self.asset(&written, &key);
            if lang == default {
                main = Some((asset, size));
            } else if let Some(index) = self.languages.iter().position(|l| *l == lang) {
                others.push((Lang::from_index(index), asset, size));
            }
        }
        let (asset, size) = main.unwrap_or_else(|| {
            self.report(
                Severity::Error,
                at,
                format!("no `{default}` picture here; the default language needs one"),
                "missing the default language",
                Some(format!("add `\"{default}\": \"file\"` to the map")),
            );
            (AssetPath { written: String::new(), resolved: PathBuf::new() }, None)
        });
        (asset, size, others)
    }

    pub(super) fn image(&mut self, raw: RawImage, path: &[Step<'static>]) -> Image {
        let (asset, natural_size, by_language) = self.image_paths(raw.path, &join(path, Step::Field("path")));
        Image {
            path: asset,
            natural_size,
            by_language,
            caption: self.opt_text(raw.caption, &join(path, Step::Field("caption"))),
            credit: self.opt_text(raw.credit, &join(path, Step::Field("credit"))),
            fit: raw.fit,
            width: self.size(raw.width, &join(path, Step::Field("width"))),
            height: self.size(raw.height, &join(path, Step::Field("height"))),
            align: raw.align,
        }
    }

    /// A `width` or `height`: slide units from 1 to four canvas heights (layout keeps it within
    /// its box), or a share `"1%"` to `"100%"`.
    pub(super) fn size(&mut self, raw: Option<RawSize>, at: &[Step<'static>]) -> Option<Size> {
        let size = match raw? {
            RawSize::Units(units) if (1.0..=4.0 * CANVAS_HEIGHT).contains(&units) => Ok(Size::Units(units)),
            RawSize::Units(units) => Err(format!("a size of {units} does not fit on a slide")),
            RawSize::Share(text) => match text.trim().strip_suffix('%').map(|n| n.trim().parse::<f32>()) {
                Some(Ok(percent)) if percent > 0.0 && percent <= 100.0 => Ok(Size::Share(percent / 100.0)),
                Some(Ok(percent)) => Err(format!("{percent}% is not a share of the box")),
                _ => Err(format!("`{text}` is not a size")),
            },
        };
        size.map_err(|message| {
            let help = "write slide units (`400`) or a share of the box (`\"40%\"`)";
            self.report(Severity::Error, at, message, "bad size", Some(help.into()));
        })
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use emath::vec2;

    use super::super::test_support::{Memory, Read, headlines, load_in, problems_in, report_of, resolved_in, svg};
    use crate::deck::{AssetPath, Content, Deck, Fit, Image, ImageCheck, Lang, LoadOptions};

    fn first_image(deck: &Deck) -> &Image {
        match &deck.slides[0].content {
            Content::Image { image, .. } => image,
            other => panic!("not an image slide: {other:?}"),
        }
    }

    fn asset(written: &str, resolved: &str) -> AssetPath {
        AssetPath { written: written.into(), resolved: resolved.into() }
    }

    #[test]
    fn an_image_resolves_against_the_deck_folder_with_its_natural_size() {
        let assets = Memory::default().with("talk/photos/a.svg", svg(400, 200));
        let text = r#"Deck(title: "T", slides: [Image(path: "photos/a.svg", caption: "A", credit: "B", fit: Cover)])"#;
        let (deck, warnings) = resolved_in(&assets, text);
        let image = first_image(&deck);
        assert_eq!(image.path, asset("photos/a.svg", "talk/photos/a.svg"));
        assert_eq!(image.natural_size, Some(vec2(400.0, 200.0)));
        assert!(image.by_language.is_empty());
        assert_eq!(image.caption.as_ref().map(|t| t.default_text()), Some("A"));
        assert_eq!(image.credit.as_ref().map(|t| t.default_text()), Some("B"));
        assert_eq!(image.fit, Fit::Cover);
        assert!(warnings.diagnostics.is_empty(), "{}", warnings.render());
    }

    #[test]
    fn a_missing_image_is_a_warning_for_showing_and_an_error_for_checking_at_its_path() {
        let text = "Deck(\n    title: \"T\",\n    slides: [Image(path: \"gone.png\")],\n)";
        assert_eq!(
            problems_in(&Memory::default(), text),
            ["talk/deck.ron:3:26: warning: cannot read image talk/gone.png: no such file"]
        );
        let loaded = load_in(&Memory::default(), &LoadOptions::default(), text).expect("the deck shows without it");
        assert_eq!(loaded.unshowable_images, [std::path::PathBuf::from("talk/gone.png")], "and says which");
        let report = report_of(load_in(&Memory::default(), &LoadOptions::default(), text));
        let diagnostic = &report.diagnostics[0];
        assert_eq!(&report.files[0].text[diagnostic.span.clone()], "\"gone.png\"");
        assert_eq!(
            (diagnostic.label.as_str(), diagnostic.help.as_deref()),
            ("this image", Some("paths are relative to the deck file"))
        );
        let decode: crate::deck::DecodeCheck = Arc::new(|_: &[u8]| Ok([1, 1]));
        let checking = LoadOptions { images: ImageCheck::Decode(decode) };
        assert_eq!(
            headlines(&report_of(load_in(&Memory::default(), &checking, text))),
            ["talk/deck.ron:3:26: error: cannot read image talk/gone.png: no such file"],
            "`check` still fails on it"
        );

        let in_a_block = "Deck(\n    title: \"T\",\n    slides: [Blocks(blocks: [Image(path: \"gone.png\")])],\n)";
        assert_eq!(
            problems_in(&Memory::default(), in_a_block),
            ["talk/deck.ron:3:42: warning: cannot read image talk/gone.png: no such file"]
        );
    }

    #[test]
    fn loading_for_the_app_reads_only_each_files_head_and_only_once() {
        let assets = Memory::default().with("talk/a.svg", svg(400, 200)).with("talk/junk.png", "junk");
        let text = r#"Deck(title: "T", slides: [
            Image(path: "a.svg"),
            Section(title: "S", background: Image("a.svg")),
            Blocks(blocks: [Image(path: "a.svg"), Image(path: "junk.png")]),
            Image(path: "gone.png"),
            Image(path: "gone.png"),
        ])"#;
        let report = report_of(load_in(&assets, &LoadOptions::default(), text));
        assert_eq!(assets.reads_of("talk/a.svg"), [Read::Head]);
        assert_eq!(assets.reads_of("talk/gone.png"), [Read::Head], "a failure is remembered too");
        let errors: Vec<usize> = report.sorted().iter().map(|d| d.span.start).collect();
        assert_eq!(errors.len(), 2, "but reported at each use: {}", report.render());
        assert_ne!(errors[0], errors[1]);

        let (deck, _) = resolved_in(&assets, r#"Deck(title: "T", slides: [Image(path: "junk.png")])"#);
        assert_eq!(first_image(&deck).natural_size, None, "a file that can be read but not sized is no error");
    }

    #[test]
    fn checking_decodes_each_file_whole_once_with_the_decoder_given() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = calls.clone();
        let decode: crate::deck::DecodeCheck = Arc::new(move |bytes: &[u8]| {
            counted.fetch_add(1, Ordering::SeqCst);
            if bytes == b"broken" { Err("truncated".to_owned()) } else { Ok([640, 480]) }
        });
        let options = LoadOptions { images: ImageCheck::Decode(decode) };
        let assets = Memory::default().with("talk/a.svg", svg(400, 200)).with("talk/b.png", "broken");
        let text = r#"Deck(title: "T", slides: [Image(path: "a.svg"), Image(path: "a.svg")])"#;
        let loaded = load_in(&assets, &options, text).unwrap();
        assert_eq!(
            first_image(&loaded.deck).natural_size,
            Some(vec2(640.0, 480.0)),
            "the decoder's size, not the header's"
        );
        assert_eq!(assets.reads_of("talk/a.svg"), [Read::Whole]);
        assert_eq!(calls.load(Ordering::SeqCst), 1);

        let broken = "Deck(\n    title: \"T\",\n    slides: [Image(path: \"b.png\")],\n)";
        let report = report_of(load_in(&assets, &options, broken));
        assert_eq!(
            super::super::test_support::headlines(&report),
            ["talk/deck.ron:3:26: error: cannot decode image talk/b.png: truncated"]
        );
    }

    #[test]
    fn a_picture_map_gives_each_language_its_own_file() {
        let assets = Memory::default().with("talk/en.svg", svg(400, 200)).with("talk/ru.svg", svg(300, 300));
        let text = r#"Deck(
    title: "1",
    languages: ["en", "kk", "ru"],
    slides: [Image(path: {"ru": "ru.svg", "en": "en.svg"})],
)"#;
        let (deck, warnings) = resolved_in(&assets, text);
        let image = first_image(&deck);
        let ru = Lang::from_index(2);
        assert_eq!(image.path, asset("en.svg", "talk/en.svg"));
        assert_eq!(image.by_language, [(ru, asset("ru.svg", "talk/ru.svg"), Some(vec2(300.0, 300.0)))]);
        assert_eq!(image.in_language(Lang::from_index(1)), (&asset("en.svg", "talk/en.svg"), Some(vec2(400.0, 200.0))));
        assert_eq!(image.in_language(ru).0.written, "ru.svg");
        assert!(warnings.diagnostics.is_empty(), "a language without its own picture shows the default's");
    }

    #[test]
    fn a_picture_map_without_the_default_language_is_an_error() {
        let assets = Memory::default().with("talk/kk.svg", svg(400, 200));
        let text = r#"Deck(
    title: "1",
    languages: ["en", "kk"],
    slides: [Image(path: {"kk": "kk.svg"})],
)"#;
        assert_eq!(
            problems_in(&assets, text),
            ["talk/deck.ron:4:26: error: no `en` picture here; the default language needs one"]
        );
        let report = report_of(load_in(&assets, &LoadOptions::default(), text));
        assert_eq!(report.diagnostics[0].help.as_deref(), Some(r#"add `"en": "file"` to the map"#));
    }

    #[test]
    fn each_entry_of_a_picture_map_is_checked_at_its_key() {
        let assets = Memory::default().with("talk/en.svg", svg(400, 200)).with("talk/de.svg", svg(400, 200));
        let text = r#"Deck(
    title: "1",
    languages: ["en", "kk"],
    slides: [Image(path: {"en": "en.svg", "de": "de.svg", "kk": "gone.svg"})],
)"#;
        assert_eq!(
            problems_in(&assets, text),
            [
                "talk/deck.ron:4:43: error: language `de` is not declared by the deck",
                "talk/deck.ron:4:59: warning: cannot read image talk/gone.svg: no such file",
            ]
        );
        assert!(assets.reads_of("talk/de.svg").is_empty(), "an undeclared language's file is not read");
    }
}
