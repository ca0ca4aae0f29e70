"""The fake Twilio account: credentials, numbers it may send from, STOPs, messages, faults."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Faults:
    """Answers to give instead of the real one, in order (one per request, then normal).

    `statuses`: 500, 503 or 429 (with Twilio's body); `slow_s`: seconds to wait before
    answering (after the message was created: a lost answer, for the client's timeout).
    """

    statuses: list[int] = field(default_factory=list)
    slow_s: float = 0.0


@dataclass
class Account:
    """A Twilio account as the fake sees it."""

    sid: str = "AC" + "0" * 31 + "1"
    token: str = "test-auth-token-0123456789abcdef"
    numbers: set[str] = field(default_factory=lambda: {"+15555550100"})
    opted_out: set[str] = field(default_factory=set)
    messages: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    faults: Faults = field(default_factory=Faults)
    lock: threading.Lock = field(default_factory=threading.Lock)
