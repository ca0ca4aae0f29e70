"""The tenant/site filter every read and write goes through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists

from cloud.store.tenancy import Site


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user of one tenant, maybe limited to one site."""

    user_id: int
    email: str
    tenant_id: str
    site_id: str | None
    role: str

    @property
    def can_manage(self) -> bool:
        """Admins and managers may send commands and forget subjects."""
        return self.role in ("admin", "manager")


@dataclass(frozen=True)
class Scope:
    """A principal plus the page's filters (site, date range, language spoken)."""

    principal: Principal
    site: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    #: Only conversations with a turn in this language (ISO 639-1); rows of no conversation
    #: (traffic, presence) are not filtered by it.
    language: str | None = None

    @classmethod
    def of(
        cls,
        principal: Principal,
        site: str | None = None,
        days: int | None = None,
        now: datetime | None = None,
        language: str | None = None,
    ) -> Scope:
        """A scope of the last `days` days (all time if None), one site and language if asked."""
        since = None if days is None else (now or datetime.now(UTC)) - timedelta(days=days)
        return cls(principal, site or principal.site_id, since, None, language or None)

    def where(self, model: Any, time_column: Any = None) -> ColumnElement[bool]:
        """The filter for `model`: its tenant, the user's site, the chosen site and dates."""
        clauses = [model.tenant_id == self.principal.tenant_id]
        site_column = model.id if model is Site else model.site_id  # a site is its own site
        if self.principal.site_id is not None:
            clauses.append(site_column == self.principal.site_id)
        if self.site is not None:
            clauses.append(site_column == self.site)
        if time_column is not None and self.since is not None:
            clauses.append(time_column >= self.since)
        if time_column is not None and self.until is not None:
            clauses.append(time_column < self.until)
        if self.language is not None:
            conversation = _conversation_of(model)
            if conversation is not None:
                clauses.append(spoken_in(model.tenant_id, conversation, self.language))
        return and_(*clauses)


def _conversation_of(model: Any) -> Any:
    """The column naming a row's conversation, or None for rows of no conversation."""
    if model.__tablename__ == "conversations":
        return model.id
    return getattr(model, "conversation_id", None)


def spoken_in(tenant: Any, conversation: Any, language: str) -> ColumnElement[bool]:
    """The conversation has a turn in `language` (a conversation may switch: any turn counts)."""
    from cloud.store.projections import TurnRow

    return exists().where(
        TurnRow.tenant_id == tenant,
        TurnRow.conversation_id == conversation,
        TurnRow.language == language,
    )
