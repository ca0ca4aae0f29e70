"""A failing part degrades the hub and is retried; cancellation ends it; health says why."""

from __future__ import annotations

import asyncio
import random

import pytest

from edge.daemon.health import Health
from edge.daemon.supervise import Backoff, supervise
from edge.errors import AudioDeviceError
from tests.aio import run

FAST = Backoff(first_s=0.01, max_s=0.04, healthy_s=10.0)


def test_a_failing_part_is_retried_and_reported() -> None:
    run(_a_failing_part_is_retried_and_reported())


async def _a_failing_part_is_retried_and_reported() -> None:
    health = Health()
    calls = 0
    recovered = asyncio.Event()

    async def flaky() -> None:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise AudioDeviceError("no capture device 'USB mic'")
        health.ok("audio")
        recovered.set()
        await asyncio.Event().wait()

    async with asyncio.timeout(10):
        task = asyncio.create_task(supervise("audio", flaky, health, FAST, random.Random(1)))
        await recovered.wait()
        assert calls == 3
        assert health.is_ok("audio")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


def test_degradation_names_the_reason() -> None:
    run(_degradation_names_the_reason())


async def _degradation_names_the_reason() -> None:
    health = Health()
    seen = asyncio.Event()

    async def broken() -> None:
        if "audio" in health.problems and "retrying" in health.problems["audio"]:
            seen.set()
        raise RuntimeError("boom")

    async with asyncio.timeout(10):
        task = asyncio.create_task(supervise("audio", broken, health, FAST, random.Random(2)))
        await seen.wait()
        assert health.problems["audio"].startswith("RuntimeError: boom (retrying in")
        status = health.status(version="1", models={})
        assert status.state == "degraded"
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


def test_a_part_that_returns_is_restarted() -> None:
    run(_a_part_that_returns_is_restarted())


async def _a_part_that_returns_is_restarted() -> None:
    health = Health()
    runs = 0
    twice = asyncio.Event()

    async def ends() -> None:
        nonlocal runs
        runs += 1
        if runs == 2:
            twice.set()

    async with asyncio.timeout(10):
        task = asyncio.create_task(supervise("presence", ends, health, FAST, random.Random(3)))
        await twice.wait()
        assert "stopped unexpectedly" in health.problems["presence"]
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


def test_backoff_grows_with_jitter_up_to_the_ceiling() -> None:
    rng = random.Random(4)
    backoff = Backoff(first_s=1, max_s=8)
    delays = [backoff.delay(n, rng) for n in range(1, 7)]
    assert 0.5 <= delays[0] <= 1
    assert 4 <= delays[3] <= 8
    assert all(d <= 8 for d in delays)


def test_a_part_that_returns_while_stopping_is_done() -> None:
    async def scenario() -> None:
        health = Health()
        stopping = asyncio.Event()

        async def drains() -> None:
            stopping.set()

        await supervise("audio", drains, health, FAST, random.Random(5), stopping)
        assert health.problems["audio"] == "starting"

    run(scenario())
