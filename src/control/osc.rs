//! Show control over OSC (`--osc ADDRESS`, UDP), the protocol Bitfocus Companion, QLab and
//! TouchOSC send: `/lectern/next`, `/lectern/previous`, `/lectern/goto` with a slide number
//! (int) or id (string), `/lectern/language` with a code, `/lectern/blank`. With a token,
//! every message's first argument must be it, checked by the same gate as HTTP (constant
//! time, wrong tokens counted per address). Without a token, each address may send
//! [`super::MAX_PER_SECOND`] datagrams a second; more are dropped unread. A datagram is at
//! most 4 KiB, and a bundle is opened at most [`MAX_MESSAGES`] messages deep in all. OSC has no replies: a message that is not
//! understood is dropped, counted in the gate's minute summary, and the first reason in a
//! minute is logged. `rosc` decodes the packets.

use std::net::UdpSocket;
use std::time::{Duration, Instant};

use rosc::{OscMessage, OscPacket, OscType};

use super::gate::Admission;
use super::request::{Action, Target};
use super::shared::Shared;

/// The action an OSC message asks for, with the token it carries when `token` says the
/// server wants one (its first argument), or why it is dropped.
pub fn action(message: &OscMessage, token: bool) -> Result<(Option<&str>, Action), String> {
    let mut args = message.args.iter();
    let mut given = None;
    if token {
        match args.next() {
            Some(OscType::String(first)) => given = Some(first.as_str()),
            _ => return Err("the first argument must be the control token".into()),
        }
    }
    let rest: Vec<&OscType> = args.collect();
    let action = match (message.addr.as_str(), rest.as_slice()) {
        ("/lectern/next", []) => Action::Next,
        ("/lectern/previous", []) => Action::Previous,
        ("/lectern/blank", []) => Action::Blank,
        ("/lectern/goto", [OscType::Int(n)]) if *n >= 1 => Action::Goto(Target::Number(*n as usize)),
        ("/lectern/goto", [OscType::Long(n)]) if *n >= 1 => {
            Action::Goto(Target::Number(usize::try_from(*n).unwrap_or(usize::MAX)))
        }
        ("/lectern/goto", [OscType::String(id)]) => Action::Goto(Target::Id(id.clone())),
        ("/lectern/language", [OscType::String(code)]) => Action::Language(code.clone()),
        (address, args) => return Err(format!("{address} with {} argument(s) is not a Lectern message", args.len())),
    };
    Ok((given, action))
}

/// Every message of a packet, bundles opened.
/// Messages taken from one datagram at most; the rest are dropped.
const MAX_MESSAGES: usize = 64;

fn messages(packet: OscPacket, out: &mut Vec<OscMessage>) {
    match packet {
        OscPacket::Message(message) if out.len() < MAX_MESSAGES => out.push(message),
        OscPacket::Message(_) => {}
        OscPacket::Bundle(bundle) => bundle.content.into_iter().for_each(|p| messages(p, out)),
    }
}

/// Receives datagrams until the server is stopped or the channel to the show closes.
pub(super) fn serve(socket: &UdpSocket, shared: &Shared, stop: &tokio::sync::watch::Receiver<bool>) {
    let mut buffer = [0u8; 4096];
    let mut logged: Option<Instant> = None;
    let token = shared.has_token();
    let mut drop_note = |why: &str| {
        if logged.is_none_or(|at| at.elapsed() >= Duration::from_secs(60)) {
            logged = Some(Instant::now());
            log::warn!("show control: an OSC message was dropped: {why} (further ones this minute are only counted)");
        }
    };
    while !*stop.borrow() && stop.has_changed().is_ok() {
        // Times out every second, so a stopped server's thread ends.
        let received = socket.recv_from(&mut buffer);
        let summary = shared.gate.lock().ok().and_then(|mut gate| gate.summary(Instant::now()));
        if let Some(line) = summary {
            log::warn!("{line}");
        }
        let Ok((length, peer)) = received else { continue };
        let now = Instant::now();
        let mut gate = shared.gate.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Without a token to check, each address is limited; with one, the token decides
        // (a correct one is never refused, however busy its address is).
        if !token && gate.rate(peer.ip(), now) != Admission::Admitted {
            continue;
        }
        let mut found = Vec::new();
        match rosc::decoder::decode_udp(&buffer[..length]) {
            Ok((_, packet)) => messages(packet, &mut found),
            Err(err) => {
                gate.count_refusal(peer.ip(), now);
                drop_note(&format!("not OSC from {peer} ({err:?})"));
            }
        }
        let mut actions = Vec::new();
        for message in &found {
            match action(message, token) {
                Ok((given, action)) => match token.then(|| gate.token_given(peer.ip(), given, now)) {
                    Some(Admission::Refused { .. }) => drop_note(&format!("a wrong token from {peer}")),
                    _ => actions.push(action),
                },
                Err(why) => {
                    gate.count_refusal(peer.ip(), now);
                    drop_note(&format!("{why} (from {peer})"));
                }
            }
        }
        drop(gate);
        for action in actions {
            // OSC has no replies: the answer goes nowhere.
            if !shared.send(action, None) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(addr: &str, args: Vec<OscType>) -> OscMessage {
        OscMessage { addr: addr.into(), args }
    }

    #[test]
    fn messages_become_actions_and_others_are_dropped() {
        let open = |m: &OscMessage| action(m, false).map(|(_, action)| action);
        assert_eq!(open(&message("/lectern/next", vec![])), Ok(Action::Next));
        assert_eq!(open(&message("/lectern/goto", vec![OscType::Int(4)])), Ok(Action::Goto(Target::Number(4))));
        assert_eq!(
            open(&message("/lectern/goto", vec![OscType::String("summit".into())])),
            Ok(Action::Goto(Target::Id("summit".into())))
        );
        assert_eq!(
            open(&message("/lectern/language", vec![OscType::String("kk".into())])),
            Ok(Action::Language("kk".into()))
        );
        for wrong in [
            message("/lectern/goto", vec![OscType::Int(0)]),
            message("/lectern/goto", vec![OscType::Float(2.0)]),
            message("/lectern/goto", vec![]),
            message("/lectern/next", vec![OscType::Int(1)]),
            message("/lectern/quit", vec![]),
            message("/other/next", vec![]),
        ] {
            assert!(action(&wrong, false).is_err(), "{wrong:?}");
        }
        let with = message("/lectern/next", vec![OscType::String("s3cret".into())]);
        assert_eq!(action(&with, true), Ok((Some("s3cret"), Action::Next)), "the token is the gate's to check");
        assert!(action(&message("/lectern/next", vec![]), true).is_err());
        assert!(action(&message("/lectern/next", vec![OscType::Int(7)]), true).is_err());
    }
}
