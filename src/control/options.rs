//! Where show control listens and the token it wants: from the command line (`--control`,
//! `--osc`, `--control-token`, a token or `@FILE`) and, for an exhibit, the deck's
//! `exhibit: (control: …)`; and the rule that nothing listens beyond this machine without a
//! token.

use std::net::SocketAddr;
use std::path::Path;

/// The environment variable that carries the token to a show the exhibit's supervisor
/// starts (a command line is visible to every user in `ps`; the environment is not), and
/// that an operator may set instead of `--control-token`.
pub const TOKEN_VARIABLE: &str = "LECTERN_CONTROL_TOKEN";

/// Where to listen (HTTP, OSC over UDP, or both) and the token requests must carry.
#[derive(Clone, Debug, Default)]
pub struct ControlOptions {
    pub address: Option<SocketAddr>,
    pub osc: Option<SocketAddr>,
    pub token: Option<String>,
}

impl ControlOptions {
    /// Whether anything is to listen.
    pub fn listens(&self) -> bool {
        self.address.is_some() || self.osc.is_some()
    }

    /// The command line's choices (`token`: the token, or `@FILE` to read it from a file);
    /// without one, the token in [`TOKEN_VARIABLE`] if that is set.
    pub fn from_args(
        address: Option<SocketAddr>,
        osc: Option<SocketAddr>,
        token: Option<&str>,
    ) -> Result<Self, ControlError> {
        let token = match token {
            Some(file) if file.starts_with('@') => Some(read_token(Path::new(&file[1..]))?),
            Some(token) if token.trim().is_empty() => return Err(ControlError::EmptyToken(None)),
            Some(token) => Some(token.to_owned()),
            None => std::env::var(TOKEN_VARIABLE).ok().filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_owned()),
        };
        Ok(Self { address, osc, token })
    }

    /// Fills in what the command line left out from the deck's `exhibit: (control: …)`.
    pub fn or_deck(self, deck: &crate::deck::ControlSettings) -> Result<Self, ControlError> {
        let token = match (self.token, &deck.token_file) {
            (Some(token), _) => Some(token),
            (None, Some(file)) => Some(read_token(file)?),
            (None, None) => None,
        };
        Ok(Self { address: self.address.or(deck.http), osc: self.osc.or(deck.osc), token })
    }

    /// Refuses what would listen beyond this machine without a token, before anything listens.
    pub fn check(&self) -> Result<(), ControlError> {
        let open = self.token.as_deref().is_none_or(str::is_empty);
        match self.address.iter().chain(&self.osc).find(|a| !a.ip().is_loopback()) {
            Some(address) if open => Err(ControlError::TokenRequired(*address)),
            _ => Ok(()),
        }
    }
}

/// The token in `file`, without surrounding white space; an empty one is refused.
fn read_token(file: &Path) -> Result<String, ControlError> {
    let token = std::fs::read_to_string(file)
        .map_err(|err| ControlError::TokenFile { path: file.to_owned(), reason: err.to_string() })?;
    let token = token.trim();
    if token.is_empty() {
        return Err(ControlError::EmptyToken(Some(file.to_owned())));
    }
    Ok(token.to_owned())
}

#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error("{0} listens beyond this machine: give a --control-token, which every request must then carry")]
    TokenRequired(SocketAddr),
    #[error("cannot read the control token from {}: {reason}", path.display())]
    TokenFile { path: std::path::PathBuf, reason: String },
    #[error("the control token{} is empty; give one, or leave it out", .0.as_ref().map(|p| format!(" in {}", p.display())).unwrap_or_default())]
    EmptyToken(Option<std::path::PathBuf>),
    #[error("cannot listen on {address}: {reason}")]
    Listen { address: SocketAddr, reason: String },
}
