"""Shared helpers of the evaluation generators: one RFC 5322 message as bytes, quoting styles, Maildir output.

Only the standard library. Nothing here knows about topics: it formats what the generators decide.
"""
import datetime as dt
import email.charset
import email.policy
import email.utils
import hashlib
import os
import unicodedata
from email.header import Header
from email.mime.text import MIMEText

FR_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
FR_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def message_id(seed_text, domain):
    h = hashlib.sha1(seed_text.encode()).hexdigest()
    return f"<{h[:12].upper()}.{h[12:24]}@{domain}>"


def addr(name, address):
    return email.utils.formataddr((str(Header(name, "utf-8")) if not name.isascii() else name, address))


def text_part(body, subtype, encoding):
    """A UTF-8 text part sent 8bit, quoted-printable or base64 (mail clients use all three)."""
    cs = email.charset.Charset("utf-8")
    cs.body_encoding = {"8bit": None, "quoted-printable": email.charset.QP, "base64": email.charset.BASE64}[encoding]
    part = MIMEText("", subtype, None)
    del part["Content-Transfer-Encoding"]
    part.set_payload(body, cs)
    if encoding == "8bit":
        part.replace_header("Content-Transfer-Encoding", "8bit") if "Content-Transfer-Encoding" in part \
            else part.add_header("Content-Transfer-Encoding", "8bit")
    return part


def build(*, frm, to, subject, date, mid, body, in_reply_to=None, references=(), mailer=None, html=False,
          encoding="8bit"):
    """Returns the message bytes (CRLF line ends). `frm`/`to` are (name, address)."""
    if html:
        from email.mime.multipart import MIMEMultipart
        # a boundary from the Message-ID, not Python's random one: the same arguments give the same bytes
        msg = MIMEMultipart("alternative", boundary="----=_Part_" + hashlib.sha1(mid.encode()).hexdigest()[:24])
        msg.attach(text_part(body, "plain", encoding))
        paras = "".join(f"<p>{line or '&nbsp;'}</p>" for line in
                        (l.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for l in body.split("\n")))
        msg.attach(text_part(f"<html><body><div dir=\"ltr\">{paras}</div></body></html>", "html", encoding))
    else:
        msg = text_part(body, "plain", encoding)
    msg["From"] = addr(*frm)
    msg["To"] = addr(*to)
    msg["Subject"] = Header(subject, "utf-8") if not subject.isascii() else subject
    msg["Date"] = email.utils.format_datetime(date)
    msg["Message-ID"] = mid
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = " ".join(references)
    if mailer:
        msg["X-Mailer"] = mailer
    data = msg.as_bytes(policy=email.policy.compat32.clone(linesep="\n"))
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def gmail_quote(prev_body, prev_date, prev_from, lang):
    name, address = prev_from
    who = f"{name} <{address}>" if name else f"<{address}>"
    if lang == "fr":
        d = prev_date
        head = f"Le {FR_DAYS[d.weekday()]} {d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d:%H:%M}, {who} a écrit :"
    else:
        head = f"On {prev_date:%a}, {prev_date.day} {prev_date:%b %Y} at {prev_date:%H:%M}, {who} wrote:"
    quoted = "\n".join(("> " + l) if l else ">" for l in prev_body.split("\n"))
    return f"{head}\n{quoted}"


def outlook_quote(prev_body, prev_date, prev_from, prev_to, prev_subject, lang):
    prev_from = (prev_from[0] or prev_from[1], prev_from[1])
    prev_to = (prev_to[0] or prev_to[1], prev_to[1])
    if lang == "fr":
        head = (f"________________________________\nDe : {prev_from[0]} <{prev_from[1]}>\n"
                f"Envoyé : {prev_date:%d/%m/%Y %H:%M}\nÀ : {prev_to[0]} <{prev_to[1]}>\nObjet : {prev_subject}")
    else:
        head = (f"-----Original Message-----\nFrom: {prev_from[0]} <{prev_from[1]}>\n"
                f"Sent: {prev_date:%A, %B} {prev_date.day}, {prev_date:%Y %I:%M %p}\nTo: {prev_to[0]} <{prev_to[1]}>\n"
                f"Subject: {prev_subject}")
    return f"{head}\n\n{prev_body}"


class MaildirOut:
    """Writes messages as OUT/cur/<epoch>.M<n>.mmeval:2,S (names sort by date), OUT/new and OUT/tmp empty."""

    def __init__(self, out):
        self.out = out
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(out, sub), exist_ok=True)
        if os.listdir(os.path.join(out, "cur")):
            raise SystemExit(f"Error: {out}/cur is not empty; give a new folder")
        self.pending = []

    def add(self, date, data):
        self.pending.append((date, data))

    def close(self):
        self.pending.sort(key=lambda x: x[0])
        for n, (date, data) in enumerate(self.pending):
            name = f"{int(date.timestamp())}.M{n:07d}.mmeval:2,S"
            with open(os.path.join(self.out, "cur", name), "wb") as f:
                f.write(data)
        return len(self.pending)


def utc(y, m, d, hh=0, mm=0, ss=0, offset_minutes=0):
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=dt.timezone(dt.timedelta(minutes=offset_minutes)))
