"""Contacts: batch upsert by e-mail; without e-mail, search then update or create.

Every person of a push is resolved to a HubSpot contact id once, with everything its jobs
write (person fields, owner, the latest showroom step) in one input: a batch of 100 jobs
costs one upsert request for the people with e-mail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from cloud.crm.model import Failed, JobResult, Owner, Person
from cloud.crm.vendors.hubspot.batching import chunks, failure, send_split
from cloud.crm.vendors.hubspot.exchange import CONTACTS, Exchange, Rejected, Request
from cloud.crm.vendors.hubspot.limits import Deferred
from cloud.crm.vendors.hubspot.settings import Settings
from cloud.crm.vendors.hubspot.wire import (
    BatchReply,
    BatchUpdate,
    BatchUpsert,
    CreateInput,
    Filter,
    FilterGroup,
    HsObject,
    Properties,
    Search,
    SearchReply,
    UpdateInput,
    UpsertInput,
)

_EXISTING_ID = re.compile(r"Existing ID:\s*(\d+)")


@dataclass
class Contact:
    """One person of a push: what to write, and the contact id once known."""

    person: Person
    props: Properties = field(default_factory=dict)
    id: str | None = None
    new: bool = False
    error: JobResult | None = None


def person_properties(settings: Settings, person: Person, owner: Owner | None) -> Properties:
    """The contact properties of a person (strings, as HubSpot types them)."""
    props = {
        "firstname": person.first_name,
        "lastname": person.last_name,
        settings.person_id_property: person.id,
    }
    if person.email:
        props["email"] = person.email
    if person.phone:
        props["phone"] = person.phone
    if owner is not None and owner.crm_user_id:
        props["hubspot_owner_id"] = owner.crm_user_id
    return props


async def sync_contacts(settings: Settings, exchange: Exchange, contacts: list[Contact]) -> None:
    """Give each contact an id (or an error), writing its properties."""
    await _upsert(exchange, [c for c in contacts if c.person.email and (c.props or not c.id)])
    updates = [c for c in contacts if not c.person.email and c.id and c.props]
    for contact in contacts:
        unknown = not contact.person.email and not contact.id
        if unknown and await _find_or_create(settings, exchange, contact):
            updates.append(contact)
    await _update(exchange, updates)


async def _upsert(exchange: Exchange, contacts: list[Contact]) -> None:
    by_email: dict[str, list[Contact]] = {}
    for contact in contacts:
        by_email.setdefault((contact.person.email or "").lower(), []).append(contact)

    def request(part: Sequence[str]) -> Request:
        inputs = []
        for email in part:
            props: Properties = {}
            for contact in by_email[email]:
                props.update(contact.props)
            props["email"] = by_email[email][-1].person.email or email
            inputs.append(UpsertInput(id=props["email"], idProperty="email", properties=props))
        return Request("POST", f"{CONTACTS}/batch/upsert", BatchUpsert(inputs=inputs))

    for batch in chunks(list(by_email)):
        for part, answer in await send_split(exchange, request, batch):
            reply = _reply(answer, [by_email[email] for email in part])
            if reply is not None:
                _upserted(reply, part, by_email)


def _upserted(reply: BatchReply, part: Sequence[str], by_email: dict[str, list[Contact]]) -> None:
    answered = set()
    for result in reply.results:
        email = (result.properties.get("email") or "").lower()
        answered.add(email)
        for contact in by_email.get(email, []):
            contact.id, contact.new = result.id, bool(result.new)
    for email in part:
        if email not in answered:
            _set_error(by_email[email], _reason(reply, email))


async def _update(exchange: Exchange, contacts: list[Contact]) -> None:
    by_id: dict[str, list[Contact]] = {}
    for contact in contacts:
        by_id.setdefault(contact.id or "", []).append(contact)

    def request(part: Sequence[str]) -> Request:
        inputs = []
        for contact_id in part:
            props: Properties = {}
            for contact in by_id[contact_id]:
                props.update(contact.props)
            inputs.append(UpdateInput(id=contact_id, properties=props))
        return Request("POST", f"{CONTACTS}/batch/update", BatchUpdate(inputs=inputs))

    for batch in chunks(list(by_id)):
        for part, answer in await send_split(exchange, request, batch):
            reply = _reply(answer, [by_id[contact_id] for contact_id in part])
            if reply is None:
                continue
            answered = {result.id for result in reply.results}
            for contact_id in part:
                if contact_id not in answered:
                    _set_error(by_id[contact_id], _reason(reply, contact_id))


async def _find_or_create(settings: Settings, exchange: Exchange, contact: Contact) -> bool:
    """Find a contact without e-mail by our person id or phone, else create it.

    True when found (it still needs an update with `contact.props`).
    """
    person = contact.person
    groups = [
        FilterGroup(
            filters=[
                Filter(propertyName=settings.person_id_property, operator="EQ", value=person.id)
            ]
        )
    ]
    if person.phone:
        groups.append(
            FilterGroup(filters=[Filter(propertyName="phone", operator="EQ", value=person.phone)])
        )
    search = Search(filterGroups=groups, properties=["phone", settings.person_id_property], limit=1)
    try:
        found = SearchReply.model_validate(
            await exchange.send(Request("POST", f"{CONTACTS}/search", search, search=True))
        )
    except (Deferred, Rejected, ValidationError) as err:
        contact.error = failure(err)
        return False
    if found.results:
        contact.id = found.results[0].id
        return True
    props = {**person_properties(settings, person, None), **contact.props}
    try:
        created = HsObject.model_validate(
            await exchange.send(
                Request("POST", CONTACTS, CreateInput(properties=props, associations=[]))
            )
        )
    except Rejected as err:
        existing = _EXISTING_ID.search(err.error.message) if err.status == 409 else None
        if existing is None:
            contact.error = failure(err)
            return False
        contact.id = existing.group(1)  # 409 Contact already exists: update it instead
        return True
    except (Deferred, ValidationError) as err:
        contact.error = failure(err)
        return False
    contact.id, contact.new = created.id, True
    return False


def _reply(answer: object, groups: list[list[Contact]]) -> BatchReply | None:
    """The batch answer, or None with every contact of `groups` given the error."""
    try:
        if isinstance(answer, Exception):
            raise answer
        return BatchReply.model_validate(answer)
    except (Deferred, Rejected, ValidationError) as err:
        for group in groups:
            _set_error(group, failure(err))
        return None


def _reason(reply: BatchReply, key: str) -> JobResult:
    for error in reply.errors:
        if any(key.lower() in (v.lower() for v in values) for values in error.context.values()):
            return Failed(reason=f"HubSpot {error.category}: {error.message}")
    message = reply.errors[0].message if reply.errors else "no result for this input"
    return Failed(reason=f"HubSpot: {message}")


def _set_error(group: list[Contact], error: JobResult) -> None:
    for contact in group:
        contact.error = error
