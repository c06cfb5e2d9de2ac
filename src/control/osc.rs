//! Show control over OSC (`--osc ADDRESS`, UDP), the protocol Bitfocus Companion, QLab and
//! TouchOSC send: `/lectern/next`, `/lectern/previous`, `/lectern/goto` with a slide number
//! (int) or id (string), `/lectern/language` with a code, `/lectern/blank`. With a token,
//! every message's first argument must be it. OSC has no replies: a message that is not
//! understood is dropped and logged (once a minute per peer). `rosc` decodes the packets.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::mpsc::{Sender, channel};
use std::time::{Duration, Instant};

use rosc::{OscMessage, OscPacket, OscType};

use super::pending::{ANSWER_WITHIN, Pending};
use super::request::{Action, Target};

/// The action an OSC message asks for, or why it is dropped.
pub fn action(message: &OscMessage, token: Option<&str>) -> Result<Action, String> {
    let mut args = message.args.iter();
    if let Some(token) = token {
        match args.next() {
            Some(OscType::String(given)) if given == token => {}
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
    Ok(action)
}

/// Every message of a packet, bundles opened.
fn messages(packet: OscPacket, out: &mut Vec<OscMessage>) {
    match packet {
        OscPacket::Message(message) => out.push(message),
        OscPacket::Bundle(bundle) => bundle.content.into_iter().for_each(|p| messages(p, out)),
    }
}

/// Receives datagrams until `stop` is set or the channel to the show closes.
pub(super) fn serve(
    socket: &UdpSocket,
    token: Option<&str>,
    send: &Sender<Pending>,
    wake: &dyn Fn(),
    stop: &std::sync::atomic::AtomicBool,
) {
    let mut buffer = [0u8; 4096];
    let mut logged: HashMap<IpAddr, Instant> = HashMap::new();
    let mut drop_note = |peer: SocketAddr, why: &str| {
        let now = Instant::now();
        if logged.get(&peer.ip()).is_none_or(|at| now.duration_since(*at) >= Duration::from_secs(60)) {
            logged.insert(peer.ip(), now);
            log::warn!("show control: an OSC message from {peer} was dropped: {why}");
        }
        if logged.len() > 4096 {
            logged.retain(|_, at| now.duration_since(*at) < Duration::from_secs(60));
        }
    };
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        // Times out every second, so a stopped server's thread ends.
        let Ok((length, peer)) = socket.recv_from(&mut buffer) else { continue };
        let mut found = Vec::new();
        match rosc::decoder::decode_udp(&buffer[..length]) {
            Ok((_, packet)) => messages(packet, &mut found),
            Err(err) => drop_note(peer, &format!("not OSC ({err:?})")),
        }
        for message in found {
            match action(&message, token) {
                Ok(action) => {
                    // OSC has no replies: the answer goes nowhere.
                    let (reply, _) = channel();
                    let deadline = Instant::now() + ANSWER_WITHIN;
                    if send.send(Pending { action, reply, deadline }).is_err() {
                        return;
                    }
                    wake();
                }
                Err(why) => drop_note(peer, &why),
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
        assert_eq!(action(&message("/lectern/next", vec![]), None), Ok(Action::Next));
        assert_eq!(action(&message("/lectern/goto", vec![OscType::Int(4)]), None), Ok(Action::Goto(Target::Number(4))));
        assert_eq!(
            action(&message("/lectern/goto", vec![OscType::String("summit".into())]), None),
            Ok(Action::Goto(Target::Id("summit".into())))
        );
        assert_eq!(
            action(&message("/lectern/language", vec![OscType::String("kk".into())]), None),
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
            assert!(action(&wrong, None).is_err(), "{wrong:?}");
        }
        let with = |token: &str| message("/lectern/next", vec![OscType::String(token.into())]);
        assert_eq!(action(&with("s3cret"), Some("s3cret")), Ok(Action::Next));
        assert!(action(&with("guess"), Some("s3cret")).is_err());
        assert!(action(&message("/lectern/next", vec![]), Some("s3cret")).is_err());
    }
}
