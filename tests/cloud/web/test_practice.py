"""The practice page and API: a line from the site's floor, a graded answer, levels, hub results."""

from __future__ import annotations

import random
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from cloud.store.practice import PracticeAttemptRow
from cloud.web.routes import practice as practice_routes
from tests.cloud.factory import World
from tests.cloud.web.conftest import login

#: Makes the move of each of the first-time buyer's objections (price, monthly payment,
#: financing, think it over), acknowledges and asks an open question.
SEED = 1
GOOD = (
    "I understand. What monthly budget and term would feel right, and shall we check your "
    "credit with our lenders?"
)


def _line(html: str) -> str:
    found = re.search(r'<p id="customer-line"[^>]*>“(.*?)”</p>', html, re.S)
    assert found, "no customer line on the page"
    return found.group(1)


def _attempts(engine: Engine) -> list[PracticeAttemptRow]:
    with Session(engine) as session:
        return list(session.scalars(select(PracticeAttemptRow).order_by(PracticeAttemptRow.id)))


def test_a_manager_practises_and_the_level_rises(
    client: TestClient, world: World, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the page draws the customer's line at random: a fixed draw, so GOOD meets its objection
    monkeypatch.setattr(practice_routes, "_rng", lambda: random.Random(SEED))
    csrf = login(client, world.email("acme", "manager"))
    staff = world.staff["acme"][0]
    first = client.get("/practice")
    assert first.status_code == 200 and 'id="practice-mining"' in first.text
    assert "customer-line" not in first.text  # no salesperson chosen yet
    page = client.get(f"/practice?site=site-a&staff={staff}&persona=first-time-buyer")
    assert page.status_code == 200 and "level 1" in page.text
    line = _line(page.text)
    answered = client.post("/practice/answer", data={"csrf": csrf, "answer": "That's the price."})
    assert answered.status_code == 200
    assert 'id="practice-grade"' in answered.text and "Objection not addressed" in answered.text
    assert "Ask an open question" in answered.text
    rows = _attempts(engine)
    assert [(r.staff, r.line, r.answer, r.addressed) for r in rows] == [
        (staff, line, "That's the price.", False)
    ]
    assert rows[0].entered_by == world.email("acme", "manager") and rows[0].channel == "web"
    for _ in range(2):
        answered = client.post("/practice/answer", data={"csrf": csrf, "answer": GOOD})
    levels = [r.level for r in _attempts(engine)]
    assert levels == [1, 1, 1]
    assert "level 2" in answered.text  # two passes in a row: a harder customer next


def test_without_an_open_line_or_a_token_nothing_is_recorded(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "viewer"))
    refused = client.post("/practice/answer", data={"csrf": csrf, "answer": GOOD})
    assert refused.status_code == 400 and "choose a salesperson again" in refused.text
    client.get(f"/practice?site=site-a&staff={world.staff['acme'][0]}")
    forged = client.post("/practice/answer", data={"csrf": "nope", "answer": GOOD})
    assert forged.status_code == 403
    assert _attempts(engine) == []


def test_another_tenants_site_or_salesperson_is_not_found(client: TestClient, world: World) -> None:
    login(client, world.email("acme", "manager"))
    assert client.get("/practice?site=site-b").status_code == 404
    assert client.get(f"/practice?site=site-a&staff={world.staff['rival'][0]}").status_code == 404


def test_a_hub_fetches_lines_and_reports_answers_through_the_api(
    client: TestClient, world: World, engine: Engine
) -> None:
    auth = {"authorization": f"Bearer {world.tokens['acme:manager']}"}
    staff = world.staff["acme"][1]
    got = client.get(f"/api/v1/practice/lines?site=site-a&staff={staff}&count=3", headers=auth)
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["level"] == 1 and len(body["lines"]) == 3
    assert all(part["source"] in ("floor", "seed") for ln in body["lines"] for part in ln["parts"])
    report = {
        "site_id": "site-a",
        "staff": staff,
        "attempts": [
            {"line": body["lines"][0], "answer": GOOD},
            {"line": body["lines"][1], "answer": ""},
        ],
    }
    sent = client.post("/api/v1/practice/attempts", json=report, headers=auth)
    assert sent.status_code == 200 and sent.json()["recorded"] == 2
    rows = _attempts(engine)
    assert [r.channel for r in rows] == ["hub", "hub"] and rows[1].score == 0
    bad = client.post("/api/v1/practice/attempts", json={**report, "staff": "x"}, headers=auth)
    assert bad.status_code == 404 and len(_attempts(engine)) == 2
    other = {"authorization": f"Bearer {world.tokens['rival:manager']}"}
    assert (
        client.get(f"/api/v1/practice/lines?site=site-a&staff={staff}", headers=other).status_code
        == 404
    )


def test_the_scorecards_show_practice_progress(
    client: TestClient, world: World, engine: Engine
) -> None:
    csrf = login(client, world.email("acme", "manager"))
    assert "Nobody has practised yet." in client.get("/scorecards").text
    client.get(f"/practice?site=site-a&staff={world.staff['acme'][0]}&persona=first-time-buyer")
    client.post("/practice/answer", data={"csrf": csrf, "answer": GOOD})
    page = client.get("/scorecards").text
    assert 'id="table-practice_progress"' in page
    csv = client.get("/export/practice_progress.csv").text
    assert csv.splitlines()[0].startswith("salesperson,objection,practice_answers,first_score")
