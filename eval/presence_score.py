"""Scoring zone decisions against a recording's true room over time (`eval.presence`).

Fixed before any result was read, for every trace and every method alike:
- Accuracy: at each row of the truth file, the decision in force (the last one at or before
  that time; none yet counts as "no zone") equals the true zone.
- A trace splits into segments where the truth has a gap over `GAP_S`; visitor-minutes are the
  segments' summed lengths (one tag, so one visitor).
- Spurious changes: every decision change inside a segment, except (a) one matched to a true
  room change into the same zone within `MATCH_S` seconds either side (each true change
  matches once), and (b) the first entry into a zone from no zone within `MATCH_S` of the
  segment's start (arriving). Changes to no zone inside a segment are always spurious.
"""

from __future__ import annotations

import bisect
import csv
import itertools
from collections import defaultdict, deque
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from edge.presence.replay import ZoneDecision
from edge.presence.trace import Reading, Receiver

GAP_S = 10.0
MATCH_S = 10.0
BASELINE_WINDOW_S = 3.0


class Truth(BaseModel):
    """The true zone of a beacon at one time."""

    model_config = ConfigDict(frozen=True)

    time: float
    beacon: str
    zone: str


class Score(BaseModel):
    """How one method did on one trace."""

    model_config = ConfigDict(frozen=True)

    accuracy: float
    spurious: int
    visitor_minutes: float
    spurious_per_visitor_minute: float
    decisions: int


def read_truth(path: Path) -> list[Truth]:
    """The truth file's rows (`time,beacon,zone,x,y`)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Truth(time=float(row["time"]), beacon=row["beacon"], zone=row["zone"])
            for row in csv.DictReader(handle)
        ]


def baseline(readings: list[Reading], receivers: list[Receiver]) -> list[ZoneDecision]:
    """The strongest receiver's zone by mean RSSI over the last 3 s, at every reading time."""
    zone_of = {r.hub: r.zone for r in receivers}
    windows: dict[str, deque[Reading]] = defaultdict(deque)
    current: dict[str, str | None] = {}
    out = []
    for reading in readings:
        window = windows[reading.beacon]
        window.append(reading)
        while window[0].time <= reading.time - BASELINE_WINDOW_S:
            window.popleft()
        sums: dict[str, list[float]] = defaultdict(list)
        for heard in window:
            if heard.hub in zone_of:
                sums[heard.hub].append(heard.rssi)
        if not sums:
            continue
        best = max(sums, key=lambda hub: sum(sums[hub]) / len(sums[hub]))
        if current.get(reading.beacon) != zone_of[best]:
            current[reading.beacon] = zone_of[best]
            out.append(ZoneDecision(time=reading.time, beacon=reading.beacon, zone=zone_of[best]))
    return out


def score(decisions: Iterable[ZoneDecision], truth: list[Truth]) -> Score:
    """Accuracy and spurious changes of `decisions` against `truth` (see the module doc)."""
    by_beacon: dict[str, list[ZoneDecision]] = defaultdict(list)
    for decision in decisions:
        by_beacon[decision.beacon].append(decision)
    correct = spurious = total = 0
    minutes = 0.0
    rows: dict[str, list[Truth]] = defaultdict(list)
    for row in truth:
        rows[row.beacon].append(row)
    for beacon, beacon_rows in rows.items():
        made = by_beacon.get(beacon, [])
        times = [d.time for d in made]
        for row in beacon_rows:
            at = bisect.bisect_right(times, row.time) - 1
            correct += at >= 0 and made[at].zone == row.zone
            total += 1
        for segment in _segments(beacon_rows):
            minutes += (segment[-1].time - segment[0].time) / 60.0
            spurious += _spurious(made, segment)
    return Score(
        accuracy=correct / max(1, total),
        spurious=spurious,
        visitor_minutes=minutes,
        spurious_per_visitor_minute=spurious / minutes if minutes else 0.0,
        decisions=sum(len(made) for made in by_beacon.values()),
    )


def _segments(rows: list[Truth]) -> list[list[Truth]]:
    segments: list[list[Truth]] = []
    for row in rows:
        if not segments or row.time - segments[-1][-1].time > GAP_S:
            segments.append([])
        segments[-1].append(row)
    return segments


def _spurious(made: list[ZoneDecision], segment: list[Truth]) -> int:
    start, end = segment[0].time, segment[-1].time
    true_changes = [
        (after.time, after.zone)
        for before, after in itertools.pairwise(segment)
        if after.zone != before.zone
    ]
    used = [False] * len(true_changes)
    previous: str | None = None
    count = 0
    for decision in made:
        if decision.time <= start:
            previous = decision.zone
            continue
        if decision.time > end:
            break
        legit = previous is None and decision.time - start <= MATCH_S
        for index, (when, zone) in enumerate(true_changes):
            if legit:
                break
            if not used[index] and zone == decision.zone and abs(when - decision.time) <= MATCH_S:
                used[index] = legit = True
        previous = decision.zone
        count += not legit
    return count
