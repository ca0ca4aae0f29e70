"""From overlapping windows of local speakers to one timeline of global speakers.

Each window's local activities are added into the tracks of the global speakers they were matched
to and averaged over the windows that cover each frame. The number of simultaneous speakers per
frame is the rounded average of the windows' own counts (a local speaker counts where its
activity exceeds `onset`; `bias` is added before rounding), so overlapped speech keeps two (or
three) speakers and a frame with no speech keeps none; those top speakers are the active ones.
With `weighting="hamming"` both averages weigh each window's frames by a Hamming window (as
pyannote's overlap-add can), so a frame counts most from the windows it is near the middle of:
the segmentation model is least sure at a window's edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from edge.listen.windows import Window, heard


@dataclass(frozen=True)
class Turn:
    """A global speaker's stretch of speech, in seconds."""

    start: float
    end: float
    speaker: int


def reconstruct(
    windows: list[Window],
    mapping: list[NDArray[np.int64]],
    num_speakers: int,
    frame_step: float,
    duration: float,
    *,
    onset: float = 0.5,
    bias: float = 0.0,
    min_duration_off: float = 0.1,
    overlap_onset: float | None = None,
    weighting: str = "flat",
) -> list[Turn]:
    """Global turns from windows and, per window, local speaker → global speaker.

    Args:
        windows: analysed windows.
        mapping: for each window, (frames, local) global speaker of each frame, -1 for none.
        num_speakers: number of global speakers.
        frame_step: seconds between segmentation frames.
        duration: length of the audio in seconds (turns are clipped to it).
        onset: activity probability above which a local speaker counts as speaking.
        bias: added to the mean count of speakers per frame before it is rounded.
        min_duration_off: gaps shorter than this within a speaker's speech are filled.
        overlap_onset: a second local speaker on a frame where one is above `onset` counts
            from this activity on (`windows.heard`); None: `onset` for all.
        weighting: "flat" (every frame of a window counts alike) or "hamming" (a window's
            frames count by a Hamming window over it, its edges least) in both averages.
    """
    if not windows or num_speakers == 0:
        return []
    frames = windows[0].activity.shape[0]
    total = int(np.ceil(duration / frame_step)) + frames + 1
    tracks = np.zeros((total, num_speakers), dtype=np.float32)
    counts = np.zeros(total, dtype=np.float32)
    coverage = np.zeros(total, dtype=np.float32)
    rows = np.arange(frames)
    weight = frame_weights(frames, weighting)
    for window, frame_to_global in zip(windows, mapping, strict=True):
        first = round(window.offset / frame_step)
        span = slice(first, first + frames)
        coverage[span] += weight
        counts[span] += weight * heard(window.activity, onset, overlap_onset).sum(axis=1)
        for local in range(window.activity.shape[1]):
            speakers = frame_to_global[:, local]
            known = speakers >= 0
            np.add.at(
                tracks,
                (first + rows[known], speakers[known]),
                weight[known] * window.activity[known, local],
            )
    covered = np.where(coverage > 0.0, coverage, 1.0)
    tracks /= covered[:, None]
    speaking = np.rint(counts / covered + bias).astype(np.int64)
    order = np.argsort(-tracks, axis=1)
    active = np.zeros_like(tracks, dtype=bool)
    for rank in range(min(num_speakers, int(speaking.max(initial=0)))):
        chosen = speaking > rank
        rows = np.flatnonzero(chosen)
        active[rows, order[rows, rank]] = True
    active &= tracks > 0.0
    return _to_turns(active, frame_step, duration, min_duration_off)


def frame_weights(frames: int, weighting: str) -> NDArray[np.float32]:
    """Weight of each frame of a window in the overlap-add: flat, or a Hamming window."""
    if weighting == "flat":
        return np.ones(frames, dtype=np.float32)
    if weighting == "hamming":
        return np.hamming(frames).astype(np.float32)
    raise ValueError(f"unknown weighting {weighting!r}")


def _to_turns(
    active: NDArray[np.bool_], frame_step: float, duration: float, min_off: float
) -> list[Turn]:
    turns: list[Turn] = []
    gap = round(min_off / frame_step)
    for speaker in range(active.shape[1]):
        column = active[:, speaker].astype(np.int8)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], column, [0]])))
        runs = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
        merged: list[list[int]] = []
        for start, end in runs:
            if merged and start - merged[-1][1] <= gap:
                merged[-1][1] = end
            else:
                merged.append([start, end])
        for start, end in merged:
            begin, finish = start * frame_step, min(end * frame_step, duration)
            if finish > begin:
                turns.append(Turn(begin, finish, speaker))
    return sorted(turns, key=lambda t: (t.start, t.speaker))
