"""Async tests without a plugin: `run(coroutine)` under one deadline for every await inside."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T], timeout_s: float = 30.0) -> T:
    """Run `coroutine` in a fresh event loop; fail with TimeoutError after `timeout_s` seconds."""

    async def bounded() -> T:
        async with asyncio.timeout(timeout_s):
            return await coroutine

    return asyncio.run(bounded())
