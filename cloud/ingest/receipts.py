"""Receipts: the cloud's word to each hub that events are committed, so the hub can let go.

A hub keeps every event until a receipt names it and sends again what none names in time
(`sync.receipt_timeout_s`), because a broker's PUBACK does not survive the broker crashing.
After each batch commits, ingest sends each hub one `receipt` command per batch (chunked at
`MAX_RECEIPT_IDS`) on `.../cmd/receipt`, QoS 1, listing:

- events stored, and events already stored (a re-send: the receipt may have been lost);
- events of a forgotten subject, dropped on purpose;
- dead letters whose id can be read: committed with the reason and the payload, and a hub
  re-sending them would only add dead letters (they stay readable in `dead_letters`).

Never receipted: whatever a failed batch did not commit, and rejected messages (an unknown hub,
a source that is not the topic's hub); a hub registered later gets its events in on the next
re-send.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from contract.commands import MAX_RECEIPT_IDS, Receipt
from contract.events import envelope
from contract.ids import HubAddress
from contract.topics import Topics


class Receipts:
    """Event ids committed in one batch, by hub, in arrival order, without repeats."""

    def __init__(self) -> None:
        """None yet."""
        self._ids: dict[HubAddress, dict[str, None]] = {}

    def add(self, hub: HubAddress, event_id: str) -> None:
        """`event_id` of `hub` is committed."""
        self._ids.setdefault(hub, {})[event_id] = None

    def update(self, other: Receipts) -> None:
        """Take in another batch's receipts."""
        for hub, ids in other._ids.items():
            self._ids.setdefault(hub, {}).update(ids)

    def of(self, hub: HubAddress) -> list[str]:
        """The ids receipted to `hub`."""
        return list(self._ids.get(hub, {}))

    def __len__(self) -> int:
        """How many event ids."""
        return sum(len(ids) for ids in self._ids.values())

    def messages(self) -> Iterator[tuple[str, bytes]]:
        """(topic, payload) of every receipt command to publish."""
        for hub, ids in sorted(self._ids.items()):
            listed = list(ids)
            for start in range(0, len(listed), MAX_RECEIPT_IDS):
                chunk = Receipt(ids=listed[start : start + MAX_RECEIPT_IDS])
                yield Topics(hub).receipts, envelope(hub, chunk).model_dump_json().encode()


def readable_id(payload: bytes) -> str | None:
    """The `id` of an event that did not validate, when it has a usable one."""
    try:
        value = json.loads(payload).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and 0 < len(value) <= 64 else None
