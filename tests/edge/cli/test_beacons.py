"""`showfloor-edge beacons decode|scan` as a subprocess (scan against the mock BlueZ)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from edge.presence.trace import read_trace
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, TAG_A, TAG_UUID
from tests.edge.presence.bluez import BluezControl, mock_bluez, private_bus

EDGE = str(Path(sys.executable).with_name("showfloor-edge"))


def _env(**extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    return environment | extra


def edge(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EDGE, *args], capture_output=True, text=True, timeout=60, env=_env(**env), check=False
    )


def fails_clearly(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("showfloor-edge: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert expected in result.stderr


def test_decode_ibeacon_prints_its_fields() -> None:
    result = edge(
        "beacons", "decode", "--manufacturer", "0x004c", "0215" + TAG_A.encode()[2:].hex()
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "kind": "ibeacon",
        "uuid": str(TAG_UUID),
        "major": 3,
        "minor": 1,
        "tx_power": -59,
        "beacon_id": TAG_A.beacon_id,
    }


def test_decode_eddystone_by_short_and_full_uuid() -> None:
    tlm = "20000bb817800000002a00000e10"
    short = edge("beacons", "decode", "--service-uuid", "feaa", tlm)
    full = edge("beacons", "decode", "--service-uuid", "0000FEAA-0000-1000-8000-00805F9B34FB", tlm)
    assert short.returncode == 0, short.stderr
    assert short.stdout == full.stdout
    assert json.loads(short.stdout)["temperature_c"] == 23.5


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--manufacturer", "0x004c", "02zz"], "is not hex bytes"),
        (["--manufacturer", "0x004c", "0215f7"], "iBeacon frame must be 23 bytes, not 3"),
        (["--manufacturer", "apple", "0215"], "--manufacturer 'apple' is not a number"),
        (["--manufacturer", "0x10000", "0215"], "not a 16-bit company id"),
        (["--service-uuid", "180f", "0102"], "no known beacon frame in service 0000180f"),
        (["--service-uuid", "feaa", "10f60441"], "scheme byte 0x04 is reserved"),
    ],
)
def test_decode_bad_input_fails_in_one_line(args: list[str], expected: str) -> None:
    fails_clearly(edge("beacons", "decode", *args), expected)


def test_scan_without_a_bus_fails_in_one_line(tmp_path: Path) -> None:
    result = edge(
        "beacons",
        "scan",
        "--seconds",
        "1",
        DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={tmp_path}/none",
    )
    fails_clearly(result, "no D-Bus system bus")


def test_scan_lists_beacons_with_rssi_distance_and_zone(tmp_path: Path) -> None:
    config = tmp_path / "showfloor.yaml"
    config.write_text(
        "presence:\n"
        "  zones: [{name: entrance, hub: hub-a, measured_power_dbm: -59, "
        "path_loss_exponent: 2.0}]\n"
        f"  badges: {{'{BADGE_SAM.beacon_id}': sam}}\n",
        encoding="utf-8",
    )

    trace = tmp_path / "hub-a.csv"

    async def scan(address: str, form: str) -> str:
        async with BluezControl(address) as control:
            if form == "jsonl":
                await control.add_adapter()
            record = ["--record", str(trace)] if form == "jsonl" else []
            process = await asyncio.create_subprocess_exec(
                EDGE,
                "beacons",
                "scan",
                "--seconds",
                "1.5",
                "--format",
                form,
                "--config",
                str(config),
                "--hub",
                "hub-a",
                *record,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_env(DBUS_SYSTEM_BUS_ADDRESS=address),
            )
            rssi = 0
            while process.returncode is None:
                rssi += 1
                await control.advertise(
                    "C0:FF:EE:00:00:01", -59 - rssi % 2, {0x004C: BADGE_SAM.encode()}
                )
                await control.advertise(
                    "C0:FF:EE:00:00:02", -79 - rssi % 2, {0x004C: TAG_A.encode()}
                )
                await control.advertise("C0:FF:EE:00:00:03", -50, {0x0006: b"\x01\x09"})
                with suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 0.05)
            out, err = await process.communicate()
            assert process.returncode == 0, err
            return out.decode()

    with private_bus(tmp_path) as address, mock_bluez(address):
        lines = run(scan(address, "jsonl"), timeout_s=30).splitlines()
        table = run(scan(address, "text"), timeout_s=30)
    rows = [json.loads(line) for line in lines]
    assert [row["id"] for row in rows] == [BADGE_SAM.beacon_id, TAG_A.beacon_id]
    recorded = read_trace(trace)  # the survey's trace of this hub: every beacon reading
    assert {r.beacon for r in recorded} == {BADGE_SAM.beacon_id, TAG_A.beacon_id}
    assert {r.hub for r in recorded} == {"hub-a"} and len(recorded) >= 4
    assert {r.rssi for r in recorded if r.beacon == TAG_A.beacon_id} <= {-79.0, -80.0}
    badge, tag = rows
    assert badge["kind"] == "badge" and badge["staff_id"] == "sam"
    assert badge["zone"] == "entrance" and 0.8 < badge["distance_m"] < 1.3
    assert tag["kind"] == "beacon" and tag["zone"] is None  # ~10 m: outside the 5 m radius
    assert 7 < tag["distance_m"] < 13 and tag["readings"] >= 3
    assert table.splitlines()[0].split()[:5] == ["ID", "KIND", "RSSI", "DIST", "m"]
    assert BADGE_SAM.beacon_id in table and "entrance" in table and "sam" in table


def _replay_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    layout = tmp_path / "layout.csv"
    layout.write_text("hub,x,y,zone\nh1,0,0,lounge\nh2,6,0,desk\n", encoding="utf-8")
    lines = ["time,hub,beacon,rssi"]
    for k in range(60):  # 30 s near h1, then 30 s near h2, 1 reading/s per hub
        near = "h1" if k < 30 else "h2"
        for hub in ("h1", "h2"):
            lines.append(f"{1700000000 + k:.1f},{hub},tag1,{-55 if hub == near else -82}")
    trace = tmp_path / "trace.csv"
    trace.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "showfloor.yaml"
    config.write_text("presence: {switch_after_s: 2, exit_after_s: 5}\n", encoding="utf-8")
    return trace, layout, config


def test_replay_prints_one_line_per_zone_change(tmp_path: Path) -> None:
    trace, layout, config = _replay_files(tmp_path)
    args = ["beacons", "replay", str(trace), "--layout", str(layout), "--config", str(config)]
    jsonl = edge(*args, "--format", "jsonl")
    assert jsonl.returncode == 0, jsonl.stderr
    decisions = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(d["beacon"], d["zone"]) for d in decisions] == [("tag1", "lounge"), ("tag1", "desk")]
    assert decisions[0]["time"] == 1700000001.0 and 1700000030 < decisions[1]["time"] < 1700000040
    text = edge(*args)
    assert text.stdout.splitlines()[0] == "2023-11-14T22:13:21.000+00:00 tag1 lounge"
    assert len(text.stdout.splitlines()) == 2


def test_replay_of_a_bad_trace_fails_in_one_line(tmp_path: Path) -> None:
    trace, layout, _ = _replay_files(tmp_path)
    trace.write_text("time,hub,beacon,rssi\n1,h1,tag1,-50\n1,h2,tag1,\n", encoding="utf-8")
    fails_clearly(
        edge("beacons", "replay", str(trace), "--layout", str(layout)), "line 3: rssi: Input"
    )


def test_survey_then_replay_with_it(tmp_path: Path) -> None:
    trace, layout, config = _replay_files(tmp_path)
    marks = tmp_path / "marks.csv"
    marks.write_text("time,zone\n1700000000,lounge\n1700000030,desk\n", encoding="utf-8")
    survey = tmp_path / "site.survey.json"
    header, *lines = trace.read_text().splitlines()
    per_hub = []  # one trace per hub, as `beacons scan --record` writes them on each hub
    for hub in ("h1", "h2"):
        per_hub.append(tmp_path / f"{hub}.csv")
        mine = [line for line in lines if line.split(",")[1] == hub]
        per_hub[-1].write_text("\n".join([header, *mine]) + "\n", encoding="utf-8")
    smoothing = tmp_path / "smoothing.yaml"
    smoothing.write_text("presence: {rssi_process_noise: 8, rssi_median_of: 5}\n", "utf-8")
    made = edge(
        "beacons", "survey", *map(str, per_hub), "--zones", str(marks), "--layout", str(layout),
        "--k", "5", "--config", str(smoothing), "-o", str(survey),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"{survey}: knn survey of 2 hubs, fingerprints per zone: desk ")
    learned = json.loads(survey.read_text())
    assert learned["knn"]["k"] == 5 and learned["features"] == "relative"  # the default
    assert learned["knn"]["weighting"] == "kernel"  # the default
    assert (learned["rssi_process_noise"], learned["rssi_median_of"]) == (8.0, 5)
    args = ["beacons", "replay", str(trace), "--layout", str(layout), "--config", str(config)]
    jsonl = edge(*args, "--survey", str(survey), "--format", "jsonl")
    assert jsonl.returncode == 0, jsonl.stderr
    decisions = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [d["zone"] for d in decisions] == ["lounge", "desk"]
    assert 1700000030 < decisions[1]["time"] < 1700000040


def test_survey_and_replay_fail_in_one_line_and_keep_the_old_survey(tmp_path: Path) -> None:
    trace, layout, _ = _replay_files(tmp_path)
    survey = tmp_path / "site.survey.json"
    survey.write_text('{"format": "showfloor-zone-survey", "version": 9}', encoding="utf-8")
    fails_clearly(
        edge("beacons", "replay", str(trace), "--layout", str(layout), "--survey", str(survey)),
        f"survey {survey} is not a showfloor-zone-survey version 1 file",
    )
    marks = tmp_path / "marks.csv"
    marks.write_text("time,zone\n1700000000,cellar\n", encoding="utf-8")
    args = ["beacons", "survey", str(trace), "--layout", str(layout), "-o", str(survey)]
    fails_clearly(edge(*args, "--zones", str(marks)), "the marks name zones no hub anchors: cellar")
    assert 'version": 9' in survey.read_text()  # not overwritten
    fails_clearly(edge("beacons", "scan", "--record", str(marks)), "--record needs --hub")
