"""`showfloor-edge replay AUDIO`: listening + understanding + coaching on a recording, as if live.

Prints each turn and each prompt the moment it fires, with the latency from the end of the
triggering utterance; `--format jsonl` prints the CloudEvents envelopes that would go to the
cloud instead (conversation started/turn/ended, prompt, prompt outcome, manager alert).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
from pathlib import Path

from contract.events import Envelope
from contract.ids import HubAddress
from contract.payloads import CoachingPrompt, Turn
from edge.audio.file_source import FileSource
from edge.cli.common import add_common, load_listening, settings_from
from edge.coach.factory import build_coach
from edge.events import EchoSink, MemorySink
from edge.listen.live import LiveListener
from edge.privacy.gate import PrivacyGate
from edge.understand.audio_tap import RecentAudio, tap
from edge.understand.classify import build_classifier
from edge.understand.conversation import ConversationAssembler
from edge.understand.models import load_embedder
from edge.understand.understander import Understander

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
    """Replay until the recording ends, then close the conversation."""
    settings = settings_from(args)
    events = EchoSink(MemorySink(REPLAY_HUB), functools.partial(show, form=args.format))
    recent = RecentAudio()
    coach = build_coach(settings.coaching, events, speaking=recent.speaking)
    try:
        models, prints = await asyncio.to_thread(load_listening, settings)
        embedder = await asyncio.to_thread(load_embedder, settings.models.bundle_dir)
        classifier = await asyncio.to_thread(build_classifier, embedder, settings.understanding)
        assembler = ConversationAssembler(
            Understander(classifier),
            events,
            PrivacyGate.ephemeral(settings.privacy),
            silence_s=settings.understanding.conversation_silence_s,
            talk_window_s=settings.understanding.talk_window_s,
            audio=recent,
        )
        listener = LiveListener(models, prints)
        source = FileSource(args.audio, settings.audio.frame_ms, realtime=args.realtime)
        async for heard in listener.listen(tap(aiter(source), recent)):
            for result in await assembler.hear(heard):
                await coach.on_turn(result)
        await assembler.end("shutdown")
    finally:
        await coach.close()
    return 0
