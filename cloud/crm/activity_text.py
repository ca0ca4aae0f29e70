"""The text of one conversation as a CRM activity (subject and description), vendor-neutral.

Salesforce's Task and Dynamics' phonecall carry the same words: the redacted summary, the
objections and whether they were handled, buying signals, sentiment start -> end, the vehicle
of interest and trade-in, the next step and who from the staff. Nothing here is unredacted.
"""

from __future__ import annotations

from cloud.crm.model import Activity, Vehicle


def _vehicle(vehicle: Vehicle) -> str:
    parts = [str(vehicle.year) if vehicle.year else None, vehicle.make, vehicle.model, vehicle.trim]
    return " ".join(part for part in parts if part) or "unknown"


def subject(activity: Activity) -> str:
    """E.g. `Showroom visit 2026-11-29 14:05 UTC (12 min)`."""
    minutes = max(1, round(activity.duration_s / 60))
    return f"Showroom visit {activity.started_at:%Y-%m-%d %H:%M %Z} ({minutes} min)".replace(
        "  ", " "
    )


def description(activity: Activity, limit: int = 32_000) -> str:
    """The activity's body, at most `limit` characters."""
    lines = [activity.summary.strip()] if activity.summary.strip() else []
    if activity.objections:
        handled = "; ".join(
            f"{item.objection} ({'handled' if item.handled else 'not handled'})"
            for item in activity.objections
        )
        lines.append(f"Objections: {handled}")
    if activity.signals:
        lines.append(f"Buying signals: {', '.join(activity.signals)}")
    if activity.sentiment_start is not None and activity.sentiment_end is not None:
        lines.append(f"Sentiment: {activity.sentiment_start:+.2f} -> {activity.sentiment_end:+.2f}")
    if activity.stage:
        lines.append(f"Stage reached: {activity.stage}")
    if activity.vehicle is not None:
        lines.append(f"Vehicle of interest: {_vehicle(activity.vehicle)}")
    if activity.trade_in is not None:
        lines.append(f"Trade-in: {_vehicle(activity.trade_in)}")
    if activity.next_step:
        lines.append(f"Next step: {activity.next_step}")
    if activity.owner is not None:
        lines.append(f"Salesperson: {activity.owner.name}")
    lines.append(f"Showfloor conversation {activity.conversation_id}")
    text = "\n".join(lines)
    return text if len(text) <= limit else text[: limit - 1] + "…"
