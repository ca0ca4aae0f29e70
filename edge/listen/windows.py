"""Local speakers of 10-second windows, cut into pieces, each piece embedded.

The segmentation model sees up to three local speakers per window, but on far-field audio it
sometimes follows two people with one local track. So each local speaker's speech is cut into
pieces of at most `max_piece_s`, and each piece gets its own embedding (from the audio where that
speaker speaks alone, overlap excluded, when there is enough of it). Clustering then works on
pieces, and a speaker change inside one local track still shows. Offline and live share this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from edge.audio.frames import SAMPLE_RATE
from edge.listen.embedding import SpeakerEmbedder
from edge.listen.segmentation import Segmenter

ONSET = 0.5
_BATCH = 1
"""Windows segmented per model run. One at a time: onnxruntime keeps the memory of its largest run,
and 8 windows at once cost 166 MiB more peak RSS for no speed (docs/benchmarks.md, issue 18)."""


@dataclass(frozen=True)
class Piece:
    """Frames [first, last) of one local speaker of a window, with their embedding."""

    local: int
    first: int
    last: int
    embedding: NDArray[np.float32]
    speech_s: float


@dataclass(frozen=True)
class Window:
    """One analysed window, at `offset` seconds into the audio it was cut from."""

    offset: float
    activity: NDArray[np.float32]  # (frames, local speakers), probabilities
    pieces: list[Piece] = field(default_factory=list)


def window_offsets(num_samples: int, window: int, step: int) -> list[int]:
    """Start samples of windows covering `num_samples`, the last one flush with the end."""
    if num_samples <= window:
        return [0]
    starts = list(range(0, num_samples - window + 1, step))
    if starts[-1] + window < num_samples:
        starts.append(num_samples - window)
    return starts


def embedded(offset: int, step: int, every: int | None) -> bool:
    """Whether the window at `offset` (samples) of windows `step` apart has its speech embedded.

    With `every` (samples) set, only the first window at or past each multiple of `every`
    (judged from `offset - step`, so the answer needs no other window; a last window flush
    with the end of the audio is judged the same way); None or `every <= step`: every window.
    """
    if every is None or every <= step or offset <= 0:
        return True
    return offset // every > (offset - step) // every


def without_unembedded(analysed: list[Window], step: int, every: int | None) -> list[Window]:
    """`analysed` with the pieces dropped from the windows `embedded` says are not embedded."""
    if every is None or every <= step:
        return analysed
    return [
        window
        if embedded(round(window.offset * SAMPLE_RATE), step, every)
        else Window(window.offset, window.activity)
        for window in analysed
    ]


def analyse(
    samples: NDArray[np.float32],
    offsets: list[int],
    segmenter: Segmenter,
    embedder: SpeakerEmbedder,
    *,
    min_piece_s: float,
    max_piece_s: float,
    compression: float = 1.0,
    embed: list[bool] | None = None,
) -> list[Window]:
    """Segment the windows starting at `offsets` (samples) and embed their speech pieces.

    With `compression` above 1 the segmentation model hears each window through `compressed`
    (quiet voices raised towards loud ones); the embeddings are of the audio as it is. With
    `embed`, only the windows where it is True are embedded (the others keep no pieces).
    """
    size = segmenter.window_samples
    found: list[Window] = []
    for first in range(0, len(offsets), _BATCH):
        starts = offsets[first : first + _BATCH]
        batch = np.zeros((len(starts), size), dtype=np.float32)
        for row, start in enumerate(starts):
            piece = samples[start : start + size]
            batch[row, : len(piece)] = piece
        heard = (
            batch
            if compression <= 1.0
            else np.stack([compressed(row, compression) for row in batch])
        )
        activities = segmenter(heard)
        for row, start in enumerate(starts):
            window = Window(offset=start / SAMPLE_RATE, activity=activities[row])
            if embed is not None and not embed[first + row]:
                found.append(window)
                continue
            cutter = _Cutter(batch[row], segmenter.frame_step_s, min_piece_s, max_piece_s)
            jobs = [
                job for job in cutter.pieces(activities[row]) if len(job[3]) >= embedder.min_samples
            ]
            if jobs:
                vectors = embedder.batch([audio for *_, audio in jobs])
                window.pieces.extend(
                    Piece(local, a, b, vectors[i], len(audio) / SAMPLE_RATE)
                    for i, (local, a, b, audio) in enumerate(jobs)
                )
            found.append(window)
    return found


COMPRESSION_BLOCK_S = 0.1
COMPRESSION_MAX_BOOST_DB = 20.0
COMPRESSION_GATE_DB = 6.0


def compressed(chunk: NDArray[np.float32], ratio: float) -> NDArray[np.float32]:
    """`chunk` with its quiet stretches raised towards its loud ones (a `ratio`:1 compressor).

    The segmentation model normalises each 10 s window as a whole (its first layer is an
    instance normalisation), so the level of a window does not matter to it, only the levels
    within it: a far-field voice 20 dB under a near one stays 20 dB under. Here each 0.1 s
    block below the window's loud level (its 95th percentile) is raised by (1 - 1/ratio) of the
    difference, at most 20 dB; a block under a gate 6 dB above the window's noise floor (its
    10th percentile) is raised by the gate's gain less its distance under the gate, so a voice
    keeps its margin over the pauses around it. The gain is interpolated between block centres.
    Constants fixed a priori (not tuned on any file).
    """
    block = round(COMPRESSION_BLOCK_S * SAMPLE_RATE)
    max_boost = COMPRESSION_MAX_BOOST_DB
    count = len(chunk) // block
    if count < 2 or ratio <= 1.0:
        return chunk
    power = np.mean(chunk[: count * block].reshape(count, block).astype(np.float64) ** 2, axis=1)
    level = 10.0 * np.log10(power + 1e-12)
    loud, floor = np.percentile(level, 95), np.percentile(level, 10)
    gate = floor + COMPRESSION_GATE_DB
    gain_db = np.clip((loud - np.maximum(level, gate)) * (1.0 - 1.0 / ratio), 0.0, max_boost)
    gain_db = np.maximum(gain_db - np.maximum(gate - level, 0.0), 0.0)
    centres = (np.arange(count) + 0.5) * block
    gain = np.interp(np.arange(len(chunk)), centres, 10.0 ** (gain_db / 20.0))
    out: NDArray[np.float32] = (chunk * gain).astype(np.float32)
    return out


def mapping_of(window: Window, labels: list[int]) -> NDArray[np.int64]:
    """(frames, local) global speaker of each frame (-1: none) from the pieces' labels.

    Frames of a local speaker outside its pieces (runs too short to embed) take the label of the
    nearest piece of the same local speaker.
    """
    frames, local_count = window.activity.shape
    out = np.full((frames, local_count), -1, dtype=np.int64)
    for local in range(local_count):
        own = [
            (p, label) for p, label in zip(window.pieces, labels, strict=True) if p.local == local
        ]
        if not own:
            continue
        centres = np.array([(p.first + p.last) / 2 for p, _ in own])
        nearest = np.abs(np.arange(frames)[:, None] - centres[None, :]).argmin(axis=1)
        out[:, local] = np.array([label for _, label in own])[nearest]
    return out


class _Cutter:
    def __init__(
        self, chunk: NDArray[np.float32], step: float, min_piece_s: float, max_piece_s: float
    ) -> None:
        self._chunk = chunk
        self._step = step
        self._min = max(1, round(min_piece_s / step))
        self._max = max(self._min, round(max_piece_s / step))

    def pieces(
        self, activity: NDArray[np.float32]
    ) -> list[tuple[int, int, int, NDArray[np.float32]]]:
        active = activity > ONSET
        alone = active & (active.sum(axis=1, keepdims=True) == 1)
        jobs = []
        for local in range(activity.shape[1]):
            for first, last in self._split(_runs(active[:, local], gap=self._min // 2)):
                mask = alone[first:last, local]
                if mask.sum() < self._min:
                    mask = active[first:last, local]
                audio = self._audio(mask, first)
                if len(audio) >= self._min * self._step * SAMPLE_RATE:
                    jobs.append((local, first, last, audio))
        return jobs

    def _split(self, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for first, last in runs:
            length = last - first
            if length < self._min:
                continue
            count = max(1, int(np.ceil(length / self._max)))
            edges = np.linspace(first, last, count + 1).round().astype(int)
            out.extend(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))
        return out

    def _audio(self, mask: NDArray[np.bool_], offset: int) -> NDArray[np.float32]:
        pieces = [
            self._chunk[
                int((offset + a) * self._step * SAMPLE_RATE) : int(
                    (offset + b) * self._step * SAMPLE_RATE
                )
            ]
            for a, b in _runs(mask, gap=0)
        ]
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)


def _runs(mask: NDArray[np.bool_], gap: int) -> list[tuple[int, int]]:
    """[first, last) runs of True, joining runs separated by at most `gap` False frames."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    merged: list[list[int]] = []
    for first, last in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if merged and first - merged[-1][1] <= gap:
            merged[-1][1] = last
        else:
            merged.append([first, last])
    return [(a, b) for a, b in merged]


def heard(
    activity: NDArray[np.float32], onset: float, overlap_onset: float | None = None
) -> NDArray[np.bool_]:
    """(frames, local) whether each local speaker speaks on each frame.

    Above `onset`; and, on a frame where some local speaker is above `onset`, another one is
    heard with it already above `overlap_onset` (when that is lower): a second voice under a
    first is where the segmentation model is least sure, and silence is not made speech by it.
    """
    above = activity > onset
    if overlap_onset is None or overlap_onset >= onset:
        return above
    second = (activity > overlap_onset) & above.any(axis=1, keepdims=True)
    return above | second


def separate_overlap(
    window: Window,
    mapping: NDArray[np.int64],
    centres: NDArray[np.float32],
    onset: float,
    overlap_onset: float | None = None,
) -> NDArray[np.int64]:
    """Two local speakers talking at once are two people: never the same global speaker.

    Where several local speakers of the window are active together (`heard` with `onset` and
    `overlap_onset`) and mapped to the same global speaker, the one whose voice (the mean of
    its pieces' embeddings) is nearest that speaker keeps it; each other one takes its nearest
    global speaker not yet taken on that frame. Without this, overlapped speech of far-field
    voices that the clustering put together is reduced to one speaker.
    """
    if len(centres) < 2 or not window.pieces:
        return mapping
    voices = {}
    for local in {piece.local for piece in window.pieces}:
        mean = np.mean([p.embedding for p in window.pieces if p.local == local], axis=0)
        voices[local] = centres @ (mean / max(float(np.linalg.norm(mean)), 1e-9))
    out = mapping.copy()
    active = heard(window.activity, onset, overlap_onset) & (mapping >= 0)
    for frame in np.flatnonzero(active.sum(axis=1) >= 2):
        together = [int(k) for k in np.flatnonzero(active[frame]) if int(k) in voices]
        together.sort(key=lambda k: -voices[k][mapping[frame, k]])
        taken: set[int] = set()
        for speaker in together:
            chosen = int(mapping[frame, speaker])
            if chosen in taken:
                similarity = voices[speaker].copy()
                similarity[list(taken)] = -np.inf
                chosen = int(np.argmax(similarity))
            out[frame, speaker] = chosen
            taken.add(chosen)
    return out
