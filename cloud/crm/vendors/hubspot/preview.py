"""`preview`: the push's own code run against an exchange that records instead of sending.

The recorder answers like a portal that starts empty and holds what the previewed requests
create (placeholder ids such as `{contact:ana@example.com}`, `{call:<job key>}`), so the list
is exactly what a push of the same jobs sends to a portal that has none of these records yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cloud.crm.connector import CrmError
from cloud.crm.model import JobResult, PreviewRequest, SyncJob
from cloud.crm.vendors.hubspot.exchange import Request
from cloud.crm.vendors.hubspot.push import push
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    AssociationRead,
    BatchCreate,
    BatchRead,
    BatchUpdate,
    BatchUpsert,
    CreateInput,
    Properties,
)


class RecordingExchange:
    """An `Exchange` that records each request and answers as described above."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.requests: list[Request] = []
        self._contacts: dict[str, str] = {}  # lower-case e-mail -> placeholder id
        self._calls: dict[str, list[dict[str, Any]]] = {}  # contact id -> its calls

    async def send(self, request: Request) -> object:
        """Record `request`; a HubSpot-shaped answer."""
        self.requests.append(request)
        body = request.body
        if isinstance(body, BatchUpsert):
            return {"results": [self._upserted(item.id, item.properties) for item in body.inputs]}
        if isinstance(body, BatchCreate):
            return {"results": [self._call(item) for item in body.inputs]}
        if isinstance(body, BatchUpdate):
            return {"results": [{"id": i.id, "properties": i.properties} for i in body.inputs]}
        if isinstance(body, CreateInput) and request.path.endswith("/tasks"):
            key = body.properties.get(self._settings.event_id_property, "")
            return _object("task", key, body.properties, new=True)
        if isinstance(body, CreateInput):
            key = body.properties.get(self._settings.person_id_property, "")
            return _object("contact", key, body.properties, new=True)
        if isinstance(body, AssociationRead) and "/tasks/" in request.path:
            return {"results": []}  # tasks made by earlier pushes are not known to a preview
        if isinstance(body, AssociationRead):
            return {
                "results": [self._links(item.id) for item in body.inputs if item.id in self._calls]
            }
        if isinstance(body, BatchRead):
            return {"results": self._read(body)}
        if request.search:
            return {"total": 0, "results": []}
        return None

    def _upserted(self, email: str, props: Properties) -> dict[str, Any]:
        new = email.lower() not in self._contacts
        found = _object("contact", email, props, new=new)
        self._contacts.setdefault(email.lower(), found["id"])
        return found

    def _call(self, item: CreateInput) -> dict[str, Any]:
        created = _object(
            "call", item.properties.get(self._settings.event_id_property, ""), item.properties
        )
        for link in item.associations:
            self._calls.setdefault(link.to.id, []).append(created)
        return created

    def _links(self, contact_id: str) -> dict[str, Any]:
        targets = [{"toObjectId": call["id"]} for call in self._calls[contact_id]]
        return {"from": {"id": contact_id}, "to": targets}

    def _read(self, body: BatchRead) -> list[dict[str, Any]]:
        if body.idProperty == "email":
            return [
                {"id": self._contacts[item.id.lower()], "properties": {"email": item.id}}
                for item in body.inputs
                if item.id.lower() in self._contacts
            ]
        calls = {call["id"]: call for group in self._calls.values() for call in group}
        return [calls[item.id] for item in body.inputs if item.id in calls]


def _object(kind: str, key: str, props: Properties, *, new: bool = False) -> dict[str, Any]:
    return {"id": f"{{{kind}:{key}}}", "properties": dict(props), "new": new}


def preview(settings: Settings, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
    """The requests `push(jobs)` sends to a portal without these records, sending none."""
    exchange = RecordingExchange(settings)
    coroutine = push(settings, exchange, jobs)
    try:
        coroutine.send(None)
    except StopIteration as stop:
        _results: list[JobResult] = stop.value
    else:
        coroutine.close()
        raise CrmError("preview: the push waited on something other than the recorder")
    return [
        PreviewRequest(method=r.method, url=f"{settings.base_url}{r.path}", body=r.json())
        for r in exchange.requests
    ]
