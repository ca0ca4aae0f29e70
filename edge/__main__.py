"""`showfloor-edge`: the hub's command line and daemon entry point."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import inspect
import logging
import os
import sys
import threading
import time
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
from edge.listen import malloc

_LOGGER = logging.getLogger(__name__)
#: How long the process waits at exit for a worker thread still busy (seconds).
THREADS_EXIT_S = 1.0


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
    malloc.limit_arenas()  # before any thread starts
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
    if busy := _busy_threads(THREADS_EXIT_S):
        # e.g. the hub's re-decode with context, niced, given up on at shutdown: minutes of
        # work nobody reads. Python would wait for it (its executor joins at exit); all else
        # is closed by now, so the process ends without it.
        _LOGGER.warning("exiting without waiting for %s", ", ".join(busy))
        logging.shutdown()
        with contextlib.suppress(OSError, ValueError):  # a reader that went away
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _busy_threads(wait_s: float) -> list[str]:
    """Threads the interpreter would wait for at exit, still running after `wait_s`."""
    deadline = time.monotonic() + wait_s
    left = []
    for thread in threading.enumerate():
        if thread is threading.main_thread() or thread.daemon:
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            left.append(thread.name)
    return left


if __name__ == "__main__":
    run()
