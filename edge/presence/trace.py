"""Recorded BLE readings and receiver layouts, read from CSV (`beacons replay`, eval).

A trace is `time,hub,beacon,rssi` (time in Unix seconds, RSSI in dBm), one reading a line,
in time order; a layout is `hub,x,y,zone` (position in metres, the zone the hub stands in).
A row that breaks the format stops the read with its file and line named: a recording with a
bad line is not silently shortened.
"""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from edge.presence.errors import PresenceError

TRACE_COLUMNS = ("time", "hub", "beacon", "rssi")
LAYOUT_COLUMNS = ("hub", "x", "y", "zone")


class TraceError(PresenceError):
    """A trace or layout file that cannot be read, with the file and line named."""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


RowT = TypeVar("RowT", bound=_Row)


class Reading(_Row):
    """One advertisement heard by one hub."""

    time: float = Field(description="Unix seconds.")
    hub: str = Field(min_length=1)
    beacon: str = Field(min_length=1)
    rssi: float = Field(ge=-127.0, le=20.0, description="dBm.")


class Receiver(_Row):
    """One hub of the layout: where it stands and the zone it anchors."""

    hub: str = Field(min_length=1)
    x: float
    y: float
    zone: str = Field(min_length=1, max_length=64)


def _rows(path: Path, columns: tuple[str, ...], model: type[RowT]) -> list[RowT]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise TraceError(
                    f"{path}: the header must be {','.join(columns)} "
                    f"(found {','.join(reader.fieldnames or []) or 'nothing'})"
                )
            out = []
            for row in reader:
                try:
                    out.append(model.model_validate(row))
                except ValidationError as err:
                    first = err.errors()[0]
                    where = ".".join(str(part) for part in first["loc"]) or "row"
                    raise TraceError(
                        f"{path}, line {reader.line_num}: {where}: {first['msg']}"
                    ) from err
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise TraceError(f"{path}: cannot be read: {err}") from err
    return out


def read_trace(path: Path) -> list[Reading]:
    """Every reading of a trace file, checked to be finite and in time order."""
    readings = _rows(path, TRACE_COLUMNS, Reading)
    for number, (before, after) in enumerate(itertools.pairwise(readings), 3):
        if not math.isfinite(after.time) or after.time < before.time:
            raise TraceError(f"{path}, line {number}: time goes backwards or is not a number")
    if readings and not math.isfinite(readings[0].time):
        raise TraceError(f"{path}, line 2: time is not a number")
    return readings


def read_layout(path: Path) -> list[Receiver]:
    """Every receiver of a layout file; a hub listed twice is an error."""
    receivers = _rows(path, LAYOUT_COLUMNS, Receiver)
    seen: set[str] = set()
    for number, receiver in enumerate(receivers, 2):
        if receiver.hub in seen:
            raise TraceError(f"{path}, line {number}: hub {receiver.hub!r} is listed twice")
        seen.add(receiver.hub)
    if not receivers:
        raise TraceError(f"{path}: no receivers")
    return receivers
