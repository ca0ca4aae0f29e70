"""`showfloor-cloud push keys`: make (once) the VAPID key pair and print its public key."""

from __future__ import annotations

import argparse
from typing import Any

from cloud.cli.common import out, settings_from
from cloud.push import keys


def add_parsers(commands: Any) -> None:
    """Register the push subcommands."""
    push = commands.add_parser("push", help="Manager alerts as Web Push notifications.")
    actions = push.add_subparsers(dest="push_command", required=True, metavar="ACTION")
    made = actions.add_parser(
        "keys",
        help="Make the VAPID key pair if there is none (state_dir/vapid.pem, 0600) and print "
        "the public key.",
    )
    made.set_defaults(handler=_keys)


def _keys(args: argparse.Namespace) -> int:
    out(keys.public_key(keys.vapid(settings_from(args))))
    return 0
