"""Zone accuracy and spurious zone changes on real BLE recordings, baseline and ours.

    .venv/bin/python -m eval.presence --data ../shared/data [--json]

Method, fixed before any held-out result was read:
- Tuning trace: `flat_calibration` (~23 min at many points); held out: `flat_robot` (352 s,
  a robot driving through the flat). Every setting in eval/data/presence_flat.yaml was chosen
  by `eval.presence_tune` on the tuning trace only and is not changed after the held-out result
  (if it is ever re-tuned, the held-out figure is no longer held out: say so). The held-out
  result was first read after commit 56eade1, which holds the settings file; none changed since.
- "ours": the trace through `edge.presence.replay` (the hubs' `ZoneLocator`, ticking every
  `tick_s`) with those settings, and with the defaults (what an uncalibrated site gets).
- "ours, site survey": the zone survey chosen by blocked cross-validation on the tuning trace
  only (`eval.presence_survey_cv`, eval/data/presence_flat_survey.yaml, committed in e8e3f73
  before any held-out run; rewritten by the third round, `eval.presence_zone_cv`, on the
  tuning trace only, before the held-out trace's fourth reading), learned on the whole tuning
  trace with its truth as the zone marks
  (as `beacons survey` does), replayed with it. On the tuning trace that figure is in-sample
  (the cross-validated one is in docs/benchmarks.md); on the held-out trace it is not.
- "ours, site survey, hub X ...": the same survey deciding as hub X of a multi-hub site (its
  own readings raw, every other hub's arriving as `SiteReadings` raw readings): at common tick
  boundaries (what hubs do, `presence.share_wait_s`; the one-process decision by design), and
  a tick late (reports at unaligned times), worst and best hub.
- Baseline: the room of the receiver with the strongest mean RSSI over the last 3 s.
- Scoring (accuracy, spurious changes per visitor-minute): `eval.presence_score`.
Targets (issue 17): accuracy >= 90%, < 1 spurious change per visitor-minute.
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

import yaml

from edge.presence.replay import layout_settings, replay
from edge.presence.settings import PresenceSettings
from edge.presence.surveying import survey_walk
from edge.presence.trace import Receiver, read_layout, read_trace
from edge.presence.zone_survey import MarkedZones, ZoneSurvey, read_marks
from edge.settings import load_settings
from eval.presence_score import Score, baseline, read_truth, score
from eval.presence_survey_cv import SURVEY_FILE
from eval.presence_tune import SETTINGS_FILE, TUNING_TRACE

HELD_OUT = ("flat_robot",)


def evaluate(data: Path) -> dict[str, dict[str, Score]]:
    """Trace name -> method -> score."""
    ble = data / "ble"
    receivers = read_layout(ble / "flat_layout.csv")
    tuned = layout_settings(receivers, load_settings(SETTINGS_FILE).presence)
    defaults = layout_settings(receivers, PresenceSettings())
    surveyed, survey = _survey(ble, receivers)
    out: dict[str, dict[str, Score]] = {}
    for name in (TUNING_TRACE, *HELD_OUT):
        readings = read_trace(ble / f"{name}_trace.csv")
        truth = read_truth(ble / f"{name}_truth.csv")
        out[name] = {
            "baseline (strongest receiver, 3 s)": score(baseline(readings, receivers), truth),
            "ours, default settings": score(replay(readings, defaults), truth),
            "ours, tuned settings": score(replay(readings, tuned), truth),
            "ours, site survey": score(replay(readings, surveyed, survey), truth),
        }
        hubs = [receiver.hub for receiver in receivers]
        for how, lag in (("common boundaries", 0.0), ("a tick late", None)):
            per_hub = {
                hub: score(replay(readings, surveyed, survey, local_hub=hub, lag_s=lag), truth)
                for hub in hubs
            }
            ranked = sorted(per_hub.items(), key=lambda item: item[1].accuracy)
            for which, (hub, result) in (("worst", ranked[0]), ("best", ranked[-1])):
                out[name][f"survey as {which} hub ({hub}), {how}"] = result
    return out


def _survey(ble: Path, receivers: list[Receiver]) -> tuple[PresenceSettings, ZoneSurvey]:
    """The chosen survey settings, and the survey learned on the whole tuning trace."""
    chosen = yaml.safe_load(SURVEY_FILE.read_text(encoding="utf-8"))
    settings = layout_settings(receivers, PresenceSettings.model_validate(chosen["presence"]))
    readings = read_trace(ble / f"{TUNING_TRACE}_trace.csv")
    marks = read_marks(ble / f"{TUNING_TRACE}_truth.csv")
    zones = MarkedZones(marks, {reading.beacon for reading in readings})
    return settings, survey_walk(readings, zones, settings, **chosen["survey"])


def main() -> None:
    """Print a table per trace (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="The shared data folder.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = evaluate(args.data)
    if args.json:
        document = {
            trace: {method: result.model_dump() for method, result in methods.items()}
            for trace, methods in results.items()
        }
        print(json.dumps({"tuning_trace": TUNING_TRACE, "results": document}))
        return
    print(
        f"settings chosen on {TUNING_TRACE} only ({SETTINGS_FILE.name}); held out: "
        f"{', '.join(HELD_OUT)}; {platform.machine()} {platform.python_version()}"
    )
    for trace, methods in results.items():
        role = "tuning" if trace == TUNING_TRACE else "held out"
        minutes = next(iter(methods.values())).visitor_minutes
        print(f"\n{trace} ({role}, {minutes:.1f} visitor-min)")
        for method, result in methods.items():
            print(
                f"  {method:<52} accuracy {result.accuracy:6.1%}  spurious "
                f"{result.spurious_per_visitor_minute:5.2f}/visitor-min ({result.spurious}, "
                f"{result.decisions} decisions)"
            )


if __name__ == "__main__":
    main()
