#!/usr/bin/env python3
"""Counts what `mailmirror report --anonymize` still shows of people (issue 11, part 4).

  scripts/eval/anonymize_check.py [--bin PATH] [--corpus helpcenter|sample] [--threads 300] [--seed 1]
                                  [--ports 20200 20299] [--keep] [--show N]

Writes a help center with scripts/eval/gen_helpcenter.py (which knows every name, street, phone and contract number
it puts in the mail; --threads threads) or scripts/gen-sample (--corpus sample: 3 × --threads messages), delivers it to a private Dovecot (scripts/testbed), mirrors it with the real binary
(`account add --team @lumina-energie.example`, `sync`) and runs `report --anonymize --format md,csv` and a plain
`report`. It then searches every file the anonymized report wrote for:
- the first and last names of the customers and agents the generator used (whole words, as written: "Céline",
  "DUPONT"; case-sensitive so that "petit" or "blanc" in a sentence are not names),
- the street names of the customers' addresses ("rue des Lilas"),
- customer domains with a name in them ("cabinet-lemaire.fr"),
- phone, contract and supply-point numbers (8 digits or more), addresses (x@y.z) outside the team's domain,
and prints the counts (distinct and occurrences, per file) and a few lines in context. topic labels and keywords
of the plain report are checked for names the same way (no person in any topic, anonymized or not).
Exit 0 when nothing leaks, 1 when something does (or a step fails: "Error: …").
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

sys.dont_write_bytecode = True
EVAL = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(EVAL))
sys.path.insert(0, EVAL)
import eval_topics as E  # noqa: E402  (run, pick_ports, read_env, build_binary, Failure)
import gen_helpcenter as G  # noqa: E402  (the generator's own lists of names and streets)

TEAM = "@lumina-energie.example"


def sample_generator():
    """scripts/gen-sample as a module (its file has no .py), for its lists of names."""
    import importlib.machinery
    import importlib.util
    path = os.path.join(REPO, "scripts", "gen-sample")
    loader = importlib.machinery.SourceFileLoader("gen_sample", path)
    spec = importlib.util.spec_from_loader("gen_sample", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def used_people(mail, gen):
    """The name words and streets of the generator's lists that occur in the generated mail."""
    text = []
    for sub in ("cur", "new"):
        d = os.path.join(mail, sub)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            text.append(open(os.path.join(d, name), "rb").read().decode("utf-8", "replace"))
    text = "\n".join(text)
    names = set()
    for n in gen.FR_FIRST + gen.FR_LAST + gen.EN_FIRST + gen.EN_LAST + [a[0] for a in gen.AGENTS]:
        for w in re.split(r"[ \-]", n):
            if len(w) >= 3:
                names.add(w)
    streets = set()
    for s in getattr(gen, "STREETS", []):
        m = re.match(r"\d+\s+(.*?),", s)
        if m:
            streets.add(m.group(1))
    forms = {}
    for w in names:
        for form in (w, w.upper()):
            forms[form] = w
    used = {f: w for f, w in forms.items() if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)}
    return used, {s for s in streets if s in text}


DOMAIN = re.compile(r"(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?![\w-])")
def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


NUMBERS = re.compile(r"(?<![\w-])\+?(?:\d[ .]?){7,16}\d(?![\w-])")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def leaks(report, used, streets):
    folded = {strip_accents(w).lower() for w in used.values()}
    per_file = collections.defaultdict(collections.Counter)
    context = []
    for fn in sorted(os.listdir(report)):
        if not fn.endswith((".md", ".csv", ".svg")) or fn == "topic_messages.csv":
            continue  # topic_messages.csv names messages by Message-ID, not by person
        for line in open(os.path.join(report, fn), encoding="utf-8", errors="replace"):
            hits = []
            for form, word in used.items():
                for _ in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", line):
                    hits.append(f"name:{word}")
            for s in streets:
                hits += [f"street:{s}"] * line.count(s)
            for m in DOMAIN.finditer(line):  # "cabinet-lemaire.fr": a name inside a customer's domain
                if not ("@" + m.group(0)).endswith(TEAM) and set(re.split(r"[.-]", m.group(0))) & folded:
                    hits.append(f"domain:{m.group(0)}")
            if not fn.endswith(".svg"):  # an SVG's viewBox and coordinates are runs of digits
                hits += [f"number:{m.group(0).strip()}" for m in NUMBERS.finditer(line)]
            hits += [f"address:{m.group(0)}" for m in ADDRESS.finditer(line) if not m.group(0).lower().endswith(TEAM)]
            for h in hits:
                per_file[fn][h] += 1
            if hits:
                context.append(f"{fn}: {line.strip()[:220]}  <- {sorted(set(hits))[:6]}")
    return per_file, context


def summarize(title, per_file, context, show):
    total = collections.Counter()
    for c in per_file.values():
        total.update(c)
    kinds = collections.Counter()
    for h, n in total.items():
        kinds[h.split(":")[0]] += 1
    print(f"\n{title}: {len(total)} distinct leaks, {sum(total.values())} occurrences "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or 'none'})")
    for fn, c in sorted(per_file.items()):
        print(f"  {fn}: {len(c)} distinct, {sum(c.values())} occurrences")
    names = sorted(h.split(':', 1)[1] for h in total if h.startswith("name:"))
    if names:
        print(f"  names: {', '.join(names)}")
    for line in context[:show]:
        print(f"    {line}")
    return len(total)


def topic_names(report, used):
    hits = []
    import csv
    with open(os.path.join(report, "topics.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for col, v in r.items():
                if col and any(k in col for k in ("label", "phrase", "keyword")):
                    found = sorted({w for form, w in used.items() if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", v or "", re.I)})
                    if found:
                        hits.append(f"topic {r['topic_id']} {col}: {found} in {v[:120]!r}")
    return hits


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin")
    ap.add_argument("--corpus", choices=("helpcenter", "sample"), default="helpcenter")
    ap.add_argument("--threads", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ports", type=int, nargs=2, default=(20200, 20299))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--show", type=int, default=25)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="mm-anon-")
    os.chmod(tmp, 0o711)  # Dovecot's users must be able to enter the testbed below it
    tb = os.path.join(tmp, "server")
    started = False
    try:
        binary = os.path.abspath(a.bin) if a.bin else E.build_binary()
        mail = os.path.join(tmp, "mail")
        global TEAM
        if a.corpus == "sample":
            gen, TEAM = sample_generator(), "@help.example.com"
            E.run([os.path.join(REPO, "scripts", "gen-sample"), "--count", str(3 * a.threads), "--seed", str(a.seed),
                   "--out", mail], quiet=True)
        else:
            gen = G
            E.run([sys.executable, os.path.join(EVAL, "gen_helpcenter.py"), "--out", mail, "--threads",
                   str(a.threads), "--seed", str(a.seed)], quiet=True)
        count = sum(len(os.listdir(os.path.join(mail, s))) for s in ("cur", "new"))
        imap, imaps = E.pick_ports(*a.ports)
        started = True
        E.run([os.path.join(REPO, "scripts", "testbed"), "start", tb, "--ports", str(imap), str(imaps)], quiet=True)
        env = E.read_env(os.path.join(tb, "testbed.env"))
        E.run([os.path.join(REPO, "scripts", "testbed"), "deliver", tb, mail], quiet=True)
        root, report = os.path.join(tmp, "mirror"), os.path.join(tmp, "report")
        run_env = dict(os.environ, CHECK_PASSWORD=env["MAILMIRROR_TEST_PASSWORD"], NO_COLOR="1")
        run_env.pop("MAILMIRROR_ROOT", None)
        mm = [binary, "--root", root]
        E.run(mm + ["account", "add", "check", "--email", env["MAILMIRROR_TEST_USER"], "--host", "127.0.0.1",
                    "--port", env["MAILMIRROR_TEST_IMAPS_PORT"], "--ca-file", env["MAILMIRROR_TEST_CA"],
                    "--password-env", "CHECK_PASSWORD", "--team", TEAM], env=run_env, quiet=True)
        E.run(mm + ["sync", "--quiet"], env=run_env, quiet=True)
        E.run(mm + ["report", "--out", report, "--format", "md,csv"], env=run_env, quiet=True)
        E.run(mm + ["report", "--out", report + "-anon", "--format", "md,csv", "--anonymize"], env=run_env, quiet=True)
        used, streets = used_people(mail, gen)
        print(f"{count} messages, {a.threads} threads; the mail holds {len(set(used.values()))} of the generator's "
              f"name words and {len(streets)} streets")
        leaked = summarize("report --anonymize", *leaks(report + "-anon", used, streets), a.show)
        labels = topic_names(report, used)
        print(f"\nplain report: {len(labels)} topic label/keyword cells with a person's name")
        for h in labels[: a.show]:
            print(f"    {h}")
        return 0 if leaked == 0 and not labels else 1
    except E.Failure as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    finally:
        E.clean_up(started, tb, tmp, a.keep)


if __name__ == "__main__":
    sys.exit(main())
