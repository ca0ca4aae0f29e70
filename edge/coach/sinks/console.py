"""Prompts as lines on a text stream (and the log): for replay, installers and tests."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from edge.coach.sinks.base import Delivery

_LOGGER = logging.getLogger(__name__)


class ConsoleSink:
    """Writes `PROMPT [rule] text` lines."""

    name = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        """Write to `stream` (default: nowhere but the log)."""
        self._stream = stream
        self.lines: list[str] = []

    async def deliver(self, delivery: Delivery) -> bool:
        """Log (and print) the prompt."""
        light = f" [{delivery.led} {delivery.led_pattern}]" if delivery.led else ""
        line = f"PROMPT [{delivery.rule}]{light} {delivery.text or ''}".rstrip()
        self.lines.append(line)
        _LOGGER.info("%s", line)
        if self._stream is not None:
            self._stream.write(line + "\n")
            self._stream.flush()
        return True

    async def close(self) -> None:
        """Nothing to release."""


def stdout_sink() -> ConsoleSink:
    """A console sink on standard output."""
    return ConsoleSink(sys.stdout)
