"""`showfloor-cloud`: serve the web view and ingest, migrate the store, administer tenants."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from cloud import __version__
from cloud.cli import admin, crm, demo, followup, push, score, serve
from cloud.errors import CloudError
from edge import pipes  # stdlib only: the CLI output piped into `head`


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(prog="showfloor-cloud", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="More logging.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve.add_parsers(commands)
    admin.add_parsers(commands)
    demo.add_parser(commands)
    crm.add_parsers(commands)
    followup.add_parsers(commands)
    push.add_parsers(commands)
    score.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the subcommand."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    code: int = args.handler(args)
    return code


def run() -> None:
    """Console-script entry point: one clear line on error, never a traceback."""
    try:
        code = main()
        sys.stdout.flush()  # here, where a reader that went away is handled
    except (CloudError, ValueError) as err:
        sys.stderr.write(f"showfloor-cloud: error: {err}\n")
        code = 1
    except BrokenPipeError:
        if not pipes.stdout_broken():
            raise
        code = pipes.quiet_exit()  # `showfloor-cloud ... | head`: the reader had enough
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
