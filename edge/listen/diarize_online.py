"""Live diarization, one utterance at a time, with bounded memory and latency.

Each utterance is segmented (one 10 s window, or a few for a longer one); every local speaker
with enough speech is embedded and matched to the conversation's speakers: enrolled salespeople
(their voiceprints, fixed) and the customers heard so far (running centroids, in memory only, and
forgotten by `reset()` at the end of a conversation). A voice that matches nobody becomes a new
customer. With `distinct_local_speakers` (the default) each local speaker of a window is one
voice, the mean of its pieces, and two local speakers of one window never share a speaker; off,
each piece of speech is matched on its own. Work per utterance is bounded by its length; memory
by `max_speakers`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from edge.listen import windows
from edge.listen.diarize_offline import reconstruct_options
from edge.listen.embedding import SpeakerEmbedder
from edge.listen.endpointer import Utterance
from edge.listen.reconstruct import Turn, reconstruct
from edge.listen.segmentation import Segmenter
from edge.listen.transcript import Role
from edge.listen.voiceprints import Voiceprint
from edge.settings import DiarizationSettings

_STEP = 5 * 16000
_MIN_NEW_SPEAKER_S = 1.0
_MAX_WEIGHT_S = 60.0


@dataclass
class _Speaker:
    centroid: NDArray[np.float32]
    name: str
    role: Role
    weight: float  # seconds of speech behind the centroid (fixed for enrolled voices)


class OnlineDiarizer:
    """Speaker turns for each utterance of a live stream."""

    def __init__(
        self,
        segmenter: Segmenter,
        embedder: SpeakerEmbedder,
        settings: DiarizationSettings,
        voiceprints: list[Voiceprint],
        *,
        max_speakers: int = 8,
        min_piece_s: float = 0.5,
        max_piece_s: float = 3.0,
    ) -> None:
        self._segmenter = segmenter
        self._embedder = embedder
        self._settings = settings
        self.voiceprints = voiceprints
        self._max_speakers = max_speakers
        self._piece_s = (min_piece_s, max_piece_s)
        self.reset()

    def reset(self) -> None:
        """A new conversation: forget every customer voice."""
        self._speakers = [
            _Speaker(v.array(), v.name, "salesperson", float("inf")) for v in self.voiceprints
        ]
        self._customers = 0
        self._last = 0

    @property
    def last_speaker(self) -> int:
        """The speaker placed most recently."""
        return self._last

    def speaker(self, index: int) -> tuple[str, Role]:
        """Name and role of speaker `index` of a returned turn."""
        found = self._speakers[index]
        return found.name, found.role

    def __call__(self, utterance: Utterance) -> list[Turn]:
        """Turns of the utterance, in stream time; speakers index `speaker()`."""
        return self.turns_of(utterance, self.analyse(utterance.samples))

    def analyse(self, samples: NDArray[np.float32]) -> list[windows.Window]:
        """The expensive part: segmentation and piece embeddings of an utterance's windows."""
        offsets = windows.window_offsets(len(samples), self._segmenter.window_samples, _STEP)
        shortest, longest = self._piece_s
        return windows.analyse(
            samples,
            offsets,
            self._segmenter,
            self._embedder,
            min_piece_s=shortest,
            max_piece_s=longest,
        )

    def turns_of(self, utterance: Utterance, analysed: list[windows.Window]) -> list[Turn]:
        """Turns of the utterance from its analysed windows (places its speakers)."""
        if not any(window.pieces for window in analysed):
            # too little speech to embed anywhere: one speaker for the whole utterance
            return [Turn(utterance.start, utterance.end, self._whole(utterance.samples))]
        mapping = [windows.mapping_of(window, self._match(window)) for window in analysed]
        if self._settings.separate_overlap:
            centres = np.stack([speaker.centroid for speaker in self._speakers])
            onset, overlap = self._settings.speech_onset, self._settings.overlap_onset
            mapping = [
                windows.separate_overlap(window, found, centres, onset, overlap)
                for window, found in zip(analysed, mapping, strict=True)
            ]
        turns = reconstruct(
            analysed,
            mapping,
            len(self._speakers),
            self._segmenter.frame_step_s,
            utterance.duration,
            **reconstruct_options(self._settings),
        )
        return [Turn(utterance.start + t.start, utterance.start + t.end, t.speaker) for t in turns]

    def _whole(self, samples: NDArray[np.float32]) -> int:
        if len(samples) >= self._embedder.min_samples:
            return self._place(self._embedder(samples), len(samples) / 16000)
        return self._place(None, 0.0)

    def _match(self, window: windows.Window) -> list[int]:
        if self._settings.distinct_local_speakers:
            return self._match_local_speakers(window)
        labels = [0] * len(window.pieces)
        # the longest pieces first: their embeddings are the most reliable
        for index in sorted(range(len(window.pieces)), key=lambda i: -window.pieces[i].speech_s):
            piece = window.pieces[index]
            labels[index] = self._place(piece.embedding, piece.speech_s)
        return labels

    def _match_local_speakers(self, window: windows.Window) -> list[int]:
        """Each local speaker of the window placed as one voice, never two on one speaker.

        A local speaker's voice is the mean of its pieces' embeddings weighted by their speech;
        the one with the most speech is placed first, and each next one chooses among the
        speakers the window's earlier local speakers did not take (or a new one).
        """
        voices: dict[int, tuple[NDArray[np.float32], float]] = {}
        for local in sorted({piece.local for piece in window.pieces}):
            own = [piece for piece in window.pieces if piece.local == local]
            speech = sum(piece.speech_s for piece in own)
            mean = np.sum([piece.embedding * piece.speech_s for piece in own], axis=0) / speech
            unit = (mean / max(float(np.linalg.norm(mean)), 1e-9)).astype(np.float32)
            voices[local] = (unit, speech)
        placed: dict[int, int] = {}
        for local in sorted(voices, key=lambda k: -voices[k][1]):
            embedding, speech = voices[local]
            placed[local] = self._place(embedding, speech, barred=set(placed.values()))
        return [placed[piece.local] for piece in window.pieces]

    def _place(
        self,
        embedding: NDArray[np.float32] | None,
        speech_s: float,
        barred: set[int] | None = None,
    ) -> int:
        self._last = self._choose(embedding, speech_s, barred or set())
        return self._last

    def _choose(
        self, embedding: NDArray[np.float32] | None, speech_s: float, barred: set[int]
    ) -> int:
        """The speaker of a voice: the most similar one not `barred` if it accepts, else new."""
        if embedding is None:  # nothing to go by: the last speaker heard, else a new one
            return self._last if self._speakers else self._new(None, 0.0)
        best, best_similarity = -1, -2.0
        for index in range(len(self._speakers)):
            if index in barred:
                continue
            similarity = float(self._speakers[index].centroid @ embedding)
            if similarity > best_similarity:
                best, best_similarity = index, similarity
        if best >= 0 and self._accepts(self._speakers[best], best_similarity):
            self._update(self._speakers[best], embedding, speech_s)
            return best
        if (speech_s >= _MIN_NEW_SPEAKER_S or best < 0) and len(
            self._speakers
        ) < self._max_speakers:
            return self._new(embedding, speech_s)
        return best if best >= 0 else 0

    def _accepts(self, speaker: _Speaker, similarity: float) -> bool:
        if speaker.role == "salesperson":
            return similarity >= self._settings.enrolled_threshold
        return 1.0 - similarity < self._settings.online_threshold

    @staticmethod
    def _update(speaker: _Speaker, embedding: NDArray[np.float32], speech_s: float) -> None:
        if speaker.role == "salesperson":
            return
        total = min(speaker.weight, _MAX_WEIGHT_S) + speech_s
        mean = (
            speaker.centroid * min(speaker.weight, _MAX_WEIGHT_S) + embedding * speech_s
        ) / total
        speaker.centroid = (mean / max(float(np.linalg.norm(mean)), 1e-9)).astype(np.float32)
        speaker.weight = total

    def _new(self, embedding: NDArray[np.float32] | None, speech_s: float) -> int:
        self._customers += 1
        centroid = (
            embedding
            if embedding is not None
            else np.zeros(self._embedder.dimension, dtype=np.float32)
        )
        self._speakers.append(
            _Speaker(centroid, f"customer_{self._customers}", "customer", speech_s)
        )
        return len(self._speakers) - 1
