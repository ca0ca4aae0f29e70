"""`showfloor-edge enroll NAME AUDIO...`: store a salesperson's voiceprint on the hub."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edge.audio.decode import load_audio
from edge.cli.common import add_common, settings_from
from edge.listen import models as listen_models
from edge.listen import voiceprints
from edge.listen.enroll import enroll


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "enroll", help="Enroll a salesperson's voice from recordings of their speech."
    )
    parser.add_argument("name", help="The salesperson's name.")
    parser.add_argument("audio", type=Path, nargs="+", help="Recordings of their speech.")
    add_common(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Enroll and report where the voiceprint went."""
    settings = settings_from(args)
    recordings = [(str(path), load_audio(path)) for path in args.audio]
    models = listen_models.load(settings)
    voiceprint = enroll(args.name, recordings, models)
    path = voiceprints.save(settings.enrollment.directory, voiceprint)
    sys.stdout.write(
        f"enrolled {voiceprint.name!r} from {voiceprint.speech_s:.1f} s of speech: {path}\n"
    )
    return 0
