"""Word and diarization error rates of the listening pipeline on real speech.

    .venv/bin/python -m eval.listen --data ../shared/data [--embedding campp|resemblyzer]

WER: Whisper's English text normalisation on reference and hypothesis, then jiwer.
DER: pyannote.metrics, collar 0, overlapped speech scored, UEM applied, totalled over all 11
shared diarization files (sample, ami_dev00-01, ami_trn02-09: the settings were chosen on all of
them, so these are in-sample figures; `eval.diarization_cv` gives the cross-validated ones); offline
(`transcribe`'s diarizer on the whole file) and online (the live hub's `LiveListener`, fed the
file's frames as fast as it takes them: same turns as in real time, sooner).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from edge.audio.decode import load_audio
from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen import pipeline
from edge.listen.diarize_offline import OfflineDiarizer
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.settings import EdgeSettings, load_settings
from eval.diarization_cache import recordings


def word_error_rate(reference: str, hypothesis: str) -> float:
    """WER after Whisper's English normalisation."""
    import jiwer
    from whisper_normalizer.english import EnglishTextNormalizer

    normalise = EnglishTextNormalizer()
    return float(jiwer.wer(normalise(reference), normalise(hypothesis)))


def stm_text(path: Path) -> str:
    """The words of an STM file in time order."""
    rows = []
    for line in path.read_text().splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and not line.startswith(";;"):
            rows.append((float(parts[3]), parts[5]))
    return " ".join(text for _, text in sorted(rows))


def annotation(turns: list[Turn], uri: str):  # type: ignore[no-untyped-def]
    """Pyannote Annotation of turns."""
    from pyannote.core import Annotation, Segment

    result = Annotation(uri=uri)
    for index, turn in enumerate(turns):
        result[Segment(turn.start, turn.end), index] = f"spk{turn.speaker}"
    return result


def live_turns(models: ListeningModels, path: Path) -> list[Turn]:
    """Speaker turns of the live hub listening to `path` (customers numbered as it met them)."""

    async def listen() -> list[Turn]:
        listener = LiveListener(models, [])
        names: dict[str, int] = {}
        return [
            Turn(turn.start, turn.end, names.setdefault(turn.speaker, len(names)))
            async for heard in listener.listen(aiter(FileSource(path)))
            for turn in heard.turns
        ]

    return asyncio.run(listen())


def evaluate(data: Path, settings: EdgeSettings) -> dict[str, float]:
    """Every figure, by name."""
    from pyannote.metrics.diarization import DiarizationErrorRate

    models = listen_models.load(settings)
    figures: dict[str, float] = {}
    for name, audio, reference in (
        (
            "wer_concat_en_ref",
            "asr/concat_en_ref.wav",
            (data / "asr/concat_en_ref.txt").read_text(),
        ),
        ("wer_sample", "diarization/sample.wav", stm_text(data / "diarization/sample.stm")),
    ):
        samples = load_audio(data / audio)
        result = pipeline.transcribe(samples, audio, models, [])
        hypothesis = " ".join(s.text for s in result.segments)
        figures[name] = word_error_rate(reference, hypothesis)
    metric = DiarizationErrorRate(collar=0.0, skip_overlap=False)
    online = DiarizationErrorRate(collar=0.0, skip_overlap=False)
    diarizer = OfflineDiarizer(models.segmenter, models.embedder, settings.diarization)
    seconds = 0.0
    for recording in recordings(data):
        name = recording.name
        start = time.perf_counter()
        turns = diarizer(recording.samples).turns
        seconds += time.perf_counter() - start
        reference, region = recording.reference, recording.uem
        figures[f"der_{name}"] = float(metric(reference, annotation(turns, name), uem=region))
        live = annotation(live_turns(models, data / "diarization" / f"{name}.wav"), name)
        figures[f"der_online_{name}"] = float(online(reference, live, uem=region))
    figures["der_total_offline"] = float(abs(metric))
    figures["der_total_online"] = float(abs(online))
    figures["diarization_seconds"] = seconds
    return figures


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument("--embedding", choices=("campp", "resemblyzer"))
    parser.add_argument("--threshold", type=float, help="Offline cluster threshold.")
    args = parser.parse_args()
    settings = load_settings()
    diarization = settings.diarization.model_copy(
        update={
            k: v
            for k, v in (("embedding", args.embedding), ("cluster_threshold", args.threshold))
            if v is not None
        }
    )
    settings = settings.model_copy(update={"diarization": diarization})
    print(json.dumps(evaluate(args.data, settings), indent=2))


if __name__ == "__main__":
    main()
