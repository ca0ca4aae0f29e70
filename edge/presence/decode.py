"""Decode advertisement payloads into beacon frames; anything unknown is ignored cheaply.

`decode_manufacturer` takes the manufacturer-specific data after its 16-bit company id (as
bleak's `AdvertisementData.manufacturer_data` holds it), `decode_service` the service data of
one UUID. Each returns None when the bytes do not start like a known frame (one or two byte
comparisons), raises `FrameError` when they do but break the layout (a wrong length, a reserved
code), and otherwise a frame whose `encode()` gives the same bytes back. Layouts: see
`edge.presence.frames`.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Iterator, Mapping

from edge.presence.eddystone_url import decode_url
from edge.presence.errors import FrameError
from edge.presence.frames import (
    APPLE_COMPANY_ID,
    EDDYSTONE_SERVICE_UUID,
    AltBeacon,
    EddystoneEid,
    EddystoneTlm,
    EddystoneUid,
    EddystoneUrl,
    Frame,
    IBeacon,
)

_IBEACON_PREFIX = b"\x02\x15"
_ALTBEACON_PREFIX = b"\xbe\xac"


def decode_manufacturer(company_id: int, data: bytes) -> Frame | None:
    """An iBeacon (Apple, 0x02 0x15) or AltBeacon (any company, 0xBE 0xAC) frame, or None."""
    if company_id == APPLE_COMPANY_ID and data[:2] == _IBEACON_PREFIX:
        # Apple R1 2.1: type 0x02, length 0x15 (21 bytes follow: UUID, major, minor, power).
        if len(data) != 23:
            raise FrameError(f"iBeacon frame must be 23 bytes, not {len(data)}")
        major, minor, power = struct.unpack(">HHb", data[18:23])
        return IBeacon(uuid=uuid.UUID(bytes=data[2:18]), major=major, minor=minor, tx_power=power)
    if data[:2] == _ALTBEACON_PREFIX:
        # AltBeacon 1.0: code 0xBEAC, 20-byte id, reference RSSI, reserved (24 bytes).
        if len(data) != 24:
            raise FrameError(f"AltBeacon frame must be 24 bytes, not {len(data)}")
        if not 0 <= company_id <= 0xFFFF:
            raise FrameError(f"company id {company_id} is not 16 bits")
        id2, id3, rssi, reserved = struct.unpack(">HHbB", data[18:24])
        return AltBeacon(
            company_id=company_id,
            id1=uuid.UUID(bytes=data[2:18]),
            id2=id2,
            id3=id3,
            reference_rssi=rssi,
            reserved=reserved,
        )
    return None


def decode_service(service_uuid: str, data: bytes) -> Frame | None:
    """An Eddystone frame (service data of 0xFEAA), or None for any other service/frame type."""
    if service_uuid.lower() != EDDYSTONE_SERVICE_UUID or not data:
        return None
    frame_type = data[0]
    if frame_type == 0x00:
        return _uid(data)
    if frame_type == 0x10:
        if len(data) < 4:
            raise FrameError(f"Eddystone-URL frame must be 4 to 20 bytes, not {len(data)}")
        return EddystoneUrl(tx_power=_int8(data[1]), url=decode_url(data[2:]))
    if frame_type == 0x20:
        return _tlm(data)
    if frame_type == 0x30:
        if len(data) != 10:
            raise FrameError(f"Eddystone-EID frame must be 10 bytes, not {len(data)}")
        return EddystoneEid(tx_power=_int8(data[1]), eid=data[2:10].hex())
    return None


def decode_all(
    manufacturer_data: Mapping[int, bytes], service_data: Mapping[str, bytes]
) -> Iterator[Frame]:
    """Every frame in one advertisement; malformed ones are skipped (a beacon may be faulty)."""
    for company_id, data in manufacturer_data.items():
        try:
            frame = decode_manufacturer(company_id, data)
        except FrameError:
            continue
        if frame is not None:
            yield frame
    for service_uuid, data in service_data.items():
        try:
            frame = decode_service(service_uuid, data)
        except FrameError:
            continue
        if frame is not None:
            yield frame


def _uid(data: bytes) -> EddystoneUid:
    # Eddystone-UID: type, ranging data, namespace (10), instance (6), RFU (2, must be 0x00).
    # Many beacons omit the two RFU bytes, so 18 bytes is accepted as well.
    if len(data) not in (18, 20):
        raise FrameError(
            f"Eddystone-UID frame must be 20 bytes (or 18 without RFU), not {len(data)}"
        )
    if len(data) == 20 and data[18:20] != b"\x00\x00":
        raise FrameError("Eddystone-UID reserved bytes must be zero")
    return EddystoneUid(
        tx_power=_int8(data[1]), namespace=data[2:12].hex(), instance=data[12:18].hex()
    )


def _tlm(data: bytes) -> EddystoneTlm | None:
    # tlm-plain.md: type, version 0x00, VBATT (mV, 0 = unsupported), TEMP (8.8 signed,
    # 0x8000 = unsupported), ADV_CNT, SEC_CNT (0.1 s); 14 bytes, big-endian.
    # Version 0x01 is encrypted TLM (eTLM): not decodable without the beacon's key.
    if len(data) < 2:
        raise FrameError("Eddystone-TLM frame has no version byte")
    if data[1] == 0x01:
        return None
    if data[1] != 0x00:
        raise FrameError(f"Eddystone-TLM version 0x{data[1]:02x} is unknown")
    if len(data) != 14:
        raise FrameError(f"Eddystone-TLM frame must be 14 bytes, not {len(data)}")
    battery, temp, adv_count, uptime = struct.unpack(">HhII", data[2:14])
    return EddystoneTlm(
        battery_mv=battery or None,
        temperature_c=None if temp == -0x8000 else temp / 256,
        adv_count=adv_count,
        uptime_ds=uptime,
    )


def _int8(byte: int) -> int:
    return byte - 256 if byte > 127 else byte
