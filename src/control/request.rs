//! What a show-control request asks for, read from its method, path and body: pure, so
//! every malformed request is a test case, not a crash.

use serde::Deserialize;

/// Which slide a `goto` names: the number the counter shows, or a slide's `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Number(usize),
    Id(String),
}

/// A request the show answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Status,
    /// Counters and gauges in the Prometheus text format.
    Metrics,
    Next,
    Previous,
    Goto(Target),
    /// A language code the deck declares.
    Language(String),
    /// Black the screen, or lift it (as the B key does).
    Blank,
    /// Load the deck from its file again.
    Reload,
}

/// Why a request is refused: an HTTP status and a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal { status, message: message.into() }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GotoBody {
    slide: Option<usize>,
    id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageBody {
    language: String,
}

/// The action `method path` with `body` (JSON) asks for.
pub fn parse(method: &str, path: &str, body: &[u8]) -> Result<Action, Refusal> {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let action = match path {
        "/v1/status" => return expect_method(method, "GET").map(|()| Action::Status),
        "/metrics" => return expect_method(method, "GET").map(|()| Action::Metrics),
        "/v1/next" => Action::Next,
        "/v1/previous" => Action::Previous,
        "/v1/blank" => Action::Blank,
        "/v1/reload" => Action::Reload,
        "/v1/goto" => {
            let body: GotoBody = json(body)?;
            match (body.slide, body.id) {
                (Some(0), None) => return Err(refuse(400, "slide numbers start at 1")),
                (Some(number), None) => Action::Goto(Target::Number(number)),
                (None, Some(id)) => Action::Goto(Target::Id(id)),
                _ => return Err(refuse(400, r#"give either {"slide": NUMBER} or {"id": "SLIDE-ID"}"#)),
            }
        }
        "/v1/language" => Action::Language(json::<LanguageBody>(body)?.language),
        _ => return Err(refuse(404, format!("no such endpoint: {path}"))),
    };
    expect_method(method, "POST")?;
    Ok(action)
}

fn expect_method(method: &str, wanted: &str) -> Result<(), Refusal> {
    if method.eq_ignore_ascii_case(wanted) { Ok(()) } else { Err(refuse(405, format!("use {wanted}"))) }
}

fn json<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, Refusal> {
    serde_json::from_slice(body).map_err(|err| refuse(400, format!("the body is not the JSON expected: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_become_actions_and_bad_ones_are_refused_with_a_status() {
        assert_eq!(parse("GET", "/v1/status", b""), Ok(Action::Status));
        assert_eq!(parse("POST", "/v1/next/", b""), Ok(Action::Next));
        assert_eq!(parse("POST", "/v1/goto", br#"{"slide": 3}"#), Ok(Action::Goto(Target::Number(3))));
        assert_eq!(parse("POST", "/v1/goto", br#"{"id": "summit"}"#), Ok(Action::Goto(Target::Id("summit".into()))));
        assert_eq!(parse("POST", "/v1/language", br#"{"language": "kk"}"#), Ok(Action::Language("kk".into())));
        let status = |method: &str, path: &str, body: &[u8]| parse(method, path, body).unwrap_err().status;
        assert_eq!(status("POST", "/v1/status", b""), 405);
        assert_eq!(status("GET", "/v1/next", b""), 405);
        assert_eq!(status("POST", "/v1/quit", b""), 404);
        assert_eq!(status("POST", "/v1/goto", b"{slide: 3"), 400);
        assert_eq!(status("POST", "/v1/goto", br#"{"slide": 0}"#), 400);
        assert_eq!(status("POST", "/v1/goto", br#"{"slide": 2, "id": "x"}"#), 400);
        assert_eq!(status("POST", "/v1/goto", br#"{"slide": -1}"#), 400);
        assert_eq!(status("POST", "/v1/language", br#"{"lang": "kk"}"#), 400);
        assert_eq!(status("POST", "/v1/language", &[0xff, 0xfe]), 400);
    }
}
