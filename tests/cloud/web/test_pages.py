"""The pages show what the database holds; every table exports as the same CSV."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from cloud.store import db
from cloud.store.projections import AlertRow, Conversation, ObjectionRow, TurnRow
from cloud.views import analytics, scorecards
from cloud.views.scope import Principal, Scope
from tests.cloud.factory import World
from tests.cloud.web.conftest import login


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert found, f"no #{element_id}"
    return found.group(1)


def _scope(engine: Engine, tenant: str = "acme") -> Scope:
    return Scope.of(Principal(0, "", tenant, None, "manager"), None, 30)


def test_the_floor_shows_live_conversations_alerts_and_hubs(
    client: TestClient, world: World, engine: Engine
) -> None:
    login(client, world.email("acme", "viewer"))
    page = client.get("/floor").text
    with db.session_factory(engine)() as session:
        live = session.scalar(
            select(func.count()).where(
                Conversation.tenant_id == "acme", Conversation.ended_at.is_(None)
            )
        )
        alerts = session.scalar(select(func.count()).where(AlertRow.tenant_id == "acme"))
    assert int(_text(page, "active-count")) == live == 2
    assert int(_text(page, "alert-count")) == alerts == 1
    assert 'class="state-online">online<' in page
    assert "acme seller" in page  # pseudonyms are shown as names
    fragment = client.get("/floor/live").text
    assert "<html" not in fragment and 'id="active"' in fragment


def test_a_conversation_page_shows_its_turns_prompts_and_metrics(
    client: TestClient, world: World, engine: Engine
) -> None:
    login(client, world.email("acme", "manager"))
    with db.session_factory(engine)() as session:
        conv = session.scalars(
            select(Conversation)
            .where(Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None))
            .limit(1)
        ).one()
        turns = session.scalar(select(func.count()).where(TurnRow.conversation_id == conv.id))
    page = client.get(f"/conversations/{conv.id}").text
    assert int(_text(page, "turn-count")) == turns == conv.turns
    assert f"{conv.talk_ratio:.2f}" in page
    assert '<svg class="chart"' in page and "<polyline" in page
    assert "Acknowledge, then ask about their budget." in page
    assert client.get("/conversations/conv-0000000000000000").status_code == 404


def test_a_conversation_page_shows_the_language_of_each_turn(
    client: TestClient, world: World, engine: Engine
) -> None:
    login(client, world.email("acme", "manager"))
    with db.session_factory(engine).begin() as session:
        conv = session.scalars(select(Conversation).where(Conversation.tenant_id == "acme")).first()
        assert conv is not None
        turns = session.scalars(
            select(TurnRow).where(TurnRow.conversation_id == conv.id).order_by(TurnRow.index)
        ).all()
        turns[0].language = "es"
        for turn in turns[1:]:
            turn.language = None  # from a hub before contract 1.1
        conv_id = conv.id
    page = client.get(f"/conversations/{conv_id}").text
    assert page.count('<span class="lang" lang="es">es</span>') == 1
    assert page.count('class="lang"') == 1


def test_scorecards_and_analytics_match_the_database(
    client: TestClient, world: World, engine: Engine
) -> None:
    login(client, world.email("acme", "manager"))
    with db.session_factory(engine)() as session:
        ended = session.scalar(
            select(func.count()).where(
                Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None)
            )
        )
        raised = session.scalar(select(func.count()).where(ObjectionRow.tenant_id == "acme"))
        table = scorecards.scorecards(session, _scope(engine))
        totals = analytics.objection_totals(session, _scope(engine))
    page = client.get("/scorecards").text
    team = re.search(r"<td data-column=\"salesperson\">team</td>(.*?)</tr>", page, re.S)
    assert team, "no team row"
    cells = re.findall(r'data-column="([a-z_]+)">([^<]*)<', team.group(1))
    shown = dict(cells)
    assert int(shown["conversations"]) == ended
    assert int(shown["objections"]) == raised == sum(int(str(r[1])) for r in totals.rows)
    assert table.rows[-1][1] == ended
    analytics_page = client.get("/analytics?days=30").text
    for heading in ("Objections over time", "Traffic by zone and hour", "Conversion proxies"):
        assert heading in analytics_page
    assert analytics_page.count('<svg class="chart"') == 2


def test_scorecards_and_analytics_filter_by_the_language_spoken(
    client: TestClient, world: World, engine: Engine
) -> None:
    login(client, world.email("acme", "manager"))
    with db.session_factory(engine).begin() as session:
        ended = session.scalars(
            select(Conversation).where(
                Conversation.tenant_id == "acme", Conversation.ended_at.is_not(None)
            )
        ).all()
        spanish = ended[0]
        for turn in session.scalars(select(TurnRow).where(TurnRow.tenant_id == "acme")):
            turn.language = "en"
        switched = session.scalars(
            select(TurnRow).where(TurnRow.conversation_id == spanish.id).order_by(TurnRow.index)
        ).first()
        assert switched is not None
        switched.language = "es"  # one turn in Spanish: the conversation counts for both
        raised = session.scalar(
            select(func.count()).where(ObjectionRow.conversation_id == spanish.id)
        )

    def team(query: str) -> dict[str, str]:
        page = client.get(f"/scorecards{query}").text
        row = re.search(r'data-column="salesperson">team</td>(.*?)</tr>', page, re.S)
        assert row, "no team row"
        return dict(re.findall(r'data-column="([a-z_]+)">([^<]*)<', row.group(1)))

    assert int(team("?language=es")["conversations"]) == 1
    assert int(team("?language=es")["objections"]) == raised
    assert int(team("?language=en")["conversations"]) == len(ended)
    assert int(team("?language=")["conversations"]) == len(ended)  # the "all" choice
    analytics_page = client.get("/analytics?language=es").text
    assert '<option value="es" selected>' in analytics_page
    assert '&language=es">Download CSV' in analytics_page  # the CSV links keep the filter
    totals = list(csv.reader(io.StringIO(client.get("/export/objections.csv?language=es").text)))
    assert sum(int(row[1]) for row in totals[1:]) == raised
    assert client.get("/scorecards?language=spanish").status_code == 422


def test_every_table_exports_as_csv(client: TestClient, world: World, engine: Engine) -> None:
    login(client, world.email("acme", "viewer"))
    page = client.get("/analytics").text
    links = sorted(set(re.findall(r'href="(/export/[a-z_]+\.csv)\?', page)))
    assert len(links) == 5
    with db.session_factory(engine)() as session:
        expected = analytics.traffic_heat(session, _scope(engine))
    for link in links:
        answer = client.get(link)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(answer.text)))
        assert len(rows) >= 2
    heat = list(csv.reader(io.StringIO(client.get("/export/traffic_by_zone_hour.csv").text)))
    assert heat[0] == expected.columns
    assert [[int(v) for v in row[1:25]] for row in heat[1:]] == [row[1:25] for row in expected.rows]
    assert {row[25] for row in heat[1:]} == {"UTC"}  # the hours' zone: site-a's
    assert client.get("/export/nothing.csv").status_code == 404
