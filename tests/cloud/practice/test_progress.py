"""Practice progress: scores per objection and the live handled rate before and after."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cloud.practice import attempts
from cloud.practice.progress import progress
from cloud.store.practice import PracticeAttemptRow
from cloud.views.scope import Principal, Scope
from contract.payloads import Objection
from contract.practice import LinePart, PracticeLine
from edge.coach.playbook import load_playbook
from tests.cloud.practice.floor import T0, add_conversation

MANAGER = Principal(1, "m@acme.example", "acme", None, "manager")


def _line(text: str = "Too expensive.") -> PracticeLine:
    part = LinePart(objection=Objection.PRICE, text=text, source="floor", conversation_id="c1")
    return PracticeLine(persona="first-time-buyer", level=1, language="en", parts=[part])


def _answer(session: Session, text: str) -> bool:
    """Answer the practice line for sp-1 at site-a; whether it passed."""
    found = attempts.answer(
        session, load_playbook(), tenant="acme", site="site-a", staff="sp-1", line=_line(),
        text=text,
    )  # fmt: skip
    return found.passed


def test_scores_over_time_and_the_floor_before_and_after(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for n, handled in enumerate([False, False, True]):  # before practice: 1 of 3
            add_conversation(session, f"b{n}", "price", "Too expensive.", "ok", handled, when=T0)
        for n, handled in enumerate([True, True, True, False]):  # after: 3 of 4
            later = T0 + timedelta(days=10)
            add_conversation(session, f"a{n}", "price", "Too expensive.", "ok", handled, when=later)
        add_conversation(session, "o1", "trade_in", "low", "ok", False)  # not practised
        for n, text in enumerate(["That's the price.", "I hear you. What budget works?"]):
            _answer(session, text)
            session.flush()
            row = session.query(PracticeAttemptRow).order_by(PracticeAttemptRow.id.desc()).first()
            assert row is not None
            row.time = T0 + timedelta(days=5, hours=n)
    with Session(engine) as session:
        table = progress(session, Scope.of(MANAGER))
    assert table.rows == [["sp-1", "price", 2, 15, 100, 57.5, 0.33, 0.75]]


def test_levels_come_from_recorded_answers(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert attempts.level(session, "acme", "sp-1") == 1
        for _ in range(2):
            assert _answer(session, "I understand. What monthly budget works for you?")
        session.flush()
        assert attempts.level(session, "acme", "sp-1") == 2
        assert attempts.level(session, "acme", "sp-2") == 1
        row = session.query(PracticeAttemptRow).first()
        assert row is not None and row.line_source == "floor" and row.line_conversation == "c1"


def test_forgetting_the_conversation_removes_its_words_from_practice(engine: Engine) -> None:
    from cloud.store.erase import erase

    with Session(engine) as session, session.begin():
        _answer(session, "What budget works?")
    with Session(engine) as session, session.begin():
        erase(session, "acme", "c1")
    with Session(engine) as session:
        row = session.query(PracticeAttemptRow).one()
        assert (row.line, row.line_conversation, row.answer) == ("", None, "What budget works?")
