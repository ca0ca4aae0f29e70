"""One ended conversation as the `Activity` a CRM receives (from the read models, redacted).

The vehicle of interest and the trade-in come from the redacted turn texts (`cloud.crm.vehicle`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.model import Activity, ObjectionSummary, Owner
from cloud.crm.vehicle import trade_in, vehicle_of_interest
from cloud.crm.wording import summary_language, wording
from cloud.store.crm import CrmConfigRow
from cloud.store.projections import Conversation, ObjectionRow, TurnRow
from cloud.store.tenancy import Staff
from contract.payloads import Signal

_SIGNALS = {signal.value for signal in Signal}


def _turns(session: Session, conv: Conversation) -> list[tuple[str, str | None]]:
    """(labels, redacted text) of each turn, in order."""
    rows = session.execute(
        select(TurnRow.labels, TurnRow.text)
        .where(TurnRow.tenant_id == conv.tenant_id, TurnRow.conversation_id == conv.id)
        .order_by(TurnRow.index)
    )
    return [(labels, text) for labels, text in rows]


def _signals(conv: Conversation, turns: list[tuple[str, str | None]]) -> tuple[str, ...]:
    found = [str(s) for s in (conv.metrics or {}).get("signals", [])]
    for joined, _ in turns:
        found.extend(label for label in joined.split(",") if label in _SIGNALS)
    return tuple(dict.fromkeys(found))


def owner(session: Session, conv: Conversation, config: CrmConfigRow) -> Owner | None:
    """The conversation's salesperson by name, with their CRM user id where mapped."""
    if conv.staff is None:
        return None
    name = session.scalar(
        select(Staff.name).where(Staff.tenant_id == conv.tenant_id, Staff.pseudonym == conv.staff)
    )
    crm_user = config.user_map.get(conv.staff)
    return Owner(name=name or conv.staff, crm_user_id=str(crm_user) if crm_user else None)


def summary(activity: Activity) -> str:
    """The activity as text a salesperson reads in the CRM, in the activity's language.

    No customer words: facts only.
    """
    words = wording(activity.language)
    lines = [words.conversation.format(minutes=f"{activity.duration_s / 60:.0f}")]
    if activity.objections:
        said = ", ".join(
            f"{words.label(o.objection)} ({words.handled_word(o.handled)})"
            for o in activity.objections
        )
        lines.append(f"{words.objections}: {said}.")
    if activity.signals:
        lines.append(f"{words.signals}: {', '.join(map(words.label, activity.signals))}.")
    if activity.sentiment_start is not None and activity.sentiment_end is not None:
        lines.append(
            f"{words.sentiment} {activity.sentiment_start:+.2f} → {activity.sentiment_end:+.2f}."
        )
    if activity.stage:
        lines.append(f"{words.stage}: {words.stage_name(activity.stage)}.")
    if activity.next_step:
        lines.append(f"{words.next_step}: {activity.next_step}.")
    return " ".join(lines)


def build(session: Session, conv: Conversation, config: CrmConfigRow) -> Activity:
    """The activity of an ended conversation, in the language of the site's CRM settings."""
    objections = session.scalars(
        select(ObjectionRow)
        .where(ObjectionRow.tenant_id == conv.tenant_id, ObjectionRow.conversation_id == conv.id)
        .order_by(ObjectionRow.turn_index)
    )
    turns = _turns(session, conv)
    language = summary_language(config.language)
    words = wording(language)
    texts = [text for _, text in turns if text]
    ended = conv.ended_at or conv.started_at
    duration = conv.duration_s
    if duration is None:
        duration = max(0.0, (ended - conv.started_at).total_seconds())
    activity = Activity(
        conversation_id=conv.id,
        site_id=conv.site_id,
        owner=owner(session, conv, config),
        started_at=conv.started_at,
        ended_at=ended,
        duration_s=duration,
        objections=tuple(
            ObjectionSummary(objection=o.objection, handled=o.handled) for o in objections
        ),
        signals=_signals(conv, turns),
        sentiment_start=conv.sentiment_start,
        sentiment_end=conv.sentiment_end,
        stage=conv.stage,
        next_step=words.next_steps.get(conv.stage or ""),
        vehicle=vehicle_of_interest(texts),
        trade_in=trade_in(texts),
        summary="",
        language=language,
    )
    return activity.model_copy(update={"summary": summary(activity)})
