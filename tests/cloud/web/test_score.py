"""The follow-up-first list, the floor's order and the outcome control, over HTTP."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cloud.score import prospects
from cloud.store import db
from cloud.store.audit import AuditEntry
from cloud.store.projections import Conversation
from cloud.store.score import OutcomeRow, ScoreModelRow
from cloud.views.scope import Principal, Scope
from tests.cloud.factory import World, count
from tests.cloud.web.conftest import login

ROW = re.compile(
    r'<tr data-key="([^"]+)"><td class="num">(\d+) %</td><td><a href="/conversations/([^"]+)">'
    r'.*?<td class="reasons text">([^<]*)</td>'
)


def _ended(engine: Engine, tenant: str = "acme") -> str:
    with db.session_factory(engine)() as session:
        return session.scalars(
            select(Conversation.id)
            .where(Conversation.tenant_id == tenant, Conversation.ended_at.is_not(None))
            .order_by(Conversation.id)
            .limit(1)
        ).one()


def test_follow_up_lists_open_prospects_most_likely_first_with_reasons(
    client: TestClient, world: World, engine: Engine
) -> None:
    login(client, world.email("acme", "viewer"))
    page = client.get("/follow-up?days=30")
    assert page.status_code == 200
    rows = ROW.findall(page.text)
    with db.session_factory(engine)() as session:
        principal = Principal(0, "", "acme", None, "viewer")
        expected = prospects.follow_up(session, Scope.of(principal, None, 30))
    assert len(rows) == len(expected) > 5
    assert [key for key, *_ in rows] == [s.key for s in expected]
    shown = [int(percent) for _, percent, _, _ in rows]
    assert shown == sorted(shown, reverse=True)
    assert all(reasons for *_, reasons in rows)  # every demo prospect has something to say
    assert "the prior" in page.text  # no outcomes yet
    assert "rival" not in page.text


def test_the_floor_orders_live_conversations_by_likelihood(
    client: TestClient, world: World
) -> None:
    login(client, world.email("acme", "viewer"))
    fragment = client.get("/floor/live").text
    shown = [int(v) for v in re.findall(r'class="num likelihood">(\d+) %<', fragment)]
    assert len(shown) == 2
    assert shown == sorted(shown, reverse=True)


def test_a_manager_marks_an_outcome_it_is_audited_and_the_model_retrained(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "manager"))
    cid = _ended(engine)
    assert 'id="outcome-sold"' in client.get(f"/conversations/{cid}").text
    answer = client.post(f"/conversations/{cid}/outcome", data={"outcome": "sold", "csrf": csrf})
    assert answer.status_code == 303
    page = client.get(f"/conversations/{cid}").text
    assert re.search(r'id="outcome">Outcome: <strong>sold</strong>', page)
    assert re.search(r'id="purchase-score">\d+ %<', page)
    with db.session_factory(engine)() as session:
        row = session.get(OutcomeRow, ("acme", cid))
        assert row is not None and row.sold and row.set_by == world.email("acme", "manager")
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "score.outcome")
        ).one()
        assert entry.target == f"conversation {cid}" and entry.detail == "sold (was: none)"
        model = session.get(ScoreModelRow, "acme")
        assert model is not None and model.kind == "prior" and model.outcomes == 1
    # a marked conversation is no longer an open prospect
    assert f'href="/conversations/{cid}"' not in client.get("/follow-up?days=30").text


def test_bad_outcomes_are_refused_and_nothing_is_kept(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "manager"))
    theirs, ours = _ended(engine, "rival"), _ended(engine)
    with db.session_factory(engine)() as session:
        live = session.scalars(
            select(Conversation.id).where(
                Conversation.tenant_id == "acme", Conversation.ended_at.is_(None)
            )
        ).first()
    sold = {"outcome": "sold", "csrf": csrf}
    # another tenant's conversation: not found, as if it did not exist
    answer = client.post(f"/conversations/{theirs}/outcome", data=sold)
    assert answer.status_code == 404 and theirs in answer.json()["detail"]
    assert client.post("/conversations/conv-unknown/outcome", data=sold).status_code == 404
    answer = client.post(f"/conversations/{live}/outcome", data=sold)
    assert answer.status_code == 400 and "still live" in answer.json()["detail"]
    bad = client.post(f"/conversations/{ours}/outcome", data={"outcome": "maybe", "csrf": csrf})
    assert bad.status_code == 422
    assert (
        client.post(f"/conversations/{ours}/outcome", data={"outcome": "sold"}).status_code == 403
    )
    assert count(engine, OutcomeRow) == 0
    assert count(engine, AuditEntry, AuditEntry.action == "score.outcome") == 0


def test_a_viewer_sees_the_score_but_cannot_mark_an_outcome(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "viewer"))
    cid = _ended(engine)
    page = client.get(f"/conversations/{cid}").text
    assert 'id="purchase-score"' in page and 'id="outcome-sold"' not in page
    answer = client.post(f"/conversations/{cid}/outcome", data={"outcome": "sold", "csrf": csrf})
    assert answer.status_code == 403
    assert count(engine, OutcomeRow) == 0
