"""Backoff with full jitter and the client-side sliding window."""

from __future__ import annotations

import random

import pytest

from cloud.crm.backoff import Backoff, SlidingWindow
from harness.crm.clock import FakeClock


def test_backoff_grows_exponentially_under_a_cap_with_jitter() -> None:
    policy = Backoff(base_s=1.0, cap_s=8.0, attempts=5)
    rng = random.Random(1)
    for attempt, ceiling in enumerate([1, 2, 4, 8, 8, 8]):
        delays = [policy.delay(attempt, rng) for _ in range(200)]
        assert min(delays) >= 0 and max(delays) <= ceiling
        assert max(delays) > ceiling * 0.8  # full jitter spans the range


def test_the_window_waits_until_the_oldest_request_leaves() -> None:
    clock = FakeClock()
    window = SlidingWindow(limit=3, window_s=10, clock=clock)
    assert window.wait_s(3) == 0
    window.record(2)
    clock.advance(4)
    window.record(1)
    assert len(window) == 3
    assert window.wait_s(1) == pytest.approx(6, abs=0.1)  # the first two leave at 10 s
    assert window.wait_s(3) == pytest.approx(10, abs=0.1)  # all three must leave
    clock.advance(6.1)
    assert window.wait_s(2) == 0 and len(window) == 1
    with pytest.raises(ValueError, match="limit"):
        SlidingWindow(limit=0, window_s=1)


def test_every_backoff_setting_is_described() -> None:
    assert all(field.description for field in Backoff.model_fields.values())
