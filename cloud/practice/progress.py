"""Practice progress per salesperson: what they practise, their scores, and the floor after.

One row per salesperson and objection practised: answers given, first, latest and mean score,
and the live handled rate of that objection in the salesperson's own conversations before
their first practice of it and since (from the hubs' handled flags, `objections`), so a
manager sees whether practice carried over to the floor. A rate is empty when there is no
conversation on that side of the first practice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from cloud.store.practice import PracticeAttemptRow
from cloud.store.projections import Conversation, ObjectionRow
from cloud.views.floor import staff_names
from cloud.views.scope import Scope
from cloud.views.table import Cell, Table, rounded

COLUMNS = [
    "salesperson",
    "objection",
    "practice_answers",
    "first_score",
    "latest_score",
    "mean_score",
    "handled_rate_before",
    "handled_rate_after",
]


def progress(session: Session, scope: Scope) -> Table:
    """The progress table of the scope's salespeople (practice of any date counts)."""
    attempts = session.scalars(
        select(PracticeAttemptRow)
        .where(scope.where(PracticeAttemptRow))
        .order_by(PracticeAttemptRow.time, PracticeAttemptRow.id)
    ).all()
    scores: dict[tuple[str, str], list[tuple[datetime, int]]] = defaultdict(list)
    for row in attempts:
        for objection in row.objections.split(","):
            scores[(row.staff, objection)].append((row.time, row.score))
    live: dict[tuple[str, str], list[tuple[datetime, bool]]] = defaultdict(list)
    if scores:
        found = session.execute(
            select(
                Conversation.staff, ObjectionRow.objection, ObjectionRow.time, ObjectionRow.handled
            )
            .join(
                Conversation,
                and_(
                    Conversation.tenant_id == ObjectionRow.tenant_id,
                    Conversation.id == ObjectionRow.conversation_id,
                ),
            )
            .where(
                scope.where(ObjectionRow, ObjectionRow.time),
                Conversation.staff.in_({staff for staff, _ in scores}),
            )
        ).all()
        for staff, objection, time, handled in found:
            live[(staff, objection)].append((time, handled))
    names = staff_names(session, scope)
    rows: list[list[Cell]] = []
    for (staff, objection), seen in sorted(
        scores.items(), key=lambda item: (names.get(item[0][0], item[0][0]), item[0][1])
    ):
        first = seen[0][0]
        floor = live.get((staff, objection), [])
        before = [h for t, h in floor if t < first]
        after = [h for t, h in floor if t >= first]
        rows.append(
            [
                names.get(staff, staff),
                objection,
                len(seen),
                seen[0][1],
                seen[-1][1],
                rounded(sum(s for _, s in seen) / len(seen), 1),
                rounded(sum(before) / len(before)) if before else None,
                rounded(sum(after) / len(after)) if after else None,
            ]
        )
    return Table("practice_progress", "Practice progress", COLUMNS, rows)
