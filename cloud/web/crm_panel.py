"""What the CRM part of a conversation page shows, and connector calls from request threads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from anyio import from_thread
from fastapi import Request
from sqlalchemy.orm import Session

from cloud.crm import people, status
from cloud.crm.connect import ConnectorFactory, config_for
from cloud.crm.connector import Connector, CrmError
from cloud.crm.model import Match
from cloud.store.crm import CrmConfigRow, LinkRow, OutboxRow, PersonRow
from cloud.store.projections import Conversation

T = TypeVar("T")


@dataclass(frozen=True)
class CrmPanel:
    """The conversation's link, its sync jobs, the site's CRM, a search's matches."""

    vendor: str | None
    link: LinkRow | None = None
    person: PersonRow | None = None
    jobs: list[OutboxRow] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    problem: str | None = None
    searched: str = ""

    @property
    def state(self) -> str:
        """One word for the whole conversation: failed, pending, sent, or not linked."""
        if self.link is None:
            return "not linked"
        states = {job.state for job in self.jobs}
        for word in ("dead", "failed", "sending", "pending"):
            if word in states:
                return {"dead": "failed", "sending": "pending"}.get(word, word)
        return "sent" if states else "linked (no CRM set up)"


def panel(session: Session, conv: Conversation, **extra: object) -> CrmPanel:
    """The panel of `conv`."""
    config = config_for(session, conv.tenant_id, conv.site_id)
    found = people.linked(session, conv.tenant_id, conv.site_id, conv.id)
    link, person = found if found else (None, None)
    jobs = status.conversation(session, conv.tenant_id, conv.id)
    vendor = config.vendor if config is not None and config.enabled else None
    return CrmPanel(vendor, link, person, jobs, **extra)  # type: ignore[arg-type]


def factory(request: Request) -> ConnectorFactory:
    """The app's connector factory (the real vendors; tests put a vendor fake behind it)."""
    built: ConnectorFactory = request.app.state.crm_factory
    return built


def call(request: Request, config: CrmConfigRow, use: Callable[[Connector], Awaitable[T]]) -> T:
    """Run `use(connector)` on the event loop from a request thread; the connector is closed."""

    async def run() -> T:
        connector = factory(request)(config)
        try:
            return await use(connector)
        finally:
            await connector.aclose()

    try:
        return from_thread.run(run)
    except CrmError:
        raise
    except Exception as err:  # the vendor module failed: say so, never a 500 with a trace
        raise CrmError(f"{config.vendor}: {err}") from err
