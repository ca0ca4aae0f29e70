"""Speed and memory of the listening pipeline, against the issue's targets.

    .venv/bin/python -m bench.listen --data ../shared/data [--runs 5] [--json]

Offline: real-time factor (wall time / audio time) of `pipeline.transcribe` on
speed/lecture_60s.wav with the models already loaded (load time reported apart), and of its
stages (VAD, diarization, ASR) timed by calling them the way `transcribe` does.

Live: `LiveListener` over `FileSource(realtime=True)`, paced like a microphone, on a scripted
espeak-ng showroom dialogue and two real recordings. Latency is from the endpointer deciding an
utterance ended to its transcript being ready, pooled over every utterance of every run.

Memory: peak RSS (VmHWM) of a fresh process (`bench.rss`) that loads every configured model and
runs the offline pipeline once on lecture_60s.wav. Each figure is the median over `--runs`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel

from edge.audio.decode import load_audio
from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen import pipeline
from edge.listen.diarize_offline import OfflineDiarizer
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.listen.utterances import find_utterances
from edge.settings import load_settings
from harness.speech import CUSTOMER, SALESPERSON, make_dialogue

SAMPLE_RATE = 16000
LECTURE = "speed/lecture_60s.wav"
RECORDINGS = ("diarization/sample.wav", "asr/concat_en_ref.wav")
MAX_RTF = 0.15
MAX_P95_S = 0.5
LONGEST_S = 8.0
MAX_RSS_MB = 700.0

SHOWROOM = [
    (SALESPERSON, "Hi there, welcome in. Are you looking at anything in particular today?"),
    (CUSTOMER, "Yes, the RAV4 hybrid."),
    (SALESPERSON, "Great choice. The hybrid gets about forty miles per gallon in the city."),
    (CUSTOMER, "What does the XLE trim add over the base model, and is all-wheel drive standard?"),
    (SALESPERSON, "All-wheel drive is standard on every hybrid."),
    (
        SALESPERSON,
        "The XLE adds a power moonroof, heated seats, dual zone climate control and "
        "blind spot monitoring, and it is about two thousand dollars more.",
    ),
    (CUSTOMER, "Okay."),
    (CUSTOMER, "What would the monthly payment be on a lease, with three thousand down?"),
    (SALESPERSON, "Let me run the numbers. Would you like to take it on a test drive first?"),
    (CUSTOMER, "Sure, let's do that."),
]


class LiveFigures(BaseModel):
    """Live latency over every utterance of every run, in seconds."""

    utterances: int
    p50_s: float
    p95_s: float
    max_s: float
    p95_up_to_8s_s: float
    utterances_over_8s: int
    length_p50_s: float
    length_p95_s: float
    length_max_s: float


class Report(BaseModel):
    """Every figure of one benchmark run."""

    runs: int
    audio_s: float
    load_s: float
    rtf: float
    rtf_vad: float
    rtf_diarization: float
    rtf_asr: float
    live: LiveFigures
    peak_rss_mb: float
    peak_rss_max_mb: float


def time_offline(models: ListeningModels, samples: NDArray[np.float32]) -> list[float]:
    """Seconds for the whole of `pipeline.transcribe`, then its VAD, diarization and ASR."""
    settings = models.settings
    start = time.perf_counter()
    pipeline.transcribe(samples, LECTURE, models, [])
    whole = time.perf_counter() - start
    start = time.perf_counter()
    find_utterances(samples, models.speech_detector(), settings.vad)
    vad = time.perf_counter() - start
    start = time.perf_counter()
    OfflineDiarizer(models.segmenter, models.embedder, settings.diarization)(samples)
    diarization = time.perf_counter() - start
    start = time.perf_counter()
    models.transcriber.recording(samples)
    asr = time.perf_counter() - start
    return [whole, vad, diarization, asr]


async def listen_live(models: ListeningModels, path: Path) -> list[tuple[float, float]]:
    """(utterance length, latency) of each utterance of `path` replayed in real time."""
    source = FileSource(path, models.settings.audio.frame_ms, realtime=True)
    listener = LiveListener(models, [])
    heard = listener.listen(aiter(source))
    return [(h.end - h.start, h.latency) async for h in heard]


def live_figures(heard: list[tuple[float, float]]) -> LiveFigures:
    """Latency and utterance-length percentiles."""
    lengths = np.array([length for length, _ in heard])
    latencies = np.array([latency for _, latency in heard])
    short = latencies[lengths <= LONGEST_S]
    return LiveFigures(
        utterances=len(heard),
        p50_s=float(np.percentile(latencies, 50)),
        p95_s=float(np.percentile(latencies, 95)),
        max_s=float(latencies.max()),
        p95_up_to_8s_s=float(np.percentile(short, 95)) if len(short) else float("nan"),
        utterances_over_8s=int((lengths > LONGEST_S).sum()),
        length_p50_s=float(np.percentile(lengths, 50)),
        length_p95_s=float(np.percentile(lengths, 95)),
        length_max_s=float(lengths.max()),
    )


def peak_rss_mb(audio: Path) -> float:
    """Peak RSS in MiB of a fresh process loading the models and transcribing `audio`."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.rss", str(audio)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return int(done.stdout.split()[-1]) / 1024


def measure(data: Path, runs: int) -> Report:
    """Run every benchmark `runs` times."""
    start = time.perf_counter()
    models = listen_models.load(load_settings())
    load_s = time.perf_counter() - start
    samples = load_audio(data / LECTURE)
    audio_s = len(samples) / SAMPLE_RATE
    offline = [time_offline(models, samples) for _ in range(runs)]
    rtf = [statistics.median(run[i] for run in offline) / audio_s for i in range(4)]
    heard: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        dialogue = Path(tmp) / "showroom.wav"
        make_dialogue(SHOWROOM, dialogue)
        for _ in range(runs):
            for path in (dialogue, *(data / name for name in RECORDINGS)):
                heard += asyncio.run(listen_live(models, path))
    rss = [peak_rss_mb(data / LECTURE) for _ in range(runs)]
    return Report(
        runs=runs,
        audio_s=audio_s,
        load_s=load_s,
        rtf=rtf[0],
        rtf_vad=rtf[1],
        rtf_diarization=rtf[2],
        rtf_asr=rtf[3],
        live=live_figures(heard),
        peak_rss_mb=statistics.median(rss),
        peak_rss_max_mb=max(rss),
    )


def table(report: Report) -> str:
    """The figures and the targets, readable."""
    live = report.live

    def verdict(met: bool) -> str:
        return "MET" if met else "NOT MET"

    rows = [
        ("model load (s)", f"{report.load_s:.2f}", "", ""),
        ("offline RTF, whole pipeline", f"{report.rtf:.3f}", f"<= {MAX_RTF}",
         verdict(report.rtf <= MAX_RTF)),
        ("  VAD", f"{report.rtf_vad:.3f}", "", ""),
        ("  diarization", f"{report.rtf_diarization:.3f}", "", ""),
        ("  ASR", f"{report.rtf_asr:.3f}", "", ""),
        ("live utterances (all runs)", str(live.utterances), "", ""),
        ("  length p50/p95/max (s)",
         f"{live.length_p50_s:.1f}/{live.length_p95_s:.1f}/{live.length_max_s:.1f}", "", ""),
        ("  over 8 s", str(live.utterances_over_8s), "", ""),
        ("live latency p50 (ms)", f"{live.p50_s * 1000:.0f}", "", ""),
        ("live latency p95 (ms)", f"{live.p95_s * 1000:.0f}", "", ""),
        ("live latency max (ms)", f"{live.max_s * 1000:.0f}", "", ""),
        ("live latency p95, <= 8 s (ms)", f"{live.p95_up_to_8s_s * 1000:.0f}",
         f"<= {MAX_P95_S * 1000:.0f}", verdict(live.p95_up_to_8s_s <= MAX_P95_S)),
        ("peak RSS (MiB)", f"{report.peak_rss_mb:.0f}", f"<= {MAX_RSS_MB:.0f}",
         verdict(report.peak_rss_mb <= MAX_RSS_MB)),
        ("peak RSS, highest run (MiB)", f"{report.peak_rss_max_mb:.0f}", "", ""),
    ]  # fmt: skip
    width = max(len(row[0]) for row in rows)
    lines = [f"{'figure':<{width}}  {'median':>12}  {'target':>8}  verdict"]
    lines += [f"{a:<{width}}  {b:>12}  {c:>8}  {d}".rstrip() for a, b, c, d in rows]
    return "\n".join(lines)


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument("--runs", type=int, default=5, help="Runs of each benchmark.")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    args = parser.parse_args()
    report = measure(args.data, args.runs)
    print(report.model_dump_json(indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
