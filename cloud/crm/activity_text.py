"""The text of one conversation as a CRM activity (subject and description), vendor-neutral.

Salesforce's Task and Dynamics' phonecall carry the same words: the redacted summary, the
objections and whether they were handled, buying signals, sentiment start -> end, the vehicle
of interest and trade-in, the next step and who from the staff. Nothing here is unredacted.
Everything is in the activity's language (the dealer's, `cloud.crm.wording`).
"""

from __future__ import annotations

from cloud.crm.model import Activity, Vehicle
from cloud.crm.wording import Wording, wording


def _vehicle(vehicle: Vehicle, words: Wording) -> str:
    parts = [str(vehicle.year) if vehicle.year else None, vehicle.make, vehicle.model, vehicle.trim]
    return " ".join(part for part in parts if part) or words.vehicle_unknown


def subject(activity: Activity) -> str:
    """E.g. `Showroom visit 2026-11-29 14:05 UTC (12 min)`."""
    minutes = max(1, round(activity.duration_s / 60))
    when = f"{activity.started_at:%Y-%m-%d %H:%M %Z}".strip()
    return wording(activity.language).visit_subject.format(when=when, minutes=minutes)


def description(activity: Activity, limit: int = 32_000) -> str:
    """The activity's body, at most `limit` characters."""
    words = wording(activity.language)
    lines = [activity.summary.strip()] if activity.summary.strip() else []
    if activity.objections:
        handled = "; ".join(
            f"{words.label(item.objection)} ({words.handled_word(item.handled)})"
            for item in activity.objections
        )
        lines.append(f"{words.objections}: {handled}")
    if activity.signals:
        lines.append(f"{words.signals}: {', '.join(map(words.label, activity.signals))}")
    if activity.sentiment_start is not None and activity.sentiment_end is not None:
        lines.append(
            f"{words.sentiment}: {activity.sentiment_start:+.2f} -> {activity.sentiment_end:+.2f}"
        )
    if activity.stage:
        lines.append(f"{words.stage_reached}: {words.stage_name(activity.stage)}")
    if activity.vehicle is not None:
        lines.append(f"{words.vehicle}: {_vehicle(activity.vehicle, words)}")
    if activity.trade_in is not None:
        lines.append(f"{words.trade_in}: {_vehicle(activity.trade_in, words)}")
    if activity.next_step:
        lines.append(f"{words.next_step}: {activity.next_step}")
    if activity.owner is not None:
        lines.append(f"{words.salesperson}: {activity.owner.name}")
    lines.append(words.reference.format(conversation_id=activity.conversation_id))
    text = "\n".join(lines)
    return text if len(text) <= limit else text[: limit - 1] + "…"
