"""Waiting in a test for what another thread or process makes true: one polling helper."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def until(
    what: str,
    check: Callable[[], T],
    timeout_s: float = 20.0,
    *,
    every_s: float = 0.05,
    ignoring: tuple[type[Exception], ...] = (),
) -> T:
    """The first truthy value of `check()`, polled every `every_s` seconds.

    Raises `AssertionError` naming `what` after `timeout_s`; exceptions of the `ignoring`
    types count as "not yet" (a server that is still starting).
    """
    deadline = time.monotonic() + timeout_s
    while True:
        result: T | None
        try:
            result = check()
        except ignoring:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(every_s)
