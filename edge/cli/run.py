"""`showfloor-edge run`: the hub daemon (under systemd: `Type=notify`, watchdog, SIGTERM)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from edge.cli.common import add_common, settings_from
from edge.cli.replay import show
from edge.daemon.app import Hub, Replay
from edge.logs import mask_secrets


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "run", help="The hub daemon: listen, sense presence, coach and report to the cloud."
    )
    parser.add_argument(
        "--replay",
        type=Path,
        metavar="AUDIO",
        help="Listen to this recording (paced in real time) instead of the microphone, then "
        "stop: the whole hub on a file, for demos and installers.",
    )
    parser.add_argument(
        "--fast", action="store_true", help="With --replay: as fast as possible, not real time."
    )
    parser.add_argument(
        "--show", action="store_true", help="Print each turn and prompt as it happens."
    )
    add_common(parser)
    parser.set_defaults(handler=handle)


async def handle(args: argparse.Namespace) -> int:
    """Build everything (failing fast), then run until SIGTERM or the end of --replay."""
    settings = settings_from(args)
    root = logging.getLogger()
    if root.level > logging.INFO and not args.show:
        root.setLevel(logging.INFO)
    mask_secrets(settings)
    hub = Hub(settings, reload=lambda: settings_from(args), show=show if args.show else None)
    replay = Replay(args.replay, realtime=not args.fast) if args.replay else None
    await hub.build(replay)
    await hub.run()
    return 0
