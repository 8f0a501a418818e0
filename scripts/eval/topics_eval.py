#!/usr/bin/env python3
# Copied from ../shared/eval/topics_eval.py (this project's shared evaluation material); unchanged otherwise.
"""Score a report's recurring topics against ground truth, the way the project's held-out checks do.

  topics_eval.py REPORT_DIR TRUTH.jsonl [--unit thread|message] [--min-share 0.01] [--per-topic]

REPORT_DIR holds topics.csv and topic_messages.csv (columns topic_id, message_id) as `mailmirror report` writes
them. TRUTH.jsonl has one JSON object per customer message: {"message_id": "<...>", "topic": "...",
"thread": "<root message id>"} ("thread" optional; without it each message is its own thread). Extra keys are
ignored; team messages may be left out or carry "direction": "team" (skipped).

Per planted topic (those with at least --min-share of the units): the reported topic with the best F1 against it,
its recall (share of the planted units it holds) and precision (share of its units that are planted there);
then the means, the number of reported topics against the number of planted ones, the coverage, and NMI / ARI
(units in no topic count as one "none" group). Standard library only.
"""
import argparse, collections, csv, json, math, os, sys


def norm(mid):
    mid = (mid or "").strip()
    return mid[1:-1].strip() if mid.startswith("<") and mid.endswith(">") else mid


def nmi_ari(a, b):
    n = len(a)
    ca, cb, cab = collections.Counter(a), collections.Counter(b), collections.Counter(zip(a, b))
    h = lambda c: -sum(v / n * math.log(v / n) for v in c.values())
    mi = sum(v / n * math.log((v / n) / (ca[x] / n * cb[y] / n)) for (x, y), v in cab.items())
    ha, hb = h(ca), h(cb)
    nmi = mi / math.sqrt(ha * hb) if ha > 0 and hb > 0 else (1.0 if ha == hb else 0.0)
    c2 = lambda k: k * (k - 1) / 2
    sab, sa, sb = sum(c2(v) for v in cab.values()), sum(c2(v) for v in ca.values()), sum(c2(v) for v in cb.values())
    exp = sa * sb / c2(n) if n > 1 else 0.0
    top = (sa + sb) / 2 - exp
    ari = (sab - exp) / top if top else 1.0
    return nmi, ari


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report"); ap.add_argument("truth")
    ap.add_argument("--unit", choices=("thread", "message"), default="thread")
    ap.add_argument("--min-share", type=float, default=0.01)
    ap.add_argument("--per-topic", action="store_true")
    a = ap.parse_args()
    truth, thread = {}, {}
    for line in open(a.truth, encoding="utf-8"):
        if not line.strip(): continue
        m = json.loads(line)
        if m.get("direction") == "team": continue
        k = norm(m["message_id"]); truth[k] = m["topic"]; thread[k] = norm(m.get("thread") or m.get("thread_root") or m["message_id"])
    unit = (lambda k: thread[k]) if a.unit == "thread" else (lambda k: k)
    with open(os.path.join(a.report, "topic_messages.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    reported = collections.defaultdict(set)
    assigned = {}
    for r in rows:
        k = norm(r["message_id"])
        if k in truth:
            reported[r["topic_id"]].add(unit(k)); assigned.setdefault(unit(k), r["topic_id"])
    labels = {}
    p = os.path.join(a.report, "topics.csv")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            labels = {r["topic_id"]: r.get("label", "") for r in csv.DictReader(f)}
    planted = collections.defaultdict(set)
    for k, t in truth.items(): planted[t].add(unit(k))
    units = sorted(set(unit(k) for k in truth))
    unit_topic = {}
    for k, t in truth.items(): unit_topic.setdefault(unit(k), t)
    R, P = [], []
    for t, S in sorted(planted.items(), key=lambda x: -len(x[1])):
        if len(S) / len(units) < a.min_share: continue
        best_id, best = max(reported.items(), key=lambda kv: (2 * len(kv[1] & S) / (len(kv[1]) + len(S)), kv[0]), default=(None, set()))
        r_, p_ = len(best & S) / len(S), (len(best & S) / len(best) if best else 0.0)
        R.append(r_); P.append(p_)
        if a.per_topic:
            print(f"  {t:<28} {len(S):>5} {a.unit}s  best: {labels.get(best_id, best_id)!s:.45}  recall {r_:.2f} precision {p_:.2f}")
    nmi, ari = nmi_ari([unit_topic[u] for u in units], [assigned.get(u, "none") for u in units])
    cover = sum(1 for u in units if u in assigned) / len(units)
    print(f"topics: recall {sum(R)/len(R):.3f} precision {sum(P)/len(P):.3f} over {len(R)} planted topics; "
          f"{len(reported)} reported for {len(planted)} planted; coverage {cover:.0%}; NMI {nmi:.3f} ARI {ari:.3f} ({a.unit} level)")


if __name__ == "__main__":
    sys.exit(main())
