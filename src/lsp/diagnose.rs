//! Diagnostics for the editor, from the same engine as `lectern check` (load, fit every
//! slide, SVG fonts), on a named background thread: a change is checked once the typing has
//! paused for [`QUIET`], so the message loop never waits for a check and a burst of
//! keystrokes is one check. Diagnostics in included files go to those files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, PublishDiagnosticsParams};

use super::documents::{Documents, Positions, path_to_uri};
use crate::deck::{Diagnostic, ImageCheck, Report, Severity};

/// How long the typing must pause before a check.
pub const QUIET: Duration = Duration::from_millis(150);

/// Sends a message to the editor.
pub type Send = Box<dyn Fn(lsp_server::Message) + std::marker::Send>;

pub enum Job {
    Check(PathBuf),
    /// The document was closed: clear what was published for it.
    Forget(PathBuf),
}

/// Starts the checking thread; jobs go in through the returned sender.
pub fn start(documents: Documents, send: Send) -> std::io::Result<Sender<Job>> {
    let (jobs, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new().name("lsp-check".into()).spawn(move || run(&receiver, &documents, &send))?;
    Ok(jobs)
}

fn run(jobs: &Receiver<Job>, documents: &Documents, send: &Send) {
    // Files published for each document (itself and its includes), to clear them later.
    let mut published: HashMap<PathBuf, HashSet<PathBuf>> = HashMap::new();
    let images = memoised_image_check();
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        loop {
            match jobs.recv_timeout(QUIET) {
                Ok(job) => batch.push(job),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let mut done = HashSet::new();
        for job in batch.into_iter().rev() {
            let (path, forget) = match job {
                Job::Check(path) => (path, false),
                Job::Forget(path) => (path, true),
            };
            if !done.insert(path.clone()) {
                continue; // only the newest job for a document counts
            }
            let mut files = if forget || documents.get(&path).is_none() {
                HashMap::new()
            } else {
                // A bug in a check must not end checking for the rest of the session.
                let checked =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&path, documents, images.clone())));
                checked.unwrap_or_else(|_| HashMap::from([(path.clone(), vec![internal_error()])]))
            };
            // An included file the editor has open is checked as a document of its own; only
            // that check publishes for it.
            files.retain(|file, _| *file == path || documents.get(file).is_none());
            let mut before = published.remove(&path).unwrap_or_default();
            before.insert(path.clone());
            // Files that had diagnostics and have none now are cleared; the document itself
            // always gets its (possibly empty) list.
            let open_elsewhere = |p: &PathBuf| *p != path && documents.get(p).is_some();
            for stale in before.iter().filter(|p| !files.contains_key(*p) && !open_elsewhere(p)) {
                publish(send, stale, Vec::new());
            }
            let now: HashSet<PathBuf> = files.keys().cloned().collect();
            for (file, diagnostics) in files {
                publish(send, &file, diagnostics);
            }
            if !forget {
                published.insert(path, now);
            }
        }
    }
}

fn internal_error() -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        message:
            "Lectern could not check this deck (an internal error, logged on its standard error); please report it"
                .into(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("lectern".into()),
        ..Default::default()
    }
}

fn publish(send: &Send, path: &std::path::Path, diagnostics: Vec<lsp_types::Diagnostic>) {
    let Some(uri) = path_to_uri(path) else { return };
    let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
    send(lsp_server::Message::Notification(lsp_server::Notification::new(PublishDiagnostics::METHOD.into(), params)));
}

/// Decoding every picture on every pause in typing would make checking slow, so each
/// image's outcome is remembered by its content.
fn memoised_image_check() -> ImageCheck {
    type Outcomes = HashMap<u64, Result<[u32; 2], String>>;
    let seen: Arc<Mutex<Outcomes>> = Arc::default();
    ImageCheck::Decode(Arc::new(move |bytes: &[u8]| {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let key = hasher.finish();
        if let Some(outcome) = seen.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
            return outcome.clone();
        }
        let outcome = crate::media::decode::probe(bytes).map_err(|err| err.to_string());
        seen.lock().unwrap_or_else(PoisonError::into_inner).insert(key, outcome.clone());
        outcome
    }))
}

/// The diagnostics of the deck at `path`, by file.
fn check(
    path: &std::path::Path,
    documents: &Documents,
    images: ImageCheck,
) -> HashMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let report = match crate::check::check_deck_with(path, documents, images) {
        Ok(report) => report,
        Err(err) => {
            let diagnostic = lsp_types::Diagnostic {
                message: err.to_string(),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("lectern".into()),
                ..Default::default()
            };
            return HashMap::from([(path.to_owned(), vec![diagnostic])]);
        }
    };
    let mut by_file: HashMap<PathBuf, Vec<lsp_types::Diagnostic>> = HashMap::new();
    let positions: Vec<Positions<'_>> = report.files.iter().map(|f| Positions::new(&f.text)).collect();
    for diagnostic in &report.diagnostics {
        let file = &report.files[diagnostic.file];
        by_file.entry(file.path.clone()).or_default().push(to_lsp(&report, diagnostic, &positions[diagnostic.file]));
    }
    by_file
}

fn to_lsp(report: &Report, diagnostic: &Diagnostic, positions: &Positions<'_>) -> lsp_types::Diagnostic {
    let file = &report.files[diagnostic.file];
    let uri = path_to_uri(&file.path);
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            Some(DiagnosticRelatedInformation {
                location: Location { uri: uri.clone()?, range: positions.range(related.span.clone()) },
                message: related.label.clone(),
            })
        })
        .collect();
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let written = file.text.get(diagnostic.span.clone()).unwrap_or_default();
    lsp_types::Diagnostic {
        range: positions.range(diagnostic.span.clone()),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        source: Some("lectern".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: replacement(diagnostic.help.as_deref(), written).map(|r| serde_json::json!({ "replace": r })),
        ..Default::default()
    }
}

/// The text that fixes a diagnostic whose help names it: "did you mean `X`?" (quoted like
/// what it replaces) or "write `X`, not …".
fn replacement(help: Option<&str>, written: &str) -> Option<String> {
    let help = help?;
    if let Some(rest) = help.strip_prefix("did you mean `") {
        let name = &rest[..rest.find('`')?];
        return Some(if written.starts_with('"') { format!("\"{name}\"") } else { name.to_owned() });
    }
    let rest = help.strip_prefix("write `")?;
    let name = &rest[..rest.find('`')?];
    (!name.contains('(')).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::replacement;

    #[test]
    fn a_suggestion_becomes_a_replacement_quoted_like_the_original() {
        assert_eq!(replacement(Some("did you mean `Bullets`?"), "Bulets").as_deref(), Some("Bullets"));
        assert_eq!(replacement(Some("did you mean `kk`?"), "\"kz\"").as_deref(), Some("\"kk\""));
        assert_eq!(replacement(Some("write `Cover`, not `\"cover\"`"), "\"cover\"").as_deref(), Some("Cover"));
        assert_eq!(replacement(Some("write `Heading(\"…\")`; …"), "text"), None);
        assert_eq!(replacement(Some("expected one of `a`, `b`"), "c"), None);
        assert_eq!(replacement(None, "c"), None);
    }
}
