"""`showfloor-edge beacons scan|decode|survey|replay`: installer tools for BLE presence.

`scan` lists what this hub hears (smoothed RSSI, estimated distance, zone) to place hubs and
calibrate zones; `decode` prints one advertisement payload as JSON, to check a beacon's set-up;
`survey` learns zone fingerprints from a recorded walk through the zones (`presence.survey`);
`replay` runs recorded readings through the hubs' zone logic and prints each zone change.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import sys
import time
from collections.abc import Iterator
from contextlib import aclosing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from edge.errors import ConfigError
from edge.presence.decode import decode_manufacturer, decode_service
from edge.presence.errors import PresenceError
from edge.presence.replay import ZoneDecision, layout_settings, replay
from edge.presence.scanner import BeaconScanner
from edge.presence.survey import Survey, SurveyRow
from edge.presence.surveying import survey_walk
from edge.presence.trace import TRACE_COLUMNS, read_layout, read_trace
from edge.presence.zone_survey import MarkedZones, load_survey, read_marks, save
from edge.settings import load_settings

#: The survey shows staff ids, never pseudonyms, so any key does; nothing is emitted.
_SURVEY_KEY = b"installer-survey-local-only"
_BLUETOOTH_BASE = "-0000-1000-8000-00805f9b34fb"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `beacons scan`, `beacons decode`, `beacons survey` and `beacons replay`."""
    parser = commands.add_parser("beacons", help="BLE beacon tools for installers.")
    sub = parser.add_subparsers(dest="beacons_command", required=True, metavar="ACTION")
    scan = sub.add_parser("scan", help="List beacons heard: smoothed RSSI, distance, zone.")
    scan.add_argument("--seconds", type=float, default=10.0, help="How long to listen.")
    scan.add_argument("--format", choices=("text", "jsonl"), default="text")
    scan.add_argument("--adapter", help="Bluetooth adapter (default: presence.adapter).")
    scan.add_argument("--hub", help="This hub's id in presence.zones (default: the null one).")
    scan.add_argument("--all", action="store_true", help="Also list devices with no beacon frame.")
    scan.add_argument("--config", type=Path, help="YAML configuration file.")
    scan.add_argument(
        "--record",
        type=Path,
        help="Also write every beacon reading to this CSV (time,hub,beacon,rssi; needs --hub): "
        "a site survey's trace.",
    )
    scan.set_defaults(handler=handle_scan)
    decode = sub.add_parser("decode", help="Decode one advertisement payload (hex) as JSON.")
    source = decode.add_mutually_exclusive_group(required=True)
    source.add_argument("--manufacturer", help="Company id of manufacturer data, e.g. 0x004c.")
    source.add_argument("--service-uuid", help="Service data UUID, e.g. feaa (Eddystone).")
    decode.add_argument("hex", help="The payload bytes in hex (after the company id / UUID).")
    decode.set_defaults(handler=handle_decode)
    survey = sub.add_parser(
        "survey", help="Learn zone fingerprints from a recorded walk through the zones."
    )
    survey.add_argument(
        "trace",
        type=Path,
        nargs="+",
        help="CSV: time,hub,beacon,rssi (Unix s); one per hub (scan --record) or one for all.",
    )
    survey.add_argument(
        "--zones",
        type=Path,
        required=True,
        help="CSV of marks: time,zone (the zone walked from then on; '-' pauses) or "
        "time,beacon,zone,x,y.",
    )
    survey.add_argument(
        "--layout", type=Path, required=True, help="CSV: hub,x,y,zone (one line per hub)."
    )
    survey.add_argument(
        "--config",
        type=Path,
        help="YAML configuration: presence smoothing (rssi_process_noise, "
        "rssi_measurement_noise, rssi_median_of: the survey records them and hubs smooth with "
        "them), tick_s (a fingerprint every tick) and stale_after_s.",
    )
    survey.add_argument(
        "--method",
        choices=("knn", "lda"),
        default="knn",
        help="knn (default, chosen on a real recording) or lda (smaller, cheaper).",
    )
    survey.add_argument(
        "--k", type=int, default=45, help="knn: neighbours that vote (default 45, chosen)."
    )
    survey.add_argument(
        "--weighting",
        choices=("kernel", "vote", "inverse"),
        default="kernel",
        help="knn: kernel (default, chosen on a real recording): each neighbour weighed by "
        "exp(-d²/2h²), h² the median of the k; vote: one each; inverse: by 1/(d + 1 dB).",
    )
    survey.add_argument(
        "--features",
        choices=("relative", "centered", "rssi"),
        default="relative",
        help="relative (default, chosen on a real recording): RSSI less the loudest hub's, "
        "blind to a tag louder or quieter everywhere; centered: less the mean of the hubs; "
        "rssi: as heard.",
    )
    survey.add_argument(
        "--filter-rate",
        type=float,
        help="Filter zones forward from tick to tick, a tag leaving its zone this often per "
        "second (zones the walk went between directly are adjacent). Default: no filter.",
    )
    survey.add_argument(
        "--shrinkage", type=float, default=0.1, help="lda: covariance shrinkage, 0-1."
    )
    survey.add_argument("-o", "--output", type=Path, required=True, help="Survey file (JSON).")
    survey.set_defaults(handler=handle_survey)
    replay_parser = sub.add_parser(
        "replay", help="Recorded readings through the zone logic: one line per zone change."
    )
    replay_parser.add_argument("trace", type=Path, help="CSV: time,hub,beacon,rssi (Unix s).")
    replay_parser.add_argument(
        "--layout", type=Path, required=True, help="CSV: hub,x,y,zone (one line per hub)."
    )
    replay_parser.add_argument(
        "--config", type=Path, help="YAML configuration: presence thresholds, hub calibration."
    )
    replay_parser.add_argument(
        "--survey", type=Path, help="Survey file (default: presence.survey of the config)."
    )
    replay_parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    replay_parser.set_defaults(handler=handle_replay)


async def handle_scan(args: argparse.Namespace) -> int:
    """Listen for `--seconds`, then print what was heard."""
    if args.seconds <= 0:
        raise ConfigError("--seconds must be positive")
    if args.record is not None and not args.hub:
        raise ConfigError("--record needs --hub: the id this hub has in the layout")
    settings = load_settings(args.config).presence
    survey = Survey(settings, _SURVEY_KEY, args.hub)
    scanner = BeaconScanner(args.adapter or settings.adapter, idle_restart_s=args.seconds + 1)
    with contextlib.ExitStack() as stack:
        record = stack.enter_context(_recorder(args.record)) if args.record else None
        async with aclosing(scanner.session()) as session:
            try:
                async with asyncio.timeout(args.seconds):
                    async for advertisement in session:
                        if advertisement.frames or args.all:
                            survey.add(advertisement, time.monotonic())
                        beacon = next((f.beacon_id for f in advertisement.frames), None)
                        if record is not None and beacon:
                            record.writerow(
                                [f"{time.time():.3f}", args.hub, beacon, advertisement.rssi]
                            )
            except TimeoutError:
                pass
    _print_rows(survey.rows(), args.format)
    return 0


@contextlib.contextmanager
def _recorder(path: Path) -> Iterator[Any]:
    """A CSV writer of readings, header written; line-buffered: a cut-short walk keeps its lines."""
    try:
        handle = path.open("w", newline="", encoding="utf-8", buffering=1)
    except OSError as err:
        raise PresenceError(f"{path}: cannot be written: {err}") from err
    with handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TRACE_COLUMNS)
        yield writer


def handle_decode(args: argparse.Namespace) -> int:
    """Print the decoded frame, or fail with one line saying why."""
    text = args.hex.strip().lower().removeprefix("0x").replace(" ", "").replace(":", "")
    try:
        data = bytes.fromhex(text)
    except ValueError as err:
        raise PresenceError(f"{args.hex!r} is not hex bytes (e.g. 0215f7826da6...)") from err
    if args.manufacturer is not None:
        try:
            company = int(args.manufacturer, 0)
        except ValueError as err:
            raise PresenceError(f"--manufacturer {args.manufacturer!r} is not a number") from err
        if not 0 <= company <= 0xFFFF:
            raise PresenceError(f"--manufacturer {args.manufacturer} is not a 16-bit company id")
        frame = decode_manufacturer(company, data)
        where = f"manufacturer 0x{company:04x} data"
    else:
        uuid = args.service_uuid.lower().removeprefix("0x")
        if len(uuid) == 4:
            uuid = f"0000{uuid}{_BLUETOOTH_BASE}"
        frame = decode_service(uuid, data)
        where = f"service {uuid} data"
    if frame is None:
        raise PresenceError(f"no known beacon frame in {where} (iBeacon, AltBeacon, Eddystone)")
    document = frame.model_dump(mode="json") | {"beacon_id": frame.beacon_id}
    sys.stdout.write(json.dumps(document) + "\n")
    return 0


def handle_survey(args: argparse.Namespace) -> int:
    """Learn a survey from the trace and its marks, write it, print one summary line."""
    if args.k < 1 or not 0.0 <= args.shrinkage <= 1.0:
        raise ConfigError("--k must be 1 or more and --shrinkage within 0-1")
    if args.filter_rate is not None and args.filter_rate <= 0.0:
        raise ConfigError("--filter-rate must be positive")
    settings = layout_settings(read_layout(args.layout), load_settings(args.config).presence)
    readings = sorted(
        (reading for trace in args.trace for reading in read_trace(trace)),
        key=lambda reading: reading.time,
    )
    marks = MarkedZones(read_marks(args.zones), {reading.beacon for reading in readings})
    learned = survey_walk(
        readings,
        marks,
        settings,
        method=args.method,
        k=args.k,
        shrinkage=args.shrinkage,
        weighting=args.weighting,
        features=args.features,
        rate_per_s=args.filter_rate,
    )
    save(learned, args.output)
    counts = ", ".join(f"{zone} {n}" for zone, n in learned.samples_per_zone.items())
    sys.stdout.write(
        f"{args.output}: {learned.method} survey of {len(learned.hubs)} hubs, "
        f"fingerprints per zone: {counts}\n"
    )
    return 0


def handle_replay(args: argparse.Namespace) -> int:
    """Print every zone decision change of the trace, in time order."""
    settings = layout_settings(read_layout(args.layout), load_settings(args.config).presence)
    survey = load_survey(args.survey) if args.survey is not None else None
    for decision in replay(read_trace(args.trace), settings, survey):
        sys.stdout.write(_decision_line(decision, args.format) + "\n")
    return 0


def _decision_line(decision: ZoneDecision, form: str) -> str:
    if form == "jsonl":
        return decision.model_dump_json()
    stamp = datetime.fromtimestamp(decision.time, UTC).isoformat(timespec="milliseconds")
    return f"{stamp} {decision.beacon} {decision.zone or '-'}"


def _print_rows(rows: list[SurveyRow], form: str) -> None:
    if form == "jsonl":
        for row in rows:
            sys.stdout.write(row.model_dump_json() + "\n")
        return
    sys.stdout.write(f"{'ID':<58} {'KIND':<7} {'RSSI':>6} {'DIST m':>7} {'ZONE':<12} STAFF\n")
    for row in rows:
        sys.stdout.write(
            f"{row.id:<58} {row.kind:<7} {row.rssi_smoothed:>6.1f} {row.distance_m:>7.2f} "
            f"{row.zone or '-':<12} {row.staff_id or ''}\n"
        )
    if not rows:
        sys.stdout.write("(no beacons heard)\n")
