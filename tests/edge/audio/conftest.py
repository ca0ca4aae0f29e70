"""Every audio test leaves no thread and no child process behind."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest


def _children() -> set[int]:
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == os.getpid():
            children.add(int(stat.parent.name))
    return children


@pytest.fixture(autouse=True)
def verify_cleanup() -> Iterator[None]:
    threads = set(threading.enumerate())
    children = _children()
    yield
    leaked = [t for t in threading.enumerate() if t not in threads and t.is_alive()]
    assert not leaked, f"threads left running: {leaked}"
    assert _children() <= children, f"child processes left: {_children() - children}"
