"""The shared diarization files, their expensive analysis cached on disk, and DER scoring.

Segmentation and speaker embeddings are the expensive part of diarization; clustering and the
timeline are cheap. `Analyses` computes the first once per file (offline: per window step; live:
per utterance the VAD cut) and keeps it under `.cache/` (keyed by the audio, the models and the
parameters that change it), so a grid over the cheap settings costs seconds.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from edge.audio.decode import load_audio
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Utterance
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.listen.windows import Window
from edge.settings import DiarizationSettings

SAMPLE_RATE = 16000
_TRN = tuple(f"ami_trn{index:02d}" for index in range(2, 10))
#: (name, RTTM, UEM or None for the whole file): every shared diarization file.
FILES: tuple[tuple[str, str, str | None], ...] = (
    ("sample", "sample.rttm", None),
    ("ami_dev00", "ami_dev.rttm", "ami_dev.uem"),
    ("ami_dev01", "ami_dev.rttm", "ami_dev.uem"),
    *((name, "ami_trn.rttm", "ami_trn.uem") for name in _TRN),
)


@dataclass(frozen=True)
class Recording:
    """One shared file: audio, reference and the scored region."""

    name: str
    samples: NDArray[np.float32]
    reference: Any  # pyannote.core.Annotation
    uem: Any  # pyannote.core.Timeline

    @property
    def duration(self) -> float:
        """Seconds of audio."""
        return len(self.samples) / SAMPLE_RATE


def recordings(data: Path) -> list[Recording]:
    """Every file of `FILES` under `data/diarization`."""
    from pyannote.core import Segment, Timeline
    from pyannote.database.util import load_rttm, load_uem

    folder = data / "diarization"
    found = []
    for name, rttm, uem in FILES:
        samples = load_audio(folder / f"{name}.wav")
        whole = Timeline([Segment(0.0, len(samples) / SAMPLE_RATE)])
        region = load_uem(folder / uem)[name] if uem else whole
        found.append(Recording(name, samples, load_rttm(folder / rttm)[name], region))
    return found


def error(recording: Recording, turns: list[Turn]) -> tuple[float, float]:
    """(seconds of DER error, seconds of reference speech): collar 0, overlap scored, UEM."""
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    hypothesis = Annotation(uri=recording.name)
    for index, turn in enumerate(turns):
        hypothesis[Segment(turn.start, turn.end), index] = f"spk{turn.speaker}"
    metric = DiarizationErrorRate(collar=0.0, skip_overlap=False)
    parts = metric(recording.reference, hypothesis, uem=recording.uem, detailed=True)
    total = float(parts["total"])
    return float(parts["diarization error rate"]) * total, total


class Analyses:
    """Segmentation and embeddings of recordings, computed once and cached under `directory`."""

    def __init__(self, models: ListeningModels, directory: Path) -> None:
        self._models = models
        self._directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        manifest = (models.bundle.directory / "manifest.json").read_bytes()
        self._models_key = hashlib.sha256(manifest).hexdigest()[:12]

    def offline(self, recording: Recording, settings: DiarizationSettings) -> list[Window]:
        """The offline diarizer's analysed windows (they depend on the window step only).

        Every window is embedded; `cluster_windows` drops what `embedding_step_s` leaves out.
        """
        from edge.listen.diarize_offline import OfflineDiarizer

        every_window = settings.model_copy(update={"embedding_step_s": None})
        diarizer = OfflineDiarizer(self._models.segmenter, self._models.embedder, every_window)
        key = f"offline-{recording.name}-step{settings.window_step_s}"
        if settings.segmentation_compression > 1.0:
            key += f"-compression{settings.segmentation_compression}"
        return self._cached(key, recording.samples, lambda: diarizer.analyse(recording.samples))

    def online(self, recording: Recording, utterance: Utterance) -> list[Window]:
        """The live diarizer's analysed windows of one utterance."""
        diarizer = OnlineDiarizer(
            self._models.segmenter, self._models.embedder, DiarizationSettings(), []
        )
        first = round(utterance.start * SAMPLE_RATE)
        key = f"online-{recording.name}-{first}-{len(utterance.samples)}"
        return self._cached(key, utterance.samples, lambda: diarizer.analyse(utterance.samples))

    def _cached(self, key: str, samples: NDArray[np.float32], compute: Any) -> list[Window]:
        digest = hashlib.sha256(samples.tobytes()).hexdigest()[:12]
        path = self._directory / f"{key}-{digest}-{self._models_key}.pkl"
        if path.is_file():
            loaded: list[Window] = pickle.loads(path.read_bytes())
            return loaded
        found: list[Window] = compute()
        path.write_bytes(pickle.dumps(found))
        return found
