"""The one interface every prompt sink has, and what it is handed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from edge.coach.playbook import LedColour


@dataclass(frozen=True)
class Delivery:
    """One prompt to deliver: the words to say (or None) and the light to show (or None)."""

    rule: str
    kind: str
    text: str | None
    led: LedColour | None = None
    led_pattern: Literal["on", "blink"] = "on"
    spoken: bool = True  # the earpiece may say `text` (False: show it, do not speak it)
    language: str = "en"  # of `text`: the earpiece picks its voice by it


class PromptSink(Protocol):
    """A place prompts go; `deliver` returns whether this sink took the prompt."""

    name: str

    async def deliver(self, delivery: Delivery) -> bool:
        """Deliver `delivery` (or ignore what this sink does not show); True if it did."""
        ...

    async def close(self) -> None:
        """Stop anything in progress and release the device."""
        ...
