"""What each endpoint does to the portal, HubSpot's way (answers shaped as HubSpot's).

Each function returns `(status, json)` or raises `HsError`, which the app turns into HubSpot's
error body (`status`, `message`, `category`, `correlationId`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from harness.crm.hubspot import schema
from harness.crm.hubspot.portal import Portal, Record

CALL_TO_CONTACT = 194
TASK_TO_CONTACT = 204
Answer = tuple[int, Any]


class HsError(Exception):
    """An error answer: HTTP status, HubSpot category, message (and extra fields)."""

    def __init__(self, status: int, category: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.category = category
        self.message = message
        self.extra = extra


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def as_json(record: Record, properties: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """An object as HubSpot answers it (`properties` limits which are returned)."""
    props: dict[str, str | None] = {**record.properties, "hs_object_id": record.id}
    if properties is not None:
        props = {name: record.properties.get(name) for name in properties}
        props["hs_object_id"] = record.id
    return {
        "id": record.id,
        "properties": props,
        "createdAt": _iso(record.created_at),
        "updatedAt": _iso(record.updated_at),
        "archived": False,
        **extra,
    }


def check_properties(portal: Portal, kind: str, props: dict[str, str]) -> None:
    """HubSpot's 400 for an unknown property, a value not among the options, a bad owner."""
    known = portal.config.properties[kind]
    problems = []
    for name, value in props.items():
        if name not in known:
            problems.append(f'Property "{name}" does not exist (PROPERTY_DOESNT_EXIST)')
        elif (options := known[name]) is not None and value not in options:
            problems.append(
                f"{value} was not one of the allowed options for {name} (INVALID_OPTION)"
            )
        elif name == "hubspot_owner_id" and value not in portal.config.owners:
            problems.append(f"{value} is not a valid owner id (INVALID_OWNER_ID)")
        elif name == "email" and "@" not in value:
            problems.append(f"Email address {value} is invalid (INVALID_EMAIL)")
        elif name == "hs_call_duration" and not value.isdigit():
            problems.append(f"{value} is not a valid number for {name} (INVALID_INTEGER)")
    if problems:
        raise HsError(
            400, "VALIDATION_ERROR", "Property values were not valid: " + "; ".join(problems)
        )


def _new(
    portal: Portal, kind: str, props: dict[str, str], associations: list[tuple[str, int]]
) -> Record:
    now = portal.clock.now()
    record = Record(portal.new_id(), kind, dict(props), associations, now, now)
    if kind == "contacts" and "email" in props:
        record.properties["email"] = props["email"].lower()
    portal.add(record)
    portal.counts[f"created.{kind}"] += 1
    return record


def _associations(
    portal: Portal, kind: str, specs: list[schema.AssociationSpec]
) -> list[tuple[str, int]]:
    links: list[tuple[str, int]] = []
    for spec in specs:
        for item in spec.types:
            wanted = {"calls": CALL_TO_CONTACT, "tasks": TASK_TO_CONTACT}.get(kind)
            if wanted is not None and item.associationTypeId != wanted:
                raise HsError(
                    400,
                    "VALIDATION_ERROR",
                    f"association type {item.associationTypeId} is not {kind[:-1]} -> contact",
                )
        if spec.to.id not in portal.objects["contacts"]:
            raise HsError(
                400,
                "VALIDATION_ERROR",
                f"One or more associations are invalid: contact {spec.to.id} does not exist",
            )
        links.extend((spec.to.id, item.associationTypeId) for item in spec.types)
    return links


def _create_checked(
    portal: Portal, kind: str, item: schema.InputForCreate
) -> tuple[dict[str, str], list[tuple[str, int]]]:
    check_properties(portal, kind, item.properties)
    if kind in ("calls", "tasks") and "hs_timestamp" not in item.properties:
        raise HsError(
            400, "VALIDATION_ERROR", "Property values were not valid: hs_timestamp is required"
        )
    links = _associations(portal, kind, item.associations)
    for name in portal.config.unique.get(kind, frozenset()):
        value = item.properties.get(name)
        existing = _find(portal, kind, name, value) if value else None
        if existing is not None:
            label = "Contact" if kind == "contacts" else "Object"
            raise HsError(409, "CONFLICT", f"{label} already exists. Existing ID: {existing.id}")
    return item.properties, links


def _find(portal: Portal, kind: str, name: str, value: str) -> Record | None:
    if kind == "contacts" and name == "email":
        return portal.by_email(value)
    return next((r for r in portal.live(kind) if r.properties.get(name) == value), None)


def create_one(portal: Portal, kind: str, body: schema.InputForCreate) -> Answer:
    """`POST /crm/v3/objects/{type}`: 201, or 409 for an existing contact."""
    props, links = _create_checked(portal, kind, body)
    return 201, as_json(_new(portal, kind, props, links))


def create_batch(portal: Portal, kind: str, body: schema.BatchInputForCreate) -> Answer:
    """`POST .../batch/create`: all or nothing."""
    checked = [_create_checked(portal, kind, item) for item in body.inputs]
    emails = [p["email"].lower() for p, _ in checked if "email" in p]
    if len(set(emails)) != len(emails):
        raise HsError(400, "VALIDATION_ERROR", "Duplicate emails found in batch input")
    results = [as_json(_new(portal, kind, props, links)) for props, links in checked]
    return 201, _batch(results, [])


def upsert(portal: Portal, body: schema.BatchUpsert) -> Answer:
    """`POST /crm/v3/objects/contacts/batch/upsert` keyed by e-mail."""
    ids = [item.id.lower() for item in body.inputs]
    if len(set(ids)) != len(ids):
        raise HsError(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input")
    for item in body.inputs:
        if item.idProperty != "email":
            raise HsError(
                400, "VALIDATION_ERROR", f"idProperty {item.idProperty} is not a unique property"
            )
        check_properties(portal, "contacts", {**item.properties, "email": item.id})
    results = []
    for item in body.inputs:
        record = portal.by_email(item.id)
        if record is None:
            record = _new(portal, "contacts", {**item.properties, "email": item.id}, [])
            results.append(as_json(record, new=True))
        else:
            _apply(portal, record, {k: v for k, v in item.properties.items() if k != "email"})
            results.append(as_json(record, new=False))
    return 200, _batch(results, [])


def update_batch(portal: Portal, kind: str, body: schema.BatchUpdate) -> Answer:
    """`POST .../batch/update` by id: 207 names the ids that do not exist."""
    ids = [item.id for item in body.inputs]
    if len(set(ids)) != len(ids):
        raise HsError(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input")
    for item in body.inputs:
        check_properties(portal, kind, item.properties)
    results, missing = [], []
    for item in body.inputs:
        record = portal.objects[kind].get(item.id)
        if record is None:
            missing.append(item.id)
        else:
            _apply(portal, record, item.properties)
            results.append(as_json(record))
    return _found_or_missing(kind, results, missing)


def archive_batch(portal: Portal, kind: str, body: schema.BatchArchive) -> Answer:
    """`POST .../batch/archive`: 204 whether or not the ids exist."""
    for item in body.inputs:
        if portal.remove(kind, item.id) is not None:
            portal.counts[f"archived.{kind}"] += 1
    return 204, None


def gdpr_delete(portal: Portal, body: schema.GdprDelete) -> Answer:
    """`POST /crm/v3/objects/contacts/gdpr-delete`: the contact is gone for good."""
    if body.idProperty not in (None, "email", "hs_object_id"):
        raise HsError(
            400, "VALIDATION_ERROR", f"idProperty {body.idProperty} is not a unique property"
        )
    record = (
        portal.by_email(body.objectId)
        if body.idProperty == "email"
        else portal.objects["contacts"].get(body.objectId)
    )
    if record is None:
        raise HsError(404, "OBJECT_NOT_FOUND", "resource not found")
    portal.remove("contacts", record.id)
    portal.gdpr_deleted.append(record.id)
    return 204, None


def search(portal: Portal, kind: str, body: schema.SearchRequest) -> Answer:
    """`POST .../search`: groups ORed, filters ANDed; paged by `after` (an offset)."""
    visible = portal.clock.now() - portal.config.search_lag_s
    hits = [
        r
        for r in portal.live(kind)
        if r.created_at <= visible
        and (
            not body.filterGroups
            or any(all(_matches(r, f) for f in g.filters) for g in body.filterGroups)
        )
    ]
    start = int(body.after or 0)
    page = hits[start : start + body.limit]
    answer: dict[str, Any] = {
        "total": len(hits),
        "results": [as_json(r, body.properties or None) for r in page],
    }
    if start + body.limit < len(hits):
        answer["paging"] = {"next": {"after": str(start + body.limit)}}
    return 200, answer


def read_batch(portal: Portal, kind: str, body: schema.BatchRead) -> Answer:
    """`POST .../batch/read` by id or by a unique property; 207 names the ones not found."""
    if body.idProperty not in (None, "hs_object_id", *portal.config.unique.get(kind, ())):
        raise HsError(400, "VALIDATION_ERROR", f"idProperty {body.idProperty} is not unique")
    results, missing = [], []
    for item in body.inputs:
        record = (
            _find(portal, kind, body.idProperty, item.id)
            if body.idProperty not in (None, "hs_object_id")
            else portal.objects[kind].get(item.id)
        )
        if record is None:
            missing.append(item.id)
        else:
            results.append(as_json(record, body.properties))
    return _found_or_missing(kind, results, missing)


def _none_associated(to_kind: str, from_kind: str, object_id: str) -> dict[str, Any]:
    """The batch error of an object with no associations of the kind asked for."""
    return {
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "message": f"No {to_kind} are associated with {from_kind} {object_id}",
        "context": {"fromObjectId": [object_id]},
    }


def _target(object_id: str, type_id: int) -> dict[str, Any]:
    """One associated object as v4 answers it (numeric id, HubSpot-defined type)."""
    return {
        "toObjectId": int(object_id),
        "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": type_id, "label": None}],
    }


def read_associations(
    portal: Portal, body: schema.AssociationsRead, page: int = 100, kind: str = "calls"
) -> Answer:
    """`POST /crm/v4/associations/contacts/{calls,tasks}/batch/read`: each contact's, paged."""
    results, errors = [], []
    type_id = {"calls": 193, "tasks": 203}[kind]  # the contact -> call / task types
    for item in body.inputs:
        calls = portal.associated(kind, item.id)
        if not calls:
            errors.append(_none_associated(kind, "contact", item.id))
            continue
        start = int(item.after or 0)
        chunk = calls[start : start + page]
        result: dict[str, Any] = {
            "from": {"id": item.id},
            "to": [_target(r.id, type_id) for r in chunk],
        }
        if start + page < len(calls):
            result["paging"] = {"next": {"after": str(start + page)}}
        results.append(result)
    return (207 if errors else 200), _batch(results, errors)


def read_deal_contacts(portal: Portal, body: schema.AssociationsRead) -> Answer:
    """`POST /crm/v4/associations/deals/contacts/batch/read`: each deal's contacts."""
    results, errors = [], []
    for item in body.inputs:
        deal = portal.objects["deals"].get(item.id)
        contacts = [cid for cid, _ in deal.associations] if deal is not None else []
        if not contacts:
            errors.append(_none_associated("contacts", "deal", item.id))
            continue
        results.append({"from": {"id": item.id}, "to": [_target(c, 3) for c in contacts]})
    return (207 if errors else 200), _batch(results, errors)


def list_objects(portal: Portal, kind: str, limit: int) -> Answer:
    """`GET /crm/v3/objects/{type}?limit=N`."""
    return 200, {"results": [as_json(r) for r in portal.live(kind)[:limit]]}


def get_property(portal: Portal, kind: str, name: str) -> Answer:
    """`GET /crm/v3/properties/{type}/{name}`: 404 for a property the portal lacks."""
    known = portal.config.properties.get(kind, {})
    if name not in known:
        raise HsError(
            404, "OBJECT_NOT_FOUND", f"Unable to find property {name} for object type {kind}"
        )
    options = known[name] or ()
    return 200, {
        "name": name,
        "label": name,
        "type": "enumeration" if options else "string",
        "fieldType": "select" if options else "text",
        "options": [{"label": o, "value": o, "hidden": False} for o in options],
    }


def _matches(record: Record, flt: schema.SearchFilter) -> bool:
    value = record.properties.get(flt.propertyName)

    def fold(text: str) -> str:
        return text.lower() if flt.propertyName == "email" else text

    if flt.operator == "HAS_PROPERTY":
        return value is not None
    if flt.operator == "NOT_HAS_PROPERTY":
        return value is None
    if flt.operator in ("IN", "NOT_IN"):
        found = value is not None and fold(value) in {fold(v) for v in flt.values or []}
        return found if flt.operator == "IN" else not found
    if flt.operator in ("LT", "LTE", "GT", "GTE"):
        if value is None or flt.value is None:
            return False
        a, b = _number(value), _number(flt.value)
        return {"LT": a < b, "LTE": a <= b, "GT": a > b, "GTE": a >= b}[flt.operator]
    equal = value is not None and flt.value is not None and fold(value) == fold(flt.value)
    return equal if flt.operator == "EQ" else not equal


def _number(text: str) -> float:
    """A number, or a date as epoch milliseconds (HubSpot compares dates that way)."""
    try:
        return float(text)
    except ValueError:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return when.timestamp() * 1000


def _apply(portal: Portal, record: Record, props: dict[str, str]) -> None:
    portal.update(record, props)
    record.updated_at = portal.clock.now()
    portal.counts[f"updated.{record.kind}"] += 1


def _found_or_missing(kind: str, results: list[dict[str, Any]], missing: list[str]) -> Answer:
    """200 with the results, or 207 naming the ids that do not exist (batch read and update)."""
    errors = []
    if missing:
        errors.append(
            {
                "status": "error",
                "category": "OBJECT_NOT_FOUND",
                "message": f"Could not get some {kind} objects, they may be deleted or not exist.",
                "context": {"ids": missing},
            }
        )
    return (207 if errors else 200), _batch(results, errors)


def _batch(results: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    answer: dict[str, Any] = {
        "status": "COMPLETE",
        "results": results,
        "startedAt": now,
        "completedAt": now,
    }
    if errors:
        answer["errors"] = errors
        answer["numErrors"] = len(errors)
    return answer
