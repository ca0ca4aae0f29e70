"""Traffic per zone per interval: counts and median dwell, with no identifier at all.

Intervals are aligned to multiples of `interval_s` since the epoch (UTC), so hubs of one site
summarise the same periods. `visitors` counts distinct customer visits seen in the zone;
`staff_present` distinct badges; `devices` the largest number of distinct anonymous device
addresses heard in any one `device_window_s` slice of the interval. Counting per slice instead
of per interval keeps a phone that rotates its random address (every ~15 min) from counting
twice, and no address outlives its slice. `median_dwell_s` is over customer stays in the zone
that ended in the interval.
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
        self.devices_peak = 0
        self.slice_devices: set[str] = set()


class TrafficCounter:
    """Accumulates one interval for every zone; `roll(now)` returns finished summaries."""

    def __init__(self, zones: list[str], interval_s: int, device_window_s: float = 60.0) -> None:
        self._names = list(zones)
        self._interval = interval_s
        self._window = device_window_s
        self._start: int | None = None
        self._slice: int | None = None
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
        self._roll_slice(now)
        zone_state = self._zones[zone]
        zone_state.slice_devices.add(address)
        zone_state.devices_peak = max(zone_state.devices_peak, len(zone_state.slice_devices))

    def roll(self, now: float) -> list[TrafficSummary]:
        """Summaries of the interval that `now` has passed (one per zone), else nothing."""
        start = int(now // self._interval) * self._interval
        if self._start is None:
            self._start = start
            return []
        if start == self._start:
            self._roll_slice(now)
            return []
        summaries = [self._summary(name) for name in self._names]
        self._start, self._slice = start, None
        self._zones.clear()
        return summaries

    def _roll_slice(self, now: float) -> None:
        index = int(now // self._window)
        if index != self._slice:
            self._slice = index
            for zone_state in self._zones.values():
                zone_state.slice_devices.clear()

    def _summary(self, name: str) -> TrafficSummary:
        zone_state = self._zones.get(name, _Zone())
        return TrafficSummary(
            zone=name,
            interval_start=datetime.fromtimestamp(self._start or 0, UTC),
            interval_s=self._interval,
            visitors=len(zone_state.visits),
            devices=zone_state.devices_peak,
            staff_present=len(zone_state.staff),
            median_dwell_s=statistics.median(zone_state.dwells) if zone_state.dwells else None,
        )
