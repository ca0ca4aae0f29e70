"""Login throttling in memory, bounded: per address, per address and account, per account.

Checked before any password is hashed (`LoginThrottle.check`), in this order:

1. address: at most `per_address` attempts a minute from one address, whatever the account
   (a spray of unknown e-mails from one place stops here, before argon2 runs);
2. address and account: at most `per_pair` failures a minute;
3. account: after `account_failures` failures within `account_window_s` from anywhere, the
   account is refused to every address that has failed on it in that window, while an address
   that has not failed may still try. Someone guessing from many places thus cannot lock the
   owner out; each of their addresses gets one guess per window.

Every table holds at most `max_entries` keys: entries expire with their window, and when full
the least recently touched key is dropped (which can only forget a throttle, never lock anyone).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


class Window:
    """Events per key within a sliding `window_s`, up to `limit` remembered per key."""

    def __init__(
        self,
        limit: int,
        window_s: float,
        max_entries: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """A window of `window_s` seconds allowing `limit` events per key."""
        self._limit, self._window_s, self._max = limit, window_s, max_entries
        self._clock = clock
        self._keys: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        """Keys held."""
        return len(self._keys)

    def _events(self, key: str) -> deque[float] | None:
        events = self._keys.get(key)
        if events is None:
            return None
        cutoff = self._clock() - self._window_s
        while events and events[0] <= cutoff:
            events.popleft()
        if not events:
            del self._keys[key]
            return None
        return events

    def count(self, key: str) -> int:
        """Events of `key` within the window."""
        events = self._events(key)
        return 0 if events is None else len(events)

    def retry_after(self, key: str) -> int:
        """Seconds until `key` is under its limit again; 0 when it is now."""
        events = self._events(key)
        if events is None or len(events) < self._limit:
            return 0
        return max(1, int(events[0] + self._window_s - self._clock()) + 1)

    def hit(self, key: str) -> None:
        """Count one event of `key`."""
        events = self._events(key)
        if events is None:
            events = self._keys[key] = deque(maxlen=self._limit)
            while len(self._keys) > self._max:
                self._keys.popitem(last=False)
        else:
            self._keys.move_to_end(key)
        events.append(self._clock())

    def clear(self, key: str) -> None:
        """Forget `key`."""
        self._keys.pop(key, None)


@dataclass(frozen=True)
class LoginLimits:
    """The throttle's numbers (settings `login_*`)."""

    per_address: int = 30
    per_pair: int = 5
    account_failures: int = 20
    account_window_s: float = 900.0
    max_entries: int = 10_000


class LoginThrottle:
    """Decides whether a login attempt may be checked at all, and learns from the result."""

    def __init__(self, limits: LoginLimits, clock: Callable[[], float] = time.monotonic) -> None:
        """Empty tables sized by `limits`."""
        size = limits.max_entries
        self._address = Window(limits.per_address, 60.0, size, clock)
        self._pair = Window(limits.per_pair, 60.0, size, clock)
        self._account = Window(limits.account_failures, limits.account_window_s, size, clock)
        self._failed_here = Window(1, limits.account_window_s, size, clock)

    @property
    def entries(self) -> int:
        """Keys held across the tables (bounded by 4 x `max_entries`)."""
        return len(self._address) + len(self._pair) + len(self._account) + len(self._failed_here)

    def check(self, address: str, account: str) -> int:
        """Seconds to wait before this attempt may be checked (0: go on); counts the attempt."""
        pair = f"{address}|{account}"
        wait = self._address.retry_after(address) or self._pair.retry_after(pair)
        if not wait and self._failed_here.count(pair):
            wait = self._account.retry_after(account)
        if not wait:
            self._address.hit(address)
        return wait

    def failed(self, address: str, account: str) -> None:
        """A wrong password (or no such account)."""
        pair = f"{address}|{account}"
        self._pair.hit(pair)
        self._account.hit(account)
        self._failed_here.hit(pair)

    def succeeded(self, address: str, account: str) -> None:
        """The right password: this address's failures on the account are forgiven."""
        pair = f"{address}|{account}"
        self._pair.clear(pair)
        self._failed_here.clear(pair)
