"""Outcomes are checked and audited; training on them changes the follow-up order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from cloud.errors import NotFoundError
from cloud.score import outcomes, prospects, train
from cloud.store import db
from cloud.store.audit import AuditEntry
from cloud.store.erase import erase
from cloud.store.score import OutcomeRow
from cloud.views.scope import Principal, Scope
from contract import payloads as p
from tests.cloud.factory import build, count
from tests.cloud.score.floor import START, Visit, write

MANAGER = Principal(1, "manager@acme.invalid", "acme", None, "manager")
RIVAL = Principal(2, "manager@rival.invalid", "rival", None, "manager")


def test_a_manager_marks_an_ended_conversation_and_it_is_audited(engine: Engine) -> None:
    world = build(engine, events=False)
    (cid,) = write(engine, world.hubs["acme"], world.staff["acme"][0], [Visit()])
    with db.session_factory(engine).begin() as session:
        outcomes.mark(session, MANAGER, cid, sold=False)
        outcomes.mark(session, MANAGER, cid, sold=True)
    with db.session_factory(engine).begin() as session:
        row = session.get(OutcomeRow, ("acme", cid))
        assert row is not None and row.sold and row.source == "manager"
        details = list(session.scalars(select(AuditEntry.detail).order_by(AuditEntry.id)))
    assert details == ["not sold (was: none)", "sold (was: not sold (manager))"]


def test_unknown_foreign_and_live_conversations_are_refused_and_nothing_is_kept(
    engine: Engine,
) -> None:
    world = build(engine, events=False)
    (theirs,) = write(engine, world.hubs["rival"], world.staff["rival"][0], [Visit()])
    (live,) = write(engine, world.hubs["acme"], world.staff["acme"][0], [Visit(live=True)])
    with db.session_factory(engine).begin() as session:
        with pytest.raises(NotFoundError, match="no conversation 'conv-nope'"):
            outcomes.mark(session, MANAGER, "conv-nope", sold=True)
        with pytest.raises(NotFoundError, match=f"no conversation '{theirs}'"):
            outcomes.mark(session, MANAGER, theirs, sold=True)
        with pytest.raises(NotFoundError, match="in tenant 'acme'"):
            outcomes.from_crm(session, "acme", theirs, True, "hubspot", "deal-1")
        with pytest.raises(outcomes.OutcomeError, match="still live"):
            outcomes.mark(session, MANAGER, live, sold=True)
    assert count(engine, OutcomeRow) == 0
    assert count(engine, AuditEntry) == 0


def test_forgetting_a_conversation_takes_its_outcome_with_it(engine: Engine) -> None:
    world = build(engine, events=False)
    kept, forgotten = write(engine, world.hubs["acme"], world.staff["acme"][0], [Visit(), Visit()])
    with db.session_factory(engine).begin() as session:
        outcomes.mark(session, MANAGER, kept, sold=True)
        outcomes.mark(session, MANAGER, forgotten, sold=False)
        erase(session, "acme", forgotten)
    with db.session_factory(engine)() as session:
        assert list(session.scalars(select(OutcomeRow.conversation_id))) == [kept]


def test_a_crm_outcome_never_replaces_a_managers(engine: Engine) -> None:
    world = build(engine, events=False)
    (cid,) = write(engine, world.hubs["acme"], world.staff["acme"][0], [Visit()])
    with db.session_factory(engine).begin() as session:
        assert outcomes.from_crm(session, "acme", cid, False, "hubspot", "deal-1")
        outcomes.mark(session, MANAGER, cid, sold=True)
        assert not outcomes.from_crm(session, "acme", cid, False, "hubspot", "deal-1")
        row = session.get(OutcomeRow, ("acme", cid))
        assert row is not None and row.sold and row.source == "manager"


def test_training_on_outcomes_that_contradict_the_prior_changes_the_order(
    engine: Engine,
) -> None:
    world = build(engine, events=False)
    hub, staff = world.hubs["acme"], world.staff["acme"][0]
    # the open prospects: the prior puts the test drive first
    drove = Visit(signals=[p.Signal.TEST_DRIVE], start=START + timedelta(days=1))
    answered = Visit(handled=2, start=START + timedelta(days=1, hours=1))
    write(engine, hub, staff, [drove, answered])
    # at this showroom test drives did not sell and answered objections did
    history = [
        Visit(signals=[p.Signal.TEST_DRIVE], start=START - timedelta(hours=i)) for i in range(60)
    ] + [Visit(handled=2, start=START - timedelta(hours=i, minutes=30)) for i in range(60)]
    ids = write(engine, hub, staff, history)
    scope = Scope(MANAGER)
    with db.session_factory(engine).begin() as session:
        pair = {drove.conversation_id, answered.conversation_id}
        listed = prospects.follow_up(session, scope, limit=500)
        before = [s.latest.id for s in listed if s.latest.id in pair]
        assert train.train(session, "acme").kind == "prior"  # no outcome yet
        for visit, cid in zip(history, ids, strict=True):
            outcomes.mark(session, MANAGER, cid, sold=not visit.signals)
        assert train.stale(session) == ["acme"]
        fitted = train.train(session, "acme")
        assert train.stale(session) == []
    with db.session_factory(engine).begin() as session:
        after = [s.latest.id for s in prospects.follow_up(session, scope)]
    assert before == [drove.conversation_id, answered.conversation_id]
    assert fitted.kind == "fitted" and fitted.outcomes == 120 and fitted.sold == 60
    assert after == [answered.conversation_id, drove.conversation_id]  # marked ones are gone
