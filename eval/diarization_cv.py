"""Leave-one-file-out cross-validation of the diarization settings, offline and live.

    PYTHONPATH=$PWD .venv/bin/python -m eval.diarization_cv --data ../shared/data

Folds: each of the 11 shared diarization files (sample, ami_dev00-01, ami_trn02-09) is held out
once. In each fold the offline settings are the grid point with the lowest pooled DER on the
other ten files; the live settings are then chosen on the same ten files, with the settings
both share (`speech_onset`, `overlap_bias`, `min_gap_s`) fixed to that fold's offline choice.
The held-out file's DER under the fold's choice is its cross-validated figure; pooled CV DER is
their total error over total reference speech. "before" is the defaults this issue started
from, and "final" the choice on all 11 files (its DER there is in-sample, printed as such).
The grids were fixed before any figure of them was read, except two dimensions added after
reading in-sample figures of earlier rounds (`separate_overlap`, and the live
`distinct_local_speakers`: docs/benchmarks.md says what was read). `--live-padding-ms` fixes
`vad.padding_ms` beforehand (a latency choice) and chooses the rest of the live grid as usual.
DER: collar 0, overlap scored, UEM.

Round 4 (issue 18, branch der7), written down and committed before any figure of it was read:
the offline grid is round 3's x `min_local_speech_s` {0 (off, as before), 1.0, 2.0} s: a file
has at least as many speakers as the most local speakers the segmentation model hears in one
window with that much speech each, and the spectral clustering may not find fewer
(`diarize_offline.heard_at_once`, `clustering.spectral(min_clusters=...)`). Reasoned from the
round-3 write-up only (files where the clustering finds one speaker among three or four, so
the overlapped speech of the others has no second cluster to go to); and x
`segmentation_compression` {1 (off, as before), 2}: the segmentation model hears each window
through a 2:1 compressor (`windows.compressed`; its constants fixed a priori), reasoned from the
write-up's quiet far-field voices (ami_trn04, 07) and from the model's first layer being an
instance normalisation, so that a whole-window gain could not change what it hears (why a gain
normalisation of quiet windows before segmentation is not in the grid). No figure of either new
dimension, in-sample or CV, was looked at before this grid (1,152 offline points) was fixed;
both are offline-only, so the live grid and the shared keys are unchanged.
Round 4's result (read): compression chosen by no fold, the floor (2 s) by 10 of 11.

Round 5 (branch der7), designed AFTER reading round 4's CV and in-sample figures, fixed and
committed before any figure of it was read: what is left missed at round 4's all-files choice
is almost all (42 of 44 s, in-sample) where the windows' own count of voices is below the
reference's, so the grid adds `overlap_onset` {None (= `speech_onset`, as before), 0.35, 0.25}:
on a frame where one local speaker is above `speech_onset`, another counts as heard with it from
this lower activity on (`windows.heard`: in the count of voices per frame and in
`separate_overlap`; shared with live, so in `SHARED`). `segmentation_compression` is dropped
from the grid (fixed off: no fold chose it in round 4), the rest is round 4's: 1,728 points.
Round 5's result (read): the same choices as round 4 in every fold, `overlap_onset` chosen by
none; pooled CV DER 24.3% offline, 25.7% live (docs/benchmarks.md, rounds 4 and 5).

Round 6 (issue 18, branch der8), written down and committed before any figure of it was read:
smaller window steps, the main idea of the round (pyannote steps its 10 s windows by 1 s and
averages each frame's count of voices and activities over every window covering it; this
reconstruction already averages, so more windows per frame are what is new), and two offline
dimensions that go with them, both off in the before point: `window_weighting` {flat (as
before), hamming} (each window's frames weighted by a Hamming window in both averages, so a
frame counts most from the windows it is near the middle of), and `embedding_step_s` {None
(every window embedded, as before), 5.0} (only about one window in each 5 s is embedded and
clustered, the others only count voices: the embeddings, and the time and memory they cost,
stay as at a 5 s step). The other dimensions are narrowed to the values some fold chose in
rounds 3 to 5 (so every fold's round-5 choice is still in the grid), plus `overlap_bias` 0.4
(averaged over up to ten windows, the mean count is smoother and a larger bias may be needed
to keep a voice half the windows hear). `separate_overlap` on and `overlap_onset` off are
fixed (every fold chose them). 9 step/embedding pairs x 2 x 2 x 3 x 2 x 2 x 2 = 864 points
plus the before point. The live grid is round 5's (padding fixed at 200 ms on the command line).
Rule fixed beforehand: the pooled CV offline DER is the result; the all-files choice becomes the
default only if that figure is below round 5's 24.3% and the pooled CV live DER is not above
25.7%; and if its offline diarization RTF (measured before and after) is more than twice the
old one, only if the offline gain is at least 2 points. Otherwise the defaults stay.
Round 6's result (read): every fold made its round-5 choice (5 s step, flat, every window
embedded); pooled CV DER 24.3% offline, 25.7% live; defaults unchanged (docs/benchmarks.md).
Round 7 (issue 18, branch der9): not run. A fill of the frames the VAD hears and the
diarization gives nobody was bounded first (`eval.diarization_fill_bound`, in-sample): even a
perfect one cannot bring the pooled DER below about 21%, so no fill setting, grid or rule was made.
Expensive analysis is cached under `--cache` (about 2 minutes cold on 2 cores, seconds warm;
the steps of round 6 add some 5 minutes cold).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from edge.listen import models as listen_models
from edge.listen.diarize_offline import Assignment, assign, lay_out
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Utterance
from edge.listen.utterances import find_utterances
from edge.settings import EdgeSettings, load_settings
from eval.diarization_cache import Analyses, Recording, error, recordings

Setting = dict[str, Any]
#: The defaults before this issue (the first grid point, "before" in the tables).
BEFORE: Setting = {
    "window_step_s": 5.0, "speech_onset": 0.5, "overlap_bias": 0.0, "cluster_threshold": 0.25,
    "min_gap_s": 0.1, "separate_overlap": False, "min_local_speech_s": 0.0, "overlap_onset": None,
    "embedding_step_s": None, "window_weighting": "flat",
}  # fmt: skip
#: Steps of the windows and of their embeddings (round 6); a 5 s embedding step at a 5 s window
#: step is every window, so that pair is left out.
STEPS = [(s, e) for s in (5.0, 2.5, 2.0, 1.5, 1.0) for e in (None, 5.0) if not (s == e == 5.0)]
#: Offline grid (the diarization section): first point = the defaults before this issue.
OFFLINE_GRID: list[Setting] = [BEFORE] + [
    {"window_step_s": s, "speech_onset": o, "overlap_bias": b, "cluster_threshold": t,
     "min_gap_s": g, "separate_overlap": True, "min_local_speech_s": f, "overlap_onset": None,
     "embedding_step_s": e, "window_weighting": h}
    for (s, e), h, f, o, b, t, g in itertools.product(
        STEPS, ("flat", "hamming"), (0.0, 2.0), (0.5, 0.4), (0.0, 0.25, 0.4), (0.25, 0.3),
        (0.1, 0.3)
    )
]  # fmt: skip
#: Live grid: VAD section keys and the live threshold; first point = the defaults before.
ONLINE_GRID: list[Setting] = [
    {"gain_normalisation": n, "speech_threshold": v, "padding_ms": p, "online_threshold": t,
     "distinct_local_speakers": d}
    for d, n, v, p, t in itertools.product(
        (False, True), (False, True), (0.5, 0.35), (200, 400), (0.5, 0.4, 0.6)
    )
]  # fmt: skip
SHARED = ("speech_onset", "overlap_bias", "min_gap_s", "separate_overlap", "overlap_onset")
#: The offline keys `diarize_offline.assign` depends on (the clustering is memoised by them).
_ASSIGN_KEYS = (
    "window_step_s", "embedding_step_s", "cluster_threshold", "speech_onset",
    "min_local_speech_s", "separate_overlap", "overlap_onset",
)  # fmt: skip
_VAD_KEYS = ("gain_normalisation", "speech_threshold", "padding_ms")
_LIVE_KEYS = ("online_threshold", "distinct_local_speakers")


def configured(base: EdgeSettings, offline: Setting, online: Setting | None = None) -> EdgeSettings:
    """`base` with a grid point's values in their sections."""
    diarization = dict(offline)
    vad = {}
    if online is not None:
        diarization.update({k: online[k] for k in _LIVE_KEYS if k in online})
        vad = {k: online[k] for k in _VAD_KEYS}
    return base.model_copy(
        update={
            "diarization": base.diarization.model_copy(update=diarization),
            "vad": base.vad.model_copy(update=vad),
        }
    )


class Scorer:
    """(error s, reference s) of every file under a grid point, memoised."""

    def __init__(self, base: EdgeSettings, files: list[Recording], cache: Path) -> None:
        self._base = base
        self._models = listen_models.load(base)
        self._analyses = Analyses(self._models, cache)
        self.files = files
        self._memo: dict[str, list[tuple[float, float]]] = {}
        self._vad_memo: dict[tuple[str, str], list[Utterance]] = {}
        self._assigned: dict[tuple[Any, ...], Assignment | None] = {}

    def offline(self, point: Setting) -> list[tuple[float, float]]:
        """Per file, the offline diarizer's error under `point`."""
        return self._remember(("off", point), lambda: [self._offline(f, point) for f in self.files])

    def online(self, offline: Setting, point: Setting) -> list[tuple[float, float]]:
        """Per file, the live diarizer's error under `point` (shared keys from `offline`)."""
        shared = {k: offline[k] for k in SHARED}
        return self._remember(
            ("on", shared, point), lambda: [self._online(f, shared, point) for f in self.files]
        )

    def prefill(self, data: Path, cache: Path, online_grid: list[Setting], jobs: int) -> None:
        """Score the grids in `jobs` processes first (each loads its own models).

        Every offline grid point, and the live grid at the current shared defaults (which warms
        the live analyses' cache); the figures are remembered here, the same as computing them
        one by one, sooner on several cores. A window step (with its embedding step) stays in
        one process, whose clustering memo then serves all its points.
        """
        defaults = {k: getattr(self._base.diarization, k) for k in SHARED}
        slices: list[list[tuple[str, Setting, Setting | None]]] = [[] for _ in range(jobs)]
        for index, steps in enumerate(STEPS):
            slices[index % jobs].extend(
                ("off", point, None)
                for point in OFFLINE_GRID
                if (point["window_step_s"], point["embedding_step_s"]) == steps
            )
        slices[0].append(("off", OFFLINE_GRID[0], None))
        slices[-1].extend(("on", defaults, point) for point in online_grid)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            for found in pool.map(_score_tasks, [(data, cache, part) for part in slices]):
                self._memo.update(found)

    def _remember(
        self, key: Any, compute: Callable[[], list[tuple[float, float]]]
    ) -> list[tuple[float, float]]:
        text = repr(key)
        if text not in self._memo:
            self._memo[text] = compute()
        return self._memo[text]

    def _offline(self, recording: Recording, point: Setting) -> tuple[float, float]:
        settings = configured(self._base, point).diarization
        key = (recording.name, *(point.get(k) for k in _ASSIGN_KEYS))
        if key not in self._assigned:
            analysed = self._analyses.offline(recording, settings)
            self._assigned[key] = assign(analysed, settings)
        found = self._assigned[key]
        turns = [] if found is None else lay_out(found, recording.duration, settings).turns
        return error(recording, turns)

    def _online(self, recording: Recording, shared: Setting, point: Setting) -> tuple[float, float]:
        settings = configured(self._base, shared, point)
        diarizer = OnlineDiarizer(
            self._models.segmenter, self._models.embedder, settings.diarization, []
        )
        turns = []
        for utterance in self._utterances(recording, settings):
            analysed = self._analyses.online(recording, utterance)
            turns.extend(diarizer.turns_of(utterance, analysed))
        return error(recording, turns)

    def _utterances(self, recording: Recording, settings: EdgeSettings) -> list[Utterance]:
        key = (recording.name, settings.vad.model_dump_json())
        if key not in self._vad_memo:
            detector = dataclasses.replace(self._models, settings=settings).speech_detector()
            self._vad_memo[key] = find_utterances(recording.samples, detector, settings.vad)
        return self._vad_memo[key]


def _score_tasks(
    job: tuple[Path, Path, list[tuple[str, Setting, Setting | None]]],
) -> dict[str, list[tuple[float, float]]]:
    """In a worker process: score `Scorer.prefill`'s tasks, return the memo they fill."""
    data, cache, tasks = job
    scorer = Scorer(load_settings(), recordings(data), cache)
    for kind, point, live in tasks:
        if kind == "off":
            scorer.offline(point)
        else:
            assert live is not None
            scorer.online(point, live)
    return scorer._memo


def pooled(errors: Sequence[tuple[float, float]], indices: Sequence[int]) -> float:
    """Total error over total reference speech of the files at `indices`."""
    wrong = sum(errors[i][0] for i in indices)
    total = sum(errors[i][1] for i in indices)
    return wrong / total if total else 0.0


def choose(
    grid: list[Setting],
    errors: Callable[[Setting], Sequence[tuple[float, float]]],
    train: Sequence[int],
) -> Setting:
    """The grid point of lowest pooled DER on the files at `train` (the earliest of equals).

    Only `train`'s entries of `errors(point)` are read: a held-out file plays no part.
    """
    return min(grid, key=lambda point: pooled(errors(point), train))


def live_grid(padding_ms: int | None = None) -> list[Setting]:
    """`ONLINE_GRID`, or only its points with `padding_ms` when that is fixed beforehand."""
    if padding_ms is None:
        return ONLINE_GRID
    return [point for point in ONLINE_GRID if point["padding_ms"] == padding_ms]


def run(scorer: Scorer, online_grid: list[Setting] = ONLINE_GRID) -> None:
    """Choose per fold, score the held-out file, print the tables."""
    names = [f.name for f in scorer.files]
    everything = list(range(len(names)))
    before_off, before_on = OFFLINE_GRID[0], ONLINE_GRID[0]
    rows, cv_off, cv_on = [], [], []
    for held in everything:
        train = [i for i in everything if i != held]
        off = choose(OFFLINE_GRID, scorer.offline, train)
        on = choose(online_grid, functools.partial(scorer.online, off), train)
        cv_off.append(scorer.offline(off)[held])
        cv_on.append(scorer.online(off, on)[held])
        rows.append((names[held], off, on))
    final_off = choose(OFFLINE_GRID, scorer.offline, everything)
    final_on = choose(online_grid, functools.partial(scorer.online, final_off), everything)
    base_off, base_on = scorer.offline(before_off), scorer.online(before_off, before_on)
    print("| held-out file | ref s | before offline | CV offline | before live | CV live | "
          "offline choice (other 10 files) | live choice (other 10 files) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for index, (name, off, on) in enumerate(rows):
        print(
            f"| {name} | {base_off[index][1]:.1f} | {_rate(base_off[index])} | "
            f"{_rate(cv_off[index])} | {_rate(base_on[index])} | {_rate(cv_on[index])} | "
            f"{_short(off)} | {_short(on)} |"
        )
    print(
        f"| **pooled** | {sum(e[1] for e in base_off):.1f} | "
        f"{pooled(base_off, everything):.1%} | **{pooled(cv_off, everything):.1%}** | "
        f"{pooled(base_on, everything):.1%} | **{pooled(cv_on, everything):.1%}** | | |"
    )
    print(f"\nfinal choice on all 11 files: offline {_short(final_off)}; live {_short(final_on)}")
    print(
        f"in-sample DER of the final choice (NOT a result): offline "
        f"{pooled(scorer.offline(final_off), everything):.1%}, live "
        f"{pooled(scorer.online(final_off, final_on), everything):.1%}"
    )


def _rate(part: tuple[float, float]) -> str:
    return f"{part[0] / part[1]:.1%}" if part[1] else "n/a"


def _short(point: Setting) -> str:
    return " ".join(f"{k}={v}" for k, v in point.items())


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument(
        "--cache", type=Path, default=Path(".cache/diarization-cv"), help="Analysis cache."
    )
    parser.add_argument(
        "--live-padding-ms",
        type=int,
        choices=sorted({point["padding_ms"] for point in ONLINE_GRID}),
        help="Fix `vad.padding_ms` (for latency, not accuracy): only those live grid points.",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="Score the offline grid (and warm the live analyses) in this many processes first.",
    )
    args = parser.parse_args()
    base = load_settings()
    scorer = Scorer(base, recordings(args.data), args.cache)
    grid = live_grid(args.live_padding_ms)
    if args.jobs > 1:
        scorer.prefill(args.data, args.cache, grid, args.jobs)
    run(scorer, grid)


if __name__ == "__main__":
    main()
