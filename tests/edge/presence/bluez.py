"""A private system D-Bus and a mock BlueZ on it, for tests of the real `BleakScanner`.

`private_bus(tmp)` starts `dbus-daemon` with a configuration of its own (optionally denying
StartDiscovery, as BlueZ's policy does for users outside the `bluetooth` group);
`MockBluez` runs Debian's python3-dbusmock with `bluez_template.py` on it and drives it over
D-Bus with dbus-fast (bleak's own D-Bus library). Everything started here is stopped here.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator, Mapping
from contextlib import aclosing, asynccontextmanager, contextmanager, suppress
from pathlib import Path

from bleak.backends.bluezdbus import manager as bleak_manager
from dbus_fast import BusType, Message, MessageType
from dbus_fast.aio import MessageBus

from edge.presence.advertisement import Advertisement

TEMPLATE = Path(__file__).with_name("bluez_template.py")
SYSTEM_PYTHON = "/usr/bin/python3"
_DENY_SCAN = (
    '<deny send_destination="org.bluez" send_interface="org.bluez.Adapter1" '
    'send_member="StartDiscovery"/>'
)


def _config(socket: Path, deny_scan: bool) -> str:
    return f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    {_DENY_SCAN if deny_scan else ""}
  </policy>
</busconfig>
"""


@contextmanager
def private_bus(directory: Path, *, deny_scan: bool = False) -> Iterator[str]:
    """A system-type bus on a socket in `directory`; yields its address."""
    socket = directory / "system_bus_socket"
    config = directory / "system.conf"
    config.write_text(_config(socket, deny_scan), encoding="utf-8")
    daemon = subprocess.Popen(
        [shutil.which("dbus-daemon") or "dbus-daemon", f"--config-file={config}", "--nofork"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dbus-daemon did not start: {daemon.stderr.read()!r}")  # type: ignore[union-attr]
            time.sleep(0.02)
        yield f"unix:path={socket}"
    finally:
        _stop(daemon)


@contextmanager
def mock_bluez(address: str) -> Iterator[subprocess.Popen[bytes]]:
    """python3-dbusmock serving `org.bluez` from our template on the bus at `address`."""
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address}
    process = subprocess.Popen(
        [SYSTEM_PYTHON, "-m", "dbusmock", "--system", "--template", str(TEMPLATE)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    if process.stderr is not None:
        process.stderr.close()


class BluezControl:
    """Calls `org.bluez.Mock` methods of the mock over its bus."""

    def __init__(self, address: str) -> None:
        self._address = address
        self._bus: MessageBus | None = None

    async def __aenter__(self) -> BluezControl:
        self._bus = await MessageBus(bus_address=self._address, bus_type=BusType.SYSTEM).connect()
        await self._wait_for_bluez()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            with suppress(Exception):
                await self._bus.wait_for_disconnect()  # type: ignore[no-untyped-call]

    async def _wait_for_bluez(self) -> None:
        while True:
            reply = await self._call(
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus",
                "NameHasOwner",
                "s",
                ["org.bluez"],
            )
            if reply.body[0]:
                return
            await asyncio.sleep(0.05)

    async def _call(
        self,
        destination: str,
        path: str,
        interface: str,
        member: str,
        signature: str,
        body: list[object],
    ) -> Message:
        if self._bus is None:
            raise RuntimeError("not connected")
        reply = await self._bus.call(
            Message(
                destination=destination,
                path=path,
                interface=interface,
                member=member,
                signature=signature,
                body=body,
            )
        )
        if reply is None or reply.message_type == MessageType.ERROR:
            raise RuntimeError(
                f"{member} failed: {reply and reply.error_name} {reply and reply.body}"
            )
        return reply

    async def mock(self, member: str, signature: str, *args: object) -> object:
        """Call an `org.bluez.Mock` method on the mock's main object."""
        reply = await self._call("org.bluez", "/", "org.bluez.Mock", member, signature, list(args))
        return reply.body[0] if reply.body else None

    async def add_adapter(self, name: str = "hci0") -> None:
        """Plug in an adapter (powered)."""
        await self.mock("AddAdapter", "ss", name, "showfloor-hub")

    async def remove_adapter(self, name: str = "hci0") -> None:
        """Unplug an adapter."""
        await self.mock("RemoveAdapter", "s", name)

    async def set_powered(self, powered: bool, name: str = "hci0") -> None:
        """Power an adapter on or off."""
        await self.mock("SetPowered", "sb", name, powered)

    async def advertise(
        self,
        address: str,
        rssi: int,
        manufacturer: Mapping[int, bytes] | None = None,
        service: Mapping[str, bytes] | None = None,
        *,
        address_type: str = "public",
        adapter: str = "hci0",
    ) -> None:
        """One advertisement received by `adapter`."""
        await self.mock(
            "Advertise",
            "sssna{qay}a{say}",
            adapter,
            address,
            address_type,
            rssi,
            dict(manufacturer or {}),
            dict(service or {}),
        )


async def release_bleak() -> None:
    """Close bleak's per-loop BlueZ manager connection (bleak keeps it for the loop's life)."""
    instance = bleak_manager._global_instances.pop(asyncio.get_running_loop(), None)
    bus = instance._bus if instance is not None else None
    if bus is not None:
        bus.disconnect()
        await bus.wait_for_disconnect()  # type: ignore[no-untyped-call]
    task = instance._bus_watcher_task if instance is not None else None
    if task is not None:
        await task


@asynccontextmanager
async def pumping(
    source: AsyncGenerator[Advertisement, None],
) -> AsyncIterator[asyncio.Queue[Advertisement]]:
    """Read `source` in a task into a queue; the task (and the source) end on exit."""
    queue: asyncio.Queue[Advertisement] = asyncio.Queue()

    async def pump() -> None:
        async with aclosing(source):
            async for advertisement in source:
                queue.put_nowait(advertisement)

    task = asyncio.create_task(pump())
    try:
        yield queue
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def heard(
    control: BluezControl,
    queue: asyncio.Queue[Advertisement],
    address: str,
    rssi: int,
    manufacturer: dict[int, bytes] | None = None,
    service: dict[str, bytes] | None = None,
    address_type: str = "public",
) -> Advertisement:
    """Advertise (again every 50 ms, as a beacon does) until the scan yields this one."""
    while True:
        await control.advertise(address, rssi, manufacturer, service, address_type=address_type)
        with suppress(TimeoutError):
            async with asyncio.timeout(0.05):
                while True:
                    got = await queue.get()
                    if got.address == address and got.rssi == rssi:
                        return got


async def wait_until(condition: Callable[[], bool], poll_s: float = 0.05) -> None:
    """Poll `condition` (the caller's timeout bounds it)."""
    while True:
        if condition():
            return
        await asyncio.sleep(poll_s)
