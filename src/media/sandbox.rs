//! Decoding in a worker process, so no picture can hold the show or take its memory.
//!
//! A thread inside resvg or an image decoder cannot be stopped: a 335-byte SVG with a costly
//! filter rasterises for minutes, and a small PNG may decode to half a gigabyte. So each
//! decode thread hands its pictures to a process of its own (the same binary, started with
//! [`WORKER_ARG`]) whose address space is capped at [`WORKER_MEMORY`] bytes. A decode that
//! runs past [`DECODE_WITHIN`] gets its process killed (and a fresh one for the next
//! picture); one that needs more memory ends its process the same way. Either way the
//! picture is left out with the reason, which the caller logs once. The show's own process
//! never holds a decoding's working memory, only the finished pixels.
//!
//! Where no worker binary is known (unit tests, which run inside the test harness), pictures
//! are decoded on the calling thread as before; [`enable`] is called by `main`.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use egui::ColorImage;

use super::animation::Decoded;

/// The first argument that makes the binary a decode worker.
pub const WORKER_ARG: &str = "__lectern-decode-worker";
/// The longest one picture may take to decode.
pub const DECODE_WITHIN: Duration = Duration::from_secs(10);
/// The address space a worker process may use (its decoder's limits stay below it).
pub const WORKER_MEMORY: u64 = 2 << 30;
/// The largest picture file handed to a worker.
const MAX_REQUEST: u64 = crate::deck::MAX_FILE_BYTES;
/// The most pixels a response may carry (what the decoder's own limits allow, with room).
const MAX_RESPONSE_BYTES: u64 = 1 << 30;

static WORKER_BINARY: OnceLock<PathBuf> = OnceLock::new();

/// Decodes in worker processes of `binary` from now on.
pub fn enable(binary: PathBuf) {
    let _ = WORKER_BINARY.set(binary);
}

/// One decode thread's worker process, started when first needed and again after it was
/// killed or died.
#[derive(Default)]
pub(crate) struct Sandbox {
    worker: Option<Worker>,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<Result<Decoded, String>>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sandbox {
    /// `bytes` decoded to fit `max_px`, or why not.
    pub(super) fn decode(&mut self, bytes: &[u8], max_px: [u32; 2]) -> Result<Decoded, String> {
        let Some(binary) = WORKER_BINARY.get() else {
            return Decoded::read(bytes, max_px).map_err(|err| err.to_string());
        };
        // A worker that died while idle (killed from outside) fails at the first write: the
        // picture is tried once more on a fresh one.
        match self.decode_in(binary, bytes, max_px) {
            Err(Failed::NotTaken(_)) => self.decode_in(binary, bytes, max_px).map_err(Failed::reason),
            other => other.map_err(Failed::reason),
        }
    }

    fn decode_in(&mut self, binary: &Path, bytes: &[u8], max_px: [u32; 2]) -> Result<Decoded, Failed> {
        if self.worker.is_none() {
            let started = Worker::start(binary).map_err(|err| format!("cannot start a decoding process: {err}"));
            self.worker = Some(started.map_err(Failed::Said)?);
        }
        let worker = self.worker.as_mut().expect("started above");
        if let Err(err) = write_request(&mut worker.stdin, bytes, max_px) {
            // Its pipe broke: the process is gone; the next picture gets a new one.
            self.worker = None;
            return Err(Failed::NotTaken(format!("the decoding process did not take the picture: {err}")));
        }
        match worker.answers.recv_timeout(DECODE_WITHIN) {
            Ok(Ok(decoded)) => Ok(decoded),
            Ok(Err(why)) => {
                // The decoder said why; a process that ended meanwhile is replaced next time.
                if worker.child.try_wait().ok().flatten().is_some() {
                    self.worker = None;
                }
                Err(Failed::Said(why))
            }
            Err(RecvTimeoutError::Timeout) => {
                self.worker = None;
                Err(Failed::Said(format!(
                    "it took longer than {} s to decode, so it is left out",
                    DECODE_WITHIN.as_secs()
                )))
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.worker = None;
                Err(Failed::Said(format!(
                    "its decoding process ended (it needs more than the {} MiB a decode may use, or crashed)",
                    WORKER_MEMORY >> 20
                )))
            }
        }
    }
}

/// Why a picture was not decoded in a worker.
enum Failed {
    /// The worker could not be handed the picture (it had died): worth one more try.
    NotTaken(String),
    /// Anything else, in words for the log.
    Said(String),
}

impl Failed {
    fn reason(self) -> String {
        match self {
            Failed::NotTaken(why) | Failed::Said(why) => why,
        }
    }
}

impl Worker {
    fn start(binary: &Path) -> std::io::Result<Self> {
        let mut command = Command::new(binary);
        command.arg(WORKER_ARG).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit());
        // Nothing a decoder could be made to leak or misuse (the show-control token, the
        // supervisor's heartbeat socket): only what finding fonts and reporting need.
        command.env_clear();
        for (name, value) in std::env::vars_os() {
            let keep = name.to_str().is_some_and(|name| {
                matches!(name, "HOME" | "PATH" | "LANG" | "RUST_BACKTRACE" | "FONTCONFIG_FILE" | "FONTCONFIG_PATH")
                    // Windows cannot start a process without these.
                    || matches!(name.to_ascii_uppercase().as_str(), "SYSTEMROOT" | "WINDIR" | "TEMP" | "TMP")
                    || name.starts_with("XDG_")
                    || name.starts_with("LC_")
            });
            if keep {
                command.env(name, value);
            }
        }
        let mut child = command.spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("no pipes to the decoding process"));
        };
        let (send, answers) = std::sync::mpsc::channel();
        let reader = std::thread::Builder::new().name("lectern-decode-answers".into()).spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                match read_answer(&mut stdout) {
                    Ok(answer) => {
                        if send.send(answer).is_err() {
                            return;
                        }
                    }
                    // The process ended: the sender goes, which the waiting side sees.
                    Err(_) => return,
                }
            }
        });
        if let Err(err) = reader {
            let _ = child.kill();
            let _ = child.wait();
            return Err(err);
        }
        Ok(Self { child, stdin, answers })
    }
}

/// Decodes `bytes` once in a worker process of its own: proof that the picture draws within
/// [`DECODE_WITHIN`] and [`WORKER_MEMORY`] (the PDF export's test of an SVG with filters,
/// which it then writes as vectors), or why not.
pub fn decodes_in_time(bytes: &[u8], max_px: [u32; 2]) -> Result<(), String> {
    Sandbox::default().decode(bytes, max_px).map(drop)
}

fn write_request(to: &mut impl Write, bytes: &[u8], max_px: [u32; 2]) -> std::io::Result<()> {
    to.write_all(&max_px[0].to_le_bytes())?;
    to.write_all(&max_px[1].to_le_bytes())?;
    to.write_all(&(bytes.len() as u64).to_le_bytes())?;
    to.write_all(bytes)?;
    to.flush()
}

fn read_u32(from: &mut impl Read) -> std::io::Result<u32> {
    let mut bytes = [0; 4];
    from.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

fn read_u64(from: &mut impl Read) -> std::io::Result<u64> {
    let mut bytes = [0; 8];
    from.read_exact(&mut bytes)?;
    Ok(u64::from_le_bytes(bytes))
}

fn invalid(why: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_owned())
}

/// Reads `length` bytes, refusing a length over `max` before allocating (and then
/// allocating exactly that once).
fn read_bytes(from: &mut impl Read, length: u64, max: u64) -> std::io::Result<Vec<u8>> {
    if length > max {
        return Err(invalid("a message longer than allowed"));
    }
    let mut bytes = vec![0; length as usize];
    from.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Tags of an answer.
const STILL: u8 = 0;
const ANIMATED: u8 = 1;
const FAILED: u8 = 2;

fn write_answer(to: &mut impl Write, answer: &Result<Decoded, String>) -> std::io::Result<()> {
    let frames: Vec<(&ColorImage, f64)> = match answer {
        Ok(Decoded::Still(image)) => vec![(image, 0.0)],
        Ok(Decoded::Animated(frames)) => frames.iter().map(|(image, seconds)| (image, *seconds)).collect(),
        Err(why) => {
            to.write_all(&[FAILED])?;
            to.write_all(&(why.len() as u64).to_le_bytes())?;
            to.write_all(why.as_bytes())?;
            return to.flush();
        }
    };
    to.write_all(&[if matches!(answer, Ok(Decoded::Still(_))) { STILL } else { ANIMATED }])?;
    to.write_all(&(frames.len() as u32).to_le_bytes())?;
    for (image, seconds) in frames {
        to.write_all(&(image.size[0] as u32).to_le_bytes())?;
        to.write_all(&(image.size[1] as u32).to_le_bytes())?;
        to.write_all(&seconds.to_le_bytes())?;
        to.write_all(image.as_raw())?;
    }
    to.flush()
}

fn read_answer(from: &mut impl Read) -> std::io::Result<Result<Decoded, String>> {
    let mut tag = [0u8];
    from.read_exact(&mut tag)?;
    if tag[0] == FAILED {
        let length = read_u64(from)?;
        return Ok(Err(String::from_utf8_lossy(&read_bytes(from, length, 1 << 16)?).into_owned()));
    }
    let count = read_u32(from)? as usize;
    if count > super::decode::MAX_FRAMES {
        return Err(invalid("more frames than allowed"));
    }
    let mut frames = Vec::with_capacity(count);
    let mut total = 0u64;
    for _ in 0..count {
        let (width, height) = (read_u32(from)? as u64, read_u32(from)? as u64);
        let seconds = f64::from_le_bytes(read_u64(from)?.to_le_bytes());
        let length =
            width.checked_mul(height).and_then(|n| n.checked_mul(4)).ok_or_else(|| invalid("too many pixels"))?;
        let pixels = read_bytes(from, length, MAX_RESPONSE_BYTES.saturating_sub(total))?;
        total += length;
        frames.push((ColorImage::from_rgba_premultiplied([width as usize, height as usize], &pixels), seconds));
    }
    Ok(Ok(match tag[0] {
        STILL if frames.len() == 1 => Decoded::Still(frames.remove(0).0),
        ANIMATED => Decoded::Animated(frames),
        _ => return Err(invalid("an unknown answer")),
    }))
}

/// The worker process's loop: reads pictures from stdin, answers on stdout, until stdin
/// closes. Its address space is capped first.
pub fn worker_main() -> std::io::Result<()> {
    crate::platform::limits::cap_address_space(WORKER_MEMORY);
    crate::platform::limits::die_with_parent();
    crate::platform::limits::first_to_go_when_memory_runs_out();
    let (mut input, mut output) = (std::io::stdin().lock(), std::io::BufWriter::new(std::io::stdout().lock()));
    loop {
        let max_px = match read_u32(&mut input) {
            Ok(width) => [width, read_u32(&mut input)?],
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(err) => return Err(err),
        };
        let length = read_u64(&mut input)?;
        let bytes = read_bytes(&mut input, length, MAX_REQUEST)?;
        let answer = Decoded::read(&bytes, max_px).map_err(|err| err.to_string());
        drop(bytes);
        write_answer(&mut output, &answer)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_cross_the_pipe_whole() {
        let still = ColorImage::from_rgba_premultiplied([2, 1], &[1, 2, 3, 255, 4, 5, 6, 255]);
        let mut pipe = Vec::new();
        write_answer(&mut pipe, &Ok(Decoded::Still(still.clone()))).unwrap();
        write_answer(&mut pipe, &Ok(Decoded::Animated(vec![(still.clone(), 0.1), (still.clone(), 0.25)]))).unwrap();
        write_answer(&mut pipe, &Err("not a picture".into())).unwrap();
        let mut reading = pipe.as_slice();
        assert!(matches!(read_answer(&mut reading).unwrap(), Ok(Decoded::Still(image)) if image == still));
        match read_answer(&mut reading).unwrap() {
            Ok(Decoded::Animated(frames)) => assert_eq!(frames.iter().map(|f| f.1).collect::<Vec<_>>(), [0.1, 0.25]),
            _ => panic!("an animation"),
        }
        assert_eq!(read_answer(&mut reading).unwrap().err().as_deref(), Some("not a picture"));
        assert!(reading.is_empty());
    }

    #[test]
    fn a_lying_answer_is_refused_before_it_is_allocated() {
        let mut pipe = vec![STILL];
        pipe.extend(1u32.to_le_bytes());
        pipe.extend(u32::MAX.to_le_bytes());
        pipe.extend(u32::MAX.to_le_bytes());
        pipe.extend(0f64.to_le_bytes());
        assert!(read_answer(&mut pipe.as_slice()).is_err());
    }
}
