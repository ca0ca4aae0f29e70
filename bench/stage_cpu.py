"""CPU seconds per utterance of each stage of the live hub's coaching path, one at a time.

    .venv/bin/python -m bench.stage_cpu [--split tune|heldout|all]
    .venv/bin/python -m bench.stage_cpu --split all --windows 30 10 4

Each reference turn of the split's dialogues (`bench.dialogues`, cut at its reference start and
end with 0.3 s either side) is run through every stage in turn, in one thread at a time, and
the process's CPU time (every thread: CTranslate2 and onnxruntime's too) is read around each
call. Unlike wall time on the shared machine, this hardly depends on the other jobs running.
Stages: speech to text alone (the fast path), the same with the lead-in of the turns before it
(`asr.live_lead_in_s`: the context path, on its own model, `asr.live_redecode_model`), the
diarization's segmentation and embeddings (`OnlineDiarizer.analyse`), and the understanding's
reading (labels and sentiment). Prints the median and mean per stage, and the 1-min load.

`--windows`: speech to text alone only, with each least encoder window
(`asr.live_encoder_window_s`; 30 is Whisper's full window); for each, the CPU per utterance and
the word error rate against the script (Whisper's English normaliser, jiwer, as
`eval.live_wer`), pooled over the turns.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from bench.dialogues import Split, names, write
from bench.reference import read_reference
from edge.audio.decode import load_audio
from edge.listen import models as listen_models
from edge.listen.diarize_online import OnlineDiarizer
from edge.settings import load_settings
from edge.understand.models import load_embedder
from edge.understand.understander import build_understander

_PAD_S = 0.3
T = TypeVar("T")


def cpu(call: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    """(process CPU seconds, result) of `call(*args, **kwargs)`."""
    before = time.process_time()
    result = call(*args, **kwargs)
    return time.process_time() - before, result


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="tune")
    parser.add_argument("--windows", type=float, nargs="*", help="Seconds (see above).")
    args = parser.parse_args()
    if args.windows:
        windows(args.split, args.windows)
        return
    settings = load_settings()
    models = listen_models.load(settings)
    understander = build_understander(
        load_embedder(settings.models.bundle_dir, weights=settings.understanding.embedder_weights),
        settings.understanding,
    )
    context = models.context_transcriber()
    asr = settings.asr
    stages: dict[str, list[float]] = {"asr alone": [], "asr with lead-in": [], "diarize": []}
    stages["understand"] = []
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for name in names(args.split):
            wav, tsv = write(name, Path(tmp))
            audio = load_audio(wav)
            diarizer = OnlineDiarizer(models.segmenter, models.embedder, settings.diarization, [])
            said: list[tuple[float, str]] = []
            for turn in read_reference(tsv):
                start = max(0.0, turn.start - _PAD_S)
                samples = audio[round(start * 16000) : round((turn.end + _PAD_S) * 16000)]
                took, recognition = cpu(
                    models.transcriber, samples, word_timing=asr.live_word_timing
                )
                stages["asr alone"].append(took)
                text = recognition.text
                kept = [(s, t) for s, t in said if s >= turn.end + _PAD_S - asr.live_lead_in_s]
                if kept:
                    lead_in = audio[round(kept[0][0] * 16000) : round(start * 16000)]
                    words = " ".join(t for _, t in kept)
                    took, _ = cpu(
                        context,
                        samples,
                        word_timing=False,
                        lead_in=lead_in,
                        lead_in_text=words,
                    )
                    stages["asr with lead-in"].append(took)
                said.append((start, text))
                took, _ = cpu(diarizer.analyse, np.asarray(samples, np.float32))
                stages["diarize"].append(took)
                took, _ = cpu(understander.read, text, "en")
                stages["understand"].append(took)
            loads.append(os.getloadavg()[0])
    for stage, times in stages.items():
        print(
            f"{stage:18s} n={len(times):3d}  median {statistics.median(times):.3f} s  "
            f"mean {statistics.fmean(times):.3f} s CPU per utterance"
        )
    print(f"1-min load {min(loads):.1f}-{max(loads):.1f}")


def windows(split: Split, least: list[float]) -> None:
    """CPU and WER of speech to text alone, for each least encoder window (`--windows`)."""
    from eval.live_wer import errors

    settings = load_settings()
    loaded = listen_models.load(settings).transcriber
    by_label = {f"least window {s:g} s": loaded.with_window(s) for s in least}
    cpus: dict[str, list[float]] = {label: [] for label in by_label}
    wrong = dict.fromkeys(cpus, 0)
    words = 0
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for name in names(split):
            wav, tsv = write(name, Path(tmp))
            audio = load_audio(wav)
            for turn in read_reference(tsv):
                start = max(0.0, turn.start - _PAD_S)
                samples = audio[round(start * 16000) : round((turn.end + _PAD_S) * 16000)]
                words += errors(turn.text, turn.text)[1]
                for label, transcriber in by_label.items():
                    took, recognition = cpu(
                        transcriber, samples, word_timing=settings.asr.live_word_timing
                    )
                    cpus[label].append(took)
                    wrong[label] += errors(turn.text, recognition.text)[0]
            loads.append(os.getloadavg()[0])
    for label, times in cpus.items():
        print(
            f"{label:22s} n={len(times):3d}  CPU median {statistics.median(times):.3f} s  "
            f"mean {statistics.fmean(times):.3f} s; WER {wrong[label] / words:.1%} "
            f"({wrong[label]}/{words})"
        )
    print(f"1-min load {min(loads):.1f}-{max(loads):.1f}")


if __name__ == "__main__":
    main()
