#!/usr/bin/env python3
"""Adds messages to the testbed Dovecot's Maildir with the ownership Dovecot needs.

Usage (normally through `scripts/testbed deliver DIR ...`):
  testbed_deliver.py --maildir M --conf C --user U [--mailbox NAME] [--flags S] SOURCE...

SOURCE is a message file or a Maildir folder (its cur/ and new/ files are taken in name order and keep their
":2,FLAGS" suffix). Files are written tmp/ -> cur/ (rename), named so Dovecot gives them UIDs in the order given,
with S= (size) and W= (CRLF size) so Dovecot need not read them for RFC822.SIZE. They are chowned to the owner of
the Maildir (the mail user), because Dovecot opens a mailbox read-only when it meets files it does not own.
A mailbox that does not exist is created with doveadm first; Dovecot is told to resync afterwards, so the
new messages are visible to the next IMAP command. Prints how many messages were added.
"""
import argparse
import os
import socket
import subprocess
import sys
import time


def sources(paths):
    for p in paths:
        if os.path.isdir(p):
            names = []
            for sub in ("cur", "new"):
                d = os.path.join(p, sub)
                if os.path.isdir(d):
                    names += [os.path.join(d, n) for n in os.listdir(d) if not n.startswith(".")]
            if not names:
                sys.exit(f"Error: {p} is a folder without cur/ or new/ messages")
            yield from sorted(names, key=os.path.basename)
        elif os.path.isfile(p):
            yield p
        else:
            sys.exit(f"Error: {p} is neither a message file nor a Maildir folder")


def doveadm(conf, *args):
    r = subprocess.run(["doveadm", "-c", conf, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"Error: doveadm {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--maildir", required=True, help="the user's INBOX Maildir (MAILMIRROR_TEST_MAILDIR)")
    ap.add_argument("--conf", required=True, help="dovecot.conf of the testbed")
    ap.add_argument("--user", required=True)
    ap.add_argument("--mailbox", default="INBOX")
    ap.add_argument("--flags", default=None, help="maildir flags for plain files, e.g. S or FS (default none)")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args()

    st = os.stat(a.maildir)
    uid, gid = st.st_uid, st.st_gid
    if a.mailbox.upper() == "INBOX":
        target = a.maildir
    else:
        if ".." in a.mailbox.split("/"):
            sys.exit("Error: mailbox names with '..' are not allowed here")
        target = os.path.join(a.maildir, "." + a.mailbox.replace("/", "."))
        if not os.path.isdir(target):
            doveadm(a.conf, "mailbox", "create", "-u", a.user, a.mailbox)
    for sub in ("tmp", "new", "cur"):
        d = os.path.join(target, sub)
        if not os.path.isdir(d):
            os.makedirs(d, mode=0o700)
            os.chown(d, uid, gid)

    host = socket.gethostname().replace("/", "\\057").replace(":", "\\072")
    now = int(time.time())
    pid = os.getpid()
    n = 0
    for src in sources(a.sources):
        with open(src, "rb") as f:
            data = f.read()
        base = os.path.basename(src)
        flags = a.flags if a.flags is not None else ""
        if ":2," in base and a.flags is None:
            flags = base.split(":2,", 1)[1]
        vsize = len(data) + data.count(b"\n") - data.count(b"\r\n")
        name = f"{now}.M{n:07d}P{pid}.{host},S={len(data)},W={vsize}"
        tmp = os.path.join(target, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        os.chown(tmp, uid, gid)
        os.chmod(tmp, 0o600)
        os.rename(tmp, os.path.join(target, "cur", f"{name}:2,{''.join(sorted(flags))}"))
        n += 1
    doveadm(a.conf, "force-resync", "-u", a.user, a.mailbox)
    print(f"delivered {n} messages to {a.mailbox}")


if __name__ == "__main__":
    main()
