"""Commands from the cloud: parsed, handed to the daemon's handler, always acknowledged.

A command that does not parse, is for another hub, or whose handler fails is acknowledged
with `ok=False` and the reason; nothing a cloud sends can crash the publisher. The result is
an event like any other: committed to the outbox, then published on `.../command`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from pydantic import ValidationError

from contract.events import Command, parse_command
from contract.ids import HubAddress
from contract.payloads import CommandResult
from contract.topics import COMMAND_NAMES, RECEIPT
from contract.topics import parse as parse_topic

_LOGGER = logging.getLogger(__name__)

CommandHandler = Callable[[Command], Awaitable[CommandResult]]
"""The daemon's handler: does what the command asks and says how it went."""


async def refuse(command: Command) -> CommandResult:
    """The handler when the daemon gives none: every command is acknowledged as not done."""
    return result_for(command, ok=False, detail="this hub runs no command handler")


def result_for(command: Command, *, ok: bool, detail: str = "", removed: int = 0) -> CommandResult:
    """The acknowledgement of `command`."""
    name = command.type.split(".")[2]
    return CommandResult(
        command_id=command.id,
        command=name,  # type: ignore[arg-type]
        ok=ok,
        detail=detail,
        removed=removed,
    )


async def handle(
    hub: HubAddress, topic: str, payload: bytes, handler: CommandHandler
) -> CommandResult | None:
    """Run one command message; the result to publish, or None when none can be addressed."""
    try:
        name = parse_topic(topic).command
    except ValueError:
        name = None
    if name not in COMMAND_NAMES or name == RECEIPT:
        _LOGGER.warning("ignoring a message on %s: not a command to run", topic)
        return None
    try:
        command = parse_command(payload)
    except ValidationError as err:
        reason = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'command'}: {e['msg']}" for e in err.errors()
        )
        _LOGGER.warning("malformed %s command: %s", name, reason)
        return CommandResult(
            command_id=_id_of(payload),
            command=name,  # type: ignore[arg-type]
            ok=False,
            detail=f"malformed command: {reason}"[:500],
        )
    if command.hub != hub or command.type.split(".")[2] != name:
        _LOGGER.warning("command %s for %s arrived on %s", command.id, command.source, topic)
        return result_for(command, ok=False, detail=f"command is for {command.source}")
    try:
        return await handler(command)
    except Exception as err:
        _LOGGER.exception("command %s (%s) failed", command.id, name)
        return result_for(command, ok=False, detail=f"failed: {err}"[:500])


def _id_of(payload: bytes) -> str:
    """The `id` of a command that did not validate, if it has a readable one."""
    try:
        value = json.loads(payload).get("id")
    except (ValueError, AttributeError):
        return ""
    return value[:64] if isinstance(value, str) else ""
