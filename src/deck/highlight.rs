//! Syntax highlighting of code on slides: what each piece of a line *is* (a keyword, a
//! string, a comment…), decided once when the deck loads. Colours are not chosen here: the
//! layout maps each [`TokenKind`] to a colour that reads on the slide's background, so one
//! code block looks right on a light slide and on a dark one.
//!
//! The grammars are syntect's, with the extra set bat ships (`two-face`: TOML, Dockerfile,
//! TypeScript and more besides syntect's defaults); the set is loaded on first use only, so a
//! deck without code pays nothing. RON has no grammar of its own there; it is read with
//! Rust's, whose literal syntax RON is.

use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// What a piece of code is, as far as colouring it goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TokenKind {
    #[default]
    Plain,
    Comment,
    Keyword,
    String,
    Number,
    /// Constants and literals other than numbers and strings (`true`, `None`, `null`).
    Constant,
    Function,
    Type,
    /// Macros, decorators, attributes and preprocessor lines.
    Meta,
}

/// A run of a line's characters of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CodeToken {
    pub kind: TokenKind,
    pub text: String,
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// Names people write that the grammars know under another token.
fn alias(language: &str) -> &str {
    match language {
        "ron" => "rust",
        "shell" | "console" | "zsh" | "sh" => "bash",
        "jsonc" | "json5" => "json",
        "yml" => "yaml",
        "py" => "python",
        "rs" => "rust",
        other => other,
    }
}

fn find(language: &str) -> Option<&'static SyntaxReference> {
    let wanted = language.trim().to_ascii_lowercase();
    let set = syntaxes();
    set.find_syntax_by_token(alias(&wanted))
        .or_else(|| set.syntaxes().iter().find(|s| s.name.eq_ignore_ascii_case(&wanted)))
}

/// Whether `language` names a grammar (by name, file extension or a common alias).
pub fn knows(language: &str) -> bool {
    find(language).is_some()
}

/// `lines` cut into tokens by the grammar of `language`; every line one plain token when the
/// language is unknown (or `None`), or if the grammar fails on a line (then from that line on).
pub fn highlight(language: Option<&str>, lines: &[String]) -> Vec<Vec<CodeToken>> {
    let plain = |line: &String| vec![CodeToken { kind: TokenKind::Plain, text: line.clone() }];
    let Some(syntax) = language.and_then(find) else {
        return lines.iter().map(plain).collect();
    };
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut broken = false;
    lines
        .iter()
        .map(|line| {
            if broken {
                return plain(line);
            }
            // The grammars are written for lines that end in a newline.
            let with_newline = format!("{line}\n");
            let Ok(ops) = state.parse_line(&with_newline, set) else {
                broken = true;
                return plain(line);
            };
            let mut tokens: Vec<CodeToken> = Vec::new();
            let mut start = 0;
            let mut push = |text: &str, kind: TokenKind| {
                if text.is_empty() {
                    return;
                }
                match tokens.last_mut() {
                    Some(last) if last.kind == kind => last.text.push_str(text),
                    _ => tokens.push(CodeToken { kind, text: text.to_owned() }),
                }
            };
            for (at, op) in ops {
                let at = at.min(line.len());
                push(&line[start..at], classify(stack.as_slice()));
                start = at;
                if stack.apply(&op).is_err() {
                    broken = true;
                }
            }
            push(&line[start.min(line.len())..], classify(stack.as_slice()));
            tokens
        })
        .collect()
}

/// The kind of the innermost scope that has one (TextMate scope names, as every grammar
/// and theme uses them).
fn classify(scopes: &[Scope]) -> TokenKind {
    static RULES: OnceLock<Vec<(Scope, TokenKind)>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            ("comment", TokenKind::Comment),
            ("string", TokenKind::String),
            ("constant.numeric", TokenKind::Number),
            ("constant.character.escape", TokenKind::String),
            ("constant", TokenKind::Constant),
            ("keyword.operator", TokenKind::Plain),
            ("keyword", TokenKind::Keyword),
            ("storage.type", TokenKind::Keyword),
            ("storage.modifier", TokenKind::Keyword),
            ("entity.name.function", TokenKind::Function),
            ("support.function", TokenKind::Function),
            ("variable.function", TokenKind::Function),
            ("entity.name.type", TokenKind::Type),
            ("entity.name.class", TokenKind::Type),
            ("entity.name.struct", TokenKind::Type),
            ("entity.name.enum", TokenKind::Type),
            ("support.type", TokenKind::Type),
            ("support.class", TokenKind::Type),
            ("entity.name.tag", TokenKind::Keyword),
            ("entity.other.attribute-name", TokenKind::Type),
            ("meta.preprocessor", TokenKind::Meta),
            ("meta.annotation", TokenKind::Meta),
            ("meta.attribute", TokenKind::Meta),
            ("support.function.macro", TokenKind::Meta),
            ("entity.name.macro", TokenKind::Meta),
            ("punctuation.definition.string", TokenKind::String),
            ("punctuation.definition.comment", TokenKind::Comment),
        ]
        .into_iter()
        .filter_map(|(name, kind)| Scope::new(name).ok().map(|scope| (scope, kind)))
        .collect()
    });
    for scope in scopes.iter().rev() {
        if let Some((_, kind)) = rules.iter().find(|(prefix, _)| prefix.is_prefix_of(*scope)) {
            return *kind;
        }
    }
    TokenKind::Plain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(language: &str, code: &str) -> Vec<(TokenKind, String)> {
        let lines: Vec<String> = code.lines().map(str::to_owned).collect();
        highlight(Some(language), &lines)
            .into_iter()
            .flatten()
            .filter(|t| !t.text.trim().is_empty())
            .map(|t| (t.kind, t.text.trim().to_owned()))
            .collect()
    }

    fn kind_of(language: &str, code: &str, piece: &str) -> TokenKind {
        kinds(language, code).into_iter().find(|(_, t)| t.contains(piece)).map(|(k, _)| k).unwrap_or_else(|| {
            panic!("{piece} not found in {:?}", kinds(language, code));
        })
    }

    #[test]
    fn the_languages_decks_show_most_are_highlighted() {
        assert_eq!(kind_of("rust", "fn main() { let x = 42; } // end", "fn"), TokenKind::Keyword);
        assert_eq!(kind_of("rust", "fn main() { let x = 42; } // end", "42"), TokenKind::Number);
        assert_eq!(kind_of("rust", "fn main() { let x = 42; } // end", "end"), TokenKind::Comment);
        assert_eq!(kind_of("python", "def f():\n    return 'hi'  # Қазақ", "def"), TokenKind::Keyword);
        assert_eq!(kind_of("python", "def f():\n    return 'hi'  # Қазақ", "Қазақ"), TokenKind::Comment);
        assert_eq!(kind_of("js", "const s = \"x\";", "const"), TokenKind::Keyword);
        assert_eq!(kind_of("bash", "echo $HOME # hi", "hi"), TokenKind::Comment);
        assert_eq!(kind_of("json", "{\"a\": 1}", "1"), TokenKind::Number);
        assert_eq!(kind_of("yaml", "a: 'b' # c", "c"), TokenKind::Comment);
        assert_eq!(kind_of("toml", "[package]\nname = \"x\"", "\"x\""), TokenKind::String);
        assert_eq!(kind_of("sql", "SELECT 1 FROM t", "SELECT"), TokenKind::Keyword);
        assert_eq!(kind_of("ron", "Deck(title: \"T\", n: 3)", "\"T\""), TokenKind::String);
        for language in ["RON", "Rust", "Python", "JavaScript", "shell", "JSON", "YAML", "TOML", "SQL", "rs", "py"] {
            assert!(knows(language), "{language}");
        }
        assert!(!knows("klingon"));
    }

    #[test]
    fn an_unknown_language_is_plain_text_line_for_line() {
        let lines = vec!["a = 1".to_owned(), String::new(), "  b".to_owned()];
        let plain = highlight(Some("klingon"), &lines);
        assert_eq!(plain.len(), 3);
        assert!(plain.iter().flatten().all(|t| t.kind == TokenKind::Plain));
        let joined: Vec<String> =
            highlight(Some("rust"), &lines).iter().map(|line| line.iter().map(|t| t.text.as_str()).collect()).collect();
        assert_eq!(joined, lines, "highlighting never changes the text");
    }
}
