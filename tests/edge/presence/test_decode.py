"""Frame decoders byte by byte against the published layouts, and never crashing on garbage."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edge.presence.decode import decode_all, decode_manufacturer, decode_service
from edge.presence.errors import FrameError
from edge.presence.frames import (
    EDDYSTONE_SERVICE_UUID,
    AltBeacon,
    EddystoneEid,
    EddystoneTlm,
    EddystoneUid,
    EddystoneUrl,
    Frame,
    IBeacon,
)

FEAA = EDDYSTONE_SERVICE_UUID

# Apple Proximity Beacon Specification R1, 2.1: 0x02 0x15 | UUID (16) | major | minor | power.
IBEACON = bytes.fromhex("0215f7826da64fa24e988024bc5b71e0893e000100ffc5")


def test_ibeacon_fields_byte_by_byte() -> None:
    frame = decode_manufacturer(0x004C, IBEACON)
    assert frame == IBeacon(
        uuid=uuid.UUID("f7826da6-4fa2-4e98-8024-bc5b71e0893e"), major=1, minor=255, tx_power=-59
    )
    assert frame.beacon_id == "ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:255"
    assert frame.encode() == IBEACON


def test_ibeacon_is_apple_only_and_length_checked() -> None:
    assert decode_manufacturer(0x0059, IBEACON) is None  # Nordic's id: not an iBeacon
    with pytest.raises(FrameError, match="23 bytes"):
        decode_manufacturer(0x004C, IBEACON[:-1])
    with pytest.raises(FrameError, match="23 bytes"):
        decode_manufacturer(0x004C, IBEACON + b"\x00")
    # Other Apple frames (e.g. 0x10 nearby info) are not beacons: ignored, not errors.
    assert decode_manufacturer(0x004C, bytes.fromhex("1005031c")) is None


# AltBeacon 1.0: 0xBEAC | beacon id (20) | reference RSSI | MFG reserved.
ALTBEACON = bytes.fromhex("beac2f234454cf6d4a0fadf2f4911ba9ffa600010002c500")


def test_altbeacon_fields_byte_by_byte() -> None:
    frame = decode_manufacturer(0x0118, ALTBEACON)
    assert frame == AltBeacon(
        company_id=0x0118,
        id1=uuid.UUID("2f234454-cf6d-4a0f-adf2-f4911ba9ffa6"),
        id2=1,
        id3=2,
        reference_rssi=-59,
        reserved=0,
    )
    assert frame.tx_power_1m == -59
    assert frame.encode() == ALTBEACON
    with pytest.raises(FrameError, match="24 bytes"):
        decode_manufacturer(0x0118, ALTBEACON[:23])


# Eddystone-UID: 0x00 | ranging (0 m) | namespace (10) | instance (6) | RFU (2).
UID = bytes.fromhex("00e7edd1ebeac04e5defa0170badc0ffee010000")


def test_eddystone_uid_fields_byte_by_byte() -> None:
    frame = decode_service(FEAA, UID)
    assert frame == EddystoneUid(
        tx_power=-25, namespace="edd1ebeac04e5defa017", instance="0badc0ffee01"
    )
    assert frame.beacon_id == "eddystone:edd1ebeac04e5defa017:0badc0ffee01"
    assert frame.tx_power_1m == -66  # 0 m figure less 41 dB
    assert frame.encode() == UID
    assert decode_service(FEAA.upper(), UID[:18]) == frame  # RFU omitted, as many beacons do
    with pytest.raises(FrameError, match="reserved bytes"):
        decode_service(FEAA, UID[:18] + b"\x00\x01")
    with pytest.raises(FrameError, match="20 bytes"):
        decode_service(FEAA, UID[:19])


@pytest.mark.parametrize(
    ("hex_data", "url"),
    [
        # 0x10 | TX power -10 | scheme | URL bytes with expansion codes
        ("10f600676f6f676c6507", "http://www.google.com"),
        ("10f6016578616d706c650078", "https://www.example.com/x"),
        ("10f60273686f7708", "http://show.org"),
        ("10f603612e620d", "https://a.b.gov"),
    ],
)
def test_eddystone_url_schemes_and_expansions(hex_data: str, url: str) -> None:
    data = bytes.fromhex(hex_data)
    frame = decode_service(FEAA, data)
    assert frame == EddystoneUrl(tx_power=-10, url=url)
    assert frame.encode() == data


def test_eddystone_url_rejects_reserved_codes_and_lengths() -> None:
    with pytest.raises(FrameError, match="scheme byte 0x04"):
        decode_service(FEAA, bytes.fromhex("10f60461"))
    with pytest.raises(FrameError, match="byte 0x0e is reserved"):
        decode_service(FEAA, bytes.fromhex("10f602610e"))
    with pytest.raises(FrameError, match="byte 0x7f is reserved"):
        decode_service(FEAA, bytes.fromhex("10f6027f"))
    with pytest.raises(FrameError, match="4 to 20 bytes"):
        decode_service(FEAA, bytes.fromhex("10f602"))
    with pytest.raises(FrameError, match="longer than 17"):
        decode_service(FEAA, bytes.fromhex("10f602") + b"a" * 18)
    assert decode_service(FEAA, bytes.fromhex("10f602") + b"a" * 17) is not None


# Eddystone-TLM plain: 0x20 | version 0 | VBATT mV | TEMP 8.8 | ADV_CNT | SEC_CNT (0.1 s).
TLM = bytes.fromhex("20000bb817800000002a00000e10")


def test_eddystone_tlm_fields_byte_by_byte() -> None:
    frame = decode_service(FEAA, TLM)
    assert frame == EddystoneTlm(battery_mv=3000, temperature_c=23.5, adv_count=42, uptime_ds=3600)
    assert frame.encode() == TLM
    negative = decode_service(FEAA, bytes.fromhex("20000000ff800000000000000000"))
    assert negative == EddystoneTlm(battery_mv=None, temperature_c=-0.5, adv_count=0, uptime_ds=0)
    unsupported = decode_service(FEAA, bytes.fromhex("20000bb880000000000100000001"))
    assert isinstance(unsupported, EddystoneTlm)
    assert unsupported.temperature_c is None


def test_eddystone_tlm_encrypted_is_ignored_and_bad_versions_rejected() -> None:
    assert decode_service(FEAA, bytes.fromhex("2001") + bytes(16)) is None
    with pytest.raises(FrameError, match="version 0x02"):
        decode_service(FEAA, bytes.fromhex("2002") + bytes(12))
    with pytest.raises(FrameError, match="14 bytes"):
        decode_service(FEAA, TLM[:13])


def test_eddystone_eid_fields_byte_by_byte() -> None:
    data = bytes.fromhex("30ee0123456789abcdef")
    frame = decode_service(FEAA, data)
    assert frame == EddystoneEid(tx_power=-18, eid="0123456789abcdef")
    assert frame.beacon_id is None  # rotating: no stable identity without the beacon's key
    assert frame.encode() == data
    with pytest.raises(FrameError, match="10 bytes"):
        decode_service(FEAA, data[:9])


def test_unknown_frames_are_ignored() -> None:
    assert decode_service("0000180f-0000-1000-8000-00805f9b34fb", UID) is None
    assert decode_service(FEAA, b"") is None
    assert decode_service(FEAA, bytes.fromhex("40000102")) is None  # unassigned frame type
    assert decode_manufacturer(0x0006, b"\x01\x09\x20") is None


def test_decode_all_skips_malformed_and_keeps_the_rest() -> None:
    frames = list(
        decode_all({0x004C: IBEACON, 0x0118: ALTBEACON[:5]}, {FEAA: TLM, "feed": b"\x00"})
    )
    assert [type(frame) for frame in frames] == [IBeacon, EddystoneTlm]


def _check(frame: Frame | None, data: bytes) -> None:
    """A decoded frame re-encodes to the same bytes (URLs and UID-without-RFU: same frame)."""
    if frame is None:
        return
    encoded = frame.encode()
    if isinstance(frame, EddystoneUrl) or (isinstance(frame, EddystoneUid) and len(data) == 18):
        assert decode_service(FEAA, encoded) == frame
    else:
        assert encoded == data


@given(st.integers(0, 0xFFFF), st.binary(max_size=40))
def test_random_manufacturer_bytes_never_crash_or_misparse(company: int, data: bytes) -> None:
    try:
        frame = decode_manufacturer(company, data)
    except FrameError:
        return
    _check(frame, data)


@given(st.sampled_from([b"\x02\x15", b"\xbe\xac", b""]), st.binary(max_size=30), st.booleans())
def test_prefixed_manufacturer_bytes_never_misparse(
    prefix: bytes, body: bytes, apple: bool
) -> None:
    data = prefix + body
    try:
        frame = decode_manufacturer(0x004C if apple else 0x0118, data)
    except FrameError as err:
        assert str(err)
        return
    _check(frame, data)
    if frame is not None:
        assert len(data) in (23, 24)


@given(st.sampled_from([0x00, 0x10, 0x20, 0x30, 0x40]), st.binary(max_size=30))
def test_random_eddystone_bytes_never_crash_or_misparse(frame_type: int, body: bytes) -> None:
    data = bytes([frame_type]) + body
    try:
        frame = decode_service(FEAA, data)
    except FrameError as err:
        assert str(err)
        return
    _check(frame, data)


@given(st.binary(min_size=0, max_size=30))
def test_truncations_of_valid_frames_are_rejected(noise: bytes) -> None:
    cases: list[tuple[bytes, Callable[[bytes], Frame | None]]] = [
        (IBEACON, lambda d: decode_manufacturer(0x004C, d)),
        (ALTBEACON, lambda d: decode_manufacturer(0x0118, d)),
        (TLM, lambda d: decode_service(FEAA, d)),
    ]
    for valid, decode in cases:
        for cut in range(3, len(valid)):
            with pytest.raises(FrameError):
                decode(valid[:cut])
        if noise:
            with pytest.raises(FrameError):
                decode(valid + noise)
