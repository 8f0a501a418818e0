#!/usr/bin/env python3
"""A second help-center generator, of another trade: an energy supplier's customer service, French and English.

  gen_helpcenter.py --out DIR [--threads 1100] [--seed 1] [--year 2025] [--truth DIR/truth.jsonl]

Written for issue 11's held-out evaluation from the issue's description of real help-center mail only (its
author has not read mailmirror's topic code). 20 planted questions (scripts/eval/helpcenter_content.py), each
asked in four to six unrelated wordings per language; subjects mostly vague ("Problème", "question", "Re: votre
courrier", empty); customers' greetings and sign-offs with their names, contract/PDL/phone numbers in the text,
accents dropped and typos sometimes; the team answers each question with one of two saved replies (greeting with
the customer's name, agent signature, a signature link in every team message, a help-center article link in one of
the two replies, sometimes a link unique to the customer's case); chasers, follow-ups and thank-yous in the same
thread; Gmail-style ("Le … a écrit :", "On … wrote:" + "> ") and Outlook-style ("-----Original Message-----",
"De : … Envoyé : …") quoting of the previous message; about 15% of threads never answered; 12 months of --year;
a team at @lumina-energie.example (pass `--team @lumina-energie.example` to `account add`), customers at many
domains.

DIR gets a Maildir (cur/ new/ tmp/) and DIR/truth.jsonl, one line per message: {"message_id", "topic" (the
thread's question), "thread" (root Message-ID), "direction" ("customer" | "team"), "lang", "kind" (enquiry,
chaser, follow-up, thanks, reply), "text" (for customer messages: what the customer wrote, without greeting,
sign-off or quote; used by the baseline)}. The same arguments give the same bytes.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailfmt import MaildirOut, build, gmail_quote, message_id, outlook_quote, strip_accents  # noqa: E402
import helpcenter_content as C  # noqa: E402

TEAM_DOMAIN = "lumina-energie.example"
SUPPORT = ("Lumina Énergie - Service client", f"service-client@{TEAM_DOMAIN}")
AGENTS = [("Sophie Marchand", "sophie.marchand"), ("Karim Benali", "karim.benali"), ("Julie Fontaine", "julie.fontaine"),
          ("Thomas Girard", "thomas.girard"), ("Emily Carter", "emily.carter")]
SITE = "https://www.lumina-energie.example"
FR_FIRST = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Julien", "Nicolas", "Stéphane", "Christophe",
            "Sébastien", "Camille", "Léa", "Manon", "Chloé", "Hélène", "Françoise", "Jean-Pierre", "Michel", "Philippe",
            "Alain", "Patrick", "Céline", "Aurélie", "Élodie", "Mathieu", "Guillaume", "Hugo", "Lucas", "Inès", "Yasmine",
            "Mehdi", "Karima", "Thierry", "Brigitte", "Gérard", "Josiane", "Anaïs", "Maxime", "Benoît", "Agnès"]
FR_LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
           "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
           "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
           "Haddad", "Benoît", "Chevallier", "Lemaire", "Boyer"]
EN_FIRST = ["James", "Sarah", "David", "Emma", "Michael", "Laura", "Paul", "Rachel", "Andrew", "Claire", "Mark",
            "Helen", "Peter", "Karen", "Richard", "Susan", "Chris", "Lucy", "Tom", "Kate", "Daniel", "Anna", "Ian",
            "Fiona", "Graham", "Julie", "Simon", "Nicola", "Hannah", "Oliver", "Sophie", "Ben", "Megan", "Liam"]
EN_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans", "Thomas",
           "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall",
           "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper",
           "Morris", "Ward", "Moore", "King", "Watson", "Baker", "Harrison", "Morgan", "Patel", "O'Connor"]
FR_DOMAINS = ["gmail.com", "orange.fr", "free.fr", "sfr.fr", "laposte.net", "wanadoo.fr", "hotmail.fr", "yahoo.fr",
              "outlook.fr", "bbox.fr", "neuf.fr", "icloud.com", "gmx.fr", "live.fr", "club-internet.fr", "aliceadsl.fr",
              "cabinet-lemaire.fr", "boulangerie-roux.fr", "mairie-saint-andre.fr", "protonmail.com"]
EN_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com", "live.com",
              "sky.com", "me.com", "aol.com", "googlemail.com", "virginmedia.com", "talktalk.net", "hotmail.com",
              "orange.fr", "free.fr", "protonmail.com"]
FEMALE = {"Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Camille", "Léa", "Manon", "Chloé", "Hélène",
          "Françoise", "Céline", "Aurélie", "Élodie", "Inès", "Yasmine", "Karima", "Brigitte", "Josiane", "Anaïs",
          "Agnès", "Sarah", "Emma", "Laura", "Rachel", "Claire", "Helen", "Karen", "Susan", "Lucy", "Kate", "Anna",
          "Fiona", "Julie", "Nicola", "Hannah", "Sophie", "Megan"}
OUTLOOKISH = ("hotmail", "outlook", "live", "orange", "wanadoo", "sfr", "cabinet", "mairie", "boulangerie", "btinternet")

GREET_FR = ["Bonjour,", "Bonjour,", "Bonjour Madame, Monsieur,", "Madame, Monsieur,", "Bonsoir,", "Bonjour à vous,",
            "Bonjour au service client,", "", "", "Bjr,"]
GREET_EN = ["Hello,", "Hi,", "Hi there,", "Dear Sir or Madam,", "Good morning,", "Hello team,", "", "", "Hiya,"]
GREET_AGENT_FR = ["Bonjour {agent},", "Bonjour,", "Re-bonjour,", "", "Bonjour {agent}"]
GREET_AGENT_EN = ["Hi {agent},", "Hello {agent},", "Hello,", "", "Hi again,"]
SIGN_FR = ["Cordialement,\n{first} {last}", "Bien à vous,\n{first}", "Merci d'avance.\n{first} {LAST}",
           "Cdlt\n{first} {last}\n{phone}", "Salutations distinguées,\n{civ} {last}", "{first}",
           "Cordialement\n\n{first} {LAST}\n{street}", "Bonne journée,\n{first}\n\nEnvoyé de mon iPhone",
           "Merci\n{first}", "Bien cordialement,\n{first} {last}\nTél : {phone}", "Envoyé depuis mon smartphone Samsung Galaxy.",
           "{civ} {first} {LAST}"]
SIGN_EN = ["Kind regards,\n{first} {last}", "Thanks,\n{first}", "Best wishes,\n{first} {last}\n{phone}", "Cheers,\n{first}",
           "Regards\n{first} {last}", "{first}", "Many thanks\n{first} {last}\n\nSent from my iPhone", "Thank you,\n{first}",
           "Yours faithfully,\n{first} {last}\n{street}", "Get Outlook for Android"]
CONTEXT_FR = ["Mon numéro client : {ref}.", "Contrat n° {ref}", "Je suis client chez vous depuis {year}, contrat {ref}.",
              "(référence client {ref}, PDL {pdl})", "N° de PDL : {pdl}", "Je vous écris au sujet du contrat {ref} au {street}.",
              "Mon tel si besoin : {phone}.", "Numéro de contrat {ref} - adresse de consommation {street}."]
CONTEXT_EN = ["My customer number is {ref}.", "Account no. {ref}", "I've been with you since {year}, contract {ref}.",
              "(customer ref {ref}, supply point {pdl})", "My phone number if needed: {phone}.",
              "This is about contract {ref} at {street}."]
CLOSE_FR = ["Merci d'avance pour votre réponse.", "Dans l'attente de votre retour.", "Merci de me tenir informé.",
            "Je reste joignable par téléphone.", "Merci !", ""]
CLOSE_EN = ["Thanks in advance.", "Looking forward to hearing from you.", "Please let me know.", "Thanks!", ""]
STREETS = ["12 rue des Lilas, 69003 Lyon", "4 allée des Tilleuls, 44300 Nantes", "27 avenue Jean Jaurès, 31000 Toulouse",
           "3 impasse du Moulin, 35000 Rennes", "88 bd Voltaire, 75011 Paris", "15 chemin des Vignes, 33000 Bordeaux",
           "6 place de la Mairie, 67000 Strasbourg", "41 rue Nationale, 59000 Lille", "9 rue du Port, 06400 Cannes"]


def typo(text, rng):
    """One or two slips of the keyboard: a swapped, doubled or dropped letter in a longer word."""
    words = text.split(" ")
    for _ in range(rng.choice([1, 1, 2])):
        idx = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
        if not idx:
            break
        i = rng.choice(idx)
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        kind = rng.random()
        if kind < 0.4:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif kind < 0.7:
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    return " ".join(words)


class Customer:
    def __init__(self, rng, lang, n):
        fr = lang == "fr"
        self.first = rng.choice(FR_FIRST if fr or rng.random() < 0.1 else EN_FIRST)
        self.last = rng.choice(FR_LAST if fr else EN_LAST)
        female = self.first in FEMALE
        self.civ = (rng.choice(["Mme", "Madame"]) if female else rng.choice(["M.", "Monsieur"])) if fr else \
            (rng.choice(["Mrs", "Ms"]) if female else "Mr")
        dom = rng.choice(FR_DOMAINS if fr else EN_DOMAINS)
        base = strip_accents(f"{self.first}.{self.last}").lower().replace(" ", "").replace("'", "")
        local = rng.choice([base, base.replace(".", ""), f"{base}{rng.randint(1, 99)}",
                            f"{strip_accents(self.first[0] + self.last).lower().replace(' ', '')}{rng.randint(60, 99)}",
                            f"{strip_accents(self.first).lower()}{rng.randint(100, 999)}"])
        self.addr = (rng.choice([f"{self.first} {self.last}", f"{self.first} {self.last.upper()}", f"{self.last} {self.first}",
                                 ""]), f"{local}@{dom}")
        self.name = self.addr[0] or self.addr[1]
        self.client = "outlook" if any(o in dom for o in OUTLOOKISH) and rng.random() < 0.7 else \
            rng.choice(["gmail", "gmail", "iphone", "noquote"])
        self.html = rng.random() < 0.45
        self.ref = f"{rng.randint(1, 9)}{rng.randint(0, 999999999):09d}"
        self.pdl = f"{rng.randint(10**13, 10**14 - 1)}"
        self.phone = rng.choice([f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                                 f"07{rng.randint(10000000, 99999999)}", f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"]) \
            if fr else rng.choice([f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}", f"+33 7 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"])
        self.street = rng.choice(STREETS)
        self.accentless = fr and rng.random() < 0.2  # some keyboards and habits never type accents
        self.lower = rng.random() < 0.1
        self.typos = rng.random() < 0.25


def customer_body(rng, cust, lang, core, *, first_message, agent=None, context=None):
    fields = dict(first=cust.first, last=cust.last, LAST=cust.last.upper(), civ=cust.civ, phone=cust.phone,
                  street=cust.street, ref=cust.ref, pdl=cust.pdl, year=rng.randint(2012, 2024))
    if agent and rng.random() < 0.5:
        greet = rng.choice(GREET_AGENT_FR if lang == "fr" else GREET_AGENT_EN).format(agent=agent.split()[0])
    else:
        greet = rng.choice(GREET_FR if lang == "fr" else GREET_EN)
    text = core
    if cust.typos and rng.random() < 0.6:
        text = typo(text, rng)
    if context is None:
        context = first_message and rng.random() < 0.55
    parts = []
    if context:
        ctx = rng.choice(CONTEXT_FR if lang == "fr" else CONTEXT_EN).format(**fields)
        parts = [ctx, text] if rng.random() < 0.5 else [text, ctx]
    else:
        parts = [text]
    close = rng.choice(CLOSE_FR if lang == "fr" else CLOSE_EN) if first_message else ""
    body = " ".join(parts) if rng.random() < 0.5 else "\n\n".join(parts)
    if close:
        body += ("\n\n" if rng.random() < 0.6 else " ") + close
    if cust.lower:
        body = body.lower()
    sign = rng.choice(SIGN_FR if lang == "fr" else SIGN_EN).format(**fields)
    out = (greet + "\n\n" if greet else "") + body + "\n\n" + sign
    if cust.accentless:
        out = strip_accents(out)
    return out, (strip_accents(text) if cust.accentless else text)


def team_body(rng, agent, cust, lang, text, case_id, with_case_link):
    first = cust.first
    if lang == "fr":
        greet = rng.choice([f"Bonjour {first},", f"Bonjour {'Madame' if cust.civ in ('Mme', 'Madame') else 'Monsieur'} {cust.last},", f"Bonjour {'Madame' if cust.civ in ('Mme', 'Madame') else 'Monsieur'},",
                            f"Bonjour {first} {cust.last},"])
        close = rng.choice(["Bien cordialement,", "Cordialement,", "Belle journée,", "Je reste à votre disposition.\n\nCordialement,"])
        role = "Conseiller clientèle" if agent[0].split()[0] in ("Karim", "Thomas") else "Conseillère clientèle"
        case = f"\n\nRéférence de votre demande : {case_id}" + (f" (suivi : {SITE}/suivi/{case_id})" if with_case_link else "")
        sig = f"{agent[0]}\n{role} - Lumina Énergie\n{SITE} | Espace client : https://client.{TEAM_DOMAIN}"
    else:
        greet = rng.choice([f"Hi {first},", f"Dear {cust.civ} {cust.last},",
                            f"Hello {first},", f"Dear {first},"])
        close = rng.choice(["Kind regards,", "Best regards,", "Have a good day,", "Let us know if you need anything else.\n\nKind regards,"])
        case = f"\n\nYour case reference: {case_id}" + (f" (track it: {SITE}/suivi/{case_id})" if with_case_link else "")
        sig = f"{agent[0]}\nCustomer Adviser - Lumina Énergie\n{SITE} | Online account: https://client.{TEAM_DOMAIN}"
    return f"{greet}\n\n{text}{case if rng.random() < 0.5 else ''}\n\n{close}\n{sig}"


def office_hours(rng, t):
    """The team works Monday to Friday, 8:30 to 18:30 Paris time (UTC+1/+2): later mail waits for the next morning."""
    local = t + dt.timedelta(hours=2 if 4 <= t.month <= 10 else 1)
    if local.weekday() < 5 and 8.5 <= local.hour + local.minute / 60 < 18.5:
        return t
    day = local.date() + dt.timedelta(days=1 if local.hour >= 8 else 0)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    start = dt.datetime(day.year, day.month, day.day, 8, 30, tzinfo=dt.timezone.utc) \
        + dt.timedelta(minutes=rng.randint(0, 150))
    return start - (local - t)


def quote(rng, style, prev, lang):
    if style == "outlook":
        return outlook_quote(prev["body"], prev["date"], prev["from"], prev["to"], prev["subject"], lang)
    return gmail_quote(prev["body"], prev["date"], prev["from"], lang)


def subject_for(rng, q, lang, core):
    r = rng.random()
    if r < 0.55:
        s = rng.choice(C.VAGUE_SUBJECTS_FR if lang == "fr" else C.VAGUE_SUBJECTS_EN)
    elif r < 0.8:
        s = rng.choice(q["subj_fr" if lang == "fr" else "subj_en"])
    else:
        words = core.split()
        s = " ".join(words[: rng.randint(3, 7)]).rstrip(",.;:?!")
    return s.strip()


def reply_subject(subj, style, lang):
    if subj.lower().startswith(("re:", "re :")):
        return subj
    if style == "outlook":
        return ("RE : " if lang == "fr" else "RE: ") + subj
    return "Re: " + subj


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--truth")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = MaildirOut(a.out)
    truth = []
    weights = [q["weight"] for q in C.QUESTIONS]
    start = dt.datetime(a.year, 1, 1, tzinfo=dt.timezone.utc)
    paris = lambda d: d.astimezone(dt.timezone(dt.timedelta(hours=2 if 4 <= d.month <= 10 else 1)))

    for n in range(a.threads):
        q = rng.choices(C.QUESTIONS, weights)[0]
        lang = "fr" if rng.random() < 0.6 else "en"
        cust = Customer(rng, lang, n)
        agent_name, agent_local = rng.choice(AGENTS if lang == "fr" else AGENTS[2:])
        agent = (agent_name, f"{agent_local}@{TEAM_DOMAIN}")
        saved = rng.randrange(2)
        case_id = f"D-{rng.randint(100000, 999999)}"
        with_case_link = rng.random() < 0.3
        article = (f"{C.HELP}/{'fr' if lang == 'fr' else 'en-gb'}/articles/{q['article']}" if q["article"] else "")
        core = rng.choice(q[lang])
        subj = subject_for(rng, q, lang, core)
        # the thread's start: any day of the year, fewer at weekends, customers write from 7:00 to 23:59
        while True:
            day = start + dt.timedelta(days=rng.randrange(365))
            if day.weekday() < 5 or rng.random() < 0.4:
                break
        t = day + dt.timedelta(hours=rng.randint(7, 23), minutes=rng.randrange(60), seconds=rng.randrange(60))
        msgs = []  # dicts: from, to, subject, date, body, mid, direction, kind, text

        def add(frm, to, subject, date, body, direction, kind, text=None, html=False):
            dom = frm[1].split("@")[1]
            mid_dom = "mail.gmail.com" if dom in ("gmail.com", "googlemail.com") or direction == "team" else \
                ("eurprd04.prod.outlook.com" if cust.client == "outlook" and direction == "customer" else dom)
            mid = message_id(f"hc-{a.seed}-{n}-{len(msgs)}", mid_dom)
            refs = [m["mid"] for m in msgs]
            data = build(frm=frm, to=to, subject=subject, date=paris(date), mid=mid, body=body,
                         in_reply_to=refs[-1] if refs else None, references=refs[-10:], html=html,
                         mailer="Microsoft Outlook 16.0" if direction == "customer" and cust.client == "outlook" else None,
                         encoding=rng.choice(["8bit", "quoted-printable", "quoted-printable", "base64"]))
            out.add(date, data)
            msgs.append(dict(**{"from": frm}, to=to, subject=subject, date=paris(date), body=body, mid=mid))
            rec = {"message_id": mid, "topic": q["id"], "thread": msgs[0]["mid"], "direction": direction, "lang": lang,
                   "kind": kind}
            if text is not None:
                rec["text"] = text
            truth.append(rec)

        def customer_reply(core_text, kind, date, *, to_agent):
            body, text = customer_body(rng, cust, lang, core_text, first_message=False,
                                       agent=agent[0] if to_agent else None, context=rng.random() < 0.15)
            prev = msgs[-1]
            if cust.client != "noquote":
                body += "\n\n" + quote(rng, "outlook" if cust.client == "outlook" else "gmail", prev, lang)
            add(cust.addr, agent if to_agent else SUPPORT, reply_subject(subj, cust.client, lang), date, body,
                "customer", kind, text, html=cust.html)

        def team_reply(text, date):
            date = office_hours(rng, date)
            body = team_body(rng, agent, cust, lang, text, case_id, with_case_link)
            body += "\n\n" + quote(rng, "gmail", msgs[-1], lang)
            add(agent, cust.addr, reply_subject(subj, "gmail", lang), date, body, "team", "reply", html=rng.random() < 0.3)
            return date

        body, text = customer_body(rng, cust, lang, core, first_message=True)
        add(cust.addr, SUPPORT, subj, t, body, "customer", "enquiry", text, html=cust.html)
        follow_generic = C.GENERIC_FOLLOW_FR if lang == "fr" else C.GENERIC_FOLLOW_EN
        answered = rng.random() >= 0.15
        if not answered:
            if rng.random() < 0.35:
                t += dt.timedelta(days=rng.randint(3, 10), hours=rng.randint(0, 8))
                customer_reply(rng.choice(follow_generic), "chaser", t, to_agent=False)
            continue
        if rng.random() < 0.1:
            t += dt.timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 8))
            customer_reply(rng.choice(follow_generic), "chaser", t, to_agent=False)
        t += dt.timedelta(minutes=rng.randint(40, 3 * 24 * 60))
        reply = q["reply_" + lang][saved].format(ref=cust.ref, article=article)
        t = team_reply(reply, t)
        r = rng.random()
        if r < 0.35:
            t += dt.timedelta(minutes=rng.randint(30, 5 * 24 * 60))
            follow = rng.choice(q["follow_" + lang]) if rng.random() < 0.8 else rng.choice(follow_generic)
            customer_reply(follow, "follow-up", t, to_agent=True)
            if rng.random() < 0.9:
                t += dt.timedelta(minutes=rng.randint(30, 2 * 24 * 60))
                t = team_reply(rng.choice(C.TEAM_SECOND_FR if lang == "fr" else C.TEAM_SECOND_EN), t)
                if rng.random() < 0.5:
                    t += dt.timedelta(minutes=rng.randint(10, 24 * 60))
                    customer_reply(rng.choice(C.THANKS_FR if lang == "fr" else C.THANKS_EN).format(agent=agent[0].split()[0]),
                                   "thanks", t, to_agent=True)
        elif r < 0.65:
            t += dt.timedelta(minutes=rng.randint(10, 2 * 24 * 60))
            customer_reply(rng.choice(C.THANKS_FR if lang == "fr" else C.THANKS_EN).format(agent=agent[0].split()[0]),
                           "thanks", t, to_agent=True)

    written = out.close()
    tpath = a.truth or os.path.join(a.out, "truth.jsonl")
    with open(tpath, "w", encoding="utf-8") as f:
        for rec in truth:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    cust_n = sum(1 for r in truth if r["direction"] == "customer")
    print(f"wrote {written} messages ({cust_n} from customers) in {a.threads} threads, {len(C.QUESTIONS)} questions, "
          f"to {a.out}; truth {tpath}")


if __name__ == "__main__":
    main()
