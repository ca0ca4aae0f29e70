"""Features come from what ingest stored: signals, objections, mood, stage, visit, dwell, repeat."""

from __future__ import annotations

import math
from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, select

from cloud.score import facts, features
from cloud.score.facts import Facts
from cloud.store import db
from cloud.store.projections import Conversation
from contract import payloads as p
from tests.cloud.factory import build
from tests.cloud.score.floor import START, Visit, link_customer, write


def _convs(engine: Engine, ids: list[str]) -> tuple[dict[str, np.ndarray], list[Facts]]:
    """Features of the stored conversations, read both ways: as ORM rows, and as pages do."""
    with db.session_factory(engine).begin() as session:
        orm = list(session.scalars(select(Conversation).where(Conversation.id.in_(ids))))
        convs = [facts.of(conv) for conv in orm]
        selected = [
            facts.from_row(r)
            for r in session.execute(facts.select_facts().where(Conversation.id.in_(ids)))
        ]
        assert sorted(selected, key=lambda f: f.id) == sorted(convs, key=lambda f: f.id)
        found = features.conversations(session, "acme", convs)
    return found, convs


def test_an_ended_conversation_gives_its_stored_signals_objections_mood_stage_and_dwell(
    engine: Engine,
) -> None:
    world = build(engine, events=False)
    visit = Visit(
        signals=[p.Signal.TEST_DRIVE, p.Signal.DELIVERY, p.Signal.AVAILABILITY],
        handled=2,
        open=1,
        sentiment=(-0.2, 0.6),
        stage="negotiating",
        duration_s=600.0,
        dwell_s=1800.0,
    )
    (cid,) = write(engine, world.hubs["acme"], world.staff["acme"][0], [visit])
    found, _ = _convs(engine, [cid])
    named = dict(zip(features.NAMES, found[cid], strict=True))
    assert named == pytest.approx(
        {
            "test_drive": 1.0,
            "what_would_it_take": 0.0,
            "other_signals": 2.0,
            "objections_handled": 2.0,
            "objections_open": 1.0,
            "sentiment_end": 0.6,
            "sentiment_trend": 0.8,
            "stage": 2.0,
            "dwell": math.log1p(30.0),
            "repeat_visit": 0.0,
            "duration": math.log1p(10.0),
        }
    )


def test_a_live_conversation_counts_its_turn_labels_and_open_objections(engine: Engine) -> None:
    world = build(engine, events=False)
    visit = Visit(signals=[p.Signal.WHAT_WOULD_IT_TAKE], open=2, sentiment=(0.0, 0.4), live=True)
    (cid,) = write(engine, world.hubs["acme"], world.staff["acme"][0], [visit])
    found, _ = _convs(engine, [cid])
    named = dict(zip(features.NAMES, found[cid], strict=True))
    assert named["what_would_it_take"] == 1.0
    assert named["objections_open"] == 2.0
    assert named["objections_handled"] == 0.0
    assert named["sentiment_end"] == pytest.approx(0.4)


def test_a_linked_customer_who_came_back_is_a_repeat_visit(engine: Engine) -> None:
    world = build(engine, events=False)
    first, second = Visit(), Visit(start=START + timedelta(days=3))
    ids = write(engine, world.hubs["acme"], world.staff["acme"][0], [first, second])
    link_customer(engine, ids)
    found, _ = _convs(engine, ids)
    index = features.NAMES.index("repeat_visit")
    assert [found[cid][index] for cid in ids] == [0.0, 1.0]


def test_a_visit_combines_its_conversations() -> None:
    one = np.array([1, 0, 1, 1, 0, -0.2, 0.1, 1, 1.0, 0, math.log1p(2)], dtype=float)
    two = np.array([0, 1, 0, 0, 2, 0.5, 0.3, 3, 1.0, 0, math.log1p(4)], dtype=float)
    named = dict(zip(features.NAMES, features.combine([one, two]), strict=True))
    assert named["test_drive"] == 1.0 and named["what_would_it_take"] == 1.0
    assert named["objections_handled"] == 1.0 and named["objections_open"] == 2.0
    assert named["stage"] == 3.0
    assert named["sentiment_end"] == 0.5
    # from the first conversation's start (-0.3) to the last one's end (0.5)
    assert named["sentiment_trend"] == pytest.approx(0.8)
    assert named["duration"] == pytest.approx(math.log1p(6))


def test_conversations_of_one_visit_are_one_prospect(engine: Engine) -> None:
    world = build(engine, events=False)
    first = Visit(signals=[p.Signal.TEST_DRIVE], dwell_s=600.0, visit_id="visit-5a5a5a5a5a5a5a5a")
    later = Visit(handled=1, start=START + timedelta(minutes=30), visit_id="visit-5a5a5a5a5a5a5a5a")
    alone = Visit(start=START + timedelta(hours=2))
    ids = write(engine, world.hubs["acme"], world.staff["acme"][0], [first, later, alone])
    _, convs = _convs(engine, ids)
    with db.session_factory(engine).begin() as session:
        found = {pr.key: pr for pr in features.prospects(session, "acme", convs)}
    assert set(found) == {"visit-5a5a5a5a5a5a5a5a", alone.visit_id}
    visit = found["visit-5a5a5a5a5a5a5a5a"]
    assert visit.conversation_ids == (first.conversation_id, later.conversation_id)
    named = dict(zip(features.NAMES, visit.features, strict=True))
    assert named["test_drive"] == 1.0 and named["objections_handled"] == 1.0
    assert named["dwell"] == pytest.approx(math.log1p(10.0))
