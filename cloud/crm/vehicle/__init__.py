"""The vehicle of interest and the trade-in, from a conversation's (redacted) turn texts.

`vehicle_of_interest(texts)` and `trade_in(texts)` find the vehicles the conversation names
(makes, models and trims from `catalog.yaml`, years as said: "2024", "a '22", "twenty twenty
four") and pick, of the customer's wanted cars and of their own, the one named most often
(the latest on a tie), with what was said of it put together: "the 2024 RAV4" and later "the
RAV4 XLE" are one `Vehicle(2024, "Toyota", "RAV4", "XLE")`. A colour or "the red one" names
no vehicle; a make alone ("something from Honda") is a vehicle with only its make.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cloud.crm.model import Vehicle
from cloud.crm.vehicle.mentions import Mention, mentions

__all__ = ["trade_in", "vehicle_of_interest"]


def _pick(found: list[Mention]) -> Vehicle | None:
    """The most-named model (a make alone counts for its models), details merged."""
    if not found:
        return None
    with_model = [m for m in found if m.model is not None]
    pool = with_model or found
    makes_said = Counter(m.make for m in found if m.model is None)
    counts = Counter((m.make, m.model) for m in pool)
    last = {(m.make, m.model): index for index, m in enumerate(pool)}
    make, model = max(counts, key=lambda k: (counts[k] + makes_said[k[0]], last[k]))
    chosen = [m for m in pool if (m.make, m.model) == (make, model)]
    year = next((m.year for m in reversed(chosen) if m.year is not None), None)
    trim = next((m.trim for m in reversed(chosen) if m.trim is not None), None)
    return Vehicle(year=year, make=make, model=model, trim=trim)


def vehicle_of_interest(texts: Sequence[str]) -> Vehicle | None:
    """The vehicle the customer wants, as far as `texts` tell; None if none is named."""
    return _pick([m for m in mentions(texts) if not m.trade])


def trade_in(texts: Sequence[str]) -> Vehicle | None:
    """The customer's own vehicle (to trade in), as far as `texts` tell; None if none is."""
    return _pick([m for m in mentions(texts) if m.trade])
