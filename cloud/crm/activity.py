"""One ended conversation as the `Activity` a CRM receives (from the read models, redacted)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.model import Activity, ObjectionSummary, Owner
from cloud.store.crm import CrmConfigRow
from cloud.store.projections import Conversation, ObjectionRow, TurnRow
from cloud.store.tenancy import Staff
from contract.payloads import Signal

#: The next step a salesperson usually takes from each stage (the activity's `next_step`).
NEXT_STEP = {
    "browsing": "Follow up with the information asked for",
    "evaluating": "Offer a test drive",
    "negotiating": "Send the written offer",
    "closing": "Complete the paperwork",
}
_SIGNALS = {signal.value for signal in Signal}


def _signals(session: Session, conv: Conversation) -> tuple[str, ...]:
    found = [str(s) for s in (conv.metrics or {}).get("signals", [])]
    labels = session.scalars(
        select(TurnRow.labels)
        .where(TurnRow.tenant_id == conv.tenant_id, TurnRow.conversation_id == conv.id)
        .order_by(TurnRow.index)
    )
    for joined in labels:
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
    """The activity as text a salesperson reads in the CRM (no customer words: facts only)."""
    lines = [f"Showroom conversation, {activity.duration_s / 60:.0f} min."]
    if activity.objections:
        said = ", ".join(
            f"{o.objection} ({'handled' if o.handled else 'not handled'})"
            for o in activity.objections
        )
        lines.append(f"Objections: {said}.")
    if activity.signals:
        lines.append(f"Buying signals: {', '.join(activity.signals)}.")
    if activity.sentiment_start is not None and activity.sentiment_end is not None:
        lines.append(f"Sentiment {activity.sentiment_start:+.2f} → {activity.sentiment_end:+.2f}.")
    if activity.stage:
        lines.append(f"Stage: {activity.stage}.")
    if activity.next_step:
        lines.append(f"Next step: {activity.next_step}.")
    return " ".join(lines)


def build(session: Session, conv: Conversation, config: CrmConfigRow) -> Activity:
    """The activity of an ended conversation."""
    objections = session.scalars(
        select(ObjectionRow)
        .where(ObjectionRow.tenant_id == conv.tenant_id, ObjectionRow.conversation_id == conv.id)
        .order_by(ObjectionRow.turn_index)
    )
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
        signals=_signals(session, conv),
        sentiment_start=conv.sentiment_start,
        sentiment_end=conv.sentiment_end,
        stage=conv.stage,
        next_step=NEXT_STEP.get(conv.stage or ""),
        summary="",
    )
    return activity.model_copy(update={"summary": summary(activity)})
