"""`showfloor-edge doctor`: what is present and working, each finding with what to do.

Each check is a small function of the settings that returns a `Finding`; a check that raises
is itself a finding (never a traceback). Checks that need the network or a device are
bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from edge.errors import EdgeError
from edge.paths import default_home
from edge.settings import EdgeSettings

#: Below this much free space on the state directory's filesystem the outbox is at risk.
MIN_FREE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """One thing checked."""

    name: str
    ok: bool
    detail: str


Check = Callable[[EdgeSettings], Awaitable[Finding]]


async def check_models(settings: EdgeSettings) -> Finding:
    """The model bundle is there and every file matches its checksum."""
    from models.bundle import verify
    from models.errors import ModelError

    directory = settings.models.bundle_dir
    try:
        bundle = await asyncio.to_thread(verify, directory)
    except ModelError as err:
        return Finding("models", False, str(err))
    roles = ", ".join(sorted(a.role.value for a in bundle.manifest.artifacts))
    return Finding("models", True, f"{directory}: {roles}")


async def check_microphone(settings: EdgeSettings) -> Finding:
    """The configured capture device exists."""
    from edge.audio.devices import find_input_device

    try:
        device = await asyncio.to_thread(find_input_device, settings.audio.device)
    except EdgeError as err:
        return Finding("microphone", False, str(err))
    return Finding("microphone", True, str(device))


async def check_disk(settings: EdgeSettings) -> Finding:
    """The state directory is writable and its filesystem has room."""
    home = default_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / ".doctor-probe"
        probe.write_bytes(b"ok")
        probe.unlink()
        free = shutil.disk_usage(home).free
    except OSError as err:
        return Finding("disk", False, f"state directory {home} is not writable: {err}")
    mib = free // (1024 * 1024)
    if free < MIN_FREE_BYTES:
        return Finding("disk", False, f"only {mib} MiB free under {home}: free some space")
    return Finding("disk", True, f"{mib} MiB free under {home}")


async def check_broker(settings: EdgeSettings) -> Finding:
    """The broker answers and accepts this hub's credentials (and TLS)."""
    from edge.sync.errors import BrokerError
    from edge.sync.link import probe

    if not settings.sync.enabled:
        return Finding("broker", True, "reporting to the cloud is off (sync.enabled: false)")
    try:
        await probe(settings.sync)
    except BrokerError as err:
        return Finding("broker", False, str(err))
    return Finding(
        "broker", True, f"connected to {settings.sync.host} as {settings.sync.address.source}"
    )


async def check_bluetooth(settings: EdgeSettings) -> Finding:
    """A scan can start on the configured adapter (D-Bus, BlueZ, adapter, power, rights)."""
    from edge.presence.errors import PresenceError
    from edge.presence.scanner import BeaconScanner

    if not settings.presence.enabled:
        return Finding("bluetooth", True, "presence is off (presence.enabled: false)")
    scanner = BeaconScanner(settings.presence.adapter, idle_restart_s=2.0)
    try:
        async for _ in scanner.session():
            break
    except PresenceError as err:
        return Finding("bluetooth", False, str(err))
    return Finding(
        "bluetooth", True, f"scanning works on {settings.presence.adapter or 'the default adapter'}"
    )


DEFAULT_CHECKS: tuple[Check, ...] = (
    check_models,
    check_microphone,
    check_disk,
    check_broker,
    check_bluetooth,
)


async def diagnose(
    settings: EdgeSettings, checks: Sequence[Check] = DEFAULT_CHECKS, timeout_s: float = 15.0
) -> list[Finding]:
    """Run every check concurrently; a check that fails or hangs is reported as such."""

    async def bounded(check: Check) -> Finding:
        name = check.__name__.removeprefix("check_")
        try:
            async with asyncio.timeout(timeout_s):
                return await check(settings)
        except TimeoutError:
            return Finding(name, False, f"no answer within {timeout_s:g} s")
        except Exception as err:
            return Finding(name, False, f"check failed: {type(err).__name__}: {err}")

    return list(await asyncio.gather(*(bounded(c) for c in checks)))
