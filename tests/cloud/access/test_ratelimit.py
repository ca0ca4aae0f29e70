"""The login throttle: per address, per address and account, per account; bounded memory.

The per-address limit holds before any hashing; the per-account one never locks out the owner.
"""

from __future__ import annotations

from cloud.access.ratelimit import LoginLimits, LoginThrottle, Window


class Clock:
    """Time that moves only when told (the throttle's own clock parameter)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_one_address_is_stopped_before_hashing_whatever_the_accounts() -> None:
    clock = Clock()
    throttle = LoginThrottle(LoginLimits(per_address=30), clock)
    allowed = [throttle.check("10.0.0.1", f"nobody{i}@x.invalid") == 0 for i in range(40)]
    assert allowed == [True] * 30 + [False] * 10
    assert throttle.check("10.0.0.2", "nobody@x.invalid") == 0  # another address goes on
    clock.now += 61
    assert throttle.check("10.0.0.1", "nobody@x.invalid") == 0  # the window moved on


def test_failures_of_one_account_from_one_address_are_limited() -> None:
    throttle = LoginThrottle(LoginLimits(per_pair=5), Clock())
    for _ in range(5):
        assert throttle.check("10.0.0.1", "boss@x.invalid") == 0
        throttle.failed("10.0.0.1", "boss@x.invalid")
    assert throttle.check("10.0.0.1", "boss@x.invalid") > 0
    assert throttle.check("10.0.0.1", "other@x.invalid") == 0


def test_an_attack_on_one_account_from_many_addresses_does_not_lock_the_owner_out() -> None:
    clock = Clock()
    throttle = LoginThrottle(LoginLimits(account_failures=20, account_window_s=900), clock)
    for i in range(20):  # twenty addresses, one guess each
        assert throttle.check(f"10.0.1.{i}", "boss@x.invalid") == 0
        throttle.failed(f"10.0.1.{i}", "boss@x.invalid")
    # the account is under attack: addresses that failed on it get no more guesses ...
    clock.now += 120
    assert throttle.check("10.0.1.3", "boss@x.invalid") > 0
    # ... while the owner, from an address that has not failed, may still log in
    assert throttle.check("192.168.7.7", "boss@x.invalid") == 0
    throttle.succeeded("192.168.7.7", "boss@x.invalid")
    # a new attacker address gets one guess, then is refused for the window
    assert throttle.check("10.0.2.1", "boss@x.invalid") == 0
    throttle.failed("10.0.2.1", "boss@x.invalid")
    assert throttle.check("10.0.2.1", "boss@x.invalid") > 0
    clock.now += 901
    assert throttle.check("10.0.1.3", "boss@x.invalid") == 0


def test_memory_is_bounded_and_entries_expire() -> None:
    clock = Clock()
    throttle = LoginThrottle(LoginLimits(per_address=1000, max_entries=100), clock)
    for i in range(5000):
        address = f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"
        throttle.check(address, f"user{i}@x.invalid")
        throttle.failed(address, f"user{i}@x.invalid")
    assert throttle.entries <= 4 * 100
    window = Window(3, 60.0, 10, clock)
    window.hit("a")
    clock.now += 61
    assert window.count("a") == 0 and len(window) == 0
