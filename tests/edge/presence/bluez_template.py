"""python3-dbusmock template: its stock `bluez5` template, plus what bleak 3.1 needs of BlueZ.

Runs under Debian's /usr/bin/python3 (dbus-python), started by `tests/edge/presence/bluez.py`:
`python3 -m dbusmock --system --template THIS_FILE`. Fixes and additions over `bluez5`:

- adapters carry `Roles` (with `central`): bleak only scans with a central-role adapter;
- devices carry `ManufacturerData` as a dict `a{qv}` and `ServiceData` as `a{sv}` of byte
  arrays, as bluetoothd sends them (the stock template has empty lists);
- `StartDiscovery` on a powered-off adapter fails with `org.bluez.Error.NotReady`, as in BlueZ;
- `org.bluez.Mock` gains `SetPowered(adapter, on)` and `Advertise(adapter, address, type,
  rssi, manufacturer_data, service_data)`, which adds the device or updates its properties
  and signals the change, like one received advertisement.
"""

from __future__ import annotations

from typing import Any

import dbus  # type: ignore[import-not-found]
from dbusmock import OBJECT_MANAGER_IFACE, mockobject  # type: ignore[import-not-found]
from dbusmock.templates import bluez5  # type: ignore[import-not-found]

BUS_NAME = bluez5.BUS_NAME
MAIN_OBJ = bluez5.MAIN_OBJ
SYSTEM_BUS = True
IS_OBJECT_MANAGER = True
ADAPTER_IFACE = bluez5.ADAPTER_IFACE
DEVICE_IFACE = bluez5.DEVICE_IFACE
MOCK_IFACE = bluez5.BLUEZ_MOCK_IFACE

# The stock template's own methods on the main object (AddDevice, RemoveAdapter, ...).
RemoveAdapter = bluez5.RemoveAdapter
AddDevice = bluez5.AddDevice


def load(mock: Any, parameters: Any) -> None:
    bluez5.load(mock, parameters)


def _changed(obj: Any, iface: str, props: dict[str, Any]) -> None:
    obj.EmitSignal(dbus.PROPERTIES_IFACE, "PropertiesChanged", "sa{sv}as", [iface, props, []])


@dbus.service.method(ADAPTER_IFACE, in_signature="", out_signature="")
def StartDiscovery(adapter: Any) -> None:
    if not adapter.props[ADAPTER_IFACE]["Powered"]:
        raise dbus.exceptions.DBusException("Resource Not Ready", name="org.bluez.Error.NotReady")
    bluez5.StartDiscovery(adapter)


@dbus.service.method(MOCK_IFACE, in_signature="ss", out_signature="s")
def AddAdapter(self: Any, device_name: str, system_name: str) -> str:
    path = "/org/bluez/" + device_name
    properties = {
        "Address": dbus.String("00:01:02:03:04:05", variant_level=1),
        "AddressType": dbus.String("public", variant_level=1),
        "Name": dbus.String(system_name, variant_level=1),
        "Alias": dbus.String(system_name, variant_level=1),
        "Class": dbus.UInt32(268, variant_level=1),
        "Powered": dbus.Boolean(True, variant_level=1),
        "Discoverable": dbus.Boolean(False, variant_level=1),
        "Pairable": dbus.Boolean(True, variant_level=1),
        "Discovering": dbus.Boolean(False, variant_level=1),
        "UUIDs": dbus.Array([], signature="s", variant_level=1),
        "Roles": dbus.Array(["central", "peripheral"], signature="s", variant_level=1),
    }
    self.AddObject(
        path,
        ADAPTER_IFACE,
        properties,
        [
            ("RemoveDevice", "o", "", bluez5.RemoveDevice),
            ("StartDiscovery", "", "", StartDiscovery),
            ("StopDiscovery", "", "", bluez5.StopDiscovery),
            ("SetDiscoveryFilter", "a{sv}", "", bluez5.SetDiscoveryFilter),
        ],
    )
    mockobject.objects["/"].EmitSignal(
        OBJECT_MANAGER_IFACE,
        "InterfacesAdded",
        "oa{sa{sv}}",
        [dbus.ObjectPath(path), {ADAPTER_IFACE: properties}],
    )
    return path


@dbus.service.method(MOCK_IFACE, in_signature="sb", out_signature="")
def SetPowered(self: Any, device_name: str, powered: bool) -> None:
    adapter = mockobject.objects["/org/bluez/" + device_name]
    props = adapter.props[ADAPTER_IFACE]
    props["Powered"] = dbus.Boolean(powered, variant_level=1)
    changed = {"Powered": dbus.Boolean(powered, variant_level=1)}
    if not powered and props["Discovering"]:
        props["Discovering"] = dbus.Boolean(False, variant_level=1)
        changed["Discovering"] = dbus.Boolean(False, variant_level=1)
    _changed(adapter, ADAPTER_IFACE, changed)


@dbus.service.method(MOCK_IFACE, in_signature="sssna{qay}a{say}", out_signature="s")
def Advertise(
    self: Any,
    device_name: str,
    address: str,
    address_type: str,
    rssi: int,
    manufacturer: Any,
    service: Any,
) -> str:
    adapter_path = "/org/bluez/" + device_name
    path = adapter_path + "/dev_" + address.replace(":", "_").upper()
    advert = {
        "RSSI": dbus.Int16(rssi, variant_level=1),
        "ManufacturerData": dbus.Dictionary(
            {
                dbus.UInt16(key): dbus.Array(bytes(value), signature="y", variant_level=1)
                for key, value in manufacturer.items()
            },
            signature="qv",
            variant_level=1,
        ),
        "ServiceData": dbus.Dictionary(
            {
                dbus.String(key): dbus.Array(bytes(value), signature="y", variant_level=1)
                for key, value in service.items()
            },
            signature="sv",
            variant_level=1,
        ),
    }
    if path in mockobject.objects:
        device = mockobject.objects[path]
        device.props[DEVICE_IFACE].update(advert)
        _changed(device, DEVICE_IFACE, advert)
        return path
    properties = {
        "Address": dbus.String(address, variant_level=1),
        "AddressType": dbus.String(address_type, variant_level=1),
        "Alias": dbus.String(address.replace(":", "-"), variant_level=1),
        "Paired": dbus.Boolean(False, variant_level=1),
        "Bonded": dbus.Boolean(False, variant_level=1),
        "Trusted": dbus.Boolean(False, variant_level=1),
        "Blocked": dbus.Boolean(False, variant_level=1),
        "LegacyPairing": dbus.Boolean(False, variant_level=1),
        "Connected": dbus.Boolean(False, variant_level=1),
        "ServicesResolved": dbus.Boolean(False, variant_level=1),
        "UUIDs": dbus.Array([str(key) for key in service], signature="s", variant_level=1),
        "Adapter": dbus.ObjectPath(adapter_path, variant_level=1),
        **advert,
    }
    self.AddObject(path, DEVICE_IFACE, properties, [])
    mockobject.objects["/"].EmitSignal(
        OBJECT_MANAGER_IFACE,
        "InterfacesAdded",
        "oa{sa{sv}}",
        [dbus.ObjectPath(path), {DEVICE_IFACE: properties}],
    )
    return path
