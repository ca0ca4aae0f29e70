"""`showfloor-edge replay AUDIO`: listening + understanding + coaching on a recording, as if live.

The daemon's own composition (`edge.daemon.app.Hub`) on the recording, with its events kept in
memory instead of the outbox: nothing is published and no state is written. Prints each turn
and each prompt the moment it fires, with the latency from the end of the triggering
utterance; `--format jsonl` prints the CloudEvents envelopes that would go to the cloud
instead (conversation started/turn/ended, prompt, prompt outcome, manager alert).
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from contract.events import Envelope
from contract.ids import HubAddress
from contract.payloads import CoachingPrompt, Turn
from edge.cli.common import add_common, settings_from
from edge.daemon.app import Hub, Replay
from edge.events import MemorySink

REPLAY_HUB = HubAddress.of("replay", "replay", "replay")


def show(event: Envelope, form: str = "text") -> None:
    """Print an event: its JSON (`jsonl`), or a line for a turn or a prompt (`text`)."""
    data = getattr(event, "data", None)
    if form == "jsonl":
        sys.stdout.write(event.model_dump_json() + "\n")
    elif isinstance(data, Turn):
        labels = ", ".join(f"{h.label} {h.confidence:.2f}" for h in data.labels)
        mood = f" sentiment {data.sentiment.score:+.2f}" if data.sentiment else ""
        extra = f"  [{labels}]" if labels else ""
        text = data.text if data.text is not None else "(text withheld: no consent)"
        sys.stdout.write(f"{data.start_s:7.2f}s {data.role} {data.speaker}: {text}{extra}{mood}\n")
    elif isinstance(data, CoachingPrompt):
        after = f" ({data.latency_s:.2f} s after the utterance)" if data.latency_s else ""
        sys.stdout.write(
            f"         PROMPT [{data.rule}] {data.text} -> {', '.join(data.sinks)}{after}\n"
        )
    sys.stdout.flush()


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "replay", help="The whole hub (listening, understanding, coaching) on a recording."
    )
    parser.add_argument("audio", type=Path, help="WAV, FLAC, MP3 or OGG file.")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    parser.add_argument(
        "--realtime", action="store_true", help="Pace the audio in real time (as a microphone)."
    )
    add_common(parser)
    parser.set_defaults(handler=handle)


async def handle(args: argparse.Namespace) -> int:
    """Replay until the recording ends (the conversation is closed then), as `run` would."""
    settings = settings_from(args)
    hub = Hub(settings, show=functools.partial(show, form=args.format))
    await hub.build(Replay(args.audio, realtime=args.realtime), sink=MemorySink(REPLAY_HUB))
    await hub.run()
    return 0
