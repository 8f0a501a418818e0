#!/usr/bin/env python3
"""A fault-injecting TCP proxy on 127.0.0.1 for mailmirror's network-fault tests.

  scripts/faultproxy.py --target PORT [--port 0] [--seed 1] [--modes pass=1,cut=3,stall=1,slow=1]
                        [--first-pass 0] [--cut-max 4000000] [--stall 30] [--log FILE] [--port-file FILE]
                        [--max-duration 600] [--max-connections 0]

Listens on 127.0.0.1 (port 0 = any free one) and forwards each connection to 127.0.0.1:TARGET (e.g. the test
Dovecot's imaps port; TLS passes through untouched, so cuts land inside the handshake and inside literals).
Connection k gets a mode drawn from --modes weights with Random(f"{seed}:{k}"), so a seed replays the same faults:
  pass   forward both ways untouched
  cut    after N bytes server->client, close both sides (half the time with a TCP reset). N is below 6 KB a
         third of the time (the TLS handshake, the greeting, the first responses), else log-uniform up to --cut-max
  stall  after N bytes server->client, forward nothing more for --stall seconds, then close
  slow   forward server->client in 1-1460 byte pieces with 0.5-4 ms pauses (no fault, just slow: ~300 KB/s)
The first --first-pass connections are passed through (e.g. for `account add`/`account test`).

Prints "LISTENING <port>" on stdout (and writes the port to --port-file), then one JSON line per connection to
--log when it ends: {"conn", "mode", "at", "bytes_down", "bytes_up", "injected"}; "injected" is true when the
fault actually happened (a connection that ended before byte N had no fault). On exit (after --max-duration
seconds, --max-connections connections, SIGTERM or SIGINT) it appends {"summary": {...}} with counts per mode of
faults injected, and prints the same summary on stderr.
"""
import argparse
import json
import math
import os
import random
import signal
import socket
import struct
import sys
import threading
import time


class Proxy:
    def __init__(self, a):
        self.a = a
        self.weights = []
        for part in a.modes.split(","):
            name, _, w = part.partition("=")
            if name not in ("pass", "cut", "stall", "slow"):
                sys.exit(f"faultproxy: unknown mode {name!r} (pass, cut, stall, slow)")
            self.weights.append((name, float(w or 1)))
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.conns = 0
        self.counts = {"connections": 0, "injected": 0, "cut": 0, "stall": 0, "slow": 0, "pass": 0,
                       "cut_in_first_6k": 0, "not_reached": 0}
        self.log = open(a.log, "a", buffering=1) if a.log else None

    def plan(self, k):
        r = random.Random(f"{self.a.seed}:{k}")
        if k < self.a.first_pass:
            return dict(mode="pass")
        names = [n for n, _ in self.weights]
        mode = r.choices(names, weights=[w for _, w in self.weights])[0]
        at = None
        if mode in ("cut", "stall"):
            if r.random() < 1 / 3:
                at = r.randrange(0, 6000)
            else:
                at = int(math.exp(r.uniform(math.log(6000), math.log(max(6001, self.a.cut_max)))))
        return dict(mode=mode, at=at, rst=r.random() < 0.5, seed=r.randrange(1 << 30))

    def record(self, entry):
        with self.lock:
            c = self.counts
            c["connections"] += 1
            if entry["mode"] in ("pass", "slow"):
                c[entry["mode"]] += 1
            elif entry["injected"]:
                c["injected"] += 1
                c[entry["mode"]] += 1
                if entry["at"] < 6000:
                    c["cut_in_first_6k"] += 1
            else:
                c["not_reached"] += 1
            if self.log:
                self.log.write(json.dumps(entry, sort_keys=True) + "\n")

    @staticmethod
    def close(sock, rst=False):
        try:
            if rst:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            sock.close()
        except OSError:
            pass

    def handle(self, k, client):
        p = self.plan(k)
        entry = dict(conn=k, mode=p["mode"], at=p.get("at"), bytes_down=0, bytes_up=0, injected=False)
        try:
            server = socket.create_connection(("127.0.0.1", self.a.target), timeout=10)
            server.settimeout(None)
        except OSError as e:
            entry["error"] = f"connect: {e}"
            self.close(client)
            self.record(entry)
            return
        done = threading.Event()

        def up():  # client -> server, untouched
            try:
                while not done.is_set():
                    data = client.recv(65536)
                    if not data:
                        break
                    server.sendall(data)
                    entry["bytes_up"] += len(data)
            except OSError:
                pass
            finally:
                try:
                    server.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        t = threading.Thread(target=up, daemon=True)
        t.start()
        r = random.Random(p.get("seed", 0))
        try:
            while not self.stop.is_set():
                data = server.recv(65536)
                if not data:
                    break
                if p["mode"] in ("cut", "stall") and entry["bytes_down"] + len(data) >= p["at"]:
                    keep = p["at"] - entry["bytes_down"]
                    if keep:
                        client.sendall(data[:keep])
                    entry["bytes_down"] += keep
                    entry["injected"] = True
                    if p["mode"] == "stall":
                        self.stop.wait(self.a.stall)
                    break
                if p["mode"] == "slow":
                    i = 0
                    while i < len(data):
                        n = r.randrange(1, 1461)
                        client.sendall(data[i:i + n])
                        i += n
                        time.sleep(r.uniform(0.0005, 0.004))
                else:
                    client.sendall(data)
                entry["bytes_down"] += len(data)
        except OSError:
            pass
        finally:
            done.set()
            self.close(client, rst=p["mode"] == "cut" and entry["injected"] and p["rst"])
            self.close(server)
            t.join(timeout=2)
            self.record(entry)

    def serve(self):
        a = self.a
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("127.0.0.1", a.port))
        ls.listen(64)
        ls.settimeout(0.2)
        port = ls.getsockname()[1]
        if a.port_file:
            with open(a.port_file + ".tmp", "w") as f:
                f.write(f"{port}\n")
            os.replace(a.port_file + ".tmp", a.port_file)
        print(f"LISTENING {port}", flush=True)
        deadline = time.monotonic() + a.max_duration
        threads = []
        while not self.stop.is_set() and time.monotonic() < deadline:
            if a.max_connections and self.conns >= a.max_connections:
                break
            try:
                c, _ = ls.accept()
            except socket.timeout:
                continue
            except OSError:
                break
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            th = threading.Thread(target=self.handle, args=(self.conns, c), daemon=True)
            self.conns += 1
            th.start()
            threads.append(th)
            threads = [x for x in threads if x.is_alive()]
        ls.close()
        # Let connections in flight finish (until the deadline, or at once when told to stop), then stop.
        for th in threads:
            th.join(timeout=max(0.0, deadline - time.monotonic()) if not self.stop.is_set() else 3)
        self.stop.set()
        summary = dict(self.counts)
        if self.log:
            self.log.write(json.dumps({"summary": summary}, sort_keys=True) + "\n")
            self.log.close()
        print("faultproxy summary: " + json.dumps(summary, sort_keys=True), file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description="Fault-injecting TCP proxy on 127.0.0.1 (see the file's header).")
    ap.add_argument("--target", type=int, required=True, help="port on 127.0.0.1 to forward to")
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0: any free one)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default="pass=1,cut=3,stall=1,slow=1", help="mode weights")
    ap.add_argument("--first-pass", type=int, default=0, help="pass the first N connections through")
    ap.add_argument("--cut-max", type=int, default=4_000_000, help="largest cut/stall offset in bytes")
    ap.add_argument("--stall", type=float, default=30.0, help="seconds a stall lasts before the cut")
    ap.add_argument("--log", help="JSON lines: one per connection, then a summary")
    ap.add_argument("--port-file", help="write the listening port here")
    ap.add_argument("--max-duration", type=float, default=600.0, help="exit after this many seconds")
    ap.add_argument("--max-connections", type=int, default=0, help="exit after this many connections (0: no limit)")
    a = ap.parse_args()
    p = Proxy(a)

    def on_signal(_sig, _frame):
        p.stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    p.serve()


if __name__ == "__main__":
    main()
