#!/usr/bin/env python3
"""PTP/IP camera simulator for gcode-lapse tests.

A generic PTP/IP still camera that libgphoto2's "PTP/IP Camera" driver
(camlibs/ptp2/ptpip.c, tested against libgphoto2 2.5.30) can connect to,
trigger (InitiateCapture), list, download from and delete on, and whose
standard device properties (ISO, white balance, ...) it can get and set.  Standard
library only; listens on 127.0.0.1 only.

Port path for libgphoto2:  ptpip:127.0.0.1:PORT:PORT
See tests/sim/README-ptpip.md for flags, log format and driver facts.
"""

import argparse
import datetime
import json
import math
import os
import signal
import socket
import struct
import sys
import threading
import time

# --------------------------------------------------------------------------
# PTP / PTP-IP constants (PTP 1.0 / CIPA DC-005)
# --------------------------------------------------------------------------

# PTP/IP packet types
PT_INIT_CMD_REQ = 1
PT_INIT_CMD_ACK = 2
PT_INIT_EVT_REQ = 3
PT_INIT_EVT_ACK = 4
PT_INIT_FAIL = 5
PT_CMD_REQ = 6
PT_CMD_RESP = 7
PT_EVENT = 8
PT_START_DATA = 9
PT_DATA = 10
PT_CANCEL = 11
PT_END_DATA = 12
PT_PING = 13
PT_PONG = 14

# Init Fail reasons
FAIL_REJECTED = 1
FAIL_BUSY = 2
FAIL_UNSPECIFIED = 3

# operation codes
OC_GetDeviceInfo = 0x1001
OC_OpenSession = 0x1002
OC_CloseSession = 0x1003
OC_GetStorageIDs = 0x1004
OC_GetStorageInfo = 0x1005
OC_GetNumObjects = 0x1006
OC_GetObjectHandles = 0x1007
OC_GetObjectInfo = 0x1008
OC_GetObject = 0x1009
OC_DeleteObject = 0x100B
OC_InitiateCapture = 0x100E
OC_GetDevicePropDesc = 0x1014
OC_GetDevicePropValue = 0x1015
OC_SetDevicePropValue = 0x1016

OP_NAMES = {
    OC_GetDeviceInfo: "GetDeviceInfo", OC_OpenSession: "OpenSession",
    OC_CloseSession: "CloseSession", OC_GetStorageIDs: "GetStorageIDs",
    OC_GetStorageInfo: "GetStorageInfo", OC_GetNumObjects: "GetNumObjects",
    OC_GetObjectHandles: "GetObjectHandles", OC_GetObjectInfo: "GetObjectInfo",
    OC_GetObject: "GetObject", OC_DeleteObject: "DeleteObject",
    OC_InitiateCapture: "InitiateCapture",
    OC_GetDevicePropDesc: "GetDevicePropDesc",
    OC_GetDevicePropValue: "GetDevicePropValue",
    OC_SetDevicePropValue: "SetDevicePropValue",
}

# response codes
RC_OK = 0x2001
RC_GeneralError = 0x2002
RC_SessionNotOpen = 0x2003
RC_OperationNotSupported = 0x2005
RC_ParameterNotSupported = 0x2006
RC_InvalidStorageID = 0x2008
RC_InvalidObjectHandle = 0x2009
RC_DevicePropNotSupported = 0x200A
RC_SpecificationByFormatUnsupported = 0x2014
RC_AccessDenied = 0x200F
RC_DeviceBusy = 0x2019
RC_InvalidParentObject = 0x201A
RC_InvalidDevicePropFormat = 0x201B
RC_InvalidDevicePropValue = 0x201C
RC_SessionAlreadyOpened = 0x201E

# event codes
EC_ObjectAdded = 0x4002
EC_ObjectRemoved = 0x4003
EC_CaptureComplete = 0x400D

# object formats
OFC_Association = 0x3001
OFC_EXIF_JPEG = 0x3801
OFC_Undefined = 0x3000

STORAGE_ID = 0x00010001
ALL = 0xFFFFFFFF

# data type codes (DTC) of the device properties below, with their packing
DTC_UINT8 = 0x0002
DTC_UINT16 = 0x0004
DTC_UINT32 = 0x0006
DTC_FMT = {DTC_UINT8: "<B", DTC_UINT16: "<H", DTC_UINT32: "<I"}

# DevicePropDesc GetSet and FormFlag
DPGS_GET = 0x00
DPGS_GETSET = 0x01
DPFF_NONE = 0x00
DPFF_RANGE = 0x01
DPFF_ENUM = 0x02


class Prop:
    """One standard PTP device property (PTP 1.0, 13.3 / 13.5)."""

    def __init__(self, code, name, dtype, getset, default, form, values):
        self.code = code
        self.name = name
        self.dtype = dtype
        self.getset = getset
        self.default = default
        self.value = default
        self.form = form            # DPFF_ENUM: values = list; RANGE: (min, max, step)
        self.values = values

    def pack(self, v):
        return struct.pack(DTC_FMT[self.dtype], v)

    def size(self):
        return struct.calcsize(DTC_FMT[self.dtype])

    def valid(self, v):
        if self.form == DPFF_ENUM:
            return v in self.values
        if self.form == DPFF_RANGE:
            lo, hi, step = self.values
            return lo <= v <= hi and (step == 0 or (v - lo) % step == 0)
        return True

    def desc(self):
        """DevicePropDesc dataset: code, datatype, GetSet, factory default,
        current value, form flag, form (enumeration: u16 count + values;
        range: min, max, step)."""
        d = (p_u16(self.code) + p_u16(self.dtype) + bytes([self.getset]) +
             self.pack(self.default) + self.pack(self.value) +
             bytes([self.form]))
        if self.form == DPFF_ENUM:
            d += p_u16(len(self.values)) + b"".join(self.pack(v) for v in self.values)
        elif self.form == DPFF_RANGE:
            d += b"".join(self.pack(v) for v in self.values)
        return d


def make_props():
    """The camera's device properties, in DeviceInfo order.  libgphoto2's
    generic ptp2 driver shows them as the widgets batterylevel, whitebalance,
    f-number, shutterspeed and iso (and each as "500f" etc. under "other")."""
    props = [
        Prop(0x5001, "BatteryLevel", DTC_UINT8, DPGS_GET, 80,
             DPFF_RANGE, (0, 100, 1)),
        # 2 Automatic, 4 Daylight, 5 Fluorescent, 6 Tungsten, 7 Flash
        Prop(0x5005, "WhiteBalance", DTC_UINT16, DPGS_GETSET, 2,
             DPFF_ENUM, [2, 4, 5, 6, 7]),
        # F-number x 100
        Prop(0x5007, "FNumber", DTC_UINT16, DPGS_GETSET, 560,
             DPFF_ENUM, [280, 400, 560, 800, 1100]),
        # ExposureTime in units of 0.1 ms: 1/250, 1/125, 1/60, 1/30, 1 s
        Prop(0x500D, "ExposureTime", DTC_UINT32, DPGS_GETSET, 80,
             DPFF_ENUM, [40, 80, 167, 333, 10000]),
        Prop(0x500F, "ExposureIndex", DTC_UINT16, DPGS_GETSET, 100,
             DPFF_ENUM, [100, 200, 400, 800, 1600, 3200]),
    ]
    return {p.code: p for p in props}

# --------------------------------------------------------------------------
# small baseline JPEG encoder (greyscale, 8x8 FDCT, fixed Huffman tables)
# --------------------------------------------------------------------------

_ZIGZAG = sorted(((u, v) for u in range(8) for v in range(8)),
                 key=lambda p: (p[0] + p[1],
                                p[1] if (p[0] + p[1]) % 2 == 0 else p[0]))
# _ZIGZAG[k] = (row, col) of the k-th coefficient in zig-zag order

_BASE_QT = [
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
]

_COS = [[math.cos((2 * x + 1) * u * math.pi / 16) *
         (math.sqrt(0.5) if u == 0 else 1.0) / 2.0
         for x in range(8)] for u in range(8)]

# Huffman tables: every symbol gets a code of one fixed length (a valid,
# if not optimal, canonical table; the all-ones code stays unused).
# DC: categories 0..11 with 4-bit codes.  AC: EOB, ZRL and run/size
# symbols for runs 0..15, sizes 1..10 (162 symbols) with 8-bit codes.
_DC_SYMS = list(range(12))
_AC_SYMS = [0x00, 0xF0] + [(r << 4) | s for r in range(16) for s in range(1, 11)]
_DC_LEN = 4
_AC_LEN = 8
_DC_CODE = {s: i for i, s in enumerate(_DC_SYMS)}
_AC_CODE = {s: i for i, s in enumerate(_AC_SYMS)}

# 3x5 digit font
_FONT = {
    "0": ["111", "101", "101", "101", "111"],
    "1": ["010", "110", "010", "010", "111"],
    "2": ["111", "001", "111", "100", "111"],
    "3": ["111", "001", "111", "001", "111"],
    "4": ["101", "101", "111", "001", "001"],
    "5": ["111", "100", "111", "001", "111"],
    "6": ["111", "100", "111", "101", "111"],
    "7": ["111", "001", "010", "010", "010"],
    "8": ["111", "101", "111", "101", "111"],
    "9": ["111", "101", "111", "001", "111"],
}


class _BitWriter:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, code, length):
        self.acc = (self.acc << length) | (code & ((1 << length) - 1))
        self.n += length
        while self.n >= 8:
            self.n -= 8
            b = (self.acc >> self.n) & 0xFF
            self.out.append(b)
            if b == 0xFF:
                self.out.append(0x00)          # byte stuffing
        self.acc &= (1 << self.n) - 1 if self.n else 0

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)   # pad with ones
        return bytes(self.out)


def _category(v):
    v = abs(v)
    n = 0
    while v:
        n += 1
        v >>= 1
    return n


def _bits_of(v, size):
    return v if v >= 0 else v + (1 << size) - 1


def _segment(marker, payload):
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def render_pixels(number, width, height):
    """Grey image: diagonal stripes whose phase depends on the capture
    number, and the number itself drawn in a dark box (top left)."""
    pix = [[0] * width for _ in range(height)]
    phase = (number * 11) % 64
    for y in range(height):
        row = pix[y]
        for x in range(width):
            row[x] = 60 + ((x + y + phase) % 64) * 2
    text = str(number)
    scale = max(2, min(width, height) // 16)
    bx, by = 4, 4
    box_w = len(text) * 4 * scale + scale
    box_h = 7 * scale
    for y in range(by, min(height, by + box_h)):
        for x in range(bx, min(width, bx + box_w)):
            pix[y][x] = 16
    for ci, ch in enumerate(text):
        glyph = _FONT[ch]
        for gy in range(5):
            for gx in range(3):
                if glyph[gy][gx] == "1":
                    for yy in range(scale):
                        for xx in range(scale):
                            x = bx + scale + (ci * 4 + gx) * scale + xx
                            y = by + scale + gy * scale + yy
                            if x < width and y < height:
                                pix[y][x] = 240
    return pix


def encode_jpeg(pix, width, height, comment=b"", quality=75):
    """Baseline sequential greyscale JPEG (JFIF) from rows of 0..255."""
    scale = 5000 / quality if quality < 50 else 200 - 2 * quality
    qt = [max(1, min(255, int((q * scale + 50) // 100))) for q in _BASE_QT]

    out = bytearray(b"\xFF\xD8")
    out += _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    c = comment
    while c:                                   # COM segments <= 65533 bytes
        out += _segment(0xFE, c[:65533])
        c = c[65533:]
    out += _segment(0xDB, b"\x00" + bytes(qt[r * 8 + col] for r, col in _ZIGZAG))
    out += _segment(0xC0, struct.pack(">BHHBBBB", 8, height, width, 1, 1, 0x11, 0))
    dc_bits = [0] * 16
    dc_bits[_DC_LEN - 1] = len(_DC_SYMS)
    ac_bits = [0] * 16
    ac_bits[_AC_LEN - 1] = len(_AC_SYMS)
    out += _segment(0xC4, b"\x00" + bytes(dc_bits) + bytes(_DC_SYMS) +
                    b"\x10" + bytes(ac_bits) + bytes(_AC_SYMS))
    out += _segment(0xDA, b"\x01\x01\x00\x00\x3F\x00")

    bw = _BitWriter()
    prev_dc = 0
    for by in range(0, height, 8):
        for bx in range(0, width, 8):
            # level-shifted block, edge pixels replicated
            blk = [[pix[min(by + y, height - 1)][min(bx + x, width - 1)] - 128
                    for x in range(8)] for y in range(8)]
            # separable 2-D DCT-II
            tmp = [[sum(_COS[u][x] * blk[y][x] for x in range(8))
                    for u in range(8)] for y in range(8)]
            coef = [[sum(_COS[v][y] * tmp[y][u] for y in range(8))
                     for u in range(8)] for v in range(8)]
            zz = []
            for r, col in _ZIGZAG:
                q = qt[r * 8 + col]
                zz.append(int(round(coef[r][col] / q)))
            # DC
            diff = zz[0] - prev_dc
            prev_dc = zz[0]
            cat = _category(diff)
            bw.put(_DC_CODE[cat], _DC_LEN)
            if cat:
                bw.put(_bits_of(diff, cat), cat)
            # AC
            run = 0
            last = 63
            while last > 0 and zz[last] == 0:
                last -= 1
            for k in range(1, last + 1):
                v = zz[k]
                if v == 0:
                    run += 1
                    continue
                while run > 15:
                    bw.put(_AC_CODE[0xF0], _AC_LEN)
                    run -= 16
                cat = _category(v)
                if cat > 10:                  # cannot happen for 8-bit input
                    v = 1023 if v > 0 else -1023
                    cat = 10
                bw.put(_AC_CODE[(run << 4) | cat], _AC_LEN)
                bw.put(_bits_of(v, cat), cat)
                run = 0
            if last < 63:
                bw.put(_AC_CODE[0x00], _AC_LEN)
    out += bw.flush()
    out += b"\xFF\xD9"
    return bytes(out)


def make_capture_jpeg(number, width, height, pad_kb=0):
    comment = ("gcode-lapse ptpipsim capture %d" % number).encode()
    if pad_kb > 0:
        filler = b" " + b"x" * 63
        comment += filler * max(0, pad_kb * 1024 // len(filler))
    return encode_jpeg(render_pixels(number, width, height), width, height,
                       comment)


# --------------------------------------------------------------------------
# PTP data set packing
# --------------------------------------------------------------------------

def p_u16(v):
    return struct.pack("<H", v)


def p_u32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def p_u64(v):
    return struct.pack("<Q", v)


def p_str(s):
    """PTP string: u8 character count (incl. NUL), UCS-2LE, NUL."""
    if not s:
        return b"\x00"
    s = s[:254]
    return bytes([len(s) + 1]) + (s + "\x00").encode("utf-16-le")


def p_arr16(values):
    return p_u32(len(values)) + b"".join(p_u16(v) for v in values)


def p_arr32(values):
    return p_u32(len(values)) + b"".join(p_u32(v) for v in values)


def ptp_date(ts):
    return datetime.datetime.fromtimestamp(ts).strftime("%Y%m%dT%H%M%S")


# --------------------------------------------------------------------------
# simulator state
# --------------------------------------------------------------------------

class Obj:
    def __init__(self, handle, name, parent, fmt, data=b"", w=0, h=0):
        self.handle = handle
        self.name = name
        self.parent = parent          # 0 = root of the storage
        self.fmt = fmt
        self.data = data
        self.w = w
        self.h = h
        self.mtime = time.time()

    def info(self):
        folder = self.fmt == OFC_Association
        return (p_u32(STORAGE_ID) + p_u16(self.fmt) + p_u16(0) +
                p_u32(len(self.data)) +
                p_u16(0 if folder else OFC_Undefined) + p_u32(0) +  # thumb fmt/size
                p_u32(0) + p_u32(0) +                               # thumb w/h
                p_u32(self.w) + p_u32(self.h) + p_u32(0 if folder else 8) +
                p_u32(self.parent) +
                p_u16(1 if folder else 0) +                         # GenericFolder
                p_u32(0) + p_u32(0) +
                p_str(self.name) + p_str(ptp_date(self.mtime)) +
                p_str(ptp_date(self.mtime)) + p_str(""))


class Dropped(Exception):
    """The simulator closed the session on purpose (fault injection)."""


class Sim:
    def __init__(self, args):
        self.args = args
        self.lock = threading.RLock()
        self.log_lock = threading.Lock()
        self.logf = open(args.log, "a", buffering=1) if args.log else None
        self.objects = {}
        self.next_handle = 1
        dcim = self._add(Obj(0, "DCIM", 0, OFC_Association))
        self.folder = self._add(Obj(0, "100SIMCM", dcim.handle, OFC_Association))
        self.image_no = 0           # images created so far (IMG_000N)
        self.capture_requests = 0   # InitiateCapture received
        self.captures_started = 0   # InitiateCapture answered OK
        self.captures_done = 0      # CaptureComplete sent
        self.drops = 0
        self.sessions = {}          # conn number -> Session
        self.next_conn = 1
        # code -> Prop; values last as long as the process
        self.props = {} if args.no_props else make_props()
        self.guid = bytes(range(0x10, 0x20))
        self.stop = threading.Event()

    def _add(self, obj):
        obj.handle = self.next_handle
        self.next_handle += 1
        self.objects[obj.handle] = obj
        return obj

    def log(self, event, **kw):
        rec = {"ts": round(time.time(), 3), "event": event}
        rec.update(kw)
        line = json.dumps(rec, sort_keys=False)
        if self.args.verbose:
            sys.stderr.write("ptpipsim: %s\n" % line)
            sys.stderr.flush()
        if self.logf:
            with self.log_lock:
                self.logf.write(line + "\n")
                self.logf.flush()

    # ---- capture -----------------------------------------------------
    def new_image(self):
        with self.lock:
            self.image_no += 1
            n = self.image_no
        data = make_capture_jpeg(n, self.args.width, self.args.height,
                                 self.args.image_kb)
        name = "IMG_%04d.JPG" % n
        if self.args.images:
            path = os.path.join(self.args.images, name)
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.replace(path + ".tmp", path)
        with self.lock:
            obj = self._add(Obj(0, name, self.folder.handle, OFC_EXIF_JPEG,
                                data, self.args.width, self.args.height))
        return obj


# --------------------------------------------------------------------------
# connections
# --------------------------------------------------------------------------

def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("connection closed")
        buf += chunk
    return bytes(buf)


def recv_packet(sock):
    hdr = recv_exact(sock, 8)
    length, ptype = struct.unpack("<II", hdr)
    if length < 8 or length > 64 * 1024 * 1024:
        raise EOFError("bad packet length %d" % length)
    return ptype, recv_exact(sock, length - 8)


def packet(ptype, payload=b""):
    return struct.pack("<II", len(payload) + 8, ptype) + payload


def close_sock(sock):
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class Session:
    """One client: a command connection plus (later) its event connection."""

    def __init__(self, sim, conn_no, cmd, peer, host_name):
        self.sim = sim
        self.conn_no = conn_no
        self.cmd = cmd
        self.evt = None
        self.evt_ready = threading.Event()
        self.evt_lock = threading.Lock()
        self.cmd_lock = threading.Lock()
        self.peer = peer
        self.host_name = host_name
        self.open = False
        self.session_id = 0
        self.closed = False
        self.pending_drop = None     # handle whose GetObject triggers the drop
        self.silent = False          # dropped with --drop-style silent

    # ---- sending -----------------------------------------------------
    def send_cmd(self, data):
        with self.cmd_lock:
            self.cmd.sendall(data)

    def respond(self, code, tid, *params):
        self.send_cmd(packet(PT_CMD_RESP, p_u16(code) + p_u32(tid) +
                             b"".join(p_u32(p) for p in params)))

    def send_data(self, tid, data, slow_ms=0):
        chunk = max(1, self.sim.args.chunk)
        self.send_cmd(packet(PT_START_DATA, p_u32(tid) + p_u64(len(data))))
        if slow_ms:
            time.sleep(slow_ms / 1000.0)
        off = 0
        while True:
            part = data[off:off + chunk]
            off += len(part)
            last = off >= len(data)
            self.send_cmd(packet(PT_END_DATA if last else PT_DATA,
                                 p_u32(tid) + part))
            if last:
                break

    def send_event(self, code, tid, *params):
        if not self.evt_ready.wait(5):
            return False
        try:
            with self.evt_lock:
                if self.evt is None or self.closed or self.silent:
                    return False
                self.evt.sendall(packet(PT_EVENT, p_u16(code) + p_u32(tid) +
                                        b"".join(p_u32(p) for p in params)))
            return True
        except OSError:
            return False

    def drop(self, why):
        sim = self.sim
        with sim.lock:
            if self.closed:
                return
            sim.drops += 1
        style = sim.args.drop_style
        sim.log("drop", conn=self.conn_no, reason=why, style=style,
                captures=sim.captures_done)
        if style == "silent":
            # network cut: sockets stay open, nothing is answered any more;
            # the slot is freed so the "camera" can be reached again
            self.silent = True
            with sim.lock:
                sim.sessions.pop(self.conn_no, None)
            return
        if style == "reset":
            for s in (self.cmd, self.evt):
                if s is None:
                    continue
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack("ii", 1, 0))
                    s.shutdown(socket.SHUT_RD)
                except OSError:
                    pass
                try:
                    s.close()
                except OSError:
                    pass
        self.shutdown()

    def shutdown(self):
        with self.sim.lock:
            if self.closed:
                return
            self.closed = True
            self.sim.sessions.pop(self.conn_no, None)
        close_sock(self.cmd)
        with self.evt_lock:
            close_sock(self.evt)
        self.evt_ready.set()

    # ---- command loop ------------------------------------------------
    def run(self):
        sim = self.sim
        reason = "eof"
        try:
            while not self.closed:
                ptype, pl = recv_packet(self.cmd)
                if self.silent:
                    continue
                if ptype == PT_PING:
                    self.send_cmd(packet(PT_PONG))
                    continue
                if ptype == PT_CANCEL:
                    sim.log("cancel", conn=self.conn_no,
                            tid=struct.unpack_from("<I", pl, 0)[0] if len(pl) >= 4 else None)
                    continue
                if ptype != PT_CMD_REQ or len(pl) < 10:
                    sim.log("unexpected_packet", conn=self.conn_no, type=ptype)
                    continue
                dataphase, code, tid = struct.unpack_from("<IHI", pl, 0)
                nparams = (len(pl) - 10) // 4
                params = list(struct.unpack_from("<%dI" % nparams, pl, 10))
                params += [0] * (5 - len(params))
                data = self.recv_data() if dataphase == 2 else None
                self.dispatch(code, tid, params, nparams, data)
        except Dropped:
            reason = "drop"
            if self.silent:         # keep the sockets open, read until EOF
                try:
                    while True:
                        recv_packet(self.cmd)
                except (EOFError, OSError):
                    reason = "eof after silent drop"
        except (EOFError, ConnectionError, OSError) as e:
            reason = "eof" if isinstance(e, EOFError) else "error: %s" % e
        finally:
            was_closed = self.closed
            self.shutdown()
            if not was_closed or reason != "drop":
                sim.log("disconnect", conn=self.conn_no, reason=reason,
                        session_open=self.open)

    def recv_data(self):
        """Host->camera data phase: StartData (tid, u64 total length), then
        Data / EndData packets (tid + payload).  libgphoto2 sends no EndData
        at all when the total length is 0."""
        t, pl = recv_packet(self.cmd)
        if t != PT_START_DATA or len(pl) < 12:
            raise EOFError("expected StartData, got packet type %d" % t)
        total = struct.unpack_from("<Q", pl, 4)[0]
        buf = bytearray()
        while len(buf) < total:
            t, pl = recv_packet(self.cmd)
            if t not in (PT_DATA, PT_END_DATA):
                raise EOFError("expected Data, got packet type %d" % t)
            buf += pl[4:]
            if t == PT_END_DATA:
                break
        return bytes(buf)

    def need_session(self, tid):
        if not self.open:
            self.respond(RC_SessionNotOpen, tid)
            return False
        return True

    def dispatch(self, code, tid, p, nparams, data=None):
        sim = self.sim
        a = sim.args
        if a.verbose:
            sim.log("op", conn=self.conn_no, op="0x%04x" % code,
                    name=OP_NAMES.get(code, "?"), tid=tid, params=p[:nparams])

        if code == OC_GetDeviceInfo:
            self.send_data(tid, self.device_info())
            self.respond(RC_OK, tid)
        elif code == OC_OpenSession:
            if self.open:
                self.respond(RC_SessionAlreadyOpened, tid, self.session_id)
                return
            self.open = True
            self.session_id = p[0]
            sim.log("opensession", conn=self.conn_no, session=p[0])
            self.respond(RC_OK, tid)
        elif code == OC_CloseSession:
            if not self.need_session(tid):
                return
            self.open = False
            sim.log("closesession", conn=self.conn_no)
            self.respond(RC_OK, tid)
        elif code == OC_GetStorageIDs:
            if not self.need_session(tid):
                return
            self.send_data(tid, p_arr32([STORAGE_ID]))
            self.respond(RC_OK, tid)
        elif code == OC_GetStorageInfo:
            if not self.need_session(tid):
                return
            if p[0] != STORAGE_ID:
                self.respond(RC_InvalidStorageID, tid)
                return
            with sim.lock:
                used = sum(len(o.data) for o in sim.objects.values())
            cap = 32 * 1024 ** 3
            free = cap - used
            self.send_data(tid, p_u16(0x0004) + p_u16(0x0002) + p_u16(0x0000) +
                           p_u64(cap) + p_u64(free) + p_u32(free // 4_000_000) +
                           p_str("SD card (simulated)") + p_str("SIMCARD"))
            self.respond(RC_OK, tid)
        elif code in (OC_GetObjectHandles, OC_GetNumObjects):
            if not self.need_session(tid):
                return
            storage, fmt, parent = p[0], p[1], p[2]
            if storage not in (ALL, STORAGE_ID):
                self.respond(RC_InvalidStorageID, tid)
                return
            with sim.lock:
                if parent not in (0, ALL):
                    po = sim.objects.get(parent)
                    if po is None or po.fmt != OFC_Association:
                        self.respond(RC_InvalidParentObject, tid)
                        return
                hs = []
                for h in sorted(sim.objects):
                    o = sim.objects[h]
                    if fmt and o.fmt != fmt:
                        continue
                    if parent == ALL and o.parent != 0:
                        continue
                    if parent not in (0, ALL) and o.parent != parent:
                        continue
                    hs.append(h)
            if code == OC_GetNumObjects:
                self.respond(RC_OK, tid, len(hs))
            else:
                self.send_data(tid, p_arr32(hs))
                self.respond(RC_OK, tid)
        elif code == OC_GetObjectInfo:
            if not self.need_session(tid):
                return
            with sim.lock:
                o = sim.objects.get(p[0])
            if o is None:
                self.respond(RC_InvalidObjectHandle, tid)
                return
            self.send_data(tid, o.info())
            self.respond(RC_OK, tid)
        elif code == OC_GetObject:
            if not self.need_session(tid):
                return
            with sim.lock:
                o = sim.objects.get(p[0])
            if o is None or o.fmt == OFC_Association:
                self.respond(RC_InvalidObjectHandle, tid)
                return
            self.send_data(tid, o.data, a.slow_download_ms)
            self.respond(RC_OK, tid)
            sim.log("getobject", conn=self.conn_no, handle=o.handle,
                    name=o.name, bytes=len(o.data))
            if self.pending_drop == o.handle:
                time.sleep(0.05)
                self.drop("after capture %d downloaded" % sim.captures_done)
                raise Dropped()
        elif code == OC_DeleteObject:
            if not self.need_session(tid):
                return
            h = p[0]
            with sim.lock:
                if h == ALL:
                    victims = [o for o in sim.objects.values()
                               if o.fmt != OFC_Association and
                               (p[1] in (0, o.fmt))]
                else:
                    o = sim.objects.get(h)
                    if o is None:
                        self.respond(RC_InvalidObjectHandle, tid)
                        return
                    if o.fmt == OFC_Association:
                        self.respond(RC_AccessDenied, tid)
                        return
                    victims = [o]
                for o in victims:
                    del sim.objects[o.handle]
            for o in victims:
                sim.log("delete", conn=self.conn_no, handle=o.handle, name=o.name)
            self.respond(RC_OK, tid)
        elif code == OC_InitiateCapture:
            if not self.need_session(tid):
                return
            self.initiate_capture(tid, p)
        elif code in (OC_GetDevicePropDesc, OC_GetDevicePropValue):
            if not self.need_session(tid):
                return
            with sim.lock:
                prop = sim.props.get(p[0])
                payload = None if prop is None else (
                    prop.desc() if code == OC_GetDevicePropDesc
                    else prop.pack(prop.value))
            if payload is None:
                self.respond(RC_DevicePropNotSupported, tid)
                return
            self.send_data(tid, payload)
            self.respond(RC_OK, tid)
        elif code == OC_SetDevicePropValue:
            if not self.need_session(tid):
                return
            self.set_prop(tid, p[0], data)
        else:
            sim.log("unsupported", conn=self.conn_no, op="0x%04x" % code)
            self.respond(RC_OperationNotSupported, tid)

    def set_prop(self, tid, code, data):
        sim = self.sim
        with sim.lock:
            prop = sim.props.get(code)
            value = None
            if prop is None:
                rc = RC_DevicePropNotSupported
            elif data is None or len(data) != prop.size():
                rc = RC_InvalidDevicePropFormat
            else:
                value = struct.unpack(DTC_FMT[prop.dtype], data)[0]
                if prop.getset != DPGS_GETSET:
                    rc = RC_AccessDenied
                elif sim.args.refuse_setprop:
                    rc = sim.args.refuse_setprop
                elif not prop.valid(value):
                    rc = RC_InvalidDevicePropValue
                else:
                    rc = RC_OK
                    prop.value = value
        if rc == RC_OK:
            sim.log("setprop", conn=self.conn_no, code="0x%04x" % code,
                    name=prop.name, value=value)
        else:
            sim.log("setprop_refused", conn=self.conn_no, code="0x%04x" % code,
                    value=value, rc="0x%04x" % rc)
        self.respond(rc, tid)

    def device_info(self):
        a = self.sim.args
        ops = [OC_GetDeviceInfo, OC_OpenSession, OC_CloseSession,
               OC_GetStorageIDs, OC_GetStorageInfo, OC_GetNumObjects,
               OC_GetObjectHandles, OC_GetObjectInfo, OC_GetObject,
               OC_DeleteObject, OC_InitiateCapture, OC_GetDevicePropDesc,
               OC_GetDevicePropValue, OC_SetDevicePropValue]
        events = [EC_ObjectAdded, EC_ObjectRemoved, EC_CaptureComplete]
        return (p_u16(100) + p_u32(0) + p_u16(0) + p_str("") +     # std 1.00, no vendor ext
                p_u16(0) +                                        # functional mode
                p_arr16(ops) + p_arr16(events) + p_arr16(sorted(self.sim.props)) +
                p_arr16([OFC_EXIF_JPEG]) +
                p_arr16([OFC_EXIF_JPEG, OFC_Association]) +
                p_str(a.manufacturer) + p_str(a.model) + p_str("1.0-sim") +
                p_str(a.serial))

    def initiate_capture(self, tid, p):
        sim = self.sim
        a = sim.args
        if p[0] not in (0, STORAGE_ID) or p[1] not in (0, OFC_EXIF_JPEG):
            self.respond(RC_InvalidStorageID if p[0] not in (0, STORAGE_ID)
                         else RC_SpecificationByFormatUnsupported, tid)
            return
        with sim.lock:
            sim.capture_requests += 1
            req = sim.capture_requests
            if req <= a.busy_first:
                busy = True
            else:
                busy = False
                sim.captures_started += 1
                started = sim.captures_started
            drop_now = (a.drop_after and sim.drops == 0 and
                        sim.captures_done >= a.drop_after)
        if drop_now:
            # the camera vanished after capture N; this request is never answered
            self.drop("initiatecapture after capture %d" % sim.captures_done)
            raise Dropped()
        if busy:
            sim.log("busy", conn=self.conn_no, request=req)
            self.respond(RC_DeviceBusy, tid)
            return
        self.respond(RC_OK, tid)
        if a.hang_capture and started == a.hang_capture:
            sim.log("hang", conn=self.conn_no, capture=started)
            return
        threading.Thread(target=self._finish_capture, args=(tid, started),
                         daemon=True).start()

    def _finish_capture(self, tid, started):
        sim = self.sim
        a = sim.args
        time.sleep(a.capture_ms / 1000.0)
        obj = sim.new_image()
        sim.log("capture", conn=self.conn_no, capture=started, handle=obj.handle,
                name=obj.name, size=len(obj.data))
        ok = self.send_event(EC_ObjectAdded, tid, obj.handle)
        ok = self.send_event(EC_CaptureComplete, tid) and ok
        with sim.lock:
            sim.captures_done += 1
            done = sim.captures_done
            if a.drop_after and sim.drops == 0 and done == a.drop_after:
                self.pending_drop = obj.handle
        if not ok:
            sim.log("event_lost", conn=self.conn_no, handle=obj.handle)


# --------------------------------------------------------------------------
# server
# --------------------------------------------------------------------------

def handle_connection(sim, sock, peer):
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(30)
        ptype, pl = recv_packet(sock)
        sock.settimeout(None)
    except (EOFError, OSError):
        close_sock(sock)
        return
    if ptype == PT_INIT_CMD_REQ:
        guid = pl[:16].hex()
        name_raw = pl[16:-4] if len(pl) >= 20 else b""
        host = name_raw.decode("utf-16-le", "replace").split("\x00")[0]
        with sim.lock:
            active = len(sim.sessions)
            refuse = active >= sim.args.max_sessions
            if not refuse:
                conn_no = sim.next_conn
                sim.next_conn += 1
                sess = Session(sim, conn_no, sock, peer, host)
                sim.sessions[conn_no] = sess
        if refuse:
            sim.log("refused", peer="%s:%d" % peer, host=host, active=active)
            try:
                sock.sendall(packet(PT_INIT_FAIL, p_u32(FAIL_BUSY)))
            except OSError:
                pass
            time.sleep(0.1)
            close_sock(sock)
            return
        sim.log("connect", conn=conn_no, peer="%s:%d" % peer, host=host, guid=guid)
        name = (sim.args.model + "\x00").encode("utf-16-le")
        try:
            sock.sendall(packet(PT_INIT_CMD_ACK, p_u32(conn_no) + sim.guid +
                                name + p_u32(0x00010000)))
        except OSError:
            sess.shutdown()
            return
        sess.run()
    elif ptype == PT_INIT_EVT_REQ:
        conn_no = struct.unpack_from("<I", pl, 0)[0] if len(pl) >= 4 else 0
        with sim.lock:
            sess = sim.sessions.get(conn_no)
        if sess is None or sess.evt is not None:
            sim.log("refused_event", peer="%s:%d" % peer, conn=conn_no)
            try:
                sock.sendall(packet(PT_INIT_FAIL, p_u32(FAIL_REJECTED)))
            except OSError:
                pass
            close_sock(sock)
            return
        with sess.evt_lock:
            sess.evt = sock
        try:
            sock.sendall(packet(PT_INIT_EVT_ACK))
        except OSError:
            sess.shutdown()
            return
        sess.evt_ready.set()
        sim.log("event_channel", conn=conn_no)
        # only pings (or EOF) are expected from the host on this channel
        try:
            while not sess.closed:
                t, _ = recv_packet(sock)
                if t == PT_PING:
                    with sess.evt_lock:
                        sock.sendall(packet(PT_PONG))
        except (EOFError, OSError):
            pass
    else:
        sim.log("unexpected_packet", peer="%s:%d" % peer, type=ptype)
        close_sock(sock)


def main(argv=None):
    ap = argparse.ArgumentParser(description="PTP/IP camera simulator "
                                 "(for libgphoto2's ptpip driver)")
    ap.add_argument("--port", type=int, default=15740,
                    help="TCP port on 127.0.0.1 for command and event "
                    "connections (0 = pick a free port; default 15740)")
    ap.add_argument("--manufacturer", default="gcode-lapse",
                    help="DeviceInfo manufacturer (avoid 'Canon', 'Nikon', "
                    "'FUJIFILM': libgphoto2 then uses vendor code paths)")
    ap.add_argument("--model", default="SimCam PTP/IP")
    ap.add_argument("--serial", default="SIM0001")
    ap.add_argument("--images", metavar="DIR",
                    help="also write every captured JPEG into DIR")
    ap.add_argument("--log", metavar="FILE", help="JSON-lines event log")
    ap.add_argument("--width", type=int, default=160)
    ap.add_argument("--height", type=int, default=120)
    ap.add_argument("--image-kb", type=int, default=0,
                    help="pad each JPEG with a COM segment of about N KiB")
    ap.add_argument("--chunk", type=int, default=16384,
                    help="payload bytes per PTP/IP data packet")
    ap.add_argument("--capture-ms", type=int, default=100,
                    help="delay between InitiateCapture OK and ObjectAdded")
    ap.add_argument("--drop-after", type=int, default=0, metavar="N",
                    help="after capture N: close both connections once its "
                    "image is downloaded, or at the next InitiateCapture")
    ap.add_argument("--drop-style", choices=("close", "reset", "silent"),
                    default="close",
                    help="how --drop-after drops: close (FIN), reset (RST), "
                    "silent (stop answering, sockets stay open)")
    ap.add_argument("--busy-first", type=int, default=0, metavar="N",
                    help="answer the first N InitiateCapture with DeviceBusy")
    ap.add_argument("--hang-capture", type=int, default=0, metavar="N",
                    help="capture N: answer OK but never send the events")
    ap.add_argument("--slow-download-ms", type=int, default=0, metavar="MS",
                    help="sleep after the GetObject start-data packet")
    ap.add_argument("--max-sessions", type=int, default=1,
                    help="concurrent clients; more get an Init Fail packet")
    ap.add_argument("--no-props", action="store_true",
                    help="a camera without device properties: DeviceInfo "
                    "lists none and every property code is unknown")
    ap.add_argument("--refuse-setprop", type=lambda x: int(x, 0), default=0,
                    metavar="RC", help="answer every SetDevicePropValue with "
                    "response code RC (e.g. 0x2019 DeviceBusy), keeping the value")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="log every operation to stderr")
    args = ap.parse_args(argv)

    if args.images:
        os.makedirs(args.images, exist_ok=True)
    if args.width < 8 or args.height < 8 or args.width > 4096 or args.height > 4096:
        ap.error("--width/--height must be 8..4096")

    sim = Sim(args)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(8)
    srv.settimeout(0.2)
    port = srv.getsockname()[1]

    def on_signal(signum, frame):
        sim.stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    sim.log("listen", port=port, model=args.model)
    sys.stdout.write("READY ptpip 127.0.0.1:%d\n" % port)
    sys.stdout.flush()

    while not sim.stop.is_set():
        try:
            sock, peer = srv.accept()
        except socket.timeout:
            continue
        except OSError:
            if sim.stop.is_set():
                break
            raise
        sock.settimeout(None)
        threading.Thread(target=handle_connection, args=(sim, sock, peer),
                         daemon=True).start()
    srv.close()
    with sim.lock:
        sessions = list(sim.sessions.values())
    for s in sessions:
        s.shutdown()
    sim.log("exit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
