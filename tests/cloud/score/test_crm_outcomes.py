"""Closed HubSpot deals become outcomes of the linked customers' conversations.

The connector talks HTTP on loopback to the contract-following fake (harness/crm/hubspot).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography.fernet import Fernet
from sqlalchemy import Engine, select

from cloud.crm import people
from cloud.crm.connect import VendorFactory
from cloud.crm.vault import Vault
from cloud.score import crm_outcomes, outcomes
from cloud.store import db
from cloud.store.crm import CrmConfigRow, LinkRow, RemoteIdRow
from cloud.store.score import OutcomeRow
from cloud.views.scope import Principal
from harness.crm.hubspot import Config, Portal, create_app
from harness.crm.hubspot.portal import READ, WRITE, Record
from harness.http import serve
from tests.aio import run
from tests.cloud.factory import build
from tests.cloud.score.floor import START, Visit, write

VAULT = Vault(Fernet.generate_key())
MANAGER = Principal(1, "manager@acme.invalid", "acme", None, "manager")


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _deal(portal: Portal, deal_id: str, stage: str, closed: datetime, contact: str) -> None:
    now = portal.clock.now()
    modified = _iso(datetime.fromtimestamp(now, UTC))
    props = {"dealstage": stage, "closedate": _iso(closed), "hs_lastmodifieddate": modified}
    portal.add(Record(deal_id, "deals", props, [(contact, 3)], now, now))


def _link(engine: Engine, tenant: str, site: str, cids: list[str], contact: str) -> None:
    with db.session_factory(engine).begin() as session:
        person = people.create(
            session,
            tenant=tenant,
            site=site,
            first_name="Ana",
            last_name=contact,
            email=f"{contact}@example.com",
            phone="",
            by="manager@acme.invalid",
        )
        for cid in cids:
            session.add(
                LinkRow(
                    tenant_id=tenant,
                    site_id=site,
                    conversation_id=cid,
                    id=f"l-{cid}",
                    person_id=person.id,
                    consent_by="m",
                    consent_at=START,
                    consent_scopes="crm",
                    consent_text="ok",
                )
            )
        session.add(
            RemoteIdRow(
                tenant_id=tenant,
                person_id=person.id,
                vendor="hubspot",
                remote_id=contact,
                site_id=site,
                kind="person",
            )
        )


def _pull(engine: Engine, portal: Portal) -> crm_outcomes.Pulled:
    """Acme's site on HubSpot (the fake on loopback): read the last day's closed deals."""
    with serve(create_app(portal)) as url:
        with db.session_factory(engine).begin() as session:
            session.add(
                CrmConfigRow(
                    tenant_id="acme",
                    site_id="site-a",
                    vendor="hubspot",
                    settings={"base_url": url},
                    credentials=VAULT.seal({"token": "test-token"}),
                    user_map={},
                )
            )
        since = datetime.now(UTC) - timedelta(days=1)
        return run(crm_outcomes.pull(db.session_factory(engine), VendorFactory(VAULT), since))


def test_closed_deals_become_outcomes_and_a_managers_mark_stands(engine: Engine) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    won1, won2, lost, open_, marked, late = write(
        engine, hub, staff, [Visit(start=START + timedelta(hours=h)) for h in range(6)]
    )
    (theirs,) = write(engine, world.hubs["rival"], world.staff["rival"][0], [Visit()])
    _link(engine, "acme", "site-a", [won1, won2], "501")
    _link(engine, "acme", "site-a", [lost], "502")
    _link(engine, "acme", "site-a", [open_], "503")
    _link(engine, "acme", "site-a", [marked], "504")
    _link(engine, "acme", "site-a", [late], "505")
    _link(engine, "rival", "site-b", [theirs], "501")  # rival has no CRM settings
    with db.session_factory(engine).begin() as session:
        outcomes.mark(session, MANAGER, marked, sold=True)
    portal = Portal()
    closed = START + timedelta(days=3)
    _deal(portal, "9001", "closedwon", closed, "501")
    _deal(portal, "9002", "closedlost", closed, "502")
    _deal(portal, "9003", "contractsent", closed, "503")  # still open
    _deal(portal, "9004", "closedwon", closed, "999")  # a contact we never synced
    _deal(portal, "9005", "closedlost", closed, "504")
    _deal(portal, "9006", "closedwon", START - timedelta(days=1), "505")  # before the visit
    pulled = _pull(engine, portal)
    assert pulled.problems == []
    assert pulled.deals == 5  # every closed one, not the open deal
    assert (pulled.outcomes, pulled.kept_managers) == (3, 1)
    with db.session_factory(engine)() as session:
        found = {
            row.conversation_id: (row.sold, row.source, row.remote_id)
            for row in session.scalars(select(OutcomeRow))
        }
    assert found == {
        won1: (True, "hubspot", "9001"),
        won2: (True, "hubspot", "9001"),
        lost: (False, "hubspot", "9002"),
        marked: (True, "manager", None),
    }
    paths = [r.path for r in portal.requests]
    assert paths == [
        "/crm/v3/objects/deals/search",
        "/crm/v4/associations/deals/contacts/batch/read",
    ]
    assert portal.counts["schema_violations"] == 0


def test_a_token_without_the_deals_scope_is_named_and_nothing_is_kept(engine: Engine) -> None:
    build(engine, events=False)
    portal = Portal(Config(tokens={"test-token": frozenset({READ, WRITE})}))
    pulled = _pull(engine, portal)
    assert len(pulled.problems) == 1
    assert "acme/site-a (hubspot)" in pulled.problems[0]
    assert "crm.objects.deals.read" in pulled.problems[0]
    with db.session_factory(engine)() as session:
        assert session.scalars(select(OutcomeRow)).all() == []
