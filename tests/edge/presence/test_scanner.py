"""The real `BleakScanner` against a mock BlueZ on a private system D-Bus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Iterator
from contextlib import aclosing
from pathlib import Path

import pytest
from bleak.backends.bluezdbus import manager as bleak_manager

from edge.presence.advertisement import Advertisement
from edge.presence.errors import BluetoothUnavailable, Unavailable
from edge.presence.frames import EDDYSTONE_SERVICE_UUID, EddystoneTlm, IBeacon
from edge.presence.scanner import BeaconScanner
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, TAG_A
from tests.edge.presence.bluez import BluezControl, mock_bluez, private_bus

TLM = bytes.fromhex("20000bb817800000002a00000e10")


@pytest.fixture
def system_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with private_bus(tmp_path) as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        yield address


@pytest.fixture
def bluez(system_bus: str) -> Iterator[str]:
    with mock_bluez(system_bus):
        yield system_bus


async def release_bleak() -> None:
    """Close bleak's per-loop BlueZ manager connection (bleak keeps it for the loop's life)."""
    instance = bleak_manager._global_instances.pop(asyncio.get_running_loop(), None)
    bus = instance._bus if instance is not None else None
    if bus is not None:
        bus.disconnect()
        await bus.wait_for_disconnect()
    task = instance._bus_watcher_task if instance is not None else None
    if task is not None:
        await task


async def next_matching(
    source: AsyncGenerator[Advertisement, None], beacon_id: str
) -> Advertisement:
    async for advertisement in source:
        if any(frame.beacon_id == beacon_id for frame in advertisement.frames):
            return advertisement
    raise AssertionError("source ended")


async def heard(
    control: BluezControl,
    source: AsyncGenerator[Advertisement, None],
    address: str,
    rssi: int,
    manufacturer: dict[int, bytes] | None = None,
    service: dict[str, bytes] | None = None,
    address_type: str = "public",
) -> Advertisement:
    """Advertise (again every 50 ms, as a beacon does) until the source yields this one."""
    waiting = asyncio.ensure_future(anext(source))
    try:
        while True:
            await control.advertise(
                address, rssi, manufacturer, service, address_type=address_type
            )
            done, _ = await asyncio.wait({waiting}, timeout=0.05)
            if done:
                got = waiting.result()
                if got.address == address and got.rssi == rssi:
                    return got
                waiting = asyncio.ensure_future(anext(source))
    finally:
        waiting.cancel()


def test_scan_decodes_ibeacon_and_eddystone_from_bluez(bluez: str) -> None:
    async def scenario() -> list[Advertisement]:
        scanner = BeaconScanner(idle_restart_s=5)
        seen: list[Advertisement] = []
        try:
            async with BluezControl(bluez) as control:
                await control.add_adapter()
                async with aclosing(scanner.session()) as session:
                    tag = {0x004C: TAG_A.encode()}
                    for rssi in (-61, -55):
                        seen.append(
                            await heard(
                                control, session, "C0:FF:EE:00:00:01", rssi, tag,
                                address_type="random",
                            )
                        )
                    seen.append(
                        await heard(
                            control, session, "C0:FF:EE:00:00:09", -70,
                            service={EDDYSTONE_SERVICE_UUID: TLM},
                        )
                    )
                assert scanner.health.ok
        finally:
            await release_bleak()
        return seen

    first, second, tlm = run(scenario(), timeout_s=20)
    assert first.frames == (TAG_A,) and first.rssi == -61 and first.random_address
    assert second.rssi == -55
    assert isinstance(tlm.frames[0], EddystoneTlm) and not tlm.random_address
    assert isinstance(TAG_A, IBeacon) and BADGE_SAM.beacon_id
