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

Second round (decision methods; this grid written down before any of its results was read):
the first round (108 candidates: `METHODS` x `GRID`) chose k-NN, k 15, rssi_process_noise 2.0,
switch_ratio 0.6, switch_after_s 0 (pooled CV 90.2%). `DECISION_GRID` keeps the smoothing
(rssi_process_noise 2.0, switch_after_s 0) and varies how the zone is decided, 32 candidates:
- posterior: `vote` (k 15, the first round's) or `kernel` (k 45, distance-weighted);
- features: `rssi` or `relative` (less the loudest hub);
- forward filter: none, or `transitions` at rate 0.05/s or 0.2/s with the adjacency of the
  (training) walk, or 0.2/s with no adjacency (every move alike);
- switch_ratio 0.6 or 0.9.
The first round's winner is one of the 32 (vote, rssi, no filter, 0.6). The same objective
chooses; best of 140 in all is more optimistic than best of 108 was.
`--merged` also compares ways a hub of a multi-hub site gets the other hubs' readings: their
smoothed values each tick (`SiteBeacon.rssi`, before contract 1.2), counted a tick late; their
raw readings batched each tick (`SiteBeacon.readings`), a tick late (reports at unaligned
times); and raw readings reported at common tick boundaries, decided on after them as of the
boundary (what hubs do now: `presence.share_wait_s`), which is the one-process decision.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from edge.presence.replay import Shared, layout_settings, replay
from edge.presence.settings import PresenceSettings
from edge.presence.surveying import Fingerprint, survey_walk, surveyed_hubs, walk
from edge.presence.trace import Reading, Receiver, read_layout, read_trace
from edge.presence.zone_survey import (
    Features,
    MarkedZones,
    Method,
    Weighting,
    adjacent_zones,
    learn,
    read_marks,
    ticks,
)
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
#: Second round: (weighting, k), features, (rate_per_s, adjacency), switch_ratio.
DECISION_GRID: tuple[
    list[tuple[Weighting, int]], list[Features], list[tuple[float | None, bool]], list[float]
] = (
    [("vote", 15), ("kernel", 45)],
    ["rssi", "relative"],
    [(None, False), (0.05, True), (0.2, True), (0.2, False)],
    [0.6, 0.9],
)


@dataclass(frozen=True)
class Candidate:
    """One method and its settings."""

    method: Method
    parameter: float  # LDA shrinkage or k of k-NN
    rssi_process_noise: float
    switch_ratio: float
    switch_after_s: float
    weighting: Weighting = "vote"
    features: Features = "rssi"
    rate_per_s: float | None = None
    adjacency: bool = True
    rssi_median_of: int = 1
    tick_s: float = 1.0
    stale_after_s: float = 12.0

    def presence(self) -> dict[str, float]:
        """The `presence:` settings of this candidate (beside the layout's zones)."""
        out = {
            "rssi_process_noise": self.rssi_process_noise,
            "switch_ratio": self.switch_ratio,
            "switch_after_s": self.switch_after_s,
        }
        defaults = {"rssi_median_of": 1, "tick_s": 1.0, "stale_after_s": 12.0}
        for key, default in defaults.items():
            if getattr(self, key) != default:
                out[key] = getattr(self, key)
        return out

    def survey(self) -> dict[str, object]:
        """The `beacons survey` options of this candidate."""
        out: dict[str, object] = (
            {"method": "lda", "shrinkage": self.parameter}
            if self.method == "lda"
            else {"method": "knn", "k": int(self.parameter)}
        )
        if self.weighting != "vote":
            out["weighting"] = self.weighting
        if self.features != "rssi":
            out["features"] = self.features
        if self.rate_per_s is not None:
            out |= {"rate_per_s": self.rate_per_s, "adjacency": self.adjacency}
        return out

    @classmethod
    def of(cls, chosen: dict[str, Any]) -> Candidate:
        """The candidate a written choice (eval/data/presence_flat_survey.yaml) holds."""
        survey = chosen["survey"]
        return cls(
            survey["method"],
            float(survey.get("k", survey.get("shrinkage", 0.0))),
            **chosen["presence"],
            weighting=survey.get("weighting", "vote"),
            features=survey.get("features", "rssi"),
            rate_per_s=survey.get("rate_per_s"),
            adjacency=survey.get("adjacency", True),
        )


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


def _inside(when: float, spans: Sequence[tuple[float, float]], margin: float = 0.0) -> bool:
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
    shared: Shared = "raw",
    lag_s: float | None = None,
    *,
    folds_spans: list[list[tuple[float, float]]] | None = None,
    unused: Sequence[tuple[float, float]] = (),
) -> Pooled:
    """Blocked cross-validation of one candidate (fingerprints made with its smoothing).

    `view`: as that hub of a multi-hub site, the others' readings `shared` as they are shared.
    `folds_spans` (default: `blocks(truth)`) are the folds; fingerprints within `unused` (and
    `GUARD_S` around it) train no fold (nested CV: the outer held-out fold).
    """
    settings = layout_settings(receivers, PresenceSettings.model_validate(candidate.presence()))
    folds, rows = [], []
    for spans in blocks(truth) if folds_spans is None else folds_spans:
        kept = [
            print_
            for print_ in prints
            if not _inside(print_[0], spans, GUARD_S) and not _inside(print_[0], unused, GUARD_S)
        ]
        train = [(vector, zone) for _, vector, zone in kept]
        adjacent = adjacent_zones([(when, zone) for when, _, zone in kept])
        survey = learn(
            train,
            hubs,
            method=candidate.method,
            rssi_process_noise=settings.rssi_process_noise,
            rssi_measurement_noise=settings.rssi_measurement_noise,
            rssi_median_of=settings.rssi_median_of,
            shrinkage=candidate.parameter if candidate.method == "lda" else 0.0,
            k=int(candidate.parameter) if candidate.method == "knn" else 1,
            weighting=candidate.weighting,
            feature=candidate.features,
            rate_per_s=candidate.rate_per_s,
            adjacent=adjacent if candidate.adjacency else (),
        )
        held = [r for r in readings if _inside(r.time, spans)]
        if view is not None and shared == "smoothed":
            held = merged_view(held, settings, view)
        held_truth = [t for t in truth if _inside(t.time, spans)]
        decided = replay(held, settings, survey, local_hub=view, shared=shared, lag_s=lag_s)
        folds.append(score(decided, held_truth))
        rows.append(len(held_truth))
    return Pooled(folds, rows)


def calibration(
    data: Path,
) -> tuple[list[Reading], list[Truth], list[Receiver], MarkedZones]:
    """The calibration walk: its readings, its truth, the receivers, and the truth as marks."""
    ble = data / "ble"
    readings = read_trace(ble / f"{TUNING_TRACE}_trace.csv")
    truth = read_truth(ble / f"{TUNING_TRACE}_truth.csv")
    receivers = read_layout(ble / "flat_layout.csv")
    marks = MarkedZones(read_marks(ble / f"{TUNING_TRACE}_truth.csv"), {r.beacon for r in readings})
    return readings, truth, receivers, marks


def search(data: Path) -> list[tuple[Candidate, Pooled]]:
    """Every candidate's cross-validated figures, best first."""
    readings, truth, receivers, marks = calibration(data)
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


def search_decisions(data: Path) -> list[tuple[Candidate, Pooled]]:
    """Second round: every `DECISION_GRID` candidate's cross-validated figures, best first."""
    readings, truth, receivers, marks = calibration(data)
    settings = layout_settings(receivers, PresenceSettings(rssi_process_noise=2.0))
    prints = walk(readings, marks, settings)
    hubs = surveyed_hubs(settings)
    results = []
    for (weighting, k), features, (rate, adjacency), ratio in itertools.product(*DECISION_GRID):
        candidate = Candidate(
            "knn", k, 2.0, ratio, 0.0, weighting, features, rate, adjacency and rate is not None
        )
        pooled = cross_validate(candidate, prints, hubs, readings, receivers, truth)
        results.append((candidate, pooled))
        print(f"  {json.dumps(candidate.survey() | candidate.presence())}", flush=True)
    results.sort(key=lambda item: item[1].objective(), reverse=True)
    return results


def merged(data: Path) -> dict[str, Pooled]:
    """The chosen candidate cross-validated on each hub's merged view ("raw": all raw)."""
    readings, truth, receivers, marks = calibration(data)
    chosen = yaml.safe_load(SURVEY_FILE.read_text(encoding="utf-8"))
    candidate = Candidate.of(chosen)
    settings = layout_settings(receivers, PresenceSettings.model_validate(chosen["presence"]))
    prints = walk(readings, marks, settings)
    hubs = surveyed_hubs(settings)
    out = {"one process": cross_validate(candidate, prints, hubs, readings, receivers, truth)}
    ways: list[tuple[str, Shared, float | None]] = [
        ("smoothed values, a tick late", "smoothed", None),
        ("raw readings, a tick late", "raw", None),
        ("raw readings, common boundaries", "raw", 0.0),
    ]
    for name, shared, lag in ways:
        for hub in hubs:
            out[f"{hub}, {name}"] = cross_validate(
                candidate, prints, hubs, readings, receivers, truth, hub, shared, lag
            )
    return out


def cpu(data: Path, repeats: int = 5) -> dict[str, float]:
    """Median CPU microseconds per `ZoneLocator.locate` with a survey, over the calibration trace.

    CPU time of this process (`time.process_time`), not wall time: a shared machine's other
    jobs do not count.
    """
    readings, _, receivers, marks = calibration(data)
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
                started = time.process_time()
                locator.locate("tag1", now)
                spent += time.process_time() - started
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
    parser.add_argument(
        "--first-round", action="store_true", help="The first round's grid (108 candidates)."
    )
    args = parser.parse_args()
    if args.merged:
        for hub, pooled in merged(args.data).items():
            print(f"{hub}: pooled {pooled.accuracy:.1%} {pooled.spurious_per_minute:.2f}/min")
        return
    if args.cpu:
        print(json.dumps({name: round(us, 1) for name, us in cpu(args.data).items()}))
        return
    results = search(args.data) if args.first_round else search_decisions(args.data)
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
        write_survey(best, "eval.presence_survey_cv")


def write_survey(best: Candidate, tool: str) -> None:
    """Write the chosen candidate's `presence:` and `survey:` blocks to the shipped file."""
    text = yaml.safe_dump({"presence": best.presence(), "survey": best.survey()})
    SURVEY_FILE.write_text(
        f"# Chosen by `python -m {tool}` (blocked 5-fold CV on flat_calibration only); "
        "do not edit.\n" + text,
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
