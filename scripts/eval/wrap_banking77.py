#!/usr/bin/env python3
"""Wraps BANKING77 questions as customer mail, for the topic evaluation (scripts/eval-topics).

  wrap_banking77.py --out DIR [--csv train.csv] [--count 3080] [--seed 1] [--select stratified|random|head]
                    [--truth DIR/truth.jsonl]

BANKING77 (../shared/corpora/banking77, CC BY 4.0, Casanueva et al. 2020; see its SOURCE.md) holds real bank
customers' one-line questions, each labelled with one of 77 intents. Each selected question becomes one thread:
a customer message with a varied greeting, the question verbatim, a varied sign-off and name, and a subject that
says nothing of the intent ("Question", "Help please", the first words of the question...). About 45% of threads
get a team reply; its text is a generic acknowledgement chosen at random, NEVER derived from the intent, so the
grouping has to be found from what the customer wrote. Team mail comes from @bank-help.example (pass
`--team @bank-help.example` to `account add`).

--select: `stratified` (default) takes count/77 questions per intent (3,080 = 40 per intent, as in issue 11),
`random` a seeded random sample, `head` the first rows of the CSV. The same arguments give the same bytes.
DIR gets a Maildir (cur/ new/ tmp/) and DIR/truth.jsonl: one line per message,
{"message_id", "topic", "thread", "direction"} as scripts/eval/topics_eval.py reads it, and for customer
messages "text" (the question alone, for the baseline on the bare questions).
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailfmt import MaildirOut, build, gmail_quote, message_id, outlook_quote  # noqa: E402



def default_csv():
    """$MAILMIRROR_CORPORA/banking77/train.csv, else the first shared/corpora/banking77 above this script
    (the repository sits beside ../shared, a worktree one level deeper)."""
    if os.environ.get("MAILMIRROR_CORPORA"):
        return os.path.join(os.environ["MAILMIRROR_CORPORA"], "banking77", "train.csv")
    d = os.path.dirname(os.path.abspath(__file__))
    while d != os.path.dirname(d):
        p = os.path.join(d, "shared", "corpora", "banking77", "train.csv")
        if os.path.exists(p):
            return p
        d = os.path.dirname(d)
    return "../shared/corpora/banking77/train.csv"


TEAM_DOMAIN = "bank-help.example"
SUPPORT = ("Customer Support", f"support@{TEAM_DOMAIN}")
AGENTS = [("Priya Shah", "priya.shah"), ("Tom Becker", "tom.becker"), ("Lena Novak", "lena.novak"),
          ("Marcus Hill", "marcus.hill"), ("Aisha Bello", "aisha.bello")]
FIRST = ["James", "Olivia", "Mohammed", "Sophie", "Liam", "Emma", "Noah", "Chloe", "Daniel", "Grace", "Ethan",
         "Isla", "Jack", "Amelia", "Ryan", "Hannah", "Lucas", "Mia", "Arjun", "Zara", "Wei", "Fatima", "Carlos",
         "Ana", "Piotr", "Kasia", "Tobias", "Ingrid", "Kwame", "Ngozi", "Sean", "Niamh", "Ahmed", "Leila", "Yuki",
         "Hiroshi", "Mateo", "Lucia", "Oliver", "Ruby", "George", "Freya", "Ben", "Holly", "Dmitri", "Elena",
         "Samuel", "Abigail", "Connor", "Megan", "Raj", "Anjali", "Felix", "Nora", "Harvey", "Evie", "Omar",
         "Sara", "Kofi", "Adaeze", "Jonas", "Lotte", "Marco", "Giulia", "Pierre", "Camille", "Stefan", "Marta"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan", "Wright",
        "Walker", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke",
        "Nowak", "Kowalski", "Müller", "Schmidt", "García", "Fernández", "Rossi", "Bianchi", "O'Brien", "Murphy",
        "Okafor", "Mensah", "Nakamura", "Chen", "Wang", "Singh", "Kumar", "Ali", "Hassan", "Ivanova", "Dubois",
        "Martin", "Lindqvist", "Jensen", "de Vries", "Silva", "Costa", "MacDonald", "Campbell", "Evans"]
DOMAINS = ["gmail.com", "yahoo.co.uk", "hotmail.com", "outlook.com", "icloud.com", "btinternet.com", "gmx.de",
           "proton.me", "live.co.uk", "aol.com", "sky.com", "virginmedia.com", "mail.com", "yahoo.com", "web.de"]
GREETINGS = ["Hi,", "Hello,", "Hi there,", "Hello team,", "Dear Sir or Madam,", "Good morning,", "Good afternoon,",
             "Hey,", "Hi support,", "To whom it may concern,", "Hello there,", "Dear support team,", "", "", ""]
SIGNOFFS = ["Thanks,\n{first}", "Thank you,\n{first} {last}", "Best regards,\n{first} {last}", "Cheers,\n{first}",
            "Kind regards,\n{first} {last}", "Many thanks\n{first}", "Regards,\n{first} {last}\n{phone}",
            "Thanks in advance,\n{first}", "{first}", "Best,\n{first}\n\nSent from my iPhone",
            "Thank you\n\n{first} {last}\nSent from my Samsung Galaxy", "Cheers\n{initial}", "Sent from my iPhone",
            "Thx\n{first}", "Yours faithfully,\n{first} {last}"]
SUBJECTS = ["Question", "Help please", "Quick question", "Query", "Need help", "Help", "Account query", "Urgent",
            "Enquiry", "Problem", "Question about my account", "Hello", "Can you help?", "Support request",
            "Issue", "question", "help!!", "Re: my account", "Please advise", "Request", "", "Fwd: question"]
TEAM_REPLIES = [
    "Hi {first},\n\nThank you for getting in touch. We have received your message and one of our specialists "
    "will look into it and come back to you as soon as possible.\n\nKind regards,\n{agent}\nCustomer Support",
    "Hello {first},\n\nThanks for your message. To help us look into this, could you confirm the last four digits "
    "of your card and the email address registered on your account? Please never send us your full card number "
    "or your passcode.\n\nBest wishes,\n{agent}",
    "Dear {first},\n\nThank you for contacting us. I have passed your enquiry to the relevant team, who will reply "
    "within two working days. You can also reach us through the chat in the app, 24/7.\n\nRegards,\n{agent}\n"
    "Customer Support Team",
    "Hi {first},\n\nThanks for reaching out, and sorry for the wait. I have looked at your account and updated "
    "our notes; if anything else comes up, just reply to this email.\n\nAll the best,\n{agent}",
    "Hello {first},\n\nWe appreciate you letting us know. Could you send us a screenshot of what you see in the "
    "app so we can check it properly?\n\nThank you,\n{agent}\nSupport",
    "Hi {first},\n\nThanks for your patience. Your request is now with our operations team and we will email "
    "you once we have an update.\n\nBest regards,\n{agent}",
]
TEAM_FOOTER = "\n\n--\nBank Help Centre | https://{domain}/help | Calls may be recorded"


def select(rows, count, how, rng):
    if how == "head":
        return rows[:count]
    if how == "random":
        return rng.sample(rows, min(count, len(rows)))
    by = {}
    for r in rows:
        by.setdefault(r["category"], []).append(r)
    per, extra = divmod(count, len(by))
    chosen, rest = [], []
    for i, cat in enumerate(sorted(by)):
        items = by[cat][:]
        rng.shuffle(items)
        take = per + (1 if i < extra else 0)
        chosen += items[:take]
        rest += items[take:]
    # An intent with fewer rows than its share (one has 35 in train.csv) leaves a gap, filled at random.
    rng.shuffle(rest)
    chosen += rest[: max(0, count - len(chosen))]
    rng.shuffle(chosen)
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--csv", default=None, help="default: $MAILMIRROR_CORPORA/banking77/train.csv or ../shared/corpora above the repo")
    ap.add_argument("--count", type=int, default=3080)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--select", choices=("stratified", "random", "head"), default="stratified")
    ap.add_argument("--truth")
    ap.add_argument("--reply-rate", type=float, default=0.45)
    a = ap.parse_args()
    a.csv = a.csv or default_csv()
    if not os.path.exists(a.csv):
        sys.exit(f"Error: {a.csv} not found (BANKING77 train split; see ../shared/corpora/banking77/SOURCE.md)")
    with open(a.csv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or "text" not in rows[0] or "category" not in rows[0]:
        sys.exit(f"Error: {a.csv} has no text,category columns")
    rng = random.Random(a.seed)
    chosen = select(rows, a.count, a.select, rng)
    out = MaildirOut(a.out)
    truth = []
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    for n, row in enumerate(chosen):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        dom = rng.choice(DOMAINS)
        local = rng.choice([f"{first}.{last}", f"{first}{last}{rng.randint(1, 99)}", f"{first[0]}{last}",
                            f"{first}_{rng.randint(1970, 2005)}"]).lower().replace(" ", "").replace("'", "")
        local = local.encode("ascii", "ignore").decode() or f"user{n}"
        cust = (f"{first} {last}" if rng.random() < 0.8 else "", f"{local}@{dom}")
        q = row["text"].strip()
        greet = rng.choice(GREETINGS)
        sign = rng.choice(SIGNOFFS).format(first=first, last=last, initial=first[0],
                                           phone=f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}")
        body = (greet + "\n\n" if greet else "") + q + "\n\n" + sign + "\n"
        subj = rng.choice(SUBJECTS + ["__first__"] * 6)
        if subj == "__first__":
            words = q.split()
            subj = " ".join(words[: rng.randint(3, 6)]).rstrip("?.!,")
        offset = rng.choice([0, 0, 60, 60, 120, -300])
        date = start + dt.timedelta(seconds=rng.randint(0, 364 * 86400))
        date = date.astimezone(dt.timezone(dt.timedelta(minutes=offset)))
        mid = message_id(f"b77-{a.seed}-{n}-c", dom)
        data = build(frm=cust, to=SUPPORT, subject=subj, date=date, mid=mid, body=body,
                     mailer=rng.choice([None, None, "iPhone Mail (21E236)", "Microsoft Outlook 16.0"]),
                     encoding=rng.choice(["8bit", "8bit", "quoted-printable", "base64"]))
        out.add(date, data)
        truth.append({"message_id": mid, "topic": row["category"], "thread": mid, "direction": "customer", "text": q})
        if rng.random() < a.reply_rate:
            agent_name, agent_local = rng.choice(AGENTS)
            agent = (agent_name, f"{agent_local}@{TEAM_DOMAIN}")
            rdate = (date + dt.timedelta(minutes=rng.randint(20, 3 * 24 * 60))).astimezone(dt.timezone.utc)
            text = rng.choice(TEAM_REPLIES).format(first=first, agent=agent_name.split()[0]) \
                + TEAM_FOOTER.format(domain=TEAM_DOMAIN)
            if rng.random() < 0.6:
                quote = gmail_quote(body.rstrip("\n"), date, (cust[0] or cust[1], cust[1]), "en")
            else:
                quote = outlook_quote(body.rstrip("\n"), date, (cust[0] or cust[1], cust[1]), SUPPORT, subj, "en")
            rsubj = "Re: " + subj if subj else "Re:"
            rmid = message_id(f"b77-{a.seed}-{n}-t", TEAM_DOMAIN)
            out.add(rdate, build(frm=agent, to=cust, subject=rsubj, date=rdate, mid=rmid, body=text + "\n\n" + quote + "\n",
                                 in_reply_to=mid, references=[mid],
                                 encoding=rng.choice(["8bit", "quoted-printable"])))
            truth.append({"message_id": rmid, "topic": row["category"], "thread": mid, "direction": "team"})
    written = out.close()
    tpath = a.truth or os.path.join(a.out, "truth.jsonl")
    with open(tpath, "w", encoding="utf-8") as f:
        for t in truth:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"wrote {written} messages ({len(chosen)} threads, {len({r['category'] for r in chosen})} intents) to {a.out}; truth {tpath}")


if __name__ == "__main__":
    main()
