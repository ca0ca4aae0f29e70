"""One transaction per batch: idempotent event upsert, projections, dead letters, rejections.

`write` returns the batch's receipts (`cloud.ingest.receipts`) only once it has committed.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cloud.errors import StoreError
from cloud.ingest import project
from cloud.ingest.check import Accepted, Dead, Ignored, Message, Rejected, check
from cloud.ingest.receipts import Receipts, readable_id
from cloud.store import bulk, erase
from cloud.store.base import utcnow
from cloud.store.events import DeadLetter, Event, Rejection
from cloud.store.tenancy import Hub
from contract.events import HubEvent
from contract.ids import HubAddress

_LOGGER = logging.getLogger(__name__)
#: How often an unknown hub makes the writer re-read the registered hubs.
_HUB_REFRESH_S = 1.0


@dataclass
class IngestStats:
    """Counters since start, shown on /healthz."""

    stored: int = 0
    duplicates: int = 0
    dead: int = 0
    rejected: int = 0
    batches: int = 0
    #: Batches that failed whole and were written one event at a time.
    fallbacks: int = 0
    #: Events of a subject a forget command had named, dropped.
    forgotten: int = 0
    rejected_by_reason: Counter[str] = field(default_factory=Counter)


class BatchWriter:
    """Writes batches of MQTT messages to the store; safe to call from one thread at a time."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        """Write through `sessions`."""
        self._sessions = sessions
        self._hubs: set[HubAddress] = set()
        self._hubs_read_at = float("-inf")
        self.stats = IngestStats()

    def _refresh_hubs(self, session: Session, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._hubs_read_at >= _HUB_REFRESH_S:
            rows = session.execute(select(Hub.tenant_id, Hub.site_id, Hub.id)).all()
            self._hubs = {HubAddress(*row) for row in rows}
            self._hubs_read_at = now

    def write(self, messages: Sequence[Message]) -> Receipts:
        """Store a batch; a row that breaks the transaction is retried alone and dead-lettered.

        Returns the receipts of what is now committed: every message, unless rejected,
        ignored, or dead for want of a hub and id.

        Raises:
            StoreError: the database cannot be reached (no receipts: retry the whole batch).
        """
        receipts = Receipts()
        try:
            with self._sessions.begin() as session:
                receipts = self._write(session, messages)
        except OperationalError as err:
            raise StoreError(f"ingest cannot write to the database: {err.orig}") from err
        except Exception:  # one bad event must not stop ingest: isolate it below
            _LOGGER.warning("batch of %d failed; writing one by one", len(messages), exc_info=True)
            self.stats.fallbacks += 1
            for message in messages:
                try:
                    with self._sessions.begin() as session:
                        receipts.update(self._write(session, [message]))
                except OperationalError as err:
                    raise StoreError(f"ingest cannot write to the database: {err.orig}") from err
                except Exception as err:  # dead-lettered with the reason
                    with self._sessions.begin() as session:
                        self._dead(session, message, f"store refused the event: {err}")
                    _receipt_dead(receipts, message, check(message, self._hubs))
        self.stats.batches += 1
        return receipts

    def _write(self, session: Session, messages: Sequence[Message]) -> Receipts:
        if any(_needs_hub(m, self._hubs) for m in messages):
            self._refresh_hubs(session)
        accepted: dict[tuple[str, str], Accepted] = {}
        rows: list[dict[str, Any]] = []
        rejected: Counter[tuple[str, str]] = Counter()
        receipts = Receipts()
        for message in messages:
            verdict = check(message, self._hubs)
            match verdict:
                case Accepted(event=event, hub=hub):
                    receipts.add(hub, event.id)  # stored, a duplicate or forgotten: committed
                    key = (hub.tenant, event.id)
                    if key in accepted:
                        self.stats.duplicates += 1
                        continue
                    accepted[key] = verdict
                    rows.append(_event_row(verdict, message))
                case Dead(reason=reason):
                    self._dead(session, message, reason)
                    _receipt_dead(receipts, message, verdict)
                case Rejected(topic_hub=topic_hub, reason=reason):
                    rejected[(topic_hub, reason)] += 1
                case Ignored():
                    pass
        for (topic_hub, reason), count in sorted(rejected.items()):
            self._reject(session, topic_hub, reason, count)
        for key in self._forgotten(session, accepted):
            del accepted[key]
        rows = [row for row in rows if (row["tenant_id"], row["id"]) in accepted]
        if rows:
            new = self._insert_new(session, rows)
            self.stats.duplicates += len(rows) - len(new)
            self.stats.stored += len(new)
            projection = project.Projection()
            for key, verdict in accepted.items():
                if key in new:
                    projection.add(verdict.hub, verdict.event)
            projection.write(session)
        return receipts

    def _forgotten(
        self, session: Session, accepted: dict[tuple[str, str], Accepted]
    ) -> list[tuple[str, str]]:
        """The accepted events about a subject that was forgotten (they must not come back)."""
        about = {key: _subjects(verdict.event) for key, verdict in accepted.items()}
        subjects: dict[str, set[str]] = {}
        for (tenant, _), named in about.items():
            subjects.setdefault(tenant, set()).update(named)
        gone = {
            (tenant, subject)
            for tenant, wanted in subjects.items()
            for subject in erase.forgotten(session, tenant, wanted)
        }
        dropped = [key for key, named in about.items() if any((key[0], s) in gone for s in named)]
        if dropped:
            self.stats.forgotten += len(dropped)
            _LOGGER.info("dropped %d event(s) of forgotten subjects", len(dropped))
        return dropped

    def _insert_new(self, session: Session, rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
        rows = sorted(rows, key=lambda row: (row["tenant_id"], row["id"]))  # lock order
        inserted = bulk.insert_ignore(session, Event, rows, returning=("tenant_id", "id"))
        return {(tenant, event_id) for tenant, event_id in inserted}

    def _dead(self, session: Session, message: Message, reason: str) -> None:
        self.stats.dead += 1
        _LOGGER.info("dead letter from %s: %s", message.topic, reason)
        session.add(
            DeadLetter(
                topic=message.topic[:400],
                reason=reason[:2000],
                payload=message.payload[:65536].decode("utf-8", errors="replace"),
                received_at=message.received_at,
            )
        )

    def _reject(self, session: Session, topic_hub: str, reason: str, count: int) -> None:
        self.stats.rejected += count
        self.stats.rejected_by_reason[reason] += count
        _LOGGER.warning("rejected %d message(s) of %s: %s", count, topic_hub, reason)
        row = {"topic_hub": topic_hub, "reason": reason, "count": count, "last_at": utcnow()}
        bulk.upsert(
            session,
            Rejection,
            [row],
            lambda old, new: {"count": old["count"] + new["count"], "last_at": new["last_at"]},
        )


def _receipt_dead(receipts: Receipts, message: Message, verdict: object) -> None:
    """A dead letter of a known hub with a readable id is receipted: it is committed."""
    hub = verdict.hub if isinstance(verdict, Accepted | Dead) else None
    event_id = readable_id(message.payload)
    if hub is not None and event_id is not None:
        receipts.add(hub, event_id)


def _subjects(event: HubEvent) -> set[str]:
    """Who an event is about: its subject, conversation and visit."""
    found = {event.subject} if event.subject else set()
    for name in ("conversation_id", "visit_id"):
        value = getattr(event.data, name, None)
        if isinstance(value, str):
            found.add(value)
    return found


def _needs_hub(message: Message, hubs: set[HubAddress]) -> bool:
    parts = message.topic.split("/")
    if len(parts) < 6:
        return False
    return HubAddress(*parts[2:5]) not in hubs


def _event_row(accepted: Accepted, message: Message) -> dict[str, Any]:
    event, hub = accepted.event, accepted.hub
    return {
        "tenant_id": hub.tenant,
        "id": event.id,
        "site_id": hub.site,
        "hub_id": hub.hub,
        "type": event.type,
        "subject": event.subject,
        "time": event.time,
        "received_at": message.received_at,
        "data": event.data.model_dump(mode="json"),
    }
