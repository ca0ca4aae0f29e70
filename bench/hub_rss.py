"""Peak memory of the whole hub: `showfloor-edge replay` on recordings, in fresh processes.

    .venv/bin/python -m bench.hub_rss AUDIO [AUDIO ...] [--runs 3]

`bench.rss` measures the listening models alone; the hub also loads the redactor, the
sentence embedder and the understanding classifiers. Each run is a fresh interpreter that
runs `showfloor-edge replay` exactly as the console script does (`edge.__main__`: the malloc
arena limit first, then the command's own code), as fast as it goes, its events counted and
discarded, and prints that process's `VmHWM` (KiB; not `ru_maxrss`, which a child inherits from
its parent across fork and exec). Several AUDIO files are joined into one recording first
(e.g. a Spanish and an English clip for a bilingual site). Prints one line per run, then the
median, the CPU model and the load average before and after; the hub's settings come from the
environment as usual (`SHOWFLOOR_ASR__LANGUAGES`, ...).

`--without pandas` makes `import pandas` fail in the measured process, as on a hub installed with
the `[edge]` extra only (the deployment's): pandas comes with this checkout's `models`
extra, and sqlite-utils imports it whenever it is installed (41 MiB resident).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf


class _Counter(io.TextIOBase):
    """A text sink that counts the lines written to it."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        return len(text)


def status_kib(field: str) -> int:
    """A `KiB` field of /proc/self/status (`VmHWM`, `VmRSS`)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status (not Linux?)")


def replay_once(audio: Path, without: tuple[str, ...] = ()) -> tuple[int, int]:
    """`showfloor-edge replay --format jsonl AUDIO` in this process: (events, peak KiB).

    `without`: modules made unimportable first (not installed on a deployed hub).
    """
    for name in without:
        sys.modules[name] = None  # type: ignore[assignment]  # importlib's "not importable"
    from edge.__main__ import main
    from edge.listen import malloc

    malloc.limit_arenas()
    counter = _Counter()
    with contextlib.redirect_stdout(counter):
        code = asyncio.run(main(["replay", str(audio), "--format", "jsonl"]))
    if code != 0:
        raise RuntimeError(f"replay exited with {code}")
    return counter.lines, status_kib("VmHWM")


def join(paths: list[Path], into: Path) -> Path:
    """The recordings one after the other (same sample rate), written to `into`."""
    parts, rates = [], set()
    for path in paths:
        samples, rate = sf.read(path, dtype="int16", always_2d=True)
        parts.append(samples[:, 0])
        rates.add(rate)
    if len(rates) != 1:
        raise ValueError(f"the recordings have different sample rates: {sorted(rates)}")
    sf.write(into, np.concatenate(parts), rates.pop(), subtype="PCM_16")
    return into


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def load() -> str:
    """The 1-, 5- and 15-minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(audio: Path, runs: int, without: tuple[str, ...] = ()) -> list[int]:
    """Peak KiB of `runs` fresh replays of `audio`, printed as they finish."""
    peaks = []
    hide = [f"--without={name}" for name in without]
    for run in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.hub_rss", "--once", *hide, str(audio)],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ,
        ).stdout.split()
        events, kib = int(out[0]), int(out[1])
        peaks.append(kib)
        mb = kib * 1.024 / 1000
        print(f"run {run + 1}: {kib} KiB ({mb:.1f} MB), {events} events, load {load()}")
    return peaks


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("audio", type=Path, nargs="+", help="Recordings (joined when several).")
    parser.add_argument("--runs", type=int, default=3, help="Fresh processes to measure.")
    parser.add_argument("--once", action="store_true", help="One replay here: events, KiB.")
    parser.add_argument(
        "--without", action="append", default=[], help="A module not installed on the hub."
    )
    args = parser.parse_args()
    without = tuple(args.without)
    if args.once:
        events, kib = replay_once(args.audio[0], without)
        print(events, kib)
        return
    hidden = f"; without {', '.join(without)}" if without else ""
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; load before {load()}{hidden}")
    with tempfile.TemporaryDirectory() as tmp:
        audio = args.audio[0] if len(args.audio) == 1 else join(args.audio, Path(tmp) / "j.wav")
        peaks = measure(audio, args.runs, without)
    median = int(statistics.median(peaks))
    print(f"median {median} KiB = {median * 1.024 / 1000:.1f} MB; load after {load()}")


if __name__ == "__main__":
    main()
