"""One advertisement as presence sees it: who sent it (address), how loud, which frames."""

from __future__ import annotations

from dataclasses import dataclass

from edge.presence.frames import Frame


@dataclass(frozen=True, slots=True)
class Advertisement:
    """A received advertisement, decoded; `random_address` for private (rotating) addresses."""

    address: str
    rssi: int
    frames: tuple[Frame, ...]
    random_address: bool = False
    tx_power: int | None = None
    name: str | None = None
