"""Beacon frames as frozen models: iBeacon, AltBeacon and the four Eddystone frames.

Each model can `encode()` itself back to the bytes it was decoded from (the advertisement's
manufacturer-specific data after the company id, or the service data of UUID 0xFEAA), which is
how the decoders are checked never to misparse. Layouts:

- iBeacon: Apple, "Proximity Beacon Specification", Release R1 (2015), section 2.1.
- AltBeacon: "AltBeacon Protocol Specification v1.0" (github.com/AltBeacon/spec).
- Eddystone: google/eddystone, `protocol-specification.md` and `eddystone-uid`, `eddystone-url`,
  `eddystone-tlm/tlm-plain.md`, `eddystone-eid` (frame types 0x00, 0x10, 0x20, 0x30).
"""

from __future__ import annotations

import struct
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Int8 = Annotated[int, Field(ge=-128, le=127)]
UInt16 = Annotated[int, Field(ge=0, le=0xFFFF)]
UInt32 = Annotated[int, Field(ge=0, le=0xFFFFFFFF)]


Hex10 = Annotated[str, StringConstraints(pattern="^[0-9a-f]{20}$")]
Hex6 = Annotated[str, StringConstraints(pattern="^[0-9a-f]{12}$")]
Hex8 = Annotated[str, StringConstraints(pattern="^[0-9a-f]{16}$")]

APPLE_COMPANY_ID = 0x004C
EDDYSTONE_SERVICE_UUID = "0000feaa-0000-1000-8000-00805f9b34fb"


class Frame(BaseModel):
    """Base of every decoded frame."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str

    @property
    def beacon_id(self) -> str | None:
        """A stable identity of the beacon, or None for frames that carry none (URL, TLM, EID)."""
        return None

    @property
    def tx_power_1m(self) -> int | None:
        """Calibrated RSSI at 1 m in dBm, if the frame carries it."""
        return None

    def encode(self) -> bytes:
        """The bytes this frame is decoded from."""
        raise NotImplementedError


class IBeacon(Frame):
    """Apple iBeacon: 0x02 0x15, proximity UUID, major, minor, measured power (RSSI at 1 m)."""

    kind: Literal["ibeacon"] = "ibeacon"
    uuid: uuid.UUID
    major: UInt16
    minor: UInt16
    tx_power: Int8 = Field(description="Measured power: RSSI at 1 m, dBm.")

    @property
    def beacon_id(self) -> str:
        """`ibeacon:UUID:MAJOR:MINOR`."""
        return f"ibeacon:{self.uuid}:{self.major}:{self.minor}"

    @property
    def tx_power_1m(self) -> int:
        """Measured power is defined at 1 m."""
        return self.tx_power

    def encode(self) -> bytes:
        """The 23 bytes after Apple's company id."""
        return (
            b"\x02\x15"
            + self.uuid.bytes
            + struct.pack(">HHb", self.major, self.minor, self.tx_power)
        )


class AltBeacon(Frame):
    """AltBeacon: 0xBEAC, a 20-byte beacon id (UUID + two 16-bit ids), reference RSSI at 1 m."""

    kind: Literal["altbeacon"] = "altbeacon"
    company_id: UInt16
    id1: uuid.UUID
    id2: UInt16
    id3: UInt16
    reference_rssi: Int8 = Field(description="Average RSSI at 1 m, dBm.")
    reserved: int = Field(ge=0, le=255, description="Manufacturer-reserved byte.")

    @property
    def beacon_id(self) -> str:
        """`altbeacon:ID1:ID2:ID3`."""
        return f"altbeacon:{self.id1}:{self.id2}:{self.id3}"

    @property
    def tx_power_1m(self) -> int:
        """Reference RSSI is defined at 1 m."""
        return self.reference_rssi

    def encode(self) -> bytes:
        """The 24 bytes after the company id."""
        return (
            b"\xbe\xac"
            + self.id1.bytes
            + struct.pack(">HHbB", self.id2, self.id3, self.reference_rssi, self.reserved)
        )


class EddystoneUid(Frame):
    """Eddystone-UID (0x00): ranging data (RSSI at 0 m), 10-byte namespace, 6-byte instance."""

    kind: Literal["eddystone_uid"] = "eddystone_uid"
    tx_power: Int8 = Field(description="Calibrated RSSI at 0 m, dBm.")
    namespace: Hex10
    instance: Hex6

    @property
    def beacon_id(self) -> str:
        """`eddystone:NAMESPACE:INSTANCE`."""
        return f"eddystone:{self.namespace}:{self.instance}"

    @property
    def tx_power_1m(self) -> int:
        """RSSI at 1 m: 41 dB below the 0 m figure (the Eddystone spec's guidance)."""
        return self.tx_power - 41

    def encode(self) -> bytes:
        """The 20-byte service data (RFU bytes zero)."""
        return (
            struct.pack(">Bb", 0x00, self.tx_power)
            + bytes.fromhex(self.namespace)
            + bytes.fromhex(self.instance)
            + b"\x00\x00"
        )


class EddystoneUrl(Frame):
    """Eddystone-URL (0x10): TX power at 0 m and a compressed URL."""

    kind: Literal["eddystone_url"] = "eddystone_url"
    tx_power: Int8 = Field(description="Calibrated RSSI at 0 m, dBm.")
    url: str = Field(min_length=1)

    def encode(self) -> bytes:
        """The service data, URL compressed with the spec's scheme and expansion codes."""
        from edge.presence.eddystone_url import encode_url

        return struct.pack(">Bb", 0x10, self.tx_power) + encode_url(self.url)


class EddystoneTlm(Frame):
    """Eddystone-TLM (0x20), unencrypted version 0x00: battery, temperature, counters."""

    kind: Literal["eddystone_tlm"] = "eddystone_tlm"
    battery_mv: int | None = Field(
        default=None, ge=1, le=0xFFFF, description="Battery voltage in mV; null if unsupported."
    )
    temperature_c: float | None = Field(
        gt=-128.0,
        lt=128.0,
        description="Beacon temperature in °C (8.8 fixed point); null if unsupported (0x8000).",
    )
    adv_count: UInt32 = Field(description="Advertising PDUs sent since power-up or reboot.")
    uptime_ds: UInt32 = Field(description="Time since power-up or reboot, in 0.1 s.")

    def encode(self) -> bytes:
        """The 14-byte service data."""
        temp = 0x8000 if self.temperature_c is None else round(self.temperature_c * 256) & 0xFFFF
        return struct.pack(
            ">BBHHII", 0x20, 0x00, self.battery_mv or 0, temp, self.adv_count, self.uptime_ds
        )


class EddystoneEid(Frame):
    """Eddystone-EID (0x30): TX power at 0 m and an 8-byte rotating ephemeral id."""

    kind: Literal["eddystone_eid"] = "eddystone_eid"
    tx_power: Int8 = Field(description="Calibrated RSSI at 0 m, dBm.")
    eid: Hex8

    def encode(self) -> bytes:
        """The 10-byte service data."""
        return struct.pack(">Bb", 0x30, self.tx_power) + bytes.fromhex(self.eid)


AnyFrame = Annotated[
    IBeacon | AltBeacon | EddystoneUid | EddystoneUrl | EddystoneTlm | EddystoneEid,
    Field(discriminator="kind"),
]
