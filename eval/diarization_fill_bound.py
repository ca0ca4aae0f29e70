"""How much of the offline diarizer's missed speech a "fill" could recover, at best (round 7).

    PYTHONPATH=$PWD .venv/bin/python -m eval.diarization_fill_bound --data ../shared/data

Design analysis, in-sample on all 11 shared diarization files under the shipped settings (not a
cross-validated figure, and nothing is chosen on it). The idea it bounds: where the Silero VAD
hears speech but the diarization gives nobody, give those frames to a global speaker; and where
the windows' own count of voices is above the number of speakers the diarization gives (two
local speakers clustered into one), give the extra voices another speaker. The bound assumes a
perfect assignment: each filled frame with reference speech recovers one speaker of it (a fill
gives one speaker) and adds no confusion; each filled frame without reference speech adds one
false alarm. Frames are 10 ms within the UEM; missed and false-alarm speech do not depend on the
speaker mapping, so they add up to what pyannote.metrics reports (checked in the totals line).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.listen import models as listen_models
from edge.listen.diarize_offline import assign, lay_out
from edge.listen.reconstruct import Turn, frame_weights
from edge.listen.segmentation import Segmenter
from edge.listen.utterances import find_utterances
from edge.listen.vad import CHUNK, SileroVad
from edge.listen.windows import Window, heard
from edge.settings import DiarizationSettings, load_settings
from eval.diarization_cache import SAMPLE_RATE, Analyses, Recording, error, recordings
from models.manifest import ONNX_MODEL_FILE, Role

FRAME_S = 0.01
THRESHOLDS = (0.5, 0.35, 0.2, 0.1)
"""Silero speech probabilities at which a frame counts as speech (0.5, 0.35, 0.2 asked for; 0.1
added to show where the curve goes)."""

ORACLE = "any reference speech (an oracle VAD)"
SECOND = "second voice (count of voices above the speakers given)"
Counts = NDArray[np.int64]


@dataclass(frozen=True)
class Bound:
    """Seconds, over the frames a fill would touch."""

    missed: float  # missed speaker-seconds lying in those frames
    recoverable: float  # what a perfect fill recovers there
    false_alarm: float  # what it adds where the reference has nobody

    def __add__(self, other: Bound) -> Bound:
        return Bound(
            self.missed + other.missed,
            self.recoverable + other.recoverable,
            self.false_alarm + other.false_alarm,
        )


def fill_bound(reference: Counts, hypothesis: Counts, speech: NDArray[np.bool_]) -> Bound:
    """One speaker given to every `speech` frame where `hypothesis` has nobody."""
    fill = speech & (hypothesis == 0)
    return Bound(
        float((reference * fill).sum() * FRAME_S),
        float(((reference >= 1) & fill).sum() * FRAME_S),
        float(((reference == 0) & fill).sum() * FRAME_S),
    )


def second_voice_bound(reference: Counts, hypothesis: Counts, voices: Counts) -> Bound:
    """Where some speaker is given but fewer than `voices`, the missing voices given too."""
    short = (hypothesis >= 1) & (voices > hypothesis)
    added = np.where(short, voices - hypothesis, 0)
    recovered = np.minimum(added, np.maximum(reference - hypothesis, 0))
    return Bound(
        float((np.maximum(reference - hypothesis, 0) * short).sum() * FRAME_S),
        float(recovered.sum() * FRAME_S),
        float((added - recovered).sum() * FRAME_S),
    )


def missed_false_alarm(reference: Counts, hypothesis: Counts) -> tuple[float, float]:
    """(missed, false-alarm) speaker-seconds of the frames."""
    missed = np.maximum(reference - hypothesis, 0).sum() * FRAME_S
    return float(missed), float(np.maximum(hypothesis - reference, 0).sum() * FRAME_S)


def speakers_per_frame(spans: Iterable[tuple[float, float]], frames: int) -> Counts:
    """How many of `spans` (start, end in s) cover each frame's centre."""
    centres = (np.arange(frames) + 0.5) * FRAME_S
    out = np.zeros(frames, dtype=np.int64)
    for start, end in spans:
        out += (centres >= start) & (centres < end)
    return out


def voices_per_frame(analysed: list[Window], settings: DiarizationSettings, frames: int) -> Counts:
    """The windows' count of voices at each 10 ms frame, as `reconstruct` rounds it."""
    step = Segmenter.frame_step_s
    size = analysed[0].activity.shape[0]
    total = round(frames * FRAME_S / step) + size + 1
    counts, coverage = np.zeros(total), np.zeros(total)
    weight = frame_weights(size, settings.window_weighting)
    for window in analysed:
        first = round(window.offset / step)
        coverage[first : first + size] += weight
        onsets = (settings.speech_onset, settings.overlap_onset)
        counts[first : first + size] += weight * heard(window.activity, *onsets).sum(axis=1)
    mean = counts / np.where(coverage > 0.0, coverage, 1.0)
    speaking = np.rint(mean + settings.overlap_bias).astype(np.int64)
    centres = ((np.arange(frames) + 0.5) * FRAME_S / step).astype(np.int64)
    out: Counts = speaking[np.minimum(centres, total - 1)]
    return out


def probabilities(
    samples: NDArray[np.float32], models: listen_models.ListeningModels
) -> dict[str, NDArray[np.float64]]:
    """Per 10 ms frame: the pipeline's VAD (webrtcvad gate, then Silero) and Silero alone."""
    frames = int(np.ceil(len(samples) / SAMPLE_RATE / FRAME_S))
    detector = models.speech_detector()
    gated = [
        p
        for s in range(0, len(samples), SAMPLE_RATE)
        for _, p in detector(samples[s : s + SAMPLE_RATE])
    ]
    silero = SileroVad(models.bundle.path(Role.VAD) / ONNX_MODEL_FILE)
    alone = [silero(samples[i : i + CHUNK]) for i in range(0, len(samples) - CHUNK + 1, CHUNK)]
    chunk = ((np.arange(frames) + 0.5) * FRAME_S * SAMPLE_RATE // CHUNK).astype(np.int64)
    return {
        name: np.asarray(found, dtype=np.float64)[np.minimum(chunk, len(found) - 1)]
        for name, found in (("gated", gated), ("silero", alone))
    }


def nearest_fill(turns: list[Turn], speech: NDArray[np.bool_]) -> list[Turn]:
    """A real (not perfect) fill: the runs of `speech` frames where no turn is, as turns.

    Each run goes to the speaker of the nearest turn in time (nothing when there is no turn).
    """
    given = speakers_per_frame(((t.start, t.end) for t in turns), len(speech))
    fill = (speech & (given == 0)).astype(np.int8)
    runs = np.flatnonzero(np.diff(np.concatenate([[0], fill, [0]])))
    added = []
    for first, last in zip(runs[::2].tolist(), runs[1::2].tolist(), strict=True):
        start, end = first * FRAME_S, last * FRAME_S
        nearest = min(turns, key=lambda t: max(t.start - end, start - t.end, 0.0), default=None)
        if nearest is not None:
            added.append(Turn(start, end, nearest.speaker))
    return added


@dataclass(frozen=True)
class FileBound:
    """One file under the shipped settings: its errors and each kind of fill's bound."""

    name: str
    error: float  # DER error seconds (pyannote.metrics)
    speech: float  # reference speech seconds
    missed: float  # of the error, from the 10 ms frames
    false_alarm: float
    bounds: dict[str, Bound]
    filled: dict[str, float]  # DER error seconds with `nearest_fill`, per VAD kind


def analyse(
    recording: Recording, models: listen_models.ListeningModels, analyses: Analyses
) -> FileBound:
    """The bounds of one file under the shipped settings, keyed by the kind of fill."""
    settings = models.settings
    frames = int(np.ceil(recording.duration / FRAME_S))
    scored = speakers_per_frame(((s.start, s.end) for s in recording.uem), frames) > 0
    reference = speakers_per_frame(
        ((s.start, s.end) for s, _ in recording.reference.itertracks()), frames
    )[scored]
    analysed = analyses.offline(recording, settings.diarization)
    found = assign(analysed, settings.diarization)
    turns = [] if found is None else lay_out(found, recording.duration, settings.diarization).turns
    hypothesis = speakers_per_frame(((t.start, t.end) for t in turns), frames)[scored]
    voices = voices_per_frame(analysed, settings.diarization, frames)[scored]
    utterances = find_utterances(recording.samples, models.speech_detector(), settings.vad)
    masks = {"VAD utterances (as transcribe cuts them)": speakers_per_frame(
        ((u.start, u.end) for u in utterances), frames
    ) > 0}  # fmt: skip
    for name, probability in probabilities(recording.samples, models).items():
        masks.update({f"{name} > {t}": probability > t for t in THRESHOLDS})
    bounds = {ORACLE: fill_bound(reference, hypothesis, reference >= 1)}
    filled = {}
    for kind, speech in masks.items():
        bounds[kind] = fill_bound(reference, hypothesis, speech[scored])
        filled[kind] = error(recording, turns + nearest_fill(turns, speech))[0]
    bounds[SECOND] = second_voice_bound(reference, hypothesis, voices)
    wrong, total = error(recording, turns)
    errors = missed_false_alarm(reference, hypothesis)
    return FileBound(recording.name, wrong, total, *errors, bounds, filled)


def main() -> None:
    """Command line: per kind of fill, the missed seconds it reaches and the best pooled DER."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument(
        "--cache", type=Path, default=Path(".cache/diarization-cv"), help="Analysis cache."
    )
    args = parser.parse_args()
    models = listen_models.load(load_settings())
    analyses = Analyses(models, args.cache)
    files = [analyse(recording, models, analyses) for recording in recordings(args.data)]
    wrong, speech = sum(f.error for f in files), sum(f.speech for f in files)
    print(
        f"shipped settings, in-sample: DER {wrong / speech:.1%} ({wrong:.1f} s of {speech:.1f} s); "
        f"missed {sum(f.missed for f in files):.1f} s, false alarm "
        f"{sum(f.false_alarm for f in files):.1f} s (10 ms frames)\n"
    )
    print("| fill frames | missed there (s) | recoverable (s) | false alarm added (s) | "
          "best pooled DER (perfect fill) | pooled DER, nearest turn's speaker | "
          "per file: recoverable s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    lowest = (1.0, "")
    for kind in files[0].bounds:
        pooled = sum((f.bounds[kind] for f in files), Bound(0.0, 0.0, 0.0))
        best = (wrong - pooled.recoverable + pooled.false_alarm) / speech
        real = (
            f"{sum(f.filled[kind] for f in files) / speech:.1%}"
            if kind in files[0].filled
            else "n/a"
        )
        per_file = ", ".join(
            f"{f.name} {f.bounds[kind].recoverable:.1f}"
            for f in files
            if f.bounds[kind].recoverable >= 0.2
        )
        print(
            f"| {kind} | {pooled.missed:.1f} | {pooled.recoverable:.1f} | "
            f"{pooled.false_alarm:.1f} | {best:.1%} | {real} | {per_file} |"
        )
        lowest = min(lowest, (best, kind)) if kind not in (ORACLE, SECOND) else lowest
    second = sum((f.bounds[SECOND] for f in files), Bound(0.0, 0.0, 0.0))
    both = lowest[0] - (second.recoverable - second.false_alarm) / speech
    print(f"\nbest VAD fill ({lowest[1]}) and the second voice together: {both:.1%}")


if __name__ == "__main__":
    main()
