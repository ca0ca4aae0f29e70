"""The ADF connector against a real SMTP server (aiosmtpd) on localhost, STARTTLS and AUTH on.

Every lead the server receives is parsed with the `email` package and its XML part validated
against the ADF DTD (`../shared/specs/adf/adf-deterministic.dtd`, read where it lies: the spec
repository has no licence, so it is not copied here).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from lxml import etree
from pydantic import SecretStr, ValidationError

from cloud.crm.connector import CrmAuthError, CrmConfigError, CrmError
from cloud.crm.model import (
    Activity,
    Consent,
    Failed,
    FollowupTask,
    ForgetPerson,
    LogActivity,
    ObjectionSummary,
    Owner,
    Person,
    PreviewRequest,
    Retry,
    Sent,
    SetStep,
    UpsertPerson,
    Vehicle,
)
from cloud.crm.vendors import load
from cloud.crm.vendors.adf import Connector, Settings
from harness.processes import free_port
from tests.aio import run
from tests.tls import make_pki

ROOT = Path(__file__).resolve().parents[4]
#: Beside the checkout (CI), or beside the folder of the worktrees (a developer's worktree).
_DTD_PLACES = [
    base / "shared/specs/adf/adf-deterministic.dtd" for base in (ROOT.parent, ROOT.parent.parent)
]
USER, PASSWORD = "leads@rooftop.example", "s3cret-app-password"
T0 = dt.datetime(2026, 11, 29, 14, 2, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    """The ADF DTD from the shared specs; the tests that validate skip without it."""
    for path in _DTD_PLACES:
        if path.exists():
            return etree.DTD(str(path))
    pytest.skip("../shared/specs/adf/adf-deterministic.dtd is absent (shared/ beside the checkout)")


# --- a throwaway PKI and a real SMTP server -------------------------------------------------


class Pki:
    """A CA and a certificate for 127.0.0.1 it signed (`tests.tls.make_pki`), for this module."""

    def __init__(self, folder: Path) -> None:
        make_pki(folder)
        self.ca_file = folder / "ca.crt"
        self.server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.server_context.load_cert_chain(folder / "server.crt", folder / "server.key")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


class Mailbox:
    """The DMS's mail server: records logins and messages; replies can be set per test."""

    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, EmailMessage]] = []
        self.logins: list[tuple[str, bool]] = []
        self.unknown: set[str] = set()
        self.data_reply: str | None = None
        self.drop_at_data = False
        self.auth_reply: str | None = None

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        self.logins.append((data.login.decode(), session.ssl is not None))
        if self.auth_reply is not None:
            return AuthResult(success=False, handled=False, message=self.auth_reply)
        ok = data.login.decode() == USER and data.password.decode() == PASSWORD
        return AuthResult(success=ok, handled=False)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.unknown:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_reply is not None:
            return self.data_reply
        if self.drop_at_data:  # the link dies after the whole message went over
            self.drop_at_data = False
            assert isinstance(server.transport, asyncio.Transport)
            server.transport.abort()
            return "250 2.0.0 Ok: never heard"
        raw = envelope.original_content or b""
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope, parsed))
        return "250 2.0.0 Ok: queued"


@contextmanager
def smtp_server(pki: Pki, *, starttls: bool = True) -> Iterator[tuple[int, Mailbox]]:
    """An aiosmtpd server on a free port: STARTTLS before AUTH, AUTH (LOGIN/PLAIN) required.

    `starttls=False`: a server without STARTTLS that would take AUTH in clear.
    """
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=pki.server_context if starttls else None,
        require_starttls=starttls,
        authenticator=mailbox.authenticate,
        auth_required=starttls,
        auth_require_tls=starttls,
    )
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()


# --- jobs ----------------------------------------------------------------------------------


def make_settings(smtp_port: int, ca_file: Path | None, **changes: Any) -> Settings:
    fields: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": smtp_port,
        "username": USER,
        "password": SecretStr(PASSWORD),
        "to": ("leads@dms.example",),
        "from_address": "leads@rooftop.example",
        "reply_to": "sales@rooftop.example",
        "rooftop_name": "Riverside Toyota",
        "rooftop_contact": "Sam Ortiz",
        "rooftop_email": "sam.ortiz@rooftop.example",
        "rooftop_phone": "+15125550100",
        "ca_file": ca_file,
        "timeout_s": 5.0,
    }
    return Settings(**(fields | changes))


def person(**changes: Any) -> Person:
    consent = Consent(
        by_user="sam.ortiz@rooftop.example", at=T0, scopes=("crm", "email"), text="May we..."
    )
    fields: dict[str, Any] = {
        "id": "per-1",
        "first_name": "Dana",
        "last_name": "Reyes",
        "email": "dana.reyes@example.com",
        "phone": "+15125550123",
        "consent": consent,
    }
    return Person(**(fields | changes))


def lead_job(key: str = "evt-0001", who: Person | None = None, **changes: Any) -> LogActivity:
    fields: dict[str, Any] = {
        "conversation_id": "conv-1",
        "site_id": "site-riverside",
        "owner": Owner(name="Sam Ortiz"),
        "started_at": T0,
        "ended_at": T0 + dt.timedelta(minutes=23),
        "duration_s": 23 * 60.0,
        "objections": (
            ObjectionSummary(objection="price", handled=True),
            ObjectionSummary(objection="trade-in value", handled=False),
        ),
        "signals": ("asked about financing", "asked about delivery"),
        "sentiment_start": -0.2,
        "sentiment_end": 0.6,
        "stage": "test_drive",
        "next_step": "call back Thursday with the trade-in appraisal",
        "vehicle": Vehicle(year=2024, make="Toyota", model="RAV4", trim="XLE"),
        "trade_in": Vehicle(year=2019, make="Honda", model="Civic"),
        "summary": "Came in for the RAV4 hybrid & compared it with the CR-V <price>.",
    }
    activity = Activity(**(fields | changes))
    return LogActivity(
        key=key,
        tenant_id="t-1",
        site_id="site-riverside",
        person=who or person(),
        activity=activity,
    )


def xml_part(message: EmailMessage) -> str:
    """The decoded `application/xml` part; the message must also have a text part."""
    assert message.get_content_type() == "multipart/mixed"
    types = [part.get_content_type() for part in message.iter_parts()]
    assert types == ["text/plain", "application/xml"]
    part = next(p for p in message.iter_parts() if p.get_content_type() == "application/xml")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def valid(xml: str, dtd: etree.DTD) -> etree._Element:
    """Parse `xml` and validate it against the DTD; the root element."""
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n')
    root = etree.fromstring(xml.encode("utf-8"))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    return root


# --- the lead reaches the DMS --------------------------------------------------------------


def test_a_lead_reaches_the_dms_as_valid_adf(pki: Pki, dtd: etree.DTD) -> None:
    job = lead_job()
    upsert = UpsertPerson(key="link-1", tenant_id="t-1", site_id="site-riverside", person=person())
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        results = run(connector.push([upsert, job]))
        run(connector.aclose())
    # the person alone is no lead: only the conversation's lead is mailed
    assert results[0] == Sent(
        detail="not sent: ADF carries the person in their conversation's lead"
    )
    assert isinstance(results[1], Sent)
    assert results[1].remote_id == "<evt-0001.adf@rooftop.example>"
    assert mailbox.logins == [(USER, True)]  # logged in once, inside TLS
    [(envelope, message)] = mailbox.messages
    assert envelope.mail_from == "leads@rooftop.example"
    assert envelope.rcpt_tos == ["leads@dms.example"]
    assert message["Message-ID"] == "<evt-0001.adf@rooftop.example>"
    assert message["Reply-To"] == "sales@rooftop.example"
    assert message["Subject"] == "ADF lead: Dana Reyes - 2024 Toyota RAV4 XLE"
    text = message.get_body(preferencelist=("plain",))
    assert text is not None
    assert "Customer: Dana Reyes" in text.get_content()
    assert "Trade-in: 2019 Honda Civic" in text.get_content()

    root = valid(xml_part(message), dtd)
    prospect = root.find("prospect")
    assert prospect is not None
    assert prospect.get("status") == "new"
    lead_id = prospect.find("id")
    assert lead_id is not None
    assert (lead_id.text, lead_id.get("sequence"), lead_id.get("source")) == (
        "evt-0001",
        "1",
        "Showfloor",
    )
    assert prospect.findtext("requestdate") == "2026-11-29T14:25:00-05:00"
    wanted, trade = prospect.findall("vehicle")
    assert wanted.get("interest") == "test-drive"  # the customer drove it
    assert [wanted.findtext(t) for t in ("year", "make", "model", "trim")] == [
        "2024",
        "Toyota",
        "RAV4",
        "XLE",
    ]
    assert (trade.get("interest"), trade.get("status")) == ("trade-in", "used")
    assert [trade.findtext(t) for t in ("year", "make", "model")] == ["2019", "Honda", "Civic"]
    assert trade.find("trim") is None
    contact = prospect.find("customer/contact")
    assert contact is not None
    assert [(n.get("part"), n.text) for n in contact.findall("name")] == [
        ("first", "Dana"),
        ("last", "Reyes"),
    ]
    assert contact.findtext("email") == "dana.reyes@example.com"
    assert contact.findtext("phone") == "+15125550123"
    comments = prospect.findtext("customer/comments") or ""
    assert "with Sam Ortiz" in comments
    assert "Furthest step: test drive." in comments
    assert "Objections: price (handled); trade-in value (not handled)." in comments
    assert "Buying signals: asked about financing; asked about delivery." in comments
    assert "Sentiment: -0.20 → +0.60 (warmer)." in comments
    assert "Next step: call back Thursday with the trade-in appraisal" in comments
    # characters XML reserves survive the round trip
    assert "the RAV4 hybrid & compared it with the CR-V <price>." in comments
    assert prospect.findtext("vendor/vendorname") == "Riverside Toyota"
    assert prospect.findtext("vendor/id") == "site-riverside"
    assert prospect.findtext("vendor/contact/name") == "Sam Ortiz"
    assert prospect.findtext("vendor/contact/email") == "sam.ortiz@rooftop.example"
    assert prospect.findtext("provider/name") == "Showfloor"


def test_a_spanish_dealers_lead_carries_spanish_comments(pki: Pki, dtd: etree.DTD) -> None:
    job = lead_job(
        language="es",
        objections=(ObjectionSummary(objection="price", handled=False),),
        signals=("delivery",),
        summary="Conversación en el showroom, 23 min.",
        next_step="Enviar la oferta por escrito",
    )
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        [result] = run(connector.push([job]))
        run(connector.aclose())
    assert isinstance(result, Sent)
    [(_, message)] = mailbox.messages
    prospect = valid(xml_part(message), dtd).find("prospect")
    assert prospect is not None
    assert (prospect.findtext("customer/comments") or "").splitlines() == [
        "Conversación en el showroom 2026-11-29 14:02-14:25 (23 min) con Sam Ortiz.",
        "Paso más avanzado: prueba de manejo.",
        "Resumen: Conversación en el showroom, 23 min.",
        "Objeciones: precio (no atendida).",
        "Señales de compra: entrega.",
        "Sentimiento: -0.20 → +0.60 (mejoró).",
        "Siguiente paso: Enviar la oferta por escrito",
    ]


def test_preview_is_exactly_the_xml_sent(pki: Pki) -> None:
    job = lead_job()
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        [preview] = connector.preview([job, SetStep(**_step())])
        run(connector.push([job]))
    [(_, message)] = mailbox.messages
    assert preview == PreviewRequest(
        method="SMTP", url=f"smtp://127.0.0.1:{port}/leads@dms.example", body=xml_part(message)
    )


def test_the_same_lead_again_is_marked_resend(pki: Pki, dtd: etree.DTD) -> None:
    job = lead_job()
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        first = run(connector.push([job]))
        [preview] = connector.preview([job])
        again = run(connector.push([job]))
    assert isinstance(first[0], Sent)
    assert isinstance(again[0], Sent)
    assert again[0].remote_id == "<evt-0001.adf.resend1@rooftop.example>"
    (_, original), (_, resent) = mailbox.messages
    assert resent["References"] == original["Message-ID"] == "<evt-0001.adf@rooftop.example>"
    assert resent["Subject"].endswith("(resend)")
    root = valid(xml_part(resent), dtd)
    assert root.find("prospect").get("status") == "resend"  # type: ignore[union-attr]
    assert root.findtext("prospect/id") == "evt-0001"  # the DMS de-duplicates on it
    assert preview.body == xml_part(resent)


def test_a_connection_lost_while_sending_retries_and_then_resends(pki: Pki, dtd: etree.DTD) -> None:
    first, second = lead_job("evt-a"), lead_job("evt-b")
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        mailbox.drop_at_data = True
        lost = run(connector.push([first, second]))
        again = run(connector.push([first, second]))
    # the server may have taken the first: both are retried, the first is marked a resend
    assert [type(result) for result in lost] == [Retry, Retry]
    assert isinstance(lost[0], Retry)
    assert lost[0].reason.startswith("lost the connection while sending")
    assert [type(result) for result in again] == [Sent, Sent]
    roots = [valid(xml_part(message), dtd) for _, message in mailbox.messages]
    assert [root.xpath("string(prospect/@status)") for root in roots] == ["resend", "new"]


def test_preview_of_a_lead_that_cannot_be_sent_says_why(pki: Pki) -> None:
    connector = Connector(make_settings(1, pki.ca_file))
    with pytest.raises(CrmError, match="neither e-mail nor phone"):
        connector.preview([lead_job(who=person(email=None, phone=None))])


def _step() -> dict[str, Any]:
    return {
        "key": "evt-step",
        "tenant_id": "t-1",
        "site_id": "site-riverside",
        "person": person(),
        "step": "test_drive",
        "at": T0,
        "conversation_id": "conv-1",
    }


def test_steps_and_forgets_send_nothing(pki: Pki) -> None:
    forget = ForgetPerson(key="f-1", tenant_id="t-1", site_id="s", person_id="per-1")
    with smtp_server(pki) as (port, mailbox):
        results = run(
            Connector(make_settings(port, pki.ca_file)).push([SetStep(**_step()), forget])
        )
    assert results[0] == Sent(
        detail="not sent: ADF has no step update; the lead's comments carry the furthest step"
    )
    assert results[1] == Sent(detail="cannot_recall")  # the erasure report says so
    assert mailbox.messages == []
    assert mailbox.logins == []  # nothing to send: no connection at all


def test_a_follow_up_task_is_refused_not_mailed(pki: Pki) -> None:
    task = FollowupTask(
        key="draft-1",
        tenant_id="t-1",
        site_id="s",
        person=person(),
        conversation_id="c-1",
        subject="Call back",
        body="Call Ana about the quote.",
        due=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC),
    )
    with smtp_server(pki) as (port, mailbox):
        results = run(Connector(make_settings(port, pki.ca_file)).push([task]))
    assert results == [Failed(reason="this CRM takes no tasks: ADF carries leads only")]
    assert mailbox.messages == [] and mailbox.logins == []


def test_a_lead_without_vehicle_or_trade_in_is_still_valid(pki: Pki, dtd: etree.DTD) -> None:
    job = lead_job(vehicle=None, trade_in=None, stage="negotiation", owner=None)
    xml = Connector(make_settings(1, pki.ca_file)).preview([job])[0].body
    assert isinstance(xml, str)
    prospect = valid(xml, dtd).find("prospect")
    assert prospect is not None
    [vehicle] = prospect.findall("vehicle")
    assert (vehicle.get("interest"), vehicle.get("status")) == ("buy", None)  # new/used unknown
    assert [vehicle.findtext(t) for t in ("year", "make", "model")] == ["", "", ""]
    comments = prospect.findtext("customer/comments") or ""
    assert "Vehicle of interest: not named in the conversation." in comments
    assert "Furthest step: negotiation / write-up." in comments


def test_a_person_without_email_or_phone_fails_alone(pki: Pki, dtd: etree.DTD) -> None:
    unreachable = lead_job("evt-a", who=person(email=None, phone=None))
    phone_only = lead_job("evt-b", who=person(email=None, first_name=""))
    with smtp_server(pki) as (port, mailbox):
        results = run(Connector(make_settings(port, pki.ca_file)).push([unreachable, phone_only]))
    assert results[0] == Failed(
        reason="person per-1 has neither e-mail nor phone: an ADF lead needs one of them"
    )
    assert isinstance(results[1], Sent)
    [(_, message)] = mailbox.messages
    contact = valid(xml_part(message), dtd).find("prospect/customer/contact")
    assert contact is not None
    assert [n.get("part") for n in contact.findall("name")] == ["last"]
    assert contact.find("email") is None


def test_control_characters_are_dropped_not_sent(pki: Pki, dtd: etree.DTD) -> None:
    xml = Connector(make_settings(1, pki.ca_file)).preview([lead_job(summary="ok\x00\x1bdone")])
    assert isinstance(xml[0].body, str)
    assert "Summary: okdone" in (
        valid(xml[0].body, dtd).findtext("prospect/customer/comments") or ""
    )


def test_the_dtd_does_reject_a_broken_lead(pki: Pki, dtd: etree.DTD) -> None:
    """The validation above is not vacuous: a lead without its vendor is invalid."""
    xml = Connector(make_settings(1, pki.ca_file)).preview([lead_job()])[0].body
    assert isinstance(xml, str)
    root = etree.fromstring(xml.encode())
    prospect = root.find("prospect")
    assert prospect is not None
    prospect.remove(prospect.find("vendor"))  # type: ignore[arg-type]
    assert not dtd.validate(root)


# --- what the server says ------------------------------------------------------------------


def test_a_wrong_password_raises_auth_error_and_sends_nothing(pki: Pki) -> None:
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file, password=SecretStr("wrong")))
        with pytest.raises(CrmAuthError, match=r"refused the user name or password .* 535"):
            run(connector.push([lead_job()]))
        check = run(connector.check())
    assert not check.ok
    assert check.detail.startswith(
        f"smtp://127.0.0.1:{port} refused the user name or password of 'leads@rooftop.example': 535"
    )
    assert "wrong" not in check.detail
    assert mailbox.messages == []


def test_a_temporary_auth_failure_is_retried_not_an_auth_error(pki: Pki) -> None:
    with smtp_server(pki) as (port, mailbox):
        mailbox.auth_reply = "454 4.7.0 Temporary authentication failure"
        connector = Connector(make_settings(port, pki.ca_file))
        [result] = run(connector.push([lead_job()]))
    assert result == Retry(
        reason=f"smtp://127.0.0.1:{port} cannot log in now: "
        "454 4.7.0 Temporary authentication failure"
    )


def test_4xx_retries_and_5xx_fails_with_the_servers_text(pki: Pki) -> None:
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        mailbox.data_reply = "451 4.3.0 Mailbox busy, try again later"
        busy = run(connector.push([lead_job("evt-a")]))
        mailbox.data_reply = None
        mailbox.unknown = {"leads@dms.example"}
        unknown = run(connector.push([lead_job("evt-b")]))
    assert busy == [Retry(reason="451 4.3.0 Mailbox busy, try again later")]
    assert unknown == [
        Failed(
            reason="recipients refused: leads@dms.example: 550 5.1.1 <leads@dms.example>: "
            "Recipient address rejected: User unknown"
        )
    ]
    assert mailbox.messages == []


def test_one_refused_address_of_two_still_delivers(pki: Pki) -> None:
    with smtp_server(pki) as (port, mailbox):
        mailbox.unknown = {"old@dms.example"}
        settings = make_settings(port, pki.ca_file, to=("leads@dms.example", "old@dms.example"))
        [result] = run(Connector(settings).push([lead_job()]))
    assert isinstance(result, Sent)
    assert result.detail.startswith("refused by old@dms.example: 550 5.1.1")
    [(envelope, _)] = mailbox.messages
    assert envelope.rcpt_tos == ["leads@dms.example"]


def test_no_starttls_is_refused_before_any_credentials(pki: Pki) -> None:
    with smtp_server(pki, starttls=False) as (port, mailbox):
        connector = Connector(make_settings(port, pki.ca_file))
        with pytest.raises(CrmConfigError, match="does not offer STARTTLS"):
            run(connector.push([lead_job()]))
        check = run(connector.check())
    assert check == type(check)(
        ok=False,
        detail=f"smtp://127.0.0.1:{port} does not offer STARTTLS: "
        "Showfloor never sends the password in clear",
    )
    assert mailbox.logins == []  # the password never crossed the wire
    assert mailbox.messages == []


def test_an_untrusted_certificate_is_refused(pki: Pki) -> None:
    with smtp_server(pki) as (port, mailbox):
        connector = Connector(make_settings(port, None))  # the system's CAs: ours is not one
        check = run(connector.check())
        with pytest.raises(CrmConfigError, match="not trusted"):
            run(connector.push([lead_job()]))
    assert not check.ok
    assert check.detail == (
        f"the TLS certificate of smtp://127.0.0.1:{port} is not trusted: "
        "unable to get local issuer certificate"
    )
    assert mailbox.logins == []


def test_a_server_that_is_down_means_retry() -> None:
    port = free_port()
    connector = Connector(make_settings(port, None))
    upsert = UpsertPerson(key="link-1", tenant_id="t-1", site_id="s", person=person())
    results = run(connector.push([upsert, lead_job()]))
    assert isinstance(results[0], Sent)
    assert isinstance(results[1], Retry)
    assert results[1].reason.startswith(f"cannot connect to smtp://127.0.0.1:{port}")
    check = run(connector.check())
    assert not check.ok
    assert check.detail.startswith(f"cannot connect to smtp://127.0.0.1:{port}")


def test_check_says_what_worked(pki: Pki) -> None:
    with smtp_server(pki) as (port, _):
        connector = load("adf").Connector(make_settings(port, pki.ca_file), transport=None)
        check = run(connector.check())
    assert check.ok, check.detail
    assert check.detail.startswith(f"smtp://127.0.0.1:{port}: STARTTLS (TLSv1.")
    assert "logged in as 'leads@rooftop.example', NOOP 250" in check.detail
    assert connector.max_batch >= 1
    assert run(connector.search("dana.reyes@example.com")) == []  # e-mail has no search


# --- settings ------------------------------------------------------------------------------


def test_every_setting_is_described() -> None:
    missing = [name for name, f in Settings.model_fields.items() if not f.description]
    assert missing == []


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"rooftop_email": None, "rooftop_phone": None}, "rooftop_email or rooftop_phone"),
        ({"to": ()}, "at least 1 item"),
        ({"to": ("Leads <leads@dms.example>",)}, "not a bare e-mail address"),
        ({"from_address": "leads"}, "not a bare e-mail address"),
        ({"port": 0}, "greater than or equal to 1"),
        ({"smtp_ssl": True}, "Extra inputs are not permitted"),
    ],
)
def test_bad_settings_are_refused_with_the_reason(changes: dict[str, Any], error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        make_settings(587, None, **changes)
