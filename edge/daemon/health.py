"""What each part of the hub is doing, for the status event and `showfloor-edge doctor`."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Literal, get_args

from contract.payloads import HubPart, HubStatus

_LOGGER = logging.getLogger(__name__)

PARTS: tuple[str, ...] = get_args(HubPart.model_fields["name"].annotation)


@dataclass
class _State:
    ok: bool
    detail: str
    since: float


class Health:
    """The state of every part; a part that never reported is not ok ("starting")."""

    def __init__(self, parts: tuple[str, ...] = PARTS) -> None:
        """Track `parts` (names from `contract.payloads.HubPart`)."""
        now = time.monotonic()
        self._started = now
        self._parts = {name: _State(False, "starting", now) for name in parts}

    def ok(self, part: str) -> None:
        """`part` works."""
        self._set(part, True, "")

    def degraded(self, part: str, detail: str) -> None:
        """`part` does not work; `detail` says what is wrong and what to do."""
        self._set(part, False, detail)

    def _set(self, part: str, ok: bool, detail: str) -> None:
        state = self._parts.get(part)
        if state is None:
            raise KeyError(f"unknown hub part {part!r}")
        if (state.ok, state.detail) != (ok, detail):
            log = _LOGGER.info if ok else _LOGGER.warning
            log("%s: %s", part, "ok" if ok else detail)
            self._parts[part] = _State(ok, detail, time.monotonic())

    def is_ok(self, part: str) -> bool:
        """Whether `part` works now."""
        return self._parts[part].ok

    @property
    def problems(self) -> dict[str, str]:
        """Parts that do not work, with what is wrong."""
        return {name: s.detail for name, s in self._parts.items() if not s.ok}

    def status(
        self,
        *,
        version: str,
        models: dict[str, str],
        outbox_depth: int = 0,
        outbox_dropped: int = 0,
        disk_full: bool = False,
        stopping: bool = False,
    ) -> HubStatus:
        """The hub's status payload."""
        state: Literal["online", "degraded", "offline"] = (
            "offline" if stopping else ("degraded" if self.problems else "online")
        )
        return HubStatus(
            state=state,
            version=version,
            models=models,
            parts=[
                HubPart(name=name, ok=s.ok, detail=s.detail)  # type: ignore[arg-type]
                for name, s in self._parts.items()
            ],
            outbox_depth=outbox_depth,
            outbox_dropped=outbox_dropped,
            disk_full=disk_full,
            uptime_s=round(time.monotonic() - self._started, 3),
        )
