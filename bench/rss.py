"""Peak memory of a fresh process that loads every configured model and listens once.

    .venv/bin/python -m bench.rss AUDIO

Prints the peak resident set size in KiB: `VmHWM` of /proc/self/status, not `ru_maxrss`. Linux
carries a parent's peak into `ru_maxrss` across fork and exec, so a child started by a process
that holds the models would report the parent's peak; `VmHWM` belongs to the new address space.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from edge.audio.decode import load_audio
from edge.listen import models as listen_models
from edge.listen import pipeline
from edge.settings import load_settings


def peak_rss_kib(audio: Path) -> int:
    """Load the models, transcribe `audio` offline once, return this process's peak RSS."""
    models = listen_models.load(load_settings())
    pipeline.transcribe(load_audio(audio), audio.name, models, [])
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status (not Linux?)")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("audio", type=Path, help="A recording to transcribe once.")
    print(peak_rss_kib(parser.parse_args().audio))


if __name__ == "__main__":
    main()
