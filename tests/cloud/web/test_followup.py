"""Follow-ups in the web view: review and send (real SMTP, Twilio fake), settings, unsubscribe."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from cloud.settings import CloudSettings
from cloud.store import db
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow
from cloud.store.followup import FollowupMessageRow, FollowupVoiceRow, OptOutRow
from cloud.store.projections import Conversation
from cloud.web.app import create_app
from harness.http import serve
from harness.twilio import Account
from harness.twilio import create_app as twilio_app
from harness.twilio.inbound import reply
from tests.cloud.factory import World
from tests.cloud.followup.conftest import Smtp, followup_settings, link, smtp_server, voice
from tests.cloud.web.conftest import login
from tests.tls import make_pki


@dataclass
class Floor:
    """The app with a linked conversation, and the servers its follow-ups go to."""

    client: TestClient
    conversation_id: str
    smtp: Smtp
    twilio: Account


@pytest.fixture
def floor(settings: CloudSettings, world: World, engine: Engine, tmp_path: Path) -> Iterator[Floor]:
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        conv = session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .order_by(Conversation.started_at.desc())
            .limit(1)
        ).one()
        link(session, conv.id)
        voice(session)
        cid = conv.id
    account = Account()
    with smtp_server(make_pki(tmp_path / "pki")) as smtp, serve(twilio_app(account)) as url:
        followup = followup_settings(smtp, (account, url))
        app = create_app(settings.model_copy(update={"followup": followup}))
        with TestClient(app, follow_redirects=False) as client:
            yield Floor(client, cid, smtp, account)


def _form(page: str, form_id: str) -> dict[str, str]:
    found = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.DOTALL)
    assert found, f"no form {form_id}"
    fields = dict(re.findall(r'<input type="hidden" name="([a-z]+)" value="([^"]*)"', found[0]))
    subject = re.search(r'name="subject" value="([^"]*)"', found[0])
    body = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', found[0], re.DOTALL)
    assert body
    fields["body"] = html.unescape(body[1])
    if subject:
        fields["subject"] = html.unescape(subject[1])
    return fields


def test_a_manager_reviews_edits_and_sends_each_draft_once(floor: Floor, world: World) -> None:
    client = floor.client
    login(client, world.email("acme", "manager"))
    page = client.get(f"/conversations/{floor.conversation_id}").text
    assert 'id="followup"' in page and "Reply STOP to opt out." in page
    email = _form(page, "followup-email")
    email["body"] = "Hi Ana,\n\nThanks for coming in today!\n\nDana"
    sent = client.post(f"/conversations/{floor.conversation_id}/followup/send", data=email)
    assert sent.status_code == 200 and "E-mail sent to ana@example.com." in sent.text
    again = client.post(f"/conversations/{floor.conversation_id}/followup/send", data=email)
    assert "Already sent to ana@example.com: not sent again." in again.text
    assert len(floor.smtp.mailbox.messages) == 1
    received = floor.smtp.mailbox.messages[0].get_content().replace("\r\n", "\n")
    assert (
        received.startswith("Hi Ana,\n\nThanks for coming in today!")
        and "/unsubscribe/" in received
    )
    text = _form(page, "followup-sms")
    texted = client.post(f"/conversations/{floor.conversation_id}/followup/send", data=text)
    assert "Text sent to +15551230000." in texted.text
    assert [m["body"] for m in floor.twilio.messages] == [text["body"]]
    shown = client.get(f"/conversations/{floor.conversation_id}").text
    assert shown.count("<td>ana@example.com</td>") == 1 and "<td>+15551230000</td>" in shown
    assert 'id="followup-latest"' in client.get("/followup").text


def test_a_viewer_sees_drafts_but_cannot_send(floor: Floor, world: World) -> None:
    client = floor.client
    csrf = login(client, world.email("acme", "viewer"))
    page = client.get(f"/conversations/{floor.conversation_id}").text
    assert "Send e-mail" not in page and 'id="followup-email"' in page
    form = {"csrf": csrf, "channel": "sms", "key": "k" * 32, "body": "Hi"}
    answer = client.post(f"/conversations/{floor.conversation_id}/followup/send", data=form)
    assert answer.status_code == 403 and floor.twilio.requests == 0


def test_settings_refuse_a_template_that_fails_and_save_one_that_renders(
    floor: Floor, world: World, engine: Engine
) -> None:
    client = floor.client
    csrf = login(client, world.email("acme", "manager"))
    page = client.get("/followup/settings/site-a").text
    fields = dict(re.findall(r'<input name="([a-z_]+)"[^>]*value="([^"]*)"', page))
    areas = {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<textarea name="([a-z_]+)"[^>]*>(.*?)</textarea>', page, re.DOTALL
        )
    }
    form = {**fields, **areas, "tone": "formal", "csrf": csrf}
    for template, problem in [
        ("Hi {{ nobody }}", "not saved: en: the sms template fails: &#39;nobody&#39; is undefined"),
        ("{% if vehicle %}", "not saved: en: the sms template does not compile (line 1)"),
        ("Only $0 down this week!", "the sms would say $0, which the salesperson did not confirm"),
    ]:
        refused = client.post("/followup/settings/site-a", data=form | {"en_sms": template})
        assert refused.status_code == 400 and problem in refused.text, refused.text
    with db.session_factory(engine)() as session:
        row = session.get(FollowupVoiceRow, ("acme", "site-a"))
        assert row is not None and row.tone == "friendly" and row.templates == {}
    bad_address = client.post("/followup/settings/site-a", data=form | {"postal_address": "x"})
    assert bad_address.status_code == 400 and "postal_address" in bad_address.text
    custom = "Hello {{ customer.first_name }}! {{ dealership }} here."
    saved = client.post("/followup/settings/site-a", data=form | {"en_sms": custom})
    assert saved.status_code == 200 and "Saved." in saved.text
    with db.session_factory(engine)() as session:
        row = session.get(FollowupVoiceRow, ("acme", "site-a"))
        assert row is not None and row.tone == "formal" and row.templates == {"en": {"sms": custom}}
    page = client.get(f"/conversations/{floor.conversation_id}").text
    assert "Hello Ana! Acme Toyota here. Reply STOP to opt out." in page
    assert client.get("/followup/settings/site-b").status_code == 404


def test_the_unsubscribe_link_records_the_opt_out_and_later_sends_obey(
    floor: Floor, world: World, engine: Engine
) -> None:
    client = floor.client
    login(client, world.email("acme", "manager"))
    page = client.get(f"/conversations/{floor.conversation_id}").text
    found = re.search(r"http://127\.0\.0\.1:8080/unsubscribe/([A-Za-z0-9_.-]+)", page)
    assert found  # followup.public_url: the default
    token = found[1]
    client.cookies.clear()  # the customer is not logged in
    asked = client.get(f"/unsubscribe/{token}")
    assert asked.status_code == 200 and 'id="unsubscribe"' in asked.text
    with db.session_factory(engine)() as session:
        assert session.scalars(select(OptOutRow)).all() == []  # a GET changes nothing
    done = client.post(f"/unsubscribe/{token}", content=b"List-Unsubscribe=One-Click")
    assert done.status_code == 200 and 'id="unsubscribed"' in done.text
    assert client.post(f"/unsubscribe/{token}").status_code == 200  # twice is fine
    assert client.get(f"/unsubscribe/{token[:-3]}xyz").status_code == 404
    with db.session_factory(engine)() as session:
        assert [(r.channel, r.source) for r in session.scalars(select(OptOutRow))] == [
            ("email", "unsubscribe link")
        ]
    login(client, world.email("acme", "manager"))
    page = client.get(f"/conversations/{floor.conversation_id}").text
    assert "No e-mail: the customer unsubscribed from e-mail." in page
    with db.session_factory(engine)() as session:
        assert session.scalars(select(FollowupMessageRow)).all() == []


def test_a_stop_reply_through_twilios_webhook_stops_texts_and_start_resumes(
    floor: Floor, world: World, engine: Engine
) -> None:
    client = floor.client
    url = "http://127.0.0.1:8080/twilio/sms"  # followup.public_url + /twilio/sms
    account, phone, ours = floor.twilio, "+15551230000", "+15555550100"
    forged = Account(token="not-the-auth-token-0000000000000")

    def send(who: Account, to: str, body: str) -> tuple[int, str]:
        form, headers = reply(who, url, phone, to, body)
        answer = client.post(url, data=form, headers=headers)
        return answer.status_code, answer.text

    assert send(forged, ours, "STOP")[0] == 403
    code, twiml = send(account, ours, "Stop.")
    assert code == 200 and twiml.endswith("<Response/>")
    login(client, world.email("acme", "manager"))
    page = client.get(f"/conversations/{floor.conversation_id}").text
    assert "No text: the customer opted out of texts (STOP)." in page
    assert send(account, "+15550000000", "START")[0] == 200
    assert "opted out of texts" in client.get(f"/conversations/{floor.conversation_id}").text
    send(account, ours, "START")
    assert 'id="followup-sms"' in client.get(f"/conversations/{floor.conversation_id}").text
    send(account, ours, "What time do you open?")  # not a keyword
    with db.session_factory(engine)() as session:
        assert session.scalars(select(OptOutRow)).all() == []


def _task_form(page: str) -> dict[str, str]:
    """The e-mail draft as the "Create CRM task" button submits it."""
    form = _form(page, "followup-email")
    found = re.search(r'name="task_key" value="([^"]+)" id="followup-task"', page)
    assert found, "no Create CRM task button"
    return {
        "csrf": form["csrf"],
        "task_key": found[1],
        "subject": form["subject"],
        "body": form["body"],
    }


def _crm(engine: Engine, vendor: str) -> None:
    with db.session_factory(engine).begin() as session:
        session.add(CrmConfigRow(tenant_id="acme", site_id="site-a", vendor=vendor, settings={}))


def test_a_manager_pushes_the_edited_draft_to_the_crm_as_one_task(
    floor: Floor, world: World, engine: Engine
) -> None:
    _crm(engine, "hubspot")
    client, cid = floor.client, floor.conversation_id
    login(client, world.email("acme", "manager"))
    page = client.get(f"/conversations/{cid}").text
    form = _task_form(page)
    form["body"] = "Call Ana about the Civic on Monday."
    forged = client.post(f"/conversations/{cid}/followup/task", data={**form, "csrf": "x"})
    assert forged.status_code == 403
    pushed = client.post(f"/conversations/{cid}/followup/task", data=form)
    assert pushed.status_code == 200 and "Task queued for the CRM (hubspot)." in pushed.text
    again = client.post(f"/conversations/{cid}/followup/task", data=form)
    assert "This task is already queued: not queued again." in again.text
    with db.session_factory(engine)() as session:
        (job,) = session.scalars(select(OutboxRow).where(OutboxRow.kind == "followup_task"))
        row = session.scalars(select(FollowupMessageRow)).one()
    assert job.payload["body"] == form["body"] and job.payload["key"] == form["task_key"]
    assert (row.channel, row.state, row.to) == ("crm_task", "queued", "hubspot")
    assert "<td>CRM task</td>" in again.text and not floor.smtp.mailbox.messages


def test_a_viewer_cannot_push_a_task_and_adf_takes_none(
    floor: Floor, world: World, engine: Engine
) -> None:
    _crm(engine, "adf")
    client, cid = floor.client, floor.conversation_id
    csrf = login(client, world.email("acme", "viewer"))
    assert "Create CRM task" not in client.get(f"/conversations/{cid}").text
    form = {"csrf": csrf, "task_key": "k" * 32, "subject": "Hi", "body": "Call Ana"}
    assert client.post(f"/conversations/{cid}/followup/task", data=form).status_code == 403
    login(client, world.email("acme", "manager"))
    form = _task_form(client.get(f"/conversations/{cid}").text)
    refused = client.post(f"/conversations/{cid}/followup/task", data=form)
    assert refused.status_code == 400 and "this CRM takes no tasks" in refused.text
    with db.session_factory(engine)() as session:
        assert session.scalars(select(FollowupMessageRow)).all() == []
        assert (
            session.scalars(select(OutboxRow).where(OutboxRow.kind == "followup_task")).all() == []
        )


def test_without_e_mail_consent_the_task_has_its_own_form(
    floor: Floor, world: World, engine: Engine
) -> None:
    _crm(engine, "salesforce")
    with db.session_factory(engine).begin() as session:
        session.execute(update(LinkRow).values(consent_scopes="crm"))
    client, cid = floor.client, floor.conversation_id
    csrf = login(client, world.email("acme", "manager"))
    page = client.get(f"/conversations/{cid}").text
    assert 'id="followup-email"' not in page and 'id="followup-task-form"' in page
    key = re.search(r'name="task_key" value="([^"]+)"', page)
    assert key
    form = {"csrf": csrf, "task_key": key[1], "subject": "Call Ana", "body": "About the Civic."}
    pushed = client.post(f"/conversations/{cid}/followup/task", data=form)
    assert "Task queued for the CRM (salesforce)." in pushed.text
    empty = client.post(
        f"/conversations/{cid}/followup/task", data={**form, "task_key": "n" * 32, "subject": " "}
    )
    assert empty.status_code == 400 and "a task needs a subject" in empty.text
