"""How hub components hand their results on: an `EventSink` takes payloads.

Listening, understanding, coaching and presence produce `contract.payloads` models and call
`await sink.emit(payload)`; the sink wraps each in its CloudEvents envelope (new id, this hub's
source, subject) and, in the daemon, commits it to the outbox before anything is published.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from contract.events import Envelope, envelope
from contract.ids import HubAddress
from contract.payloads import Payload


class EventSink(Protocol):
    """Where events go."""

    async def emit(self, data: Payload) -> Envelope:
        """Wrap `data` in an envelope, keep it durably (or deliver it), and return it."""
        ...


class MemorySink:
    """Keeps events in a list, in order: for `replay` output and in-process tests."""

    def __init__(self, hub: HubAddress) -> None:
        """Events of `hub`."""
        self.hub = hub
        self.events: list[Envelope] = []

    async def emit(self, data: Payload) -> Envelope:
        """Wrap and keep."""
        event = envelope(self.hub, data)
        self.events.append(event)
        return event


class EchoSink:
    """Passes every event on to `sink`, then shows it (`showfloor-edge run --show`)."""

    def __init__(self, sink: EventSink, show: Callable[[Envelope], None]) -> None:
        """Keep events in `sink`; call `show` with each once it is kept."""
        self._sink = sink
        self._show = show

    async def emit(self, data: Payload) -> Envelope:
        """Emit through the sink, then show."""
        event = await self._sink.emit(data)
        self._show(event)
        return event
