"""Bleak and D-Bus failures turned into `BluetoothUnavailable` with a message a person can act on.

What goes wrong on a hub, and what bleak 3.1 raises for it:

- no system D-Bus (socket missing or refusing): `FileNotFoundError` / `ConnectionRefusedError`
- BlueZ (bluetoothd) not running: `BleakDBusError` `org.freedesktop.DBus.Error.ServiceUnknown`
- no adapter: `BleakBluetoothNotAvailableError` (NO_BLUETOOTH) or, for a named adapter,
  `BleakError("adapter 'hci1' not found")`
- adapter powered off: `BleakBluetoothNotAvailableError` (POWERED_OFF), or for a named adapter
  `BleakDBusError` `org.bluez.Error.NotReady` from StartDiscovery
- permission denied: `BleakBluetoothNotAvailableError` (DENIED_*), `PermissionError`, or
  `BleakDBusError` `org.freedesktop.DBus.Error.AccessDenied` / `org.bluez.Error.NotPermitted`
"""

from __future__ import annotations

from bleak.exc import (
    BleakBluetoothNotAvailableError,
    BleakBluetoothNotAvailableReason,
    BleakDBusError,
    BleakError,
)

from edge.presence.errors import BluetoothUnavailable, Unavailable

_NO_DBUS = (
    "no D-Bus system bus ({detail}): start it (`systemctl start dbus`) or set "
    "DBUS_SYSTEM_BUS_ADDRESS"
)
_NO_BLUEZ = (
    "BlueZ is not running on the system bus: install bluez and `systemctl enable --now bluetooth`"
)
_NO_ADAPTER = (
    "no Bluetooth adapter{name}: plug in a BLE adapter or fix presence.adapter "
    "(`bluetoothctl list` shows them)"
)
_POWERED_OFF = (
    "Bluetooth adapter{name} is powered off: `rfkill unblock bluetooth` and `bluetoothctl power on`"
)
_DENIED = (
    "permission denied using Bluetooth ({detail}): run the hub as a user in the `bluetooth` "
    "group or allow it in BlueZ's D-Bus policy"
)
_DENIED_REASONS = {
    BleakBluetoothNotAvailableReason.DENIED_BY_SYSTEM,
    BleakBluetoothNotAvailableReason.DENIED_BY_USER,
    BleakBluetoothNotAvailableReason.DENIED_BY_UNKNOWN,
}
_DENIED_DBUS = {
    "org.freedesktop.DBus.Error.AccessDenied",
    "org.bluez.Error.NotPermitted",
    "org.bluez.Error.NotAuthorized",
}


def explain(err: BaseException, adapter: str | None = None) -> BluetoothUnavailable:
    """The `BluetoothUnavailable` for a failure to start or keep scanning."""
    name = f" {adapter}" if adapter else ""
    if isinstance(err, BluetoothUnavailable):
        return err
    if isinstance(err, FileNotFoundError | ConnectionRefusedError):
        return BluetoothUnavailable(Unavailable.NO_DBUS, _NO_DBUS.format(detail=err))
    if isinstance(err, PermissionError):
        return BluetoothUnavailable(Unavailable.PERMISSION_DENIED, _DENIED.format(detail=err))
    if isinstance(err, BleakBluetoothNotAvailableError):
        reason = err.reason
        if reason is BleakBluetoothNotAvailableReason.POWERED_OFF:
            return BluetoothUnavailable(Unavailable.POWERED_OFF, _POWERED_OFF.format(name=name))
        if reason in _DENIED_REASONS:
            return BluetoothUnavailable(
                Unavailable.PERMISSION_DENIED, _DENIED.format(detail=err.args[0])
            )
        return BluetoothUnavailable(Unavailable.NO_ADAPTER, _NO_ADAPTER.format(name=name))
    if isinstance(err, BleakDBusError):
        if err.dbus_error == "org.freedesktop.DBus.Error.ServiceUnknown":
            return BluetoothUnavailable(Unavailable.NO_BLUEZ, _NO_BLUEZ)
        if err.dbus_error == "org.bluez.Error.NotReady":
            return BluetoothUnavailable(Unavailable.POWERED_OFF, _POWERED_OFF.format(name=name))
        if err.dbus_error in _DENIED_DBUS:
            return BluetoothUnavailable(
                Unavailable.PERMISSION_DENIED, _DENIED.format(detail=err.dbus_error)
            )
        return BluetoothUnavailable(Unavailable.FAILED, f"Bluetooth scanning failed: {err}")
    if isinstance(err, BleakError) and "not found" in str(err) and "adapter" in str(err):
        return BluetoothUnavailable(Unavailable.NO_ADAPTER, _NO_ADAPTER.format(name=name))
    return BluetoothUnavailable(Unavailable.FAILED, f"Bluetooth scanning failed: {err!r}")
