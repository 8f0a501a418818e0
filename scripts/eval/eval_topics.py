#!/usr/bin/env python3
"""Scores `mailmirror report`'s recurring topics on mail the method was not shaped on (issue 11).
Run through scripts/eval-topics, which installs the Debian packages it needs first.

  scripts/eval-topics [--bin PATH] [--corpora banking77,helpcenter,sample,telecom,shop] [--per-topic]
                      [--results FILE] [--b77-count 3080] [--hc-threads 1100] [--sample-count 2000]
                      [--telecom-threads 1100] [--shop-threads 1100] [--seed 1] [--no-baseline]
                      [--ports LOW HIGH] [--keep]

For each corpus: writes the mail (scripts/eval/wrap_banking77.py: BANKING77 questions as customer mail;
scripts/eval/gen_helpcenter.py: an energy supplier's help center, French and English; scripts/gen-sample: our
own generator, a smoke test; and, only when named in --corpora, scripts/eval/gen_telecom.py and gen_shop.py: a
telecom operator's and an online shop's help centers, French and English, written from issue 11's description
without reading the clustering code, see scripts/eval/HELDOUT.md), delivers it to a private Dovecot (scripts/testbed, one mailbox per corpus), mirrors
it with the real `mailmirror account add --team @DOMAIN` + `sync` into a throw-away root, runs
`mailmirror report --out DIR`, and scores topics.csv / topic_messages.csv against the ground truth with
scripts/eval/topics_eval.py's definitions (thread level: per planted topic, the reported topic of best F1, its
recall and precision; NMI and ARI with unassigned threads as one "none" group; coverage). Beside it, a baseline:
TF-IDF + k-means (scikit-learn) told k = the number of planted topics, on the same customer texts (subject and
body with quoted history cut), scored the same way; and where the generator records what each customer wrote
without greeting, sign-off and quote (truth.jsonl's "text": BANKING77's bare question, the help center's
wording), the same baseline on that bare text, the figure issue 11 quotes for BANKING77. scikit-learn comes from PyPI into a venv under
/var/cache/mailmirror/eval-venv (benchmark only; the product never uses it).

--bin: the mailmirror binary to test (default: `swift build -c release` in this repository). --results writes
every figure as JSON. --per-topic prints the per-topic tables. --keep keeps the temp folder (mail, mirrors,
reports). Runs as root on Debian 12 (installs what is missing with scripts/setup and pip); fails loudly (exit 1
with "Error: ...") when any step fails.
"""
import argparse
import collections
import csv
import email
import fcntl
import email.policy
import email.utils
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata

sys.dont_write_bytecode = True
EVAL = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(EVAL))
sys.path.insert(0, EVAL)
import topics_eval  # noqa: E402  (norm, nmi_ari: the shared scorer's own definitions)

VENV = "/var/cache/mailmirror/eval-venv"
CORPORA = ("banking77", "helpcenter", "sample", "telecom", "shop")
DEFAULT_CORPORA = ("banking77", "helpcenter", "sample")  # telecom and shop run when named
# the held-out help centers of scripts/eval/HELDOUT.md: generator, team domain, mailbox, --THREADS option
HELDOUT = {"telecom": ("gen_telecom.py", "@novaline.example", "Telecom", "telecom_threads"),
           "shop": ("gen_shop.py", "@pikora.example", "Shop", "shop_threads")}


class Failure(Exception):
    pass


def run(cmd, *, env=None, capture=False, quiet=False, cwd=None):
    """Runs cmd; a non-zero exit raises Failure with the command and its stderr. Output is captured through
    files, not pipes: a daemon started by cmd (Dovecot) keeps its inherited descriptors open."""
    if not quiet:
        print("  $ " + " ".join(cmd), flush=True)
    if not (capture or quiet):
        p = subprocess.run(cmd, env=env, cwd=cwd)
        if p.returncode != 0:
            raise Failure(f"`{' '.join(cmd)}` exited with {p.returncode}")
        return ""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.run(cmd, env=env, cwd=cwd, text=True, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        out.seek(0); err.seek(0)
        o, e = out.read(), err.read()
    if p.returncode != 0:
        raise Failure(f"`{' '.join(cmd)}` exited with {p.returncode}\n{(e or o)[-3000:]}")
    return o


# ---------------------------------------------------------------- setup

def ensure_sklearn():
    """The venv's python with scikit-learn, made once (under a lock: several runs may start at the same time)."""
    py = os.path.join(VENV, "bin", "python3")
    have = lambda: os.path.exists(py) and subprocess.run([py, "-c", "import sklearn"], capture_output=True).returncode == 0
    if have():
        return py
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    with open(VENV + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if have():
            return py
        print(f"==> installing scikit-learn into {VENV} (benchmark only)", flush=True)
        if subprocess.run([sys.executable, "-m", "ensurepip", "--version"], capture_output=True).returncode != 0:
            run(["apt-get", "install", "-y", "-q", "python3-venv"], env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        shutil.rmtree(VENV, ignore_errors=True)  # a venv left half-made by an earlier failure
        run([sys.executable, "-m", "venv", VENV])
        run([py, "-m", "pip", "install", "-q", "scikit-learn"])
    if not have():
        raise Failure(f"scikit-learn is still not importable from {py}")
    return py


def build_binary():
    print("==> building mailmirror (swift build -c release --static-swift-stdlib)", flush=True)
    swift = shutil.which("swift") or ("/opt/swift/usr/bin/swift" if os.path.exists("/opt/swift/usr/bin/swift") else None)
    if not swift:
        raise Failure("no Swift toolchain on PATH (or /opt/swift/usr/bin); give --bin PATH")
    run([swift, "build", "-c", "release", "--static-swift-stdlib", "--product", "mailmirror"], cwd=REPO)
    path = run([swift, "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=REPO,
               quiet=True).strip()
    return os.path.join(path, "mailmirror")


def port_free(p):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", p)) != 0


def pick_ports(low, high):
    for p in range(low, high, 2):
        if port_free(p) and port_free(p + 1):
            return p, p + 1
    raise Failure(f"no free port pair between {low} and {high}")


def read_env(path):
    env = {}
    for line in open(path):
        m = re.match(r"(?:export\s+)?(\w+)=(.*)", line.strip())
        if m:
            v = m.group(2)
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
                v = v[1:-1]
            env[m.group(1)] = v
    return env


# ---------------------------------------------------------------- corpora

def make_corpus(name, out, a):
    """Writes corpus `name` into out/ (Maildir) and returns (truth path, team domain)."""
    if name == "banking77":
        run([sys.executable, os.path.join(EVAL, "wrap_banking77.py"), "--out", out, "--count", str(a.b77_count),
             "--seed", str(a.seed)])
        return os.path.join(out, "truth.jsonl"), "@bank-help.example"
    if name == "helpcenter":
        run([sys.executable, os.path.join(EVAL, "gen_helpcenter.py"), "--out", out, "--threads", str(a.hc_threads),
             "--seed", str(a.seed)])
        return os.path.join(out, "truth.jsonl"), "@lumina-energie.example"
    if name in HELDOUT:
        script, team, _mailbox, threads = HELDOUT[name]
        run([sys.executable, os.path.join(EVAL, script), "--out", out, "--threads", str(getattr(a, threads)),
             "--seed", str(a.seed), "--quiet"])
        return os.path.join(out, "truth.jsonl"), team
    run([os.path.join(REPO, "scripts", "gen-sample"), "--count", str(a.sample_count), "--seed", str(a.seed),
         "--out", out])
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    truth = os.path.join(out, "truth.jsonl")
    with open(truth, "w", encoding="utf-8") as f:
        for m in manifest["messages"]:
            f.write(json.dumps({"message_id": m["message_id"], "topic": m["topic"], "thread": m["thread"],
                                "direction": m["direction"]}) + "\n")
    team = manifest.get("team")
    if isinstance(team, list):
        team = team[0] if team else None
    return truth, (team if isinstance(team, str) and team.startswith("@") else "@help.example.com")


def load_truth(path):
    truth, thread = {}, {}
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        m = json.loads(line)
        if m.get("direction") == "team":
            continue
        k = topics_eval.norm(m["message_id"])
        truth[k] = m["topic"]
        thread[k] = topics_eval.norm(m.get("thread") or m["message_id"])
    return truth, thread


# ---------------------------------------------------------------- scoring (topics_eval.py's definitions)

def score(report_dir, truth_path, min_share=0.01):
    """The figures topics_eval.py prints, as a dict, plus the per-topic rows (thread level)."""
    truth, thread = load_truth(truth_path)
    reported, assigned = collections.defaultdict(set), {}
    with open(os.path.join(report_dir, "topic_messages.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            k = topics_eval.norm(r["message_id"])
            if k in truth:
                reported[r["topic_id"]].add(thread[k])
                assigned.setdefault(thread[k], r["topic_id"])
    labels = {}
    p = os.path.join(report_dir, "topics.csv")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            labels = {r["topic_id"]: r.get("label", "") for r in csv.DictReader(f)}
    planted = collections.defaultdict(set)
    for k, t in truth.items():
        planted[t].add(thread[k])
    units = sorted(set(thread.values()))
    unit_topic = {}
    for k, t in truth.items():
        unit_topic.setdefault(thread[k], t)
    rows = []
    for t, S in sorted(planted.items(), key=lambda x: -len(x[1])):
        if len(S) / len(units) < min_share:
            continue
        best_id, best = max(reported.items(), key=lambda kv: (2 * len(kv[1] & S) / (len(kv[1]) + len(S)), kv[0]),
                            default=(None, set()))
        r_ = len(best & S) / len(S)
        p_ = len(best & S) / len(best) if best else 0.0
        rows.append({"topic": t, "threads": len(S), "best_topic_id": best_id, "best_label": labels.get(best_id, ""),
                     "best_threads": len(best), "recall": r_, "precision": p_})
    nmi, ari = topics_eval.nmi_ari([unit_topic[u] for u in units], [assigned.get(u, "none") for u in units])
    share = collections.Counter(assigned.values())
    return {
        "planted": len(planted), "scored_planted": len(rows), "reported": len(reported),
        "recall": sum(r["recall"] for r in rows) / len(rows) if rows else 0.0,
        "precision": sum(r["precision"] for r in rows) / len(rows) if rows else 0.0,
        "coverage": sum(1 for u in units if u in assigned) / len(units),
        "largest_topic_share": (max(share.values()) / len(units)) if share else 0.0,
        "nmi": nmi, "ari": ari, "threads": len(units), "customer_messages": len(truth), "per_topic": rows,
    }


def cross_check(report_dir, truth_path, s):
    """Runs the shared topics_eval.py itself and fails when its headline differs from ours."""
    out = run([sys.executable, os.path.join(EVAL, "topics_eval.py"), report_dir, truth_path], quiet=True)
    m = re.search(r"recall ([\d.]+) precision ([\d.]+) over (\d+) planted topics; (\d+) reported for (\d+) planted;"
                  r" coverage (\d+)%; NMI ([-\d.]+) ARI ([-\d.]+)", out)
    if not m:
        raise Failure(f"topics_eval.py printed something unexpected: {out!r}")
    mine = (f"{s['recall']:.3f}", f"{s['precision']:.3f}", str(s["scored_planted"]), str(s["reported"]),
            str(s["planted"]), f"{s['coverage']:.0%}".rstrip("%"), f"{s['nmi']:.3f}", f"{s['ari']:.3f}")
    if tuple(m.groups()) != mine:
        raise Failure(f"scores differ from topics_eval.py: {m.groups()} vs {mine}")
    return out.strip()


# ---------------------------------------------------------------- baseline

QUOTE_HEAD = re.compile(r"^(On .{5,200} wrote:|Le .{5,200} a écrit ?:|-----\s*Original Message\s*-----|_{10,}|"
                        r"(De|From) ?: .+)$", re.M)


def customer_texts(maildir, truth_path):
    """thread -> customer text (subject + body above the quoted history), read from the .eml files."""
    truth, thread = load_truth(truth_path)
    texts = collections.defaultdict(list)
    for sub in ("cur", "new"):
        d = os.path.join(maildir, sub)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            msg = email.message_from_binary_file(open(os.path.join(d, name), "rb"), policy=email.policy.default)
            k = topics_eval.norm(msg.get("Message-ID", ""))
            if k not in truth:
                continue
            part = msg.get_body(preferencelist=("plain", "html"))
            body = part.get_content() if part else ""
            if part is not None and part.get_content_type() == "text/html":
                body = re.sub(r"<[^>]+>", " ", body)
            m = QUOTE_HEAD.search(body)
            if m:
                body = body[: m.start()]
            body = "\n".join(l for l in body.split("\n") if not l.startswith(">"))
            texts[thread[k]].append(str(msg.get("Subject", "")) + "\n" + body)
    return {t: "\n".join(v) for t, v in texts.items()}, truth, thread


def fold_words(text):
    text = unicodedata.normalize("NFD", text.lower())
    return set(w for w in re.findall(r"[a-z]+", "".join(c for c in text if unicodedata.category(c) != "Mn")) if len(w) >= 3)


def person_names(maildir, truth_path, customers_only=False):
    """Words of the senders' display names (customers and agents, or customers only) that are not also ordinary
    words of the corpus: not in any subject, nor in what customers wrote apart from thank-yous (which may name
    the agent)."""
    names, ordinary = set(), set()
    direction = {}
    for line in open(truth_path, encoding="utf-8"):
        m = json.loads(line) if line.strip() else {}
        if not m:
            continue
        direction[topics_eval.norm(m["message_id"])] = m.get("direction")
        if m.get("text") and m.get("kind") != "thanks":
            ordinary |= fold_words(m["text"])
    for sub in ("cur", "new"):
        d = os.path.join(maildir, sub)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            with open(os.path.join(d, name), "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            if not customers_only or direction.get(topics_eval.norm(msg.get("Message-ID", ""))) == "customer":
                names |= fold_words(email.utils.parseaddr(str(msg.get("From", "")))[0])
            ordinary |= fold_words(str(msg.get("Subject", "")))
    return names - ordinary


def names_in_topics(report_dir, names):
    """Topics whose label (or other-language label) or keywords in topics.csv hold a person's name."""
    hits = []
    with open(os.path.join(report_dir, "topics.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            where = {}
            for col, v in r.items():
                if col and any(w in col for w in ("label", "phrase", "keyword")):
                    found = fold_words(v or "") & names
                    if found:
                        where[col] = sorted(found)
            if where:
                hits.append({"topic_id": r["topic_id"], "label": r.get("label", ""), "names": where,
                             "in_label": any("keyword" not in c for c in where)})
    return hits


BASELINE = r"""
import json, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
d = json.load(sys.stdin)
X = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5, strip_accents="unicode").fit_transform(d["texts"])
km = KMeans(n_clusters=d["k"], n_init=10, random_state=0).fit(X)
json.dump([int(x) for x in km.labels_], sys.stdout)
"""


def truth_texts(truth_path):
    """thread -> what the customers wrote without greeting, sign-off or quote (the generators' "text" field), or
    None when the truth file does not carry it."""
    texts = collections.defaultdict(list)
    for line in open(truth_path, encoding="utf-8"):
        if not line.strip():
            continue
        m = json.loads(line)
        if m.get("direction") == "team":
            continue
        if "text" not in m:
            return None
        texts[topics_eval.norm(m.get("thread") or m["message_id"])].append(m["text"])
    return {t: "\n".join(v) for t, v in texts.items()}


def baseline(py, texts, truth_path, k, out_dir):
    """TF-IDF + k-means told k over one text per thread; writes a report-shaped folder topics_eval can score."""
    truth, thread = load_truth(truth_path)
    threads = sorted(texts)
    if set(threads) != set(thread.values()):
        raise Failure(f"the baseline has customer text for {len(threads)} of {len(set(thread.values()))} threads")
    p = subprocess.run([py, "-c", BASELINE], input=json.dumps({"texts": [texts[t] for t in threads], "k": k}),
                       text=True, capture_output=True)
    if p.returncode != 0:
        raise Failure(f"the TF-IDF + k-means baseline failed:\n{p.stderr[-3000:]}")
    cluster = dict(zip(threads, json.loads(p.stdout)))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "topic_messages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["topic_id", "message_id"])
        for k_, t in sorted(truth.items()):
            w.writerow([f"k{cluster[thread[k_]]}", k_])
    with open(os.path.join(out_dir, "topics.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["topic_id", "label"])
        for c in sorted(set(cluster.values())):
            w.writerow([f"k{c}", f"cluster {c}"])
    return out_dir


# ---------------------------------------------------------------- mailmirror

def mirror_and_report(binary, tb_env, mailbox, team, root, report_dir, expected):
    env = dict(os.environ, EVAL_TESTBED_PASSWORD=tb_env["MAILMIRROR_TEST_PASSWORD"], NO_COLOR="1")
    env.pop("MAILMIRROR_ROOT", None)
    mm = [binary, "--root", root]
    run(mm + ["account", "add", "eval", "--email", tb_env["MAILMIRROR_TEST_USER"], "--host", "127.0.0.1",
              "--port", tb_env["MAILMIRROR_TEST_IMAPS_PORT"], "--ca-file", tb_env["MAILMIRROR_TEST_CA"],
              "--password-env", "EVAL_TESTBED_PASSWORD", "--mailbox", mailbox, "--team", team], env=env, quiet=True)
    t0 = time.monotonic()
    run(mm + ["sync", "--quiet"], env=env, quiet=True)
    sync_s = time.monotonic() - t0
    stored = sum(1 for _dp, _dn, fs in os.walk(os.path.join(root, "accounts")) for f in fs if ".eml.gz" in f)
    if stored != expected:
        raise Failure(f"mailmirror sync stored {stored} of the {expected} messages of mailbox {mailbox}")
    t0 = time.monotonic()
    run(mm + ["report", "--out", report_dir, "--format", "md,csv"], env=env, quiet=True)
    report_s = time.monotonic() - t0
    for f in ("topics.csv", "topic_messages.csv"):
        if not os.path.exists(os.path.join(report_dir, f)):
            raise Failure(f"mailmirror report wrote no {f} in {report_dir}")
    run(mm + ["report", "--out", report_dir + "-anon", "--anonymize"], env=env, quiet=True)
    return sync_s, report_s


PEOPLE_NUMBERS = re.compile(r"(?<![\w-])(?:\d[ .]?){8,14}\d(?![\w-])|\b[A-Z]{1,4}-\d{5,}\b|[\w.+-]+@[\w-]+\.[\w.]+")


def anonymize_leaks(report_dir, names, team):
    """What `report --anonymize` still shows of customers: their name words, and long numbers, case/order codes and
    addresses (contract, phone, PDL, ticket numbers), counted over report.md and the CSVs except
    topic_messages.csv (Message-IDs by contract). Team members' names are not counted (the report has a table per
    team member)."""
    found_names, found_numbers = collections.Counter(), collections.Counter()
    for fn in sorted(os.listdir(report_dir)):
        if not fn.endswith((".md", ".csv")) or fn == "topic_messages.csv":
            continue
        text = open(os.path.join(report_dir, fn), encoding="utf-8", errors="replace").read()
        for w in fold_words(text) & names:
            found_names[w] += 1
        for m in PEOPLE_NUMBERS.findall(text):
            if not m.lower().endswith(team.lower()):  # team members' addresses are shown on purpose
                found_numbers[m.strip()] += 1
    return {"names": sorted(found_names), "numbers": sorted(found_numbers)[:50], "numbers_count": len(found_numbers)}


# ---------------------------------------------------------------- output

def table(name, res):
    print(f"\n{name}: {res['threads']} threads, {res['customer_messages']} customer messages "
          f"({res['messages_total']} in the mailbox)")
    hdr = (f"  {'method':<26} {'planted':>7} {'reported':>8} {'recall':>6} {'prec.':>6} {'cover':>6} {'NMI':>6} {'ARI':>6}"
           f" {'largest':>7} {'names: label/kw':>15}")
    print(hdr)
    for key, label in (("mailmirror", "mailmirror"), ("baseline", "TF-IDF+k-means, k given"),
                       ("baseline_bare", "  same, bare questions")):
        s = res.get(key)
        if not s:
            continue
        print(f"  {label:<26} {s['planted']:>7} {s['reported']:>8} {s['recall']:>6.3f} {s['precision']:>6.3f} "
              f"{s['coverage']:>6.0%} {s['nmi']:>6.3f} {s['ari']:>6.3f} {s['largest_topic_share']:>7.0%}"
              + (f" {sum(h['in_label'] for h in s['topics_with_names']):>7}/{len(s['topics_with_names']):<7}"
                 if "topics_with_names" in s else f" {'-':>7}"))
    leaks = res.get("anonymize_leaks")
    if leaks:
        print(f"    report --anonymize still shows {len(leaks['names'])} customer-name words"
              f"{' (' + ', '.join(leaks['names'][:8]) + (', ...' if len(leaks['names']) > 8 else '') + ')' if leaks['names'] else ''}"
              f" and {leaks['numbers_count']} distinct numbers/codes/addresses"
              f"{' (' + ', '.join(leaks['numbers'][:4]) + ', ...)' if leaks['numbers'] else ''}")
    named = [h for h in res["mailmirror"].get("topics_with_names") or [] if h["in_label"]]
    for h in named[:6]:
        found = sorted(set(n for col, ns in h["names"].items() if "keyword" not in col for n in ns))
        print(f"    a name in the label of topic {h['topic_id']}: {', '.join(found)}  (\"{h['label'][:60]}\")")
    if len(named) > 6:
        print(f"    ... and {len(named) - 6} more labels with a name")


def per_topic_table(name, res):
    mm, bl = res.get("mailmirror"), res.get("baseline")
    print(f"\n{name}: per planted topic (thread level): mailmirror's best topic, then the baseline's")
    print(f"  {'planted topic':<30} {'threads':>7}  {'mm recall':>9} {'mm prec':>7}  {'mailmirror best topic label':<44}"
          + (f" {'bl recall':>9} {'bl prec':>7}" if bl else ""))
    blrows = {r["topic"]: r for r in bl["per_topic"]} if bl else {}
    for r in mm["per_topic"]:
        line = (f"  {r['topic'][:30]:<30} {r['threads']:>7}  {r['recall']:>9.2f} {r['precision']:>7.2f}  "
                f"{(r['best_label'] or '-')[:44]:<44}")
        if bl:
            b = blrows.get(r["topic"])
            line += f" {b['recall']:>9.2f} {b['precision']:>7.2f}" if b else ""
        print(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("--bin", help="mailmirror binary (default: swift build -c release here)")
    ap.add_argument("--corpora", default=",".join(c for c in DEFAULT_CORPORA if c != "helpcenter"
                                                  or os.path.exists(os.path.join(EVAL, "gen_helpcenter.py"))))
    ap.add_argument("--per-topic", action="store_true")
    ap.add_argument("--results", help="write all figures as JSON here")
    ap.add_argument("--b77-count", type=int, default=3080)
    ap.add_argument("--hc-threads", type=int, default=1100)
    ap.add_argument("--sample-count", type=int, default=2000)
    ap.add_argument("--telecom-threads", type=int, default=1100)
    ap.add_argument("--shop-threads", type=int, default=1100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--ports", nargs=2, type=int, default=(20220, 20239), metavar=("LOW", "HIGH"))
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    corpora = [c.strip() for c in a.corpora.split(",") if c.strip()]
    for c in corpora:
        if c not in CORPORA:
            print(f"Error: unknown corpus {c} (known: {', '.join(CORPORA)})", file=sys.stderr)
            return 64

    tmp = tempfile.mkdtemp(prefix="mmeval.")
    os.chmod(tmp, 0o711)  # Dovecot's users must be able to enter the testbed below it
    tb = os.path.join(tmp, "server")
    started = False
    results = {"corpora": {}, "seed": a.seed}
    try:
        py = None if a.no_baseline else ensure_sklearn()
        binary = os.path.abspath(a.bin) if a.bin else build_binary()
        if not os.access(binary, os.X_OK):
            raise Failure(f"{binary} is not an executable mailmirror")
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
        results["binary"], results["version"] = binary, version
        print(f"==> testing {binary} ({version})", flush=True)
        for attempt in range(4):  # another run may take the pair between our check and Dovecot's bind
            imap, imaps = pick_ports(*a.ports)
            print(f"==> starting a private Dovecot on 127.0.0.1:{imaps}", flush=True)
            started = True
            try:
                run([os.path.join(REPO, "scripts", "testbed"), "start", tb, "--ports", str(imap), str(imaps)], quiet=True)
                break
            except Failure:
                subprocess.run([os.path.join(REPO, "scripts", "testbed"), "stop", tb], capture_output=True)
                shutil.rmtree(tb, ignore_errors=True)
                if attempt == 3:
                    raise
                time.sleep(1 + attempt)
        tb_env = read_env(os.path.join(tb, "testbed.env"))
        for name in corpora:
            print(f"\n==> {name}", flush=True)
            mail = os.path.join(tmp, f"mail-{name}")
            truth, team = make_corpus(name, mail, a)
            files = [f for sub in ("cur", "new") for f in os.listdir(os.path.join(mail, sub))]
            mailbox = {"banking77": "B77", "helpcenter": "HelpCenter", "sample": "Sample",
                       **{k: v[2] for k, v in HELDOUT.items()}}[name]
            run(["doveadm", "-c", tb_env["MAILMIRROR_TEST_DOVECOT_CONF"], "mailbox", "create", "-u",
                 tb_env["MAILMIRROR_TEST_USER"], mailbox], quiet=True)
            run([os.path.join(REPO, "scripts", "testbed"), "deliver", tb, mail, "--mailbox", mailbox], quiet=True)
            root, report = os.path.join(tmp, f"mirror-{name}"), os.path.join(tmp, f"report-{name}")
            sync_s, report_s = mirror_and_report(binary, tb_env, mailbox, team, root, report, len(files))
            res = {"team": team, "messages_total": len(files), "sync_seconds": round(sync_s, 2),
                   "report_seconds": round(report_s, 2)}
            res["mailmirror"] = score(report, truth)
            res["threads"], res["customer_messages"] = res["mailmirror"]["threads"], res["mailmirror"]["customer_messages"]
            res["topics_eval_line"] = cross_check(report, truth, res["mailmirror"])
            people = person_names(mail, truth)
            res["mailmirror"]["topics_with_names"] = names_in_topics(report, people)
            res["anonymize_leaks"] = anonymize_leaks(report + "-anon", person_names(mail, truth, customers_only=True),
                                                    team)
            if py:
                k = res["mailmirror"]["planted"]
                texts, _t, _th = customer_texts(mail, truth)
                res["baseline"] = score(baseline(py, texts, truth, k, os.path.join(tmp, f"baseline-{name}")), truth)
                bare = truth_texts(truth)
                if bare:
                    res["baseline_bare"] = score(baseline(py, bare, truth, k, os.path.join(tmp, f"bare-{name}")), truth)
            results["corpora"][name] = res
            print(f"  mailmirror sync {sync_s:.1f} s, report {report_s:.1f} s; topics_eval.py: {res['topics_eval_line']}")
        print("\n==> results (thread level; recall/precision = mean over planted topics of the best-F1 reported topic;"
              "\n    largest = share of threads in the biggest topic; names = topics whose label / label or keywords"
              "\n    hold a sender's name)")
        for name, res in results["corpora"].items():
            table(name, res)
        if a.per_topic:
            for name, res in results["corpora"].items():
                per_topic_table(name, res)
        if a.results:
            with open(a.results, "w", encoding="utf-8") as f:
                json.dump(results, f, indent=1, ensure_ascii=False)
            print(f"\nwrote {a.results}")
        return 0
    except Failure as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    finally:
        clean_up(started, tb, tmp, a.keep)


def clean_up(started, tb, tmp, keep):
    """Stops the test bed if this run started it, and removes the temp folder unless asked to keep it."""
    if started:
        subprocess.run([os.path.join(REPO, "scripts", "testbed"), "stop", tb], capture_output=True)
    if keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
