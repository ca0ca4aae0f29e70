"""Apply newly stored events to the read models, in arrival order, inside the batch's session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.ingest.check import Accepted
from cloud.store import bulk
from cloud.store.events import CommandAudit
from cloud.store.projections import (
    AlertRow,
    Conversation,
    ObjectionRow,
    PresenceRow,
    PromptRow,
    TrafficRow,
    TurnRow,
)
from cloud.store.tenancy import Hub
from contract import events as ev
from contract.ids import HubAddress

T = TypeVar("T")


def preload(session: Session, accepted: Sequence[Accepted]) -> None:
    """Load the batch's conversations and prompts in two queries (the identity map keeps them)."""
    conversations: set[tuple[str, str]] = set()
    prompts: set[tuple[str, str]] = set()
    for item in accepted:
        data = item.event.data
        cid = getattr(data, "conversation_id", None)
        if isinstance(cid, str):
            conversations.add((item.hub.tenant, cid))
        pid = getattr(data, "prompt_id", None)
        if isinstance(pid, str):
            prompts.add((item.hub.tenant, pid))
    absent: set[tuple[object, ...]] = session.info.setdefault("absent", set())
    for model, keys in ((Conversation, conversations), (PromptRow, prompts)):
        for tenant in {tenant for tenant, _ in keys}:
            ids = [key for t, key in keys if t == tenant]
            found: set[str] = set()
            for start in range(0, len(ids), 500):
                rows = session.scalars(
                    select(model).where(
                        model.tenant_id == tenant, model.id.in_(ids[start : start + 500])
                    )
                )
                found.update(str(cast(Any, row).id) for row in rows)
            absent.update((model, tenant, key) for key in ids if key not in found)


def flush_turns(session: Session) -> None:
    """Insert the batch's turns in one statement (a re-sent turn is kept once)."""
    bulk.insert_ignore(session, TurnRow, session.info.pop("turns", []))


def _get(session: Session, model: type[T], key: tuple[str, ...]) -> T | None:
    """A row by primary key, including the batch's pending rows (autoflush is off)."""
    pending: dict[tuple[object, ...], object] = session.info.setdefault("pending", {})
    found = pending.get((model, *key))
    if isinstance(found, model):
        return found
    if (model, *key) in session.info.get("absent", ()):
        return None  # preload looked: not in the database
    return session.get(model, key)


def _add(session: Session, row: T, key: tuple[str, ...]) -> T:
    session.info.setdefault("pending", {})[(type(row), *key)] = row
    session.add(row)
    return row


def _conversation(session: Session, hub: HubAddress, cid: str, event: ev.Envelope) -> Conversation:
    row = _get(session, Conversation, (hub.tenant, cid))
    if row is None:
        row = Conversation(
            tenant_id=hub.tenant,
            id=cid,
            site_id=hub.site,
            hub_id=hub.hub,
            started_at=event.time,
            turns=0,
        )
        _add(session, row, (hub.tenant, cid))
    return row


def apply(session: Session, hub: HubAddress, event: ev.HubEvent) -> None:
    """Update the projections for one new event."""
    tenant, site = hub.tenant, hub.site
    match event:
        case ev.HubStatusEvent(data=data):
            row = session.get(Hub, (tenant, site, hub.hub))
            if row is not None and (row.last_seen is None or row.last_seen <= event.time):
                row.state, row.last_seen = data.state, event.time
                row.status = data.model_dump(mode="json")
        case ev.ConversationStartedEvent(data=data):
            conv = _conversation(session, hub, data.conversation_id, event)
            conv.started_at = event.time
            conv.staff = data.staff[0] if data.staff else conv.staff
            conv.zone, conv.consent = data.zone, data.consent
        case ev.TurnEvent(data=data):
            conv = _conversation(session, hub, data.conversation_id, event)
            conv.turns += 1
            score = data.sentiment.score if data.sentiment else None
            if data.role == "customer" and score is not None:
                conv.sentiment = score
            if data.role == "salesperson" and conv.staff is None and data.speaker != "unknown":
                conv.staff = data.speaker
            session.info.setdefault("turns", []).append(
                {
                    "tenant_id": tenant,
                    "conversation_id": data.conversation_id,
                    "index": data.index,
                    "role": data.role,
                    "speaker": data.speaker,
                    "start_s": data.start_s,
                    "end_s": data.end_s,
                    "text": data.text,
                    "sentiment": score,
                    "labels": ",".join(hit.label for hit in data.labels),
                }
            )
        case ev.ConversationEndedEvent(data=data):
            conv = _conversation(session, hub, data.conversation_id, event)
            m = data.metrics
            conv.ended_at, conv.duration_s, conv.talk_ratio = event.time, m.duration_s, m.talk_ratio
            conv.open_questions, conv.stage = m.open_questions, m.stage
            conv.objections = len(m.objections)
            conv.objections_handled = sum(1 for o in m.objections if o.handled)
            conv.sentiment_start, conv.sentiment_end = m.sentiment_start, m.sentiment_end
            conv.metrics = m.model_dump(mode="json")
            for item in m.objections:
                session.add(
                    ObjectionRow(
                        tenant_id=tenant,
                        conversation_id=data.conversation_id,
                        turn_index=item.turn_index,
                        site_id=conv.site_id,
                        staff=conv.staff,
                        objection=item.objection.value,
                        handled=item.handled,
                        time=event.time,
                    )
                )
        case ev.CoachingPromptEvent(data=data):
            prompt = _get(session, PromptRow, (tenant, data.prompt_id)) or _add(
                session,
                PromptRow(tenant_id=tenant, id=data.prompt_id, site_id=site, time=event.time),
                (tenant, data.prompt_id),
            )
            prompt.conversation_id, prompt.staff = data.conversation_id, data.staff
            prompt.rule, prompt.kind, prompt.text = data.rule, data.kind, data.text
            session.add(prompt)
            if data.conversation_id:
                _conversation(session, hub, data.conversation_id, event).last_prompt = data.text
        case ev.PromptOutcomeEvent(data=data):
            prompt = _get(session, PromptRow, (tenant, data.prompt_id)) or _add(
                session,
                PromptRow(
                    tenant_id=tenant,
                    id=data.prompt_id,
                    site_id=site,
                    time=event.time,
                    conversation_id=data.conversation_id,
                ),
                (tenant, data.prompt_id),
            )
            prompt.followed = data.followed
            session.add(prompt)
        case ev.ManagerAlertEvent(data=data):
            session.merge(
                AlertRow(
                    tenant_id=tenant,
                    id=data.alert_id,
                    site_id=site,
                    severity=data.severity,
                    rule=data.rule,
                    message=data.message,
                    conversation_id=data.conversation_id,
                    zone=data.zone,
                    time=event.time,
                )
            )
        case ev.PresenceEvent(data=data):
            session.add(
                PresenceRow(
                    tenant_id=tenant,
                    event_id=event.id,
                    site_id=site,
                    action=data.action,
                    zone=data.zone,
                    staff=data.staff,
                    visit_id=data.visit_id,
                    conversation_id=data.conversation_id,
                    waited_s=data.waited_s,
                    time=event.time,
                )
            )
        case ev.TrafficSummaryEvent(data=data):
            session.add(
                TrafficRow(
                    tenant_id=tenant,
                    event_id=event.id,
                    site_id=site,
                    zone=data.zone,
                    interval_start=data.interval_start,
                    interval_s=data.interval_s,
                    visitors=data.visitors,
                    devices=data.devices,
                    staff_present=data.staff_present,
                )
            )
        case ev.CommandResultEvent(data=data):
            audit = session.get(CommandAudit, data.command_id)
            if audit is not None and audit.tenant_id == tenant and audit.hub_id == hub.hub:
                audit.ack_ok, audit.ack_detail = data.ok, data.detail
                audit.ack_removed, audit.ack_at = data.removed, event.time
