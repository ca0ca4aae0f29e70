"""Grading, recording and levelling a salesperson's practice answers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.practice.personas import level_of
from cloud.store.practice import PracticeAttemptRow
from contract.practice import PracticeLine
from edge.coach.playbook import Playbook
from edge.practice.score import PASS_SCORE, Grade, grade


def level(session: Session, tenant: str, staff: str) -> int:
    """The salesperson's level from their answers so far."""
    passes = session.scalars(
        select(PracticeAttemptRow.addressed & (PracticeAttemptRow.score >= PASS_SCORE))
        .where(PracticeAttemptRow.tenant_id == tenant, PracticeAttemptRow.staff == staff)
        .order_by(PracticeAttemptRow.time, PracticeAttemptRow.id)
    ).all()
    return level_of([bool(p) for p in passes])


def answer(
    session: Session,
    playbook: Playbook,
    *,
    tenant: str,
    site: str,
    staff: str,
    line: PracticeLine,
    text: str,
    channel: str = "web",
    entered_by: str = "",
) -> Grade:
    """Grade `text` as the answer to `line` and record it (the caller commits)."""
    result = grade(playbook, line.objections, text, line.language)
    floor = next((p for p in line.parts if p.source == "floor"), None)
    session.add(
        PracticeAttemptRow(
            tenant_id=tenant,
            site_id=site,
            staff=staff,
            persona=line.persona,
            level=line.level,
            objections=",".join(line.objections),
            line=line.text,
            line_source="floor" if floor else "seed",
            line_conversation=floor.conversation_id if floor else None,
            answer=text,
            channel=channel,
            score=result.score,
            addressed=result.addressed,
            feedback=",".join(result.feedback),
            entered_by=entered_by,
        )
    )
    return result
