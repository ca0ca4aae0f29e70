"""The human-readable part of a lead: the conversation's summary as ADF comments.

In the activity's language (the dealer's, `cloud.crm.wording`).
"""

from __future__ import annotations

from cloud.crm.model import Activity, Vehicle
from cloud.crm.wording import Wording, trend, wording


def vehicle_words(vehicle: Vehicle | None) -> str:
    """`2024 Toyota RAV4 XLE`, as much of it as is known; empty when nothing is."""
    if vehicle is None:
        return ""
    parts = [str(vehicle.year) if vehicle.year else "", vehicle.make, vehicle.model, vehicle.trim]
    return " ".join(part for part in parts if part)


def _sentiment(start: float | None, end: float | None, words: Wording) -> str:
    if start is None or end is None:
        return ""
    moved = words.sentiment_trend[trend(start, end)]
    return f"{words.sentiment}: {start:+.2f} → {end:+.2f} ({moved})"


def comments(activity: Activity) -> str:
    """The summary of one conversation, one fact a line, for `<customer><comments>`.

    Objections say whether the salesperson handled them; sentiment is start → end; a missing
    vehicle of interest is said out loud (the lead's `<vehicle>` is then empty).
    """
    words = wording(activity.language)
    when = words.adf_when.format(
        day=f"{activity.started_at:%Y-%m-%d}",
        start=f"{activity.started_at:%H:%M}",
        end=f"{activity.ended_at:%H:%M}",
        minutes=round(activity.duration_s / 60),
    )
    if activity.owner is not None:
        when += words.adf_with.format(name=activity.owner.name)
    lines = [when + "."]
    if activity.stage:
        lines.append(f"{words.furthest_step}: {words.step_name(activity.stage)}.")
    if activity.summary:
        lines.append(f"{words.summary}: {activity.summary}")
    if activity.objections:
        said = "; ".join(
            f"{words.label(o.objection)} ({words.handled_word(o.handled)})"
            for o in activity.objections
        )
        lines.append(f"{words.objections}: {said}.")
    if activity.signals:
        lines.append(f"{words.signals}: {'; '.join(map(words.label, activity.signals))}.")
    sentiment = _sentiment(activity.sentiment_start, activity.sentiment_end, words)
    if sentiment:
        lines.append(sentiment + ".")
    if activity.next_step:
        lines.append(f"{words.next_step}: {activity.next_step}")
    if not vehicle_words(activity.vehicle):
        lines.append(words.vehicle_not_named)
    return "\n".join(lines)
