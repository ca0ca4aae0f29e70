"""What the CRM fakes share: the record of each request, and the faults to inject next."""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

#: limit: the vendor's rate-limit answer; server: 503; timeout: answer after the client gave up,
#: without doing anything; lost: do it, then answer after the client gave up.
Fault = Literal["limit", "server", "timeout", "lost"]


@dataclass
class Recorded:
    """One HTTP request as a fake received it."""

    method: str
    host: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: Any


class Faults:
    """A queue of faults for the next calls, and a random share of 503s (seeded)."""

    def __init__(self, transient_rate: float = 0.0, seed: int = 7) -> None:
        self.queue: deque[Fault | None] = deque()
        self.transient_rate = transient_rate
        self._rng = random.Random(seed)
        #: How many faults were injected, by kind.
        self.injected: dict[str, int] = {}

    def add(self, kind: Fault, count: int = 1, after: int = 0) -> None:
        """`count` API calls fail as `kind`, once `after` more have been answered normally."""
        self.queue.extend([None] * after + [kind] * count)

    def next(self) -> Fault | None:
        """The fault for this call (None: answer normally)."""
        fault: Fault | None = self.queue.popleft() if self.queue else None
        if fault is None and self.transient_rate and self._rng.random() < self.transient_rate:
            fault = "server"
        if fault is not None:
            self.injected[fault] = self.injected.get(fault, 0) + 1
        return fault
