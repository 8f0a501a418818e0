"""The conversation engine of the held-out help-center generators (gen_telecom.py, gen_shop.py).

Written on 2026-12-06 from issue 11's description only ("What was measured" item 1 and "Evaluation you build"),
by a helper who had not read the clustering code (Sources/Analytics/Topics/), the topic fixtures, gen-sample,
gen_helpcenter.py or helpcenter_content.py. Only the standard library, deterministic for a seed.

A content module describes one help center: its brand and team domain, its agents, signatures and footers, and
its questions, each with four or more unrelated customer wordings per language, subjects that name it, two saved
team replies per language and (sometimes) help-center articles. This module turns that into threads: an enquiry
with a greeting, a sign-off and a vague or specific subject, noise (lower case, missing accents, typos, run-on
text, an unrelated sentence of context), a team reply from one of the two saved replies (greeting with the
customer's name, the agent's signature, sometimes an article link, always a footer link, the customer's message
quoted Gmail- or Outlook-style), chasers, follow-ups and thank-yous, and threads never answered.

Ground truth (DIR/truth.jsonl), one line per message, as scripts/eval/topics_eval.py and eval_topics.py read it:
{"message_id", "topic", "thread" (the enquiry's Message-ID), "direction" ("customer"|"team"), "lang", "kind"
("enquiry"|"chaser"|"followup"|"thanks"|"reply"|"reply2"), "text" (customer messages: what the customer wrote,
without greeting, sign-off or quote), "wording" (enquiries: the wording's index), "saved_reply" (replies)}.
"""
import collections
import datetime as dt
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailfmt import MaildirOut, build, gmail_quote, message_id, outlook_quote, strip_accents  # noqa: E402

# ---------------------------------------------------------------- people

FR_FIRST = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Sandrine", "Céline", "Aurélie", "Émilie", "Julie", "Camille",
            "Léa", "Manon", "Chloé", "Inès", "Sarah", "Karima", "Fatima", "Yasmine", "Hélène", "Brigitte", "Josiane",
            "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Stéphane", "Thierry",
            "Sébastien", "Julien", "Mathieu", "Kévin", "Lucas", "Hugo", "Théo", "Mehdi", "Karim", "Youssef", "Gérard",
            "François", "Benoît", "Jérôme", "Loïc", "Gaëlle", "Maëlle", "Anaïs", "Noémie", "Rémi", "Cédric", "Yannick",
            "Thibault", "Océane", "Dominique", "Mamadou", "Aminata", "Olivier", "Agnès"]
FR_LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
           "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
           "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
           "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
           "Masson", "Benali", "Haddad", "Nguyen", "Diallo", "Traoré", "Le Gall", "Kerbrat", "Bérenger", "Peyrol"]
EN_FIRST = ["James", "Olivia", "Emily", "Sophie", "Liam", "Emma", "Noah", "Chloe", "Daniel", "Grace", "Ethan",
            "Isla", "Jack", "Amelia", "Ryan", "Hannah", "Megan", "Mia", "Arjun", "Zara", "Wei", "Aisha", "Carlos",
            "Ana", "Piotr", "Kasia", "Tobias", "Ingrid", "Kwame", "Siobhan", "Sean", "Niamh", "Ahmed", "Leila",
            "Oliver", "Ruby", "George", "Freya", "Ben", "Holly", "Dmitri", "Elena", "Samuel", "Abigail", "Connor",
            "Rachel", "Raj", "Anjali", "Felix", "Nora", "Harvey", "Evie", "Omar", "Kofi", "Jonas", "Marco", "Giulia",
            "Stefan", "Bridget", "Graham"]
EN_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan", "Wright",
           "Walker", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris",
           "Clarke", "Murphy", "O'Brien", "Kelly", "McCarthy", "Byrne", "Reid", "Campbell", "Stewart", "Anderson",
           "Baker", "Carter", "Mitchell", "Turner", "Cooper", "Ward", "Morgan", "Bell", "Kowalski", "Novak", "Rossi",
           "Schmidt", "Okafor", "Mensah", "Singh", "Ahmed", "Chen", "Wong", "Fernandes", "Lindqvist", "Hendriks",
           "Fitzgerald", "Gallagher", "Doyle", "Sullivan", "Marsh", "Pearson", "Holloway", "Ashworth"]
FR_MAIL = ["gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "hotmail.fr", "yahoo.fr", "laposte.net", "sfr.fr",
           "outlook.fr", "icloud.com", "gmx.fr", "live.fr"]
EN_MAIL = ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com", "btinternet.com", "hotmail.com",
           "proton.me", "yahoo.com", "live.co.uk"]
HANDLES = ["lapin.bleu", "titi", "kikou", "lesmouettes", "bzh", "mimi", "pitchoune", "sunflower", "blueberry",
           "nightowl", "rocketman", "cat.lady", "bigfoot", "zebra", "moonwalker", "happyhippo"]

FR_STREETS = ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta", "rue des Lilas",
              "impasse des Tilleuls", "chemin du Moulin", "rue Pasteur", "allée des Érables", "place de la Mairie",
              "rue du Général de Gaulle", "avenue de la Gare"]
FR_CITIES = [("69003", "Lyon"), ("75011", "Paris"), ("33000", "Bordeaux"), ("31400", "Toulouse"), ("44000", "Nantes"),
             ("59800", "Lille"), ("13008", "Marseille"), ("35000", "Rennes"), ("67000", "Strasbourg"),
             ("29200", "Brest"), ("06000", "Nice"), ("63000", "Clermont-Ferrand")]
EN_STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane", "King Street",
              "Queens Road", "Oak Drive", "Riverside Walk"]
EN_CITIES = [("M14 5TP", "Manchester"), ("BS3 4LX", "Bristol"), ("EH6 8RG", "Edinburgh"), ("LS6 2QB", "Leeds"),
             ("CF10 1AA", "Cardiff"), ("D08 X2Y4", "Dublin"), ("N16 7UX", "London"), ("B15 2TT", "Birmingham")]

# ---------------------------------------------------------------- customer-side phrasing

GREET = {
    "fr": ["Bonjour,", "Bonjour,", "Bonjour", "Bonjour madame, monsieur,", "Madame, Monsieur,", "Bonsoir,", "Bjr,",
           "Salut,", "Bonjour à vous,", "", "", "Hello,"],
    "en": ["Hello,", "Hi,", "Hi there,", "Dear Sir/Madam,", "Good morning,", "Hello", "hey", "", "", "To whom it may concern,",
           "Hi team,", "Dear customer service,"],
}
SIGN = {
    "fr": ["Cordialement,\n{First} {Last}", "Cordialement\n{LAST} {First}", "Merci d'avance,\n{First}",
           "Bien à vous,\n{First} {Last}", "Merci\n{first}", "Bonne journée\n{First} {Last}\n{phone}",
           "Dans l'attente de votre réponse,\n{First} {LAST}", "{First}", "Cdlt\n{First} {Last}",
           "Merci de votre aide\n{First} {Last}\n{street}\n{zip} {city}", "", "Envoyé de mon iPhone"],
    "en": ["Thanks,\n{First}", "Kind regards,\n{First} {Last}", "Regards\n{First} {Last}", "Cheers\n{first}",
           "Many thanks\n{First} {Last}\n{phone}", "Best,\n{First}", "Thank you in advance,\n{First} {Last}",
           "{First} {Last}", "Thanks\n{First} {Last}\n{street}, {city} {zip}", "", "Sent from my iPhone",
           "Regards,\n{Last}"],
}
SIGN_SHORT = {  # under a follow-up or a thank-you
    "fr": ["{First}", "Cordialement,\n{First} {Last}", "Bonne journée\n{First}", "Bien à vous,\n{First} {Last}",
           "Envoyé de mon iPhone", "{First} {LAST}"],
    "en": ["{First}", "Regards,\n{First} {Last}", "Cheers\n{First}", "Best,\n{First} {Last}", "Sent from my iPhone",
           "{first}"],
}
CONTEXT = {
    "fr": ["Je suis client chez vous depuis plus de 10 ans.", "Je vous écris depuis mon téléphone, désolé pour les fautes.",
           "C'est la deuxième fois que je vous écris.", "J'ai essayé d'appeler mais l'attente est trop longue.",
           "Je n'ai pas trouvé la réponse sur votre site.", "C'est pour ma mère qui est âgée.",
           "Je pars en déplacement la semaine prochaine.", "J'ai déjà regardé la FAQ.",
           "Mon numéro de téléphone : {phone}.", "Je suis joignable au {phone} en journée.",
           "Merci de me répondre rapidement.", "je suis un peu perdu avec tout ça"],
    "en": ["I've been a customer for years.", "Writing from my phone, sorry for any typos.",
           "This is the second time I'm writing about this.", "I tried calling but gave up after 40 minutes on hold.",
           "I couldn't find anything on your website.", "I'm asking on behalf of my dad.", "I'm travelling next week.",
           "I already checked the FAQ.", "You can reach me on {phone}.", "Please get back to me asap.",
           "Not very tech savvy so bear with me.", "English isn't my first language, sorry."],
}
THANKS = {
    "fr": ["merci beaucoup !", "Super, merci !", "Parfait merci pour votre réactivité", "ok merci bcp",
           "Merci {agent}, bonne journée", "Top, merci pour la réponse rapide.", "merci c'est très clair",
           "Merci pour votre aide.", "Génial merci !!", "D'accord, merci."],
    "en": ["thanks a lot!", "Great, thank you", "perfect thanks", "Cheers {agent}!", "Thank you so much for the quick reply.",
           "thank you, very helpful", "Brilliant, thanks.", "Thanks, much appreciated.", "ok thanks", "Lovely, thank you!"],
}
WORKS = {
    "fr": ["c'est bon ça fonctionne", "ça remarche, merci {agent} !", "C'est réglé, merci.", "ok ça marche maintenant",
           "Problème résolu, merci beaucoup", "c bon merci"],
    "en": ["ok it works now", "All sorted now, thanks {agent}", "That did the trick, thank you!", "working now cheers",
           "Problem solved, thanks.", "yes that fixed it"],
}
STILL = {
    "fr": ["J'ai lu votre réponse mais ça ne règle rien.", "toujours rien...",
           "Ça ne règle pas mon problème, pouvez-vous vérifier à nouveau ?", "Désolé mais c'est toujours pareil de mon côté.",
           "Vous n'avez pas répondu à ma question."],
    "en": ["I read your reply but it doesn't sort anything out.", "still nothing...",
           "That hasn't solved it, can you check again?", "Sorry but nothing has changed on my end.",
           "You haven't actually answered my question."],
}
MORE = {
    "fr": ["Et ça prend combien de temps en général ?", "Est-ce que ça va me coûter quelque chose ?",
           "D'accord, et je dois faire quoi ensuite ?", "Merci. Par contre je n'ai pas reçu de mail de confirmation.",
           "Ok. Vous pouvez me confirmer par écrit ?"],
    "en": ["And how long does that usually take?", "Will I be charged for this?", "OK, and what do I do after that?",
           "Thanks. I haven't had any confirmation email though.", "Ok. Could you confirm that in writing?"],
}
CHASE = {
    "fr": ["Bonjour, toujours pas de réponse...", "Je relance ma demande ci-dessous.", "Des nouvelles ??",
           "Bonjour, je me permets de relancer, c'est urgent.", "toujours en attente de votre retour",
           "Quelqu'un peut me répondre ?"],
    "en": ["still waiting…", "Any update??", "Chasing this up please.", "Hello? Is anyone reading these?",
           "Following up on my email below.", "It's been days, please reply."],
}
REPLY2 = {
    "fr": ["Merci pour votre retour. Je transmets votre dossier à l'équipe concernée (référence {ticket}) ; vous aurez "
           "une réponse sous 48 h ouvrées.",
           "Je comprends. J'ai vérifié votre dossier et ajouté une note ; si rien ne change d'ici demain, répondez à ce "
           "message et nous reprendrons la main."],
    "en": ["Thanks for getting back to us. I've passed your case to the team concerned (reference {ticket}); you'll "
           "hear from them within two working days.",
           "I understand. I've checked your account and added a note; if nothing changes by tomorrow, just reply to this "
           "email and we'll pick it up."],
}
ARTICLE_LEAD = {
    "fr": ["Vous trouverez toutes les étapes dans notre article : {url}", "Plus d'informations ici : {url}",
           "Notre guide en ligne : {url}"],
    "en": ["You'll find the steps in this article: {url}", "More details here: {url}", "Our help article: {url}"],
}
MAILERS = [None, None, None, "iPhone Mail (21E236)", "Microsoft Outlook 16.0", "Mozilla Thunderbird", "Android Mail"]
FR_MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre"]
FR_DAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]


# ---------------------------------------------------------------- the customer

class Customer:
    def __init__(self, rng, lang):
        self.lang = lang
        first = FR_FIRST if lang == "fr" else EN_FIRST
        last = FR_LAST if lang == "fr" else EN_LAST
        if lang == "en" and rng.random() < 0.15:  # an English-writing customer with a French name, and back
            first, last = FR_FIRST, FR_LAST
        self.first, self.last = rng.choice(first), rng.choice(last)
        plain = lambda s: re.sub(r"[^a-z]", "", strip_accents(s).lower())
        dom = rng.choice(FR_MAIL if lang == "fr" else EN_MAIL)
        pattern = rng.random()
        if pattern < 0.12:
            local = f"{rng.choice(HANDLES)}{rng.randint(1, 99)}"
        elif pattern < 0.45:
            local = f"{plain(self.first)}.{plain(self.last)}"
        elif pattern < 0.65:
            local = f"{plain(self.first)[0]}{plain(self.last)}{rng.choice(['', str(rng.randint(60, 99))])}"
        elif pattern < 0.8:
            local = f"{plain(self.last)}.{plain(self.first)}{rng.randint(1, 9999)}"
        else:
            local = f"{plain(self.first)}{plain(self.last)[:1]}{rng.randint(1980, 2005)}"
        self.address = f"{local}@{dom}"
        shape = rng.random()
        if shape < 0.55:
            self.display = f"{self.first} {self.last}"
        elif shape < 0.7:
            self.display = f"{self.last.upper()} {self.first}"
        elif shape < 0.8:
            self.display = f"{self.first.lower()} {self.last.lower()}"
        elif shape < 0.88:
            self.display = self.first
        else:
            self.display = ""
        self.quote_style = rng.choices(["gmail", "outlook", "apple", "none"], [50, 28, 12, 10])[0]
        self.mailer = rng.choice(MAILERS)
        self.html = rng.random() < 0.25
        self.encoding = rng.choices(["8bit", "quoted-printable", "base64"], [55, 35, 10])[0]
        self.noise = {"lower": rng.random() < 0.14, "accents": lang == "fr" and rng.random() < 0.3,
                      "typos": rng.random() < 0.25, "runon": rng.random() < 0.12, "context": rng.random() < 0.3}
        if lang == "fr":
            self.phone = "0" + rng.choice("67") + "".join(f" {rng.randint(0, 99):02d}" for _ in range(4))
            if rng.random() < 0.3:
                self.phone = self.phone.replace(" ", "")
            self.street = f"{rng.randint(1, 140)} {rng.choice(FR_STREETS)}"
            self.zip, self.city = rng.choice(FR_CITIES)
        else:
            self.phone = rng.choice(["07", "+44 7"]) + f"{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
            self.street = f"{rng.randint(1, 220)} {rng.choice(EN_STREETS)}"
            self.zip, self.city = rng.choice(EN_CITIES)

    def fields(self):
        return {"First": self.first, "first": self.first.lower(), "Last": self.last, "LAST": self.last.upper(),
                "phone": self.phone, "street": self.street, "zip": self.zip, "city": self.city}

    def frm(self):
        return (self.display, self.address)


def typo(rng, text):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(idx, min(len(idx), rng.randint(1, 3))):
        w, k = words[i], rng.randint(1, len(words[i]) - 2)
        op = rng.random()
        words[i] = (w[:k] + w[k + 1] + w[k] + w[k + 2:]) if op < 0.4 else (w[:k] + w[k + 1:]) if op < 0.7 \
            else (w[:k] + w[k] + w[k:])
    return " ".join(words)


def noisy(rng, cust, text):
    """The customer's habits applied to what they wrote."""
    if cust.noise["typos"]:
        text = typo(rng, text)
    if cust.noise["accents"]:
        text = strip_accents(text)
    if cust.noise["lower"]:
        text = text.lower()
    if cust.noise["runon"]:
        text = re.sub(r"\s*\n+\s*", " ", text)
        text = re.sub(r"\.\s+", rng.choice([" ", ", ", " .. "]), text)
    return text


def customer_message(rng, cust, bare, *, greet=True, sign=True, short=False):
    """The body of a customer message (no quote): greeting, what they wrote, sign-off."""
    f = cust.fields()
    parts = []
    g = rng.choice(GREET[cust.lang]) if greet else ""
    if g:
        parts.append(g)
    parts.append(bare)
    s = rng.choice((SIGN_SHORT if short else SIGN)[cust.lang]).format(**f) if sign else rng.choice(["", f["First"]])
    if s:
        parts.append(s)
    if cust.noise["runon"]:
        return " ".join(p.replace("\n", " ") for p in parts)
    return "\n\n".join(parts)


def apple_quote(prev_body, prev_date, prev_from, lang):
    name, address = prev_from
    who = f"{name} <{address}>" if name else address
    if lang == "fr":
        head = f"Le {prev_date.day} {FR_MONTH_NAMES[prev_date.month - 1]} {prev_date.year} à {prev_date:%H:%M}, {who} a écrit :"
    else:
        head = f"On {prev_date.day} {prev_date:%b %Y}, at {prev_date:%H:%M}, {who} wrote:"
    return head + "\n\n" + "\n".join(("> " + l) if l else ">" for l in prev_body.split("\n"))


def quote(style, prev, lang):
    """prev: dict body, date, frm, to, subject."""
    if style == "gmail":
        return gmail_quote(prev["body"], prev["date"], prev["frm"], lang)
    if style == "apple":
        return apple_quote(prev["body"], prev["date"], prev["frm"], lang)
    if style == "outlook":
        return outlook_quote(prev["body"], prev["date"], prev["frm"], prev["to"], prev["subject"], lang)
    return ""


# ---------------------------------------------------------------- values of one thread

class Values(dict):
    """Thread-level values ({order}, {ticket}, ...), each drawn once on first use, so a thread keeps its numbers."""

    def __init__(self, rng, lang, cust, makers, when):
        super().__init__()
        self.rng, self.lang, self.cust, self.makers, self.when = rng, lang, cust, makers, when

    def __missing__(self, key):
        if key in self.cust.fields():
            v = self.cust.fields()[key]
        elif key in self.makers:
            v = self.makers[key](self.rng, self.lang, self.when)
        else:
            raise KeyError(f"no value for {{{key}}}")
        self[key] = v
        return v


def common_makers():
    r = lambda lo, hi: (lambda rng, lang, when: str(rng.randint(lo, hi)))
    money = lambda lo, hi: (lambda rng, lang, when: (f"{rng.randint(lo, hi)},{rng.randint(0, 99):02d} €" if lang == "fr"
                                                      else f"€{rng.randint(lo, hi)}.{rng.randint(0, 99):02d}"))

    def day(rng, lang, when):
        d = when + dt.timedelta(days=rng.randint(2, 12))
        return (f"{FR_DAY_NAMES[d.weekday()]} {d.day} {FR_MONTH_NAMES[d.month - 1]}" if lang == "fr"
                else f"{d:%A} {d.day} {d:%B}")

    def month(rng, lang, when):
        m = (when.month - 2) % 12
        return FR_MONTH_NAMES[m] if lang == "fr" else EN_MONTH_NAMES[m]

    def ticket(rng, lang, when):
        return rng.choice(["#", "N°", "TCK-", ""]) + str(rng.randint(1000000, 9999999)) if lang == "fr" \
            else rng.choice(["#", "TCK-", "case "]) + str(rng.randint(1000000, 9999999))

    return {"ticket": ticket, "day": day, "month": month, "amount": money(45, 190), "small_amount": money(3, 30),
            "hour": lambda rng, lang, when: rng.choice(["8h-12h", "13h-17h", "14h-18h"] if lang == "fr"
                                                       else ["8am-12pm", "1pm-5pm", "2pm-6pm"]),
            "n_days": r(3, 15)}


# ---------------------------------------------------------------- the thread simulator

def fill(template, values):
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def weighted_month(rng, season):
    return rng.choices(range(1, 13), season or [1] * 12)[0]


def team_body(rng, c, q, lang, cust, values, agent, saved, links):
    """One saved reply, personalised: greeting with the customer's name, the body, perhaps an article link,
    the agent's sign-off and the footer link (always)."""
    f = cust.fields()
    greet = rng.choice(c["team_greet"][lang]).format(**f)
    if not cust.display and rng.random() < 0.5:  # no name in the headers: some agents greet without one
        greet = "Bonjour," if lang == "fr" else "Hello,"
    parts = [greet, fill(q["reply"][lang][saved], values)]
    art = (q.get("articles") or [None, None])[saved]
    if art and links and rng.random() < 0.7:
        art_id, slug_en, slug_fr = art
        url = c["article_url"].format(lang=lang, id=art_id, slug=slug_fr if lang == "fr" else slug_en)
        parts.append(rng.choice(ARTICLE_LEAD[lang]).format(url=url))
    parts.append(rng.choice(c["team_close"][lang]) + "\n" + rng.choice(c["signature"][lang]).format(**agent))
    parts.append(rng.choice(c["footer"][lang]))
    return "\n\n".join(parts)


class Thread:
    """Builds the messages of one thread in order."""

    def __init__(self, gen, n, rng):
        self.gen, self.rng, self.n = gen, rng, n
        self.msgs = []  # dicts: body, date, frm, to, subject, mid

    def subject_for_reply(self, who, first_subject, style):
        s = first_subject
        if who == "team":
            pre = self.rng.choice(self.gen.c.get("team_subject", ["Re: {subject}"]))
            return pre.format(subject=s, ticket=self.values["ticket"]) if s else "Re:"
        if style == "outlook":
            return ("RE : " if self.lang == "fr" else "RE: ") + s
        return "Re: " + s if s else "Re: "

    def add(self, *, who, kind, body_top, date, bare=None, quote_style=None, extra=None):
        c, rng = self.gen.c, self.rng
        if who == "customer":
            frm, to = self.cust.frm(), c["support"]
            dom = self.cust.address.split("@")[1]
            mailer, html, enc = self.cust.mailer, self.cust.html, self.cust.encoding
        else:
            frm, to = (c["agent_from"].format(**self.agent), c["support"][1]), self.cust.frm()
            dom = c["domain"]
            mailer, html, enc = c.get("mailer"), c.get("html", False), "quoted-printable"
        body = body_top
        if self.msgs and quote_style and quote_style != "none":
            body += "\n\n" + quote(quote_style, self.msgs[-1], self.lang)
        subject = self.subject if not self.msgs else self.subject_for_reply(who, self.subject, quote_style)
        mid = message_id(f"{c['domain']}/{self.gen.seed}/{self.n}/{len(self.msgs)}", dom)
        refs = [m["mid"] for m in self.msgs][-8:]
        self.gen.out.add(date, build(frm=frm, to=to, subject=subject, date=date, mid=mid, body=body,
                                     in_reply_to=refs[-1] if refs else None, references=refs, mailer=mailer,
                                     html=html, encoding=enc))
        self.msgs.append({"body": body, "date": date, "frm": frm, "to": to, "subject": subject, "mid": mid})
        rec = {"message_id": mid, "topic": self.q["id"], "thread": self.msgs[0]["mid"],
               "direction": "customer" if who == "customer" else "team", "lang": self.lang, "kind": kind}
        if bare is not None:
            rec["text"] = bare
        rec.update(extra or {})
        self.gen.truth.append(rec)

    def local(self, when):
        """when in the customer's time zone (France: CET/CEST; English writers: UK or Ireland, some abroad);
        a reply that would fall in the small hours waits for the morning, most of the time."""
        if 1 <= when.hour < 7 and self.rng.random() < 0.85:
            when = when.replace(hour=7 + self.rng.randint(0, 2))
        summer = 4 <= when.month <= 10
        off = {"fr": 120 if summer else 60, "en": 60 if summer else 0}[self.lang] + self.tz_shift
        return when.astimezone(dt.timezone(dt.timedelta(minutes=off)))

    def team_time(self, after):
        """The team answers in business hours, within minutes to three days."""
        t = after + dt.timedelta(minutes=self.rng.choice([self.rng.randint(8, 180), self.rng.randint(180, 1500),
                                                          self.rng.randint(1500, 4300)]))
        if t.hour < 8:
            t = t.replace(hour=8, minute=self.rng.randint(0, 59))
        if t.hour >= 19:
            t = (t + dt.timedelta(days=1)).replace(hour=8 + self.rng.randint(0, 3), minute=self.rng.randint(0, 59))
        if t.weekday() == 6:
            t += dt.timedelta(days=1)
        return t.astimezone(dt.timezone(dt.timedelta(minutes=self.gen.c.get("team_utc_offset", 60)
                                                      + (60 if 4 <= t.month <= 10 else 0))))

    def run(self, q, lang, start):
        c, rng, gen = self.gen.c, self.rng, self.gen
        self.q, self.lang = q, lang
        self.cust = Customer(rng, lang)
        self.tz_shift = -300 if lang == "en" and rng.random() < 0.08 else 0
        self.values = Values(rng, lang, self.cust, gen.makers, start)
        self.agent = rng.choice(c["agents"])
        # the enquiry
        w = rng.randrange(len(q[lang]))
        bare = fill(q[lang][w], self.values)
        if self.cust.noise["context"]:  # one unrelated sentence, sometimes two
            for ctx in rng.sample(CONTEXT[lang], 2 if rng.random() < 0.15 else 1):
                ctx = fill(ctx, self.values)
                bare = (ctx + " " + bare) if rng.random() < 0.4 else (bare + "\n\n" + ctx)
        bare = noisy(rng, self.cust, bare)
        r = rng.random()
        if r < 0.38:
            self.subject = fill(rng.choice(q["subj"][lang]), self.values)
            if self.cust.noise["lower"]:
                self.subject = self.subject.lower()
        elif r < 0.92:
            self.subject = fill(rng.choice(c["vague_subjects"][lang]), self.values)
        else:
            self.subject = ""
        t = self.local(start)
        self.add(who="customer", kind="enquiry", body_top=customer_message(rng, self.cust, bare), date=t, bare=bare,
                 extra={"wording": w})
        answered = rng.random() >= c.get("unanswered", 0.15)
        # a chaser before any answer
        if rng.random() < (0.35 if not answered else 0.12):
            t = self.local(t + dt.timedelta(hours=rng.randint(20, 120)))
            text = noisy(rng, self.cust, rng.choice(CHASE[lang]))
            self.add(who="customer", kind="chaser", body_top=customer_message(rng, self.cust, text, greet=False,
                                                                              sign=rng.random() < 0.5, short=True),
                     date=t, bare=text, quote_style=self.cust.quote_style if self.cust.quote_style != "none" else "gmail")
        if not answered:
            return
        saved = rng.randrange(2)
        t = self.team_time(t)
        self.add(who="team", kind="reply", date=t, quote_style=rng.choice(c["team_quote"]),
                 body_top=team_body(rng, c, q, lang, self.cust, self.values, self.agent, saved, True),
                 extra={"saved_reply": saved})
        # what the customer says next
        r = rng.random()
        after = [(0.30, "thanks", THANKS), (0.42, "thanks", WORKS), (0.52, "followup", STILL), (0.60, "followup", MORE)]
        for edge, kind, pool in after:
            if r < edge:
                t = self.local(t + dt.timedelta(minutes=rng.randint(6, 3000)))
                text = noisy(rng, self.cust, rng.choice(pool[lang]).format(agent=self.agent["first"]))
                self.add(who="customer", kind=kind, date=t, bare=text, quote_style=self.cust.quote_style,
                         body_top=customer_message(rng, self.cust, text, greet=rng.random() < 0.3,
                                                   sign=rng.random() < 0.4, short=True))
                if kind == "followup" and rng.random() < 0.75:
                    t = self.team_time(t)
                    body = "\n\n".join([rng.choice(c["team_greet"][lang]).format(**self.cust.fields()),
                                        fill(rng.choice(REPLY2[lang]), self.values),
                                        rng.choice(c["team_close"][lang]) + "\n"
                                        + rng.choice(c["signature"][lang]).format(**self.agent),
                                        rng.choice(c["footer"][lang])])
                    self.add(who="team", kind="reply2", date=t, body_top=body, quote_style=rng.choice(c["team_quote"]))
                    if rng.random() < 0.4:
                        t = self.local(t + dt.timedelta(minutes=rng.randint(30, 2000)))
                        text = noisy(rng, self.cust, rng.choice(THANKS[lang]).format(agent=self.agent["first"]))
                        self.add(who="customer", kind="thanks", date=t, bare=text, quote_style=self.cust.quote_style,
                                 body_top=customer_message(rng, self.cust, text, greet=False, sign=rng.random() < 0.4,
                                                                   short=True))
                break


class Generator:
    def __init__(self, content, out, seed, year):
        self.c, self.seed, self.year = content, seed, year
        self.out = MaildirOut(out)
        self.truth = []
        self.makers = dict(common_makers(), **content.get("makers", {}))

    def generate(self, threads):
        qs = self.c["questions"]
        check(self.c)
        for n in range(threads):
            trng = random.Random(f"{self.c['domain']}/{self.seed}/{n}")
            # the month first (questions have seasons), then the question among those of that month's weights
            month = trng.choices(range(1, 13), [sum(q["weight"] * (q.get("season") or [1] * 12)[m] for q in qs)
                                                for m in range(12)])[0]
            q = trng.choices(qs, [q["weight"] * (q.get("season") or [1] * 12)[month - 1] for q in qs])[0]
            lang = "fr" if trng.random() < self.c.get("french_share", 0.55) else "en"
            day = trng.randint(1, 28 if month == 2 else 30)
            hour = trng.choices(range(24), [1, 0, 0, 0, 0, 0, 1, 3, 6, 8, 8, 7, 6, 6, 7, 7, 6, 6, 5, 5, 5, 4, 3, 2])[0]
            start = dt.datetime(self.year, month, day, hour, trng.randint(0, 59), trng.randint(0, 59),
                                tzinfo=dt.timezone.utc)
            Thread(self, n, trng).run(q, lang, start)
        count = self.out.close()
        with open(os.path.join(self.out.out, "truth.jsonl"), "w", encoding="utf-8") as f:
            for rec in self.truth:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return count


def check(c):
    """The content keeps the issue's promises: four or more wordings per language, two saved replies per language."""
    ids = set()
    for q in c["questions"]:
        assert q["id"] not in ids, q["id"]
        ids.add(q["id"])
        for lang in ("fr", "en"):
            assert len(q[lang]) >= 4, (q["id"], lang, "fewer than four wordings")
            assert len(q["reply"][lang]) == 2, (q["id"], lang, "not two saved replies")
            assert q["subj"][lang], (q["id"], lang, "no subject")


def summary(truth):
    """Per-question thread counts and a few totals, for the generator's stderr."""
    threads = collections.defaultdict(set)
    kinds = collections.Counter()
    langs = collections.Counter()
    for r in truth:
        threads[r["topic"]].add(r["thread"])
        kinds[r["kind"]] += 1
        if r["kind"] == "enquiry":
            langs[r["lang"]] += 1
    answered = set(r["thread"] for r in truth if r["direction"] == "team")
    total = set(r["thread"] for r in truth)
    return threads, kinds, langs, len(total) - len(answered)


def main(content, doc, argv=None):
    import argparse
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=doc.split("\n\n", 1)[1])
    ap.add_argument("--out", required=True, help="a new folder: gets cur/ new/ tmp/ and truth.jsonl")
    ap.add_argument("--threads", type=int, default=1100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    g = Generator(content, a.out, a.seed, a.year)
    count = g.generate(a.threads)
    if not a.quiet:
        threads, kinds, langs, unanswered = summary(g.truth)
        print(f"{count} messages in {a.threads} threads ({unanswered} unanswered; enquiries "
              + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())) + "); kinds: "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
        for t, s in sorted(threads.items(), key=lambda x: -len(x[1])):
            print(f"  {t:<24} {len(s):>4} threads", file=sys.stderr)
    return 0
