//! Code blocks and slides: the code's lines with the indentation of the RON string taken
//! off, its language checked (an unknown one is a warning and the code shows unhighlighted),
//! and `highlight` steps parsed into line ranges ("1-3", "5", "2,4-6", "all").

use std::ops::RangeInclusive;

use super::ctx::{Ctx, join};
use crate::deck::diagnostic::Severity;
use crate::deck::highlight;
use crate::deck::model::Code;
use crate::deck::source::Step;

/// The most lines a code block may have: more can never be read on a slide.
const MOST_LINES: usize = 200;
/// The longest line shown; what is past it could never be read either.
const LONGEST_LINE: usize = 400;

/// The code's lines as the deck means them: a first line break right after the opening quote
/// and trailing blank lines dropped, tabs as four spaces, and the indentation every line
/// shares removed (the RON file indents the string with the deck).
pub fn code_lines(code: &str) -> Vec<String> {
    let code = ["\r\n", "\n", "\r"].iter().find_map(|first| code.strip_prefix(first)).unwrap_or(code);
    // A lone `\r` (old Mac files) ends a line too, as `\n` and `\r\n` do.
    let code = code.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = code.lines().map(|l| l.replace('\t', "    ").trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    // Only spaces count as indentation (tabs are spaces by now): other white space, such as a
    // no-break space pasted in, is part of the code.
    let indent =
        lines.iter().filter(|l| !l.is_empty()).map(|l| l.len() - l.trim_start_matches(' ').len()).min().unwrap_or(0);
    lines.iter().map(|l| l.get(indent..).unwrap_or_default().to_owned()).collect()
}

/// One step of `highlight`: "all", or line numbers and ranges separated by commas.
pub fn parse_ranges(step: &str, lines: usize) -> Result<Vec<RangeInclusive<usize>>, String> {
    let step = step.trim();
    if step.eq_ignore_ascii_case("all") || step == "*" {
        return Ok(Vec::new());
    }
    step.split(',')
        .map(|part| {
            let part = part.trim();
            let number = |n: &str| -> Result<usize, String> {
                let n: usize = n.trim().parse().map_err(|_| format!("`{part}` is not a line number or range"))?;
                if n == 0 || n > lines {
                    return Err(format!("line {n} is outside the code (lines 1 to {lines})"));
                }
                Ok(n)
            };
            let (first, last) = match part.split_once('-') {
                Some((a, b)) => (number(a)?, number(b)?),
                None => (number(part)?, number(part)?),
            };
            if first > last {
                return Err(format!("`{part}` runs backwards; write `{last}-{first}`"));
            }
            Ok(first..=last)
        })
        .collect()
}

impl Ctx<'_, '_> {
    /// Resolves the fields of a `Code` block or slide written at `at`.
    pub(super) fn code(
        &mut self,
        language: Option<String>,
        code: &str,
        line_numbers: bool,
        highlight_steps: Vec<String>,
        at: &[Step<'static>],
    ) -> Code {
        let mut lines = code_lines(code);
        if lines.is_empty() {
            self.report(
                Severity::Warning,
                &join(at, Step::Field("code")),
                "this code block is empty".into(),
                "no code",
                None,
            );
            return Code { language, lines: Vec::new(), line_numbers, highlight: Vec::new() };
        }
        if lines.len() > MOST_LINES {
            self.report(
                Severity::Error,
                &join(at, Step::Field("code")),
                format!("{} lines of code: a slide shows at most {MOST_LINES}", lines.len()),
                "too long",
                Some("show the part that matters, or split it over several slides".into()),
            );
            lines.truncate(MOST_LINES);
        }
        if let Some((number, line)) = lines.iter().enumerate().find(|(_, l)| l.chars().count() > LONGEST_LINE) {
            self.report(
                Severity::Warning,
                &join(at, Step::Field("code")),
                format!("line {} has {} characters: it is cut at {LONGEST_LINE}", number + 1, line.chars().count()),
                "too long a line",
                Some("break the line, as the code would be on a page".into()),
            );
            for line in &mut lines {
                if let Some((cut, _)) = line.char_indices().nth(LONGEST_LINE) {
                    line.truncate(cut);
                }
            }
        }
        let language = language.filter(|l| !l.trim().is_empty());
        let known = match &language {
            Some(name) if !highlight::knows(name) => {
                self.report(
                    Severity::Warning,
                    &join(at, Step::Field("language")),
                    format!("no highlighting is known for `{name}`: the code shows unhighlighted"),
                    "unknown language",
                    Some("known names include rust, ron, python, js, ts, bash, json, yaml, toml, sql, c, go".into()),
                );
                None
            }
            other => other.as_deref(),
        };
        let mut steps = Vec::new();
        for (i, step) in highlight_steps.iter().enumerate() {
            match parse_ranges(step, lines.len()) {
                Ok(ranges) => steps.push(ranges),
                Err(message) => self.report(
                    Severity::Error,
                    &[at, &[Step::Field("highlight"), Step::Index(i)]].concat(),
                    message,
                    "bad line range",
                    Some("write lines as \"3\", ranges as \"1-4\", several as \"1-2,5\", or \"all\"".into()),
                ),
            }
        }
        Code { lines: highlight::highlight(known, &lines), language, line_numbers, highlight: steps }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{problems, report, resolved};
    use super::*;
    use crate::deck::{Block, Content};

    fn deck_with(slide: &str) -> String {
        format!("Deck(\n    title: \"T\",\n    slides: [{slide}],\n)")
    }

    #[test]
    fn a_code_slide_and_block_resolve_with_their_steps() {
        let text = deck_with(
            r#"Code(language: "rust", code: "
                fn a() {}
                fn b() {}
            ", highlight: ["1", "2", "all"], line_numbers: true), Blocks(blocks: [Code(code: "x")])"#,
        );
        let (deck, warnings) = resolved(&text);
        assert!(warnings.diagnostics.is_empty(), "{}", warnings.render());
        let Content::Code { code, .. } = &deck.slides[0].content else { panic!("a code slide") };
        assert_eq!(code.lines.len(), 2);
        assert_eq!(code.highlight, vec![vec![1..=1], vec![2..=2], vec![]]);
        assert_eq!(deck.slides[0].reveal_steps(), 2, "Next walks the highlights");
        assert!(code.line_numbers && code.highlighted(1, 0) && !code.highlighted(2, 0) && code.highlighted(2, 2));
        let Content::Blocks { blocks, .. } = &deck.slides[1].content else { panic!("blocks") };
        assert!(matches!(&blocks[0], Block::Code(c) if c.language.is_none() && c.highlight.is_empty()));
    }

    #[test]
    fn bad_ranges_are_errors_and_an_unknown_language_a_warning_at_each() {
        let text = deck_with(r#"Code(language: "klingon", code: "a\nb", highlight: ["1-2", "3", "x"])"#);
        assert_eq!(
            problems(&text),
            [
                "talk/deck.ron:3:29: warning: no highlighting is known for `klingon`: the code shows unhighlighted",
                "talk/deck.ron:3:73: error: line 3 is outside the code (lines 1 to 2)",
                "talk/deck.ron:3:78: error: `x` is not a line number or range",
            ]
        );
    }

    #[test]
    fn links_name_a_web_page_or_a_slide_that_exists() {
        let text = deck_with(
            r#"Title(title: "T", id: "start"), Bullets(title: "[a](#strat) [b](#start) [c](https://osce.org)", items: ["[d](ftp://x)"])"#,
        );
        assert_eq!(
            problems(&text),
            [
                "talk/deck.ron:3:66: error: no slide has the id `strat`",
                "talk/deck.ron:3:123: warning: `ftp://x` is not a link: the text shows without one",
            ]
        );
        assert_eq!(
            report(&text).diagnostics.iter().find(|d| d.label == "unknown slide id").and_then(|d| d.help.as_deref()),
            Some("did you mean `start`?")
        );
    }

    #[test]
    fn the_strings_indentation_is_taken_off() {
        let written = "\n        fn main() {\n            println!(\"hi\");\n\n        }\n    ";
        assert_eq!(code_lines(written), ["fn main() {", "    println!(\"hi\");", "", "}"]);
        assert_eq!(code_lines("\tx\n\t\ty"), ["x", "    y"], "tabs are four spaces");
        assert_eq!(code_lines("a\rb\r\nc"), ["a", "b", "c"], "old Mac and Windows line ends end lines");
        assert_eq!(code_lines(""), Vec::<String>::new());
        assert_eq!(code_lines(" a\n\u{a0}b"), [" a", "\u{a0}b"], "a no-break space is code, not indentation");
    }

    #[test]
    fn highlight_steps_are_lines_ranges_or_all() {
        assert_eq!(parse_ranges("1-3", 10), Ok(vec![1..=3]));
        assert_eq!(parse_ranges(" 2, 4-6 ", 10), Ok(vec![2..=2, 4..=6]));
        assert_eq!(parse_ranges("all", 10), Ok(vec![]));
        assert_eq!(parse_ranges("11", 10), Err("line 11 is outside the code (lines 1 to 10)".into()));
        assert_eq!(parse_ranges("0", 10), Err("line 0 is outside the code (lines 1 to 10)".into()));
        assert_eq!(parse_ranges("5-2", 10), Err("`5-2` runs backwards; write `2-5`".into()));
        assert_eq!(parse_ranges("a-b", 10), Err("`a-b` is not a line number or range".into()));
    }
}
