"""systemd's notify protocol, spoken directly on `$NOTIFY_SOCKET`.

The protocol is one datagram of `KEY=VALUE` lines to a Unix socket (sd_notify(3)); the
packages that wrap it (sdnotify, systemd-python) are either unmaintained or need libsystemd
headers to build, for about twenty lines of code, so it is written here.
"""

from __future__ import annotations

import logging
import os
import socket

_LOGGER = logging.getLogger(__name__)


class Notifier:
    """Sends state changes to systemd; does nothing when not started by systemd."""

    def __init__(self, address: str | None = None) -> None:
        """Notify `address` (default `$NOTIFY_SOCKET`; `@name` is an abstract socket)."""
        address = address if address is not None else os.environ.get("NOTIFY_SOCKET")
        self._address = "\0" + address[1:] if address and address.startswith("@") else address

    @property
    def enabled(self) -> bool:
        """Whether systemd asked for notifications."""
        return bool(self._address)

    def notify(self, **state: str | int) -> bool:
        """Send `KEY=VALUE` lines, e.g. `notify(READY=1, STATUS="listening")`.

        Returns whether the datagram was sent. A failure is logged, never raised: systemd
        going away must not take the hub down with it.
        """
        if not self._address:
            return False
        message = "\n".join(f"{key}={value}" for key, value in state.items()).encode()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.connect(self._address)
                sock.sendall(message)
        except OSError as err:
            _LOGGER.warning("cannot notify systemd on %s: %s", self._address, err)
            return False
        return True


def watchdog_interval() -> float | None:
    """Half the watchdog timeout systemd set for this process (seconds), or None.

    `$WATCHDOG_USEC` applies only when `$WATCHDOG_PID` is unset or this process's id.
    """
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return int(usec) / 2_000_000
    except ValueError:
        _LOGGER.warning("ignoring WATCHDOG_USEC=%r: not a number", usec)
        return None
