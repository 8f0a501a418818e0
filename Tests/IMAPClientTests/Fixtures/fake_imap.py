#!/usr/bin/env python3
"""A scripted IMAP server over TLS for the tests Dovecot cannot play.

Usage: fake_imap.py CERT KEY SCENARIO LOGFILE
Binds 127.0.0.1 on a free port, prints the port on stdout, serves ONE connection playing
SCENARIO, appends every line the client sends to LOGFILE, then exits. Stdlib only.
It generates no certificate: the Swift test makes a throw-away one and passes its paths.
"""
import base64
import re
import socket
import ssl
import sys
import time

CERT, KEY, SCENARIO, LOGFILE = sys.argv[1:5]
USER = "support@example.com"
PASSWORD = "abcdefghijklmnop"
TOKEN = "ya29.fake-access-token"  # the only OAuth 2.0 access token the oauth-* scenarios accept
# Google's error challenge for a refused token (https://developers.google.com/gmail/imap/xoauth2-protocol).
OAUTH_CHALLENGE = "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K"

GMAIL_PRE = ("IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR "
             "AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER AUTH=XOAUTH")
GMAIL_POST = ("IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS COMPRESS=DEFLATE "
              "ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584")
PLAIN_CAPS = "IMAP4rev1 ID LITERAL+"

AUTH_FAILURES = {
    "auth-app-password": "NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
    "auth-invalid": "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
    "auth-imap-disabled": "NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)",
    "auth-domain-disabled": "NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)",
    "auth-web-login": "NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
    "auth-webalert": "NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs] Web login required.",
    "auth-too-many": "NO [ALERT] Too many simultaneous connections. (Failure)",
    "auth-untagged-webalert": "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
    "oauth-domain-disabled": "NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)",
    "auth-echo": "NO [AUTHENTICATIONFAILED] Invalid credentials for password " + PASSWORD + " (Failure)",
}


def message(i):
    return ("From: Claire Dubois <claire%d@client.fr>\r\nTo: support@example.com\r\n"
            "Subject: Question %d\r\nMessage-ID: <m%d@client.fr>\r\n\r\nBonjour,\r\nligne {%d}\r\n" % (i, i, i, i)).encode()


MESSAGES = {uid: message(uid) for uid in (3, 4, 5, 9, 10)}
LABELS = {3: '("\\\\Inbox" "\\\\Important")', 4: '("\\\\Sent")', 5: '("Clients/Soci&AOk-t&AOk-")', 9: "()", 10: '("\\\\Inbox")'}


def expand(uidset):
    out = set()
    for part in uidset.split(","):
        if ":" in part:
            a, b = part.split(":")
            a = int(a)
            b = max(MESSAGES) if b == "*" else int(b)
            out.update(range(min(a, b), max(a, b) + 1))
        else:
            out.add(max(MESSAGES) if part == "*" else int(part))
    return sorted(u for u in out if u in MESSAGES)


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.log = open(LOGFILE, "ab")

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def line(self, text):
        self.send(text + "\r\n")

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
        """One command with its literals inlined (answers '+' for synchronizing ones)."""
        data = b""
        while True:
            line = self.read_line()
            m = re.search(rb"\{(\d+)(\+?)\}$", line)
            if not m:
                data += line
                break
            data += line[:m.start()]
            if not m.group(2):
                self.line("+ Ready for literal data")
            data += b"\x00LIT[" + self.read_exact(int(m.group(1))) + b"]"
        self.log.write(data.replace(b"\x00", b"") + b"\n")
        self.log.flush()
        return data


def authenticate(c, tag, rest):
    """Returns (user, password) from LOGIN or AUTHENTICATE PLAIN (with or without SASL-IR); for XOAUTH2 and
    OAUTHBEARER the password is the bearer token."""
    words = rest.split(b" ")
    if words[0].upper() == b"LOGIN":
        args = re.findall(rb'\x00LIT\[(.*?)\]|"((?:[^"\\]|\\.)*)"|(\S+)', b" ".join(words[1:]), re.S)
        vals = [a or re.sub(rb"\\(.)", rb"\1", q) or p for a, q, p in args]
        return vals[0].decode(), vals[1].decode("utf-8", "replace")
    if len(words) >= 3:
        blob = words[2]
    else:
        c.line("+ ")
        blob = c.read_line()
        c.log.write(b"<sasl response>\n")
    message = base64.b64decode(blob)
    if words[1].upper() in (b"XOAUTH2", b"OAUTHBEARER"):
        fields = message.split(b"\x01")
        user = fields[0].split(b"a=", 1)[1].rstrip(b",") if words[1].upper() == b"OAUTHBEARER" else fields[0][len(b"user="):]
        token = next(f[len(b"auth=Bearer "):] for f in fields if f.startswith(b"auth=Bearer "))
        return user.decode(), token.decode()
    parts = message.split(b"\x00")
    return parts[1].decode(), parts[2].decode("utf-8", "replace")


def serve(c):
    gmail = SCENARIO in ("gmail", "throttled", "overquota", "bye", "cut-literal", "stall", "absurd-literal",
                         "hostile-names", "endless-line") or SCENARIO.startswith(("auth-", "oauth-"))
    pre = GMAIL_PRE if gmail else PLAIN_CAPS
    if SCENARIO == "auth-no-ir":
        pre = "IMAP4rev1 AUTH=PLAIN"
    post = GMAIL_POST if gmail else PLAIN_CAPS + " CONDSTORE"
    if SCENARIO == "stall-greeting":
        time.sleep(30)
        return
    c.line("* OK Gimap ready for requests from 127.0.0.1 fake")
    authed = False
    while True:
        try:
            data = c.read_command()
        except EOFError:
            return
        tag, _, rest = data.partition(b" ")
        t = tag.decode()
        cmd = rest.split(b" ")[0].upper()
        if cmd == b"CAPABILITY":
            c.line("* CAPABILITY " + (post if authed else pre))
            c.line(t + " OK Thats all she wrote!")
        elif cmd in (b"LOGIN", b"AUTHENTICATE"):
            user, password = authenticate(c, t, rest)
            if SCENARIO == "auth-untagged-webalert":
                c.line("* NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1] Web login required.")
            if SCENARIO == "oauth-ok" and user == USER and password == TOKEN:
                authed = True
                c.line(t + " OK [CAPABILITY " + post + "] " + USER + " authenticated (Success)")
                continue
            if SCENARIO == "oauth-expired":
                # The error challenge; the client must answer it before the tagged NO comes.
                c.line("+ " + OAUTH_CHALLENGE)
                c.log.write(b"<sasl error reply:" + c.read_line() + b">\n")
                c.log.flush()
                c.line(t + " NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)")
                continue
            if SCENARIO in AUTH_FAILURES:
                c.line(t + " " + AUTH_FAILURES[SCENARIO])
            elif user == USER and password == PASSWORD:
                authed = True
                if SCENARIO in ("no-sasl", "auth-no-ir"):
                    c.line(t + " OK Logged in")
                else:
                    c.line(t + " OK [CAPABILITY " + post + "] " + USER + " authenticated (Success)")
            else:
                c.line(t + " NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)")
        elif SCENARIO == "close-after-login" and authed:
            c.sock.close()
            return
        elif cmd == b"ID":
            c.line('* ID ("name" "GImap" "vendor" "Google, Inc." "support-url" NIL)')
            c.line(t + " OK Success")
        elif cmd == b"LOGOUT":
            c.line("* BYE LOGOUT Requested")
            c.line(t + " OK 73 good day (Success)")
            return
        elif not authed:
            c.line(t + " BAD not authenticated")
        elif cmd == b"LIST":
            if SCENARIO == "hostile-names":
                c.line('* LIST (\\HasNoChildren) "/" "../../etc"')
                c.line('* LIST (\\HasNoChildren) "/" "a/../../b"')
                c.send(b'* LIST (\\HasNoChildren) "/" {7}\r\nNUL\x00BYE\r\n')
                c.send(b'* LIST (\\HasNoChildren) "/" {8}\r\nctl\x01\x1b[2J\r\n')
                c.send(b'* LIST (\\HasNoChildren) "/" {15}\r\nBo\xc3\xaete envoy\xc3\xa9e\r\n')
                c.line('* LIST (\\HasNoChildren) "/" "&AOk"')
                c.line('* LIST (\\Noselect \\HasChildren) "/" "[Gmail]"')
            else:
                c.line('* LIST (\\HasNoChildren) "/" "INBOX"')
                c.line('* LIST (\\HasChildren \\Noselect) "/" "[Gmail]"')
                c.line('* LIST (\\All \\HasNoChildren) "/" "[Gmail]/Tous les messages"')
                c.line('* LIST (\\HasNoChildren \\Sent) "/" "[Gmail]/Messages envoy&AOk-s"')
                c.line('* LIST (\\HasNoChildren \\Trash) "/" "[Gmail]/Corbeille"')
            c.line(t + " OK Success")
        elif cmd == b"STATUS":
            c.line('* STATUS "[Gmail]/Tous les messages" (MESSAGES 5 UIDNEXT 11 UIDVALIDITY 11 HIGHESTMODSEQ 2089475)')
            c.line(t + " OK Success")
        elif cmd == b"EXAMINE":
            if SCENARIO == "bye":
                c.line("* BYE Session expired, please login again.")
                return
            c.line("* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing $Phishing)")
            c.line("* OK [PERMANENTFLAGS ()] Flags permitted.")
            c.line("* OK [UIDVALIDITY 11] UIDs valid.")
            c.line("* 5 EXISTS")
            c.line("* 0 RECENT")
            c.line("* OK [UIDNEXT 11] Predicted next UID.")
            c.line("* OK [HIGHESTMODSEQ 2089475]")
            c.line(t + " OK [READ-ONLY] selected. (Success)")
        elif cmd == b"UID" and rest.split(b" ")[1].upper() == b"SEARCH":
            c.line('* ESEARCH (TAG "%s") UID ALL 3:5,9:10' % t)
            c.line(t + " OK SEARCH completed (Success)")
        elif cmd == b"UID" and rest.split(b" ")[1].upper() == b"FETCH":
            uidset = rest.split(b" ")[2].decode()
            wants_body = b"BODY.PEEK[]" in rest
            if SCENARIO == "throttled":
                c.line(t + " NO [THROTTLED] Account exceeded command or bandwidth limits. (Failure)")
                continue
            if SCENARIO == "overquota":
                c.line(t + " NO [OVERQUOTA] Account exceeded download bandwidth limits. (Failure)")
                continue
            if SCENARIO == "cut-literal" and wants_body:
                c.send(b"* 1 FETCH (UID 3 FLAGS (\\Seen) BODY[] {5000}\r\n" + b"x" * 100)
                time.sleep(0.2)
                return
            if SCENARIO == "stall" and wants_body:
                time.sleep(30)
                return
            if SCENARIO == "absurd-literal" and wants_body:
                c.send(b"* 1 FETCH (UID 3 BODY[] {99999999999}\r\n" + b"x" * 1000)
                time.sleep(2)
                return
            if SCENARIO == "endless-line" and wants_body:
                try:
                    c.send(b"* 1 FETCH (UID 3 FLAGS (" + b"\\Seen " * 200000)
                except OSError:
                    pass
                time.sleep(2)
                return
            for seq, uid in enumerate(expand(uidset), start=1):
                if wants_body:
                    body = MESSAGES[uid]
                    head = ("* %d FETCH (X-GM-THRID %d X-GM-MSGID %d X-GM-LABELS %s UID %d MODSEQ (%d) FLAGS (\\Seen) "
                            "INTERNALDATE \"%02d-Mar-2026 10:00:00 +0100\" RFC822.SIZE %d BODY[] {%d}\r\n"
                            % (seq, 1759872262563478000 + uid // 4, 1759872262563479000 + uid, LABELS[uid], uid,
                               2089400 + uid, uid % 9 + 1, len(body), len(body)))
                    if uid == 4:
                        # An unsolicited flag update in the middle of the batch, as Gmail sends.
                        c.line("* %d FETCH (UID 9 FLAGS (\\Flagged))" % (seq + 10))
                    c.send(head.encode() + body + b")\r\n")
                else:
                    c.line("* %d FETCH (UID %d FLAGS (\\Seen) MODSEQ (%d))" % (seq, uid, 2089400 + uid))
            c.line(t + " OK Success")
        else:
            c.line(t + " BAD unknown command")


def main():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(CERT, KEY)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    print(listener.getsockname()[1], flush=True)
    listener.settimeout(60)
    try:
        raw, _ = listener.accept()
    except socket.timeout:
        return
    if SCENARIO == "stall-handshake":
        time.sleep(30)  # TCP accepted, TLS never answered
        return
    if SCENARIO == "no-starttls":
        # Plain IMAP without STARTTLS: a client asked for STARTTLS must refuse to go on in clear.
        c = Conn(raw)
        c.line("* OK plain server ready")
        try:
            while True:
                data = c.read_command()
                tag = data.split(b" ")[0].decode()
                if b"CAPABILITY" in data.upper():
                    c.line("* CAPABILITY IMAP4rev1 AUTH=PLAIN")
                    c.line(tag + " OK done")
                else:
                    c.line(tag + " BAD no")
        except (EOFError, OSError):
            return
    try:
        with context.wrap_socket(raw, server_side=True) as tls:
            serve(Conn(tls))
    except (ssl.SSLError, OSError, EOFError):
        pass


main()
