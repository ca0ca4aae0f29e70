"""Language detection on the live encoder window, and when to read Whisper's whole window again.

    PYTHONPATH=$PWD .venv/bin/python -m eval.language_recheck --data ../shared/data \
        [--out ROWS.jsonl]

Tune data only (nothing here reads a held-out clip): every input the live hub's speech to text
gets (utterances and guesses, from the `LiveListener`'s endpointer on the file, not paced) of
the `tune` split of `eval.languages` (es_fleurs01, 04, 05 and concat_en_ref), of the bilingual
replay's espeak-ng dialogue (tests/edge/cli/test_replay_bilingual.py) and of the tune split of
`bench.dialogues` (espeak-ng, English), plus single espeak-ng sentences: the Spanish and English
`dev` lines of `eval/data/understand_es.jsonl` and `understand.jsonl`, spoken by a voice in turn
with 0.3 s of silence either side (as the endpointer pads an utterance).

For each input, `detect_language` among `en`, `es` on the live window (`asr.live_encoder_window_s`)
and on Whisper's whole 30 s window: its language and probability (renormalised over the two).
Then, for each threshold, what the rule "read the whole window again when the live window's
probability is below the threshold" would do: inputs re-read, and languages still wrong.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from bench.dialogues import DIALOGUES, split_of
from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen.asr import Recognition, WhisperTranscriber, window_frames
from edge.listen.endpointer import Utterance
from edge.listen.language import detect_language
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.settings import load_settings
from eval.languages import ENGLISH_CLIPS, spanish_clips
from harness.speech import SALESPERSON, make_dialogue, speak

#: tests/edge/cli/test_replay_bilingual.py's dialogue (voice, text).
BILINGUAL = [
    (SALESPERSON, "Good morning, welcome to the showroom. I'm Sam. What can I help you with?"),
    ("es-419+f3", "Buenos días. Nos gusta la camioneta, pero el precio es demasiado alto."),
    (SALESPERSON, "I hear you. What monthly payment would fit your budget?"),
    ("es-419+f3", "No sé. ¿Podemos hacer una prueba de manejo primero?"),
    ("en-us+f3", "And how much will you give me for my old car as a trade in?"),
    (SALESPERSON, "We can appraise your car today while you drive it."),
]
SPANISH_VOICES = ("es-419", "es", "es-419+f3", "es+m3", "es-419+m3", "es+f3")
ENGLISH_VOICES = ("en-us", "en-us+f3", "en-gb", "en-us+m3")
_PAD = np.zeros(4800, dtype=np.float32)  # 0.3 s


@dataclass(frozen=True)
class Row:
    """One input and both windows' guesses."""

    source: str
    truth: str
    seconds: float
    short: str
    short_p: float
    full: str
    full_p: float


class _Capturing(LiveListener):
    """The live listener, keeping what its speech to text is given instead of transcribing it.

    With no text, no guess ends an utterance on a sentence: the utterances are the endpointer's.
    """

    def __init__(self, models: ListeningModels) -> None:
        super().__init__(models, [])
        self.inputs: list[Utterance] = []

    def _transcribe_alone(self, utterance: Utterance) -> Recognition:
        self.inputs.append(utterance)
        return Recognition(text="", language="", words=())


def live_inputs(models: ListeningModels, path: Path) -> list[Utterance]:
    """Every input the live hub's speech to text gets for `path`."""

    async def listen() -> list[Utterance]:
        listener = _Capturing(models)
        async for _ in listener.listen(aiter(FileSource(path, realtime=False))):
            pass
        return listener.inputs

    return asyncio.run(listen())


def dialogue_inputs(
    models: ListeningModels, turns: list[tuple[str, str]], tmp: Path
) -> list[tuple[str, NDArray[np.float32]]]:
    """(language of the turn it overlaps most, samples) of each live input of a dialogue."""
    wav = tmp / "dialogue.wav"
    timeline = make_dialogue(turns, wav, gap_s=0.7)
    out = []
    for utterance in live_inputs(models, wav):
        overlap = [
            max(0.0, min(utterance.end, t.end) - max(utterance.start, t.start)) for t in timeline
        ]
        voice = timeline[int(np.argmax(overlap))].voice
        out.append((voice[:2], utterance.samples))
    return out


def sentences(path: Path, voices: tuple[str, ...]) -> list[tuple[str, NDArray[np.float32]]]:
    """The `dev` lines of an understanding data file, spoken by `voices` in turn."""
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    texts = [line["text"] for line in lines if line.get("split") == "dev"]
    spoken = []
    for i, text in enumerate(texts):
        voice = voices[i % len(voices)]
        spoken.append((voice, np.concatenate([_PAD, speak(text, voice), _PAD])))
    return spoken


def guesses(
    transcriber: WhisperTranscriber, samples: NDArray[np.float32], frames: int
) -> tuple[str, float]:
    """`detect_language` among en, es with the encoder reading at least `frames`."""
    model = transcriber._model  # the multilingual model, as `WhisperTranscriber` detects
    model.window.frames = frames
    guess = detect_language(model, samples, ("en", "es"))
    return guess.language, guess.probability


def rows(data: Path, models: ListeningModels) -> list[Row]:
    """Both windows' guesses for every tune input."""
    inputs: list[tuple[str, str, NDArray[np.float32]]] = []
    for stem in (*ENGLISH_CLIPS, *spanish_clips(data, "tune")):
        truth = "en" if stem in ENGLISH_CLIPS else "es"
        path = data / "asr" / f"{stem}.wav"
        inputs += [(stem, truth, u.samples) for u in live_inputs(models, path)]
    with tempfile.TemporaryDirectory() as tmp:
        dialogues = {"bilingual_replay": BILINGUAL} | {
            name: [(line.voice, line.text) for line in lines]
            for name, lines in DIALOGUES.items()
            if split_of(name) == "tune"
        }
        for name, turns in dialogues.items():
            found = dialogue_inputs(models, turns, Path(tmp))
            inputs += [(name, truth, samples) for truth, samples in found]
    here = Path(__file__).parent / "data"
    for file, voices in (("understand_es", SPANISH_VOICES), ("understand", ENGLISH_VOICES)):
        for voice, samples in sentences(here / f"{file}.jsonl", voices):
            inputs.append((f"{file}:{voice}", voice[:2], samples))
    transcriber = models.transcriber
    live = window_frames(models.settings.asr.live_encoder_window_s)
    out = []
    for source, truth, samples in inputs:
        short, short_p = guesses(transcriber, samples, live)
        full, full_p = guesses(transcriber, samples, window_frames(30.0))
        seconds = round(len(samples) / 16000, 2)
        out.append(Row(source, truth, seconds, short, short_p, full, full_p))
    return out


def summary(found: list[Row], thresholds: list[float]) -> list[dict[str, object]]:
    """For each threshold: inputs re-read on the whole window and languages still wrong."""
    table = []
    for threshold in thresholds:
        reread = [r for r in found if r.short_p < threshold]
        wrong = sum((r.full if r.short_p < threshold else r.short) != r.truth for r in found)
        table.append(
            {
                "threshold": threshold,
                "reread": f"{len(reread)}/{len(found)}",
                "wrong": wrong,
                "wrong_es": sum(
                    (r.full if r.short_p < threshold else r.short) != r.truth
                    for r in found
                    if r.truth == "es"
                ),
            }
        )
    return table


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument("--out", type=Path, help="Write every input's row here (JSON lines).")
    args = parser.parse_args()
    settings = load_settings()
    asr = settings.asr.model_copy(update={"languages": ("en", "es")})
    models = listen_models.load(settings.model_copy(update={"asr": asr}))
    load = os.getloadavg()
    found = rows(args.data, models)
    if args.out:
        args.out.write_text("".join(json.dumps(asdict(r)) + "\n" for r in found))
    thresholds = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 1.01]
    short_wrong = [asdict(r) for r in found if r.short != r.truth]
    full_wrong = [asdict(r) for r in found if r.full != r.truth]
    figures = {
        "load_average": load,
        "inputs": len(found),
        "short_window_wrong": short_wrong,
        "full_window_wrong": full_wrong,
        "rule": summary(found, thresholds),
        "load_average_after": os.getloadavg(),
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
