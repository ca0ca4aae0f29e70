"""Why the live hub's polished text is worse than `showfloor-edge transcribe` of the same audio.

    .venv/bin/python -m eval.polish_gap --data ../shared/data [--show]

TUNE split only (`eval.live_wer.recordings(..., "tune", ...)`). Per recording, one live listen
(`LiveListener`, as `eval.live_wer`), then word errors (Whisper's English normaliser + jiwer,
`eval.live_wer.errors`, the same for every row) of:

- `offline`: `showfloor-edge transcribe` (`edge.listen.stream.transcribe_file`), its segments'
  text in order;
- `stored`: the live turns' stored text (re-decode with context);
- `polish bB`: the polish as the hub does it now (utterances joined, pauses cut to 1 s), beam B;
  `polish bB tail T`: the same with T s of silence after the last utterance (`--tail`);
- `polish bB in speech`: its words filtered as `transcribe` filters its own (`in_speech`: words
  outside the pieces dropped, the hallucination guard per piece);
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
import hashlib
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

from edge.audio.decode import load_audio
from edge.listen import models as listen_models
from edge.listen.asr import Recognition
from edge.listen.endpointer import Utterance
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.listen.pipeline import in_speech
from edge.listen.polish import Joined, Piece, blocks, join, polished_texts
from edge.listen.stream import transcribe_file
from edge.listen.utterances import find_utterances
from edge.listen.vad import SAMPLE_RATE
from edge.settings import load_settings
from eval.live_wer import TUNE_CLIPS, errors, listened, recordings

_LEAD_S = 1.0


def variants(models: ListeningModels, path: Path, tails: list[float]) -> tuple[dict[str, str], str]:
    """Each variant's text of one recording (one live listen), and how the live pieces cover it.

    Coverage: seconds of `transcribe`'s VAD speech outside the live pieces kept for the polish,
    and how many of `transcribe`'s words have their middle outside them.
    """
    samples = load_audio(path)
    coverage = ""

    async def listen() -> dict[str, str]:
        nonlocal coverage
        listener = LiveListener(models, [])
        live = await listened(listener, path, models.settings.asr.polish_max_s)
        stored, kept, said, spans = live.stored, live.kept, live.said, live.spans

        def mapped(decoded: list[tuple[Recognition, Joined]], since: float = 0.0) -> str:
            texts = polished_texts([(r.words, j) for r, j in decoded], spans, since)
            mine = list(stored)
            for i, text in zip(said, texts, strict=True):
                mine[i] = text if text is not None else stored[i]
            return " ".join(mine)

        out = {"stored": " ".join(stored)}
        for tail in (0.0, *tails):
            runs = [with_tail(join(run), tail) for run in blocks(kept.pieces())]
            for beam in (1, 5):
                decoded = []
                for joined in runs:
                    recognition = await listener.polish(joined, beam)
                    if recognition is not None:
                        decoded.append((recognition, joined))
                key = f"polish b{beam}" + (f" tail {tail:g}" if tail else "")
                out[key] = mapped(decoded, kept.dropped_until)
                if not tail:
                    filtered = [(in_speech(r, spoken(j)), j) for r, j in decoded]
                    out[f"{key} in speech"] = mapped(filtered, kept.dropped_until)
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
        inside = np.zeros(len(samples) + 1, dtype=bool)
        for piece in pieces:
            at = round(piece.start * SAMPLE_RATE)
            inside[at : at + len(piece.samples)] = True
        speech = np.zeros(len(samples) + 1, dtype=bool)
        for u in utterances:
            speech[round(u.start * SAMPLE_RATE) : round(u.end * SAMPLE_RATE)] = True
        outside = [
            w
            for w in file_words.words
            if not inside[min(len(samples), round((w.start + w.end) / 2 * SAMPLE_RATE))]
        ]
        coverage = (
            f"VAD speech outside the pieces {np.sum(speech & ~inside) / SAMPLE_RATE:.2f} s "
            f"of {np.sum(speech) / SAMPLE_RATE:.1f} s, pieces outside VAD speech "
            f"{np.sum(inside & ~speech) / SAMPLE_RATE:.2f} s, transcribe's words outside the "
            f"pieces {len(outside)} {[w.text.strip() for w in outside]}"
        )
        return out

    found = asyncio.run(listen())
    offline = transcribe_file(path, models, [])
    found["offline"] = " ".join(s.text for s in offline.segments)
    return found, coverage


def spoken(joined: Joined) -> list[Utterance]:
    """The pieces of `joined` as utterances in its own time (for `in_speech`)."""
    empty = np.zeros(0, dtype=np.float32)
    return [
        Utterance(at, at + len(p.samples) / SAMPLE_RATE, empty, len(p.samples) / SAMPLE_RATE)
        for at, p in zip(joined.offsets, joined.pieces, strict=True)
    ]


def with_tail(joined: Joined, tail_s: float) -> Joined:
    """`joined` with `tail_s` of silence after its last utterance (its times unchanged)."""
    silence = np.zeros(round(tail_s * SAMPLE_RATE), dtype=np.float32)
    return Joined(np.concatenate([joined.audio, silence]), joined.offsets, joined.pieces)


def noisy(path: Path, snr_db: float) -> None:
    """Add Gaussian noise `snr_db` under the RMS of the non-silent samples (seeded by name)."""
    samples = load_audio(path)
    heard = samples[np.abs(samples) > 1e-4]
    rms = float(np.sqrt(np.mean(heard**2))) if len(heard) else 0.0
    seed = int(hashlib.sha256(path.stem.encode()).hexdigest()[:8], 16)
    noise = np.random.default_rng(seed).normal(0.0, rms * 10 ** (-snr_db / 20), len(samples))
    sf.write(path, np.clip(samples + noise, -1, 1), SAMPLE_RATE, subtype="PCM_16")


def spaced(data: Path, tmp: Path, gap_s: float) -> list[tuple[str, Path, str]]:
    """The tune recordings of `eval.live_wer.recordings`, `gap_s` of silence between turns."""
    from bench.dialogues import DIALOGUES, names
    from harness.speech import make_dialogue

    gap = np.zeros(round(gap_s * SAMPLE_RATE), dtype=np.float32)
    parts = [gap]
    for clip in TUNE_CLIPS:
        parts += [load_audio(data / "asr" / f"{clip}.wav"), gap]
    stream = tmp / "librivox_tune.wav"
    sf.write(stream, np.concatenate(parts), SAMPLE_RATE, subtype="PCM_16")
    texts = " ".join((data / "asr" / f"{clip}.txt").read_text().strip() for clip in TUNE_CLIPS)
    found = [("librivox_tune", stream, texts)]
    for name in names("tune"):
        lines = DIALOGUES[name]
        wav = tmp / f"{name}.wav"
        make_dialogue([(line.voice, line.text) for line in lines], wav, gap_s=gap_s)
        found.append((name, wav, " ".join(line.text for line in lines)))
    return found


def shifted(models: ListeningModels, path: Path, reference: str, shifts_ms: list[int]) -> str:
    """`transcribe`'s whole-file decode (words in its VAD's speech) with zeros put in front.

    Each of `shifts_ms` milliseconds of silence before the file, at beam 1 (`transcribe`) and
    beam 5 (the polish): how much Whisper's text moves when the same audio starts a little later.
    """
    samples = load_audio(path)
    found = []
    for beam in (1, 5):
        for shift in shifts_ms:
            audio = np.concatenate([np.zeros(shift * SAMPLE_RATE // 1000, np.float32), samples])
            utterances = find_utterances(audio, models.speech_detector(), models.settings.vad)
            recognition = models.transcriber.recording(audio, beam_size=beam)
            wrong, _ = errors(reference, in_speech(recognition, utterances).text)
            found.append(f"b{beam} +{shift} ms {wrong}")
    return ", ".join(found)


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="Print the texts.")
    parser.add_argument(
        "--gap",
        type=float,
        help="Synthesize the tune recordings with this many seconds of silence between turns "
        "(between clips for LibriVox) instead of their own (0.7 s, 1 s): longer pauses.",
    )
    parser.add_argument(
        "--noise",
        type=float,
        metavar="SNR_DB",
        help="Add steady Gaussian noise (room tone, in the pauses too) this many dB under the "
        "speech's RMS to every recording.",
    )
    parser.add_argument(
        "--shift",
        nargs="*",
        type=int,
        metavar="MS",
        help="Instead of the variants: `transcribe`'s whole-file decode with this many ms of "
        "silence put in front (`shifted`).",
    )
    parser.add_argument(
        "--tail",
        nargs="*",
        type=float,
        default=[],
        help="Also polish with this much silence after each run's last utterance (`with_tail`).",
    )
    args = parser.parse_args()
    settings = load_settings()
    settings = settings.model_copy(update={"asr": settings.asr.model_copy(update={"polish": True})})
    models = listen_models.load(settings)
    totals: dict[str, int] = {}
    words = 0
    with tempfile.TemporaryDirectory() as tmp:
        found = (
            recordings(args.data, "tune", Path(tmp))
            if args.gap is None
            else spaced(args.data, Path(tmp), args.gap)
        )
        for name, audio, reference in found:
            if args.noise is not None:
                noisy(audio, args.noise)
            if args.shift:
                print(f"{name}: {shifted(models, audio, reference, args.shift)}", flush=True)
                continue
            texts, coverage = variants(models, audio, args.tail)
            row = []
            for key, text in texts.items():
                wrong, count = errors(reference, text)
                totals[key] = totals.get(key, 0) + wrong
                row.append(f"{key} {wrong}")
            words += count
            print(f"{name} ({count} words): " + ", ".join(row), flush=True)
            print(f"    {coverage}")
            if args.show:
                for key, text in texts.items():
                    print(f"    {key:12} {text}")
    if args.shift:
        return
    print(f"pooled ({words} words): " + ", ".join(f"{k} {v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
