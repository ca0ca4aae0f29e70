"""Quick turns on a bilingual site: is each turn of a synthetic dialogue heard in its language?

    .venv/bin/python -m eval.quick_turns [--split-pause-ms N] [--gaps 0.4 0.55 0.7 0.85 1.0]

espeak-ng dialogues (`harness.speech.make_dialogue`): a salesperson (English) and a customer
(Spanish) take turns, 3 each, `gap` s apart, either first; voices and lines vary by dialogue.
Synthetic only: no real clip is read. Each dialogue goes through the live hub's endpointer
(`find_utterances`: the live utterances, without speculation's early ends) and the live fast path's
speech to text (`WhisperTranscriber` with the utterance's pauses); each turn takes the language of
the utterance overlapping it most, at the turn (`Recognition.language_of`). Reported: turns heard
in the wrong language per gap, and seconds of speech to text per second of audio.

Rule (written before the figures were read): `asr.live_language_split_pause_ms` keeps its
reasoned value (300) if it gives fewer wrong turns than 0 over all gaps and no more at 0.7-1.0 s
(turns the endpointer already separates); it is not tuned on these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import soundfile as sf

from edge.listen import models as listen_models
from edge.listen.utterances import find_utterances
from edge.settings import load_settings
from harness.speech import make_dialogue

ENGLISH = (
    "Good morning, welcome to the showroom. What can I help you with?",
    "What monthly payment would fit your budget?",
    "We can appraise your car today while you drive it.",
    "The hybrid gets about forty miles per gallon on the highway.",
    "And how much will you give me for my old car as a trade in?",
    "Let me check if we have that color on the lot.",
)
SPANISH = (
    "Buenos días. Nos gusta la camioneta, pero el precio es demasiado alto.",
    "No sé. ¿Podemos hacer una prueba de manejo primero?",
    "¿Cuánto cuesta el seguro cada mes?",
    "Mi esposa quiere un coche más grande para los niños.",
    "Necesito pensarlo un poco más antes de firmar.",
    "¿Tienen financiamiento sin enganche?",
)
SALESPEOPLE = ("en-us", "en-gb", "en-us+m3")
CUSTOMERS = ("es-419+f3", "es+f2", "es-419+m2")


def dialogues(gaps: list[float]) -> list[tuple[str, float, list[tuple[str, str]]]]:
    """(name, gap, turns) of every dialogue: each gap, English or Spanish first."""
    found = []
    for index, (gap, spanish_first) in enumerate((g, f) for g in gaps for f in (False, True)):
        salesperson, customer = SALESPEOPLE[index % 3], CUSTOMERS[index % 3]
        turns: list[tuple[str, str]] = []
        for line in range(3):
            english = (salesperson, ENGLISH[(index + line) % len(ENGLISH)])
            spanish = (customer, SPANISH[(index + 2 * line) % len(SPANISH)])
            turns += [spanish, english] if spanish_first else [english, spanish]
        found.append((f"gap{gap}-{'es' if spanish_first else 'en'}-first", gap, turns))
    return found


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split-pause-ms", type=int, help="asr.live_language_split_pause_ms")
    parser.add_argument("--gaps", type=float, nargs="+", default=[0.4, 0.55, 0.7, 0.85, 1.0])
    args = parser.parse_args()
    settings = load_settings()
    update: dict[str, object] = {"languages": ("en", "es")}
    if args.split_pause_ms is not None:
        update["live_language_split_pause_ms"] = args.split_pause_ms
    settings = settings.model_copy(update={"asr": settings.asr.model_copy(update=update)})
    models = listen_models.load(settings)
    word_timing = settings.asr.live_word_timing
    wrong: dict[str, list[str]] = {}
    audio_s = asr_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, gap, lines in dialogues(args.gaps):
            wav = Path(tmp) / f"{name}.wav"
            truth = make_dialogue(lines, wav, gap_s=gap)
            samples, _ = sf.read(wav, dtype="float32")
            audio_s += len(samples) / 16000
            heard = []
            for utterance in find_utterances(samples, models.speech_detector(), settings.vad):
                started = time.process_time()
                recognition = models.transcriber(
                    utterance.samples, word_timing=word_timing, pauses=utterance.pauses
                )
                asr_s += time.process_time() - started
                heard.append((utterance, recognition))
            for turn in truth:
                spoken = "es" if turn.voice.startswith("es") else "en"
                utterance, recognition = max(
                    heard, key=lambda h: min(turn.end, h[0].end) - max(turn.start, h[0].start)
                )
                offset = utterance.start
                language = recognition.language_of(turn.start - offset, turn.end - offset)
                key = f"gap {gap}"
                wrong.setdefault(key, [])
                if language != spoken:
                    wrong[key].append(f"{name}: {spoken} heard {language}: {turn.text}")
    figures = {
        "split_pause_ms": settings.asr.live_language_split_pause_ms,
        "turns_per_gap": 12,
        "wrong_per_gap": {gap: len(w) for gap, w in wrong.items()},
        "wrong": sum(len(w) for w in wrong.values()),
        "asr_cpu_s_per_audio_s": round(asr_s / audio_s, 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "wrong_turns": wrong,
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
