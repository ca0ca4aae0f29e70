"""Word error rate of the live hub's text (`LiveListener`, utterance by utterance).

    .venv/bin/python -m eval.live_wer --data ../shared/data --split tune|heldout
        [--grid WORDS:SECONDS ...]

Each recording is fed to a fresh `LiveListener` as fast as it takes it (same utterances as in
real time, except that a guess of `vad.speculate_after_ms` rarely finishes inside a pause);
the text of every segment is joined and scored against the reference with Whisper's English
normaliser and jiwer (as `eval.listen`). Two texts: as first heard (each utterance alone: what
is coached) and as stored (each turn's re-decode with context, `Heard.revised`, waited for
without a bound: what the turn events carry when the context path keeps up; the real-time bench
`bench.coach --full` counts the re-decodes given up on). Prints WER per recording and pooled
(errors over reference words) for each (`asr.live_context_words`, `asr.live_lead_in_s`) asked
for.

Split (`bench.dialogues.split_of`, fixed before measuring; docs/benchmarks.md): tune is the
LibriVox clips librivox_0870, 0880, 0890 and 0930 played one after another (1 s apart) and the
tune dialogues of `bench.dialogues`; held-out is `diarization/sample` (its STM), `asr/jfk` and
`asr/concat_en_ref` (which contains the four tune clips).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from edge.audio.decode import load_audio
from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.listen.polish import SpeechKept, blocks, join, polished_texts
from edge.listen.transcript import Segment
from edge.settings import load_settings
from eval.listen import stm_text

TUNE_CLIPS = ("librivox_0870", "librivox_0880", "librivox_0890", "librivox_0930")
JFK = (
    "And so my fellow Americans, ask not what your country can do for you, ask what you can "
    "do for your country."
)


def recordings(data: Path, split: str, tmp: Path) -> list[tuple[str, Path, str]]:
    """(name, audio, reference text) of a split."""
    from bench.dialogues import DIALOGUES, names, write

    if split == "heldout":
        return [
            ("sample", data / "diarization/sample.wav", stm_text(data / "diarization/sample.stm")),
            ("jfk", data / "asr/jfk.flac", JFK),
            (
                "concat_en_ref",
                data / "asr/concat_en_ref.wav",
                (data / "asr/concat_en_ref.txt").read_text(),
            ),
        ]
    gap = np.zeros(16000, dtype=np.float32)
    parts = [gap]
    for clip in TUNE_CLIPS:
        parts += [load_audio(data / "asr" / f"{clip}.wav"), gap]
    stream = tmp / "librivox_tune.wav"
    sf.write(stream, np.concatenate(parts), 16000, subtype="PCM_16")
    texts = " ".join((data / "asr" / f"{clip}.txt").read_text().strip() for clip in TUNE_CLIPS)
    found = [("librivox_tune", stream, texts)]
    for name in names("tune"):
        wav, _ = write(name, tmp)
        found.append((name, wav, " ".join(line.text for line in DIALOGUES[name])))
    return found


def live_text(
    models: ListeningModels, path: Path, beams: list[int]
) -> tuple[str, str, dict[int, str]]:
    """The live hub's text of a recording: as first heard, as stored, as polished per beam.

    As polished: with `asr.polish`, the recording taken for one conversation, polished once
    it has ended (`edge.listen.polish`, the way `edge.understand.polish.TurnPolisher` does)
    with each beam width of `beams`; each turn keeps its stored text where the polish gave it
    no word.
    """

    async def listen() -> tuple[str, str, dict[int, str]]:
        listener = LiveListener(models, [])
        live = await listened(listener, path, models.settings.asr.polish_max_s)
        first = [segment.text for segment in live.segments]
        stored, kept, said, spans = live.stored, live.kept, live.said, live.spans
        runs = [join(run) for run in blocks(kept.pieces())]
        polished: dict[int, str] = {}
        for beam in beams:
            started = time.process_time()
            decoded = []
            for joined in runs:
                recognition = await listener.polish(joined, beam)
                if recognition is not None:
                    decoded.append((recognition.words, joined))
            cpu = time.process_time() - started
            speech_min = sum(len(j.audio) for j in runs) / 16000 / 60
            print(f"    polish beam {beam}: {cpu / speech_min:.1f} CPU s per minute of speech "
                  f"({cpu:.1f} s over {speech_min * 60:.0f} s)", flush=True)  # fmt: skip
            texts = polished_texts(decoded, spans, kept.dropped_until)
            mine = list(stored)
            for i, text in zip(said, texts, strict=True):
                mine[i] = text if text is not None else stored[i]
            polished[beam] = " ".join(mine)
        return " ".join(first), " ".join(stored), polished

    return asyncio.run(listen())


@dataclass
class Listened:
    """A recording heard by the live hub, as the polish starts from it."""

    #: Each segment's text as stored (the re-decode with context, or as first heard).
    stored: list[str]
    #: The utterances' audio kept for the polish.
    kept: SpeechKept
    #: Every segment heard, and the indices of those with words (the turns) and their times.
    segments: list[Segment]
    said: list[int]
    spans: list[tuple[float, float]]


async def listened(listener: LiveListener, path: Path, polish_max_s: float) -> Listened:
    """Feed `path` to `listener` as fast as it takes it; its text and the audio kept."""
    heard = [h async for h in listener.listen(aiter(FileSource(path)))]
    stored: list[str] = []
    for h in heard:
        revised = await h.revised if h.revised is not None else None
        stored += list(revised or (s.text for s in h.segments))
    kept = SpeechKept(polish_max_s)
    for h in heard:
        if h.audio is not None and any(s.text.strip() for s in h.segments):
            kept.add(h.start, h.audio)
    segments = [s for h in heard for s in h.segments]
    said = [i for i, s in enumerate(segments) if s.text.strip()]
    spans = [(segments[i].start, segments[i].end) for i in said]  # the turns
    return Listened(stored, kept, segments, said, spans)


def errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word errors, reference words) after Whisper's English normalisation."""
    import jiwer
    from whisper_normalizer.english import EnglishTextNormalizer

    normalise = EnglishTextNormalizer()
    ref, hyp = normalise(reference), normalise(hypothesis)
    out = jiwer.process_words(ref, hyp)
    return out.substitutions + out.deletions + out.insertions, len(ref.split())


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", choices=("tune", "heldout"), required=True)
    parser.add_argument(
        "--grid", nargs="*", help="WORDS:SECONDS pairs (default: the configured ones)."
    )
    parser.add_argument("--show", action="store_true", help="Print the hypotheses.")
    parser.add_argument(
        "--polish",
        nargs="*",
        type=int,
        metavar="BEAM",
        help="Also the text polished after the conversation (`asr.polish`), for each beam "
        "width given (default: `asr.polish_beam_size`).",
    )
    args = parser.parse_args()
    settings = load_settings()
    configured = f"{settings.asr.live_context_words}:{settings.asr.live_lead_in_s}"
    choices = [(int(w), float(x)) for w, x in (g.split(":") for g in args.grid or [configured])]
    beams = list(args.polish or [settings.asr.polish_beam_size]) if args.polish is not None else []
    with tempfile.TemporaryDirectory() as tmp:
        files = recordings(args.data, args.split, Path(tmp))
        for words, lead_in in choices:
            update: dict[str, object] = {"live_context_words": words, "live_lead_in_s": lead_in}
            if beams:
                update["polish"] = True
            asr = settings.asr.model_copy(update=update)
            models = listen_models.load(settings.model_copy(update={"asr": asr}))
            total = [0, 0, 0]
            wrong_polished = dict.fromkeys(beams, 0)
            setting = f"context {words:3d} lead-in {lead_in:4.1f}"
            for name, audio, reference in files:
                first, stored, polished = live_text(models, audio, beams)
                wrong_first, count = errors(reference, first)
                wrong, _ = errors(reference, stored)
                total[0] += wrong
                total[1] += count
                total[2] += wrong_first
                line = (
                    f"{setting} {name}: stored WER {wrong / count:.1%} ({wrong}/{count}), "
                    f"first heard {wrong_first / count:.1%}"
                )
                for beam, text in polished.items():
                    wrong_beam, _ = errors(reference, text)
                    wrong_polished[beam] += wrong_beam
                    line += f", polished beam {beam} {wrong_beam / count:.1%} ({wrong_beam})"
                print(line, flush=True)
                if args.show:
                    print(f"    first:  {first}\n    stored: {stored}")
                    for beam, text in polished.items():
                        print(f"    polished beam {beam}: {text}")
            line = (
                f"{setting} pooled: stored WER {total[0] / total[1]:.1%} "
                f"({total[0]}/{total[1]}), first heard {total[2] / total[1]:.1%}"
            )
            for beam, wrong in wrong_polished.items():
                line += f", polished beam {beam} {wrong / total[1]:.1%} ({wrong}/{total[1]})"
            print(f"{line}; 1-min load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
