"""Bilingual listening on real speech: WER per language, language detection, live latency.

    .venv/bin/python -m eval.languages --data ../shared/data --split heldout \
        [--routing multilingual|english_model] [--beam-size N] [--threads N]

Each clip is played to the live hub's `LiveListener` in real time (`FileSource(realtime=True)`)
with `asr.languages: [en, es]`: the utterances' text is joined and scored against the clip's
reference (jiwer WER after Whisper's basic normaliser: lower case, punctuation dropped, accents
kept), the detected language of every utterance is checked against the clip's, and the end of
utterance → transcript latency of each utterance is pooled per language (p50, p95), and the
transcriber calls (utterances and guesses) whose language was read again on Whisper's whole
window (`asr.live_language_recheck_below`) are counted.

The Spanish clips are split before any run, by name: `tune` holds those whose sha256 of the file
name (first 8 hex digits) is even, `heldout` the others. Settings are chosen on `tune` only;
`heldout` is reported once (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
from pathlib import Path
from typing import Literal

import numpy as np

from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen.live import Heard, LiveListener
from edge.listen.models import ListeningModels
from edge.settings import load_settings

ENGLISH_CLIPS = ("concat_en_ref",)
Split = Literal["tune", "heldout", "all"]


def split_of(name: str) -> Literal["tune", "heldout"]:
    """`tune` when the first 8 hex digits of sha256(file name) are even, else `heldout`."""
    digits = hashlib.sha256(name.encode()).hexdigest()[:8]
    return "tune" if int(digits, 16) % 2 == 0 else "heldout"


def spanish_clips(data: Path, split: Split) -> list[str]:
    """The es_* clips (stems) of a split."""
    stems = sorted(p.stem for p in (data / "asr").glob("es_*.wav"))
    return [s for s in stems if split == "all" or split_of(f"{s}.wav") == split]


def word_error_rate(references: list[str], hypotheses: list[str]) -> float:
    """Corpus WER (errors over reference words) after Whisper's basic normaliser."""
    import jiwer
    from whisper_normalizer.basic import BasicTextNormalizer

    normalise = BasicTextNormalizer()
    return float(jiwer.wer([normalise(r) for r in references], [normalise(h) for h in hypotheses]))


def hear(models: ListeningModels, path: Path) -> list[Heard]:
    """What the live hub hears of `path`, played in real time."""

    async def listen() -> list[Heard]:
        listener = LiveListener(models, [])
        return [heard async for heard in listener.listen(aiter(FileSource(path, realtime=True)))]

    return asyncio.run(listen())


def evaluate(data: Path, split: Split, models: ListeningModels) -> dict[str, object]:
    """Every figure, by name, and each clip's hypothesis."""
    figures: dict[str, object] = {"load_average": os.getloadavg()}
    clips = [("en", stem) for stem in ENGLISH_CLIPS]
    clips += [("es", stem) for stem in spanish_clips(data, split)]
    references: dict[str, list[str]] = {"en": [], "es": []}
    hypotheses: dict[str, list[str]] = {"en": [], "es": []}
    latencies: dict[str, list[float]] = {"en": [], "es": []}
    detected = {"en": [0, 0], "es": [0, 0]}
    rechecks = {"en": 0, "es": 0}  # detections read again on the whole window
    for language, stem in clips:
        before = models.transcriber.rechecks
        heard = hear(models, data / "asr" / f"{stem}.wav")
        rechecks[language] += models.transcriber.rechecks - before
        text = " ".join(s.text for h in heard for s in h.segments)
        references[language].append((data / "asr" / f"{stem}.txt").read_text())
        hypotheses[language].append(text)
        latencies[language].extend(h.latency for h in heard if h.segments)
        languages = [s.language for h in heard for s in h.segments]
        detected[language][0] += sum(code == language for code in languages)
        detected[language][1] += len(languages)
        figures[f"hyp_{stem}"] = {"text": text, "languages": languages}
    for language in ("en", "es"):
        lat = np.array(latencies[language])
        figures[f"wer_{language}"] = word_error_rate(references[language], hypotheses[language])
        figures[f"latency_{language}_p50_ms"] = float(1000 * np.percentile(lat, 50))
        figures[f"latency_{language}_p95_ms"] = float(1000 * np.percentile(lat, 95))
        figures[f"utterances_{language}"] = len(lat)
        right, total = detected[language]
        figures[f"detected_{language}"] = f"{right}/{total}"
        figures[f"rechecked_{language}"] = rechecks[language]
    figures["load_average_after"] = os.getloadavg()
    return figures


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument("--split", choices=("tune", "heldout", "all"), required=True)
    parser.add_argument("--routing", choices=("multilingual", "english_model"))
    parser.add_argument("--beam-size", type=int)
    parser.add_argument("--threads", type=int, help="asr.threads (the Whisper encoder's).")
    args = parser.parse_args()
    settings = load_settings()
    update: dict[str, object] = {"languages": ("en", "es")}
    if args.routing:
        update["routing"] = args.routing
    if args.beam_size:
        update["beam_size"] = args.beam_size
    if args.threads:
        update["threads"] = args.threads
    settings = settings.model_copy(update={"asr": settings.asr.model_copy(update=update)})
    models = listen_models.load(settings)
    figures = evaluate(args.data, args.split, models)
    figures["settings"] = settings.asr.model_dump(mode="json")
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
