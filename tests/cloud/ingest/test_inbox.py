"""The inbox between paho's thread and the event loop: batches, waits and wake-ups."""

from __future__ import annotations

import asyncio
import threading
import time

from cloud.ingest.inbox import Inbox
from tests.aio import run


def test_a_batch_waits_for_its_first_item_from_another_thread() -> None:
    async def scenario() -> tuple[list[int], float]:
        inbox: Inbox[int] = Inbox()
        inbox.bind(asyncio.get_running_loop())
        threading.Timer(0.2, inbox.put, (1,)).start()
        started = time.monotonic()
        batch = await inbox.batch(10, 0.05)
        return batch, time.monotonic() - started

    batch, waited = run(scenario())
    assert batch == [1]
    assert waited >= 0.2


def test_a_full_batch_comes_without_the_wait_and_the_rest_stays() -> None:
    async def scenario() -> tuple[list[int], list[int], int]:
        inbox: Inbox[int] = Inbox()
        inbox.bind(asyncio.get_running_loop())

        def produce() -> None:
            for item in range(25):
                inbox.put(item)

        producer = threading.Thread(target=produce)
        producer.start()
        first = await inbox.batch(10, 60.0)  # would hang a minute if the wake-up were lost
        producer.join()
        second = await inbox.batch(10, 60.0)
        return first, second, len(inbox)

    first, second, left = run(scenario())
    assert first == list(range(10)) and second == list(range(10, 20)) and left == 5


def test_a_partial_batch_comes_after_the_wait() -> None:
    async def scenario() -> tuple[list[str], float]:
        inbox: Inbox[str] = Inbox()
        inbox.bind(asyncio.get_running_loop())
        inbox.put("a")
        inbox.put("b")
        started = time.monotonic()
        batch = await inbox.batch(500, 0.1)
        return batch, time.monotonic() - started

    batch, waited = run(scenario())
    assert batch == ["a", "b"]
    assert 0.1 <= waited < 5
