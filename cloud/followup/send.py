"""Send a reviewed draft exactly once: e-mail over SMTP, a text through Twilio.

Each draft the page shows carries a fresh key. Sending first commits a `followup_messages` row
with that key in state `sending` (the unique key makes a double click or a retry find it),
then calls the provider, then records `sent` (with the provider's id), `failed` (nothing went
out and trying again may work: the same draft may be sent again), `refused` (the provider
refused it for good, e.g. an invalid number or a STOP) or `unknown` (the request went out and
the answer was lost: never sent again on its own). Only a `failed` key is sent again.

Consent and opt-outs are checked again at send time, and the salesperson's edits cannot drop
the compliance text: an e-mail without its unsubscribe link gets the footer again, a text
without the opt-out wording gets it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import httpx
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from cloud.errors import N_
from cloud.followup import mail, render, service, texts, unsubscribe
from cloud.followup.errors import OptedOut, SendFailed, SendRefused, SendUnknown
from cloud.followup.facts import customer_of, gather
from cloud.followup.settings import FollowupSettings
from cloud.store.base import utcnow
from cloud.store.followup import FollowupMessageRow

_LOGGER = logging.getLogger(__name__)
Channel = Literal["email", "sms"]
SUBJECT_MAX = 300
BODY_MAX = 20_000


@dataclass(frozen=True)
class Outgoing:
    """A reviewed draft to send."""

    tenant: str
    conversation_id: str
    channel: Channel
    key: str
    subject: str | None
    body: str
    by: str


@dataclass(frozen=True)
class Outcome:
    """What became of a send: the row's state, and whether this call sent it."""

    id: int
    state: str
    to: str
    remote_id: str | None
    error: str | None
    sent_now: bool


@dataclass(frozen=True)
class _Claim:
    row_id: int
    to: str
    subject: str | None
    body: str
    sender: str
    sender_name: str
    language: str
    unsubscribe_url: str
    person_id: str


def _outcome(row: FollowupMessageRow, sent_now: bool = False) -> Outcome:
    return Outcome(row.id, row.state, row.to, row.remote_id, row.error, sent_now)


def _compliant(out: Outgoing, footer: str, url: str, stop: str) -> tuple[str | None, str]:
    body = out.body.replace("\r\n", "\n").strip()
    if not body:
        raise SendRefused(N_("nothing to send: the message is empty"))
    if len(body) > BODY_MAX:
        raise SendRefused(N_("the message is longer than %(max)d characters"), max=BODY_MAX)
    if out.channel == "sms":
        return None, body if body.endswith(stop) else f"{body} {stop}"
    subject = " ".join((out.subject or "").split())
    if not subject or len(subject) > SUBJECT_MAX:
        raise SendRefused(
            N_("an e-mail needs a subject of 1 to %(max)d characters"), max=SUBJECT_MAX
        )
    return subject, body if url in body else f"{body}\n\n-- \n{footer}"


def _claim(
    session: Session, links: unsubscribe.Links, out: Outgoing
) -> _Claim | FollowupMessageRow:
    """The row to send (claimed), or the earlier row of this key (nothing to send)."""
    query = select(FollowupMessageRow).where(
        FollowupMessageRow.tenant_id == out.tenant, FollowupMessageRow.key == out.key
    )
    earlier = session.scalar(query)
    if earlier is not None and earlier.state != "failed":
        return earlier
    conv, link, person = service.linked(session, out.tenant, out.conversation_id)
    if earlier is not None and (earlier.conversation_id, earlier.channel) != (conv.id, out.channel):
        raise SendRefused(N_("this draft's key belongs to another message: reload the page"))
    voice = service.voice_of(session, conv.tenant_id, conv.site_id)
    customer = customer_of(person, link)
    optouts = unsubscribe.opted_out(session, conv.tenant_id, person.id)
    reason = service.blocked(customer, optouts, voice)[out.channel]
    if reason:
        raise SendRefused(N_("not sent: %(reason)s"), ("reason",), reason=reason)
    language = gather(session, conv, customer).language
    url = links.url(conv.tenant_id, person.id)
    subject, body = _compliant(
        out, render.footer(language, voice, url), url, render.stop_wording(language)
    )
    to = str(person.email if out.channel == "email" else person.phone)
    values = {"to": to, "subject": subject, "body": body, "sent_by": out.by, "error": None}
    if earlier is None:
        row = {
            "tenant_id": out.tenant,
            "site_id": conv.site_id,
            "conversation_id": conv.id,
            "person_id": person.id,
            "channel": out.channel,
            "key": out.key,
            "state": "sending",
            "remote_id": None,
            "created_at": utcnow(),
            "sent_at": None,
            **values,
        }
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(FollowupMessageRow).values(**row).on_conflict_do_nothing())
    else:
        session.execute(
            update(FollowupMessageRow)
            .where(FollowupMessageRow.id == earlier.id, FollowupMessageRow.state == "failed")
            .values(state="sending", **values)
        )
    session.flush()
    session.expire_all()
    mine = session.scalar(query)
    if mine is None or mine.state != "sending" or mine.sent_by != out.by or mine.body != body:
        raise SendRefused(N_("this draft is being sent from another window: reload the page"))
    sender = voice.from_email if out.channel == "email" else str(voice.sms_from)
    return _Claim(mine.id, to, subject, body, sender, voice.dealership, language, url, person.id)


def _deliver(
    settings: FollowupSettings, out: Outgoing, claim: _Claim, transport: httpx.BaseTransport | None
) -> str:
    if out.channel == "sms":
        return texts.send(settings, claim.to, claim.sender, claim.body, transport=transport).sid
    msg = mail.message(
        key=out.key,
        sender_name=claim.sender_name,
        sender=claim.sender,
        to=claim.to,
        subject=claim.subject or "",
        body=claim.body,
        language=claim.language,
        unsubscribe_url=claim.unsubscribe_url,
    )
    return mail.send(settings, msg)


def send(
    sessions: sessionmaker[Session],
    settings: FollowupSettings,
    links: unsubscribe.Links,
    out: Outgoing,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Outcome:
    """Send `out` once (see the module); `SendRefused` before anything is stored or sent."""
    with sessions.begin() as session:
        claimed = _claim(session, links, out)
        if isinstance(claimed, FollowupMessageRow):
            return _outcome(claimed)
    values: dict[str, object]
    try:
        remote = _deliver(settings, out, claimed, transport)
        values = {"state": "sent", "remote_id": remote, "sent_at": utcnow()}
    except SendUnknown as err:
        values = {"state": "unknown", "error": str(err)}
    except SendFailed as err:
        values = {"state": "failed" if err.retry else "refused", "error": str(err)}
        if isinstance(err, OptedOut):
            with sessions.begin() as session:
                unsubscribe.record(session, out.tenant, claimed.person_id, "sms", "provider STOP")
    except SendRefused as err:
        values = {"state": "failed", "error": str(err)}
    _LOGGER.info("follow-up %s %s: %s", out.channel, out.key, values["state"])
    with sessions.begin() as session:
        session.execute(
            update(FollowupMessageRow)
            .where(FollowupMessageRow.id == claimed.row_id)
            .values(**values)
        )
        row = session.get_one(FollowupMessageRow, claimed.row_id)
        return _outcome(row, sent_now=values["state"] == "sent")
