"""BLE scanning with bleak, as an async iterator of decoded advertisements that never gives up.

`BeaconScanner.session()` is one scan: it yields advertisements until the adapter has been
silent for `idle_restart_s`, and raises `BluetoothUnavailable` (with what to do) if scanning
cannot start. `BeaconScanner.advertisements()` runs sessions back to back forever, backing off
between failures, and keeps `health` current for the daemon's status and `doctor`: presence
degrades (audio goes on) and resumes when the adapter comes back. A silent adapter is restarted
on purpose: a restart is what finds out that it was powered off or unplugged meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing

from bleak import BleakScanner
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData

from contract.payloads import HubPart
from edge.presence.advertisement import Advertisement
from edge.presence.bluetooth_errors import explain
from edge.presence.decode import decode_all

_LOGGER = logging.getLogger(__name__)
_QUEUE_LIMIT = 4096


def to_advertisement(device: BLEDevice, data: AdvertisementData) -> Advertisement:
    """Turn bleak's device + advertisement data into an `Advertisement` (unknown frames dropped)."""
    details = device.details if isinstance(device.details, dict) else {}
    props = details.get("props", {}) if isinstance(details.get("props"), dict) else {}
    return Advertisement(
        address=device.address,
        rssi=data.rssi,
        frames=tuple(decode_all(data.manufacturer_data, data.service_data)),
        random_address=props.get("AddressType") == "random",
        tx_power=data.tx_power,
        name=data.local_name,
    )


class BeaconScanner:
    """Advertisements from one adapter (or the first powered one)."""

    def __init__(
        self,
        adapter: str | None = None,
        *,
        idle_restart_s: float = 30.0,
        retry_min_s: float = 1.0,
        retry_max_s: float = 30.0,
    ) -> None:
        self.adapter = adapter
        self._idle = idle_restart_s
        self._retry_min = retry_min_s
        self._retry_max = retry_max_s
        self.health = HubPart(name="presence", ok=False, detail="presence: not started yet")
        self.sessions = 0

    async def session(self) -> AsyncGenerator[Advertisement, None]:
        """One scan, until the adapter is silent for `idle_restart_s`."""
        queue: asyncio.Queue[Advertisement] = asyncio.Queue(_QUEUE_LIMIT)

        def on_advertisement(device: BLEDevice, data: AdvertisementData) -> None:
            if not queue.full():
                queue.put_nowait(to_advertisement(device, data))

        bluez = {"adapter": self.adapter} if self.adapter else {}
        try:
            scanner = BleakScanner(on_advertisement, bluez=bluez)  # type: ignore[arg-type]
            await scanner.start()
        except Exception as err:
            raise explain(err, self.adapter) from err
        self.sessions += 1
        self.health = HubPart(name="presence", ok=True)
        try:
            while True:
                try:
                    async with asyncio.timeout(self._idle):
                        advertisement = await queue.get()
                except TimeoutError:
                    _LOGGER.debug("no advertisement for %.0f s: restarting the scan", self._idle)
                    return
                yield advertisement
        finally:
            await self._stop(scanner)

    async def advertisements(self) -> AsyncGenerator[Advertisement, None]:
        """Advertisements forever: failures degrade `health`, back off and retry."""
        delay = self._retry_min
        while True:
            try:
                async with aclosing(self.session()) as session:
                    async for advertisement in session:
                        delay = self._retry_min
                        yield advertisement
                continue
            except Exception as err:
                problem = explain(err, self.adapter)
                if self.health.ok or self.health.detail != f"presence degraded: {problem}":
                    _LOGGER.warning("presence degraded: %s (retrying)", problem)
                self.health = HubPart(
                    name="presence", ok=False, detail=f"presence degraded: {problem}"
                )
            await asyncio.sleep(delay)
            delay = min(self._retry_max, delay * 2)

    async def _stop(self, scanner: BleakScanner) -> None:
        try:
            await scanner.stop()
        except Exception as err:  # the adapter or bus may be gone: nothing left to stop
            _LOGGER.debug("stopping the scan failed: %r", err)
