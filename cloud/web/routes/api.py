"""The JSON API (bearer tokens): hubs, conversations, alerts, tables, forget."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict

from cloud import commands
from cloud.errors import NotFoundError
from cloud.views import conversation, floor
from cloud.views.scope import Scope
from cloud.web.deps import ApiUser, SessionDep, require_manager
from cloud.web.routes.admin import audit_forget, send_command
from cloud.web.routes.pages import tables

router = APIRouter(prefix="/api/v1", tags=["api"])
Days = Annotated[int, Query(ge=1, le=3660)]
SiteFilter = Annotated[str | None, Query(max_length=64, pattern=r"^[a-z0-9-]*$")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not found"}}


class _Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class HubPublic(_Public):
    """A hub as the API shows it."""

    site_id: str
    id: str
    name: str
    state: str
    last_seen: datetime | None


class ConversationPublic(_Public):
    """A conversation's summary."""

    id: str
    site_id: str
    hub_id: str
    staff: str | None
    zone: str | None
    started_at: datetime
    ended_at: datetime | None
    turns: int
    sentiment: float | None
    talk_ratio: float | None
    objections: int | None
    objections_handled: int | None


class TurnPublic(_Public):
    """One redacted turn."""

    index: int
    role: str
    speaker: str
    start_s: float
    end_s: float
    text: str | None
    sentiment: float | None


class ConversationDetail(BaseModel):
    """A conversation with its turns."""

    conversation: ConversationPublic
    turns: list[TurnPublic]


class AlertPublic(_Public):
    """An open alert."""

    id: str
    site_id: str
    severity: str
    message: str
    time: datetime


class TablePublic(BaseModel):
    """An analytics table."""

    name: str
    columns: list[str]
    rows: list[list[str | int | float | None]]


class ForgetResult(BaseModel):
    """What a forget request did."""

    request_id: str
    removed_in_cloud: int
    sent_to_hub: bool


@router.get("/hubs")
def list_hubs(user: ApiUser, session: SessionDep) -> list[HubPublic]:
    """The hubs the user may see."""
    return [HubPublic.model_validate(h) for h in floor.floor(session, Scope.of(user)).hubs]


@router.get("/conversations")
def list_conversations(
    user: ApiUser, session: SessionDep, days: Days = 30
) -> list[ConversationPublic]:
    """The newest conversations."""
    rows = conversation.recent(session, Scope.of(user, None, days))
    return [ConversationPublic.model_validate(row) for row in rows]


@router.get("/conversations/{conversation_id}", responses=_NOT_FOUND)
def get_conversation(
    user: ApiUser, session: SessionDep, conversation_id: str
) -> ConversationDetail:
    """One conversation with its redacted turns."""
    view = conversation.conversation(session, Scope.of(user), conversation_id)
    return ConversationDetail(
        conversation=ConversationPublic.model_validate(view.conversation),
        turns=[TurnPublic.model_validate(turn) for turn in view.turns],
    )


@router.get("/alerts")
def list_alerts(user: ApiUser, session: SessionDep) -> list[AlertPublic]:
    """Open alerts."""
    return [AlertPublic.model_validate(a) for a in floor.floor(session, Scope.of(user)).alerts]


@router.get("/tables/{table}", responses=_NOT_FOUND)
def get_table(
    user: ApiUser, session: SessionDep, table: str, days: Days = 30, site: SiteFilter = None
) -> TablePublic:
    """A scorecard or analytics table."""
    found = tables(session, Scope.of(user, site or None, days))
    if table not in found:
        raise NotFoundError(f"no table {table!r}; tables: {', '.join(found)}")
    return TablePublic(name=table, columns=found[table].columns, rows=found[table].rows)


@router.post("/conversations/{conversation_id}/forget", responses=_NOT_FOUND)
def forget_conversation(request: Request, user: ApiUser, conversation_id: str) -> ForgetResult:
    """Erase a conversation in the cloud and ask its hub to do the same (managers)."""
    require_manager(user)
    scope = Scope.of(user)
    row, problem = send_command(
        request,
        lambda own: commands.forget_subject(own, scope, conversation_id),
        lambda own, sent, problem: audit_forget(own, user, sent, problem),
    )
    return ForgetResult(
        request_id=row.id, removed_in_cloud=row.removed_in_cloud, sent_to_hub=problem is None
    )


__all__ = ["HTTPException", "router"]
