"""The HubSpot connector: `push`, `search`, `check`, `preview` over one `httpx.AsyncClient`.

Private-app and service-key tokens are static (no expiry), so there is no token refresh: a 401
raises `CrmAuthError` for an admin to replace the token.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import httpx
from pydantic import ValidationError

from cloud.crm.connector import CrmAuthError, CrmError
from cloud.crm.model import Check, JobResult, Match, PreviewRequest, SyncJob
from cloud.crm.vendors.hubspot import preview as _preview
from cloud.crm.vendors.hubspot.deals import ClosedDeal, closed_deals
from cloud.crm.vendors.hubspot.exchange import CONTACTS, HttpExchange, Rejected, Request
from cloud.crm.vendors.hubspot.limits import Deferred, Limits
from cloud.crm.vendors.hubspot.push import push
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    MAX_INPUTS,
    Filter,
    FilterGroup,
    PropertyReply,
    Search,
    SearchReply,
)

_MATCH_PROPERTIES = ["firstname", "lastname", "email", "phone"]


class Connector:
    """One HubSpot portal, reached with one private-app token."""

    vendor = "hubspot"
    max_batch = MAX_INPUTS

    def __init__(
        self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.settings = settings
        self._client = httpx.AsyncClient(
            base_url=settings.base_url,
            headers={"Authorization": f"Bearer {settings.token.get_secret_value()}"},
            timeout=settings.timeout_s,
            transport=transport,
        )
        self.limits = Limits(settings)
        self._exchange = HttpExchange(self._client, self.limits)

    async def push(self, jobs: Sequence[SyncJob]) -> list[JobResult]:
        """See `cloud.crm.connector.Connector.push`."""
        return await push(self.settings, self._exchange, jobs)

    async def search(self, query: str) -> list[Match]:
        """Contacts whose e-mail (a query with `@`) or phone / mobile phone is `query`."""
        text = query.strip()
        if not text:
            return []
        names = ["email"] if "@" in text else ["phone", "mobilephone"]
        groups = [
            FilterGroup(filters=[Filter(propertyName=name, operator="EQ", value=text)])
            for name in names
        ]
        search = Search(filterGroups=groups, properties=_MATCH_PROPERTIES, limit=20)
        try:
            reply = SearchReply.model_validate(
                await self._exchange.send(
                    Request("POST", f"{CONTACTS}/search", search, search=True)
                )
            )
        except (Deferred, Rejected, ValidationError) as err:
            raise CrmError(f"HubSpot search failed: {err}") from err
        return [
            Match(
                remote_id=found.id,
                first_name=found.properties.get("firstname") or "",
                last_name=found.properties.get("lastname") or "",
                email=found.properties.get("email"),
                phone=found.properties.get("phone"),
            )
            for found in reply.results
        ]

    async def check(self) -> Check:
        """Token, read scope, our custom properties and the step values, in that order."""
        s = self.settings
        try:
            await self._exchange.send(Request("GET", f"{CONTACTS}?limit=1"))
            needed = [
                ("contacts", s.person_id_property),
                ("calls", s.event_id_property),
                ("calls", s.person_id_property),
                ("tasks", s.event_id_property),
                ("tasks", s.person_id_property),
            ]
            for kind, name in needed:
                if await self._property(kind, name) is None:
                    return Check(
                        ok=False,
                        detail=f"missing custom {kind} property {name} (single-line text)",
                    )
            step = await self._property("contacts", s.step_property)
            if step is None:
                return Check(ok=False, detail=f"missing contact property {s.step_property}")
            options = {option.value for option in step.options}
            wrong = sorted(v for v in s.steps.values() if v is not None and v not in options)
            if options and wrong:
                return Check(
                    ok=False,
                    detail=f"{s.step_property} has no option {', '.join(wrong)}",
                )
        except CrmAuthError as err:
            return Check(ok=False, detail=str(err))
        except (Deferred, Rejected, ValidationError) as err:
            return Check(ok=False, detail=f"HubSpot did not answer the check: {err}")
        return Check(
            ok=True,
            detail="token accepted; contacts readable; custom properties and step values "
            "present (write scopes are proven by the first sync)",
        )

    async def _property(self, kind: str, name: str) -> PropertyReply | None:
        try:
            answer = await self._exchange.send(Request("GET", f"/crm/v3/properties/{kind}/{name}"))
        except Rejected as err:
            if err.status == 404:
                return None
            raise
        return PropertyReply.model_validate(answer)

    async def closed_deals(self, since: datetime) -> list[ClosedDeal]:
        """Deals won or lost since `since`, with their contacts (`cloud.score` outcomes)."""
        try:
            return await closed_deals(self._exchange, self.settings, since)
        except (Deferred, Rejected, ValidationError) as err:
            raise CrmError(f"HubSpot deals could not be read: {err}") from err

    def preview(self, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
        """See `cloud.crm.connector.Connector.preview`."""
        return _preview.preview(self.settings, jobs)

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._client.aclose()
