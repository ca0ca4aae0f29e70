"""`showfloor-edge config --print`: the effective configuration, secrets masked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from edge.settings import load_settings


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the subcommand."""
    parser = commands.add_parser(
        "config",
        help="Check the configuration; with --print, show the effective one (secrets masked).",
    )
    parser.add_argument("--config", type=Path, help="YAML configuration file.")
    parser.add_argument(
        "--print", action="store_true", dest="show", help="Print the effective configuration."
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Load the settings from every source (a bad key fails here, named) and print them."""
    settings = load_settings(args.config)
    if args.show:
        # JSON mode renders SecretStr as '**********': no secret reaches the terminal.
        data = settings.model_dump(mode="json")
        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    else:
        sys.stdout.write("configuration ok\n")
    return 0
