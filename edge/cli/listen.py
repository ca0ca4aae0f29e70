"""`showfloor-edge listen`: the live listening pipeline, printing each utterance as it ends.

From the microphone (for installers: is the hub hearing the floor?) or from a file, paced in
real time or not (for comparing live mode with `transcribe`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from edge.audio.file_source import FileSource
from edge.audio.frames import Frame
from edge.audio.mic_source import MicSource
from edge.cli.common import add_common, load_listening, settings_from
from edge.listen.live import Heard, LiveListener
from edge.listen.transcript import Transcript, to_text


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "listen", help="Live listening from the microphone (or a file), one line per turn."
    )
    parser.add_argument("--file", type=Path, help="Replay this file instead of the microphone.")
    parser.add_argument(
        "--fast", action="store_true", help="With --file: as fast as possible, not real time."
    )
    parser.add_argument("--device", help="Capture device name or index (default: audio.device).")
    parser.add_argument("--seconds", type=float, help="Stop after this much audio.")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    add_common(parser)
    parser.set_defaults(handler=handle)


async def handle(args: argparse.Namespace) -> int:
    """Run until the source ends (or --seconds, or Ctrl-C)."""
    settings = settings_from(args)
    if args.device is not None:
        device: str | int = int(args.device) if args.device.isdigit() else args.device
        settings = settings.model_copy(
            update={"audio": settings.audio.model_copy(update={"device": device})}
        )
    models, prints = await asyncio.to_thread(load_listening, settings)
    listener = LiveListener(models, prints)
    if args.file is not None:
        source = FileSource(args.file, settings.audio.frame_ms, realtime=not args.fast)
        await _print_all(listener.listen(_limit(aiter(source), args.seconds)), args.format)
    else:
        async with MicSource(settings.audio) as mic:
            await _print_all(listener.listen(_limit(aiter(mic), args.seconds)), args.format)
    return 0


async def _limit(frames: AsyncIterator[Frame], seconds: float | None) -> AsyncIterator[Frame]:
    async for frame in frames:
        if seconds is not None and frame.start >= seconds:
            return
        yield frame


async def _print_all(heard: AsyncIterator[Heard], form: str) -> None:
    async for item in heard:
        for segment in item.segments:
            if form == "jsonl":
                line = segment.model_dump(mode="json") | {"latency_s": round(item.latency, 3)}
                sys.stdout.write(json.dumps(line) + "\n")
        if form == "text" and item.segments:
            sys.stdout.write(to_text(Transcript(audio="", duration=0, segments=item.segments)))
        sys.stdout.flush()
