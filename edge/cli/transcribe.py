"""`showfloor-edge transcribe AUDIO`: the listening pipeline on a file, offline."""

from __future__ import annotations

import argparse
from pathlib import Path

from edge.audio.decode import audio_duration
from edge.cli.common import add_common, load_listening, settings_from, write_output
from edge.listen import stream, transcript


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "transcribe", help="Who said what in a recording (diarized transcript), offline."
    )
    parser.add_argument("audio", type=Path, help="WAV, FLAC, MP3 or OGG file, any rate.")
    parser.add_argument("--format", choices=("json", "rttm", "text"), default="json")
    parser.add_argument("--output", type=Path, help="Write here instead of standard output.")
    add_common(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Transcribe and print."""
    settings = settings_from(args)
    audio_duration(args.audio)  # a file that cannot be opened fails before the models load
    models, prints = load_listening(settings)
    result = stream.transcribe_file(args.audio, models, prints)
    if args.format == "json":
        text = transcript.to_json(result) + "\n"
    elif args.format == "rttm":
        text = transcript.to_rttm(result, args.audio.stem)
    else:
        text = transcript.to_text(result)
    write_output(text, args.output)
    return 0
