"""`showfloor-edge`: the hub's command line and daemon entry point."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
import sys
from collections.abc import Sequence

from edge import __version__, pipes
from edge.cli import (
    beacons,
    config,
    doctor,
    enroll,
    listen,
    practice,
    replay,
    transcribe,
    understand,
)
from edge.cli import (
    run as run_command,
)
from edge.errors import EdgeError

_LOGGER = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(prog="showfloor-edge", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="More logging.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_command.add_parser(commands)
    transcribe.add_parser(commands)
    enroll.add_parser(commands)
    listen.add_parser(commands)
    config.add_parser(commands)
    doctor.add_parser(commands)
    understand.add_parser(commands)
    replay.add_parser(commands)
    beacons.add_parser(commands)
    practice.add_parser(commands)
    return parser


async def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the subcommand; blocking work runs in a thread."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = args.handler
    if inspect.iscoroutinefunction(handler):
        code: int = await handler(args)
    else:
        code = await asyncio.to_thread(handler, args)
    return code


def run() -> None:
    """Console-script entry point: one clear line on error, never a traceback."""
    try:
        code = asyncio.run(main())
        sys.stdout.flush()  # here, where a reader that went away is handled
    except EdgeError as err:
        sys.stderr.write(f"showfloor-edge: error: {err}\n")
        code = 1
    except BrokenPipeError:
        if not pipes.stdout_broken():
            raise
        code = pipes.quiet_exit()  # `showfloor-edge ... | head`: the reader had enough
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
