"""What the hub saw, as numbers: one vector per conversation, and one per visit.

Everything comes from the read models ingest keeps (`conversations`, `presence`,
`crm_links`), never from the raw events, so the pages that score stay fast. A conversation
that is still live has no final metrics yet: its signals and objections come from its turns'
labels, and its objections count as not handled until it ends.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, aliased

from cloud.score.facts import Facts
from cloud.store.crm import LinkRow
from cloud.store.projections import Conversation, PresenceRow, TurnRow
from contract import payloads as p

#: The features, in the order of every vector and coefficient list.
NAMES: tuple[str, ...] = (
    "test_drive",
    "what_would_it_take",
    "other_signals",
    "objections_handled",
    "objections_open",
    "sentiment_end",
    "sentiment_trend",
    "stage",
    "dwell",
    "repeat_visit",
    "duration",
)
STAGES: tuple[str, ...] = ("browsing", "evaluating", "negotiating", "closing")
_OBJECTIONS = {item.value for item in p.Objection}
_OTHER_SIGNALS = {
    p.Signal.AVAILABILITY.value,
    p.Signal.PAYMENT_QUESTION.value,
    p.Signal.DELIVERY.value,
}
_TEST_DRIVE, _WWIT = p.Signal.TEST_DRIVE.value, p.Signal.WHAT_WOULD_IT_TAKE.value
Vector = np.ndarray


@dataclass(frozen=True)
class Prospect:
    """A conversation (or a visit of several) and its feature vector."""

    key: str
    conversation_ids: tuple[str, ...]
    features: Vector


def _minutes(seconds: float | None) -> float:
    """log(1 + minutes): the tenth minute adds less than the first."""
    return math.log1p(max(seconds or 0.0, 0.0) / 60.0)


def _signals_and_objections(conv: Facts, labels: Sequence[str]) -> tuple[set[str], int, int]:
    """(signals, objections handled, objections open) of an ended or a live conversation."""
    if conv.ended_at is not None and conv.objections is not None:
        handled = conv.objections_handled or 0
        return set(conv.signals or ()), handled, conv.objections - handled
    found = [label for turn in labels for label in turn.split(",") if label]
    live = {label for label in found if label not in _OBJECTIONS}
    return live, 0, sum(1 for label in found if label in _OBJECTIONS)


def vector(
    conv: Facts, labels: Sequence[str] = (), dwell_s: float = 0.0, repeat: bool = False
) -> Vector:
    """The features of one conversation (`labels`: its turns' labels, used while it is live)."""
    found, handled, open_ = _signals_and_objections(conv, labels)
    start = conv.sentiment_start
    end = conv.sentiment_end if conv.sentiment_end is not None else conv.sentiment
    stage = STAGES.index(conv.stage) if conv.stage in STAGES else 0
    duration = conv.duration_s
    if duration is None and conv.ended_at is not None:
        duration = (conv.ended_at - conv.started_at).total_seconds()
    values = {
        "test_drive": float(_TEST_DRIVE in found),
        "what_would_it_take": float(_WWIT in found),
        "other_signals": float(len(found & _OTHER_SIGNALS)),
        "objections_handled": float(handled),
        "objections_open": float(open_),
        "sentiment_end": float(end or 0.0),
        "sentiment_trend": float((end or 0.0) - start) if start is not None else 0.0,
        "stage": float(stage),
        "dwell": _minutes(dwell_s),
        "repeat_visit": float(repeat),
        "duration": _minutes(duration),
    }
    return np.array([values[name] for name in NAMES], dtype=np.float64)


def combine(vectors: Sequence[Vector]) -> Vector:
    """One visit's features from its conversations' (in time order).

    Signals and repeat: any; objection counts and duration: summed (duration in minutes before
    the log); stage: the furthest; sentiment: the last conversation's end, trend from the first
    conversation's start; dwell: the visit's (the same in each).
    """
    if len(vectors) == 1:
        return vectors[0]
    rows = np.vstack(vectors)
    index = {name: i for i, name in enumerate(NAMES)}
    out: Vector = rows.max(axis=0)
    for name in ("other_signals", "objections_handled", "objections_open"):
        out[index[name]] = rows[:, index[name]].sum()
    out[index["duration"]] = math.log1p(float(np.expm1(rows[:, index["duration"]]).sum()))
    last, first = rows[-1], rows[0]
    out[index["sentiment_end"]] = last[index["sentiment_end"]]
    start = first[index["sentiment_end"]] - first[index["sentiment_trend"]]
    out[index["sentiment_trend"]] = last[index["sentiment_end"]] - start
    return out


#: Presence rows of a visit are looked for this long around its conversations (a visit is
#: hours at most); it lets the lookups use the (tenant, time) index.
VISIT_SPAN = timedelta(hours=12)


def _around(convs: Sequence[Facts]) -> ColumnElement[bool]:
    """Presence rows from `VISIT_SPAN` before the first conversation to after the last one."""
    first = min(conv.started_at for conv in convs)
    last = max(conv.ended_at or conv.started_at for conv in convs)
    return PresenceRow.time.between(first - VISIT_SPAN, last + VISIT_SPAN)


def _visit_ids(session: Session, tenant: str, convs: Sequence[Facts]) -> dict[str, str]:
    """Conversation id -> visit id: the start event's, else a presence `engaged` row's.

    One query over the conversations' time span (indexed by tenant and time), matched here:
    cheaper than asking by conversation id, which no index covers.
    """
    found = {conv.id: conv.visit_id for conv in convs if conv.visit_id}
    missing = {conv.id for conv in convs if not conv.visit_id}
    if not missing:
        return found
    rows = session.execute(
        select(PresenceRow.conversation_id, PresenceRow.visit_id).where(
            PresenceRow.tenant_id == tenant,
            _around(convs),
            PresenceRow.conversation_id.is_not(None),
            PresenceRow.visit_id.is_not(None),
        )
    )
    for cid, visit in rows.tuples():
        if cid in missing and visit is not None:
            found.setdefault(cid, visit)
    return found


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _dwell(
    session: Session, tenant: str, convs: Sequence[Facts], visits: Sequence[str]
) -> dict[str, float]:
    """Visit id -> the longest dwell its presence events reported (seconds)."""
    wanted = set(visits)
    if not wanted:
        return {}
    rows = session.execute(
        select(PresenceRow.visit_id, func.max(PresenceRow.dwell_s))
        .where(
            PresenceRow.tenant_id == tenant,
            _around(convs),
            PresenceRow.action == "dwell",
            PresenceRow.visit_id.is_not(None),
        )
        .group_by(PresenceRow.visit_id)
    )
    return {str(v): float(d) for v, d in rows.tuples() if v in wanted and d}


def _repeats(session: Session, tenant: str, convs: Sequence[Facts]) -> set[str]:
    """Conversations whose linked person had an earlier conversation (a returning customer).

    One query: the tenant's links of conversations in the span of `convs` (links are the few
    customers who agreed to be known), each with its person's first conversation.
    """
    if not convs:
        return set()
    first = aliased(Conversation)
    earlier = aliased(LinkRow)
    started = (
        select(func.min(first.started_at))
        .join(
            earlier, and_(first.tenant_id == earlier.tenant_id, first.id == earlier.conversation_id)
        )
        .where(earlier.tenant_id == LinkRow.tenant_id, earlier.person_id == LinkRow.person_id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(LinkRow.conversation_id)
        .join(
            Conversation,
            and_(
                Conversation.tenant_id == LinkRow.tenant_id,
                Conversation.id == LinkRow.conversation_id,
            ),
        )
        .where(
            LinkRow.tenant_id == tenant,
            Conversation.started_at >= min(conv.started_at for conv in convs),
            Conversation.started_at <= max(conv.started_at for conv in convs),
            started < Conversation.started_at,
        )
    )
    wanted = {conv.id for conv in convs}
    return {str(cid) for cid in rows.scalars() if cid in wanted}


def _live_labels(session: Session, tenant: str, convs: Sequence[Facts]) -> dict[str, list[str]]:
    """Turn labels of the live conversations among `convs`."""
    live = [conv.id for conv in convs if conv.ended_at is None]
    found: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(live):
        rows = session.execute(
            select(TurnRow.conversation_id, TurnRow.labels).where(
                TurnRow.tenant_id == tenant,
                TurnRow.conversation_id.in_(chunk),
                TurnRow.labels != "",
            )
        )
        for cid, labels in rows.tuples():
            found[str(cid)].append(str(labels))
    return found


def conversations(
    session: Session,
    tenant: str,
    convs: Sequence[Facts],
    visits: dict[str, str] | None = None,
) -> dict[str, Vector]:
    """Conversation id -> its features, for conversations of `tenant` (`visits`: if known)."""
    visits = _visit_ids(session, tenant, convs) if visits is None else visits
    dwell = _dwell(session, tenant, convs, list(visits.values())) if convs else {}
    repeats = _repeats(session, tenant, convs)
    labels = _live_labels(session, tenant, convs)
    return {
        conv.id: vector(
            conv,
            labels.get(conv.id, ()),
            dwell.get(visits.get(conv.id, ""), 0.0),
            conv.id in repeats,
        )
        for conv in convs
    }


def prospects(
    session: Session,
    tenant: str,
    convs: Sequence[Facts],
) -> list[Prospect]:
    """One prospect per visit (its conversations combined) or per conversation of no visit."""
    visits = _visit_ids(session, tenant, convs)
    vectors = conversations(session, tenant, convs, visits)
    groups: dict[str, list[Facts]] = defaultdict(list)
    for conv in sorted(convs, key=lambda c: c.started_at):
        groups[visits.get(conv.id, conv.id)].append(conv)
    return [
        Prospect(key, tuple(c.id for c in group), combine([vectors[c.id] for c in group]))
        for key, group in groups.items()
    ]


@dataclass(frozen=True)
class Matrix:
    """Prospects as one matrix: row `i` is prospect `keys[i]` of conversations `members[i]`."""

    keys: list[str]
    members: list[tuple[str, ...]]
    values: np.ndarray


def _columns(
    convs: Sequence[Facts],
    labels: dict[str, list[str]],
    dwell: Sequence[float],
    repeats: set[str],
) -> np.ndarray:
    """The features of `convs` built a column at a time: `vector` for many rows at once."""
    parts = [_signals_and_objections(c, labels.get(c.id, ())) for c in convs]
    ends = [c.sentiment_end if c.sentiment_end is not None else c.sentiment for c in convs]
    end = np.array([e or 0.0 for e in ends], dtype=np.float64)
    start = np.array(
        [np.nan if c.sentiment_start is None else c.sentiment_start for c in convs],
        dtype=np.float64,
    )
    duration = np.array(
        [
            c.duration_s
            if c.duration_s is not None
            else (c.ended_at - c.started_at).total_seconds()
            if c.ended_at is not None
            else 0.0
            for c in convs
        ],
        dtype=np.float64,
    )
    columns: dict[str, Any] = {
        "test_drive": [_TEST_DRIVE in found for found, _, _ in parts],
        "what_would_it_take": [_WWIT in found for found, _, _ in parts],
        "other_signals": [len(found & _OTHER_SIGNALS) for found, _, _ in parts],
        "objections_handled": [handled for _, handled, _ in parts],
        "objections_open": [open_ for _, _, open_ in parts],
        "sentiment_end": end,
        "sentiment_trend": np.where(np.isnan(start), 0.0, end - start),
        "stage": [STAGES.index(c.stage) if c.stage in STAGES else 0 for c in convs],
        "dwell": np.log1p(np.maximum(np.asarray(dwell, dtype=np.float64), 0.0) / 60.0),
        "repeat_visit": [c.id in repeats for c in convs],
        "duration": np.log1p(np.maximum(duration, 0.0) / 60.0),
    }
    out = np.empty((len(convs), len(NAMES)), dtype=np.float64)
    for i, name in enumerate(NAMES):
        out[:, i] = np.asarray(columns[name], dtype=np.float64)
    return out


def _combine_groups(rows: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """`combine` of each run of `rows` beginning at `starts` (rows of one group are adjacent)."""
    index = {name: i for i, name in enumerate(NAMES)}
    sizes = np.diff(np.append(starts, len(rows)))
    out = np.maximum.reduceat(rows, starts, axis=0)
    for name in ("other_signals", "objections_handled", "objections_open"):
        out[:, index[name]] = np.add.reduceat(rows[:, index[name]], starts)
    minutes = np.add.reduceat(np.expm1(rows[:, index["duration"]]), starts)
    out[:, index["duration"]] = np.log1p(minutes)
    first, last = rows[starts], rows[starts + sizes - 1]
    end, trend = index["sentiment_end"], index["sentiment_trend"]
    out[:, end] = last[:, end]
    out[:, trend] = last[:, end] - (first[:, end] - first[:, trend])
    single = sizes == 1
    out[single] = rows[starts[single]]  # one conversation: its own vector, as `combine`
    return out


def matrix(session: Session, tenant: str, convs: Sequence[Facts]) -> Matrix:
    """What `prospects` gives, as one matrix built column-wise: the pages' fast path.

    Same queries, same prospects in the same order, the same values (the tests compare both
    on stored events); no per-row vector, dict or dataclass.
    """
    ordered = sorted(convs, key=lambda c: c.started_at)
    visits = _visit_ids(session, tenant, ordered)
    dwell = _dwell(session, tenant, ordered, list(visits.values())) if ordered else {}
    repeats = _repeats(session, tenant, ordered)
    labels = _live_labels(session, tenant, ordered)
    keys = [visits.get(c.id, c.id) for c in ordered]
    rows = _columns(
        ordered, labels, [dwell.get(visits.get(c.id, ""), 0.0) for c in ordered], repeats
    )
    groups: dict[str, int] = {}
    group = np.array([groups.setdefault(key, len(groups)) for key in keys], dtype=np.int64)
    if not len(group):
        return Matrix([], [], np.empty((0, len(NAMES)), dtype=np.float64))
    order = np.argsort(group, kind="stable")  # by group, each in time order
    starts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    ids = [ordered[i].id for i in order]
    ends = [*starts[1:], len(order)]
    members = [tuple(ids[a:b]) for a, b in zip(starts, ends, strict=True)]
    return Matrix(list(groups), members, _combine_groups(rows[order], starts))
