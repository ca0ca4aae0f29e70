"""`showfloor-cloud followup preview`: a linked conversation's drafts as JSON; sends nothing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cloud.cli.common import add_database, out, session, settings_from
from cloud.errors import ConfigError
from cloud.followup import service
from cloud.followup.render import DraftError
from cloud.followup.unsubscribe import Links


def add_parsers(commands: Any) -> None:
    """Register `followup preview`."""
    followup = commands.add_parser("followup", help="Follow-up e-mails and texts.")
    actions = followup.add_subparsers(dest="followup_command", required=True, metavar="ACTION")
    show = actions.add_parser(
        "preview",
        help="Print the drafts of a linked conversation as one JSON object "
        '{"email": {"subject", "body"}, "sms": "..."}; sends nothing.',
    )
    show.add_argument("--conversation", help="Conversation id (default: the newest linked one).")
    add_database(show)
    show.set_defaults(handler=_preview)


def _preview(args: argparse.Namespace) -> int:
    links = Links.of(settings_from(args))
    with session(args) as opened:
        conv, link, person = service.linked(opened, None, args.conversation)
        try:
            found = service.drafts(opened, links, conv, link, person)
        except DraftError as err:
            raise ConfigError(str(err)) from err
    for channel, reason in (("email", found.email_blocked), ("sms", found.sms_blocked)):
        if reason:
            sys.stderr.write(f"no {channel} draft: {reason}\n")
    email = found.email.model_dump() if found.email else None
    out(json.dumps({"email": email, "sms": found.sms}, ensure_ascii=False))
    return 0
