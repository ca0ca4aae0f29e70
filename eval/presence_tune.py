"""Choose the flat's presence settings on the tuning trace only (`flat_calibration_*`).

    .venv/bin/python -m eval.presence_tune --data ../shared/data [--write]

Decided before any result was read: every setting is chosen here, on the calibration trace;
the robot trace is held out and only `eval.presence` reads it, after the settings are fixed
(committed in eval/data/presence_flat.yaml, never changed after the held-out result). The
objective: highest zone accuracy on the tuning trace among settings with fewer than
`MAX_SPURIOUS` spurious changes per visitor-minute (half the target, a margin for held-out
data). Search: coordinate descent, from the defaults, over a grid per setting: each
receiver's `measured_power_dbm` (its RSSI calibration offset), `rssi_process_noise`,
`switch_ratio` and `switch_after_s`; `radius_m` is the largest allowed (in a flat the tag is
always in some room); the path-loss exponent stays at 2.0 (with one exponent for all hubs it
only scales the switch ratio).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from edge.presence.replay import layout_settings, replay
from edge.presence.settings import PresenceSettings
from edge.presence.trace import Reading, Receiver, read_layout, read_trace
from eval.presence_score import Score, Truth, read_truth, score

TUNING_TRACE = "flat_calibration"
SETTINGS_FILE = Path(__file__).resolve().parent / "data" / "presence_flat.yaml"
MAX_SPURIOUS = 0.5
_GRID: dict[str, list[float]] = {
    "rssi_process_noise": [0.25, 0.5, 1.0, 2.0, 4.0],
    "switch_ratio": [0.5, 0.6, 0.7, 0.8, 0.9],
    "switch_after_s": [0.0, 1.0, 2.0, 3.0, 4.0, 6.0],
}
_OFFSETS = [-59.0 + 0.5 * step for step in range(-24, 25)]


def evaluate(
    readings: list[Reading],
    receivers: list[Receiver],
    truth: list[Truth],
    config: dict[str, object],
) -> Score:
    """Score one candidate `presence:` mapping on a trace."""
    settings = layout_settings(receivers, PresenceSettings.model_validate(config))
    return score(replay(readings, settings), truth)


def _objective(result: Score) -> tuple[bool, float, float]:
    return (
        result.spurious_per_visitor_minute < MAX_SPURIOUS,
        result.accuracy,
        -result.spurious_per_visitor_minute,
    )


def tune(data: Path) -> tuple[dict[str, object], Score]:
    """The chosen `presence:` mapping and its score on the tuning trace."""
    ble = data / "ble"
    readings = read_trace(ble / f"{TUNING_TRACE}_trace.csv")
    truth = read_truth(ble / f"{TUNING_TRACE}_truth.csv")
    receivers = read_layout(ble / "flat_layout.csv")
    zones = {
        r.hub: {"name": r.zone, "hub": r.hub, "path_loss_exponent": 2.0, "radius_m": 50.0}
        for r in receivers
    }
    config: dict[str, object] = {"zones": list(zones.values())}
    best = evaluate(readings, receivers, truth, config)
    for _ in range(4):
        improved = False
        for key, values in _GRID.items():
            for value in values:
                before = config.get(key)
                config[key] = value
                result = evaluate(readings, receivers, truth, config)
                if _objective(result) > _objective(best):
                    best, improved = result, True
                else:
                    _restore(config, key, before)
        for hub in zones:
            for value in _OFFSETS:
                zones[hub]["measured_power_dbm"], before = (
                    value,
                    zones[hub].get("measured_power_dbm"),
                )
                result = evaluate(readings, receivers, truth, config)
                if _objective(result) > _objective(best):
                    best, improved = result, True
                else:
                    _restore(zones[hub], "measured_power_dbm", before)
        if not improved:
            break
    return config, best


def _restore(mapping: dict[str, object], key: str, before: object) -> None:
    if before is None:
        mapping.pop(key, None)
    else:
        mapping[key] = before


def main() -> None:
    """Tune, print the result; `--write` saves the settings file the evaluation uses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="The shared data folder.")
    parser.add_argument("--write", action="store_true", help=f"Write {SETTINGS_FILE.name}.")
    args = parser.parse_args()
    config, best = tune(args.data)
    print(f"tuning trace {TUNING_TRACE}: {best}")
    text = yaml.safe_dump({"presence": config}, sort_keys=False)
    print(text)
    if args.write:
        SETTINGS_FILE.write_text(
            "# Chosen by `python -m eval.presence_tune` on flat_calibration only; do not edit.\n"
            + text,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
