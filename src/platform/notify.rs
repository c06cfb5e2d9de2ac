//! The `sd_notify` protocol's two ends: a datagram of `KEY=value` lines sent to the socket
//! a service manager names in `$NOTIFY_SOCKET` ([`send`]), and a socket of our own that
//! hears them ([`Listener`], the exhibit supervisor playing the manager for its show).
//!
//! Linux takes both path sockets and abstract names (`@name`, systemd's usual kind, which
//! leave no file behind); other Unix systems take path sockets only; elsewhere there is no
//! such socket and both ends say `Unsupported`, so the show runs without a watchdog.

use std::io;
use std::path::Path;

#[cfg(not(target_os = "linux"))]
fn unsupported() -> io::Error {
    io::Error::new(io::ErrorKind::Unsupported, "no service-manager sockets on this system")
}

/// Sends `message` to the manager's `socket` (a path, or `@name` for an abstract name).
pub fn send(socket: &Path, message: &str) -> io::Result<()> {
    #[cfg(unix)]
    {
        let datagram = std::os::unix::net::UnixDatagram::unbound()?;
        match socket.to_str().and_then(|s| s.strip_prefix('@')) {
            Some(name) => {
                let address = abstract_address(name)?;
                datagram.send_to_addr(message.as_bytes(), &address).map(drop)
            }
            None => datagram.send_to(message.as_bytes(), socket).map(drop),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (socket, message);
        Err(unsupported())
    }
}

#[cfg(target_os = "linux")]
fn abstract_address(name: &str) -> io::Result<std::os::unix::net::SocketAddr> {
    use std::os::linux::net::SocketAddrExt as _;
    std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())
}

#[cfg(all(unix, not(target_os = "linux")))]
fn abstract_address(_name: &str) -> io::Result<std::os::unix::net::SocketAddr> {
    Err(unsupported())
}

/// A socket that hears notices, under a name only its creator knows.
pub struct Listener {
    #[cfg(target_os = "linux")]
    socket: std::os::unix::net::UnixDatagram,
    /// What `$NOTIFY_SOCKET` must say for [`send`] to reach this listener.
    address: String,
}

impl Listener {
    /// Binds the abstract name `name`, non-blocking. Linux only.
    pub fn bind(name: &str) -> io::Result<Self> {
        #[cfg(target_os = "linux")]
        {
            let socket = std::os::unix::net::UnixDatagram::bind_addr(&abstract_address(name)?)?;
            socket.set_nonblocking(true)?;
            Ok(Self { socket, address: format!("@{name}") })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = name;
            Err(unsupported())
        }
    }

    /// The value of `$NOTIFY_SOCKET` that reaches this listener.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The next notice waiting, if one is (never blocks).
    pub fn next(&self) -> Option<String> {
        #[cfg(target_os = "linux")]
        {
            let mut buffer = [0u8; 256];
            let length = self.socket.recv(&mut buffer).ok()?;
            Some(String::from_utf8_lossy(&buffer[..length]).into_owned())
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_notice_sent_to_a_listener_arrives_once() {
        let name = format!("lectern-notify-test-{}", std::process::id());
        let listener = Listener::bind(&name).unwrap();
        assert_eq!(listener.address(), format!("@{name}"));
        assert_eq!(listener.next(), None, "nothing yet");
        send(Path::new(listener.address()), "READY=1").unwrap();
        assert_eq!(listener.next().as_deref(), Some("READY=1"));
        assert_eq!(listener.next(), None);
    }

    #[test]
    fn a_path_socket_hears_it_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let manager = std::os::unix::net::UnixDatagram::bind(&path).unwrap();
        send(&path, "WATCHDOG=1").unwrap();
        let mut buffer = [0u8; 32];
        let n = manager.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..n], b"WATCHDOG=1");
    }
}
