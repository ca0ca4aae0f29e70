"""How a projection row takes in what an event says: one rule per column, in Python and in SQL.

Several ingest workers share the hubs' events, so two of them can hold events of one
conversation at once. No worker reads a row, changes it and writes it back (the later
commit would undo the other's change); each folds its batch's events into one partial row
per key with these rules, then upserts it, and the database applies the same rules to the
stored row (`INSERT ... ON CONFLICT DO UPDATE` locks the row and sees the latest commit).
Counts add up and every "latest" value is ordered by what the event says (the turn index,
the prompt's time), not by which worker committed last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlalchemy.sql.expression import ColumnClause

Row = dict[str, Any]
Kind = Literal["keep", "add", "min", "latest", "fill", "over", "gated", "claim"]


@dataclass(frozen=True)
class Rule:
    """How a column merges a new value into an old one.

    - keep: the first value (set on insert only).
    - add: the sum (counters).
    - min: the smaller.
    - latest: the new value when its `by` column is at least the old one's (`by` itself
      uses `latest` by itself: the maximum).
    - fill: the old value, else the new one.
    - over: the new value, else the old one.
    - gated: the new value when the new row's `by` column is set (not `blank`).
    - claim: the new value when the new row's `by` column is set and the value too, else fill.
    """

    kind: Kind
    by: str | None = None
    blank: object = None


KEEP, ADD, MIN, FILL, OVER = Rule("keep"), Rule("add"), Rule("min"), Rule("fill"), Rule("over")


def latest(by: str) -> Rule:
    """Ordered by column `by`."""
    return Rule("latest", by)


def gated(by: str, blank: object = None) -> Rule:
    """Taken when the new row's `by` is not `blank`."""
    return Rule("gated", by, blank)


def claim(by: str) -> Rule:
    """Taken when the new row's `by` is set, else only filled in."""
    return Rule("claim", by)


def _set(value: object, blank: object) -> bool:
    return value is not None and value != blank


def merge(rules: Mapping[str, Rule], old: Row, new: Row) -> Row:
    """`old` with `new` taken in; every column of both rows is in `rules` (keys are `keep`)."""
    merged: Row = {}
    for name, rule in rules.items():
        a, b = old[name], new[name]
        match rule.kind:
            case "keep":
                merged[name] = a
            case "add":
                merged[name] = a + b
            case "min":
                merged[name] = b if a is None or (b is not None and b < a) else a
            case "latest":
                by = rule.by or name
                newer = new[by] is not None and (old[by] is None or new[by] >= old[by])
                merged[name] = b if newer else a
            case "fill":
                merged[name] = a if a is not None else b
            case "over":
                merged[name] = b if b is not None else a
            case "gated":
                merged[name] = b if _set(new[rule.by or name], rule.blank) else a
            case "claim":
                claimed = _set(new[rule.by or name], rule.blank) and b is not None
                merged[name] = b if claimed else (a if a is not None else b)
    return merged


def _is_set(column: ColumnClause[Any], blank: object) -> ColumnElement[bool]:
    if blank is None:
        return column.is_not(None)
    return and_(column.is_not(None), column != blank)


def sql_set(
    rules: Mapping[str, Rule], old: Mapping[str, ColumnClause[Any]], new: Any
) -> dict[str, ColumnElement[Any]]:
    """The `ON CONFLICT DO UPDATE SET` of `rules`: `old` the table's columns, `new` `excluded`."""
    values: dict[str, ColumnElement[Any]] = {}
    for name, rule in rules.items():
        a, b = old[name], new[name]
        match rule.kind:
            case "keep":
                continue
            case "add":
                values[name] = a + b
            case "min":
                values[name] = case((or_(a.is_(None), b < a), b), else_=a)
            case "latest":
                by = rule.by or name
                newer = and_(new[by].is_not(None), or_(old[by].is_(None), new[by] >= old[by]))
                values[name] = case((newer, b), else_=a)
            case "fill":
                values[name] = func.coalesce(a, b)
            case "over":
                values[name] = func.coalesce(b, a)
            case "gated":
                assert rule.by is not None
                values[name] = case((_is_set(new[rule.by], rule.blank), b), else_=a)
            case "claim":
                assert rule.by is not None
                claimed = and_(_is_set(new[rule.by], rule.blank), b.is_not(None))
                values[name] = case((claimed, b), else_=func.coalesce(a, b))
    return values


#: Conversation columns the end event sets.
_ENDED = (
    "duration_s",
    "talk_ratio",
    "open_questions",
    "objections",
    "objections_handled",
    "sentiment_start",
    "sentiment_end",
    "stage",
    "metrics",
)

#: Conversations: counts add up, the start is the earliest event, the staff named by the start
#: event wins over one guessed from a turn, and the final metrics come with the end.
CONVERSATION: dict[str, Rule] = {
    "tenant_id": KEEP,
    "id": KEEP,
    "site_id": KEEP,
    "hub_id": KEEP,
    "staff": claim("consent"),
    "zone": gated("consent"),
    "consent": OVER,
    "visit_id": FILL,
    "started_at": MIN,
    "ended_at": OVER,
    "turns": ADD,
    "sentiment": latest("sentiment_turn"),
    "sentiment_turn": latest("sentiment_turn"),
    "last_prompt": latest("last_prompt_at"),
    "last_prompt_at": latest("last_prompt_at"),
    **dict.fromkeys(_ENDED, gated("ended_at")),
}

_PROMPT = gated("kind", "")

#: Prompts: the prompt event says what it was, its outcome whether it was followed; either may
#: arrive first.
PROMPT: dict[str, Rule] = {
    "tenant_id": KEEP,
    "id": KEEP,
    "site_id": KEEP,
    "conversation_id": OVER,
    "staff": _PROMPT,
    "rule": _PROMPT,
    "kind": _PROMPT,
    "text": _PROMPT,
    "time": MIN,
    "followed": OVER,
}

_SAID = gated("role", "")

#: Turns: the turn event says who spoke when (a revision's row leaves `role` blank), and the
#: text of the highest revision wins (the turn event's is revision 0); either may arrive first.
TURN: dict[str, Rule] = {
    "tenant_id": KEEP,
    "conversation_id": KEEP,
    "index": KEEP,
    "role": _SAID,
    "speaker": _SAID,
    "start_s": _SAID,
    "end_s": _SAID,
    "sentiment": _SAID,
    "labels": _SAID,
    "language": _SAID,
    "text": latest("revision"),
    "revision": latest("revision"),
}
