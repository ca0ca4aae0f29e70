"""The ingest projection's hook: steps and ends of linked conversations into the CRM outbox.

`Projection` hands every new event to `add` and calls `write` in its transaction, so a job is
committed together with the event that caused it (or not at all). Cheap when nothing is
linked: one indexed query per site per batch (only when the batch holds a conversation's start,
turn, end or a presence event naming one); events are serialized only for linked ones.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from cloud.crm import enqueue, steps
from contract import events as ev
from contract.ids import HubAddress


class CrmHook:
    """Collects a batch's conversation events, per site."""

    def __init__(self) -> None:
        """Nothing collected yet."""
        self._events: dict[tuple[str, str], list[ev.HubEvent]] = {}

    def add(self, hub: HubAddress, event: ev.HubEvent) -> None:
        """Keep `event` if it can cause a job."""
        if event.type in steps.TYPES and getattr(event.data, "conversation_id", None):
            self._events.setdefault((hub.tenant, hub.site), []).append(event)

    def write(self, session: Session) -> None:
        """Enqueue the jobs of the linked conversations (after the read models are written)."""
        for (tenant, site), events in sorted(self._events.items(), key=lambda item: item[0]):
            about = {getattr(event.data, "conversation_id", "") for event in events}
            links = enqueue.linked(session, tenant, site, about)
            if not links:
                continue
            wanted = {link.conversation_id for link in links}
            causes = [
                enqueue.Cause(event.id, event.type, event.time, event.data.model_dump(mode="json"))
                for event in events
                if getattr(event.data, "conversation_id", None) in wanted
            ]
            enqueue.on_events(session, links, causes)
