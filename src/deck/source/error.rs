//! Syntax errors as the scanner words them.

use std::ops::Range;

/// A syntax error, in words for people.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
    /// Short text under the caret.
    pub label: String,
    pub help: Option<String>,
    /// A second place the error concerns: where the bracket left open was opened, where the
    /// next slide starts.
    pub related: Option<Related>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub span: Range<usize>,
    pub label: String,
}

impl SyntaxError {
    pub(super) fn with_help(mut self: Box<Self>, help: &str) -> Box<Self> {
        self.help = Some(help.to_owned());
        self
    }
}
