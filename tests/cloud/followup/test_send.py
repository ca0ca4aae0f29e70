"""Sending a reviewed draft: once per key, consent and opt-outs obeyed, compliance text kept.

E-mail goes to a real SMTP server (aiosmtpd, STARTTLS, AUTH), texts to the Twilio fake.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm.forget import forget_person
from cloud.followup import service, unsubscribe
from cloud.followup.errors import SendRefused
from cloud.followup.send import Outgoing, send
from cloud.store.followup import FollowupMessageRow, OptOutRow
from harness.twilio import Account
from tests.cloud.followup.conftest import (
    LINKS,
    Smtp,
    converse,
    followup_settings,
    link,
    smtp_server,
    voice,
)
from tests.cloud.followup.test_service import ENGLISH

BY = "manager@acme.invalid"


def _ready(
    sessions: sessionmaker[Session], scopes: tuple[str, ...] = ("crm", "email", "sms")
) -> service.Drafts:
    cid = converse(sessions, ENGLISH, objections=[("price", 4, True)])
    with sessions.begin() as session:
        link(session, cid, scopes)
        voice(session)
    with sessions() as session:
        conv, found, person = service.linked(session, "acme", cid)
        return service.drafts(session, LINKS, conv, found, person)


def _email(drafts: service.Drafts, key: str | None = None, body: str | None = None) -> Outgoing:
    assert drafts.email is not None
    return Outgoing(
        tenant="acme",
        conversation_id=drafts.conversation.id,
        channel="email",
        key=key or uuid.uuid4().hex,
        subject=drafts.email.subject,
        body=body if body is not None else drafts.email.body,
        by=BY,
    )


def _sms(drafts: service.Drafts, key: str | None = None, body: str | None = None) -> Outgoing:
    return Outgoing(
        tenant="acme",
        conversation_id=drafts.conversation.id,
        channel="sms",
        key=key or uuid.uuid4().hex,
        subject=None,
        body=body if body is not None else str(drafts.sms),
        by=BY,
    )


def _rows(sessions: sessionmaker[Session]) -> list[FollowupMessageRow]:
    with sessions() as session:
        return list(session.scalars(select(FollowupMessageRow).order_by(FollowupMessageRow.id)))


def test_an_email_goes_out_once_over_starttls_with_its_unsubscribe_headers(
    sessions: sessionmaker[Session], smtp: Smtp
) -> None:
    drafts = _ready(sessions)
    settings = followup_settings(smtp, None)
    out = _email(drafts)
    first = send(sessions, settings, LINKS, out)
    again = send(sessions, settings, LINKS, out)  # a retry or a double click: same key
    assert (first.state, first.sent_now, again.state, again.sent_now) == (
        "sent",
        True,
        "sent",
        False,
    )
    assert len(smtp.mailbox.messages) == 1 and smtp.mailbox.logins == [("showfloor", True)]
    msg = smtp.mailbox.messages[0]
    url = LINKS.url("acme", drafts.person.id)
    assert msg["To"] == "ana@example.com" and msg["From"] == "Acme Toyota <sales@acme.example>"
    assert msg["Subject"] == "Your Toyota RAV4 at Acme Toyota"
    assert msg["List-Unsubscribe"] == f"<{url}>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Message-ID"] == f"<{out.key}.followup@acme.example>"
    assert "$31,200" in msg.get_content() and url in msg.get_content()
    assert [(r.state, r.channel, r.remote_id) for r in _rows(sessions)] == [
        ("sent", "email", msg["Message-ID"])
    ]


def test_an_edit_that_drops_the_footer_gets_it_back(
    sessions: sessionmaker[Session], smtp: Smtp
) -> None:
    drafts = _ready(sessions)
    edited = "Hi Ana,\n\nGreat to meet you today. See you Saturday!\n\nDana"
    send(sessions, followup_settings(smtp, None), LINKS, _email(drafts, body=edited))
    content = smtp.mailbox.messages[0].get_content().replace("\r\n", "\n")
    assert content.startswith(edited)
    assert "1 Example Road, Springfield" in content
    assert LINKS.url("acme", drafts.person.id) in content


def test_a_text_goes_through_twilio_once_with_the_stop_wording(
    sessions: sessionmaker[Session], twilio: tuple[Account, str]
) -> None:
    drafts = _ready(sessions)
    settings = followup_settings(None, twilio)
    out = _sms(drafts, body="See you Saturday, Ana! Dana at Acme Toyota")
    first = send(sessions, settings, LINKS, out)
    again = send(sessions, settings, LINKS, out)
    account, _ = twilio
    assert (
        first.state == "sent" and first.remote_id is not None and first.remote_id.startswith("SM")
    )
    assert not again.sent_now and len(account.messages) == 1
    sent = account.messages[0]
    assert (sent["to"], sent["from"]) == ("+15551230000", "+15555550100")
    assert sent["body"] == "See you Saturday, Ana! Dana at Acme Toyota Reply STOP to opt out."


def test_a_5xx_fails_and_the_same_draft_can_be_sent_again(
    sessions: sessionmaker[Session], twilio: tuple[Account, str]
) -> None:
    drafts = _ready(sessions)
    account, _ = twilio
    account.faults.statuses = [503]
    settings = followup_settings(None, twilio)
    out = _sms(drafts)
    failed = send(sessions, settings, LINKS, out)
    assert failed.state == "failed" and "Twilio 503" in str(failed.error) and not account.messages
    retried = send(sessions, settings, LINKS, out)
    assert retried.state == "sent" and len(account.messages) == 1
    assert [r.state for r in _rows(sessions)] == ["sent"]


def test_a_lost_answer_is_unknown_and_never_sent_again_by_itself(
    sessions: sessionmaker[Session], twilio: tuple[Account, str]
) -> None:
    drafts = _ready(sessions)
    account, _ = twilio
    account.faults.slow_s = 3
    settings = followup_settings(None, twilio).model_copy(update={"twilio_timeout_s": 0.5})
    out = _sms(drafts)
    lost = send(sessions, settings, LINKS, out)
    assert lost.state == "unknown" and "may have been sent" in str(lost.error)
    account.faults.slow_s = 0
    assert send(sessions, settings, LINKS, out).state == "unknown"
    assert len(account.messages) == 1  # Twilio created it once; we did not send it twice


def test_a_stop_at_twilio_is_recorded_and_obeyed(
    sessions: sessionmaker[Session], twilio: tuple[Account, str]
) -> None:
    drafts = _ready(sessions)
    account, _ = twilio
    account.opted_out.add("+15551230000")
    settings = followup_settings(None, twilio)
    refused = send(sessions, settings, LINKS, _sms(drafts))
    assert refused.state == "refused" and "(21610)" in str(refused.error)
    with sessions() as session:
        assert [r.channel for r in session.scalars(select(OptOutRow))] == ["sms"]
    with pytest.raises(SendRefused, match="opted out of texts"):
        send(sessions, settings, LINKS, _sms(drafts))


def test_no_text_without_consent_and_no_email_after_unsubscribing(
    sessions: sessionmaker[Session], smtp: Smtp, twilio: tuple[Account, str]
) -> None:
    drafts = _ready(sessions, ("crm", "email"))
    settings = followup_settings(smtp, twilio)
    with pytest.raises(SendRefused, match="did not agree to be texted"):
        send(sessions, settings, LINKS, _sms(drafts, body="Hi Ana!"))
    with sessions.begin() as session:
        unsubscribe.record(session, "acme", drafts.person.id, "email", "link")
    with pytest.raises(SendRefused, match="unsubscribed"):
        send(sessions, settings, LINKS, _email(drafts))
    account, _ = twilio
    assert _rows(sessions) == [] and account.requests == 0 and smtp.mailbox.messages == []


def test_smtp_refusals_and_a_server_without_starttls(
    sessions: sessionmaker[Session], smtp: Smtp, pki: Path
) -> None:
    drafts = _ready(sessions)
    smtp.mailbox.data_reply = "451 4.3.0 Try again later"
    settings = followup_settings(smtp, None)
    out = _email(drafts)
    assert send(sessions, settings, LINKS, out).state == "failed"
    smtp.mailbox.data_reply = None
    assert send(sessions, settings, LINKS, out).state == "sent"
    wrong = settings.model_copy(update={"smtp_password": None})
    failed = send(sessions, wrong, LINKS, _email(drafts))
    assert failed.state == "failed" and "refused the user name or password" in str(failed.error)
    with smtp_server(pki, starttls=False) as plain:
        no_tls = followup_settings(plain, None)
        refused = send(sessions, no_tls, LINKS, _email(drafts))
        assert "does not offer STARTTLS" in str(refused.error) and plain.mailbox.messages == []
        local = no_tls.model_copy(update={"smtp_starttls": False, "smtp_username": None})
        assert send(sessions, local, LINKS, _email(drafts)).state == "sent"
        assert len(plain.mailbox.messages) == 1


def test_nothing_is_sent_without_settings_or_with_an_empty_body(
    sessions: sessionmaker[Session],
) -> None:
    drafts = _ready(sessions)
    none = followup_settings(None, None)
    with pytest.raises(SendRefused, match="nothing to send"):
        send(sessions, none, LINKS, _email(drafts, body="  \n"))
    failed = send(sessions, none, LINKS, _email(drafts))
    assert failed.state == "failed" and "followup.smtp_host" in str(failed.error)
    texted = send(sessions, none, LINKS, _sms(drafts))
    assert texted.state == "failed" and "twilio_account_sid" in str(texted.error)


def test_forgetting_the_person_deletes_the_follow_ups_sent_to_them(
    sessions: sessionmaker[Session], smtp: Smtp
) -> None:
    drafts = _ready(sessions)
    send(sessions, followup_settings(smtp, None), LINKS, _email(drafts))
    assert len(_rows(sessions)) == 1
    with sessions.begin() as session:
        forget_person(session, "acme", drafts.person.id, BY)
    assert _rows(sessions) == []
