"""The fake HubSpot itself, spoken to with plain HTTP: does it hold to HubSpot's contract?

A fake that accepted what HubSpot refuses would let connector bugs through, so these tests
send what HubSpot documents as wrong and expect HubSpot's answers.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from harness.crm.hubspot import Config, FakeClock, Portal, create_app
from harness.crm.hubspot.portal import READ
from harness.http import serve

AUTH = {"Authorization": "Bearer test-token"}
CONTACTS = "/crm/v3/objects/contacts"
CALLS = "/crm/v3/objects/calls"
CALL_PROPS = {"hs_timestamp": "2026-11-29T15:00:00Z", "showfloor_event_id": "e1"}


@contextmanager
def client(
    config: Config | None = None, clock: FakeClock | None = None
) -> Iterator[tuple[httpx.Client, Portal]]:
    """A running fake and a client on it."""
    portal = Portal(config or Config(), clock)
    with (
        serve(create_app(portal)) as url,
        httpx.Client(base_url=url, headers=AUTH, timeout=5) as http,
    ):
        yield http, portal


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A client on a fake with HubSpot's limits."""
    with client() as (running, _):
        yield running


def contact(http: httpx.Client, email: str = "ana@example.com") -> str:
    """Create a contact; its id."""
    answer = http.post(CONTACTS, json={"properties": {"email": email}, "associations": []})
    assert answer.status_code == 201
    return str(answer.json()["id"])


def is_error(answer: httpx.Response, status: int, category: str) -> dict[str, Any]:
    """HubSpot's error body: status, message, category, correlationId."""
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert body["status"] == "error"
    assert body["category"] == category
    assert body["message"] and body["correlationId"]
    return body


@pytest.mark.parametrize(
    "body",
    [
        {"properties": {"email": "a@b.c"}},  # associations missing
        {"associations": []},  # properties missing
        {"properties": {"hs_call_duration": 720}, "associations": []},  # not a string
        {
            "properties": {},
            "associations": [{"to": {"id": "1"}, "types": [{"associationTypeId": 194}]}],
        },
        {"properties": {}, "associations": [{"to": "1", "types": []}]},
    ],
)
def test_a_create_body_outside_the_shape_is_a_validation_error(
    http: httpx.Client, body: Any
) -> None:
    """Create needs `properties` (strings) and `associations` (full association specs)."""
    is_error(http.post(CONTACTS, json=body), 400, "VALIDATION_ERROR")


def test_more_than_100_inputs_are_refused(http: httpx.Client) -> None:
    """Batch endpoints take at most 100 inputs."""
    inputs = [
        {"id": f"p{n}@example.com", "idProperty": "email", "properties": {}} for n in range(101)
    ]
    is_error(
        http.post(f"{CONTACTS}/batch/upsert", json={"inputs": inputs}), 400, "VALIDATION_ERROR"
    )


def test_an_existing_contact_is_a_409_naming_its_id(http: httpx.Client) -> None:
    """`Contact already exists. Existing ID: N`, the connector's cue to update."""
    first = contact(http, "Ana@Example.com")
    body = is_error(
        http.post(CONTACTS, json={"properties": {"email": "ana@example.com"}, "associations": []}),
        409,
        "CONFLICT",
    )
    assert body["message"] == f"Contact already exists. Existing ID: {first}"


def test_upsert_answers_new_and_updates_by_email(http: httpx.Client) -> None:
    """The same e-mail twice: one contact, `new` true then false."""

    def up(name: str) -> dict[str, Any]:
        inputs = [
            {"id": "ana@example.com", "idProperty": "email", "properties": {"firstname": name}}
        ]
        answer = http.post(f"{CONTACTS}/batch/upsert", json={"inputs": inputs})
        assert answer.status_code == 200
        result: dict[str, Any] = answer.json()["results"][0]
        return result

    first, second = up("Ana"), up("Anna")
    assert (first["new"], second["new"]) == (True, False)
    assert first["id"] == second["id"] and second["properties"]["firstname"] == "Anna"


def test_a_call_is_created_with_its_association_and_read_back_through_it(
    http: httpx.Client,
) -> None:
    """Batch create with a 194 association; the v4 association read finds it."""
    contact_id = contact(http)
    link = {
        "to": {"id": contact_id},
        "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194}],
    }
    created = http.post(
        f"{CALLS}/batch/create",
        json={"inputs": [{"properties": CALL_PROPS, "associations": [link]}]},
    )
    assert created.status_code == 201
    call_id = created.json()["results"][0]["id"]
    links = http.post(
        "/crm/v4/associations/contacts/calls/batch/read", json={"inputs": [{"id": contact_id}]}
    )
    assert links.json()["results"][0]["to"][0]["toObjectId"] == int(call_id)
    read = http.post(
        f"{CALLS}/batch/read",
        json={"properties": ["showfloor_event_id"], "inputs": [{"id": call_id}]},
    )
    assert read.json()["results"][0]["properties"]["showfloor_event_id"] == "e1"


def test_a_call_needs_a_timestamp_and_an_existing_contact(http: httpx.Client) -> None:
    """hs_timestamp is required; an association to a missing contact is refused."""
    link = {
        "to": {"id": "999"},
        "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194}],
    }
    is_error(
        http.post(CALLS, json={"properties": {"hs_call_title": "x"}, "associations": []}),
        400,
        "VALIDATION_ERROR",
    )
    is_error(
        http.post(CALLS, json={"properties": CALL_PROPS, "associations": [link]}),
        400,
        "VALIDATION_ERROR",
    )


def test_unknown_properties_and_options_are_refused(http: httpx.Client) -> None:
    """PROPERTY_DOESNT_EXIST, INVALID_OPTION, as HubSpot names them."""
    body = is_error(
        http.post(CONTACTS, json={"properties": {"shoe_size": "9"}, "associations": []}),
        400,
        "VALIDATION_ERROR",
    )
    assert "PROPERTY_DOESNT_EXIST" in body["message"]
    body = is_error(
        http.post(CONTACTS, json={"properties": {"hs_lead_status": "HOT"}, "associations": []}),
        400,
        "VALIDATION_ERROR",
    )
    assert "INVALID_OPTION" in body["message"]


def test_batch_update_of_a_missing_id_is_207(http: httpx.Client) -> None:
    """Multi-status: the existing one updated, the missing id named in the error context."""
    contact_id = contact(http)
    inputs = [{"id": contact_id, "properties": {"firstname": "A"}}, {"id": "999", "properties": {}}]
    answer = http.post(f"{CONTACTS}/batch/update", json={"inputs": inputs})
    assert answer.status_code == 207
    assert answer.json()["errors"][0]["context"] == {"ids": ["999"]}


def test_search_filters_and_pages(http: httpx.Client) -> None:
    """Groups ORed, `IN` values, `paging.next.after`."""
    for n in range(3):
        contact(http, f"p{n}@example.com")
    flt = {
        "propertyName": "email",
        "operator": "IN",
        "values": ["p0@example.com", "p2@example.com"],
    }
    first = http.post(
        f"{CONTACTS}/search", json={"filterGroups": [{"filters": [flt]}], "limit": 1}
    ).json()
    assert first["total"] == 2 and first["paging"]["next"]["after"] == "1"


def test_gdpr_delete_removes_the_contact_and_404s_after(http: httpx.Client) -> None:
    """By e-mail; a second time there is nothing to delete."""
    contact(http)
    body = {"objectId": "ana@example.com", "idProperty": "email"}
    assert http.post(f"{CONTACTS}/gdpr-delete", json=body).status_code == 204
    is_error(http.post(f"{CONTACTS}/gdpr-delete", json=body), 404, "OBJECT_NOT_FOUND")


def test_auth_and_scopes() -> None:
    """No or a wrong token: 401; a token without the scope: 403 naming it."""
    with client(Config(tokens={"read-only": frozenset({READ})})) as (http, _):
        is_error(http.get(CONTACTS, headers={"Authorization": ""}), 401, "INVALID_AUTHENTICATION")
        body = is_error(
            http.post(
                CONTACTS,
                json={"properties": {}, "associations": []},
                headers={"Authorization": "Bearer read-only"},
            ),
            403,
            "MISSING_SCOPES",
        )
        assert body["errors"][0]["context"]["requiredGranularScopes"] == [
            "crm.objects.contacts.write"
        ]


def test_rate_limits_answer_429_with_policy_and_headers() -> None:
    """The burst window and the daily cap, HubSpot's headers on every answer."""
    with client(Config(per_window=2, daily_limit=3)) as (http, portal):
        answers = [http.get(f"{CONTACTS}?limit=1") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[1].headers["X-HubSpot-RateLimit-Remaining"] == "0"
        assert answers[1].headers["X-HubSpot-RateLimit-Daily-Remaining"] == "1"
        assert is_error(answers[2], 429, "RATE_LIMITS")["policyName"] == "SECONDLY"
    with client(Config(daily_limit=1)) as (http, portal):
        http.get(CONTACTS)
        assert is_error(http.get(CONTACTS), 429, "RATE_LIMITS")["policyName"] == "DAILY"
        assert portal.counts["limited.DAILY"] == 1


def test_search_has_its_own_limit() -> None:
    """The third search in a window of two is refused; other requests still pass."""
    with client(Config(search_per_window=2, search_window_s=60)) as (http, _):
        search = [http.post(f"{CONTACTS}/search", json={}).status_code for _ in range(3)]
        assert search == [200, 200, 429]
        assert http.get(CONTACTS).status_code == 200


def test_a_faster_clock_opens_the_window_sooner() -> None:
    """At 1000x, a 10 s window lasts 10 ms: the bench runs HubSpot's limits quickly."""
    with client(Config(per_window=1), FakeClock(speed=1000)) as (http, portal):
        statuses = []
        for _ in range(3):
            statuses.append(http.get(CONTACTS).status_code)
            time.sleep(0.011)  # 11 s on the fake's clock
        assert statuses == [200, 200, 200]
        assert portal.counts["limited.SECONDLY"] == 0


def test_the_daily_limit_resets_at_midnight_on_the_fakes_clock() -> None:
    """A day used up a moment before midnight is new again after it."""
    midnight = 86400 * 20000
    clock = FakeClock(speed=20, start=midnight - 30)  # 1.5 s before midnight, in real time
    with client(Config(daily_limit=1), clock) as (http, _):
        assert [http.get(CONTACTS).status_code for _ in range(2)] == [200, 429]
        assert clock.now() < midnight
        while clock.now() < midnight:
            time.sleep(0.01)
        assert http.get(CONTACTS).status_code == 200


def test_faults_apply_the_write_then_lose_the_answer() -> None:
    """lost_answer: the contact exists although the client saw a 502."""
    with client() as (http, portal):
        portal.config.faults.lost_answer_rate = 1.0
        answer = http.post(CONTACTS, json={"properties": {"email": "a@b.c"}, "associations": []})
        assert answer.status_code == 502
        assert len(portal.live("contacts")) == 1
        portal.config.faults.lost_answer_rate = 0.0
        portal.config.faults.error_rate = 1.0
        assert http.post(CONTACTS, json={"properties": {}, "associations": []}).status_code >= 500
        assert len(portal.live("contacts")) == 1


def test_the_drain_command_loses_and_duplicates_nothing_under_faults() -> None:
    """`python -m harness.crm.hubspot.drain` (the figures in docs/crm.md), small and faulty."""
    command = ["-m", "harness.crm.hubspot.drain", "--conversations", "120", "--fail-rate", "0.2"]
    done = subprocess.run(
        [sys.executable, *command, "--pairs", "10"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    line = done.stdout.strip()
    assert "contacts 120 (120 distinct), calls 120 (120 distinct), failed 0" in line, line
