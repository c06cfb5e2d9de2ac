//! What every part of the resolver works through: [`Ctx`], which resolves the values below
//! one node of the file and reports each problem at its place, and [`Shared`], the state of
//! one whole load (the file reader, and the images already looked at).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use emath::Vec2;

use super::options::ImageCheck;
use crate::deck::assets::AssetSource;
use crate::deck::diagnostic::{Diagnostic, Severity};
use crate::deck::source::{Node, Step};

pub(super) type StepPath = Vec<Step<'static>>;

pub(super) fn join(path: &[Step<'static>], step: Step<'static>) -> StepPath {
    let mut joined = path.to_vec();
    joined.push(step);
    joined
}

pub(super) fn error_at(span: Range<usize>, message: &str, label: &str, help: Option<&str>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        message: message.to_owned(),
        file: 0,
        span,
        label: label.to_owned(),
        help: help.map(str::to_owned),
        related: Vec::new(),
    }
}

pub(super) fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        _ => err.to_string(),
    }
}

/// State shared by every slide of one load.
pub(super) struct Shared<'a> {
    pub(super) assets: &'a dyn AssetSource,
    pub(super) images: ImageCheck,
    /// Each file is read (and decoded) once, however many slides use it; success holds its
    /// natural size when it could be told.
    pub(super) checked: HashMap<PathBuf, Result<Option<Vec2>, String>>,
    /// Every `[text](#id)` link written: the id, and the file and bytes where. They are
    /// checked once every slide's id is known.
    pub(super) slide_links: Vec<(String, usize, Range<usize>)>,
}

impl<'a> Shared<'a> {
    pub(super) fn new(assets: &'a dyn AssetSource, images: ImageCheck) -> Self {
        Shared { assets, images, checked: HashMap::new(), slide_links: Vec::new() }
    }
}

/// Resolves values below one node of the file (the deck, or one slide).
pub(super) struct Ctx<'a, 'b> {
    pub(super) root: &'b Node,
    /// The text of the file `root` is in, to point inside string literals.
    pub(super) source: &'b str,
    /// Which file `root` is in, and that file's folder (paths are relative to it).
    pub(super) file: usize,
    pub(super) base_dir: &'b Path,
    pub(super) diagnostics: &'b mut Vec<Diagnostic>,
    pub(super) languages: &'b [String],
    pub(super) shared: &'b mut Shared<'a>,
}

impl Ctx<'_, '_> {
    pub(super) fn span(&self, path: &[Step<'_>]) -> Range<usize> {
        self.root.find(path).span.clone()
    }

    pub(super) fn report(
        &mut self,
        severity: Severity,
        path: &[Step<'_>],
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        let span = self.span(path);
        self.report_at(severity, span, message, label, help);
    }

    /// Reports a problem at a byte range of this context's file.
    pub(super) fn report_at(
        &mut self,
        severity: Severity,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        let file = self.file;
        self.diagnostics.push(Diagnostic {
            severity,
            message,
            file,
            span,
            label: label.to_owned(),
            help,
            related: Vec::new(),
        });
    }
}
