#!/usr/bin/env python3
"""The OAuth 2.0 side of the testbed: a token-introspection endpoint for Dovecot's oauth2 passdb and a fake of
Google's authorization and token endpoints for mailmirror, on 127.0.0.1. Tokens are random and kept in memory.

Usage:
  testbed_oauth2.py serve --dir DIR --user USER   runs both listeners until SIGTERM; writes DIR/ports
                                                  ("INTROSPECTION_PORT TOKEN_PORT") once they listen
  testbed_oauth2.py token [--env FILE] [--expired] [--scope S]
                                                  prints a fresh access token for the testbed's user (what an
                                                  --oauth2-token-command prints); --expired: one Dovecot refuses
  testbed_oauth2.py issued [--env FILE]           prints every access token issued so far, one a line
  testbed_oauth2.py browse URL [--env FILE]       plays the user's browser: GETs the authorization URL (the fake
                                                  answers with a redirect carrying a code) and follows it to
                                                  mailmirror's loopback listener; prints the listener's page

Introspection (plain HTTP, Dovecot -> this helper on loopback; mailmirror never speaks it):
  POST /introspect token=T -> {"active": true, "email": USER, "scope": ...} or {"active": false}
Token endpoint (HTTPS with the testbed's certificate, as mailmirror must verify it):
  GET  /auth?client_id&redirect_uri&response_type=code&scope&code_challenge&code_challenge_method=S256&state
       -> 302 to redirect_uri?code=C&state=S (client ids starting "deny" get error=access_denied)
  POST /token grant_type=authorization_code (code, redirect_uri, code_verifier checked against the S256 challenge)
       or grant_type=refresh_token (any refresh token starting "rt-")
       client_secret must be "test-client-secret". The client id picks the behaviour:
         revoked*  -> 400 {"error":"invalid_grant"}      badjson* -> 200 with a body that is not JSON
         slow*     -> answers after 20 s                 expired* -> a token introspection calls inactive
         noscope*  -> a token without https://mail.google.com/      anything else -> a working token
  POST /mint [expired=1] [scope=S] -> a fresh access token as text (for `token`)
  GET  /issued -> every access token issued so far, as a JSON list (the secrets tests look for them everywhere)
Each request is logged as one line to DIR/requests.log: method, path and the names (never values) of the fields.
"""
import argparse
import base64
import hashlib
import http.server
import json
import os
import secrets
import signal
import ssl
import sys
import threading
import time
import urllib.parse
import urllib.request

from testbed_imap import read_env  # the same testbed.env reader (this folder)

MAIL_SCOPE = "https://mail.google.com/"
CLIENT_SECRET = "test-client-secret"


class State:
    def __init__(self, user, log):
        self.user = user
        self.lock = threading.Lock()
        self.access = {}  # token -> {"active", "scope"}
        self.codes = {}   # code -> (client_id, redirect_uri, challenge)
        self.log = log

    def issue(self, active=True, scope=MAIL_SCOPE):
        token = "ya29.test-" + secrets.token_urlsafe(24)
        with self.lock:
            self.access[token] = {"active": active, "scope": scope}
        return token

    def record(self, method, path, fields):
        with self.lock, open(self.log, "a") as f:
            f.write(json.dumps({"method": method, "path": path, "fields": sorted(fields)}) + "\n")


def make_handler(state, kind):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body, content_type="application/json", headers=()):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def form(self):
            n = int(self.headers.get("Content-Length") or 0)
            return {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(n).decode(), keep_blank_values=True).items()}

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            q = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
            state.record("GET", url.path, q.keys())
            if kind == "token" and url.path == "/issued":
                with state.lock:
                    return self.reply(200, json.dumps(sorted(state.access)))
            if kind != "token" or url.path != "/auth":
                return self.reply(404, '{"error":"not_found"}')
            redirect = q.get("redirect_uri", "")
            problems = []
            if not redirect.startswith("http://127.0.0.1:"):
                problems.append("redirect_uri must be a loopback URL")
            if q.get("response_type") != "code":
                problems.append("response_type must be code")
            if q.get("code_challenge_method") != "S256" or len(q.get("code_challenge", "")) != 43:
                problems.append("PKCE S256 is required")
            if MAIL_SCOPE not in q.get("scope", "").split():
                problems.append("scope must include " + MAIL_SCOPE)
            if not q.get("state"):
                problems.append("state is required")
            if problems:
                return self.reply(400, json.dumps({"error": "invalid_request", "error_description": "; ".join(problems)}))
            if q.get("client_id", "").startswith("deny"):
                target = redirect + "?" + urllib.parse.urlencode({"error": "access_denied", "state": q["state"]})
            else:
                code = "code-" + secrets.token_urlsafe(16)
                with state.lock:
                    state.codes[code] = (q.get("client_id"), redirect, q["code_challenge"])
                target = redirect + "?" + urllib.parse.urlencode({"code": code, "state": q["state"]})
            self.reply(302, "", "text/plain", [("Location", target)])

        def do_POST(self):
            path = urllib.parse.urlsplit(self.path).path
            f = self.form()
            state.record("POST", path, f.keys())
            if kind == "introspection":
                if path != "/introspect":
                    return self.reply(404, '{"error":"not_found"}')
                info = state.access.get(f.get("token", ""))
                if not info or not info["active"]:
                    return self.reply(200, '{"active":false}')
                return self.reply(200, json.dumps({"active": True, "email": state.user, "scope": info["scope"]}))
            if path == "/mint":
                return self.reply(200, state.issue(active=f.get("expired") != "1", scope=f.get("scope", MAIL_SCOPE)), "text/plain")
            if path != "/token":
                return self.reply(404, '{"error":"not_found"}')
            client = f.get("client_id", "")
            if f.get("client_secret") != CLIENT_SECRET:
                return self.reply(401, '{"error":"invalid_client","error_description":"The OAuth client was not found."}')
            grant = f.get("grant_type")
            refresh = None
            if grant == "authorization_code":
                with state.lock:
                    saved = state.codes.pop(f.get("code", ""), None)
                verifier = f.get("code_verifier", "").encode()
                challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
                if not saved or saved[0] != client or saved[1] != f.get("redirect_uri") or saved[2] != challenge:
                    return self.reply(400, '{"error":"invalid_grant","error_description":"Bad code, redirect_uri or code_verifier."}')
                refresh = "rt-" + secrets.token_urlsafe(24)
            elif grant == "refresh_token":
                if not f.get("refresh_token", "").startswith("rt-"):
                    return self.reply(400, '{"error":"invalid_grant","error_description":"Bad Request"}')
            else:
                return self.reply(400, '{"error":"unsupported_grant_type"}')
            if client.startswith("revoked"):
                return self.reply(400, '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}')
            if client.startswith("badjson"):
                return self.reply(200, "<html><body>Service temporarily rewritten</body></html>", "text/html")
            if client.startswith("slow"):
                time.sleep(20)
            token = state.issue(active=not client.startswith("expired"),
                                scope="openid email" if client.startswith("noscope") else MAIL_SCOPE)
            body = {"access_token": token, "expires_in": 3599, "scope": MAIL_SCOPE, "token_type": "Bearer"}
            if refresh:
                body["refresh_token"] = refresh
            self.reply(200, json.dumps(body))

    return Handler


def serve(a):
    log = os.path.join(a.dir, "requests.log")
    state = State(a.user, log)
    introspection = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state, "introspection"))
    token = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state, "token"))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(a.dir, "..", "tls", "server.pem"), os.path.join(a.dir, "..", "tls", "server.key"))
    token.socket = ctx.wrap_socket(token.socket, server_side=True)
    for server in (introspection, token):
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    tmp = os.path.join(a.dir, "ports.tmp")
    with open(tmp, "w") as f:
        f.write(f"{introspection.server_address[1]} {token.server_address[1]}\n")
    os.rename(tmp, os.path.join(a.dir, "ports"))
    stop.wait()


def environment(a):
    return read_env(a.env) if a.env else dict(os.environ)


def token(a):
    env = environment(a)
    fields = {"expired": "1" if a.expired else "0"}
    if a.scope:
        fields["scope"] = a.scope
    ctx = ssl.create_default_context(cafile=env["MAILMIRROR_TEST_CA"])
    with urllib.request.urlopen(env["MAILMIRROR_TEST_OAUTH2_URL"] + "/mint", urllib.parse.urlencode(fields).encode(),
                                context=ctx, timeout=10) as r:
        print(r.read().decode())


def issued(a):
    env = environment(a)
    ctx = ssl.create_default_context(cafile=env["MAILMIRROR_TEST_CA"])
    with urllib.request.urlopen(env["MAILMIRROR_TEST_OAUTH2_URL"] + "/issued", context=ctx, timeout=10) as r:
        for t in json.loads(r.read()):
            print(t)


def browse(a):
    env = environment(a)
    ctx = ssl.create_default_context(cafile=env["MAILMIRROR_TEST_CA"])
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ctx))
    with opener.open(a.url, timeout=30) as r:
        sys.stdout.write(r.read().decode())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--dir", required=True)
    s.add_argument("--user", required=True)
    t = sub.add_parser("token")
    t.add_argument("--env")
    t.add_argument("--expired", action="store_true")
    t.add_argument("--scope")
    i = sub.add_parser("issued")
    i.add_argument("--env")
    b = sub.add_parser("browse")
    b.add_argument("url")
    b.add_argument("--env")
    a = p.parse_args()
    {"serve": serve, "token": token, "issued": issued, "browse": browse}[a.cmd](a)


if __name__ == "__main__":
    main()
