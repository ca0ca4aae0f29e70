"""Fixtures: a linked conversation (real ingest), an SMTP server, the Twilio fake.

The conversation is stored through the real ingest writer and linked with consent; the SMTP
server is aiosmtpd with STARTTLS and AUTH.
"""

from __future__ import annotations

import email
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword
from aiosmtpd.smtp import Session as SmtpSession
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cloud.crm import enqueue, people
from cloud.crm.model import Consent
from cloud.followup.settings import FollowupSettings
from cloud.followup.unsubscribe import Links
from cloud.ingest.check import Message
from cloud.ingest.writer import BatchWriter
from cloud.store import admin, db
from cloud.store.crm import LinkRow
from cloud.store.followup import FollowupVoiceRow
from contract import payloads as p
from contract.events import envelope
from contract.ids import HubAddress, new_subject, staff_pseudonym
from contract.topics import Topics
from harness.http import serve
from harness.processes import free_port
from harness.twilio import Account, create_app
from tests.tls import make_pki

HUB = HubAddress("acme", "site-a", "hub-1")
STAFF = staff_pseudonym(b"k" * 16, "Dana Reyes")
T0 = datetime(2026, 5, 2, 15, 0, tzinfo=UTC)
LINKS = Links("test-unsubscribe-key-" + "x" * 20, "https://showfloor.example")
VOICE = {
    "dealership": "Acme Toyota",
    "postal_address": "1 Example Road, Springfield, IL 62701",
    "from_email": "sales@acme.example",
    "sms_from": "+15555550100",
}


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the test database, with tenant acme, site-a, hub-1 and Dana Reyes."""
    factory = db.session_factory(engine)
    with factory.begin() as session:
        admin.add_tenant(session, "acme", "Acme")
        admin.add_site(session, "acme", "site-a", "Site A")
        admin.add_hub(session, HUB, "hub", "mqtt://127.0.0.1:1883")
        admin.add_staff(session, "acme", "site-a", STAFF, "Dana Reyes")
    return factory


def _message(data: BaseModel, when: datetime) -> Message:
    event = envelope(HUB, data, time=when)
    return Message(
        Topics(HUB).for_type(event.model_dump()["type"]), event.model_dump_json().encode(), when
    )


def converse(
    sessions: sessionmaker[Session],
    lines: Sequence[tuple[str, str]],
    *,
    language: str | None = "en",
    objections: Sequence[tuple[str, int, bool]] = (),
    stage: p.Stage = "evaluating",
    start: datetime = T0,
    ended: bool = True,
) -> str:
    """Store a conversation of `(role, text)` lines; its id."""
    cid = new_subject("conv")
    messages = [
        _message(
            p.ConversationStarted(conversation_id=cid, staff=[STAFF], consent="granted"), start
        )
    ]
    for index, (role, text) in enumerate(lines):
        turn = p.Turn(
            conversation_id=cid,
            index=index,
            role=role,  # type: ignore[arg-type]
            speaker=STAFF if role == "salesperson" else "customer-1",
            start_s=index * 5.0,
            end_s=index * 5.0 + 4,
            text=text,
            language=language,
        )
        messages.append(_message(turn, start + timedelta(seconds=index * 5 + 4)))
    if ended:
        metrics = p.ConversationMetrics(
            duration_s=len(lines) * 5.0,
            talk_ratio=0.5,
            open_questions=1,
            objections=[
                p.ObjectionFollowUp(objection=p.Objection(o), turn_index=i, handled=h)
                for o, i, h in objections
            ],
            signals=[],
            stage=stage,
        )
        end = start + timedelta(seconds=len(lines) * 5 + 5)
        messages.append(_message(p.ConversationEnded(conversation_id=cid, metrics=metrics), end))
    BatchWriter(sessions).write(messages)
    return cid


def link(
    session: Session,
    conversation_id: str,
    scopes: tuple[str, ...] = ("crm", "email", "sms"),
    *,
    email: str | None = "ana@example.com",
    phone: str | None = "+15551230000",
) -> LinkRow:
    """Link the conversation to Ana López with `scopes` of consent."""
    person = people.create(
        session,
        tenant="acme",
        site="site-a",
        first_name="Ana",
        last_name="López",
        email=email,
        phone=phone,
        by="manager@acme.invalid",
    )
    consent = Consent(
        by_user="manager@acme.invalid",
        at=T0,
        scopes=scopes,  # type: ignore[arg-type]
        text="I agree to be contacted.",
    )
    return enqueue.link(
        session,
        tenant="acme",
        site="site-a",
        conversation_id=conversation_id,
        person=person,
        consent=consent,
    )


def voice(session: Session, **values: object) -> FollowupVoiceRow:
    """The site's follow-up voice (the test's values over `VOICE`)."""
    row = FollowupVoiceRow(tenant_id="acme", site_id="site-a", **(VOICE | values))
    session.add(row)
    session.flush()
    return row


# --- a real SMTP server (aiosmtpd) and the Twilio fake ------------------------------------

SMTP_USER, SMTP_PASSWORD = "showfloor", "smtp-password-123"


class Mailbox:
    """What the SMTP server received; `data_reply` answers DATA instead of accepting."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.logins: list[tuple[str, bool]] = []
        self.data_reply: str | None = None

    def authenticate(
        self, server: SMTP, session: SmtpSession, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        """LOGIN/PLAIN with SMTP_USER and SMTP_PASSWORD."""
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        self.logins.append((data.login.decode(), session.ssl is not None))
        ok = (data.login.decode(), data.password.decode()) == (SMTP_USER, SMTP_PASSWORD)
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        """Keep the message (parsed), or answer `data_reply`."""
        if self.data_reply is not None:
            return self.data_reply
        parsed = email.message_from_bytes(envelope.original_content or b"", policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 2.0.0 Ok: queued"


@dataclass
class Smtp:
    """A running SMTP server and its CA."""

    port: int
    mailbox: Mailbox
    ca_file: Path


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CA and a certificate for 127.0.0.1 (`tests.tls.make_pki`)."""
    return make_pki(tmp_path_factory.mktemp("pki"))


@contextmanager
def smtp_server(pki: Path, *, starttls: bool = True) -> Iterator[Smtp]:
    """An aiosmtpd server on a free port; with `starttls`, STARTTLS and then AUTH are required."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki / "server.crt", pki / "server.key")
    mailbox, port = Mailbox(), free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context if starttls else None,
        require_starttls=starttls,
        authenticator=mailbox.authenticate,
        auth_required=starttls,
        auth_require_tls=starttls,
    )
    controller.start()
    try:
        yield Smtp(port, mailbox, pki / "ca.crt")
    finally:
        controller.stop()


@pytest.fixture
def smtp(pki: Path) -> Iterator[Smtp]:
    """An SMTP server with STARTTLS and AUTH."""
    with smtp_server(pki) as server:
        yield server


@pytest.fixture
def twilio() -> Iterator[tuple[Account, str]]:
    """The Twilio fake on a free port and its base URL."""
    account = Account()
    with serve(create_app(account)) as url:
        yield account, url


def followup_settings(smtp: Smtp | None, twilio: tuple[Account, str] | None) -> FollowupSettings:
    """Settings for the test's SMTP server and Twilio fake."""
    values: dict[str, Any] = {}
    if smtp is not None:
        values |= {
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port,
            "smtp_ca_file": smtp.ca_file,
            "smtp_username": SMTP_USER,
            "smtp_password": SMTP_PASSWORD,
            "smtp_timeout_s": 10,
        }
    if twilio is not None:
        account, url = twilio
        values |= {
            "twilio_base_url": url,
            "twilio_account_sid": account.sid,
            "twilio_auth_token": account.token,
            "twilio_timeout_s": 5,
        }
    return FollowupSettings.model_validate(values)
