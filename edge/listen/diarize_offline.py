"""Offline diarization of a whole recording: windows → embeddings → clusters → timeline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypedDict

import numpy as np
from numpy.typing import NDArray

from edge.listen import clustering, windows
from edge.listen.embedding import SpeakerEmbedder
from edge.listen.reconstruct import Turn, reconstruct
from edge.listen.segmentation import Segmenter
from edge.settings import DiarizationSettings

SAMPLE_RATE = 16000
MAX_CLUSTERED = 1500
"""At most this many speech pieces go into the dense spectral clustering; the others join the
nearest centroid (`clustering.spectral_bounded`). Fixed a priori, for memory: the affinity, the
Laplacian and the eigenvectors are each 4 bytes x pieces squared (about 9 MB each at 1500, some
50 MB with the solver's workspace). Meetings and talks give about 50 pieces a minute (376 in the
7.3 minutes of `bench.long`'s recording), so files up to about half an hour, and every file the
diarization settings were chosen on (30 s, under 100 pieces), are clustered whole as before."""


@dataclass(frozen=True)
class Diarization:
    """Turns of anonymous global speakers 0..K-1 and each speaker's centroid embedding."""

    turns: list[Turn]
    centroids: NDArray[np.float32]  # (K, D)


class OfflineDiarizer:
    """pyannote-style diarization with the bundle's segmentation and embedding models."""

    def __init__(
        self,
        segmenter: Segmenter,
        embedder: SpeakerEmbedder,
        settings: DiarizationSettings,
        *,
        min_piece_s: float = 0.5,
        max_piece_s: float = 2.0,
    ) -> None:
        self._segmenter = segmenter
        self._embedder = embedder
        self._settings = settings
        self._pieces = {
            "min_piece_s": min_piece_s,
            "max_piece_s": max_piece_s,
            "compression": settings.segmentation_compression,
        }

    def __call__(self, samples: NDArray[np.float32]) -> Diarization:
        """Diarize 16 kHz mono audio."""
        return cluster_windows(self.analyse(samples), len(samples) / SAMPLE_RATE, self._settings)

    def analyse(self, samples: NDArray[np.float32]) -> list[windows.Window]:
        """The expensive part: segmentation and piece embeddings of every window."""
        step = round(self._settings.window_step_s * SAMPLE_RATE)
        offsets = windows.window_offsets(len(samples), self._segmenter.window_samples, step)
        return self.analyse_at(samples, offsets)

    def analyse_at(
        self, samples: NDArray[np.float32], offsets: list[int], start: int = 0
    ) -> list[windows.Window]:
        """`analyse` of the windows at `offsets` of a stream whose `samples` begin at `start`."""
        step, every = embedding_steps(self._settings)
        found = windows.analyse(
            samples,
            [o - start for o in offsets],
            self._segmenter,
            self._embedder,
            embed=[windows.embedded(o, step, every) for o in offsets],
            **self._pieces,
        )
        if start == 0:
            return found
        return [replace(w, offset=o / SAMPLE_RATE) for w, o in zip(found, offsets, strict=True)]


def cluster_windows(
    analysed: list[windows.Window],
    duration: float,
    settings: DiarizationSettings,
    cap: int = MAX_CLUSTERED,
) -> Diarization:
    """The cheap part: cluster the pieces of analysed windows and lay out the global turns.

    At most `cap` pieces go into the dense clustering (`clustering.spectral_bounded`). Pieces of
    windows that `settings.embedding_step_s` leaves unembedded are dropped first (so an analysis
    with every window embedded gives what one made under that setting gives).
    """
    found = assign(analysed, settings, cap)
    if found is None:
        return Diarization(turns=[], centroids=np.zeros((0, 0), dtype=np.float32))
    return lay_out(found, duration, settings)


@dataclass(frozen=True)
class Assignment:
    """Analysed windows with each frame's local speakers mapped to global ones (`assign`)."""

    analysed: list[windows.Window]
    mapping: list[NDArray[np.int64]]  # per window, (frames, local) global speaker or -1
    centroids: NDArray[np.float32]  # (K, D)


def assign(
    analysed: list[windows.Window], settings: DiarizationSettings, cap: int = MAX_CLUSTERED
) -> Assignment | None:
    """`cluster_windows`' clustering and mapping (None: no piece to cluster).

    Depends on the analysis and, of the settings, on `embedding_step_s`, `window_step_s`,
    `max_speakers`, `cluster_threshold`, `speech_onset`, `min_local_speech_s`,
    `separate_overlap` and `overlap_onset` only; `lay_out` does the rest.
    """
    analysed = windows.without_unembedded(analysed, *embedding_steps(settings))
    pieces = [piece for window in analysed for piece in window.pieces]
    if not pieces:
        return None
    vectors = np.stack([piece.embedding for piece in pieces])
    labels = clustering.spectral_bounded(
        vectors,
        cap=cap,
        max_clusters=settings.max_speakers or 8,
        merge_similarity=1.0 - settings.cluster_threshold,
        min_clusters=heard_at_once(analysed, settings.speech_onset, settings.min_local_speech_s),
    )
    centres = clustering.centroids(vectors, labels)
    mapping, used = [], 0
    for window in analysed:
        count = len(window.pieces)
        found = windows.mapping_of(window, labels[used : used + count].tolist())
        if settings.separate_overlap:
            found = windows.separate_overlap(
                window, found, centres, settings.speech_onset, settings.overlap_onset
            )
        mapping.append(found)
        used += count
    return Assignment(analysed, mapping, centres)


def lay_out(found: Assignment, duration: float, settings: DiarizationSettings) -> Diarization:
    """The global turns of an `assign`ment (`reconstruct` with the settings' options)."""
    turns = reconstruct(
        found.analysed,
        found.mapping,
        len(found.centroids),
        Segmenter.frame_step_s,
        duration,
        **reconstruct_options(settings),
        weighting=settings.window_weighting,
    )
    return Diarization(turns=turns, centroids=found.centroids)


def embedding_steps(settings: DiarizationSettings) -> tuple[int, int | None]:
    """(window step, embedding step) in samples, for `windows.embedded`."""
    every = settings.embedding_step_s
    step = round(settings.window_step_s * SAMPLE_RATE)
    return step, None if every is None else round(every * SAMPLE_RATE)


def heard_at_once(analysed: list[windows.Window], onset: float, min_speech_s: float) -> int:
    """The most local speakers one window holds with at least `min_speech_s` of speech each.

    The segmentation model's local speakers within one window are different people, so a file
    has at least this many speakers. Only local speakers with an embedded piece count (the others
    cannot be clustered). 1 when `min_speech_s` is 0 (no floor).
    """
    if min_speech_s <= 0.0:
        return 1
    most = 1
    for window in analysed:
        embedded = sorted({piece.local for piece in window.pieces})
        seconds = (window.activity[:, embedded] > onset).sum(axis=0) * Segmenter.frame_step_s
        most = max(most, int((seconds >= min_speech_s).sum()))
    return most


class ReconstructOptions(TypedDict):
    """The keyword arguments of `reconstruct` that come from the settings."""

    onset: float
    overlap_onset: float
    bias: float
    min_duration_off: float


def reconstruct_options(settings: DiarizationSettings) -> ReconstructOptions:
    """The settings `reconstruct` takes, offline and live alike."""
    overlap = settings.overlap_onset
    return ReconstructOptions(
        onset=settings.speech_onset,
        overlap_onset=settings.speech_onset if overlap is None else overlap,
        bias=settings.overlap_bias,
        min_duration_off=settings.min_gap_s,
    )
