"""Apply a batch's newly stored events to the read models, in a few statements.

Each event folds into partial rows (`merge` says how per column); `write` upserts them in key
order, so workers sharing the hubs' events neither lose each other's updates nor deadlock:
every transaction locks conversations, then prompts, each in key order.

A conversation (and a prompt) belongs to the site whose hub first wrote it: a hub of another
site of the tenant that sends the same id adds nothing to it and cannot end it. Within a
batch the first site to name an id claims it; in the store the upsert changes a row only when
its `site_id` matches, and the turns and objections of a conversation the store refused are
dropped with it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from cloud.crm.hook import CrmHook
from cloud.ingest import merge
from cloud.ingest.merge import Row
from cloud.store import bulk, erase
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
from contract import payloads as p
from contract.ids import HubAddress

_LOGGER = logging.getLogger(__name__)
Key = tuple[Any, ...]


def _blank(rules: dict[str, merge.Rule]) -> Row:
    return dict.fromkeys(rules)


class Projection:
    """The read-model changes of one batch's new events, in arrival order."""

    def __init__(self) -> None:
        """Nothing to write yet."""
        self._conversations: dict[Key, Row] = {}
        self._prompts: dict[Key, Row] = {}
        self._turns: dict[Key, Row] = {}
        self._objections: dict[Key, Row] = {}
        self._alerts: dict[Key, Row] = {}
        self._presence: dict[Key, Row] = {}
        self._traffic: dict[Key, Row] = {}
        self._statuses: dict[HubAddress, tuple[datetime, p.HubStatus]] = {}
        self._results: list[tuple[HubAddress, datetime, p.CommandResult]] = []
        self._crm = CrmHook()
        #: (tenant, conversation id) -> the site that claimed it in this batch.
        self._sites: dict[Key, str] = {}

    def _claims(self, hub: HubAddress, cid: str) -> bool:
        """Whether `hub`'s site may write conversation `cid` (first site in the batch wins)."""
        site = self._sites.setdefault((hub.tenant, cid), hub.site)
        if site != hub.site:
            _LOGGER.warning(
                "hub %s named conversation %s of site %s: ignored", hub.source, cid, site
            )
        return site == hub.site

    def _fold(
        self, rows: dict[Key, Row], rules: dict[str, merge.Rule], key: Key, values: Row
    ) -> None:
        new = _blank(rules) | values
        old = rows.get(key)
        rows[key] = new if old is None else merge.merge(rules, old, new)

    def _conversation(self, hub: HubAddress, cid: str, event: ev.Envelope, **values: Any) -> None:
        start: Row = {"tenant_id": hub.tenant, "id": cid, "site_id": hub.site, "hub_id": hub.hub}
        start |= {"started_at": event.time, "turns": 0}
        self._fold(self._conversations, merge.CONVERSATION, (hub.tenant, cid), start | values)

    def _prompt(self, hub: HubAddress, prompt_id: str, event: ev.Envelope, **values: Any) -> None:
        start: Row = {"tenant_id": hub.tenant, "id": prompt_id, "site_id": hub.site}
        start |= {"rule": "", "kind": "", "text": "", "time": event.time}
        self._fold(self._prompts, merge.PROMPT, (hub.tenant, prompt_id), start | values)

    def add(self, hub: HubAddress, event: ev.HubEvent) -> None:
        """Fold in one new event."""
        tenant, site = hub.tenant, hub.site
        self._crm.add(hub, event)
        match event:
            case ev.HubStatusEvent(data=data):
                seen = self._statuses.get(hub)
                if seen is None or seen[0] <= event.time:
                    self._statuses[hub] = (event.time, data)
            case ev.ConversationStartedEvent(data=data) if self._claims(hub, data.conversation_id):
                self._conversation(
                    hub,
                    data.conversation_id,
                    event,
                    staff=data.staff[0] if data.staff else None,
                    zone=data.zone,
                    consent=data.consent,
                    visit_id=data.visit_id,
                )
            case ev.TurnEvent(data=data) if self._claims(hub, data.conversation_id):
                self._turn(hub, event, data)
            case ev.TurnRevisedEvent(data=data) if self._claims(hub, data.conversation_id):
                self._revised(hub, event, data)
            case ev.ConversationEndedEvent(data=data) if self._claims(hub, data.conversation_id):
                self._ended(hub, event, data)
            case ev.CoachingPromptEvent(data=data) if not data.conversation_id or self._claims(
                hub, data.conversation_id
            ):
                self._prompt(
                    hub,
                    data.prompt_id,
                    event,
                    conversation_id=data.conversation_id,
                    staff=data.staff,
                    rule=data.rule,
                    kind=data.kind,
                    text=data.text,
                )
                if data.conversation_id:
                    self._conversation(
                        hub,
                        data.conversation_id,
                        event,
                        last_prompt=data.text,
                        last_prompt_at=event.time,
                    )
            case ev.PromptOutcomeEvent(data=data) if not data.conversation_id or self._claims(
                hub, data.conversation_id
            ):
                self._prompt(
                    hub,
                    data.prompt_id,
                    event,
                    conversation_id=data.conversation_id,
                    followed=data.followed,
                )
            case ev.ManagerAlertEvent(data=data):
                self._alerts.setdefault(
                    (tenant, data.alert_id),
                    {
                        "tenant_id": tenant,
                        "id": data.alert_id,
                        "site_id": site,
                        "severity": data.severity,
                        "rule": data.rule,
                        "message": data.message,
                        "conversation_id": data.conversation_id,
                        "zone": data.zone,
                        "time": event.time,
                        "open": True,
                    },
                )
            case ev.PresenceEvent(data=data):
                self._presence[(tenant, event.id)] = {
                    "tenant_id": tenant,
                    "event_id": event.id,
                    "site_id": site,
                    "action": data.action,
                    "zone": data.zone,
                    "staff": data.staff,
                    "visit_id": data.visit_id,
                    "conversation_id": data.conversation_id,
                    "waited_s": data.waited_s,
                    "dwell_s": data.dwell_s,
                    "time": event.time,
                }
            case ev.TrafficSummaryEvent(data=data):
                self._traffic[(tenant, event.id)] = {
                    "tenant_id": tenant,
                    "event_id": event.id,
                    "site_id": site,
                    "zone": data.zone,
                    "interval_start": data.interval_start,
                    "interval_s": data.interval_s,
                    "visitors": data.visitors,
                    "devices": data.devices,
                    "staff_present": data.staff_present,
                }
            case ev.CommandResultEvent(data=data):
                self._results.append((hub, event.time, data))

    def _turn(self, hub: HubAddress, event: ev.Envelope, data: p.Turn) -> None:
        score = data.sentiment.score if data.sentiment else None
        values: Row = {"turns": 1}
        if data.role == "customer" and score is not None:
            values |= {"sentiment": score, "sentiment_turn": data.index}
        if data.role == "salesperson" and data.speaker != "unknown":
            values["staff"] = data.speaker
        self._conversation(hub, data.conversation_id, event, **values)
        row = {
            "tenant_id": hub.tenant,
            "conversation_id": data.conversation_id,
            "index": data.index,
            "role": data.role,
            "speaker": data.speaker,
            "start_s": data.start_s,
            "end_s": data.end_s,
            "text": data.text,
            "sentiment": score,
            "labels": ",".join(hit.label for hit in data.labels),
            "language": data.language,
            "revision": 0,
        }
        self._fold(self._turns, merge.TURN, (hub.tenant, data.conversation_id, data.index), row)

    def _revised(self, hub: HubAddress, event: ev.Envelope, data: p.TurnRevised) -> None:
        """A turn's polished text: its row with who-spoke-when blank (the turn event has it)."""
        self._conversation(hub, data.conversation_id, event)  # the site's claim is checked
        row = {
            "tenant_id": hub.tenant,
            "conversation_id": data.conversation_id,
            "index": data.index,
            "role": "",
            "speaker": "",
            "start_s": 0.0,
            "end_s": 0.0,
            "text": data.text,
            "sentiment": None,
            "labels": "",
            "language": None,
            "revision": data.revision,
        }
        self._fold(self._turns, merge.TURN, (hub.tenant, data.conversation_id, data.index), row)

    def _ended(self, hub: HubAddress, event: ev.Envelope, data: p.ConversationEnded) -> None:
        m = data.metrics
        self._conversation(
            hub,
            data.conversation_id,
            event,
            ended_at=event.time,
            duration_s=m.duration_s,
            talk_ratio=m.talk_ratio,
            open_questions=m.open_questions,
            stage=m.stage,
            objections=len(m.objections),
            objections_handled=sum(1 for o in m.objections if o.handled),
            sentiment_start=m.sentiment_start,
            sentiment_end=m.sentiment_end,
            metrics=m.model_dump(mode="json"),
        )
        for item in m.objections:
            key = (hub.tenant, data.conversation_id, item.turn_index)
            self._objections[key] = {
                "tenant_id": hub.tenant,
                "conversation_id": data.conversation_id,
                "turn_index": item.turn_index,
                "site_id": hub.site,
                "staff": None,  # the conversation's staff, which may not be known yet
                "objection": item.objection.value,
                "handled": item.handled,
                "time": event.time,
            }

    def write(self, session: Session) -> None:
        """Write everything folded in, conversations and prompts first, each in key order."""
        conversations = _sorted(self._conversations)
        written = bulk.upsert(
            session,
            Conversation,
            conversations,
            _setter(merge.CONVERSATION),
            returning=("tenant_id", "id"),
            same=("site_id",),
        )
        refused = {(row["tenant_id"], row["id"]) for row in conversations} - set(written)
        if refused:
            _LOGGER.warning("conversations of another site, ignored: %s", sorted(refused))
        bulk.upsert(
            session,
            PromptRow,
            _sorted(self._prompts, refused, "conversation_id"),
            _setter(merge.PROMPT),
            same=("site_id",),
        )
        bulk.upsert(session, TurnRow, _sorted(self._turns, refused), _setter(merge.TURN))
        bulk.insert_ignore(session, ObjectionRow, _sorted(self._objections, refused))
        bulk.insert_ignore(session, AlertRow, _sorted(self._alerts))
        bulk.insert_ignore(session, PresenceRow, _sorted(self._presence))
        bulk.insert_ignore(session, TrafficRow, _sorted(self._traffic))
        for hub, (time, status) in sorted(self._statuses.items()):
            session.execute(
                update(Hub)
                .where(Hub.tenant_id == hub.tenant, Hub.site_id == hub.site, Hub.id == hub.hub)
                .where(or_(Hub.last_seen.is_(None), Hub.last_seen <= time))
                .values(state=status.state, last_seen=time, status=status.model_dump(mode="json"))
                .execution_options(synchronize_session=False)
            )
        for hub, time, result in self._results:
            audit = session.get(CommandAudit, result.command_id)
            if audit is None or HubAddress(audit.tenant_id, audit.site_id, audit.hub_id) != hub:
                continue  # only the hub the command went to may acknowledge it
            audit.ack_ok, audit.ack_detail = result.ok, result.detail
            audit.ack_removed, audit.ack_at = result.removed, time
            if audit.command == erase.FORGET and audit.subject:
                # what a batch committed while the first erase ran (it had not seen the audit)
                audit.removed_in_cloud += erase.erase(
                    session, hub.tenant, audit.subject, audit.site_id
                )
        self._crm.write(session)


def _sorted(
    rows: dict[Key, Row], refused: set[Key] | None = None, column: str = "conversation_id"
) -> list[Row]:
    """The rows in key order, less those of a `refused` (tenant, conversation)."""
    found = [rows[key] for key in sorted(rows)]
    if refused:
        found = [row for row in found if (row["tenant_id"], row.get(column)) not in refused]
    return found


def _setter(rules: dict[str, merge.Rule]) -> bulk.SetClause:
    def set_(old: Any, new: Any) -> Any:
        return merge.sql_set(rules, old, new)

    return set_
