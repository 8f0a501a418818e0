#!/usr/bin/env python3
"""Talks IMAP to a testbed (Dovecot, Cyrus, Courier) as its user, over verified TLS, independently of mailmirror.

Usage:
  testbed_imap.py [--env FILE] append [--mailbox M] FILE|MAILDIR...   APPEND (CRLF line ends; a Maildir's cur/ and
                                                                     new/ in name order, keeping ":2,FLAGS")
  testbed_imap.py [--env FILE] fetch --mailbox M --out DIR             UID FETCH 1:* BODY.PEEK[] under EXAMINE;
                                                                     writes DIR/<uid>.eml, the bytes as served
  testbed_imap.py [--env FILE] mailbox NAME                            prints the full name of a personal mailbox
                                                                     NAME (NAMESPACE prefix + NAME), e.g.
                                                                     INBOX.NAME on Courier, INBOX/NAME on Cyrus

The server comes from the MAILMIRROR_TEST_* variables of a testbed.env (--env FILE, or the environment).
`append` creates the mailbox when it is missing. Used by scripts/testbed-cyrus and scripts/testbed-courier
(deliver) and by the other-servers integration test, to check what a server serves.
"""
import imaplib
import os
import re
import shlex
import ssl
import sys

FLAG_NAMES = {"S": "\\Seen", "F": "\\Flagged", "R": "\\Answered", "D": "\\Draft", "T": "\\Deleted"}


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("export "):
                line = line[len("export "):]
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            words = shlex.split(value)
            env[key] = words[0] if words else ""
    return env


def connect(env):
    ctx = ssl.create_default_context(cafile=env["MAILMIRROR_TEST_CA"])
    m = imaplib.IMAP4_SSL(env.get("MAILMIRROR_TEST_HOST", "127.0.0.1"), int(env["MAILMIRROR_TEST_IMAPS_PORT"]),
                          ssl_context=ctx, timeout=60)
    m.login(env["MAILMIRROR_TEST_USER"], env["MAILMIRROR_TEST_PASSWORD"])
    return m


def quoted(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sources(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            names = [os.path.join(p, sub, n) for sub in ("cur", "new") if os.path.isdir(os.path.join(p, sub))
                     for n in os.listdir(os.path.join(p, sub)) if not n.startswith(".")]
            files += sorted(names, key=os.path.basename)
        elif os.path.isfile(p):
            files.append(p)
        else:
            sys.exit(f"Error: {p} is neither a message file nor a Maildir folder")
    return files


def append(env, args):
    mailbox, paths = "INBOX", []
    while args:
        a = args.pop(0)
        if a == "--mailbox":
            mailbox = args.pop(0)
        else:
            paths.append(a)
    m = connect(env)
    if mailbox.upper() != "INBOX":
        typ, _ = m.status(quoted(mailbox), "(MESSAGES)")
        if typ != "OK":
            typ, data = m.create(quoted(mailbox))
            if typ != "OK":
                sys.exit(f"Error: CREATE {mailbox} failed: {data}")
    files = sources(paths)
    for f in files:
        base = os.path.basename(f)
        flags = base.split(":2,", 1)[1] if ":2," in base else ""
        with open(f, "rb") as fh:
            data = fh.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        flag_list = "(" + " ".join(FLAG_NAMES[c] for c in flags if c in FLAG_NAMES) + ")"
        typ, resp = m.append(quoted(mailbox), flag_list, None, data)
        if typ != "OK":
            sys.exit(f"Error: APPEND {f} failed: {resp}")
    m.logout()
    print(f"delivered {len(files)} messages to {mailbox}")


def fetch(env, args):
    mailbox = out = None
    while args:
        a = args.pop(0)
        if a == "--mailbox":
            mailbox = args.pop(0)
        elif a == "--out":
            out = args.pop(0)
        else:
            sys.exit(f"Error: unexpected {a}")
    if mailbox is None or out is None:
        sys.exit("Error: fetch needs --mailbox M --out DIR")
    os.makedirs(out, exist_ok=True)
    m = connect(env)
    typ, data = m.select(quoted(mailbox), readonly=True)
    if typ != "OK":
        sys.exit(f"Error: EXAMINE {mailbox} failed: {data}")
    count = 0
    if int(data[0] or 0) > 0:
        typ, data = m.uid("FETCH", "1:*", "(UID BODY.PEEK[])")
        if typ != "OK":
            sys.exit(f"Error: UID FETCH failed: {data}")
        for item in data:
            if not isinstance(item, tuple):
                continue
            uid = re.search(rb"UID (\d+)", item[0])
            if uid is None:
                sys.exit(f"Error: a FETCH response without UID: {item[0]!r}")
            with open(os.path.join(out, f"{int(uid.group(1))}.eml"), "wb") as fh:
                fh.write(item[1])
            count += 1
    m.logout()
    print(f"fetched {count} messages from {mailbox}")


def personal_mailbox(env, args):
    if len(args) != 1:
        sys.exit("Error: mailbox takes one NAME")
    m = connect(env)
    typ, data = m.namespace()
    m.logout()
    # (("prefix" "sep")) ... : the first personal namespace.
    found = re.match(rb'\(\("([^"]*)" (?:"((?:\\.|[^"])*)"|NIL)', data[0] or b"") if typ == "OK" else None
    prefix = found.group(1).decode() if found else ""
    print(prefix + args[0])


def main():
    args = sys.argv[1:]
    env = dict(os.environ)
    if args[:1] == ["--env"]:
        env.update(read_env(args[1]))
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    command, rest = args[0], args[1:]
    if command == "append":
        append(env, rest)
    elif command == "fetch":
        fetch(env, rest)
    elif command == "mailbox":
        personal_mailbox(env, rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
