"""Choose the site-survey method and settings by blocked cross-validation on flat_calibration only.

    .venv/bin/python -m eval.presence_survey_cv --data ../shared/data [--write]
    .venv/bin/python -m eval.presence_survey_cv --data ../shared/data --cpu

`--merged` is a diagnostic of the chosen candidate, no choice: the held-out readings as one hub
of a multi-hub site sees them (its own raw readings, every other hub's smoothed RSSI once per
tick, as `SiteReadings` carry them), for each hub in turn, pooled.
`--cpu` only times decisions (the chosen survey, learned on the whole calibration trace, and
an LDA survey and no survey beside it, deciding every tick of that trace while the tag is
heard): no accuracy is read.

Protocol, fixed before any result was read (docs/benchmarks.md, "On real recordings"):
- Only the calibration trace is read here. Its recorded time is cut into contiguous blocks of
  `BLOCK_S` (a gap in the recording also ends a block), and block i goes to fold i mod `FOLDS`
  (neighbouring seconds are correlated, so no shuffling of samples; the calibration walk visits
  the rooms in turn, so one block per fold would hold a room out of training altogether). For
  each fold, the survey is learned (`edge.presence.surveying`, the truth file as the installer's
  zone marks) from the fingerprints outside the fold's blocks, leaving out `GUARD_S` either side
  of each (the smoothing carries a few seconds of history across a border); the fold's readings
  alone then go through `edge.presence.replay` with that survey (the hubs' own `ZoneLocator`;
  blocks of a fold are minutes apart, so each starts as a fresh arrival) and are scored by
  `eval.presence_score` against its truth rows.
- Pooled over the folds: accuracy over every truth row, spurious changes over every
  visitor-minute. Objective, as for the nearest-hub tuning: the highest pooled accuracy among
  candidates with fewer than `MAX_SPURIOUS` spurious changes per visitor-minute (half the
  target, a margin for unseen data); ties: fewer spurious changes.
- The candidates are the whole grid below; `--write` saves the winner to
  eval/data/presence_flat_survey.yaml, which `eval.presence` then uses, unchanged, on the held-out
  trace (the survey learned on the whole calibration trace).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from edge.presence.replay import layout_settings, replay
from edge.presence.settings import PresenceSettings
from edge.presence.surveying import Fingerprint, survey_walk, surveyed_hubs, walk
from edge.presence.trace import Reading, Receiver, read_layout, read_trace
from edge.presence.zone_survey import MarkedZones, Method, learn, read_marks, ticks
from edge.presence.zones import ZoneLocator
from eval.presence_score import GAP_S, Score, Truth, read_truth, score
from eval.presence_tune import MAX_SPURIOUS, TUNING_TRACE

SURVEY_FILE = Path(__file__).resolve().parent / "data" / "presence_flat_survey.yaml"
FOLDS = 5
BLOCK_S = 120.0
GUARD_S = 15.0
METHODS: list[tuple[Method, float]] = [
    ("lda", 0.0),
    ("lda", 0.1),
    ("lda", 0.5),
    ("knn", 5),
    ("knn", 15),
    ("knn", 45),
]
GRID: dict[str, list[float]] = {
    "rssi_process_noise": [0.5, 2.0],
    "switch_ratio": [0.3, 0.6, 0.9],
    "switch_after_s": [0.0, 2.0, 4.0],
}


@dataclass(frozen=True)
class Candidate:
    """One method and its settings."""

    method: Method
    parameter: float  # LDA shrinkage or k of k-NN
    rssi_process_noise: float
    switch_ratio: float
    switch_after_s: float

    def presence(self) -> dict[str, float]:
        """The `presence:` settings of this candidate (beside the layout's zones)."""
        return {
            "rssi_process_noise": self.rssi_process_noise,
            "switch_ratio": self.switch_ratio,
            "switch_after_s": self.switch_after_s,
        }

    def survey(self) -> dict[str, object]:
        """The `beacons survey` options of this candidate."""
        if self.method == "lda":
            return {"method": "lda", "shrinkage": self.parameter}
        return {"method": "knn", "k": int(self.parameter)}


@dataclass(frozen=True)
class Pooled:
    """Cross-validated figures of one candidate."""

    folds: list[Score]
    rows: list[int]

    @property
    def accuracy(self) -> float:
        """Accuracy over every truth row of every held-out block."""
        return sum(s.accuracy * n for s, n in zip(self.folds, self.rows, strict=True)) / sum(
            self.rows
        )

    @property
    def spurious_per_minute(self) -> float:
        """Spurious changes over every visitor-minute of every held-out block."""
        return sum(s.spurious for s in self.folds) / sum(s.visitor_minutes for s in self.folds)

    def objective(self) -> tuple[bool, float, float]:
        """What the choice maximises."""
        spurious = self.spurious_per_minute
        return spurious < MAX_SPURIOUS, self.accuracy, -spurious


def blocks(truth: list[Truth]) -> list[list[tuple[float, float]]]:
    """Per fold, its [start, end] time blocks (`BLOCK_S` of recording each, round robin)."""
    spans: list[list[float]] = []
    for row in truth:
        if not spans or row.time - spans[-1][0] >= BLOCK_S or row.time - spans[-1][1] > GAP_S:
            spans.append([row.time, row.time])
        spans[-1][1] = row.time
    return [[(a, b) for a, b in spans[fold::FOLDS]] for fold in range(FOLDS)]


def _inside(when: float, spans: list[tuple[float, float]], margin: float = 0.0) -> bool:
    return any(start - margin <= when <= end + margin for start, end in spans)


def merged_view(readings: list[Reading], settings: PresenceSettings, hub: str) -> list[Reading]:
    """`readings` as `hub` gets them: its own, and each other hub's smoothed value every tick."""
    locator = ZoneLocator(settings.model_copy(update={"survey": None}), hub)
    out = [reading for reading in readings if reading.hub == hub]
    beacons = sorted({reading.beacon for reading in readings})
    done = 0
    for now, upto in ticks(readings, settings.tick_s):
        for reading in readings[done:upto]:
            locator.observe(reading.hub, reading.beacon, reading.rssi, reading.time)
        done = upto
        for beacon in beacons:
            for other, rssi in locator.fresh_rssi(beacon, now).items():
                if other != hub:
                    out.append(Reading(time=now, hub=other, beacon=beacon, rssi=round(rssi, 1)))
    return sorted(out, key=lambda reading: reading.time)


def cross_validate(
    candidate: Candidate,
    prints: list[Fingerprint],
    hubs: list[str],
    readings: list[Reading],
    receivers: list[Receiver],
    truth: list[Truth],
    view: str | None = None,
) -> Pooled:
    """Blocked cross-validation of one candidate (fingerprints made with its smoothing)."""
    settings = layout_settings(receivers, PresenceSettings.model_validate(candidate.presence()))
    folds, rows = [], []
    for spans in blocks(truth):
        train = [
            (vector, zone) for when, vector, zone in prints if not _inside(when, spans, GUARD_S)
        ]
        survey = learn(
            train,
            hubs,
            method=candidate.method,
            rssi_process_noise=settings.rssi_process_noise,
            rssi_measurement_noise=settings.rssi_measurement_noise,
            shrinkage=candidate.parameter if candidate.method == "lda" else 0.0,
            k=int(candidate.parameter) if candidate.method == "knn" else 1,
        )
        held = [r for r in readings if _inside(r.time, spans)]
        if view is not None:
            held = merged_view(held, settings, view)
        held_truth = [t for t in truth if _inside(t.time, spans)]
        folds.append(score(replay(held, settings, survey, local_hub=view), held_truth))
        rows.append(len(held_truth))
    return Pooled(folds, rows)


def search(data: Path) -> list[tuple[Candidate, Pooled]]:
    """Every candidate's cross-validated figures, best first."""
    ble = data / "ble"
    readings = read_trace(ble / f"{TUNING_TRACE}_trace.csv")
    truth = read_truth(ble / f"{TUNING_TRACE}_truth.csv")
    receivers = read_layout(ble / "flat_layout.csv")
    marks = MarkedZones(read_marks(ble / f"{TUNING_TRACE}_truth.csv"), {r.beacon for r in readings})
    results = []
    for noise in GRID["rssi_process_noise"]:
        settings = layout_settings(receivers, PresenceSettings(rssi_process_noise=noise))
        prints = walk(readings, marks, settings)
        hubs = surveyed_hubs(settings)
        for (method, parameter), ratio, after in itertools.product(
            METHODS, GRID["switch_ratio"], GRID["switch_after_s"]
        ):
            candidate = Candidate(method, parameter, noise, ratio, after)
            pooled = cross_validate(candidate, prints, hubs, readings, receivers, truth)
            results.append((candidate, pooled))
    results.sort(key=lambda item: item[1].objective(), reverse=True)
    return results


def merged(data: Path) -> dict[str, Pooled]:
    """The chosen candidate cross-validated on each hub's merged view ("raw": all raw)."""
    ble = data / "ble"
    readings = read_trace(ble / f"{TUNING_TRACE}_trace.csv")
    truth = read_truth(ble / f"{TUNING_TRACE}_truth.csv")
    receivers = read_layout(ble / "flat_layout.csv")
    marks = MarkedZones(read_marks(ble / f"{TUNING_TRACE}_truth.csv"), {r.beacon for r in readings})
    chosen = yaml.safe_load(SURVEY_FILE.read_text(encoding="utf-8"))
    survey = chosen["survey"]
    candidate = Candidate(
        survey["method"],
        float(survey.get("k", survey.get("shrinkage", 0.0))),
        **chosen["presence"],
    )
    settings = layout_settings(receivers, PresenceSettings.model_validate(chosen["presence"]))
    prints = walk(readings, marks, settings)
    hubs = surveyed_hubs(settings)
    out = {"raw": cross_validate(candidate, prints, hubs, readings, receivers, truth)}
    for hub in hubs:
        out[hub] = cross_validate(candidate, prints, hubs, readings, receivers, truth, hub)
    return out


def cpu(data: Path, repeats: int = 5) -> dict[str, float]:
    """Median microseconds per `ZoneLocator.locate` with a survey, over the calibration trace."""
    ble = data / "ble"
    readings = read_trace(ble / f"{TUNING_TRACE}_trace.csv")
    receivers = read_layout(ble / "flat_layout.csv")
    marks = MarkedZones(read_marks(ble / f"{TUNING_TRACE}_truth.csv"), {r.beacon for r in readings})
    chosen = yaml.safe_load(SURVEY_FILE.read_text(encoding="utf-8"))
    settings = layout_settings(receivers, PresenceSettings.model_validate(chosen["presence"]))
    surveys = {
        "chosen": survey_walk(readings, marks, settings, **chosen["survey"]),
        "lda": survey_walk(readings, marks, settings, method="lda"),
        "none": None,
    }
    out = {}
    for name, survey in surveys.items():
        runs = []
        for _ in range(repeats):
            locator = ZoneLocator(settings, "-", survey)
            spent, decisions, done = 0.0, 0, 0
            for now, upto in ticks(readings, settings.tick_s):
                for reading in readings[done:upto]:
                    locator.observe(reading.hub, reading.beacon, reading.rssi, reading.time)
                done = upto
                if not locator.fresh_rssi("tag1", now):
                    continue  # between the recording's segments: nothing to decide
                started = time.perf_counter()
                locator.locate("tag1", now)
                spent += time.perf_counter() - started
                decisions += 1
            runs.append(1e6 * spent / decisions)
        out[name] = statistics.median(runs)
    return out


def main() -> None:
    """Print the best candidates with their folds; `--write` saves the winner."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="The shared data folder.")
    parser.add_argument("--write", action="store_true", help=f"Write {SURVEY_FILE.name}.")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--cpu", action="store_true", help="Only time decisions.")
    parser.add_argument("--merged", action="store_true", help="Diagnostic: one hub's view.")
    args = parser.parse_args()
    if args.merged:
        for hub, pooled in merged(args.data).items():
            print(f"{hub}: pooled {pooled.accuracy:.1%} {pooled.spurious_per_minute:.2f}/min")
        return
    if args.cpu:
        print(json.dumps({name: round(us, 1) for name, us in cpu(args.data).items()}))
        return
    results = search(args.data)
    for candidate, pooled in results[: args.top]:
        folds = " ".join(
            f"{s.accuracy:.1%}/{s.spurious_per_visitor_minute:.2f}" for s in pooled.folds
        )
        print(
            f"{json.dumps(candidate.survey() | candidate.presence())}\n  pooled "
            f"{pooled.accuracy:.1%} {pooled.spurious_per_minute:.2f}/min; folds {folds}"
        )
    print(f"({len(results)} candidates, {FOLDS} blocked folds, calibration trace only)")
    if args.write:
        best = results[0][0]
        text = yaml.safe_dump({"presence": best.presence(), "survey": best.survey()})
        SURVEY_FILE.write_text(
            "# Chosen by `python -m eval.presence_survey_cv` (blocked 5-fold CV on "
            "flat_calibration only); do not edit.\n" + text,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
