"""The HubSpot connector against the contract-following fake (harness/crm/hubspot) on loopback.

Every test ends by checking that the fake found no request body outside HubSpot's request
shapes (`schema_violations == 0`) unless it says otherwise.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from cloud.crm.connector import Connector as CrmConnector
from cloud.crm.connector import CrmAuthError, CrmError
from cloud.crm.model import (
    Activity,
    Consent,
    Failed,
    ForgetPerson,
    LogActivity,
    ObjectionSummary,
    Owner,
    Person,
    Retry,
    Sent,
    SetStep,
    Step,
    SyncJob,
    UpsertPerson,
)
from cloud.crm.vendors import load
from cloud.crm.vendors.hubspot import Connector, Settings
from cloud.crm.vendors.hubspot.limits import until_midnight
from harness.crm.hubspot import Config, FakeClock, Faults, Portal, create_app
from harness.crm.hubspot.portal import READ, SCHEMAS, Record
from harness.http import serve
from tests.aio import run

T0 = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
CONSENT = Consent(by_user="sam@dealer.example", at=T0, scopes=("crm",), text="Keep my details.")


def person(n: int = 1, *, email: bool = True, phone: str | None = None) -> Person:
    """Customer `n` (with or without e-mail)."""
    return Person(
        id=f"p{n}",
        first_name="Ana",
        last_name=f"Customer{n}",
        email=f"ana{n}@example.com" if email else None,
        phone=phone,
        consent=CONSENT,
    )


def upsert(who: Person, owner: str | None = None) -> UpsertPerson:
    """The link job of `who`."""
    crm = Owner(name="Sam", crm_user_id=owner) if owner else None
    return UpsertPerson(key=f"link-{who.id}", tenant_id="t", site_id="s", person=who, owner=crm)


def activity(who: Person, n: int = 1, owner: str | None = None) -> LogActivity:
    """Conversation `n` of `who`, ended."""
    crm = Owner(name="Sam", crm_user_id=owner) if owner else Owner(name="Sam")
    return LogActivity(
        key=f"ended-{who.id}-{n}",
        tenant_id="t",
        site_id="s",
        person=who,
        activity=Activity(
            conversation_id=f"c-{who.id}-{n}",
            site_id="s",
            owner=crm,
            started_at=T0,
            ended_at=T0 + timedelta(minutes=12),
            duration_s=720.5,
            objections=(ObjectionSummary(objection="price", handled=True),),
            signals=("asked about financing",),
            sentiment_start=-0.2,
            sentiment_end=0.6,
            next_step="test drive Saturday",
            summary="Interested in the hybrid <SUV>.",
        ),
    )


def step(who: Person, name: Step) -> SetStep:
    """Showroom step `name` of `who`."""
    return SetStep(
        key=f"step-{who.id}-{name}",
        tenant_id="t",
        site_id="s",
        person=who,
        step=name,
        at=T0,
        conversation_id=f"c-{who.id}-1",
    )


def forget(who: Person) -> ForgetPerson:
    """Forget `who`."""
    return ForgetPerson(
        key=f"forget-{who.id}", tenant_id="t", site_id="s", person_id=who.id, email=who.email
    )


class Fake:
    """A running fake portal and how to make connectors for it."""

    def __init__(self, portal: Portal, url: str) -> None:
        self.portal = portal
        self.url = url

    def settings(self, **overrides: Any) -> Settings:
        """Connector settings for this fake (limits as HubSpot's unless overridden)."""
        values: dict[str, Any] = {"token": SecretStr("test-token"), "base_url": self.url}
        values.update(overrides)
        return Settings(**values)

    def push(self, jobs: Sequence[SyncJob], **overrides: Any) -> list[Any]:
        """Push `jobs` with a fresh connector (as a restarted worker would)."""
        return run(self._push(jobs, overrides))

    async def _push(self, jobs: Sequence[SyncJob], overrides: dict[str, Any]) -> list[Any]:
        connector = Connector(self.settings(**overrides))
        try:
            return await connector.push(jobs)
        finally:
            await connector.aclose()

    def contacts(self) -> list[Record]:
        """The portal's contacts."""
        return self.portal.live("contacts")

    def calls(self) -> list[Record]:
        """The portal's calls."""
        return self.portal.live("calls")

    def paths(self) -> list[str]:
        """Method and path of every request received, in order."""
        return [f"{r.method} {r.path}" for r in self.portal.requests]


@contextmanager
def start(config: Config | None = None, clock: FakeClock | None = None) -> Iterator[Fake]:
    """Serve a fake portal for one test; no schema violation may have happened."""
    portal = Portal(config or Config(), clock)
    with serve(create_app(portal)) as url:
        yield Fake(portal, url)
    assert portal.counts["schema_violations"] == 0


@pytest.fixture
def fake() -> Iterator[Fake]:
    """A fake portal with HubSpot's limits."""
    with start() as running:
        yield running


UPSERT = "POST /crm/v3/objects/contacts/batch/upsert"
CREATE_CALLS = "POST /crm/v3/objects/calls/batch/create"


def test_load_gives_the_vendor_module() -> None:
    """`load("hubspot")` exposes Settings and Connector, which implements the protocol."""
    module = load("hubspot")
    assert module.Settings is Settings
    assert module.Connector is Connector
    connector: CrmConnector = Connector(Settings(token=SecretStr("t")))  # mypy checks the fit
    assert connector.vendor == "hubspot" and connector.max_batch == 100
    run(connector.aclose())


def test_every_setting_is_described_and_bad_values_are_refused() -> None:
    """Descriptions for the settings page; an unknown zone or key is a clear error."""
    assert all(field.description for field in Settings.model_fields.values())
    with pytest.raises(ValidationError, match="unknown time zone"):
        Settings(token=SecretStr("t"), account_timezone="Mars/Olympus")
    with pytest.raises(ValidationError, match="extra"):
        Settings.model_validate({"token": "t", "tokn": "t"})


def test_person_is_upserted_by_email_then_updated_never_duplicated(fake: Fake) -> None:
    """A second upsert of the same person (changed name) updates the one contact."""
    ana = person()
    first = fake.push([upsert(ana, owner="101")])
    renamed = ana.model_copy(update={"last_name": "Renamed"})
    second = fake.push([upsert(renamed)])
    assert isinstance(first[0], Sent)
    assert isinstance(second[0], Sent)
    assert first[0].remote_id == second[0].remote_id
    [contact] = fake.contacts()
    assert contact.properties["lastname"] == "Renamed"
    assert contact.properties["hubspot_owner_id"] == "101"
    assert contact.properties["showfloor_person_id"] == "p1"
    assert fake.paths() == [UPSERT, UPSERT]


def test_activity_is_a_call_associated_with_the_contact(fake: Fake) -> None:
    """Person and conversation in one push: one upsert, one batch create (no reads: new)."""
    ana = person()
    results = fake.push([upsert(ana), activity(ana, owner="102")])
    assert [type(r) for r in results] == [Sent, Sent]
    [contact], [call] = fake.contacts(), fake.calls()
    assert call.associations == [(contact.id, 194)]
    assert results[1].remote_id == call.id
    props = call.properties
    assert props["showfloor_event_id"] == "ended-p1-1"
    assert props["hs_call_duration"] == "720500"
    assert props["hubspot_owner_id"] == "102"
    assert props["hs_timestamp"] == "2026-11-29T15:00:00Z"
    assert "price (handled)" in props["hs_call_body"]
    assert "&lt;SUV&gt;" in props["hs_call_body"]
    assert fake.paths() == [UPSERT, CREATE_CALLS]


def test_a_spanish_dealers_call_is_titled_and_written_in_spanish(fake: Fake) -> None:
    ana = person()
    job = activity(ana)
    spanish = job.activity.model_copy(
        update={"language": "es", "summary": "Conversación en el showroom, 12 min."}
    )
    results = fake.push([upsert(ana), job.model_copy(update={"activity": spanish})])
    assert [type(r) for r in results] == [Sent, Sent]
    [call] = fake.calls()
    assert call.properties["hs_call_title"] == "Conversación en el showroom (s)"
    body = call.properties["hs_call_body"]
    assert body.startswith("<p>Conversación en el showroom, 12 min.</p><p>Vendedor: Sam</p>")
    assert "<p>Objeción: precio (atendida)</p>" in body
    assert "Sentimiento: -0.2 -&gt; +0.6" in body
    assert "handled" not in body


def test_a_lost_answer_then_a_retry_creates_nothing_twice(fake: Fake) -> None:
    """The fake stores and answers; the worker crashes before committing and pushes again."""
    ana, ben = person(1), person(2)
    jobs: list[SyncJob] = [upsert(ana), activity(ana), upsert(ben), activity(ben)]
    lost = fake.push(jobs)
    again = fake.push(jobs)
    assert len(fake.contacts()) == 2
    assert len(fake.calls()) == 2
    assert [r.remote_id for r in again] == [r.remote_id for r in lost]
    assert again[1].detail == "already in HubSpot"
    assert fake.paths()[-3:] == [
        UPSERT,
        "POST /crm/v4/associations/contacts/calls/batch/read",
        "POST /crm/v3/objects/calls/batch/read",
    ]


def test_a_retry_right_after_the_write_is_safe_although_search_lags() -> None:
    """Search answers seconds late; the check for existing calls does not use search."""
    with start(Config(search_lag_s=3600)) as fake:
        ana = person()
        fake.push([upsert(ana), activity(ana)])
        fake.push([activity(ana.model_copy(update={"remote_id": fake.contacts()[0].id}))])
        assert len(fake.calls()) == 1


def test_steps_set_the_lead_status_in_order_and_unmapped_steps_send_nothing(
    fake: Fake,
) -> None:
    """The latest step of a push wins; a step mapped to null is answered without a request."""
    ana = person()
    fake.push([upsert(ana), step(ana, "greeted"), step(ana, "test_drive")])
    assert fake.contacts()[0].properties["hs_lead_status"] == "IN_PROGRESS"
    results = fake.push([step(ana, "left")], steps={"left": None})
    assert isinstance(results[0], Sent)
    assert "not mapped" in results[0].detail
    fake.push(
        [step(ana, "negotiation")],
        step_property="lifecyclestage",
        steps={"negotiation": "opportunity"},
    )
    assert fake.contacts()[0].properties["lifecyclestage"] == "opportunity"
    assert fake.paths() == [UPSERT, UPSERT]


def test_a_person_without_email_is_searched_by_phone_then_created_then_updated(
    fake: Fake,
) -> None:
    """No e-mail: search (our person id or phone), create, and next time update the same."""
    walk_in = person(7, email=False, phone="+4915112345678")
    first = fake.push([upsert(walk_in), activity(walk_in)])
    second = fake.push(
        [upsert(walk_in.model_copy(update={"first_name": "Anna"})), step(walk_in, "greeted")]
    )
    [contact] = fake.contacts()
    assert contact.properties["firstname"] == "Anna"
    assert contact.properties["hs_lead_status"] == "OPEN"
    assert first[0].remote_id == second[0].remote_id == contact.id
    assert fake.paths() == [
        "POST /crm/v3/objects/contacts/search",
        "POST /crm/v3/objects/contacts",
        CREATE_CALLS,
        "POST /crm/v3/objects/contacts/search",
        "POST /crm/v3/objects/contacts/batch/update",
    ]


def test_a_409_contact_already_exists_is_answered_by_updating() -> None:
    """Search lags, our person id is a unique property: the create gets 409 -> update."""
    unique = {"contacts": frozenset({"email", "showfloor_person_id"}), "calls": frozenset[str]()}
    with start(Config(search_lag_s=3600, unique=unique)) as fake:
        walk_in = person(8, email=False, phone="+4915100000000")
        fake.push([upsert(walk_in)])
        results = fake.push([upsert(walk_in.model_copy(update={"last_name": "Later"}))])
        [contact] = fake.contacts()
        assert results[0] == Sent(remote_id=contact.id)
        assert contact.properties["lastname"] == "Later"
        assert fake.portal.counts["status.409"] == 1


def test_owner_unknown_to_hubspot_fails_with_the_reason_and_blocks_the_activity(
    fake: Fake,
) -> None:
    """A bad owner id is permanent: Failed with HubSpot's message, no call for that person."""
    ana = person()
    results = fake.push([upsert(ana, owner="999"), activity(ana)])
    assert isinstance(results[0], Failed)
    assert "INVALID_OWNER_ID" in results[0].reason
    assert isinstance(results[1], Failed)
    assert results[1].reason.startswith("contact not synced")
    assert fake.calls() == []


def test_a_contact_deleted_in_hubspot_fails_its_update(fake: Fake) -> None:
    """Batch update 207: the missing id is named; the job fails, others are unaffected."""
    gone = person(3, email=False).model_copy(update={"remote_id": "424242"})
    results = fake.push([step(gone, "greeted")])
    assert isinstance(results[0], Failed)
    assert "Could not get some" in results[0].reason


def test_forget_archives_our_calls_and_gdpr_deletes_the_contact(fake: Fake) -> None:
    """Our calls archived, the contact gdpr-deleted; a second forget finds nothing."""
    ana, ben = person(1), person(2, email=False, phone="+4915100000002")
    fake.push([upsert(ana), activity(ana), activity(ana, 2), upsert(ben), activity(ben)])
    results = fake.push([forget(ana), forget(ben)])
    assert results[0] == Sent(detail="deleted: 1 contact(s) by gdpr-delete, 2 call(s)")
    assert results[1] == Sent(detail="deleted: 1 contact(s) by gdpr-delete, 1 call(s)")
    assert fake.contacts() == [] and fake.calls() == []
    assert len(fake.portal.gdpr_deleted) == 2
    assert fake.push([forget(ana)]) == [Sent(detail="nothing_found")]


def test_search_finds_contacts_by_email_or_phone(fake: Fake) -> None:
    """The link page's search: e-mail (case-insensitive) or phone; empty query asks nothing."""
    fake.push([upsert(person(1, phone="+4915111111111")), upsert(person(2))])

    async def go() -> tuple[Any, ...]:
        connector = Connector(fake.settings())
        try:
            return (
                await connector.search("ANA1@example.com"),
                await connector.search("+4915111111111"),
                await connector.search("  "),
            )
        finally:
            await connector.aclose()

    by_email, by_phone, empty = run(go())
    assert [m.email for m in by_email] == ["ana1@example.com"]
    assert [m.last_name for m in by_phone] == ["Customer1"]
    assert empty == []


def test_check_names_what_is_wrong() -> None:
    """Bad token, a missing scope, a missing custom property, a step value with no option."""
    config = Config(
        tokens={"test-token": frozenset({READ, SCHEMAS}), "no-schemas": frozenset({READ})}
    )
    del config.properties["calls"]["showfloor_event_id"]
    with start(config) as fake:

        async def check(**overrides: Any) -> str:
            connector = Connector(fake.settings(**overrides))
            try:
                found = await connector.check()
            finally:
                await connector.aclose()
            return ("ok: " if found.ok else "") + found.detail

        assert "refused the access token" in run(check(token=SecretStr("wrong")))
        assert run(check(token=SecretStr("no-schemas"))) == (
            "HubSpot token is missing scope crm.schemas.contacts.read"
        )
        assert run(check()) == "missing custom calls property showfloor_event_id (single-line text)"
        config.properties["calls"]["showfloor_event_id"] = None
        assert run(check(steps={"left": "GONE"})) == "hs_lead_status has no option GONE"
        assert run(check()).startswith("ok: token accepted")


def test_a_refused_token_raises_auth_error_from_push(fake: Fake) -> None:
    """401: nothing can succeed until an admin fixes the token."""
    with pytest.raises(CrmAuthError, match="refused the access token"):
        fake.push([upsert(person())], token=SecretStr("expired"))


def test_a_missing_write_scope_raises_auth_error_naming_it() -> None:
    """403 MISSING_SCOPES on the first write: the message names the scope to add."""
    with start(Config(tokens={"test-token": frozenset({READ})})) as fake:
        with pytest.raises(CrmAuthError, match=r"missing scope crm\.objects\.contacts\.write"):
            fake.push([upsert(person())])
        assert fake.contacts() == []


async def _each(fake: Fake, calls: list[Any], **overrides: Any) -> list[Any]:
    """Run each `(method, argument)` on one connector (its limiter sees them all)."""
    connector = Connector(fake.settings(**overrides))
    try:
        return [await getattr(connector, method)(argument) for method, argument in calls]
    finally:
        await connector.aclose()


def test_the_burst_window_is_waited_for_not_hit() -> None:
    """12 requests with 5 allowed per 0.5 s: no 429, and it took at least two windows."""
    with start(Config(per_window=5, window_s=0.5)) as fake:
        began = time.monotonic()
        results = run(
            _each(
                fake,
                [("push", [upsert(person(n))]) for n in range(12)],
                requests_per_window=5,
                window_s=0.5,
            )
        )
        assert all(isinstance(r[0], Sent) for r in results)
        assert time.monotonic() - began >= 1.0
        assert fake.portal.counts["status.429"] == 0


def test_a_wait_longer_than_max_wait_comes_back_as_retry_without_sending(fake: Fake) -> None:
    """The worker sleeps, not the connector: the third push is not sent at all."""
    results = run(
        _each(
            fake,
            [("push", [upsert(person(n))]) for n in range(3)],
            requests_per_window=2,
            max_wait_s=0,
        )
    )
    third = results[2][0]
    assert isinstance(third, Retry)
    assert third.after_s is not None and 9 < third.after_s <= 10.3
    assert len(fake.portal.requests) == 2


def test_search_has_its_own_window() -> None:
    """5 searches with 2 allowed per 0.5 s: waited for, never refused."""
    with start(Config(search_per_window=2, search_window_s=0.5)) as fake:
        began = time.monotonic()
        found = run(
            _each(
                fake,
                [("search", f"+49{n}") for n in range(5)],
                search_per_window=2,
                search_window_s=0.5,
            )
        )
        assert found == [[]] * 5
        assert time.monotonic() - began >= 1.0
        assert fake.portal.counts["status.429"] == 0


def test_a_search_429_closes_only_the_search_window() -> None:
    """The web view's search used the token's searches up: a walk-in waits, others do not."""
    with start(Config(search_per_window=1, search_window_s=60)) as fake:
        run(_each(fake, [("search", "+491")]))  # another process of the same token

        async def go() -> list[Any]:
            connector = Connector(fake.settings(max_wait_s=0))
            try:
                with pytest.raises(CrmError, match="SECONDLY"):
                    await connector.search("+492")
                walk_in = person(9, email=False, phone="+493")
                return await connector.push([upsert(walk_in), upsert(person(10))])
            finally:
                await connector.aclose()

        walk_in, ana = run(go())
        assert isinstance(walk_in, Retry) and walk_in.after_s is not None
        assert 0 < walk_in.after_s <= 1.02
        assert isinstance(ana, Sent)
        assert fake.portal.counts["limited.SECONDLY"] == 1


def test_a_secondly_429_retries_after_the_window_and_stops_sending_until_then() -> None:
    """Another app used the portal's window: Retry after it, and no hammering meanwhile.

    The fake's clock stands still: a running one could roll the 10 s window over between the
    pushes that use it up and the connector's, which would then be sent.
    """
    with start(Config(per_window=2), FakeClock(speed=0.0)) as fake:
        fake.push([upsert(person(1)), upsert(person(2), owner="101")])
        fake.push([upsert(person(3))])  # another app: the window is used up
        results = run(_each(fake, [("push", [upsert(person(n))]) for n in (4, 5)], max_wait_s=0))
        first, second = results[0][0], results[1][0]
        assert isinstance(first, Retry) and "SECONDLY" in first.reason
        assert first.after_s == 10.2  # the window and its 2 % margin
        assert isinstance(second, Retry)
        assert fake.portal.counts["limited.SECONDLY"] == 1
        assert len(fake.portal.requests) == 3


def test_the_daily_limit_read_from_the_headers_waits_for_midnight() -> None:
    """Daily-Remaining 0 in an answer: the next push is Retry until midnight, not sent."""
    with start(Config(daily_limit=2)) as fake:
        results = run(_each(fake, [("push", [upsert(person(n))]) for n in range(3)]))
        assert [type(r[0]) for r in results] == [Sent, Sent, Retry]
        assert abs(results[2][0].after_s - until_midnight("UTC")) < 5
        assert len(fake.portal.requests) == 2
        assert fake.portal.counts["status.429"] == 0


def test_a_daily_429_waits_for_midnight_in_the_portals_time_zone() -> None:
    """A 429 with policyName DAILY: Retry until the reset, and later pushes send nothing."""
    with start(Config(daily_limit=1)) as fake:
        fake.push([upsert(person(1))])  # another connector used the day up
        zone = "America/Los_Angeles"
        results = run(
            _each(
                fake,
                [("push", [upsert(person(2))]), ("push", [upsert(person(3))])],
                account_timezone=zone,
            )
        )
        first, second = results[0][0], results[1][0]
        assert isinstance(first, Retry) and "daily limit" in first.reason
        assert first.after_s is not None
        assert abs(first.after_s - until_midnight(zone)) < 5
        assert isinstance(second, Retry)
        assert fake.portal.counts["limited.DAILY"] == 1
        assert len(fake.portal.requests) == 2


def test_midnight_is_the_portals_midnight() -> None:
    """17:00 in New York is 7 hours before its midnight, whatever UTC says."""
    now = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)  # 17:00 EST
    assert until_midnight("America/New_York", now) == 7 * 3600
    assert until_midnight("UTC", now) == 2 * 3600
    spring = datetime(2026, 3, 8, 5, 0, tzinfo=UTC)  # 00:00 EST; clocks jump at 02:00
    assert until_midnight("America/New_York", spring) == 23 * 3600


def test_5xx_backs_off_exponentially_with_jitter_then_succeeds_once(fake: Fake) -> None:
    """Every request fails: Retry with growing after_s; then it works, nothing twice."""
    fake.portal.config.faults.error_rate = 1.0
    ana = person()
    jobs: list[SyncJob] = [upsert(ana), activity(ana)]
    results = run(_each(fake, [("push", jobs)] * 3, backoff_base_s=1.0))
    delays = [r[0].after_s for r in results]
    assert all(isinstance(r[0], Retry) and isinstance(r[1], Retry) for r in results)
    assert 0.5 <= delays[0] <= 1.0 and 1.0 <= delays[1] <= 2.0 and 2.0 <= delays[2] <= 4.0
    fake.portal.config.faults.error_rate = 0.0
    assert [type(r) for r in fake.push(jobs)] == [Sent, Sent]
    assert len(fake.contacts()) == 1 and len(fake.calls()) == 1


def test_a_timeout_after_hubspot_applied_the_request_is_retried_without_duplicates() -> None:
    """The fake applies the request and answers late; the connector times out: Retry."""
    with start(Config(faults=Faults(timeout_rate=1.0, timeout_s=1.0))) as fake:
        ana = person()
        jobs: list[SyncJob] = [upsert(ana), activity(ana)]
        results = fake.push(jobs, timeout_s=0.2)
        assert isinstance(results[0], Retry) and "timed out" in results[0].reason
        fake.portal.config.faults.timeout_rate = 0.0
        assert [type(r) for r in fake.push(jobs)] == [Sent, Sent]
        assert len(fake.contacts()) == 1 and len(fake.calls()) == 1


def test_a_lost_answer_of_the_call_create_does_not_duplicate_the_call(fake: Fake) -> None:
    """The create is applied and answered 502: Retry; the retry finds the call and stops."""
    ana = person()
    fake.push([upsert(ana)])
    fake.portal.config.faults.lost_answer_rate = 1.0
    fake.portal.config.faults.paths = ("/calls/batch/create",)
    lost = fake.push([activity(ana)])
    assert isinstance(lost[0], Retry)
    fake.portal.config.faults.lost_answer_rate = 0.0
    again = fake.push([activity(ana)])
    [call] = fake.calls()
    assert again == [Sent(remote_id=call.id, detail="already in HubSpot")]


def test_one_bad_input_fails_alone_not_the_whole_batch(fake: Fake) -> None:
    """HubSpot refuses a batch for one invalid e-mail; halving lets the other 9 through."""
    people = [person(n) for n in range(10)]
    bad = people[3].model_copy(update={"email": "not-an-email"})
    jobs: list[SyncJob] = [upsert(p) for p in [*people[:3], bad, *people[4:]]]
    results = fake.push(jobs)
    assert [type(r) for r in results] == [Sent] * 3 + [Failed] + [Sent] * 6
    assert "INVALID_EMAIL" in results[3].reason
    assert len(fake.contacts()) == 9


def test_more_than_100_people_go_in_batches_of_100(fake: Fake) -> None:
    """150 people with a conversation each: 2 upserts and 2 batch creates."""
    people = [person(n) for n in range(150)]
    jobs: list[SyncJob] = [*map(upsert, people), *map(activity, people)]
    results = fake.push(jobs)
    assert all(isinstance(r, Sent) for r in results)
    assert fake.paths() == [UPSERT, UPSERT, CREATE_CALLS, CREATE_CALLS]
    assert len(fake.contacts()) == 150 and len(fake.calls()) == 150


def _placeholders(fake: Fake, jobs: Sequence[SyncJob], results: list[Any]) -> dict[str, str]:
    """The real id behind each placeholder of a preview: from the results, then the portal."""
    ids = {}
    for contact in fake.contacts():
        if "email" in contact.properties:
            ids[f"{{contact:{contact.properties['email']}}}"] = contact.id
    for job, result in zip(jobs, results, strict=True):
        if isinstance(job, UpsertPerson):
            ids[f"{{contact:{job.person.email or job.person.id}}}"] = result.remote_id
        elif isinstance(job, LogActivity):
            ids[f"{{call:{job.key}}}"] = result.remote_id
    return ids


def test_preview_is_exactly_what_push_sends(fake: Fake) -> None:
    """Compared with the requests the fake recorded, placeholders replaced by the real ids."""
    ana, ben, walk_in = person(1), person(2), person(3, email=False, phone="+4915100000003")
    known = person(4)
    jobs: list[SyncJob] = [
        upsert(ana, owner="101"),
        step(ana, "greeted"),
        activity(ana, owner="101"),
        upsert(ben),
        activity(ben),
        upsert(walk_in),
        activity(walk_in),
        step(walk_in, "test_drive"),
        forget(ben),
        activity(known),
    ]
    connector = Connector(fake.settings())
    preview = connector.preview(jobs)
    run(connector.aclose())
    results = fake.push(jobs)
    text = json.dumps([p.model_dump(mode="json") for p in preview])
    ids = _placeholders(fake, jobs, results)
    text = re.sub(r"\{(contact|call):[^}]*\}", lambda m: ids.get(m.group(0), m.group(0)), text)
    sent = [
        {"method": r.method, "url": fake.url + r.path, "body": r.body} for r in fake.portal.requests
    ]
    assert json.loads(text) == sent
    assert not any("{contact:" in str(r.body) for r in fake.portal.requests)
