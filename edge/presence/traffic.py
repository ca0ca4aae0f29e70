"""Traffic per zone per interval: counts and median dwell, with no identifier at all.

Intervals are aligned to multiples of `interval_s` since the epoch (UTC), so hubs of one site
summarise the same periods. `visitors` counts distinct customer visits seen in the zone;
`staff_present` distinct badges; `devices` the peak number of anonymous devices present at
once, a device being present from the first to the last time its address was heard. A phone
that rotates its random address (every ~15 min) stops being heard under the old address before
it is heard under the new one, so the two never overlap and it counts once, without linking the
two addresses; addresses are kept in memory for the current interval only and never emitted.
`median_dwell_s` is over customer stays in the zone that ended in the interval.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import UTC, datetime

from contract.payloads import TrafficSummary


class _Zone:
    def __init__(self) -> None:
        self.visits: set[str] = set()
        self.staff: set[str] = set()
        self.dwells: list[float] = []
        self.devices: dict[str, list[float]] = {}

    def devices_peak(self) -> int:
        """Most devices present at once: a sweep over [first, last] heard intervals."""
        edges = sorted(
            [(span[0], 1) for span in self.devices.values()]
            + [(span[1], -1) for span in self.devices.values()],
            key=lambda edge: (edge[0], -edge[1]),
        )
        peak = current = 0
        for _, step in edges:
            current += step
            peak = max(peak, current)
        return peak


class TrafficCounter:
    """Accumulates one interval for every zone; `roll(now)` returns finished summaries."""

    def __init__(self, zones: list[str], interval_s: int) -> None:
        self._names = list(zones)
        self._interval = interval_s
        self._start: int | None = None
        self._zones: dict[str, _Zone] = defaultdict(_Zone)

    def visitor(self, zone: str, visit_id: str) -> None:
        """A customer visit is in `zone`."""
        self._zones[zone].visits.add(visit_id)

    def staff(self, zone: str, staff: str) -> None:
        """A badge is in `zone`."""
        self._zones[zone].staff.add(staff)

    def stay_ended(self, zone: str, dwell_s: float) -> None:
        """A customer left `zone` after `dwell_s`."""
        self._zones[zone].dwells.append(dwell_s)

    def device(self, zone: str, address: str, now: float) -> None:
        """An anonymous device was heard in `zone` at `now`."""
        span = self._zones[zone].devices.setdefault(address, [now, now])
        span[1] = now

    def roll(self, now: float) -> list[TrafficSummary]:
        """Summaries of the interval that `now` has passed (one per zone), else nothing."""
        start = int(now // self._interval) * self._interval
        if self._start is None:
            self._start = start
            return []
        if start == self._start:
            return []
        summaries = [self._summary(name) for name in self._names]
        self._start = start
        self._zones.clear()
        return summaries

    def _summary(self, name: str) -> TrafficSummary:
        zone_state = self._zones.get(name, _Zone())
        return TrafficSummary(
            zone=name,
            interval_start=datetime.fromtimestamp(self._start or 0, UTC),
            interval_s=self._interval,
            visitors=len(zone_state.visits),
            devices=zone_state.devices_peak(),
            staff_present=len(zone_state.staff),
            median_dwell_s=statistics.median(zone_state.dwells) if zone_state.dwells else None,
        )
