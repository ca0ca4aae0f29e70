"""The Salesforce connector against the contract-following fake on loopback.

Token flows and refresh, one Composite call per batch, idempotency after a lost answer, limits
(403 REQUEST_LIMIT_EXCEEDED, Sforce-Limit-Info), faults, permanent errors, search, forget,
preview == what was sent, and `test connection`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

from cloud.crm.backoff import Backoff
from cloud.crm.connector import CrmAuthError
from cloud.crm.model import Failed, LogActivity, Match, Retry, Sent
from cloud.crm.vendors import load
from cloud.crm.vendors.salesforce import Connector, Settings
from harness.crm.salesforce import FakeSalesforce
from harness.http import serve
from tests.aio import run
from tests.cloud.crm.vendors.jobs_sfdyn import conversation, followup_task, forget, push, use

T = TypeVar("T")
STEPS = {"greeted": "Working - Contacted", "test_drive": "Test Drive", "negotiation": "Write-up"}


@dataclass
class Org:
    fake: FakeSalesforce
    login_url: str

    def settings(self, **changes: Any) -> Settings:
        values: dict[str, Any] = {
            "login_url": self.login_url,
            "client_id": "fake-consumer-key",
            "client_secret": "fake-consumer-secret",
            "step_statuses": STEPS,
            "timeout_s": 2.0,
            "backoff": Backoff(base_s=0.01, cap_s=0.05, attempts=3),
        }
        values.update(changes)
        return Settings.model_validate(values)

    def connector(self, **changes: Any) -> Connector:
        return Connector(self.settings(**changes), clock=self.fake.clock)

    def composites(self) -> list[Any]:
        return [r for r in self.fake.requests if r.path.endswith("/composite")]


@pytest.fixture
def org() -> Iterator[Org]:
    fake = FakeSalesforce()
    fake.org.lead_statuses += ("Test Drive", "Write-up")
    with serve(fake.app) as url:
        # the token endpoint is reached as "localhost"; the instance_url it returns names
        # 127.0.0.1, and the fake refuses API calls anywhere else
        yield Org(fake, url.replace("127.0.0.1", "localhost"))


def test_every_setting_is_described() -> None:
    missing = [name for name, field in Settings.model_fields.items() if not field.description]
    assert not missing


def test_the_vendor_module_loads_by_name() -> None:
    module = load("salesforce")
    assert module.Connector is Connector
    assert module.Settings is Settings


def test_a_conversation_is_one_composite_call_to_the_instance_url(org: Org) -> None:
    results = push(org.connector(), conversation(1, owner_id="005000000000001AAA"))
    assert all(isinstance(r, Sent) for r in results), results
    assert org.fake.api_calls == 1 and org.fake.auth.issued == 1
    api = [r for r in org.fake.requests if "/services/data/" in r.path]
    assert {r.host for r in api} == {"127.0.0.1"}
    [lead] = org.fake.org.live("Lead")
    [task] = org.fake.org.live("Task")
    assert lead.fields["Status"] == "Write-up"  # the last step of the batch
    assert lead.fields["Company"] == "Showroom visitor"
    assert lead.fields["OwnerId"] == "005000000000001AAA"
    assert lead.fields["Showfloor_Event_Id__c"] == "person-1"
    assert task.fields["WhoId"] == lead.id
    assert task.fields["Showfloor_Event_Id__c"] == "ended-1"
    assert task.fields["TaskSubtype"] == "Call" and task.fields["CallDurationInSeconds"] == 720
    assert task.fields["ActivityDate"] == "2026-11-29"
    assert "price (handled)" in str(task.fields["Description"])
    assert results[0].remote_id == lead.id and results[-1].remote_id == task.id


def test_a_spanish_dealers_task_is_written_in_spanish(org: Org) -> None:
    jobs = conversation(1)
    ended = jobs[-1]
    assert isinstance(ended, LogActivity)
    spanish = ended.activity.model_copy(update={"language": "es"})
    results = push(org.connector(), [*jobs[:-1], ended.model_copy(update={"activity": spanish})])
    assert all(isinstance(r, Sent) for r in results), results
    [task] = org.fake.org.live("Task")
    assert task.fields["Subject"] == "Visita al showroom 2026-11-29 14:05 UTC (12 min)"
    description = str(task.fields["Description"])
    assert "Objeciones: precio (atendida)" in description
    assert "Vehículo a cuenta: 2015 Honda Civic" in description
    assert "Vendedor: Sam Seller" in description and "handled" not in description


def test_composite_batches_hold_at_most_25_subrequests(org: Org) -> None:
    jobs = [job for n in range(1, 31) for job in conversation(n)]
    results = push(org.connector(), jobs)
    assert all(isinstance(r, Sent) for r in results)
    sizes = [len(r.body["compositeRequest"]) for r in org.composites()]
    assert max(sizes) <= 25 and sum(sizes) == 60  # a lead and a task per conversation
    assert org.fake.api_calls == len(sizes) == 3
    assert len(org.fake.org.live("Lead")) == 30 and len(org.fake.org.live("Task")) == 30


def test_a_failing_second_call_leaves_the_first_calls_jobs_sent(org: Org) -> None:
    org.fake.fail_next("server", count=3, after=1)  # the second Composite call: 503 three times
    jobs = [job for n in range(1, 16) for job in conversation(n)]  # 15 conversations: 2 calls
    results = push(org.connector(), jobs)
    assert all(isinstance(r, Sent) for r in results[: 12 * 5])
    assert all(isinstance(r, Retry) and r.after_s for r in results[12 * 5 :])
    assert len(org.fake.org.live("Lead")) == 12
    again = push(org.connector(), jobs[12 * 5 :])
    assert all(isinstance(r, Sent) for r in again)
    assert len(org.fake.org.live("Lead")) == 15 and len(org.fake.org.live("Task")) == 15


def test_a_lost_answer_and_a_second_push_never_duplicate(org: Org) -> None:
    org.fake.lost_delay_s = 0.6
    org.fake.fail_next("lost")  # stored, but the answer comes after the client gave up
    jobs = conversation(1)
    first = push(org.connector(timeout_s=0.3), jobs)
    assert all(isinstance(r, Sent) for r in first), first
    # our commit crashed after the vendor's 200: the worker pushes the same jobs again
    second = push(org.connector(), jobs)
    assert [r.remote_id for r in second] == [r.remote_id for r in first]
    assert len(org.fake.org.live("Lead")) == 1 and len(org.fake.org.live("Task")) == 1


def test_jwt_bearer_flow_signs_a_short_lived_rs256_assertion(org: Org) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    org.fake.auth.public_key = key.public_key()
    jwt = {"auth": "jwt_bearer", "client_secret": None, "jwt_private_key": pem}
    results = push(org.connector(**jwt, jwt_username="integration@dealer.example"), conversation(1))
    assert all(isinstance(r, Sent) for r in results)
    [token_request] = [r for r in org.fake.requests if r.path.endswith("/token")]
    assert token_request.body["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    with pytest.raises(CrmAuthError, match="JWT refused"):
        push(org.connector(**jwt, jwt_username="someone@else.example"), conversation(2))


def test_a_bad_secret_raises_and_check_says_so(org: Org) -> None:
    with pytest.raises(CrmAuthError, match="bad client id or client secret"):
        push(org.connector(client_secret="wrong"), conversation(1))
    check = use(org.connector(client_secret="wrong"), lambda c: c.check())
    assert not check.ok and "bad client id or client secret" in check.detail


def test_check_names_the_missing_custom_field(org: Org) -> None:
    org.fake.org.external_id_on = {"Lead", "Contact"}
    check = use(org.connector(), lambda c: c.check())
    assert not check.ok
    assert check.detail == "missing custom field Showfloor_Event_Id__c on Task"
    org.fake.org.external_id_on.add("Task")
    assert use(org.connector(), lambda c: c.check()).ok


def test_the_token_is_refreshed_before_it_expires(org: Org) -> None:
    org.fake.auth.session_timeout_s = 100.0
    connector = org.connector(session_lifetime_s=100.0, refresh_margin_s=10.0)

    async def go() -> None:
        await connector.push(conversation(1))
        org.fake.clock.advance(95)  # inside the margin: refresh before sending
        await connector.push(conversation(2))
        await connector.aclose()

    run(go(), 20)
    assert org.fake.auth.issued == 2
    assert len(org.composites()) == 2  # no call was refused with 401


def test_an_invalid_session_refreshes_once_and_resends(org: Org) -> None:
    connector = org.connector()

    async def go() -> list[Any]:
        await connector.push(conversation(1))
        org.fake.auth.expire_all()  # INVALID_SESSION_ID on the next call
        out = await connector.push(conversation(2))
        await connector.aclose()
        return out

    assert all(isinstance(r, Sent) for r in run(go(), 20))
    assert org.fake.auth.issued == 2 and len(org.composites()) == 3


def test_request_limit_exceeded_is_403_and_pauses_sending(org: Org) -> None:
    connector = org.connector(limit_wait_s=600.0)

    async def go() -> tuple[list[Any], list[Any], list[Any]]:
        org.fake.fail_next("limit")
        refused = await connector.push(conversation(1))
        paused = await connector.push(conversation(1))
        org.fake.clock.advance(601)
        resumed = await connector.push(conversation(1))
        await connector.aclose()
        return refused, paused, resumed

    refused, paused, resumed = run(go(), 20)
    assert all(isinstance(r, Retry) and r.after_s == 600.0 for r in refused)
    assert all(isinstance(r, Retry) for r in paused)
    assert len(org.composites()) == 2  # the paused push sent nothing
    assert all(isinstance(r, Sent) for r in resumed)


def test_usage_near_the_allocation_stops_sending_before_exhaustion(org: Org) -> None:
    org.fake.api_limit = 10
    connector = org.connector(api_usage_threshold=0.5, limit_wait_s=60.0)

    async def go() -> list[list[Any]]:
        out = [await connector.push(conversation(n)) for n in range(1, 9)]
        await connector.aclose()
        return out

    pushes = run(go(), 30)
    assert org.fake.api_calls == 5  # 5/10 reached the threshold: the rest waited
    assert connector.api_usage == (5, 10)
    assert all(isinstance(r, Retry) and r.after_s for r in pushes[-1])
    assert not [r for r in pushes[-1] if isinstance(r, Retry) and "403" in r.reason]


def test_5xx_is_retried_with_backoff_then_handed_back(org: Org) -> None:
    org.fake.fail_next("server", 2)
    assert all(isinstance(r, Sent) for r in push(org.connector(), conversation(1)))
    org.fake.fail_next("server", 3)
    results = push(org.connector(), conversation(2))
    retried = [r for r in results if isinstance(r, Retry)]
    assert len(retried) == len(results) and all(r.after_s is not None for r in retried)
    assert "503" in retried[0].reason
    assert len(org.fake.org.live("Lead")) == 1


def test_a_timeout_is_retried_and_stores_once(org: Org) -> None:
    org.fake.lost_delay_s = 0.6
    org.fake.fail_next("timeout")
    results = push(org.connector(timeout_s=0.3), conversation(1))
    assert all(isinstance(r, Sent) for r in results)
    assert len(org.fake.org.live("Task")) == 1


def test_permanent_errors_fail_with_the_vendors_words(org: Org) -> None:
    org.fake.org.external_id_on = {"Lead"}  # the admin forgot the field on Task
    results = push(org.connector(), conversation(1, owner_id="005NOSUCHUSER00AAA"))
    assert isinstance(results[0], Failed)
    assert "INVALID_CROSS_REFERENCE_KEY" in results[0].reason and "OwnerId" in results[0].reason
    results = push(org.connector(), conversation(2))
    assert isinstance(results[0], Sent)
    assert isinstance(results[-1], Failed)
    assert results[-1].reason == (
        "NOT_FOUND: Provided external ID field does not exist or is not accessible: "
        "Showfloor_Event_Id__c"
    )
    bad_status = {"greeted": "Not A Status"}
    results = push(org.connector(step_statuses=bad_status), conversation(3, steps=("greeted",)))
    assert isinstance(results[1], Failed)
    assert results[1].reason.startswith("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")


def test_a_person_matched_by_search_is_updated_by_id_never_duplicated(org: Org) -> None:
    status, body = org.fake.org.upsert(
        "Lead", "Showfloor_Event_Id__c", "theirs", {"LastName": "Existing", "Company": "ACME"}
    )
    assert status == 201 and isinstance(body, dict)
    del org.fake.org.records[body["id"]].fields["Showfloor_Event_Id__c"]  # not ours
    results = push(org.connector(), conversation(1, remote_id=body["id"]))
    assert all(isinstance(r, Sent) for r in results)
    [lead] = org.fake.org.live("Lead")
    assert lead.fields["Company"] == "ACME" and lead.fields["Status"] == "Write-up"
    assert results[0].remote_id == lead.id  # 204 without a body: the id we updated
    assert org.fake.org.live("Task")[0].fields["WhoId"] == lead.id


def test_contacts_take_no_steps(org: Org) -> None:
    results = push(org.connector(record_object="Contact"), conversation(1))
    assert [r.detail for r in results[1:4]] == ["not sent: a Contact has no Lead Status"] * 3
    assert len(org.fake.org.live("Contact")) == 1 and not org.fake.org.live("Lead")


def test_search_by_email_or_phone(org: Org) -> None:
    push(org.connector(), conversation(1) + conversation(2))

    async def search(c: Connector) -> list[list[Match]]:
        queries = ("ADA1@example.com", "(555) 010-0002", "+1 555 010 0002", "x")
        return [await c.search(q) for q in queries]

    by_email, by_phone, by_e164, nothing = use(org.connector(), search)
    assert by_e164 == by_phone  # SOSL's reserved "+" and "(" are escaped
    assert [m.last_name for m in by_email] == ["Visitor1"]
    assert [m.email for m in by_phone] == ["ada2@example.com"]
    assert nothing == []


def test_forget_deletes_what_we_created_and_is_idempotent(org: Org) -> None:
    sent = push(org.connector(), conversation(1) + conversation(2))
    ids = tuple(dict.fromkeys(r.remote_id for r in sent[:5] if r.remote_id))  # lead, task
    assert len(ids) == 2
    first = push(org.connector(), [forget(1, ids)])
    again = push(org.connector(), [forget(1, ids)])
    assert isinstance(first[0], Sent) and isinstance(again[0], Sent)
    assert [r.fields["LastName"] for r in org.fake.org.live("Lead")] == ["Visitor2"]
    assert len(org.fake.org.live("Task")) == 1


def test_preview_is_exactly_what_push_sent(org: Org) -> None:
    jobs = [job for n in range(1, 15) for job in conversation(n)]
    connector = org.connector()

    async def go() -> list[Any]:
        before = connector.preview(jobs)
        await connector.push(jobs)
        after = connector.preview(jobs)
        await connector.aclose()
        return [before, after]

    before, after = run(go(), 20)
    sent = org.composites()
    assert [p.body for p in before] == [r.body for r in sent]
    assert before[0].url.startswith("{instance_url}/services/data/v62.0/composite")
    assert [p.url for p in after] == [f"http://{r.host}:{_port(org)}{r.path}" for r in sent]
    assert {p.method for p in after} == {"POST"}


def _port(org: Org) -> int:
    return int(org.login_url.rsplit(":", 1)[1])


def test_the_fake_rejects_requests_that_do_not_match_the_postman_items(org: Org) -> None:
    import httpx

    base = org.login_url.replace("localhost", "127.0.0.1")
    form = {"grant_type": "client_credentials", "client_id": "fake-consumer-key"}
    with httpx.Client(base_url=base, timeout=5) as client:
        refused = client.post("/services/oauth2/token", data=form)
        assert refused.status_code == 400 and "client_secret" in refused.json()["error_description"]
        form["client_secret"] = "fake-consumer-secret"
        token = client.post("/services/oauth2/token", data=form).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        composite = "/services/data/v62.0/composite"
        unknown = client.post(composite, headers=auth, json={"allOrNone": False, "batch": []})
        assert unknown.status_code == 400
        assert unknown.json()[0]["errorCode"] == "JSON_PARSER_ERROR"
        assert "batch" in unknown.json()[0]["message"]
        not_json = client.post(composite, headers=auth, content=b"{}")
        assert not_json.status_code == 415
        wrong_method = client.put("/services/data/v62.0/sobjects/Lead/00Q000000000001AAA")
        assert wrong_method.status_code == 405
        sub = {"method": "PATCH", "url": "/services/data/v62.0/nowhere/x", "referenceId": "a"}
        answer = client.post(composite, headers=auth, json={"compositeRequest": [sub, sub]})
        assert answer.status_code == 200
        first = answer.json()["compositeResponse"][0]
        assert first["httpStatusCode"] == 404 and first["body"][0]["errorCode"] == "NOT_FOUND"
        assert (
            client.get(composite, headers=auth)
            .headers["Sforce-Limit-Info"]
            .startswith("api-usage=")
        )
        unauthorized = client.post(composite, json={"compositeRequest": [sub]})
        assert unauthorized.status_code == 401
        assert unauthorized.json()[0]["errorCode"] == "INVALID_SESSION_ID"


def test_a_follow_up_is_one_open_task_on_the_lead_upserted_by_the_draft_key(org: Org) -> None:
    jobs = [*conversation(1)[:1], followup_task(1, owner_id="005000000000001AAA")]
    results = push(org.connector(), jobs)
    assert all(isinstance(r, Sent) for r in results), results
    [lead] = org.fake.org.live("Lead")
    [task] = org.fake.org.live("Task")
    assert task.fields["WhoId"] == lead.id and task.fields["OwnerId"] == "005000000000001AAA"
    assert task.fields["Subject"] == "Follow up: RAV4 XLE quote"
    assert task.fields["Description"] == followup_task(1).body
    assert task.fields["Status"] == "Not Started" and task.fields["ActivityDate"] == "2026-11-30"
    assert task.fields["Showfloor_Event_Id__c"] == "draft-1" and "TaskSubtype" not in task.fields
    assert results[-1].remote_id == task.id
    again = push(org.connector(), [followup_task(1, remote_id=lead.id)])  # a lost answer
    assert again[0].remote_id == task.id and len(org.fake.org.live("Task")) == 1


def test_a_follow_up_for_an_unknown_owner_is_failed_with_salesforces_reason(org: Org) -> None:
    results = push(org.connector(), [followup_task(2, owner_id="005000000000009ZZZ")])
    assert isinstance(results[0], Failed) and "INVALID_CROSS_REFERENCE_KEY" in results[0].reason
    assert org.fake.org.live("Task") == []
