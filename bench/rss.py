"""Peak memory of a fresh process that loads every configured model and listens once.

    .venv/bin/python -m bench.rss AUDIO

Prints the peak resident set size in KiB (`ru_maxrss`). Run it as its own process, so nothing
else the caller loaded counts.
"""

from __future__ import annotations

import argparse
import resource
from pathlib import Path

from edge.audio.decode import load_audio
from edge.listen import models as listen_models
from edge.listen import pipeline
from edge.settings import load_settings


def peak_rss_kib(audio: Path) -> int:
    """Load the models, transcribe `audio` offline once, return this process's peak RSS."""
    models = listen_models.load(load_settings())
    pipeline.transcribe(load_audio(audio), audio.name, models, [])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("audio", type=Path, help="A recording to transcribe once.")
    print(peak_rss_kib(parser.parse_args().audio))


if __name__ == "__main__":
    main()
