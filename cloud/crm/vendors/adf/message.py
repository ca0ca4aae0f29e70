"""The e-mail that carries a lead: a text part for people and the ADF as `application/xml`.

The Message-ID is derived from the job key: `<KEY.adf@DOMAIN>` the first time, and
`<KEY.adf.resendN@DOMAIN>` with `References: <KEY.adf@DOMAIN>` when the same lead goes out
again, so a mail system or a person sees a resend for what it is.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from cloud.crm.model import LogActivity
from cloud.crm.vendors.adf.comments import comments, vehicle_words
from cloud.crm.vendors.adf.settings import Settings

_ATOM = re.compile(r"[A-Za-z0-9._-]{1,100}")


def message_id(key: str, domain: str, resend: int = 0) -> str:
    """Our Message-ID for the lead of `key` (`resend`: how many times it went out before)."""
    left = key if _ATOM.fullmatch(key) and ".." not in key else _digest(key)
    left = left.strip(".") or _digest(key)
    suffix = f".resend{resend}" if resend else ""
    return f"<{left}.adf{suffix}@{domain}>"


def _digest(key: str) -> str:
    return "k" + hashlib.sha256(key.encode()).hexdigest()[:32]


def _text(job: LogActivity, settings: Settings) -> str:
    person = job.person
    activity = job.activity
    name = f"{person.first_name} {person.last_name}".strip()
    lines = [
        f"Showroom lead for {settings.rooftop_name}, sent by Showfloor.",
        "",
        f"Customer: {name}",
    ]
    lines += [f"E-mail: {person.email}"] if person.email else []
    lines += [f"Phone: {person.phone}"] if person.phone else []
    vehicle = vehicle_words(activity.vehicle)
    lines += [f"Vehicle of interest: {vehicle}"] if vehicle else []
    trade = vehicle_words(activity.trade_in)
    lines += [f"Trade-in: {trade}"] if trade else []
    lines += ["", comments(activity), "", "The ADF 1.0 lead is attached as application/xml."]
    return "\n".join(lines) + "\n"


def build_message(
    job: LogActivity, xml: str, settings: Settings, *, resend: int = 0
) -> EmailMessage:
    """The multipart/mixed message of one lead (`resend` > 0: the Nth resend of it)."""
    person = job.person
    vehicle = vehicle_words(job.activity.vehicle) or "showroom visit"
    subject = f"ADF lead: {person.first_name} {person.last_name}".replace("  ", " ")
    message = EmailMessage()
    message["Subject"] = f"{subject} - {vehicle}" + (" (resend)" if resend else "")
    message["From"] = settings.from_address
    message["To"] = ", ".join(settings.to)
    if settings.reply_to:
        message["Reply-To"] = settings.reply_to
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id(job.key, settings.id_domain, resend)
    if resend:
        original = message_id(job.key, settings.id_domain)
        message["In-Reply-To"] = original
        message["References"] = original
    message.set_content(_text(job, settings))
    message.add_attachment(
        xml.encode("utf-8"), maintype="application", subtype="xml", filename="lead.adf.xml"
    )
    return message
