"""Fixtures of the presence tests: a private system D-Bus, and a mock BlueZ on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.edge.presence.bluez import mock_bluez, private_bus


@pytest.fixture
def system_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with private_bus(tmp_path) as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        yield address


@pytest.fixture
def bluez(system_bus: str) -> Iterator[str]:
    with mock_bluez(system_bus):
        yield system_bus
