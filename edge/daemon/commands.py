"""What the hub does with a command from the cloud, acknowledged with a `CommandResult`.

```
forget_subject   erase a conversation or visit: outbox rows, the open conversation or the
                 visit on the floor, consent
enrollment_sync  delete the voiceprints of staff the site no longer has; reload the rest
config_reload    validate the configuration file; if it is good, restart to apply it
```
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from contract.events import (
    Command,
    ConfigReloadCommand,
    EnrollmentSyncCommand,
    ForgetSubjectCommand,
)
from contract.payloads import CommandResult
from edge.errors import ConfigError, EnrollmentError
from edge.listen import voiceprints
from edge.settings import EdgeSettings
from edge.sync.commands import result_for

_LOGGER = logging.getLogger(__name__)


@dataclass
class CommandTargets:
    """The parts of the hub commands act on (the composition root fills them in)."""

    settings: EdgeSettings
    load_settings: Callable[[], EdgeSettings]  # every source again, as at start-up
    forget_outbox: Callable[[str], Awaitable[int]]
    forget_live: Callable[[str], Awaitable[bool]]  # the open conversation/visit, if it is this
    staff_pseudonym: Callable[[str], str]
    reload_voiceprints: Callable[[list[voiceprints.Voiceprint]], None]
    embedding_model: str
    restart: Callable[[], None]


class CommandHandler:
    """Runs the cloud's commands on this hub."""

    def __init__(self, targets: CommandTargets) -> None:
        """Act on `targets`."""
        self._t = targets

    async def __call__(self, command: Command) -> CommandResult:
        """Do what `command` asks; never raises for a command that cannot be done."""
        if isinstance(command, ForgetSubjectCommand):
            return await self._forget(command)
        if isinstance(command, EnrollmentSyncCommand):
            return await self._enrollment(command)
        if isinstance(command, ConfigReloadCommand):
            return await self._reload(command)
        return result_for(command, ok=False, detail="unknown command")

    async def _forget(self, command: ForgetSubjectCommand) -> CommandResult:
        subject = command.data.subject
        live = await self._t.forget_live(subject)
        removed = await self._t.forget_outbox(subject)
        _LOGGER.info(
            "forgot %s (request %s): %d events%s",
            subject,
            command.data.request_id,
            removed,
            ", and the open conversation" if live else "",
        )
        return result_for(command, ok=True, removed=removed, detail=command.data.request_id)

    async def _enrollment(self, command: EnrollmentSyncCommand) -> CommandResult:
        directory = self._t.settings.enrollment.directory
        try:
            prints = await asyncio.to_thread(
                voiceprints.load_all, directory, self._t.embedding_model
            )
        except EnrollmentError as err:
            return result_for(command, ok=False, detail=str(err))
        active = set(command.data.active)
        removed_staff = set(command.data.removed)
        keep: list[voiceprints.Voiceprint] = []
        drop: list[voiceprints.Voiceprint] = []
        for voiceprint in prints:
            pseudonym = self._t.staff_pseudonym(voiceprint.name)
            gone = pseudonym in removed_staff or (bool(active) and pseudonym not in active)
            (drop if gone else keep).append(voiceprint)
        for voiceprint in drop:
            try:
                voiceprints.remove(directory, voiceprint.name)
            except EnrollmentError as err:
                return result_for(command, ok=False, detail=str(err))
        self._t.reload_voiceprints(keep)
        detail = f"{len(keep)} enrolled, {len(drop)} removed"
        return result_for(command, ok=True, removed=len(drop), detail=detail)

    async def _reload(self, command: ConfigReloadCommand) -> CommandResult:
        try:
            fresh = await asyncio.to_thread(self._t.load_settings)
        except ConfigError as err:
            return result_for(command, ok=False, detail=f"configuration refused: {err}")
        if fresh == self._t.settings:
            return result_for(command, ok=True, detail="configuration unchanged")
        self._t.restart()
        return result_for(command, ok=True, detail="configuration changed: restarting to apply")
