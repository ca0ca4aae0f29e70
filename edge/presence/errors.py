"""Errors of the presence sense.

```
EdgeError
└── PresenceError
    ├── FrameError            bytes that claim to be a beacon frame but break its layout
    └── BluetoothUnavailable  scanning cannot run now (the reason says what to do)
```
"""

from __future__ import annotations

from enum import StrEnum

from edge.errors import EdgeError


class PresenceError(EdgeError):
    """Base of the presence errors."""


class FrameError(PresenceError):
    """A frame whose prefix names a known layout but whose bytes do not follow it."""


class Unavailable(StrEnum):
    """Why Bluetooth scanning cannot run."""

    NO_DBUS = "no_dbus"
    NO_BLUEZ = "no_bluez"
    NO_ADAPTER = "no_adapter"
    POWERED_OFF = "powered_off"
    PERMISSION_DENIED = "permission_denied"
    FAILED = "failed"


class BluetoothUnavailable(PresenceError):
    """Scanning cannot run; `reason` classifies it, the message says what to do."""

    def __init__(self, reason: Unavailable, message: str) -> None:
        super().__init__(message)
        self.reason = reason
