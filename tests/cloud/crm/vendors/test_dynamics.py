"""The Dynamics 365 connector against the contract-following Dataverse/Entra fake on loopback.

Entra token flow and refresh, upserts by alternate key that never duplicate after a lost
answer, `@odata.bind` lookups and activity parties, 429 with Retry-After and the client-side
window, faults, permanent errors, search, forget, preview == what was sent, `test connection`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pytest

from cloud.crm.backoff import Backoff
from cloud.crm.connector import CrmAuthError
from cloud.crm.model import Failed, Match, Retry, Sent
from cloud.crm.vendors import load
from cloud.crm.vendors.dynamics import Connector, Settings
from harness.crm.dynamics import FakeDataverse
from harness.http import serve
from tests.cloud.crm.vendors.jobs_sfdyn import conversation, followup_task, forget, push, use

T = TypeVar("T")
STEPS = {"greeted": 2, "test_drive": 100000001, "negotiation": 100000002}


@dataclass
class Env:
    fake: FakeDataverse
    url: str
    seller: str

    def settings(self, **changes: Any) -> Settings:
        values: dict[str, Any] = {
            "org_url": self.url,
            "authority": self.url,
            "tenant_id": self.fake.entra.tenant_id,
            "client_id": self.fake.entra.client_id,
            "client_secret": self.fake.entra.client_secret,
            "step_statuscodes": STEPS,
            "timeout_s": 2.0,
            "max_wait_s": 2.0,
            "backoff": Backoff(base_s=0.01, cap_s=0.05, attempts=3),
        }
        values.update(changes)
        return Settings.model_validate(values)

    def connector(self, **changes: Any) -> Connector:
        return Connector(self.settings(**changes), clock=self.fake.clock)

    def api(self) -> list[Any]:
        return [r for r in self.fake.requests if r.path.startswith("/api/")]

    def rows(self, entity_set: str) -> list[dict[str, Any]]:
        return list(self.fake.tables.rows[entity_set].values())


@pytest.fixture
def env() -> Iterator[Env]:
    fake = FakeDataverse()
    fake.tables.custom_lead_statuscodes = {100000001, 100000002}
    seller = fake.tables.add_user("Sam Seller")
    with serve(fake.app) as url:
        fake.entra.resource = url
        yield Env(fake, url, seller)


def test_every_setting_is_described() -> None:
    missing = [name for name, field in Settings.model_fields.items() if not field.description]
    assert not missing


def test_the_vendor_module_loads_by_name() -> None:
    module = load("dynamics")
    assert module.Connector is Connector and module.Settings is Settings


def test_a_conversation_is_a_lead_and_a_phonecall_bound_by_alternate_key(env: Env) -> None:
    results = push(env.connector(), conversation(1, owner_id=env.seller))
    assert all(isinstance(r, Sent) for r in results), results
    assert env.fake.api_calls == 2 and env.fake.entra.issued == 1
    [lead] = env.rows("leads")
    [call] = env.rows("phonecalls")
    assert lead["new_showfloorpersonid"] == "person-1"
    assert lead["statuscode"] == 100000002  # the last step of the push
    assert lead["_ownerid_value"] == env.seller and lead["companyname"] == "Showroom visitor"
    assert call["new_showfloorkey"] == "ended-1"
    assert call["_regardingobjectid_lead_phonecall_value"] == lead["leadid"]
    assert call["_ownerid_value"] == env.seller
    assert call["phonecall_activity_parties"] == [
        {"partyid": lead["leadid"], "participationtypemask": 1},
        {"partyid": env.seller, "participationtypemask": 2},
    ]
    assert call["actualdurationminutes"] == 12 and call["statecode"] == 1
    assert results[0].remote_id == f"leads({lead['leadid']})"
    assert results[-1].remote_id == f"phonecalls({call['activityid']})"
    for request in env.api():
        assert request.headers["odata-version"] == "4.0"
        assert request.headers["odata-maxversion"] == "4.0"
        assert request.headers["prefer"] == "return=representation"


def test_a_lost_answer_and_a_second_push_never_duplicate(env: Env) -> None:
    env.fake.lost_delay_s = 0.6
    env.fake.fail_next("lost")
    jobs = conversation(1)
    first = push(env.connector(timeout_s=0.3), jobs)
    assert all(isinstance(r, Sent) for r in first), first
    second = push(env.connector(), jobs)  # our commit crashed after the 200
    assert [r.remote_id for r in second] == [r.remote_id for r in first]
    assert len(env.rows("leads")) == 1 and len(env.rows("phonecalls")) == 1


def test_a_bad_secret_raises_and_check_says_so(env: Env) -> None:
    with pytest.raises(CrmAuthError, match=r"bad client secret \(AADSTS7000215\)"):
        # two people: two chains in parallel, the refusal cancels the other one
        push(env.connector(client_secret="wrong"), conversation(1) + conversation(2))
    check = use(env.connector(tenant_id="nope"), lambda c: c.check())
    assert not check.ok and check.detail == "unknown tenant id (AADSTS90002)"


def test_check_names_a_missing_alternate_key_and_a_missing_app_user(env: Env) -> None:
    assert use(env.connector(), lambda c: c.check()).ok
    del env.fake.tables.keys["phonecalls"]
    check = use(env.connector(), lambda c: c.check())
    assert check.detail == "missing alternate key on phonecall: new_showfloorkey"
    env.fake.app_user = False
    check = use(env.connector(), lambda c: c.check())
    assert not check.ok and check.detail.startswith("no application user for client id")


def test_the_token_is_refreshed_before_expiry_and_once_on_401(env: Env) -> None:
    env.fake.entra.token_lifetime_s = 400
    connector = env.connector(refresh_margin_s=60.0)

    async def go() -> list[Any]:
        await connector.push(conversation(1))
        env.fake.clock.advance(350)  # 50 s left: inside the margin
        await connector.push(conversation(2))
        env.fake.entra.expire_all()  # revoked: 401, refresh once, resend
        return await connector.push(conversation(3))

    assert all(isinstance(r, Sent) for r in use(connector, lambda c: go()))
    assert env.fake.entra.issued == 3
    assert [r.path for r in env.api()].count(
        "/api/data/v9.2/leads(new_showfloorpersonid='person-3')"
    ) == 2


def test_429_retry_after_is_honoured(env: Env) -> None:
    env.fake.throttle_after_s = 1
    env.fake.fail_next("limit")
    connector = env.connector()
    results = push(connector, conversation(1))
    assert all(isinstance(r, Sent) for r in results)  # waited 1 s inside the push
    env.fake.throttle_after_s = 30  # longer than max_wait_s: handed back
    env.fake.fail_next("limit")
    results = push(env.connector(), conversation(2))
    assert all(isinstance(r, Retry) and r.after_s == pytest.approx(30, abs=1) for r in results)
    assert "0x80072322" in results[0].reason
    assert env.fake.throttled == 2


def test_the_window_is_kept_client_side_before_the_server_refuses(env: Env) -> None:
    env.fake.window_requests = 4
    connector = env.connector(window_requests=4, window_s=300.0, max_wait_s=1.0)

    async def go() -> list[list[Any]]:
        out = [await connector.push(conversation(n)) for n in (1, 2, 3)]
        env.fake.clock.advance(301)
        out.append(await connector.push(conversation(3)))
        return out

    pushes = use(connector, lambda c: go())
    assert all(isinstance(r, Sent) for r in pushes[0] + pushes[1])
    assert all(isinstance(r, Retry) and 290 < (r.after_s or 0) <= 300 for r in pushes[2])
    assert all(isinstance(r, Sent) for r in pushes[3])
    assert env.fake.throttled == 0  # never hit the server's limit


def test_5xx_and_timeouts_are_retried_then_handed_back(env: Env) -> None:
    env.fake.fail_next("server", 2)
    assert all(isinstance(r, Sent) for r in push(env.connector(), conversation(1)))
    env.fake.lost_delay_s = 0.6
    env.fake.fail_next("timeout")
    assert all(isinstance(r, Sent) for r in push(env.connector(timeout_s=0.3), conversation(2)))
    env.fake.fail_next("server", 3)
    results = push(env.connector(), conversation(3))
    assert all(isinstance(r, Retry) for r in results)
    assert "503" in results[0].reason and "0x80040216" in results[0].reason
    assert len(env.rows("leads")) == 2


def test_permanent_errors_fail_with_dataverses_words(env: Env) -> None:
    results = push(
        env.connector(step_statuscodes={"greeted": 7}), conversation(1, steps=("greeted",))
    )
    assert isinstance(results[0], Failed) and results[0].reason.startswith("0x8004431a")
    unknown_user = "22222222-2222-2222-2222-222222222222"
    results = push(env.connector(), conversation(2, owner_id=unknown_user))
    assert isinstance(results[0], Failed)
    assert results[0].reason == f"0x80040217: systemuser With Ids = {unknown_user} Does Not Exist"
    del env.fake.tables.keys["phonecalls"]
    results = push(env.connector(), conversation(3))
    assert isinstance(results[0], Sent) and isinstance(results[-1], Failed)
    assert "no alternate key" in results[-1].reason


def test_a_person_matched_by_search_is_updated_by_id_never_duplicated(env: Env) -> None:
    created, lead_id = env.fake.tables.upsert(
        "leads", "00000000-0000-0000-0000-000000000001", {"lastname": "Existing"}, {}
    )
    assert created
    results = push(env.connector(), conversation(1, remote_id=f"leads({lead_id})"))
    assert all(isinstance(r, Sent) for r in results), results
    [lead] = env.rows("leads")
    assert lead["statuscode"] == 100000002 and "companyname" not in lead
    assert env.rows("phonecalls")[0]["_regardingobjectid_lead_phonecall_value"] == lead_id
    gone = push(
        env.connector(), conversation(2, remote_id="leads(33333333-3333-3333-3333-333333333333)")
    )
    assert isinstance(gone[0], Failed) and "Does Not Exist" in gone[0].reason
    assert len(env.rows("leads")) == 1  # If-Match: * never creates


def test_search_by_email_or_phone(env: Env) -> None:
    push(env.connector(), conversation(1) + conversation(2))

    async def search(c: Connector) -> list[list[Match]]:
        return [await c.search(q) for q in ("ada1@example.com", "+15550100002", "o'brien@x.com")]

    by_email, by_phone, nothing = use(env.connector(), search)
    assert [m.last_name for m in by_email] == ["Visitor1"]
    assert by_email[0].remote_id.startswith("leads(")
    assert [m.email for m in by_phone] == ["ada2@example.com"]
    assert nothing == []


def test_forget_deletes_what_we_created_and_is_idempotent(env: Env) -> None:
    sent = push(env.connector(), conversation(1) + conversation(2))
    ids = (sent[4].remote_id, sent[0].remote_id)
    first = push(env.connector(), [forget(1, ids)])
    again = push(env.connector(), [forget(1, ids)])
    assert isinstance(first[0], Sent) and isinstance(again[0], Sent)
    assert [row["lastname"] for row in env.rows("leads")] == ["Visitor2"]
    assert len(env.rows("phonecalls")) == 1
    deletes = [r.path for r in env.api() if r.method == "DELETE"][:3]
    assert deletes[0].startswith("/api/data/v9.2/phonecalls(")  # activities before the lead


def test_preview_is_exactly_what_push_sent(env: Env) -> None:
    jobs = [job for n in range(1, 6) for job in conversation(n, owner_id=env.seller)]
    connector = env.connector()
    preview = connector.preview(jobs)
    push(connector, jobs)
    sent = env.api()
    previewed = [(p.method, p.url, json.dumps(p.body, sort_keys=True)) for p in preview]
    received = [
        (r.method, f"{env.url}{r.path}?$select={r.query[0][1]}", json.dumps(r.body, sort_keys=True))
        for r in sent
    ]
    # different people's requests go in parallel: the same requests, one person's in order
    assert sorted(previewed) == sorted(received)
    for n in range(1, 6):
        mine = [r for r in received if f"person-{n}" in r[1] or f"ended-{n}" in r[1]]
        assert [r[1] for r in mine] == [p[1] for p in previewed if p in mine]
        assert "leads(" in mine[0][1] and "phonecalls(" in mine[1][1]


def test_the_fake_rejects_requests_without_odata_headers_or_binds(env: Env) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": env.fake.entra.client_id,
        "client_secret": env.fake.entra.client_secret,
        "scope": f"{env.url}/.default",
    }
    with httpx.Client(base_url=env.url, timeout=5) as client:
        token = client.post(f"/{env.fake.entra.tenant_id}/oauth2/v2.0/token", data=form).json()
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        lead = "/api/data/v9.2/leads(new_showfloorpersonid='x')"
        bare = client.patch(lead, headers=auth, json={"lastname": "X"})
        assert bare.status_code == 400 and "odata-maxversion" in bare.json()["error"]["message"]
        odata = {
            **auth,
            "OData-MaxVersion": "4.0",
            "OData-Version": "4.0",
            "Accept": "application/json",
        }
        plain_lookup = client.patch(lead, headers=odata, json={"ownerid": "x"})
        assert plain_lookup.json()["error"]["code"] == "0x80048d19"
        assert "@odata.bind" in plain_lookup.json()["error"]["message"]
        bad_bind = client.patch(lead, headers=odata, json={"ownerid@odata.bind": "/leads(x)"})
        assert bad_bind.status_code == 400 and bad_bind.json()["error"]["code"] == "0x80060891"
        unknown = client.patch(lead, headers=odata, json={"foo": 1})
        assert "The property 'foo' does not exist" in unknown.json()["error"]["message"]
        no_key = client.patch("/api/data/v9.2/leads(emailaddress1='x')", headers=odata, json={})
        assert no_key.status_code == 400
        assert (
            client.get(
                "/api/data/v9.2/WhoAmI", headers=odata | {"Authorization": "Bearer x"}
            ).status_code
            == 401
        )


def test_a_follow_up_is_one_open_task_regarding_the_lead_by_alternate_key(env: Env) -> None:
    jobs = [*conversation(1)[:1], followup_task(1, owner_id=env.seller)]
    results = push(env.connector(), jobs)
    assert all(isinstance(r, Sent) for r in results), results
    [lead] = env.rows("leads")
    [task] = env.rows("tasks")
    assert task["new_showfloorkey"] == "draft-1"
    assert task["_regardingobjectid_lead_task_value"] == lead["leadid"]
    assert task["_ownerid_value"] == env.seller
    assert task["subject"] == "Follow up: RAV4 XLE quote"
    assert task["description"] == followup_task(1).body
    assert task["scheduledend"] == "2026-11-30T14:00:00Z"
    assert (task["statecode"], task["statuscode"]) == (0, 2)  # Open, Not Started
    assert results[-1].remote_id == f"tasks({task['activityid']})"
    lead_id = f"leads({lead['leadid']})"
    again = push(env.connector(), [followup_task(1, remote_id=lead_id)])  # pushed again
    assert again[0].remote_id == results[-1].remote_id and len(env.rows("tasks")) == 1
    gone = push(env.connector(), [forget(1, (lead_id, results[-1].remote_id))])
    assert isinstance(gone[0], Sent) and env.rows("tasks") == [] and env.rows("leads") == []


def test_a_follow_up_without_the_task_key_is_failed_with_dataverses_reason(env: Env) -> None:
    del env.fake.tables.keys["tasks"]
    results = push(env.connector(), [*conversation(1)[:1], followup_task(1)])
    assert isinstance(results[0], Sent) and isinstance(results[1], Failed), results
    assert "alternate key" in results[1].reason and env.rows("tasks") == []
    check = use(env.connector(), lambda c: c.check())
    assert check.detail == "missing alternate key on task: new_showfloorkey"
