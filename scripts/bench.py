#!/usr/bin/env python3
"""The driver of scripts/bench (which installs, builds and starts the server first): see scripts/bench --help.

Layout under --data: server/ (the testbed), corpus/ and inc/ (gen-sample output), cfg/ (peer configs),
mm/ (mailmirror roots), mbsync/, offlineimap/ (peer mirrors), idx/ (peer indexes), results.json.
Every figure is recorded even when a tool fails: {"error": "..."} instead of numbers.
"""
import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def log(msg):
    print(msg, flush=True)


class Bench:
    def __init__(self, a):
        self.a = a
        self.d = a.data
        self.env = {}
        with open(os.path.join(a.testbed, "testbed.env")) as f:
            for line in f:
                if line.startswith("export "):
                    k, _, v = line[7:].strip().partition("=")
                    self.env[k] = v
        self.conf = self.env["MAILMIRROR_TEST_DOVECOT_CONF"]
        self.user = self.env["MAILMIRROR_TEST_USER"]
        self.pw = self.env["MAILMIRROR_TEST_PASSWORD"]
        self.port = self.env["MAILMIRROR_TEST_IMAPS_PORT"]
        self.ca = self.env["MAILMIRROR_TEST_CA"]
        self.mm = a.mailmirror if a.mailmirror and os.path.exists(a.mailmirror) else None
        self.tools = a.tools.split(",")
        self.res = dict(args={k: v for k, v in vars(a).items()}, started=time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                        errors=[], notes=[])
        self.cfg = os.path.join(self.d, "cfg")
        os.makedirs(self.cfg, exist_ok=True)
        self.passfile = os.path.join(self.cfg, "password")
        with open(os.open(self.passfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(self.pw)

    # ------------------------------------------------------------------ helpers
    def timed(self, argv, env=None, check=True):
        """Runs argv: wall seconds (perf_counter), CPU seconds (wait4's rusage, microseconds), peak RSS (MB).

        GNU time's own figures tick in 10 ms, too coarse for a no-op resync or a query, so only its %M is
        used: a child spawned from this Python process would have Python's own peak counted into its
        ru_maxrss (Linux charges the parent's memory at exec after a vfork), while /usr/bin/time is small.
        The time process's rusage (wait4) includes the command's CPU time, which it waited for."""
        tf = os.path.join(self.d, "time.out")
        with open(os.path.join(self.d, "timed.out"), "w+b") as out, open(os.path.join(self.d, "timed.err"), "w+b") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf] + argv, stdout=out, stderr=err, env=env,
                                 stdin=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            stderr = err.read().decode(errors="replace")
        if p.returncode != 0:
            msg = f"{' '.join(argv[:4])}... exited {p.returncode}: {stderr.strip()[-600:]}"
            if check:
                raise RuntimeError(msg)
            return dict(error=msg)
        rss_kb = int(open(tf).read().split()[-1])
        return dict(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=rss_kb / 1024)

    def doveadm(self, *args):
        return subprocess.run(["doveadm", "-c", self.conf] + list(args), check=True, stdout=subprocess.PIPE,
                              text=True).stdout

    def mailbox_status(self):
        out = self.doveadm("mailbox", "status", "-u", self.user, "messages vsize uidnext", "INBOX")
        return {k: int(v) for k, v in (x.split("=") for x in out.split()[1:])}

    @staticmethod
    def du_mb(path):
        if not os.path.exists(path):
            return None
        return int(subprocess.run(["du", "-sk", path], stdout=subprocess.PIPE, text=True).stdout.split()[0]) / 1024

    @staticmethod
    def count_maildir(d):
        return sum(len(os.listdir(os.path.join(d, s))) for s in ("cur", "new") if os.path.isdir(os.path.join(d, s)))

    def error(self, what, msg):
        self.res["errors"].append(f"{what}: {msg}")
        log(f"    ! {what}: {msg.splitlines()[0][:200] if msg else ''}")

    # ------------------------------------------------------------------ corpus + server
    def fill(self):
        a = self.a
        corpus, inc = os.path.join(self.d, "corpus"), os.path.join(self.d, "inc")
        t0 = time.time()
        if a.corpus == "ours":
            gen = [sys.executable, os.path.join(HERE, "gen-sample"), "--seed", str(a.seed)]
            subprocess.run(gen + ["--count", str(a.count), "--out", corpus], check=True)
            self.res["gen_seconds"] = time.time() - t0
            subprocess.run(gen + ["--count", str(a.inc), "--start", str(a.count), "--out", inc], check=True,
                           stdout=subprocess.DEVNULL)
            self.year = json.load(open(os.path.join(corpus, "manifest.json")))["year"]
        else:  # the shared bench corpus the issues measure on (../shared/bench/gen_corpus.py), same seed and year
            # shared/ sits beside the clone (CI, /work/main) or two levels up (a worktree under /work/wt/).
            places = [os.path.join(a.repo, *[".."] * k, "shared", "bench", "gen_corpus.py") for k in (1, 2)]
            shared = next((os.path.normpath(x) for x in places if os.path.exists(x)), None)
            if not shared:
                raise SystemExit(f"--corpus shared: gen_corpus.py not found in {' or '.join(places)}")
            gen = [sys.executable, shared, "--seed", str(a.seed), "--year", "2024"]
            subprocess.run(gen + ["--count", str(a.count), "--tag", "base", "--out", corpus], check=True)
            self.res["gen_seconds"] = time.time() - t0
            subprocess.run(gen + ["--count", str(a.inc), "--tag", "inc", "--out", inc], check=True,
                           stdout=subprocess.DEVNULL)
            self.year = 2024
        subprocess.run([os.path.join(HERE, "testbed"), "deliver", a.testbed, corpus], check=True)
        self.top_sender = self.most_frequent_sender(corpus)
        st = self.mailbox_status()
        self.n, self.vsize = st["messages"], st["vsize"]
        assert self.n == a.count, st
        self.res["corpus"] = dict(messages=self.n, vsize_mb=self.vsize / 1e6, generator=a.corpus)
        log(f"==> server INBOX: {self.n} messages, {self.vsize / 1e6:.1f} MB")

    @staticmethod
    def most_frequent_sender(maildir):
        """The most frequent From address outside the team (for the from: query), read from the files."""
        import email.parser
        import email.utils
        counts = {}
        parser = email.parser.BytesHeaderParser()
        for name in os.listdir(os.path.join(maildir, "cur")):
            with open(os.path.join(maildir, "cur", name), "rb") as f:
                msg = parser.parse(f)
            addr = email.utils.parseaddr(str(msg.get("From", "")))[1].lower()
            if addr and not addr.endswith("@help.example.com") and "helpcenter" not in addr:
                counts[addr] = counts.get(addr, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def add_inc(self):
        before = self.mailbox_status()["uidnext"]
        subprocess.run([os.path.join(HERE, "testbed"), "deliver", self.a.testbed, os.path.join(self.d, "inc")],
                       check=True, stdout=subprocess.DEVNULL)
        return before

    def remove_inc(self, first_uid):
        self.doveadm("expunge", "-u", self.user, "mailbox", "INBOX", "uid", f"{first_uid}:*")

    # ------------------------------------------------------------------ sync tools
    def write_peer_configs(self):
        with open(os.path.join(self.cfg, "mbsyncrc"), "w") as f:
            f.write(f"IMAPAccount bench\nHost 127.0.0.1\nPort {self.port}\nUser {self.user}\n"
                    f"PassCmd \"cat {self.passfile}\"\nSSLType IMAPS\nCertificateFile {self.ca}\n\n"
                    f"IMAPStore remote\nAccount bench\n\nMaildirStore local\nPath {self.d}/mbsync/\n"
                    f"Inbox {self.d}/mbsync/INBOX\n\nChannel bench\nFar :remote:\nNear :local:\nPatterns INBOX\n"
                    f"Create Near\nSync Pull\nSyncState *\n")
        with open(os.path.join(self.cfg, "offlineimaprc"), "w") as f:
            f.write(f"[general]\naccounts = bench\nmetadata = {self.d}/offlineimap-meta\n\n[Account bench]\n"
                    f"localrepository = local\nremoterepository = remote\n\n[Repository local]\ntype = Maildir\n"
                    f"localfolders = {self.d}/offlineimap\n\n[Repository remote]\ntype = IMAP\n"
                    f"remotehost = 127.0.0.1\nremoteport = {self.port}\nremoteuser = {self.user}\n"
                    f"remotepassfile = {self.passfile}\nssl = yes\nsslcacertfile = {self.ca}\n"
                    f"folderfilter = lambda f: f == 'INBOX'\nreadonly = True\n")

    def sync_tool(self, tool, rep):
        """(prepare, command, count) for one fresh mirror of tool."""
        d = self.d
        if tool == "mbsync":
            shutil.rmtree(f"{d}/mbsync", ignore_errors=True)
            os.makedirs(f"{d}/mbsync")
            return ["mbsync", "-q", "-c", f"{self.cfg}/mbsyncrc", "-a"], lambda: self.count_maildir(f"{d}/mbsync/INBOX")
        if tool == "offlineimap":
            for p in (f"{d}/offlineimap", f"{d}/offlineimap-meta"):
                shutil.rmtree(p, ignore_errors=True)
            os.makedirs(f"{d}/offlineimap")
            return (["offlineimap", "-c", f"{self.cfg}/offlineimaprc", "-o", "-u", "quiet"],
                    lambda: self.count_maildir(f"{d}/offlineimap/INBOX"))
        # mailmirror: a fresh root per repetition; `account add` is set-up, not timed.
        root = f"{d}/mm/rep{rep}"
        shutil.rmtree(root, ignore_errors=True)
        add = subprocess.run([self.mm, "--root", root, "account", "add", "bench", "--email", self.user, "--host",
                              "127.0.0.1", "--port", self.port, "--ca-file", self.ca, "--password-file",
                              self.passfile, "--team", "@help.example.com", "--mailbox", "INBOX"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        if add.returncode != 0:
            raise RuntimeError(f"mailmirror account add exited {add.returncode}: {add.stderr.strip()[-400:]}")
        return [self.mm, "--root", root, "sync", "--quiet"], lambda: self.mm_count(root)

    @staticmethod
    def mm_count(root):
        """Messages in mailmirror's store, counted on disk (README, On disk: accounts/<a>/<mailbox>/<uidvalidity>/cur/),
        so a command that exits 0 without mirroring anything is caught."""
        total = 0
        for dirpath, _dirs, files in os.walk(os.path.join(root, "accounts")):
            if os.path.basename(dirpath) == "cur":
                total += sum(1 for f in files if ".eml.gz" in f)
        return total

    def bench_sync(self):
        tools = [t for t in ("mailmirror", "mbsync", "offlineimap") if t in self.tools]
        if "mailmirror" in tools and not self.mm:
            self.error("sync/mailmirror", "not measured: mailmirror did not build")
            tools.remove("mailmirror")
        self.write_peer_configs()
        n, inc = self.n, self.a.inc
        for r in range(self.a.reps):
            order = tools if r % 2 == 0 else list(reversed(tools))
            for tool in order:
                try:
                    cmd, count = self.sync_tool(tool, r)
                    time.sleep(1.1)  # Maildir tools rely on 1-second mtimes
                    full = self.timed(cmd)
                    got = count()
                    if got is not None and got != n:
                        raise RuntimeError(f"initial pull has {got} messages, expected {n}")
                    time.sleep(1.1)
                    noop = self.timed(cmd)
                    first_uid = self.add_inc()
                    time.sleep(1.1)
                    try:
                        incr = self.timed(cmd)
                        got = count()
                        if got is not None and got != n + inc:
                            raise RuntimeError(f"after +{inc} the mirror has {got} messages, expected {n + inc}")
                    finally:
                        self.remove_inc(first_uid)
                except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
                    self.error(f"sync/{tool} rep {r}", str(e))
                    continue
                if tool == "mailmirror":
                    self.mm_root = cmd[2]  # a root known to hold a complete mirror, for reindex/search/report
                for k, v in (("full", full), ("noop", noop), ("inc", incr)):
                    self.res.setdefault(f"sync/{tool}/{k}", []).append(v)
                log(f"    rep {r} {tool:11s} full {full['wall']:.2f}s  no-op {noop['wall']:.2f}s  "
                    f"+{inc} {incr['wall']:.2f}s  peak {max(full['rss_mb'], incr['rss_mb']):.0f} MB")

    # ------------------------------------------------------------------ index + queries
    def bench_index(self):
        d, n = self.d, self.n
        mirror = f"{d}/mirror-index"
        # A clean Maildir of exactly the N messages for the indexers, made by mbsync (untimed).
        cmd, count = self.sync_tool("mbsync", 0)
        subprocess.run(cmd, check=True)
        shutil.rmtree(mirror, ignore_errors=True)
        os.rename(f"{d}/mbsync", mirror)
        assert self.count_maildir(f"{mirror}/INBOX") == n
        self.mirror = mirror
        idx = f"{d}/idx"
        os.makedirs(idx, exist_ok=True)
        with open(f"{self.cfg}/notmuch-config", "w") as f:
            f.write(f"[database]\npath={idx}/notmuch\nmail_root={mirror}\n[user]\nname=Bench\n"
                    f"primary_email={self.user}\n[new]\ntags=inbox;\nignore=.mbsyncstate;.uidvalidity\n"
                    f"[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n")
        with open(f"{self.cfg}/mairixrc", "w") as f:
            f.write(f"base={mirror}\nmaildir=INBOX\nmfolder={idx}/mairix-results\ndatabase={idx}/mairix.db\n")
        self.nm_env = dict(os.environ, NOTMUCH_CONFIG=f"{self.cfg}/notmuch-config")
        mu = f"{idx}/mu"

        def reset_notmuch():
            shutil.rmtree(f"{idx}/notmuch", ignore_errors=True)
            os.makedirs(f"{idx}/notmuch")

        def reset_mu():
            shutil.rmtree(mu, ignore_errors=True)
            subprocess.run(["mu", "init", f"--muhome={mu}", f"--maildir={mirror}"], check=True,
                           stdout=subprocess.DEVNULL)

        def reset_mairix():
            for p in (f"{idx}/mairix.db",):
                if os.path.exists(p):
                    os.unlink(p)

        self.idx_tools = {
            "notmuch": (reset_notmuch, ["notmuch", "new", "--quiet"], f"{idx}/notmuch"),
            "mu": (reset_mu, ["mu", "index", f"--muhome={mu}", "--quiet"], mu),
            "mairix": (reset_mairix, ["mairix", "-f", f"{self.cfg}/mairixrc", "-Q"], f"{idx}/mairix.db"),
        }
        tools = [t for t in ("mailmirror", "notmuch", "mu", "mairix") if t in self.tools]
        mm_root = getattr(self, "mm_root", None)
        if "mailmirror" in tools and self.mm and mm_root:
            # Like the peers, index exactly the N messages: a fresh mirror without the expunged +inc ones (untimed).
            try:
                cmd, count = self.sync_tool("mailmirror", "index")
                subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)
                got = count()
                if got != n:
                    raise RuntimeError(f"the mirror for indexing has {got} messages, expected {n}")
                mm_root = self.mm_root = cmd[2]
            except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
                self.error("index/mailmirror", f"could not make a fresh mirror: {e}")
                mm_root = self.mm_root = None
        if "mailmirror" in tools and not (self.mm and mm_root):
            self.error("index/mailmirror", "not measured: no mailmirror mirror to index (build or sync failed)")
            tools.remove("mailmirror")
        for r in range(self.a.reps):
            for tool in (tools if r % 2 == 0 else list(reversed(tools))):
                try:
                    if tool == "mailmirror":
                        m = self.timed([self.mm, "--root", mm_root, "reindex"])
                        derived = [x for x in os.listdir(mm_root) if x not in ("accounts", "config.json", "lock")]
                        if not derived:
                            raise RuntimeError("reindex exited 0 but wrote no catalog or index in the root")
                    else:
                        reset, cmd, _ = self.idx_tools[tool]
                        reset()
                        m = self.timed(cmd, env=self.nm_env)
                except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
                    self.error(f"index/{tool} rep {r}", str(e))
                    continue
                self.res.setdefault(f"index/{tool}/build", []).append(m)
                log(f"    rep {r} {tool:10s} index {m['wall']:.2f}s cpu {m['cpu']:.2f}s peak {m['rss_mb']:.0f} MB")
        for tool in tools:
            if f"index/{tool}/build" not in self.res:
                continue
            if tool == "mailmirror":
                # The derived files: everything in the root except the accounts/ store and config.
                sizes = {name: self.du_mb(os.path.join(mm_root, name)) for name in sorted(os.listdir(mm_root))
                         if name not in ("accounts", "config.json", "lock")}
                self.res["index/mailmirror/size_mb"] = sum(v for v in sizes.values() if v)
                self.res["index/mailmirror/parts"] = sizes
            else:
                self.res[f"index/{tool}/size_mb"] = self.du_mb(self.idx_tools[tool][2])

    def queries(self):
        top, y = self.top_sender, self.year
        mu = f"{self.d}/idx/mu"
        mairix = ["mairix", "-f", f"{self.cfg}/mairixrc", "-r"]
        qs = [  # label, mailmirror, notmuch, mu, mairix
            ("word: remboursement", "remboursement", "remboursement", "remboursement", ["bs:remboursement"]),
            ('phrase: "app password"', '"app password"', '"app password"', '"app password"', ["bs:app,password"]),
            (f"from:{top}", f"from:{top}", f"from:{top}", f"from:{top}", [f"f:{top}"]),
            (f"{y}-03-01..{y}-05-31 + export", f"after:{y}-03-01 before:{y}-06-01 export",
             f"date:{y}-03-01..{y}-05-31 and export", f"date:{y}0301..{y}0531 and export",
             [f"d:{y}0301-{y}0531", "bs:export"]),
        ]
        tools = [t for t in ("mailmirror", "notmuch", "mu", "mairix") if t in self.tools]
        mm_root = getattr(self, "mm_root", None)
        if "mailmirror" in tools and not (self.mm and mm_root and "index/mailmirror/build" in self.res):
            tools.remove("mailmirror")
            self.error("queries/mailmirror", "not measured: no mailmirror index")
        res = {}
        for label, q_mm, q_nm, q_mu, q_mx in qs:
            cmds = {
                # Message-IDs only, as the peers print them (notmuch --output=messages, mu --fields=i)
                "mailmirror": ([self.mm or "mailmirror", "--root", mm_root or "", "search", q_mm, "--limit", "0",
                                "--output", "messages"], lambda out: [x for x in out.splitlines() if x.strip()]),
                "notmuch": (["notmuch", "search", "--output=messages", q_nm], lambda out: [
                    x[3:] if x.startswith("id:") else x for x in out.splitlines() if x.strip()]),
                "mu": (["mu", "find", f"--muhome={mu}", "--fields=i", q_mu], lambda out: [
                    x.strip() for x in out.splitlines() if x.strip()]),
                "mairix": (mairix + q_mx, None),
            }
            row = {}
            for tool in tools:
                argv, ids_of = cmds[tool]
                p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.nm_env)
                if not self.query_ok(tool, p.returncode, p.stdout):
                    row[tool] = dict(error=f"exit {p.returncode}: {p.stderr.strip()[-300:]}")
                    self.error(f"query {label}/{tool}", row[tool]["error"])
                    continue
                try:
                    ids = ids_of(p.stdout) if ids_of else None
                except ValueError as e:
                    row[tool] = dict(error=f"unreadable output: {e}")
                    self.error(f"query {label}/{tool}", row[tool]["error"])
                    continue
                hits = len(ids) if ids is not None else len([x for x in p.stdout.splitlines() if x.strip()])
                row[tool] = dict(hits=hits, times=[], cpu=[])
                if ids is not None:
                    row[tool]["ids"] = sorted(set(ids))
            # Whole-process latency, tools alternating, after one warm-up run each; every run's exit is checked.
            live = [t for t in tools if "times" in row.get(t, {})]
            for i in range(self.a.qruns + 1):
                for tool in (live if i % 2 == 0 else list(reversed(live))):
                    if "error" in row[tool]:
                        continue
                    t0 = time.perf_counter()
                    p = subprocess.Popen(cmds[tool][0], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.nm_env)
                    _, status, usage = os.wait4(p.pid, 0)
                    elapsed = time.perf_counter() - t0
                    p.returncode = code = os.waitstatus_to_exitcode(status)
                    if not self.query_ok(tool, code, "" if code else "x"):
                        row[tool]["error"] = f"a timed run exited {code}"
                        self.error(f"query {label}/{tool}", row[tool]["error"])
                    elif i:
                        row[tool]["times"].append(elapsed)
                        row[tool]["cpu"].append(usage.ru_utime + usage.ru_stime)
            for tool in live:
                if "error" not in row[tool]:
                    row[tool]["median_ms"] = statistics.median(row[tool]["times"]) * 1000
                    row[tool]["cpu_ms"] = statistics.median(row[tool]["cpu"]) * 1000
            self.reconcile(label, row)
            res[label] = row
            log(f"    {label}: " + ", ".join(
                f"{t} {v['median_ms']:.1f} ms ({v['hits']} hits)" if "median_ms" in v else f"{t} error"
                for t, v in row.items()))
            for note in row.get("differences", []):
                log(f"      {note}")
        self.res["queries"] = res

    def startup(self):
        """`mailmirror --version` beside an empty Swift program built with plain `swift build -c release
        --static-swift-stdlib` (mailmirror adds the link flags of its Package.swift: C++ runtime and zlib from their
        archives, its functions laid out; and scripts/bench builds it without the $ORIGIN run path, as scripts/install
        does), with the same toolchain, both installed as scripts/install installs mailmirror (stripped copies):
        what every command pays to start, measured like the queries (whole process, alternating, median of --qruns after a warm-up)."""
        if not self.mm:
            self.error("startup/mailmirror", "not measured: no mailmirror binary")
            return
        pkg = os.path.join(self.d, "empty-swift")
        os.makedirs(os.path.join(pkg, "Sources", "empty"), exist_ok=True)
        with open(os.path.join(pkg, "Package.swift"), "w") as f:
            f.write("// swift-tools-version:5.9\nimport PackageDescription\n"
                    "let package = Package(name: \"empty\", targets: [.executableTarget(name: \"empty\")])\n")
        with open(os.path.join(pkg, "Sources", "empty", "main.swift"), "w") as f:
            f.write('print("x")\n')
        built = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", pkg],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if built.returncode != 0:
            self.error("startup/empty", f"the empty Swift program did not build: {built.stderr.strip()[-300:]}")
            return
        # Installed like mailmirror (scripts/bench runs a stripped copy of it, not the linker's output file).
        empty = os.path.join(self.d, "bin", "empty")
        subprocess.run(["install", "-D", "-m", "755", "-s", os.path.join(pkg, ".build", "release", "empty"), empty],
                       check=True)
        cmds = {"mailmirror": [self.mm, "--version"], "empty": [empty]}
        row = {t: dict(times=[], cpu=[]) for t in cmds}
        for i in range(self.a.qruns + 1):
            for tool in (list(cmds) if i % 2 == 0 else list(reversed(list(cmds)))):
                t0 = time.perf_counter()
                p = subprocess.Popen(cmds[tool], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(p.pid, 0)
                elapsed = time.perf_counter() - t0
                if os.waitstatus_to_exitcode(status) != 0:
                    self.error(f"startup/{tool}", f"exited {os.waitstatus_to_exitcode(status)}")
                    return
                if i:
                    row[tool]["times"].append(elapsed)
                    row[tool]["cpu"].append(usage.ru_utime + usage.ru_stime)
        for v in row.values():
            v["median_ms"] = statistics.median(v["times"]) * 1000
            v["cpu_ms"] = statistics.median(v["cpu"]) * 1000
        self.res["startup"] = row
        log(f"    --version: mailmirror {row['mailmirror']['median_ms']:.1f} ms (CPU {row['mailmirror']['cpu_ms']:.1f}), "
            f"empty static Swift program {row['empty']['median_ms']:.1f} ms (CPU {row['empty']['cpu_ms']:.1f})")

    @staticmethod
    def query_ok(tool, code, stdout):
        # mu exits 4 when nothing matches; mairix 1.
        return code == 0 or (code in (1, 4) and tool in ("mu", "mairix") and not stdout.strip())

    # Why a peer's count may differ from mailmirror's on the same mail: the tools' documented semantics.
    REASONS = {
        "notmuch": "notmuch stems English only (Xapian) and does not fold accents; mailmirror stems French and "
                   "English lightly and folds accents",
        "mu": "mu matches from: on the name too, and stems differently (Xapian English)",
        "mairix": "mairix has no phrase search (bs:app,password matches both words anywhere), no stemming, and "
                  "matches word prefixes",
    }

    def reason(self, tool, label):
        """The documented reason for `tool`'s difference on the query `label`: mairix's phrase clause only
        where the query is a phrase."""
        if tool == "mairix" and not label.startswith("phrase"):
            return "mairix has no stemming and matches word prefixes"
        return self.REASONS.get(tool, "unexplained")

    def reconcile(self, label, row):
        """Hit counts side by side: for each peer that differs from mailmirror, the messages only one of them
        found (by Message-ID, where the peer prints them) and the documented reason."""
        mm = row.get("mailmirror", {})
        notes = []
        for tool, v in row.items():
            if tool == "mailmirror" or "hits" not in v or "hits" not in mm:
                continue
            same_ids = "ids" not in v or "ids" not in mm or v["ids"] == mm["ids"]
            if v["hits"] == mm["hits"] and same_ids:
                continue
            text = f"{tool} {v['hits']} vs mailmirror {mm['hits']}"
            if "ids" in v and "ids" in mm:
                only_mm = sorted(set(mm["ids"]) - set(v["ids"]))
                only_peer = sorted(set(v["ids"]) - set(mm["ids"]))
                text += f": {len(only_mm)} only in mailmirror (e.g. {only_mm[:2]}), {len(only_peer)} only in {tool} " \
                        f"(e.g. {only_peer[:2]})"
            notes.append(f"{text}; reason: {self.reason(tool, label)}")
        if notes:
            row["differences"] = notes
        for v in row.values():
            if isinstance(v, dict):
                v.pop("ids", None)  # kept only for the comparison: results.json stays small

    # ------------------------------------------------------------------ storage + report
    def storage(self):
        files = [os.path.join(self.mirror, "INBOX", s, f) for s in ("cur", "new")
                 for f in os.listdir(os.path.join(self.mirror, "INBOX", s))]
        raw = gz = gz_blocks = 0
        for f in files:
            data = open(f, "rb").read()
            c = len(gzip.compress(data, compresslevel=6, mtime=0))
            raw += len(data)
            gz += c
            gz_blocks += -(-c // 4096) * 4096
        # Reference point: what one gzip -6 file per message would take (the store's design, without its state).
        st = dict(raw_mb=raw / 1e6, raw_du_mb=self.du_mb(f"{self.mirror}/INBOX"), gzip6_mb=gz / 1e6,
                  gzip6_4k_mib=gz_blocks / 1024 / 1024)
        root = getattr(self, "mm_root", None)
        if root and os.path.isdir(os.path.join(root, "accounts")):
            st["mm_store_du_mb"] = self.du_mb(os.path.join(root, "accounts"))
            st["mm_index_mb"] = self.res.get("index/mailmirror/size_mb")
        else:
            self.error("storage/mailmirror", "not measured: no mailmirror store")
        self.res["storage"] = st

    def report(self):
        root = getattr(self, "mm_root", None)
        if not (self.mm and root):
            self.error("report/mailmirror", "not measured: no mailmirror mirror")
            return
        runs = []
        for r in range(self.a.reps):
            out = os.path.join(self.d, f"report{r}")
            try:
                runs.append(self.timed([self.mm, "--root", root, "report", "--out", out]))
            except RuntimeError as e:
                self.error("report/mailmirror", str(e))
                return
        self.res[f"report/{self.n}"] = runs
        log(f"    report over {self.n} messages: {statistics.median(x['wall'] for x in runs):.2f}s")
        if self.n == 100000:
            return  # the corpus itself is the 100,000-message case
        if not self.a.report_100k:
            self.res["notes"].append("report at 100,000 messages: not measured (run with --report-100k; it "
                                     "generates, serves and mirrors 100,000 messages, about 2 GB, which takes long)")
            return
        self.report_100k()

    def report_100k(self):
        """100,000 messages in a second mailbox, mirrored by mailmirror into a second root, then one report."""
        big = os.path.join(self.d, "corpus100k")
        subprocess.run([sys.executable, os.path.join(HERE, "gen-sample"), "--count", "100000", "--seed",
                        str(self.a.seed + 1), "--start", "1000000", "--out", big], check=True)
        subprocess.run([os.path.join(HERE, "testbed"), "deliver", self.a.testbed, big, "--mailbox", "Big"], check=True)
        shutil.rmtree(big)
        root = os.path.join(self.d, "mm", "big")
        try:
            subprocess.run([self.mm, "--root", root, "account", "add", "big", "--email", self.user, "--host",
                            "127.0.0.1", "--port", self.port, "--ca-file", self.ca, "--password-file", self.passfile,
                            "--team", "@help.example.com", "--mailbox", "Big"], check=True, stdin=subprocess.DEVNULL)
            self.res["sync/mailmirror/100k"] = self.timed([self.mm, "--root", root, "sync", "--quiet"])
            self.res["report/100000"] = [self.timed([self.mm, "--root", root, "report", "--out",
                                                     os.path.join(self.d, "report100k")])]
            log(f"    report over 100000 messages: {self.res['report/100000'][0]['wall']:.2f}s")
        except (RuntimeError, subprocess.CalledProcessError) as e:
            self.error("report/100000", str(e))

    # ------------------------------------------------------------------ output
    def versions(self):
        v = {}
        pk = ["dovecot-imapd", "isync", "offlineimap3", "notmuch", "maildir-utils", "mairix"]
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\n"] + pk, stdout=subprocess.PIPE,
                             text=True).stdout
        for line in out.splitlines():
            name, ver = line.split(" ", 1)
            v[name] = ver
        sw = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        v["swift"] = sw.stdout.strip().splitlines()[0] if sw.stdout.strip() else "?"
        if self.mm:
            p = subprocess.run([self.mm, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            first = p.stdout.strip().splitlines()[0] if p.stdout.strip() else ""
            v["mailmirror"] = first if p.returncode == 0 and first else f"(--version: exit {p.returncode})"
        git = subprocess.run(["git", "-C", self.a.repo, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout.strip()
        v["mailmirror commit"] = git or "?"
        cpu = "?"
        try:
            for line in open("/proc/cpuinfo"):
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
            mem = [x for x in open("/proc/meminfo") if x.startswith("MemTotal")][0].split()[1]
            mem = f"{int(mem) / 1024 / 1024:.1f} GiB"
        except OSError:
            mem = "?"
        machine = f"{cpu}, {os.cpu_count()} CPUs, {mem} RAM, Linux {platform.release()}"
        return machine, v

    def med(self, key, field="wall"):
        runs = self.res.get(key)
        if not runs:
            return None
        return statistics.median(x[field] for x in runs)

    def write(self):
        a = self.a
        machine, versions = self.versions()
        self.res["machine"], self.res["versions"] = machine, versions
        L = []
        fmt = lambda x, f="{:.2f}": "—" if x is None else f.format(x)  # noqa: E731
        ratios = []  # (what, mailmirror, peer, ratio, target)

        def ratio(what, mm, peer, target, unit="s"):
            r = (mm / peer) if (mm is not None and peer) else None
            ratios.append((what, mm, peer, r, target, unit))

        L.append(f"# Benchmarks\n\nGenerated by `scripts/bench --count {a.count} --inc {a.inc} --reps {a.reps} "
                 f"--qruns {a.qruns} --seed {a.seed} --corpus {a.corpus}` on {self.res['started']}.\n")
        L.append(f"- Machine: {machine}")
        L.append("- Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()))
        c = self.res.get("corpus", {})
        gen = "scripts/gen-sample" if a.corpus == "ours" else "../shared/bench/gen_corpus.py"
        L.append(f"- Corpus: {c.get('messages')} messages from {gen} (seed {a.seed}), "
                 f"{c.get('vsize_mb', 0):.1f} MB as served over IMAP; +{a.inc} new messages for the incremental runs; "
                 f"Dovecot on 127.0.0.1 over TLS (imaps). Medians of {a.reps} repetitions, tools alternating.\n")
        L.append("## Mirroring (IMAP → local)\n")
        L.append("| tool | initial pull s | msgs/s | no-op resync s | +%d new s | CPU s (pull) | peak RSS MB |" % a.inc)
        L.append("|---|---:|---:|---:|---:|---:|---:|")
        for tool in ("mailmirror", "mbsync", "offlineimap"):
            full = self.med(f"sync/{tool}/full")
            if full is None:
                L.append(f"| {tool} | not measured | | | | | |")
                continue
            peak = max(self.med(f"sync/{tool}/{k}", "rss_mb") for k in ("full", "noop", "inc"))
            L.append(f"| {tool} | {full:.2f} | {self.n / full:.0f} | {fmt(self.med(f'sync/{tool}/noop'))} | "
                     f"{fmt(self.med(f'sync/{tool}/inc'))} | {fmt(self.med(f'sync/{tool}/full', 'cpu'))} | {peak:.0f} |")
        for k, lab, tgt in (("full", "initial mirror", 0.8), ("noop", "no-op resync", 1.0), ("inc", f"+{a.inc} new", 1.0)):
            for peer in ("mbsync", "offlineimap"):
                ratio(f"{lab} vs {peer}", self.med(f"sync/mailmirror/{k}"), self.med(f"sync/{peer}/{k}"),
                      tgt if peer == "mbsync" else None)
        mm_peak = None
        if self.res.get("sync/mailmirror/full"):
            mm_peak = max(self.med(f"sync/mailmirror/{k}", "rss_mb") for k in ("full", "noop", "inc"))
        L.append("\nmbsync runs with its defaults (FSync yes), offlineimap with readonly = True; each initial pull starts "
                 "from an empty folder.")
        L.append(f"\nmailmirror sync peak memory: {fmt(mm_peak, '{:.0f} MB')} (target ≤ 64 MB).\n")
        L.append("## Indexing the mirrored mail\n")
        L.append("| tool | build s | msgs/s | CPU s | peak RSS MB | size MB |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for tool in ("mailmirror", "notmuch", "mu", "mairix"):
            b = self.med(f"index/{tool}/build")
            if b is None:
                L.append(f"| {tool} | not measured | | | | |")
                continue
            L.append(f"| {tool} | {b:.2f} | {self.n / b:.0f} | {fmt(self.med(f'index/{tool}/build', 'cpu'))} | "
                     f"{fmt(self.med(f'index/{tool}/build', 'rss_mb'), '{:.0f}')} | "
                     f"{fmt(self.res.get(f'index/{tool}/size_mb'), '{:.1f}')} |")
        if "index/mailmirror/build" in self.res:
            L.append("\n(mailmirror's figure is `mailmirror reindex` over its own gzip store: catalog and index rebuilt.)")
        for peer, tgt in (("mairix", 2.0), ("notmuch", None), ("mu", None)):
            ratio(f"index build vs {peer}", self.med("index/mailmirror/build"), self.med(f"index/{peer}/build"), tgt)
        L.append("\n## Queries (whole process, median of %d runs after a warm-up)\n" % a.qruns)
        L.append("Each tool prints the Message-IDs of every hit: `mailmirror search --limit 0 --output messages`, "
                 "`notmuch search --output=messages`, `mu find --fields=i`; mairix `-r` prints the matching files' paths.\n")
        q = self.res.get("queries", {})
        tools = ["mailmirror", "notmuch", "mu", "mairix"]
        L.append("| query | " + " | ".join(f"{t} ms (hits)" for t in tools) + " |")
        L.append("|---|" + "---:|" * len(tools))
        for label, row in q.items():
            cells = []
            for t in tools:
                v = row.get(t)
                cells.append("not measured" if v is None else ("error" if "median_ms" not in v else
                                                               f"{v['median_ms']:.1f} ({v['hits']})"))
            L.append(f"| {label} | " + " | ".join(cells) + " |")
            ratio(f"query {label} vs notmuch", (row.get("mailmirror") or {}).get("median_ms"),
                  (row.get("notmuch") or {}).get("median_ms"), 0.4, "ms")
        L.append("\nHit counts side by side; where a peer differs from mailmirror, the messages only one of them found "
                 "(by Message-ID, where the peer prints them) and the reason:\n")
        any_difference = False
        for label, row in q.items():
            for note in row.get("differences", []):
                L.append(f"- {label}: {note}")
                any_difference = True
        if not any_difference:
            L.append("- every tool found the same number of messages for every query.")
        L.append("\nmailmirror CPU time per query (median, user + system): " + ", ".join(
            f"{label} {row['mailmirror']['cpu_ms']:.1f} ms" for label, row in q.items()
            if "cpu_ms" in row.get("mailmirror", {})) + "; notmuch: " + ", ".join(
            f"{label} {row['notmuch']['cpu_ms']:.1f} ms" for label, row in q.items()
            if "cpu_ms" in row.get("notmuch", {})) + ".\n")
        su = self.res.get("startup")
        if su:
            L.append(f"Start-up: `mailmirror --version` {su['mailmirror']['median_ms']:.1f} ms "
                     f"(CPU {su['mailmirror']['cpu_ms']:.1f} ms) beside an empty Swift program built "
                     f"with release, --static-swift-stdlib and no other flag (both installed as stripped copies) "
                     f"{su['empty']['median_ms']:.1f} ms "
                     f"(CPU {su['empty']['cpu_ms']:.1f} ms), median of {a.qruns} runs.\n")
        ratio("--version vs an empty static Swift program", (su or {}).get("mailmirror", {}).get("median_ms"),
              (su or {}).get("empty", {}).get("median_ms"), 2.0, "ms")
        st = self.res.get("storage", {})
        L.append("## Storage\n")
        L.append(f"- Raw Maildir (mbsync's copy): {fmt(st.get('raw_mb'), '{:.1f}')} MB of messages, "
                 f"{fmt(st.get('raw_du_mb'), '{:.1f}')} MiB on disk (du).")
        L.append(f"- Reference: one gzip -6 file per message would be {fmt(st.get('gzip6_mb'), '{:.1f}')} MB, "
                 f"{fmt(st.get('gzip6_4k_mib'), '{:.1f}')} MiB in 4 KiB blocks.")
        L.append(f"- mailmirror store (accounts/, du): {fmt(st.get('mm_store_du_mb'), '{:.1f}')} MiB; "
                 f"derived files (catalog, index): {fmt(st.get('mm_index_mb'), '{:.1f}')} MiB.")
        ratio("store vs raw Maildir (du)", st.get("mm_store_du_mb"), st.get("raw_du_mb"), 0.62, "MiB")
        L.append("\n## Report generation\n")
        for n in sorted({self.n, 100000}):
            w = self.med(f"report/{n}")
            L.append(f"- {n:,} messages: " + (f"{w:.2f} s (median)" if w is not None else "not measured"))
        for note in self.res["notes"]:
            L.append(f"- Note: {note}")
        L.append("\n## Ratios (mailmirror ÷ peer, same run; lower is better)\n")
        L.append("| what | mailmirror | peer | ratio | target | met |")
        L.append("|---|---:|---:|---:|---:|---|")
        for what, mm, peer, r, tgt, unit in ratios:
            met = "—" if r is None or tgt is None else ("yes" if r <= tgt else "**no**")
            L.append(f"| {what} | {fmt(mm)} {unit if mm is not None else ''} | {fmt(peer)} {unit if peer is not None else ''} | "
                     f"{fmt(r, '{:.2f}×')} | {fmt(tgt, '≤ {:.2f}×')} | {met} |")
        if mm_peak is not None:
            L.append(f"| sync peak memory | {mm_peak:.0f} MB | | | ≤ 64 MB | {'yes' if mm_peak <= 64 else '**no**'} |")
        if self.res["errors"]:
            L.append("\n## Errors (recorded, the run carried on)\n")
            L += [f"- {e}" for e in self.res["errors"]]
        text = "\n".join(L) + "\n"
        out = a.out if os.path.isabs(a.out) else os.path.join(a.repo, a.out)
        with open(out, "w") as f:
            f.write(text)
        # The raw figures (every repetition, every query run) beside the report, for anyone re-deriving it.
        raw = os.path.splitext(out)[0] + ".json"
        for path in (raw, os.path.join(self.d, "results.json")):
            with open(path, "w") as f:
                json.dump(self.res, f, indent=1, default=str)
        # The ratio table on the terminal.
        log("\nmailmirror ÷ peer (lower is better)")
        for what, mm, peer, r, tgt, unit in ratios:
            log(f"  {what:50s} {fmt(r, '{:.2f}x'):>8s}  target {fmt(tgt, '<= {:.2f}x'):9s} "
                f"(mailmirror {fmt(mm)}, peer {fmt(peer)} {unit})")
        log(f"\nwrote {out} and {raw}" + (f" ({len(self.res['errors'])} errors recorded)" if self.res["errors"] else ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--testbed", required=True)
    ap.add_argument("--mailmirror", default="")
    ap.add_argument("--repo", required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--inc", type=int, default=200)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--qruns", type=int, default=30)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--tools", default="mailmirror,mbsync,offlineimap,notmuch,mu,mairix")
    ap.add_argument("--report-100k", action="store_true")
    ap.add_argument("--corpus", choices=["ours", "shared"], default="ours",
                    help="ours: scripts/gen-sample; shared: ../shared/bench/gen_corpus.py (the issues' bench corpus)")
    ap.add_argument("--out", default="Reports/BENCHMARKS.md")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    b = Bench(a)
    log(f"==> generating {a.count} + {a.inc} messages and filling the server")
    b.fill()
    steps = [("mirroring", b.bench_sync), ("indexing", b.bench_index), ("queries", b.queries), ("start-up", b.startup),
             ("storage", b.storage), ("report", b.report)]
    for name, fn in steps:
        log(f"==> {name}")
        try:
            fn()
        except Exception as e:  # a broken step must not lose the others' figures
            b.error(name, f"{type(e).__name__}: {e}")
    b.write()
    failed = [e for e in b.res["errors"] if e.startswith("query ")]
    if failed:  # a query that fails is a broken search, not a figure: the run fails
        log(f"\n{len(failed)} failed queries: " + "; ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
