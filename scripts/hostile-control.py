#!/usr/bin/env python3
"""Hostile clients against a running Lectern's show control (HTTP and OSC).

A desk in a venue shares its network with things that misbehave: a proxy that lies about a
body's length, a scanner, clients that never finish a request, a runaway script guessing the
token, an OSC controller sending garbage. Each case plays one of them against the app, only
over 127.0.0.1 and bounded in time (25 s at most), and exists for one reason:

  a lying-content-length  Content-Length 10^15 (with and without the token) and 2^64-1 (six
                          connections) with no body: the length must be neither allocated,
                          nor overflowed on, nor waited for.
  b oversized-body        10 MB announced, 1 MB sent: refused from the header (413), not read.
  c slow-body             8 bodies that stall, an endless chunked body, 4 upgrade requests
                          held open: they must not take the threads a desk's status poll needs.
  d slowloris             64 connections sending a header byte a second for 10 s.
  e keepalive-500         500 kept-alive clients at once, 5 status requests each, in 15 s.
  f fd-exhaustion         1,100 idle connections against the app's 1,024 descriptors: accept
                          must live through EMFILE and serve again once they close.
  g event-churn           100 event-stream clients that read one event and leave, 20 at a
                          time: the 16 slots must come back, not stay held by the departed.
  h token-guessing        a wrong-token flood from the desk's own address: the per-address
                          rate limit must not lock the desk out.
  i osc-fuzz              5,000 malformed or hostile OSC datagrams, then one valid message.

After each case a fresh desk asks for the status (1 s timeout), the app's RSS and descriptors
are read from /proc, and POST /v1/next must move the show. Once the app has died the rest are
skipped. One summary line per case; exit status 1 if any check failed.

  hostile-control.py --pid PID [--port 7400] [--osc-port 7401] [--token T] [--cases a,c,d]
(normally run by scripts/hostile-control.sh, which starts the app under Xvfb).
"""
import argparse, collections, errno, json, os, random, resource, select, socket, struct, threading, time

HOST = "127.0.0.1"
ARGS = argparse.Namespace()
CASES = []  # (name, function) in the order of the letters a, b, c...
Counter = collections.Counter

def case(function):
    CASES.append((function.__name__.replace("_", "-"), function))
    return function

def describe(err):
    names = {TimeoutError: "timeout", ConnectionRefusedError: "refused", ConnectionResetError: "reset",
             BrokenPipeError: "broken-pipe"}
    return names.get(type(err)) or (str(err) if isinstance(err, ConnectionError) else type(err).__name__)

def request_bytes(method, path, token=True, body=b"", extra=""):
    """One HTTP/1.1 request; token True is the right one, a string a wrong one, None none."""
    auth = f"Authorization: Bearer {ARGS.token if token is True else token}\r\n" if token else ""
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    return f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{ARGS.port}\r\n{auth}{length}{extra}\r\n".encode() + body

class Conn:
    """A TCP connection speaking just enough HTTP/1.1; every read ends by one deadline."""
    def __init__(self, timeout):
        self.deadline, self.buf = time.monotonic() + timeout, b""
        self.sock = socket.create_connection((HOST, ARGS.port), timeout=timeout)
    def send(self, *args, **kwargs):
        self.sock.sendall(request_bytes(*args, **kwargs))
        return self
    def _more(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError()
        self.sock.settimeout(left)
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        self.buf += chunk
    def until(self, marker):
        while marker not in self.buf:
            self._more()
    def head(self):
        self.until(b"\r\n\r\n")
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        fields = (line.split(":", 1) for line in lines[1:] if ":" in line)
        return int(lines[0].split()[1]), {k.strip().lower(): v.strip() for k, v in fields}
    def response(self):
        status, headers = self.head()
        length = int(headers.get("content-length", 0))
        while len(self.buf) < length:
            self._more()
        body, self.buf = self.buf[:length], self.buf[length:]
        return status, body
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.sock.close()

def attempt(function):
    """What `function` returns, or what went wrong with the connection."""
    try:
        return function()
    except OSError as err:
        return describe(err)

def status_of(*args, timeout=1.5, **kwargs):
    """The status a request gets on a fresh connection, or what went wrong."""
    def ask():
        with Conn(timeout) as conn:
            return str(conn.send(*args, **kwargs).response()[0])
    return attempt(ask)

def since(start):
    return (time.monotonic() - start) * 1000

def call(method, path, token=True, body=b"", timeout=1.0):
    """One request on a fresh connection: (status or None, JSON/bytes or error, milliseconds)."""
    start = time.monotonic()
    try:
        with Conn(timeout) as conn:
            status, raw = conn.send(method, path, token, body).response()
        return status, json.loads(raw) if raw.startswith(b"{") else raw, since(start)
    except (OSError, ValueError) as err:
        return None, describe(err), since(start)

def vitals():
    """(alive, resident MiB, open descriptors) of the app; a zombie not yet reaped is dead."""
    try:
        with open(f"/proc/{ARGS.pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        if fields["State"].split()[0] != "Z":
            return True, int(fields["VmRSS"].split()[0]) // 1024, len(os.listdir(f"/proc/{ARGS.pid}/fd"))
    except (OSError, KeyError, ValueError):
        pass
    return False, "-", "-"

def alive():
    return vitals()[0]

def slide(data):
    return data.get("slide") if isinstance(data, dict) else None

def slide_not_last():
    """The slide shown, after a goto 1 if it was the last (so that Next must move it)."""
    status, data, _ = call("GET", "/v1/status", timeout=2)
    if status == 200 and (slide(data) or 0) >= data.get("total", 0):
        call("POST", "/v1/goto", body=b'{"slide": 1}', timeout=3)
        status, data, _ = call("GET", "/v1/status", timeout=2)
    return slide(data) if status == 200 else None

def moved_by_itself():
    """The loop's own change (--watch-only): the slide changes within 12 s without a request,
    or, while a case's own valid command holds the loop as a visitor would, within 12 s of
    the loop taking over again (an exhibit's idle_seconds, 90 s at most)."""
    status, data, _ = call("GET", "/v1/status", timeout=2)
    if status != 200:
        return f"no(no status: {status or data})"
    before, started = slide(data), time.monotonic()
    deadline = started + 12
    while time.monotonic() < deadline:
        time.sleep(0.25)
        status, data, _ = call("GET", "/v1/status", timeout=2)
        if status != 200:
            continue
        if slide(data) != before:
            return "yes"
        held = (data.get("exhibit") or {}).get("visitor_active") if isinstance(data, dict) else False
        if held:
            deadline = min(time.monotonic() + 12, started + 90)
    return f"no(stayed on {before} for {time.monotonic() - started:.0f} s)"

def advanced():
    if ARGS.watch_only:
        return moved_by_itself()
    before = slide_not_last()
    if before is None:
        return "no(no status)"
    status, after, _ = call("POST", "/v1/next", timeout=3)
    if status != 200:
        return f"no(next: {status or after})"
    return "yes" if slide(after) != before else f"no(stayed on {before})"

class DeskPoller(threading.Thread):
    """A desk polling the status (1 s timeout) every second while a case holds its clients."""
    def __init__(self):
        super().__init__(daemon=True)
        self.results, self.stop = [], threading.Event()
        self.start()
    def run(self):
        while not self.stop.is_set():
            status, _, ms = call("GET", "/v1/status", timeout=1)
            self.results.append((str(status or "fail"), ms))
            self.stop.wait(max(0.0, 1 - ms / 1000))
    def summary(self):
        self.stop.set()
        self.join(3)
        codes, worst = Counter(s for s, _ in self.results), max((ms for _, ms in self.results), default=0)
        return f"desk-during={codes['200']}/{len(self.results)}ok(worst {worst:.0f} ms, {dict(codes)})"

def held_state(conns):
    """What the server did with connections held open: answered, closed, or still waiting."""
    tally = Counter()
    for conn in conns:
        try:
            conn.sock.settimeout(0.05)
            data = conn.sock.recv(4096)
            tally[f"answered {data.split()[1].decode()}" if data else "closed"] += 1
        except TimeoutError:
            tally["still open"] += 1
        except (OSError, IndexError) as err:
            tally[describe(err)] += 1
        conn.sock.close()
    return dict(tally)

@case
def lying_content_length():
    tries = [("1e15+token", 10**15, True), ("1e15-notoken", 10**15, None)]
    answers = []
    for label, length, token in tries + [(f"2^64-1#{i}", 2**64 - 1, True) for i in range(1, 7)]:
        answer = status_of("POST", "/v1/next", token, extra=f"Content-Length: {length}\r\n")
        answers.append(f"{label}:{answer}")
        time.sleep(0.3)
        if not alive():
            answers.append("APP-DIED")
            break
    return "answers=" + ",".join(answers)

@case
def oversized_body():
    conn = Conn(8).send("POST", "/v1/next", extra="Content-Length: 10000000\r\n")
    sent, chunk, stop_at, note = 0, b"x" * 65536, time.monotonic() + 4, ""
    conn.sock.settimeout(2)
    try:
        while sent < 1 << 20 and time.monotonic() < stop_at:
            conn.sock.sendall(chunk)
            sent += len(chunk)
    except OSError as err:
        note = f" send-stopped={describe(err)}"
    with conn:
        return f"sent={sent // 1024}KiB answer={attempt(lambda: conn.response()[0])}{note}"

@case
def slow_body():
    held, stop = [], threading.Event()
    for _ in range(8):
        held.append(Conn(30).send("POST", "/v1/goto", extra="Content-Length: 100\r\n"))
        held[-1].sock.sendall(b'{"slide":1')  # 10 of the 100 bytes
    chunked = Conn(30).send("POST", "/v1/next", extra="Transfer-Encoding: chunked\r\n")
    upgrade = ("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
    paths = ("/v1/status", "/v1/status", "/metrics", "/v1/events")  # GETs: none moves the show if let through
    held += [chunked] + [Conn(30).send("GET", path, extra=upgrade) for path in paths]
    def dribble():  # a chunk every second, never the last one
        while not stop.wait(1):
            try:
                chunked.sock.sendall(b"1\r\nx\r\n")
            except OSError:
                return
    threading.Thread(target=dribble, daemon=True).start()
    desk = DeskPoller()
    time.sleep(10)
    stop.set()
    return f"{desk.summary()} held={held_state(held)}"

@case
def slowloris():
    header = b"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"z" * 64
    socks, dropped = [], 0
    for _ in range(64):
        try:
            socks.append(socket.create_connection((HOST, ARGS.port), timeout=1))
        except OSError:
            dropped += 1
    desk = DeskPoller()
    for i in range(10):
        for sock in list(socks):
            try:
                sock.send(header[i:i + 1])
            except OSError:
                socks.remove(sock)
                dropped += 1
        time.sleep(1)
    for sock in socks:
        sock.close()
    return f"{desk.summary()} dropped-by-server={dropped}/64"

@case
def keepalive_500():
    go, lock, deadline = threading.Event(), threading.Lock(), time.monotonic() + 15
    answered, codes = [0] * 500, Counter()
    def client(i):
        go.wait()
        try:
            with Conn(max(0.1, deadline - time.monotonic())) as conn:
                for _ in range(5):
                    status = conn.send("GET", "/v1/status").response()[0]
                    with lock:
                        codes[str(status)] += 1
                    answered[i] += status == 200
        except OSError as err:
            with lock:
                codes[describe(err)] += 1
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(500)]
    for thread in threads:
        thread.start()
    start = time.monotonic()
    go.set()
    for thread in threads:
        thread.join(max(0.0, deadline + 1 - time.monotonic()))
    took = time.monotonic() - start
    return f"all-5-answered={answered.count(5)}/500 in {took:.1f}s codes={dict(codes)}"

@case
def fd_exhaustion():
    socks, poller, connected, peak = {}, select.poll(), 0, 0
    for _ in range(1100):
        sock = socket.socket()
        sock.setblocking(False)
        if sock.connect_ex((HOST, ARGS.port)) in (0, errno.EINPROGRESS):
            socks[sock.fileno()] = sock
            poller.register(sock, select.POLLOUT)
        else:
            sock.close()
    start, desk = time.monotonic(), None
    while since(start) < 8000:  # 3 s to connect, then held 5 s; the app's descriptors watched throughout
        for fd, _ in poller.poll(200):
            poller.unregister(fd)
            connected += socks[fd].getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
        desk = desk or (DeskPoller() if since(start) > 3000 else None)
        fds = vitals()[2]
        peak = max(peak, fds if isinstance(fds, int) else 0)
    during = desk.summary()
    for sock in socks.values():
        sock.close()
    return f"connected={connected}/1100 app-peak-fds={peak} {during}"

def first_event(conn):
    """'event' once the event stream's first `data:` line came, else what came instead."""
    status = conn.head()[0]
    if status != 200:
        return str(status)
    try:
        conn.until(b"data: ")
    except TimeoutError:
        return "200-without-event"
    return "event"

def newcomer(timeout):
    with Conn(timeout) as conn:
        return first_event(conn.send("GET", "/v1/events"))

@case
def event_churn():
    tally = Counter()
    for _ in range(5):  # 20 at once: 16 may stream, the 4 past the limit get 503
        conns = []
        for _ in range(20):
            try:
                conns.append(Conn(3).send("GET", "/v1/events"))
            except OSError as err:
                tally[describe(err)] += 1
        for conn in conns:
            with conn:
                tally[attempt(lambda: first_event(conn))] += 1
    start, attempts, last = time.monotonic(), 0, "-"
    while time.monotonic() - start < 2:  # then a newcomer must stream within 2 s
        attempts += 1
        last = attempt(lambda: newcomer(max(0.1, 2 - since(start) / 1000)))
        if last == "event":
            return f"churn={dict(tally)} after-churn=200+event in {since(start):.0f}ms (attempt {attempts})"
        time.sleep(0.2)
    return f"churn={dict(tally)} after-churn=FAIL(last {last} after {attempts} attempts in 2s)"

@case
def token_guessing():
    stop_at, lock, guesses, desk, sent, took = time.monotonic() + 5, threading.Lock(), Counter(), [], [0], [5.0]
    def guesser():  # pipelined batches of 200 on a kept-alive connection
        conn = None
        while sent[0] < 3000 and time.monotonic() < stop_at:
            try:
                conn = conn or Conn(stop_at + 1 - time.monotonic())
                n = min(200, 3000 - sent[0])
                conn.sock.sendall(b"".join(request_bytes("GET", "/v1/status", f"guess-{sent[0] + i}") for i in range(n)))
                sent[0] += n
                for _ in range(n):
                    status = conn.response()[0]
                    with lock:
                        guesses[str(status)] += 1
            except OSError as err:
                with lock:
                    guesses[describe(err)] += 1
                conn = conn and conn.sock.close()
        took[0] = time.monotonic() - start
    start = time.monotonic()
    thread = threading.Thread(target=guesser, daemon=True)
    thread.start()
    while time.monotonic() < stop_at:
        status, _, ms = call("GET", "/v1/status", timeout=1)
        desk.append((str(status or "fail"), ms))
        time.sleep(max(0.0, 0.1 - ms / 1000))
    thread.join(2)
    times = sorted(ms for _, ms in desk)
    return (f"guesses={sent[0]} in {took[0]:.1f}s({dict(guesses)}) desk={dict(Counter(c for c, _ in desk))} "
            f"desk-latency p50={times[len(times) // 2]:.0f}ms max={times[-1]:.0f}ms")

def osc_string(text):
    raw = text.encode() + b"\0"
    return raw + b"\0" * (-len(raw) % 4)

def osc_message(address, types="", *args):
    pack = {"i": lambda a: struct.pack(">i", a), "h": lambda a: struct.pack(">q", a), "s": osc_string}
    return osc_string(address) + osc_string("," + types) + b"".join(pack[t](a) for t, a in zip(types, args))

def osc_bundle(*elements):
    return b"#bundle\0" + struct.pack(">Q", 1) + b"".join(struct.pack(">i", len(e)) + e for e in elements)

def fuzz_datagram(rng):
    """One hostile datagram; none of them may move the show (that takes the token and a
    well-formed Lectern message)."""
    wrong, kind = f"guess-{rng.randrange(10**6)}", rng.randrange(7)
    if kind == 0:  # random bytes
        return rng.randbytes(rng.randrange(1, 1500))
    if kind == 1:  # a message cut short
        whole = osc_message(rng.choice(["/lectern/next", "/lectern/goto"]), "si", wrong, 3)
        return whole[:rng.randrange(1, len(whole))]
    if kind == 2:  # lengths that lie: a blob's, a bundle element's; strings without an end
        return rng.choice([
            osc_string("/lectern/next") + osc_string(",b") + struct.pack(">i", rng.choice([2**31 - 1, -1, -8])) + b"ab",
            b"#bundle\0" + struct.pack(">Q", 1) + struct.pack(">i", rng.choice([2**31 - 1, -4])) + b"/x\0\0",
            b"/lectern/next" + b"A" * rng.randrange(100, 4000),
            osc_string("/lectern/next") + osc_string(",sssssssssssssssssss")])
    if kind == 3:  # bundles nested deeply (the app reads 4,096 bytes of a datagram)
        inner = osc_message("/lectern/next", "s", wrong)
        for _ in range(rng.choice([10, 100, 190, 400])):
            inner = osc_bundle(inner)
        return inner
    if kind == 4:  # the wrong token
        return osc_message(rng.choice(["/lectern/next", "/lectern/previous", "/lectern/blank"]), "s", wrong)
    if kind == 5:  # the right token, with arguments no Lectern message has
        return rng.choice([osc_message("/lectern/goto", "si", ARGS.token, rng.choice([0, -1, -2**31])),
                           osc_message("/lectern/goto", "sh", ARGS.token, rng.choice([2**62, 2**63 - 1])),
                           osc_message("/lectern/goto", "ss", ARGS.token, "no-such-slide-" + wrong),
                           osc_message("/lectern/next", "si", ARGS.token, 1),
                           osc_message("/lectern/quit", "s", ARGS.token)])
    return osc_string("/lectern/next") + osc_string(",s" + "".join(rng.choice("ifsbhdtTFNIcrm[]Z") for _ in range(20)))

@case
def osc_fuzz():
    rng, sock, sent = random.Random(20240917), socket.socket(socket.AF_INET, socket.SOCK_DGRAM), 0
    for i in range(5000):
        try:
            sent += sock.sendto(fuzz_datagram(rng), (HOST, ARGS.osc_port)) > 0
        except OSError:
            pass
        if i % 20 == 0:
            time.sleep(0.002)  # the app's socket buffer holds a few hundred: let it read
    time.sleep(1)
    before, start = slide_not_last(), time.monotonic()
    sock.sendto(osc_message("/lectern/next", "s", ARGS.token), (HOST, ARGS.osc_port))
    while time.monotonic() - start < 2:
        status, data, _ = call("GET", "/v1/status")
        if status == 200 and slide(data) != before:
            return f"sent={sent} valid-next-after=moved {before}->{slide(data)} in {since(start):.0f}ms"
        time.sleep(0.1)
    return f"sent={sent} valid-next-after=FAIL(slide stayed {before})"

def run_bounded(function, limit=25):
    """Runs a case on a thread of its own and gives up on it after `limit` seconds."""
    box = {}
    def target():
        try:
            box["notes"] = function()
        except Exception as err:  # a case's own failure is reported, not raised
            box["notes"] = f"case-error={describe(err)}({err})"
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(limit)
    return box.get("notes", f"case-overran-{limit}s")

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int, required=True, help="the app's process id")
    parser.add_argument("--port", type=int, default=7400)
    parser.add_argument("--osc-port", type=int, default=7401)
    parser.add_argument("--token", default="hostile-token")
    parser.add_argument("--cases", default="", help="letters or names, comma-separated (default: all)")
    parser.add_argument("--watch-only", action="store_true",
                        help="after each case, wait for the loop to move by itself instead of POST /v1/next")
    parser.parse_args(namespace=ARGS)
    letters = {chr(ord("a") + i): entry for i, entry in enumerate(CASES)}
    chosen = [letters.get(c) or (c, dict(CASES)[c]) for c in ARGS.cases.split(",") if c] or CASES
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # case f opens 1,100 sockets
    threading.stack_size(512 * 1024)  # case e runs 500 threads
    failed = dead = False
    for name, function in chosen:
        if dead or not alive():
            dead = failed = True
            print(f"{name}: skipped (the app is not running)", flush=True)
            continue
        notes = run_bounded(function)
        time.sleep(0.2)
        up = alive()
        status, data, ms = call("GET", "/v1/status", timeout=1) if up else (None, "app died", 0)
        desk = f"OK({ms:.0f} ms)" if status == 200 else f"FAIL({status or data}, {ms:.0f} ms)"
        moved = advanced() if up else "no(app died)"
        _, rss, fds = vitals()
        print(f"{name}: desk-status={desk} advanced={moved} rss={rss} MiB fds={fds} alive={'yes' if up else 'no'} "
              f"{notes}", flush=True)
        failed |= status != 200 or moved != "yes" or not up
        dead = not up
    return 1 if failed else 0

if __name__ == "__main__":
    raise SystemExit(main())
