"""The real `BleakScanner` against a mock BlueZ on a private system D-Bus."""

from __future__ import annotations

from contextlib import aclosing
from pathlib import Path

import pytest

from edge.presence.advertisement import Advertisement
from edge.presence.errors import BluetoothUnavailable, Unavailable
from edge.presence.frames import EDDYSTONE_SERVICE_UUID, EddystoneTlm, IBeacon
from edge.presence.scanner import BeaconScanner
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, TAG_A
from tests.edge.presence.bluez import (
    BluezControl,
    heard,
    mock_bluez,
    private_bus,
    pumping,
    release_bleak,
    wait_until,
)

TLM = bytes.fromhex("20000bb817800000002a00000e10")


def test_scan_decodes_ibeacon_and_eddystone_from_bluez(bluez: str) -> None:
    async def scenario() -> list[Advertisement]:
        scanner = BeaconScanner(idle_restart_s=5)
        seen: list[Advertisement] = []
        try:
            async with BluezControl(bluez) as control:
                await control.add_adapter()
                async with pumping(scanner.session()) as session:
                    tag = {0x004C: TAG_A.encode()}
                    for rssi in (-61, -55):
                        seen.append(
                            await heard(
                                control,
                                session,
                                "C0:FF:EE:00:00:01",
                                rssi,
                                tag,
                                address_type="random",
                            )
                        )
                    seen.append(
                        await heard(
                            control,
                            session,
                            "C0:FF:EE:00:00:09",
                            -70,
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


async def _start_error(scanner: BeaconScanner) -> BluetoothUnavailable:
    try:
        async with aclosing(scanner.session()) as session:
            await anext(session)
    except BluetoothUnavailable as err:
        return err
    finally:
        await release_bleak()
    raise AssertionError("scanning started")


def test_no_system_bus_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path}/no-such-socket")
    err = run(_start_error(BeaconScanner()), timeout_s=10)
    assert err.reason is Unavailable.NO_DBUS
    assert "systemctl start dbus" in str(err)


def test_no_bluez_is_explained(system_bus: str) -> None:
    err = run(_start_error(BeaconScanner()), timeout_s=10)
    assert err.reason is Unavailable.NO_BLUEZ
    assert "bluetoothd" in str(err) or "bluetooth" in str(err)


def test_no_adapter_is_explained(bluez: str) -> None:
    async def scenario() -> tuple[BluetoothUnavailable, BluetoothUnavailable]:
        async with BluezControl(bluez):
            first = await _start_error(BeaconScanner())
            named = await _start_error(BeaconScanner("hci1"))
        return first, named

    any_adapter, named = run(scenario(), timeout_s=15)
    assert any_adapter.reason is Unavailable.NO_ADAPTER
    assert named.reason is Unavailable.NO_ADAPTER
    assert "presence.adapter" in str(named) and "hci1" in str(named)


def test_permission_denied_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario() -> BluetoothUnavailable:
        async with BluezControl(address) as control:
            await control.add_adapter()
            return await _start_error(BeaconScanner())

    with private_bus(tmp_path, deny_scan=True) as address, mock_bluez(address):
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        err = run(scenario(), timeout_s=15)
    assert err.reason is Unavailable.PERMISSION_DENIED
    assert "bluetooth" in str(err)


@pytest.mark.parametrize("adapter", [None, "hci0"])
def test_powered_off_degrades_then_resumes(bluez: str, adapter: str | None) -> None:
    """Off before start and off while scanning: health says why; scanning resumes when on."""

    async def scenario() -> list[str]:
        scanner = BeaconScanner(adapter, idle_restart_s=0.5, retry_min_s=0.1, retry_max_s=0.2)
        details: list[str] = []
        tag = {0x004C: TAG_A.encode()}
        try:
            async with BluezControl(bluez) as control:
                await control.add_adapter()
                await control.set_powered(False)
                async with pumping(scanner.advertisements()) as source:
                    await wait_until(lambda: scanner.health.detail.startswith("presence degr"))
                    details.append(scanner.health.detail)
                    await control.set_powered(True)
                    first = await heard(control, source, "C0:FF:EE:00:00:01", -60, tag)
                    assert first.frames == (TAG_A,)
                    assert scanner.health.ok
                    # Powered off while scanning: the silent scan restarts and finds out.
                    await control.set_powered(False)
                    await wait_until(lambda: not scanner.health.ok)
                    details.append(scanner.health.detail)
                    await control.set_powered(True)
                    again = await heard(control, source, "C0:FF:EE:00:00:01", -58, tag)
                    assert again.rssi == -58 and scanner.health.ok
        finally:
            await release_bleak()
        return details

    details = run(scenario(), timeout_s=20)
    assert len(details) == 2
    for detail in details:
        assert detail.startswith("presence degraded: Bluetooth adapter")
        assert "powered off" in detail and "bluetoothctl power on" in detail


def test_adapter_unplugged_while_scanning_degrades_then_resumes(bluez: str) -> None:
    async def scenario() -> str:
        scanner = BeaconScanner(idle_restart_s=0.5, retry_min_s=0.1, retry_max_s=0.2)
        tag = {0x004C: TAG_A.encode()}
        try:
            async with BluezControl(bluez) as control:
                await control.add_adapter()
                async with pumping(scanner.advertisements()) as source:
                    await heard(control, source, "C0:FF:EE:00:00:01", -60, tag)
                    await control.remove_adapter()
                    await wait_until(lambda: not scanner.health.ok)
                    detail = scanner.health.detail
                    await control.add_adapter()
                    again = await heard(control, source, "C0:FF:EE:00:00:01", -57, tag)
                    assert again.frames == (TAG_A,) and scanner.health.ok
        finally:
            await release_bleak()
        return detail

    detail = run(scenario(), timeout_s=20)
    assert detail.startswith("presence degraded: no Bluetooth adapter")
