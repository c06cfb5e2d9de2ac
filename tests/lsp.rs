//! `lectern lsp` as an editor drives it: the binary is started, JSON-RPC goes in on stdin
//! with `Content-Length` framing, and the replies and notifications on stdout are read and
//! checked for their positions and contents.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// The editor's side of the connection; the server is killed if a test fails half-way.
struct Editor {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Editor {
    fn start() -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .env_remove("DISPLAY")
            .spawn()
            .expect("start lectern lsp");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::Builder::new()
            .name("lsp-test-reader".into())
            .spawn(move || {
                loop {
                    let mut length = 0;
                    loop {
                        let mut line = String::new();
                        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        let line = line.trim_end();
                        if line.is_empty() {
                            break;
                        }
                        if let Some(n) = line.strip_prefix("Content-Length: ") {
                            length = n.parse().unwrap();
                        }
                    }
                    let mut body = vec![0; length];
                    stdout.read_exact(&mut body).unwrap();
                    if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                        return;
                    }
                }
            })
            .unwrap();
        Editor { child, stdin: Some(stdin), messages, next_id: 1 }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result, skipping notifications on the way.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(30)).expect("a reply");
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(30)).expect("diagnostics");
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn at(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

#[test]
fn an_editor_gets_diagnostics_completion_hover_definition_outline_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("talk.ron");
    std::fs::write(dir.path().join("chapter.ron"), "[Section(title: \"Part two\")]\n").unwrap();
    let text = concat!(
        "Deck(\n",
        "    title: \"Talk\",\n",
        "    slides: [\n",
        "        Title(title: \"Қазақстан\", subtitle: \"2010\"),\n",
        "        Bulets(title: \"Points\", items: [\"a\"]),\n",
        "        Include(\"chapter.ron\"),\n",
        "    ],\n",
        ")\n",
    );
    std::fs::write(&deck, text).unwrap();
    let uri = format!("file://{}", deck.display());

    let mut editor = Editor::start();
    let init = editor.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    editor.notify("initialized", json!({}));
    editor.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": text}}),
    );

    // The misspelt slide kind, where it is written, with the fix.
    let diagnostics = editor.diagnostics(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let bulets = &diagnostics[0];
    assert_eq!(bulets["range"]["start"], at(4, 8));
    assert_eq!(bulets["range"]["end"], at(4, 14));
    assert!(bulets["message"].as_str().unwrap().starts_with("unknown slide kind `Bulets`"), "{bulets}");
    assert_eq!(bulets["severity"], 1);

    // An edit that leaves a bracket open: the error names where it was opened, as related
    // information.
    let broken = text.replace("items: [\"a\"]),", "items: [\"a\"),");
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let diagnostics = editor.diagnostics(&uri);
    let unclosed = diagnostics.iter().find(|d| d["message"].as_str().unwrap().contains("to close the list")).unwrap();
    assert_eq!(unclosed["relatedInformation"][0]["location"]["range"]["start"], at(4, 39), "{unclosed}");
    assert_eq!(unclosed["relatedInformation"][0]["message"], "opened here");
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let diagnostics = editor.diagnostics(&uri);

    // A quick fix from the did-you-mean.
    let actions = editor.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics}}),
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "Bullets");
    assert_eq!(edit["range"]["start"], at(4, 8));

    // Completion of field names inside `Title(`, after the Kazakh title (UTF-16 columns).
    let after_comma = text.lines().nth(3).unwrap().find("subtitle").unwrap();
    let column = text.lines().nth(3).unwrap()[..after_comma].encode_utf16().count() as u32;
    let completion =
        editor.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": at(3, column)}));
    let labels: Vec<&str> = completion.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"subtitle") && labels.contains(&"notes") && labels.contains(&"byline"), "{labels:?}");
    // Slide kinds at the start of a slide.
    let kinds = editor.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": at(4, 8)}));
    let kinds: Vec<&str> = kinds.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"Bullets") && kinds.contains(&"ImageText"), "{kinds:?}");

    // Hover on a field: its line of the format reference.
    let hover =
        editor.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": at(3, column + 2)}));
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("`subtitle`"), "{hover}");

    // Go to the included file.
    let definition =
        editor.request("textDocument/definition", json!({"textDocument": {"uri": uri}, "position": at(5, 20)}));
    assert!(definition["uri"].as_str().unwrap().ends_with("/chapter.ron"), "{definition}");

    // The outline: one entry per slide, named by its title.
    let symbols = editor.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Қазақстан", "Points", "chapter.ron"]);
    assert_eq!(symbols[0]["range"]["start"], at(3, 8));

    let _ = editor.request("shutdown", Value::Null);
    // A second shutdown (Neovim 0.7 sends one) is refused, not fatal.
    editor.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
    let refused = loop {
        let message = editor.messages.recv_timeout(Duration::from_secs(30)).unwrap();
        if message["id"] == 99 {
            break message;
        }
    };
    assert!(refused["error"]["message"].as_str().unwrap().contains("shutting down"), "{refused}");
    editor.notify("exit", Value::Null);
    drop(editor.stdin.take());
    let status = editor.child.wait().unwrap();
    assert!(status.success(), "{status}");
}
