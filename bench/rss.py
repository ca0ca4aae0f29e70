"""Peak memory of a fresh process that loads every configured model and listens once.

    .venv/bin/python -m bench.rss AUDIO [--time] [--live]

Prints the peak resident set size in KiB (with `--time`, first the seconds the transcription
took): `VmHWM` of /proc/self/status, not `ru_maxrss`. Linux carries a parent's peak into
`ru_maxrss` across fork and exec, so a child started by a process that holds the models would
report the parent's peak; `VmHWM` belongs to the new address space. The file is transcribed as
`showfloor-edge transcribe` does it: read block by block (`edge.listen.stream`). With `--live`,
it is listened to by the live hub's `LiveListener` instead (fed as fast as it takes it), every
re-decode with context waited for: the coached model and the context path's Whisper
(`asr.live_redecode_model`) are both loaded and run. With `--live --polish`, the recording is
then polished as one ended conversation (`asr.polish`: its utterances' audio kept as int16,
decoded again as a whole in runs of at most 60 s, `edge.listen.polish.blocks`).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from bench.hub_rss import status_kib
from edge.audio.file_source import FileSource
from edge.listen import models as listen_models
from edge.listen import stream
from edge.listen.live import LiveListener
from edge.listen.polish import SpeechKept, blocks, join
from edge.settings import load_settings


def peak_rss_kib(audio: Path, *, live: bool = False, polish: bool = False) -> tuple[float, int]:
    """Load the models, transcribe `audio` once; (seconds it took, this process's peak RSS)."""
    settings = load_settings()
    if polish:
        asr = settings.asr.model_copy(update={"polish": True})
        settings = settings.model_copy(update={"asr": asr})
    models = listen_models.load(settings)
    start = time.perf_counter()
    if live:
        asyncio.run(_listen(models, audio))
    else:
        stream.transcribe_file(audio, models, [])
    seconds = time.perf_counter() - start
    return seconds, status_kib("VmHWM")


async def _listen(models: listen_models.ListeningModels, audio: Path) -> None:
    """`audio` through the live hub, every re-decode with context waited for."""
    listener = LiveListener(models, [])
    kept = SpeechKept(models.settings.asr.polish_max_s)
    async for heard in listener.listen(aiter(FileSource(audio))):
        if heard.revised is not None:
            await heard.revised
        if heard.audio is not None and any(s.text.strip() for s in heard.segments):
            kept.add(heard.start, heard.audio)
    for run in blocks(kept.pieces()):
        await listener.polish(join(run))


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("audio", type=Path, help="A recording to transcribe once.")
    parser.add_argument("--time", action="store_true", help="Print the seconds it took first.")
    parser.add_argument("--live", action="store_true", help="Listen live (with re-decodes).")
    parser.add_argument("--polish", action="store_true", help="With --live: then polish it.")
    args = parser.parse_args()
    seconds, kib = peak_rss_kib(args.audio, live=args.live, polish=args.polish)
    print(f"{seconds:.2f} {kib}" if args.time else kib)


if __name__ == "__main__":
    main()
