"""A full disk, for real: the outbox on a 512 KiB tmpfs (mounting it needs root, as in CI)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract.ids import new_subject
from edge.sync.outbox import Outbox
from edge.sync.settings import OutboxSettings
from tests.aio import run
from tests.edge.sync.factories import HUB, traffic, turn


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs mounted for the test."""
    mount = tmp_path / "small"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"this test mounts a tmpfs and needs root: {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_full_disk_is_reported_and_counted_never_raised(small_disk: Path) -> None:
    ballast = small_disk / "ballast"
    ballast.write_bytes(b"\0" * 128 * 1024)
    settings = OutboxSettings(path=small_disk / "outbox.sqlite3", max_bytes=64 * 1024 * 1024)
    conv = new_subject("conv")

    async def scenario() -> None:
        async with await Outbox.open(settings, HUB) as outbox:
            emitted = 0
            while not outbox.disk_full:  # until the disk is full: no exception, ever
                await outbox.emit_many([turn(conv, emitted, "x" * 300), traffic()])
                emitted += 1
                assert emitted < 2000, "the 512 KiB disk never filled"
            for index in range(5):  # still full: more events are dropped, still no exception
                await outbox.emit(turn(conv, emitted + index, "y" * 300))
            full = await outbox.counters()
            assert full.dropped >= 5
            assert outbox.disk_full

            ballast.unlink()  # room again: the next event is kept and the state clears
            event = await outbox.emit(turn(conv, 9999))
            assert not outbox.disk_full
            assert event.id in {row.id for row in await outbox.pending(100_000)}
            assert await outbox.dropped() >= full.dropped  # the count was written down

    run(scenario(), timeout_s=60)
