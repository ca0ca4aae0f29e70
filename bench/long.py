"""Peak memory and speed of `transcribe` on long recordings, built from the shared data.

    .venv/bin/python -m bench.long --data ../shared/data --minutes 10 30 120 [--runs 3]

Each recording is the shared English and meeting audio (the 60 s lecture, the read passages of
asr/, the eleven diarization excerpts) played one after the other, over and over, until it is
`--minutes` long: a 16 kHz 16-bit WAV written block by block in a temporary directory, deleted
afterwards (never kept in the repository). Each run is a fresh `bench.rss --time` process: peak
RSS (VmHWM) and the wall time of the transcription alone (models already loaded), whose ratio to
the audio's length is the real-time factor. Prints one line per length with the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

SAMPLE_RATE = 16000
SOURCES = (
    "speed/lecture_60s.wav",
    "asr/concat_en_ref.wav",
    "diarization/sample.wav",
    *(f"diarization/ami_dev0{i}.wav" for i in range(2)),
    *(f"diarization/ami_trn0{i}.wav" for i in range(2, 10)),
    *(f"asr/librivox_0{n}.wav" for n in (870, 880, 890, 920, 930)),
)


def build(data: Path, seconds: float, path: Path) -> Path:
    """Write `seconds` of the shared recordings, cycled, to `path` (16 kHz mono PCM_16)."""
    wanted = round(seconds * SAMPLE_RATE)
    written = 0
    with sf.SoundFile(path, "w", SAMPLE_RATE, 1, subtype="PCM_16") as out:
        while written < wanted:
            for name in SOURCES:
                audio, rate = sf.read(data / name, dtype="float32", always_2d=True)
                if rate != SAMPLE_RATE:
                    raise ValueError(f"{name} is {rate} Hz, expected {SAMPLE_RATE}")
                piece = audio.mean(axis=1)[: wanted - written]
                out.write(np.asarray(piece, dtype=np.float32))
                written += len(piece)
                if written >= wanted:
                    break
    return path


def run_once(path: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of a fresh process transcribing `path`."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.rss", "--time", str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    seconds, kib = done.stdout.split()[-2:]
    return float(seconds), int(kib) / 1024


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument("--minutes", type=float, nargs="+", default=[10.0, 30.0, 120.0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="showfloor-long-") as folder:
        for minutes in args.minutes:
            path = build(args.data, minutes * 60, Path(folder) / f"long_{minutes:g}min.wav")
            results = [run_once(path) for _ in range(args.runs)]
            path.unlink()
            seconds = statistics.median(s for s, _ in results)
            peak = statistics.median(p for _, p in results)
            print(
                f"{minutes:g} min: peak RSS {peak:.0f} MiB ({peak * 1.048576:.0f} MB, "
                f"highest {max(p for _, p in results):.0f} MiB), "
                f"RTF {seconds / (minutes * 60):.3f} ({seconds:.0f} s), runs {len(results)}, "
                f"load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
