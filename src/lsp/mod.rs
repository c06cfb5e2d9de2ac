//! `lectern lsp`: a Language Server over stdio (`lsp-server` and `lsp-types`, the crates
//! rust-analyzer is built on), so any editor shows a deck's problems as it is typed, with the
//! same engine as `lectern check` and the presenter's problem panel.
//!
//! The message loop (this module) keeps the open documents ([`documents`]) and answers
//! requests from the text as typed ([`assist`]: completion, hover, definition, outline,
//! quick fixes; [`context`] tells where the cursor is; [`reference`] knows the format).
//! Checking runs on its own thread ([`diagnose`]), once typing pauses.

mod assist;
mod context;
mod diagnose;
mod documents;
mod reference;

use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse, HoverParams,
    HoverProviderCapability, OneOf, PositionEncodingKind, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};

use self::diagnose::Job;
use self::documents::{Documents, Positions, uri_to_path};
use self::reference::Reference;

#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("the editor's connection failed: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["(", ",", ":", "[", " "].map(String::from).to_vec()),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// Serves one editor on stdin and stdout until it says `exit`; `Ok(false)` when it exited
/// without asking to shut down first (the protocol's exit status 1).
pub fn run() -> Result<bool, LspError> {
    let (connection, io_threads) = Connection::stdio();
    connection.initialize(serde_json::to_value(capabilities())?)?;
    let documents = Documents::default();
    let sender = connection.sender.clone();
    let jobs = diagnose::start(
        documents.clone(),
        Box::new(move |message| {
            // The editor hung up: the loop below ends on its own.
            let _ = sender.send(message);
        }),
    )?;
    let server = Server { connection: &connection, documents, jobs, reference: Reference::new() };
    let clean = server.serve()?;
    // The writer thread ends when every sender is gone: the server's (its checking thread
    // ends with the job channel) and the connection's.
    drop(server);
    drop(connection);
    io_threads.join()?;
    Ok(clean)
}

struct Server<'a> {
    connection: &'a Connection,
    documents: Documents,
    jobs: std::sync::mpsc::Sender<Job>,
    reference: Reference,
}

impl Server<'_> {
    /// Answers until the editor says `exit` (or hangs up). After `shutdown` every request
    /// is refused, as the protocol says; a second `shutdown` (Neovim 0.7 sends one when the
    /// client stops and another when the editor quits) is refused too, not fatal.
    fn serve(&self) -> Result<bool, LspError> {
        let mut shutting_down = false;
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    let response = if shutting_down {
                        let message = "the server is shutting down".to_owned();
                        Response::new_err(request.id, ErrorCode::InvalidRequest as i32, message)
                    } else if request.method == lsp_types::request::Shutdown::METHOD {
                        shutting_down = true;
                        Response::new_ok(request.id, ())
                    } else {
                        self.answer(request)
                    };
                    // The editor hung up: the receiver ends too.
                    let _ = self.connection.sender.send(Message::Response(response));
                }
                Message::Notification(notification) if notification.method == "exit" => return Ok(shutting_down),
                Message::Notification(notification) => self.note(notification),
                Message::Response(_) => {}
            }
        }
        Ok(shutting_down)
    }

    fn note(&self, notification: Notification) {
        let method = notification.method.clone();
        let changed = |uri: &Uri, text: Option<String>| {
            let Some(path) = uri_to_path(uri) else { return };
            if let Some(text) = text {
                self.documents.set(path.clone(), text);
            }
            // The checking thread has ended only if the process is ending.
            let _ = self.jobs.send(Job::Check(path));
        };
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) =
                    notification.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    changed(&params.text_document.uri, Some(params.text_document.text));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(mut params) =
                    notification.extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                {
                    // Full sync: the last change is the whole text.
                    changed(&params.text_document.uri, params.content_changes.pop().map(|c| c.text));
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(params) =
                    notification.extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                {
                    changed(&params.text_document.uri, params.text);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) =
                    notification.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                    && let Some(path) = uri_to_path(&params.text_document.uri)
                {
                    self.documents.remove(&path);
                    let _ = self.jobs.send(Job::Forget(path));
                }
            }
            _ => {}
        }
    }

    /// The document's path and text, for a request about it.
    fn document(&self, uri: &Uri) -> Option<(PathBuf, std::sync::Arc<String>)> {
        let path = uri_to_path(uri)?;
        let text = self.documents.get(&path)?;
        Some((path, text))
    }

    fn answer(&self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            Completion::METHOD => self.respond::<CompletionParams, _>(request, |params| {
                let at = &params.text_document_position;
                let (_, text) = self.document(&at.text_document.uri)?;
                let offset = Positions::new(&text).offset(at.position);
                Some(CompletionResponse::Array(assist::completion(&text, offset, &self.reference)))
            }),
            HoverRequest::METHOD => self.respond::<HoverParams, _>(request, |params| {
                let at = &params.text_document_position_params;
                let (_, text) = self.document(&at.text_document.uri)?;
                let positions = Positions::new(&text);
                assist::hover(&text, positions.offset(at.position), &self.reference, &positions)
            }),
            GotoDefinition::METHOD => self.respond::<GotoDefinitionParams, _>(request, |params| {
                let at = &params.text_document_position_params;
                let (path, text) = self.document(&at.text_document.uri)?;
                let offset = Positions::new(&text).offset(at.position);
                assist::definition(&text, offset, &path).map(GotoDefinitionResponse::Scalar)
            }),
            DocumentSymbolRequest::METHOD => self.respond::<DocumentSymbolParams, _>(request, |params| {
                let (_, text) = self.document(&params.text_document.uri)?;
                Some(DocumentSymbolResponse::Nested(assist::symbols(&text, &Positions::new(&text))))
            }),
            CodeActionRequest::METHOD => self.respond::<CodeActionParams, _>(request, |params| {
                Some(assist::code_actions(&params.text_document.uri, &params.context.diagnostics))
            }),
            _ => Err(Response::new_err(id.clone(), ErrorCode::MethodNotFound as i32, "not supported".into())),
        };
        result.unwrap_or_else(|error| error)
    }

    /// Parses a request's parameters and answers with `answer`'s result (JSON `null` for
    /// `None`); malformed parameters get an error response, never a crash.
    fn respond<P: serde::de::DeserializeOwned, R: serde::Serialize>(
        &self,
        request: Request,
        answer: impl FnOnce(P) -> Option<R>,
    ) -> Result<Response, Response> {
        let id = request.id.clone();
        let params: P = serde_json::from_value(request.params)
            .map_err(|err| Response::new_err(id.clone(), ErrorCode::InvalidParams as i32, err.to_string()))?;
        Ok(Response::new_ok(id, answer(params)))
    }
}
