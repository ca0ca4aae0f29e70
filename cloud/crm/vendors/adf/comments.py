"""The human-readable part of a lead: the conversation's summary as ADF comments."""

from __future__ import annotations

from cloud.crm.model import Activity, Vehicle

_STEP_WORDS = {
    "greeted": "greeted",
    "test_drive": "test drive",
    "negotiation": "negotiation / write-up",
    "left": "left",
}


def vehicle_words(vehicle: Vehicle | None) -> str:
    """`2024 Toyota RAV4 XLE`, as much of it as is known; empty when nothing is."""
    if vehicle is None:
        return ""
    parts = [str(vehicle.year) if vehicle.year else "", vehicle.make, vehicle.model, vehicle.trim]
    return " ".join(part for part in parts if part)


def _sentiment(start: float | None, end: float | None) -> str:
    if start is None or end is None:
        return ""
    change = end - start
    trend = "warmer" if change > 0.05 else "cooler" if change < -0.05 else "unchanged"
    return f"Sentiment: {start:+.2f} → {end:+.2f} ({trend})"


def comments(activity: Activity) -> str:
    """The summary of one conversation, one fact a line, for `<customer><comments>`.

    Objections say whether the salesperson handled them; sentiment is start → end; a missing
    vehicle of interest is said out loud (the lead's `<vehicle>` is then empty).
    """
    minutes = round(activity.duration_s / 60)
    when = (
        f"Showroom conversation {activity.started_at:%Y-%m-%d %H:%M}"
        f"-{activity.ended_at:%H:%M} ({minutes} min)"
    )
    if activity.owner is not None:
        when += f" with {activity.owner.name}"
    lines = [when + "."]
    if activity.stage:
        lines.append(f"Furthest step: {_STEP_WORDS.get(activity.stage, activity.stage)}.")
    if activity.summary:
        lines.append(f"Summary: {activity.summary}")
    if activity.objections:
        said = "; ".join(
            f"{o.objection} ({'handled' if o.handled else 'not handled'})"
            for o in activity.objections
        )
        lines.append(f"Objections: {said}.")
    if activity.signals:
        lines.append(f"Buying signals: {'; '.join(activity.signals)}.")
    sentiment = _sentiment(activity.sentiment_start, activity.sentiment_end)
    if sentiment:
        lines.append(sentiment + ".")
    if activity.next_step:
        lines.append(f"Next step: {activity.next_step}")
    if not vehicle_words(activity.vehicle):
        lines.append("Vehicle of interest: not named in the conversation.")
    return "\n".join(lines)
