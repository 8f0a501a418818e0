#!/usr/bin/env python3
"""An independent client: prints {"uid": {"flags": "...", "body": base64}} for every INBOX message.
Usage: peek_bodies.py HOST PORT CAFILE USER   (password in $MAILMIRROR_PEEK_PASSWORD, never argv).
Read-only: EXAMINE and BODY.PEEK[]."""
import base64, imaplib, json, os, re, ssl, sys

host, port, ca, user = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
m = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(cafile=ca))
m.login(user, os.environ["MAILMIRROR_PEEK_PASSWORD"])
m.select("INBOX", readonly=True)
typ, data = m.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])")
out = {}
for item in data:
    if isinstance(item, tuple):
        head = item[0].decode()
        uid = re.search(r"UID (\d+)", head).group(1)
        flags = re.search(r"FLAGS \(([^)]*)\)", head).group(1)
        out[uid] = {"flags": flags, "body": base64.b64encode(item[1]).decode()}
m.logout()
print(json.dumps(out))
