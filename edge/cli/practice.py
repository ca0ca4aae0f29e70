"""`showfloor-edge practice LINES`: practise the site's objections on the hub, in a quiet hour.

LINES is the JSON the cloud gives for a salesperson (`GET /api/v1/practice/lines?site=...&
staff=...`, saved to a file). Each customer line is spoken on the earpiece (or speaker), the
answer is heard on the hub's microphone and transcribed there, graded with the hub's playbook,
and the feedback printed. `--report FILE` writes the answers for
`POST /api/v1/practice/attempts`; the cloud grades them again with the same scorer and keeps
them in the salesperson's progress. Audio never leaves the hub: only the transcribed answer.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from edge.cli.common import add_common, load_listening, settings_from, write_output
from edge.coach.playbook import load_playbook
from edge.coach.sinks.earpiece import EarpieceSink
from edge.listen.live import LiveListener
from edge.practice import session


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "practice", help="Practise the site's objections: hear a customer, answer aloud."
    )
    parser.add_argument("lines", type=Path, help="Practice lines from the cloud (JSON).")
    parser.add_argument("--count", type=int, default=0, help="Only the first N lines.")
    parser.add_argument(
        "--answer-seconds", type=float, default=12.0, help="How long to listen for each answer."
    )
    parser.add_argument("--device", help="Capture device name or index (default: audio.device).")
    parser.add_argument(
        "--output-device", help="Where the customer speaks (default: coaching.earpiece_device)."
    )
    parser.add_argument("--report", type=Path, help="Write the answers here for the cloud.")
    add_common(parser)
    parser.set_defaults(handler=handle)


def _device(value: str | None) -> str | int | None:
    return int(value) if value is not None and value.isdigit() else value


async def handle(args: argparse.Namespace) -> int:
    """Run the session; 0 when every answer addressed its objections, else 3."""
    practice = session.read_lines(args.lines)
    settings = settings_from(args)
    audio = settings.audio
    if args.device is not None:
        audio = audio.model_copy(update={"device": _device(args.device)})
    coaching = settings.coaching
    playbook = load_playbook(coaching.playbook)
    speaker = EarpieceSink(
        _device(args.output_device) if args.output_device else coaching.earpiece_device,
        voice=coaching.voice,
        voices=coaching.voices,
        volume=1.0,
    )
    models, prints = await asyncio.to_thread(load_listening, settings)
    lines = practice.lines[: args.count] if args.count > 0 else practice.lines

    def show(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    try:
        answered = await session.practise(
            lines, playbook, speaker, LiveListener(models, prints), audio, args.answer_seconds, show
        )
    finally:
        await speaker.close()
    if args.report is not None:
        write_output(session.report(practice, answered).model_dump_json(indent=1), args.report)
    return 0 if all(a.grade.addressed for a in answered) else 3
