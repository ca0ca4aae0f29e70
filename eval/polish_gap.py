"""Why the live hub's polished text is worse than `showfloor-edge transcribe` of the same audio.

    .venv/bin/python -m eval.polish_gap --data ../shared/data [--show]

TUNE split only (`eval.live_wer.recordings(..., "tune", ...)`). Per recording, one live listen
(`LiveListener`, as `eval.live_wer`), then word errors (Whisper's English normaliser + jiwer,
`eval.live_wer.errors`, the same for every row) of:

- `offline`: `showfloor-edge transcribe` (`edge.listen.stream.transcribe_file`), its segments'
  text in order;
- `stored`: the live turns' stored text (re-decode with context);
- `polish bB`: the polish as the hub does it now (utterances joined, pauses cut to 1 s), beam B;
- `cont bB`: the conversation's continuous audio (from 1 s before its first utterance to its
  last utterance's end, pauses kept) decoded the same way, beam B, words mapped to the turns
  by `polished_texts`;
- `file->turns`: the words of `transcribe`'s own decode of the whole file (beam 1, kept where
  its VAD found speech) mapped to the live turns by `polished_texts` (isolates the mapping);
- `filetext` : the same decode's words, unmapped (`transcribe`'s text without diarization).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

import numpy as np

from edge.audio.decode import load_audio
from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen.asr import Recognition
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.listen.pipeline import in_speech
from edge.listen.polish import Joined, Piece, SpeechKept, blocks, join, polished_texts
from edge.listen.stream import transcribe_file
from edge.listen.utterances import find_utterances
from edge.listen.vad import SAMPLE_RATE
from edge.settings import load_settings
from eval.live_wer import errors, recordings

_LEAD_S = 1.0


def variants(models: ListeningModels, path: Path) -> dict[str, str]:
    """Each variant's text of one recording (one live listen)."""
    samples = load_audio(path)

    async def listen() -> dict[str, str]:
        listener = LiveListener(models, [])
        heard = [h async for h in listener.listen(aiter(FileSource(path)))]
        stored: list[str] = []
        for h in heard:
            revised = await h.revised if h.revised is not None else None
            stored += list(revised or (s.text for s in h.segments))
        kept = SpeechKept(models.settings.asr.polish_max_s)
        for h in heard:
            if h.audio is not None and any(s.text.strip() for s in h.segments):
                kept.add(h.start, h.audio)
        segments = [s for h in heard for s in h.segments]
        said = [i for i, s in enumerate(segments) if s.text.strip()]
        spans = [(segments[i].start, segments[i].end) for i in said]

        def mapped(decoded: list[tuple[Recognition, Joined]], since: float = 0.0) -> str:
            texts = polished_texts([(r.words, j) for r, j in decoded], spans, since)
            mine = list(stored)
            for i, text in zip(said, texts, strict=True):
                mine[i] = text if text is not None else stored[i]
            return " ".join(mine)

        out = {"stored": " ".join(stored)}
        runs = [join(run) for run in blocks(kept.pieces())]
        for beam in (1, 5):
            decoded = []
            for joined in runs:
                recognition = await listener.polish(joined, beam)
                if recognition is not None:
                    decoded.append((recognition, joined))
            out[f"polish b{beam}"] = mapped(decoded, kept.dropped_until)
        pieces = kept.pieces()
        first = max(0.0, pieces[0].start - _LEAD_S)
        last = pieces[-1].end
        audio = samples[round(first * SAMPLE_RATE) : round(last * SAMPLE_RATE)]
        whole = Piece(first, (np.clip(audio, -1, 1) * 32767).astype(np.int16))
        continuous = Joined((whole.samples / 32767).astype(np.float32), (0.0,), (whole,))
        for beam in (1, 5):
            recognition = await listener.polish(continuous, beam)
            if recognition is not None:
                out[f"cont b{beam}"] = mapped([(recognition, continuous)])
        utterances = find_utterances(samples, models.speech_detector(), models.settings.vad)
        file_words = in_speech(models.transcriber.recording(samples), utterances)
        at_zero = Piece(0.0, np.zeros(len(samples), dtype=np.int16))
        out["file->turns"] = mapped([(file_words, Joined(samples, (0.0,), (at_zero,)))])
        out["filetext"] = file_words.text
        return out

    found = asyncio.run(listen())
    offline = transcribe_file(path, models, [])
    found["offline"] = " ".join(s.text for s in offline.segments)
    return found


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="Print the texts.")
    args = parser.parse_args()
    settings = load_settings()
    settings = settings.model_copy(update={"asr": settings.asr.model_copy(update={"polish": True})})
    models = listen_models.load(settings)
    totals: dict[str, int] = {}
    words = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, audio, reference in recordings(args.data, "tune", Path(tmp)):
            texts = variants(models, audio)
            row = []
            for key, text in texts.items():
                wrong, count = errors(reference, text)
                totals[key] = totals.get(key, 0) + wrong
                row.append(f"{key} {wrong}")
            words += count
            print(f"{name} ({count} words): " + ", ".join(row), flush=True)
            if args.show:
                for key, text in texts.items():
                    print(f"    {key:12} {text}")
    print(f"pooled ({words} words): " + ", ".join(f"{k} {v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
