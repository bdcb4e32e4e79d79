#!/usr/bin/env python3
"""duetsim: a Duet / RepRapFirmware 3.x printer simulator for gcode-lapse tests.

It "prints" a G-code file (moves take simulated time, M291 S2/S3 message boxes
block the job until they are acknowledged) and serves the printer protocols on
loopback so that capture-agent can be tested end to end:

  --mode http    standalone RRF web server (rr_connect, rr_model, rr_gcode, ...)
  --mode sbc     Duet Software Framework (/machine/connect, /machine/model, ...)
  --mode serial  a pseudo terminal (USB, or the PanelDue/aux port with --checksum)

Standard library only. See tests/sim/README.md for the flags and the event log.
"""

import argparse
import json
import math
import os
import select
import signal
import socket
import struct
import sys
import threading
import time
import tty
import uuid

MARKERS = ("gLapseInitialize", "gLapseCapture", "gLapseFinish")
MAX_BOXES = 8
FW_VERSION = {"3.5": "3.5.1", "3.4": "3.4.6", "2.0": "2.05.1"}


def is_marker(message):
    """A box is ours when its first word is one of the three markers."""
    words = (message or "").split()
    return bool(words) and words[0] in MARKERS


# --------------------------------------------------------------------------
# G-code line parsing (RRF flavour: quoted strings with "" as escaped quote)
# --------------------------------------------------------------------------

def strip_line(raw):
    """Remove comments, line number and checksum. Returns the bare command."""
    out = []
    inq = False
    paren = False
    for ch in raw:
        if inq:
            out.append(ch)
            if ch == '"':
                inq = False          # "" re-enters on the next quote
            continue
        if paren:
            if ch == ')':
                paren = False
            continue
        if ch == '"':
            inq = True
            out.append(ch)
        elif ch == ';':
            break
        elif ch == '(':
            paren = True
        elif ch == '*':
            break
        else:
            out.append(ch)
    s = "".join(out).strip()
    if s[:1] in ("N", "n"):
        i = 1
        while i < len(s) and s[i].isdigit():
            i += 1
        if i > 1:
            s = s[i:].strip()
    return s


def parse_words(line):
    """Split a command into (letter, number, {param: value}); quoted values
    use RRF's doubled quote as escape."""
    s = line.strip()
    if not s:
        return None, None, {}
    letter = s[0].upper()
    i = 1
    num = ""
    while i < len(s) and (s[i].isdigit() or s[i] == "."):
        num += s[i]
        i += 1
    try:
        number = int(float(num)) if num else None
    except ValueError:
        number = None
    params = {}
    n = len(s)
    while i < n:
        ch = s[i]
        if ch.isspace():
            i += 1
            continue
        if ch.isalpha():
            key = ch.upper()
            i += 1
            if i < n and s[i] == '"':
                i += 1
                val = []
                while i < n:
                    if s[i] == '"':
                        if i + 1 < n and s[i + 1] == '"':
                            val.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    val.append(s[i])
                    i += 1
                params[key] = "".join(val)
            else:
                start = i
                while i < n and not s[i].isspace() and not (s[i].isalpha() and s[i] not in "eE"):
                    i += 1
                params[key] = s[start:i]
        else:
            i += 1
    return letter, number, params


def num_param(params, key, default=None):
    if key not in params:
        return default
    try:
        return float(params[key])
    except ValueError:
        return default


def int_param(params, key, default=None):
    v = num_param(params, key, None)
    return default if v is None else int(v)


# --------------------------------------------------------------------------
# Serial checksums
# --------------------------------------------------------------------------

def xor_check(data):
    c = 0
    for b in data:
        c ^= b
    return c


def crc16_xmodem(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


# --------------------------------------------------------------------------
# HTTP query parsing (own, strict like RRF: upper-case hex escapes only)
# --------------------------------------------------------------------------

class BadEscape(Exception):
    pass


HEXU = "0123456789ABCDEF"


def unescape(s):
    out = bytearray()
    i = 0
    b = s.encode("utf-8", "surrogateescape")
    while i < len(b):
        c = b[i]
        if c == ord("+"):
            out.append(32)
            i += 1
        elif c == ord("%"):
            h = b[i + 1:i + 3].decode("latin-1")
            if len(h) != 2 or h[0] not in HEXU or h[1] not in HEXU:
                raise BadEscape(h)
            out.append(int(h, 16))
            i += 3
        else:
            out.append(c)
            i += 1
    return out.decode("utf-8", "replace")


def parse_query(q):
    params = {}
    if not q:
        return params
    for part in q.split("&"):
        if not part:
            continue
        k, _, v = part.partition("=")
        params[unescape(k)] = unescape(v)
    return params


# --------------------------------------------------------------------------
# The simulated printer
# --------------------------------------------------------------------------

class Box:
    def __init__(self, seq, message, title, mode, timeout_s, source, controls, cancel):
        self.seq = seq
        self.message = message
        self.title = title
        self.mode = mode
        self.timeout_s = timeout_s
        self.source = source
        self.controls = controls
        self.cancel = cancel
        self.shown_at = time.monotonic()
        self.deadline = self.shown_at + timeout_s if timeout_s > 0 else None
        self.head_since = None
        self.closed = False
        self.marker = is_marker(message)


class Sim:
    def __init__(self, args):
        self.a = args
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.stop = threading.Event()
        self.t0 = time.monotonic()
        self.boot = time.monotonic()
        self.log_lock = threading.Lock()
        self.logf = open(args.log, "a", buffering=1) if args.log else None
        # message boxes
        self.boxes = []
        self.seq = 0
        self.boxes_shown = 0
        self.blocked = []           # ms per closed blocking box
        self.p1_seen = False
        self.foreign_acks = 0
        # job
        self.lines = []
        self.line_bytes = []        # each line's length in the file, "\n" included
        self.data = b""             # the file as rr_download serves it
        self.job_name = os.path.basename(args.gcode)
        self.job_size = 0
        self.file_pos = 0
        self.line_no = 0
        self.job_state = "idle"     # idle | processing | done | cancelled
        self.job_done = threading.Event()
        self.aborted = False
        self.pos = {"X": 0.0, "Y": 0.0, "Z": 0.0, "E": 0.0}
        self.feed = 6000.0
        self.relative = False
        self.inches = False
        self.rebooting = False
        self.reboots = 0
        # network
        self.sessions = {}          # key (or ip) -> last use (monotonic)
        self.next_key = 1000 + (os.getpid() % 5000)
        self.req_count = 0
        self.gcode_count = 0
        self.since_connect = 0
        self.forced_401 = False
        self.reply_buf = ""
        self.reply_seq = 0
        self.front = None           # HttpFront or SerialFront

    # ----- logging -----
    def log(self, event, **kw):
        rec = {"event": event, "t": round(time.monotonic() - self.t0, 3)}
        rec.update(kw)
        if self.logf:
            with self.log_lock:
                try:
                    self.logf.write(json.dumps(rec) + "\n")
                    self.logf.flush()
                except (OSError, ValueError):
                    pass
        if self.a.verbose:
            sys.stderr.write("duetsim: %s\n" % json.dumps(rec))
            sys.stderr.flush()

    def debug(self, msg):
        if self.a.verbose:
            sys.stderr.write("duetsim: %s\n" % msg)
            sys.stderr.flush()

    # ----- message boxes -----
    def show_box(self, message, title, mode, timeout_s, source, controls=0, cancel=False):
        with self.lock:
            self.seq += 1
            b = Box(self.seq, message, title, mode, timeout_s, source, controls, cancel)
            self.boxes.append(b)
            self.boxes_shown += 1
            self.log("box_shown", seq=b.seq, message=message, title=title, mode=mode,
                     source=source, marker=b.marker, timeout=timeout_s)
            if mode < 2 and timeout_s <= 0:
                # non-blocking box without timeout: shown and gone at once
                self.close_box(b, "timeout")
            self.update_heads()
            self.cond.notify_all()
            return b

    def close_box(self, b, by):
        with self.lock:
            if b.closed:
                return
            b.closed = True
            if b in self.boxes:
                self.boxes.remove(b)
            ms = int((time.monotonic() - b.shown_at) * 1000)
            if b.mode >= 2:
                self.blocked.append(ms)
            self.log("box_closed", seq=b.seq, by=by, ms_shown=ms, message=b.message)
            self.update_heads()
            self.cond.notify_all()

    def update_heads(self):
        if self.boxes and self.boxes[0].head_since is None:
            self.boxes[0].head_since = time.monotonic()

    def box_json(self, b):
        if b is None:
            return None
        return {"axisControls": b.controls, "cancelButton": b.cancel, "message": b.message,
                "mode": b.mode, "seq": b.seq, "timeout": int(b.timeout_s * 1000), "title": b.title}

    def head(self):
        return self.boxes[0] if self.boxes else None

    def tick(self):
        """Timers: box timeouts, the simulated user and the other UI."""
        while not self.stop.is_set():
            time.sleep(0.02)
            with self.lock:
                now = time.monotonic()
                for b in list(self.boxes):
                    if b.deadline is not None and now >= b.deadline:
                        self.close_box(b, "timeout")
                h = self.head()
                if h is None or h.head_since is None:
                    continue
                waited = (now - h.head_since) * 1000
                if not h.marker and h.source != "api" and self.a.user_ack_ms >= 0 \
                        and waited >= self.a.user_ack_ms:
                    self.close_box(h, "user")
                elif h.marker and self.a.other_ui_ack_ms >= 0 and waited >= self.a.other_ui_ack_ms:
                    self.close_box(h, "other-ui")

    # ----- API G-code execution (agent side) -----
    def m292(self, params):
        p = int_param(params, "P", 0)
        s = int_param(params, "S", None)
        with self.lock:
            if p == 1:
                self.p1_seen = True
            if not self.boxes:
                self.log("m292", p=p, s=s, accepted=False, reason="no box")
                return
            if s is not None and self.a.rrf in ("3.4", "2.0"):
                # 3.4 and older ignore S: every waiting box is released
                targets = list(self.boxes)
            elif s is not None:
                targets = [b for b in self.boxes if b.seq == s]
                if not targets:
                    self.log("m292", p=p, s=s, accepted=False, reason="wrong seq",
                             open=[b.seq for b in self.boxes])
                    return
            elif self.a.rrf in ("3.4", "2.0"):
                targets = list(self.boxes)
            else:
                targets = [self.boxes[0]]
            for b in targets:
                if not b.marker:
                    self.foreign_acks += 1
                self.close_box(b, "agent")
            self.log("m292", p=p, s=s, accepted=True,
                     reason="cancel" if p == 1 else "closed",
                     closed=[b.seq for b in targets],
                     foreign=[b.seq for b in targets if not b.marker])
            if p == 1:
                self.abort_job("M292 P1")

    def abort_job(self, why):
        with self.lock:
            if self.job_state in ("done", "cancelled"):
                return
            self.aborted = True
            for b in list(self.boxes):
                self.close_box(b, "abort")
            self.log("job_cancelled", reason=why, line=self.line_no)
            self.cond.notify_all()

    def exec_api(self, text, channel):
        """Run one or more G-code lines sent by a client; return the reply text."""
        replies = []
        for raw in text.replace("\r", "\n").split("\n"):
            line = strip_line(raw)
            if not line:
                continue
            letter, number, params = parse_words(line)
            r = self.exec_api_line(letter, number, params, line, channel)
            if r:
                replies.append(r)
        return "\n".join(replies)

    def exec_api_line(self, letter, number, params, line, channel):
        if letter == "M" and number == 292:
            self.m292(params)
            return ""
        if letter == "M" and number == 291:
            self.show_box(params.get("P", ""), params.get("R", ""), int_param(params, "S", 1),
                          num_param(params, "T", 0.0) or 0.0, "api")
            return ""
        if letter == "M" and number == 409:
            if self.a.rrf == "2.0":
                return "Error: M409: Command is not supported"
            key = params.get("K", "")
            flags = params.get("F", "")
            return json.dumps({"key": key, "flags": flags, "result": self.lookup(key)},
                              separators=(",", ":"))
        if letter == "M" and number == 408:
            return json.dumps(self.status1(), separators=(",", ":"))
        if letter == "M" and number == 115:
            return ("FIRMWARE_NAME: RepRapFirmware for Duet 3 (duetsim) FIRMWARE_VERSION: %s "
                    "ELECTRONICS: duetsim FIRMWARE_DATE: 2024-01-01" % FW_VERSION[self.a.rrf])
        if letter == "M" and number == 0:
            self.abort_job("M0")
            return ""
        if letter in ("G", "M", "T"):
            return ""
        return "Error: Bad command: %s" % line

    # ----- object model -----
    def status_word(self):
        if self.job_state == "processing":
            return "processing"
        return "idle"

    def model(self):
        with self.lock:
            up = time.monotonic() - self.boot
            running = self.job_state == "processing"
            return {
                "boards": [{"firmwareName": "RepRapFirmware", "firmwareVersion": FW_VERSION[self.a.rrf],
                            "name": "duetsim", "shortName": "duetsim"}],
                "job": {
                    "file": {"fileName": ("0:/gcodes/" + self.job_name) if running else None,
                             "size": self.job_size if running else 0},
                    "filePosition": self.file_pos,
                    "duration": int(time.monotonic() - self.job_t0) if running else None,
                    "lastFileName": ("0:/gcodes/" + self.job_name)
                    if self.job_state in ("done", "cancelled") else None,
                },
                "move": {"axes": [{"letter": k, "userPosition": round(self.pos[k], 3)}
                                  for k in ("X", "Y", "Z")]},
                "state": {
                    "currentTool": 0,
                    "machineMode": "FFF",
                    "messageBox": self.box_json(self.head()),
                    "msUpTime": int((up * 1000) % 1000),
                    "status": self.status_word(),
                    "upTime": int(up),
                },
            }

    def lookup(self, key):
        m = self.model()
        if not key:
            return m
        cur = m
        for part in key.split("."):
            if isinstance(cur, dict) and part in cur:
                cur = cur[part]
            else:
                return None
        return cur

    def status1(self):
        """Legacy rr_status?type=1 / M408 S1."""
        with self.lock:
            h = self.head()
            st = {"status": "P" if self.job_state == "processing" else "I",
                  "coords": {"xyz": [round(self.pos[k], 3) for k in ("X", "Y", "Z")],
                             "extr": [round(self.pos["E"], 3)]},
                  "seq": self.reply_seq,
                  "time": int(time.monotonic() - self.boot)}
            if h is not None:
                left = 0.0
                if h.deadline is not None:
                    left = max(0.0, round(h.deadline - time.monotonic(), 1))
                st["output"] = {"msgBox": {"msg": h.message, "title": h.title, "mode": h.mode,
                                           "seq": h.seq, "timeout": left, "controls": h.controls}}
            return st

    # ----- the job -----
    def sleep(self, secs):
        end = time.monotonic() + secs
        while not self.stop.is_set() and not self.aborted:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.05))

    def move(self, params, rapid):
        scale = 25.4 if self.inches else 1.0
        if "F" in params:
            f = num_param(params, "F", None)
            if f and f > 0:
                self.feed = f * scale
        new = dict(self.pos)
        for k in ("X", "Y", "Z", "E"):
            v = num_param(params, k, None)
            if v is None:
                continue
            v *= scale
            new[k] = self.pos[k] + v if self.relative else v
        d = math.sqrt(sum((new[k] - self.pos[k]) ** 2 for k in ("X", "Y", "Z")))
        if d == 0:
            d = abs(new["E"] - self.pos["E"])
        with self.lock:
            self.pos = new
        if self.a.speed > 0 and d > 0:
            self.sleep(d / (self.feed / 60.0) / self.a.speed)

    def run_job(self):
        with self.lock:
            self.job_state = "processing"
            self.job_t0 = time.monotonic()
        self.log("job_started", file=self.a.gcode, lines=len(self.lines))
        offset = 0
        for idx, raw in enumerate(self.lines):
            if self.stop.is_set() or self.aborted:
                break
            with self.lock:
                self.line_no = idx + 1
                self.file_pos = offset
            offset += self.line_bytes[idx]
            if self.a.fault_reboot_at_line and idx + 1 == self.a.fault_reboot_at_line \
                    and self.reboots == 0:
                self.reboot()
            line = strip_line(raw)
            if line:
                self.exec_job_line(line)
        with self.lock:
            self.file_pos = min(offset, self.job_size)
            if self.aborted:
                self.job_state = "cancelled"
            elif not self.stop.is_set():
                self.job_state = "done"
                self.log("job_finished", lines=len(self.lines))
        self.job_done.set()

    def exec_job_line(self, line):
        letter, number, params = parse_words(line)
        if letter == "G" and number in (0, 1):
            self.move(params, number == 0)
        elif letter == "G" and number == 4:
            secs = num_param(params, "S", 0.0) + num_param(params, "P", 0.0) / 1000.0
            if self.a.speed > 0:
                self.sleep(secs / self.a.speed)
        elif letter == "G" and number == 90:
            self.relative = False
        elif letter == "G" and number == 91:
            self.relative = True
        elif letter == "G" and number == 20:
            self.inches = True
        elif letter == "G" and number == 21:
            self.inches = False
        elif letter == "G" and number == 92:
            scale = 25.4 if self.inches else 1.0
            with self.lock:
                for k in ("X", "Y", "Z", "E"):
                    v = num_param(params, k, None)
                    if v is not None:
                        self.pos[k] = v * scale
        elif letter == "M" and number == 291:
            self.job_m291(params)
        # M400 and everything else: moves are synchronous, nothing to wait for

    def job_m291(self, params):
        mode = int_param(params, "S", 1)
        timeout = num_param(params, "T", 0.0) or 0.0
        msg = params.get("P", "")
        source = "job" if is_marker(msg) else "user"
        with self.lock:
            while len(self.boxes) >= MAX_BOXES and not self.stop.is_set() and not self.aborted:
                self.cond.wait(0.1)
            if self.stop.is_set() or self.aborted:
                return
            b = self.show_box(msg, params.get("R", ""), mode, timeout, source,
                              controls=int_param(params, "Z", 0) or 0,
                              cancel=int_param(params, "J", 0) == 1)
            if mode >= 2:
                while not b.closed and not self.stop.is_set() and not self.aborted:
                    self.cond.wait(0.1)

    def reboot(self):
        self.log("reboot", line=self.line_no, down_ms=self.a.reboot_ms)
        with self.lock:
            self.rebooting = True
            self.reboots += 1
            for b in list(self.boxes):
                self.close_box(b, "reboot")
        if self.front:
            self.front.go_down()
        self.sleep(self.a.reboot_ms / 1000.0)
        with self.lock:
            self.seq = 0
            self.boot = time.monotonic()
            self.sessions.clear()
            self.reply_buf = ""
            self.reply_seq = 0
            self.rebooting = False
        if self.front:
            self.front.come_up()
        self.log("rebooted", line=self.line_no)

    # ----- sessions -----
    def purge_sessions(self):
        now = time.monotonic()
        tmo = self.a.session_timeout_ms / 1000.0
        for k in [k for k, t in self.sessions.items() if now - t > tmo]:
            del self.sessions[k]

    def open_access(self):
        return self.a.password in ("", "reprap")

    def summary(self, finished):
        with self.lock:
            blocked = list(self.blocked)
            now = time.monotonic()
            for b in self.boxes:
                if b.mode >= 2:
                    blocked.append(int((now - b.shown_at) * 1000))
            return {"finished": finished, "boxes": self.boxes_shown, "p1_seen": self.p1_seen,
                    "foreign_acks_by_agent": self.foreign_acks, "blocked_ms": blocked,
                    "sessions": len(self.sessions),
                    "cancelled": self.job_state == "cancelled", "lines": self.line_no,
                    "reboots": self.reboots}


# --------------------------------------------------------------------------
# HTTP front (standalone RRF and DSF)
# --------------------------------------------------------------------------

REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 500: "Internal Server Error", 503: "Service Unavailable"}


class HttpFront:
    def __init__(self, sim, bind, port):
        self.sim = sim
        self.bind = bind
        self.port = port
        self.sock = None
        self.sock_lock = threading.Lock()

    def listen(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for _ in range(100):
            try:
                s.bind((self.bind, self.port))
                break
            except OSError:
                if self.port == 0:
                    raise
                time.sleep(0.05)
        else:
            s.bind((self.bind, self.port))
        s.listen(32)
        self.port = s.getsockname()[1]
        with self.sock_lock:
            self.sock = s
        threading.Thread(target=self.accept_loop, args=(s,), daemon=True).start()

    def go_down(self):
        with self.sock_lock:
            s, self.sock = self.sock, None
        if s:
            try:
                s.close()
            except OSError:
                pass

    def come_up(self):
        self.listen()

    def accept_loop(self, s):
        while not self.sim.stop.is_set():
            with self.sock_lock:
                if self.sock is not s:
                    return
            try:
                r, _, _ = select.select([s], [], [], 0.2)
            except (OSError, ValueError):
                return
            if not r:
                continue
            try:
                conn, addr = s.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn, addr), daemon=True).start()

    def serve(self, conn, addr):
        try:
            conn.settimeout(10)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
                if len(data) > 65536:
                    return
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            if len(parts) < 2:
                return
            method, target = parts[0].upper(), parts[1]
            headers = {}
            for l in lines[1:]:
                k, _, v = l.partition(":")
                headers[k.strip().lower()] = v.strip()
            clen = int(headers.get("content-length", "0") or 0)
            if clen > len(body) and headers.get("expect", "").lower() == "100-continue":
                conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
            while len(body) < clen:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                body += chunk
            try:
                res = self.sim.handle_http(method, target, headers, body[:clen], addr[0])
            except Exception as e:          # a simulator bug must not kill the demo
                self.sim.log("internal_error", where="http", error=repr(e))
                res = (500, TEXT, "internal error")
            if res is None:
                # reset fault: abort the connection without an answer
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            status, ctype, payload = res
            if isinstance(payload, str):
                payload = payload.encode("utf-8")
            hdr = ("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                   "Cache-Control: no-cache, no-store, must-revalidate\r\n"
                   "Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n"
                   % (status, REASONS.get(status, "Unknown"), ctype, len(payload)))
            conn.sendall(hdr.encode("latin-1") + (payload if method != "HEAD" else b""))
        except (OSError, ValueError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass


JSONT = "application/json"
TEXT = "text/plain"


def jdump(o):
    return json.dumps(o, separators=(",", ":"))


def handle_http(self, method, target, headers, body, ip):
    a = self.a
    path, _, query = target.partition("?")
    with self.lock:
        self.req_count += 1
        n = self.req_count
    if a.fault_reset_every and n % a.fault_reset_every == 0:
        self.log("fault", kind="reset", path=path, request=n)
        return None
    if a.fault_slow_ms:
        time.sleep(a.fault_slow_ms / 1000.0)
    if a.mode == "sbc":
        res = self.handle_sbc(method, path, query, headers, body, ip)
    else:
        res = self.handle_rrf(method, path, query, headers, ip)
    if a.log_requests:
        self.log("request", path=path, method=method, status=res[0] if res else None)
    return res


Sim.handle_http = handle_http


def check_401_fault(self, path):
    """--fault-401-after N: after N requests the session is gone until reconnect."""
    if not self.a.fault_401_after:
        return False
    with self.lock:
        if self.forced_401:
            return True
        self.since_connect += 1
        if self.since_connect > self.a.fault_401_after:
            self.forced_401 = True
            self.sessions.clear()
            self.log("fault", kind="session-expired", path=path)
            return True
    return False


Sim.check_401_fault = check_401_fault


def handle_rrf(self, method, path, query, headers, ip):
    a = self.a
    try:
        q = parse_query(query)
    except BadEscape:
        return 500, TEXT, "bad escape"
    if method not in ("GET", "HEAD"):
        return 404, TEXT, "not found"
    if path == "/rr_connect":
        with self.lock:
            self.purge_sessions()
            if not self.open_access() and q.get("password", "") != a.password:
                return 200, JSONT, jdump({"err": 1})
            use_key = a.rrf == "3.5" and q.get("sessionKey", "") in ("yes", "true", "1")
            if len(self.sessions) >= a.max_sessions and (use_key or ip not in self.sessions):
                return 200, JSONT, jdump({"err": 2})
            self.forced_401 = False
            self.since_connect = 0
            r = {"err": 0, "sessionTimeout": a.session_timeout_ms, "boardType": "duetsim"}
            if a.rrf != "2.0":
                r["apiLevel"] = 2 if a.rrf == "3.5" else 1
            if use_key:
                self.next_key += 1
                key = str(self.next_key)
                self.sessions[key] = time.monotonic()
                r["sessionKey"] = self.next_key
            else:
                self.sessions[ip] = time.monotonic()
            r["isEmulated"] = False
            self.log("connect", ip=ip, session_key=r.get("sessionKey"),
                     sessions=len(self.sessions))
            return 200, JSONT, jdump(r)
    known = ("/rr_disconnect", "/rr_model", "/rr_gcode", "/rr_reply", "/rr_status",
             "/rr_download")
    if path not in known or (path == "/rr_model" and a.rrf == "2.0") \
            or (path == "/rr_status" and a.no_rr_status):
        return 404, TEXT, "not found"
    if path == "/rr_model" and a.fault_404_model:
        with self.lock:
            self.model_count = getattr(self, "model_count", 0) + 1
            if self.model_count == a.fault_404_model:
                self.log("fault", kind="404", path=path)
                return 404, TEXT, "not found"
    if self.check_401_fault(path):
        return 401, JSONT, jdump({"err": 1})
    with self.lock:
        self.purge_sessions()
        key = headers.get("x-session-key", "")
        ok = False
        if key and key in self.sessions:
            self.sessions[key] = time.monotonic()
            ok = True
        elif ip in self.sessions:
            self.sessions[ip] = time.monotonic()
            ok = True
        if not ok and not self.open_access():
            return 401, JSONT, jdump({"err": 1})
    if path == "/rr_disconnect":
        with self.lock:
            self.sessions.pop(key, None) if key else self.sessions.pop(ip, None)
        return 200, JSONT, jdump({"err": 0})
    if path == "/rr_model":
        k = q.get("key", "")
        flags = q.get("flags", "")
        return 200, JSONT, jdump({"key": k, "flags": flags, "result": self.lookup(k)})
    if path == "/rr_status":
        return 200, JSONT, jdump(self.status1())
    if path == "/rr_reply":
        with self.lock:
            r, self.reply_buf = self.reply_buf, ""
        return 200, TEXT, r
    if path == "/rr_download":
        # the one file on this printer's card is the job
        name = q.get("name", "")
        if name not in ("0:/gcodes/" + self.job_name, "/gcodes/" + self.job_name,
                        "gcodes/" + self.job_name):
            return 404, JSONT, jdump({"err": 1})
        self.log("download", name=name, bytes=len(self.data))
        return 200, "application/octet-stream", self.data
    # /rr_gcode
    with self.lock:
        self.gcode_count += 1
        n = self.gcode_count
    if a.fault_503_every and n % a.fault_503_every == 0:
        self.log("fault", kind="503", gcode=q.get("gcode", ""))
        return 503, TEXT, "Service Unavailable"
    code = q.get("gcode", "")
    reply = self.exec_api(code, "http")
    with self.lock:
        if reply:
            self.reply_buf += reply + "\n"
            self.reply_seq += 1
        buff = max(0, 255 - len(code))
    return 200, JSONT, jdump({"buff": buff})


Sim.handle_rrf = handle_rrf


def handle_sbc(self, method, path, query, headers, body, ip):
    a = self.a
    try:
        q = parse_query(query)
    except BadEscape:
        return 400, TEXT, "bad escape"
    if path == "/machine/connect" and method == "GET":
        if not self.open_access() and q.get("password", "") != a.password:
            return 403, TEXT, "Invalid password"
        with self.lock:
            self.purge_sessions()
            key = str(uuid.uuid4())
            self.sessions[key] = time.monotonic()
            self.forced_401 = False
            self.since_connect = 0
        self.log("connect", ip=ip, session_key=key, sessions=len(self.sessions))
        return 200, JSONT, jdump({"sessionKey": key, "sessionTimeout": a.session_timeout_ms})
    known = ("/machine/disconnect", "/machine/model", "/machine/code", "/machine/status")
    if path not in known:
        return 404, TEXT, "not found"
    if self.check_401_fault(path):
        return 401, TEXT, ""
    with self.lock:
        self.purge_sessions()
        key = headers.get("x-session-key", "")
        if not key or key not in self.sessions:
            return 401, TEXT, ""
        self.sessions[key] = time.monotonic()
    if path == "/machine/disconnect":
        with self.lock:
            self.sessions.pop(key, None)
        return 200, TEXT, ""
    if path in ("/machine/model", "/machine/status"):
        if method != "GET":
            return 405, TEXT, ""
        return 200, JSONT, jdump(self.model())
    # /machine/code
    if method != "POST":
        return 405, TEXT, "Method Not Allowed"
    with self.lock:
        self.gcode_count += 1
        n = self.gcode_count
    code = body.decode("utf-8", "replace")
    if a.fault_503_every and n % a.fault_503_every == 0:
        self.log("fault", kind="503", gcode=code)
        return 503, TEXT, "Service Unavailable"
    return 200, TEXT, self.exec_api(code, "sbc")


Sim.handle_sbc = handle_sbc


# --------------------------------------------------------------------------
# Serial front (pty)
# --------------------------------------------------------------------------

class SerialFront:
    def __init__(self, sim):
        self.sim = sim
        self.a = sim.a
        self.master = None
        self.slave = None
        self.path = None
        self.wlock = threading.Lock()
        self.down = False
        self.out_seq = 0
        self.paneldue = self.a.checksum != "none"
        self.gen = 0

    def open(self):
        m, s = os.openpty()
        tty.setraw(s)
        # no echo, no CR/LF translation: a plain 8-bit line
        self.master, self.slave = m, s
        self.path = os.ttyname(s)
        self.gen += 1
        if self.a.link:
            tmp = self.a.link + ".tmp%d" % os.getpid()
            try:
                os.unlink(tmp)
            except OSError:
                pass
            os.symlink(self.path, tmp)
            os.replace(tmp, self.a.link)
        threading.Thread(target=self.read_loop, args=(m, self.gen), daemon=True).start()
        if self.a.serial_chatter > 0 and self.gen == 1:
            threading.Thread(target=self.chatter_loop, daemon=True).start()

    def go_down(self):
        self.down = True
        if not self.paneldue:
            self.gen += 1
            # USB: the device disappears; the client's descriptor hangs up
            m, s = self.master, self.slave
            self.master = None
            if self.a.link:
                try:
                    os.unlink(self.a.link)
                except OSError:
                    pass
            for fd in (m, s):
                try:
                    os.close(fd)
                except OSError:
                    pass

    def come_up(self):
        if not self.paneldue:
            self.open()
            self.sim.log("serial_device", path=self.path)
        self.down = False

    def write(self, text):
        with self.wlock:
            m = self.master
            if m is None or self.down:
                return
            data = text.encode("utf-8")
            while data:
                try:
                    n = os.write(m, data)
                    data = data[n:]
                except BlockingIOError:
                    time.sleep(0.01)
                except OSError:
                    return

    def wrap(self, text):
        self.out_seq += 1
        return jdump({"seq": self.out_seq, "resp": text + "\n"}) + "\n"

    def read_loop(self, m, gen):
        buf = b""
        while not self.sim.stop.is_set() and self.gen == gen:
            try:
                r, _, _ = select.select([m], [], [], 0.2)
            except (OSError, ValueError):
                return
            if not r:
                continue
            try:
                chunk = os.read(m, 4096)
            except OSError:
                return
            if not chunk:
                return
            if self.down:
                continue
            buf += chunk
            while True:
                i = buf.find(b"\n")
                j = buf.find(b"\r")
                cut = min(x for x in (i, j, len(buf)) if x >= 0)
                if cut == len(buf):
                    break
                line, buf = buf[:cut], buf[cut + 1:]
                if line.strip():
                    try:
                        self.handle_line(line)
                    except Exception as e:
                        self.sim.log("internal_error", where="serial", error=repr(e))
            if len(buf) > 4096:
                buf = b""

    def check(self, line):
        """PanelDue port: N<n> ... *<check>. Returns the command or None."""
        star = line.rfind(b"*")
        if star < 0 or not line.lstrip().startswith(b"N"):
            return None
        digits = line[star + 1:].strip()
        if not digits.isdigit():
            return None
        before = line[:star]
        if self.a.checksum == "xor":
            if not 1 <= len(digits) <= 3 or int(digits) != xor_check(before):
                return None
        else:
            if len(digits) != 5 or int(digits) != crc16_xmodem(before):
                return None
        return before.decode("utf-8", "replace")

    def handle_line(self, raw):
        if self.paneldue:
            text = self.check(raw.strip())
            if text is None:
                self.sim.log("serial_dropped", line=raw.decode("utf-8", "replace"))
                return
        else:
            # USB: checksums are optional, but a line that carries one must match
            text = raw.decode("utf-8", "replace")
            line = raw.strip()
            star = line.rfind(b"*")
            if line.startswith(b"N") and star > 0 and b'"' not in line[star:]:
                digits = line[star + 1:].strip()
                good = digits.isdigit() and (
                    (len(digits) <= 3 and int(digits) == xor_check(line[:star])) or
                    (len(digits) == 5 and int(digits) == crc16_xmodem(line[:star])))
                if not good:
                    self.sim.log("serial_dropped", line=text)
                    return
        cmd = strip_line(text)
        if not cmd:
            return
        letter, number, params = parse_words(cmd)
        reply = self.sim.exec_api(cmd, "serial")
        if self.a.fault_slow_ms:
            time.sleep(self.a.fault_slow_ms / 1000.0)
        is_json = letter == "M" and number in (408, 409) and reply.startswith("{")
        if self.paneldue:
            # aux port in PanelDue mode: JSON as is, text wrapped, no "ok"
            if is_json:
                self.write(reply + "\n")
            elif reply:
                self.write(self.wrap(reply))
        else:
            # USB: the reply, then "ok"; JSON replies are followed by an empty line
            if is_json:
                self.write(reply + "\n\nok\n")
            elif reply:
                self.write(reply + "\nok\n")
            else:
                self.write("ok\n")

    def chatter_loop(self):
        msgs = ["Warning: heater 1 temperature reading is unstable",
                "echo: filament sensor idle",
                "Warning: driver 0 standstill",
                "echo: macro done"]
        i = 0
        while not self.sim.stop.wait(self.a.serial_chatter):
            m = msgs[i % len(msgs)]
            i += 1
            if self.paneldue:
                self.write(self.wrap(m))
            else:
                self.write(m + "\n")


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(prog="duetsim", description="Duet/RepRapFirmware printer simulator")
    p.add_argument("--gcode", required=True, help="the job to print")
    p.add_argument("--speed", type=float, default=50.0,
                   help="time scale for moves and dwells (0 = no time) [50]")
    p.add_argument("--mode", choices=("http", "sbc", "serial"), default="http")
    p.add_argument("--port", type=int, default=0, help="TCP port, 0 = pick a free one")
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--link", help="serial: symlink to create for the pty")
    p.add_argument("--checksum", choices=("none", "xor", "crc"), default="none",
                   help="serial: none = USB; xor/crc = PanelDue (aux) port mode")
    p.add_argument("--serial-chatter", type=float, default=0.0, metavar="S",
                   help="serial: unsolicited line every S seconds (0 = off)")
    p.add_argument("--password", default="reprap")
    p.add_argument("--rrf", choices=("3.5", "3.4", "2.0"), default="3.5")
    p.add_argument("--log", help="JSON-lines event log")
    p.add_argument("--log-requests", action="store_true", help="log every HTTP request")
    p.add_argument("--linger", type=float, default=1.0, help="seconds to stay up after the job")
    p.add_argument("--timeout", type=float, default=0.0, help="hard limit in seconds (exit 3)")
    p.add_argument("--user-ack-ms", type=int, default=1500,
                   help="the simulated user closes foreign prompts after N ms (-1 never)")
    p.add_argument("--other-ui-ack-ms", type=int, default=-1,
                   help="another UI closes marker boxes after N ms (-1 never)")
    p.add_argument("--session-timeout-ms", type=int, default=8000)
    p.add_argument("--max-sessions", type=int, default=8)
    p.add_argument("--fault-401-after", type=int, default=0, metavar="N")
    p.add_argument("--fault-503-every", type=int, default=0, metavar="N")
    p.add_argument("--fault-reset-every", type=int, default=0, metavar="N")
    p.add_argument("--fault-slow-ms", type=int, default=0, metavar="MS")
    p.add_argument("--fault-404-model", type=int, default=0, metavar="N",
                   help="the Nth rr_model request answers 404")
    p.add_argument("--no-rr-status", action="store_true",
                   help="rr_status answers 404 (as RRF 3.6 may)")
    p.add_argument("--fault-reboot-at-line", type=int, default=0, metavar="N")
    p.add_argument("--reboot-ms", type=int, default=2000, help="how long a reboot takes")
    p.add_argument("--start-delay", type=float, default=0.0,
                   help="seconds between READY and the start of the job")
    p.add_argument("-v", "--verbose", action="store_true", help="events to stderr")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        with open(args.gcode, "rb") as f:
            data = f.read()
    except OSError as e:
        sys.stderr.write("duetsim: %s: %s\n" % (args.gcode, e.strerror))
        return 2
    sim = Sim(args)
    raw = data.split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    sim.lines = [r.decode("utf-8", "replace") for r in raw]
    sim.line_bytes = [len(r) + 1 for r in raw]
    sim.data = data
    sim.job_size = len(data)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())

    try:
        if args.mode == "serial":
            front = SerialFront(sim)
            front.open()
            ready = "READY serial %s" % front.path
        else:
            front = HttpFront(sim, args.bind, args.port)
            front.listen()
            ready = "READY %s %s:%d" % (args.mode, args.bind, front.port)
    except OSError as e:
        sys.stderr.write("duetsim: cannot start %s front: %s\n" % (args.mode, e))
        return 2
    sim.front = front
    threading.Thread(target=sim.tick, daemon=True).start()
    try:
        sys.stdout.write(ready + "\n")
        sys.stdout.flush()
    except OSError:
        pass

    def job():
        if args.start_delay > 0:
            sim.stop.wait(args.start_delay)
        sim.run_job()
    threading.Thread(target=job, daemon=True).start()

    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    code = 0
    finished_at = None
    while True:
        if done.wait(0.05):
            code = 0
            break
        now = time.monotonic()
        if deadline is not None and now >= deadline:
            code = 3
            sim.log("timeout", seconds=args.timeout)
            break
        if sim.job_done.is_set():
            if finished_at is None:
                finished_at = now
            if now - finished_at >= args.linger:
                code = 0 if sim.job_state == "done" else 4
                break
    sim.stop.set()
    finished = sim.job_state == "done"
    sim.log("summary", **sim.summary(finished))
    if args.mode == "serial" and args.link:
        try:
            if os.path.islink(args.link):
                os.unlink(args.link)
        except OSError:
            pass
    try:
        front.go_down()
    except Exception:
        pass
    if sim.logf:
        sim.logf.close()
    return code


if __name__ == "__main__":
    try:
        rc = main()
    except KeyboardInterrupt:
        rc = 0
    sys.stdout.flush()
    os._exit(rc)
