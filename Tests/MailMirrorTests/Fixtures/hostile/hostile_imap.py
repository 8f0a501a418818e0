#!/usr/bin/env python3
"""A hostile or broken IMAP server over TLS, for whole-sync tests of mailmirror.

Usage: hostile_imap.py CERT KEY SCENARIO LOGFILE
Binds 127.0.0.1 on a free port, prints the port on stdout, then serves any number of
connections (one thread each, so a client that reconnects finds it again) until it is killed
or stays idle for 120 s. Every command line the client sends is appended to LOGFILE (literals
inlined), and each new connection writes "<connect>". Stdlib only; the Swift test makes a
throw-away certificate and passes its paths.

The world: mailboxes INBOX (UIDs 1-3), Good (1-2) and Bad (1-5), plus whatever the scenario
adds. The scenario decides how Bad (or the whole server) misbehaves; see SCENARIOS below.
"""
import base64
import re
import socket
import ssl
import sys
import threading
import time

CERT, KEY, SCENARIO, LOGFILE = sys.argv[1:5]
USER = "hostile@example.com"
PASSWORD = "hostile-secret-pw"
GMAIL = SCENARIO.startswith("gmail")

LOG_LOCK = threading.Lock()
STATE = {"connections": 0, "bye_sent": False}


def body(name, uid, variant=""):
    text = ("From: Client %d <client%d@example.org>\r\nTo: support@example.com\r\n"
            "Subject: %s message %d%s\r\nMessage-ID: <%s-%d%s@example.org>\r\n"
            "Date: Mon, 2 Mar 2026 10:%02d:00 +0100\r\n\r\nBonjour,\r\nmessage %d of %s%s.\r\n"
            % (uid, uid, name, uid, variant, re.sub(r"[^A-Za-z0-9]", "_", name), uid, variant, uid, uid, name, variant))
    return text.encode()


class Box:
    def __init__(self, wire, uids, uidvalidity=100, attrs="\\HasNoChildren", uidnext=None, status_uidvalidity=None):
        self.wire = wire  # bytes, exactly as on the wire once unquoted
        self.messages = {uid: body(wire.decode("utf-8", "replace"), uid) for uid in uids}
        self.uidvalidity = uidvalidity
        self.status_uidvalidity = uidvalidity if status_uidvalidity is None else status_uidvalidity
        self.attrs = attrs
        self.uidnext = uidnext if uidnext is not None else (max(uids) + 1 if uids else 1)


# Mailbox names a hostile server may send (LIST) and a user may configure (--mailbox).
HOSTILE_NAMES = [b"..", b"../../etc", b"a/../../b", b"/abs/path", b"NUL\x00BYE", b"ctl\x01\x1b[2J\x7f",
                 b"Bo\xc3\xaete envoy\xc3\xa9e", b"." , b"x" * 600, b"%2E%2E", b"~tilde"]

BOXES = [Box(b"INBOX", [1, 2, 3]), Box(b"Good", [1, 2]), Box(b"Bad", [1, 2, 3, 4, 5])]
if SCENARIO == "names":
    BOXES += [Box(name, [1]) for name in HOSTILE_NAMES]
if SCENARIO == "uidvalidity-zero":
    BOXES[2].uidvalidity = BOXES[2].status_uidvalidity = 0
if SCENARIO == "uidvalidity-mismatch":
    BOXES[2].uidvalidity, BOXES[2].status_uidvalidity = 8, 7
if SCENARIO == "uid-backwards":
    # Run after a "normal" sync that stored Bad's UIDs 1-5: UIDNEXT went back and UID 1 changed.
    BOXES[2] = Box(b"Bad", [1, 2], uidnext=3)
    BOXES[2].messages[1] = body("Bad", 1, " REWRITTEN")
if SCENARIO == "rewrite":
    # Run after a "normal" sync: UID 1 now has other bytes and UID 6 is new.
    BOXES[2] = Box(b"Bad", [1, 2, 3, 4, 5, 6])
    BOXES[2].messages[1] = body("Bad", 1, " REWRITTEN")
if SCENARIO in ("big", "big-text"):
    # Messages of 4 MB of incompressible base64: gzip is slower than loopback, so the commit
    # queue fills up; the sync's memory must stay bounded all the same. "big": a PDF attachment
    # (ordinary mail); "big-text": the same bytes as a text/plain body (hostile).
    import base64 as _b64, os as _os
    BOXES[2] = Box(b"Bad", list(range(1, 1 + int(_os.environ.get("HOSTILE_BIG_COUNT", "24")))))
    for uid in BOXES[2].messages:
        blob = _b64.encodebytes(_os.urandom(3 * 1024 * 1024)).replace(b"\n", b"\r\n")
        if SCENARIO == "big-text":
            BOXES[2].messages[uid] = body("Bad", uid) + blob
        else:
            head = body("Bad", uid).split(b"\r\n\r\n", 1)[0]
            BOXES[2].messages[uid] = (head + b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                                      b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour, the invoice is attached.\r\n"
                                      b"--b1\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
                                      b"Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
                                      b"Content-Transfer-Encoding: base64\r\n\r\n" + blob + b"--b1--\r\n")
if GMAIL:
    BOXES = [Box(b"INBOX", [1]),
             Box(b"[Gmail]", [], attrs="\\Noselect \\HasChildren"),
             Box(b"[Gmail]/Tous les messages", [1, 2, 3, 4], uidvalidity=11, attrs="\\All \\HasNoChildren"),
             Box(b"[Gmail]/Messages envoy&AOk-s", [2], attrs="\\Sent \\HasNoChildren")]
    if SCENARIO == "gmail-evil-all":
        BOXES[2].wire = b"../../../../tmp/Tous les messages"

GM_THRID = {1: 0x18A2B3C4D5E6F701, 2: 0x18A2B3C4D5E6F701, 3: 0x18A2B3C4D5E6F7FF, 4: 0x0000000000000042}
GM_LABELS = {1: '("\\\\Inbox" "\\\\Important")', 2: '("\\\\Sent")', 3: '("Clients/Soci&AOk-t&AOk-")', 4: "()"}


def find(wire):
    for box in BOXES:
        if box.wire == wire:
            return box
    return None


def quote(name):
    """A mailbox name as a quoted string, or a literal when it holds bytes a quoted string cannot."""
    if all(0x20 <= b < 0x7F and b not in (0x22, 0x5C) for b in name):
        return b'"' + name + b'"'
    return b"{%d}\r\n" % len(name) + name


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.selected = None

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def line(self, text):
        self.send((text.encode() if isinstance(text, str) else text) + b"\r\n")

    def read_line(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return line.rstrip(b"\r")

    def read_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read_command(self):
        """One command; literals are kept as (b'\\x00LIT', bytes) markers in a list of parts."""
        parts = []
        while True:
            line = self.read_line()
            m = re.search(rb"\{(\d+)(\+?)\}$", line)
            if not m:
                parts.append(line)
                break
            parts.append(line[:m.start()])
            if not m.group(2):
                self.line("+ Ready for literal data")
            parts.append(("LIT", self.read_exact(int(m.group(1)))))
        flat = b"".join(p if isinstance(p, bytes) else b"{" + p[1] + b"}" for p in parts)
        with LOG_LOCK, open(LOGFILE, "ab") as log:
            log.write(flat.replace(b"\n", b"\\n") + b"\n")
        return parts


def first_argument(parts, skip):
    """The argument after the first `skip` words (tag included): quoted, literal or atom, as bytes."""
    head = parts[0]
    words = head.split(b" ", skip)
    rest = words[skip] if len(words) > skip else b""
    if rest.startswith(b'"'):
        out, i = b"", 1
        while i < len(rest) and rest[i:i + 1] != b'"':
            if rest[i:i + 1] == b"\\":
                i += 1
            out += rest[i:i + 1]
            i += 1
        return out
    if rest == b"" and len(parts) > 1 and isinstance(parts[1], tuple):
        return parts[1][1]
    return rest.split(b" ")[0]


def expand(uidset, box):
    out = set()
    top = max(box.messages) if box.messages else 0
    for part in uidset.split(","):
        if ":" in part:
            a, b = part.split(":")
            a = top if a == "*" else int(a)
            b = top if b == "*" else int(b)
            out.update(u for u in box.messages if min(a, b) <= u <= max(a, b))
        else:
            u = top if part == "*" else int(part)
            if u in box.messages:
                out.add(u)
    return sorted(out)


def fetch_line(seq, uid, data, gmail):
    extra = ""
    if gmail:
        extra = "X-GM-MSGID %d X-GM-THRID %d X-GM-LABELS %s " % (0x18A2B3C4D5E60000 + uid, GM_THRID.get(uid, 7), GM_LABELS.get(uid, "()"))
    head = ("* %d FETCH (UID %d %sFLAGS (\\Seen) INTERNALDATE \"02-Mar-2026 10:00:00 +0100\" RFC822.SIZE %d BODY[] {%d}\r\n"
            % (seq, uid, extra, len(data), len(data)))
    return head.encode() + data + b")\r\n"


def flood(c, prefix, unit):
    """Sends `prefix` then `unit` forever (until the client hangs up or 20 s pass)."""
    c.send(prefix)
    chunk = unit * (65536 // len(unit))
    end = time.time() + 20
    try:
        while time.time() < end:
            c.send(chunk)
    except OSError:
        pass


def uid_fetch(c, t, rest, box):
    words = rest.split(b" ")
    uidset = words[2].decode()
    wants_body = b"BODY.PEEK[]" in rest
    bad = box is not None and box.wire == b"Bad"
    if not wants_body:
        for seq, uid in enumerate(expand(uidset, box), start=1):
            c.line("* %d FETCH (UID %d RFC822.SIZE %d INTERNALDATE \"02-Mar-2026 10:00:00 +0100\" FLAGS (\\Seen))"
                   % (seq, uid, len(box.messages[uid])))
        if bad and SCENARIO == "uid-out-of-range":
            c.line("* 9 FETCH (UID 4294967296 RFC822.SIZE 10 FLAGS ())")
        c.line(t + " OK FETCH completed")
        return True
    if bad and SCENARIO == "absurd-literal":
        flood(c, b"* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {99999999999}\r\n", b"x")
        return False
    if bad and SCENARIO == "endless-line":
        flood(c, b"* 1 FETCH (UID 1 FLAGS (", b"\\Seen ")
        return False
    if bad and SCENARIO == "cut-short":
        c.send(b"* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {5000}\r\n" + b"y" * 300)
        return False
    if GMAIL and SCENARIO == "gmail-throttled":
        c.line(t + " NO [THROTTLED] Account exceeded command or bandwidth limits. (Failure)")
        return True
    for seq, uid in enumerate(expand(uidset, box), start=1):
        c.send(fetch_line(seq, uid, box.messages[uid], GMAIL))
        if bad and SCENARIO == "uid-repeat":
            # The same UID again with other bytes, and a UID nobody asked for.
            c.send(fetch_line(seq, uid, body("Bad", uid, " SECOND COPY"), False))
            c.send(fetch_line(seq + 50, 77, body("Bad", 77), False))
        if bad and SCENARIO == "rewrite":
            c.send(fetch_line(1, 1, box.messages[1], False))
        if GMAIL and SCENARIO == "gmail-bye" and not STATE["bye_sent"] and uid >= 2:
            STATE["bye_sent"] = True
            c.line("* BYE Session expired, please login again.")
            return False
    c.line(t + " OK Success")
    return True


def serve(c):
    pre = "IMAP4rev1 LITERAL+ ID AUTH=PLAIN SASL-IR"
    post = "IMAP4rev1 LITERAL+ ID SPECIAL-USE LIST-EXTENDED" + (" X-GM-EXT-1" if GMAIL else "")
    c.line("* OK hostile test server ready")
    authed = False
    while True:
        parts = c.read_command()
        head = parts[0]
        tag, _, rest = head.partition(b" ")
        t = tag.decode("ascii", "replace")
        words = rest.split(b" ")
        cmd = words[0].upper()
        if cmd == b"CAPABILITY":
            c.line("* CAPABILITY " + (post if authed else pre))
            c.line(t + " OK done")
        elif cmd == b"AUTHENTICATE":
            blob = words[2] if len(words) >= 3 else None
            if blob is None:
                c.line("+ ")
                blob = c.read_line()
            fields = base64.b64decode(blob).split(b"\x00")
            if fields[1].decode() == USER and fields[2].decode("utf-8", "replace") == PASSWORD:
                authed = True
                c.line(t + " OK [CAPABILITY " + post + "] logged in")
            else:
                c.line(t + " NO [AUTHENTICATIONFAILED] Invalid credentials")
        elif cmd == b"ID":
            c.line('* ID ("name" "hostile")')
            c.line(t + " OK ID done")
        elif cmd == b"LOGOUT":
            c.line("* BYE logging out")
            c.line(t + " OK bye")
            return
        elif not authed:
            c.line(t + " BAD log in first")
        elif cmd == b"LIST":
            for box in BOXES:
                special = box.attrs
                c.send(b"* LIST (" + special.encode() + b') "/" ' + quote(box.wire) + b"\r\n")
            c.line(t + " OK LIST done")
        elif cmd in (b"STATUS", b"EXAMINE"):
            box = find(first_argument(parts, 2))
            if box is None or "Noselect" in box.attrs:
                c.line(t + " NO [NONEXISTENT] Unknown Mailbox")
                continue
            if cmd == b"STATUS":
                c.send(b"* STATUS " + quote(box.wire) + (" (MESSAGES %d UIDNEXT %d UIDVALIDITY %d)\r\n"
                       % (len(box.messages), box.uidnext, box.status_uidvalidity)).encode())
                c.line(t + " OK STATUS done")
                continue
            if box.wire == b"Bad" and SCENARIO == "garbage":
                c.send(b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03 )(*&^%$#@!\xff\xfe garbage {12\r\n")
                c.line(t + " OK [READ-ONLY] done")
                continue
            c.selected = box
            c.line("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)")
            c.line("* OK [UIDVALIDITY %d] UIDs valid" % box.uidvalidity)
            c.line("* %d EXISTS" % len(box.messages))
            c.line("* OK [UIDNEXT %d] next" % box.uidnext)
            c.line(t + " OK [READ-ONLY] EXAMINE done")
        elif cmd == b"UID" and len(words) > 1 and words[1].upper() == b"SEARCH":
            box = c.selected
            uids = sorted(box.messages)
            if box.wire == b"Bad" and SCENARIO == "uid-out-of-range":
                c.line("* SEARCH 0 " + " ".join(map(str, uids)) + " 4294967296")
            elif box.wire == b"Bad" and SCENARIO == "uid-repeat":
                c.line("* SEARCH " + " ".join("%d %d" % (u, u) for u in uids))
            else:
                c.line("* SEARCH " + " ".join(map(str, uids)))
            c.line(t + " OK SEARCH done")
        elif cmd == b"UID" and len(words) > 2 and words[1].upper() == b"FETCH":
            if not uid_fetch(c, t, rest, c.selected):
                return
        else:
            c.line(t + " BAD unknown command")


def handle(raw, context):
    try:
        with context.wrap_socket(raw, server_side=True) as tls:
            serve(Conn(tls))
    except (ssl.SSLError, OSError, EOFError, ValueError, IndexError, AttributeError):
        pass
    finally:
        try:
            raw.close()
        except OSError:
            pass


def main():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(CERT, KEY)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print(listener.getsockname()[1], flush=True)
    listener.settimeout(120)
    while True:
        try:
            raw, _ = listener.accept()
        except socket.timeout:
            return
        with LOG_LOCK, open(LOGFILE, "ab") as log:
            log.write(b"<connect>\n")
        threading.Thread(target=handle, args=(raw, context), daemon=True).start()


main()
