"""The pages' fast path (one matrix, built column-wise) scores exactly as the per-row path."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, select

from cloud.score import facts, features, prospects
from cloud.score.model import ScoreModel, prior_model
from cloud.score.reasons import reasons
from cloud.store import db
from cloud.store.projections import Conversation
from contract import payloads as p
from tests.cloud.factory import build
from tests.cloud.score.floor import START, Visit, link_customer, write

#: A model unlike the prior (every feature pushes), so every reason path is compared.
OTHER = ScoreModel(
    "fitted", -0.7, np.array([0.9, 1.1, 0.4, 0.6, -0.8, 1.5, 0.7, 0.5, 0.3, 0.8, 0.2])
)


def _floor(engine: Engine) -> None:
    """The demo data set through ingest, and visits that exercise every combination rule.

    Visits of several conversations, a live one, dwell, a returning linked customer.
    """
    world = build(engine)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    shared = "visit-0123456789abcdef"
    visits = [
        Visit(signals=[p.Signal.TEST_DRIVE], dwell_s=900.0, visit_id=shared, handled=1),
        Visit(
            signals=[p.Signal.DELIVERY, p.Signal.AVAILABILITY],
            open=2,
            sentiment=(-0.4, 0.3),
            stage="negotiating",
            start=START + timedelta(minutes=20),
            visit_id=shared,
        ),
        Visit(
            start=START + timedelta(minutes=50),
            visit_id=shared,
            duration_s=30.0,
            sentiment=(0.2, -0.5),
        ),
        Visit(signals=[p.Signal.WHAT_WOULD_IT_TAKE], open=1, live=True, dwell_s=60.0),
        Visit(start=START + timedelta(hours=3), stage="closing", duration_s=2400.0),
        Visit(start=START + timedelta(days=2), handled=3, sentiment=(0.5, 0.9)),
    ]
    ids = write(engine, hub, staff, visits)
    link_customer(engine, [ids[4], ids[5]])


def test_the_matrix_holds_the_per_row_prospects_in_order(engine: Engine) -> None:
    _floor(engine)
    with db.session_factory(engine).begin() as session:
        convs = [
            facts.from_row(row)
            for row in session.execute(facts.select_facts().where(Conversation.tenant_id == "acme"))
        ]
        slow = features.prospects(session, "acme", convs)
        fast = features.matrix(session, "acme", convs)
    assert len(convs) > 20
    assert any(len(pr.conversation_ids) == 3 for pr in slow)  # a visit of several is in it
    assert fast.keys == [pr.key for pr in slow]
    assert fast.members == [pr.conversation_ids for pr in slow]
    expected = np.vstack([pr.features for pr in slow])
    np.testing.assert_allclose(fast.values, expected, rtol=1e-12, atol=1e-12)
    for chosen in (prior_model(), OTHER):
        np.testing.assert_allclose(
            chosen.probability(fast.values), chosen.probability(expected), rtol=1e-12
        )
        for got, want in zip(fast.values, expected, strict=True):
            made, meant = reasons(chosen.coefficients, got), reasons(chosen.coefficients, want)
            assert [(r.key, r.values) for r in made] == [(r.key, r.values) for r in meant]
            assert [r.push for r in made] == pytest.approx([r.push for r in meant], rel=1e-12)


def test_the_scored_list_is_the_per_row_one(engine: Engine) -> None:
    _floor(engine)
    with db.session_factory(engine).begin() as session:
        orm = list(session.scalars(select(Conversation).where(Conversation.tenant_id == "acme")))
        convs = [facts.of(conv) for conv in orm]
        scored = prospects.score(session, "acme", convs)
        slow = features.prospects(session, "acme", convs)
    chosen = prior_model()
    odds = chosen.probability(np.vstack([pr.features for pr in slow]))
    want = sorted(range(len(slow)), key=lambda i: (-odds[i], slow[i].key))
    assert [s.key for s in scored] == [slow[i].key for i in want]
    assert [s.probability for s in scored] == pytest.approx([odds[i] for i in want], rel=1e-12)
    for s, i in zip(scored, want, strict=True):
        assert tuple(c.id for c in s.conversations) == slow[i].conversation_ids
        meant = reasons(chosen.coefficients, slow[i].features)
        assert [(r.key, r.values) for r in s.reasons] == [(r.key, r.values) for r in meant]


def test_no_conversations_give_an_empty_matrix(engine: Engine) -> None:
    build(engine, events=False)
    with db.session_factory(engine).begin() as session:
        empty = features.matrix(session, "acme", [])
        assert prospects.score(session, "acme", []) == []
    assert empty.keys == [] and empty.members == [] and empty.values.shape == (0, 11)
