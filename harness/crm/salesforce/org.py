"""The fake org's records and Salesforce's rules for them (required fields, picklists, ids).

Lead needs LastName and Company on create, Contact LastName, Task nothing; an unknown field is
INVALID_FIELD, a bad Lead Status INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, a WhoId or OwnerId
that names nothing INVALID_CROSS_REFERENCE_KEY, TaskSubtype on the update branch of an upsert
INVALID_FIELD_FOR_INSERT_UPDATE (createable, not updateable). Upsert by an external-id field
answers 201 `created: true` or 200 `created: false`; a missing field 404.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

PREFIX = {"Lead": "00Q", "Contact": "003", "Task": "00T"}
FIELDS = {
    "Lead": {"FirstName", "LastName", "Company", "Email", "Phone", "Status", "OwnerId"},
    "Contact": {"FirstName", "LastName", "Email", "Phone", "OwnerId"},
    "Task": {
        "Subject", "Status", "WhoId", "TaskSubtype", "CallDurationInSeconds", "Description",
        "ActivityDate", "OwnerId", "Priority",
    },
}  # fmt: skip
REQUIRED = {"Lead": ("LastName", "Company"), "Contact": ("LastName",), "Task": ()}
CREATE_ONLY = {"Task": {"TaskSubtype"}}
LEAD_STATUSES = (
    "Open - Not Contacted",
    "Working - Contacted",
    "Closed - Converted",
    "Closed - Not Converted",
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNESCAPED = re.compile(r"""(?<!\\)[?&|!{}\[\]()^~*:"'+-]""")


class ApiFault(Exception):
    """Salesforce's error answer `[{"message", "errorCode", "fields"}]` with its status."""

    def __init__(self, status: int, code: str, message: str, fields: list[str] | None = None):
        super().__init__(message)
        self.status = status
        self.body = [{"message": message, "errorCode": code, "fields": fields or []}]


@dataclass
class Record:
    """One sObject row."""

    id: str
    sobject: str
    fields: dict[str, object]
    deleted: bool = False


@dataclass
class Org:
    """Records, the custom fields that exist, the users, the picklist values."""

    external_id_field: str = "Showfloor_Event_Id__c"
    #: Objects on which the admin created the external-id field.
    external_id_on: set[str] = field(default_factory=lambda: {"Lead", "Contact", "Task"})
    users: set[str] = field(default_factory=lambda: {"005000000000001AAA"})
    lead_statuses: tuple[str, ...] = LEAD_STATUSES
    records: dict[str, Record] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    #: (object, external id) -> record id, so an upsert does not scan every record.
    _by_key: dict[tuple[str, str], str] = field(default_factory=dict)

    def new_id(self, sobject: str) -> str:
        """An 18-character id with the object's key prefix."""
        return f"{PREFIX[sobject]}{next(self._ids):012d}AAA"

    def live(self, sobject: str | None = None) -> list[Record]:
        """Records not deleted (of one object)."""
        return [r for r in self.records.values() if not r.deleted and sobject in (None, r.sobject)]

    def by_external_id(self, sobject: str, value: str) -> list[Record]:
        """Live records of `sobject` whose external-id field is `value`."""
        record = self.records.get(self._by_key.get((sobject, value), ""))
        if record is None or record.deleted:
            return []
        return [record] if record.fields.get(self.external_id_field) == value else []

    def _validate(self, sobject: str, values: dict[str, object], creating: bool) -> None:
        allowed = FIELDS[sobject]
        for name in values:
            if name not in allowed:
                raise ApiFault(
                    400, "INVALID_FIELD", f"No such column '{name}' on sobject of type {sobject}"
                )
        if not creating and set(values) & CREATE_ONLY.get(sobject, set()):
            bad = sorted(set(values) & CREATE_ONLY[sobject])
            raise ApiFault(
                400,
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                f"Unable to create/update fields: {', '.join(bad)}. Please check the security "
                "settings of this field and verify that it is read/write for your profile or "
                "permission set.",
                bad,
            )
        if creating:
            missing = [n for n in REQUIRED[sobject] if not values.get(n)]
            if missing:
                raise ApiFault(
                    400,
                    "REQUIRED_FIELD_MISSING",
                    f"Required fields are missing: [{', '.join(missing)}]",
                    missing,
                )
        status = values.get("Status")
        if sobject == "Lead" and status is not None and status not in self.lead_statuses:
            raise ApiFault(
                400,
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                f"Status: bad value for restricted picklist field: {status}",
                ["Status"],
            )
        self._references(values)

    def _references(self, values: dict[str, object]) -> None:
        who = values.get("WhoId")
        if who is not None:
            target = self.records.get(str(who))
            if target is None or target.deleted or target.sobject not in {"Lead", "Contact"}:
                raise ApiFault(
                    400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", ["WhoId"]
                )
        owner = values.get("OwnerId")
        if owner is not None and owner not in self.users:
            raise ApiFault(
                400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", ["OwnerId"]
            )
        date = values.get("ActivityDate")
        if date is not None and not _DATE.match(str(date)):
            raise ApiFault(400, "JSON_PARSER_ERROR", f"Cannot deserialize date from {date}")

    def _sobject(self, sobject: str) -> None:
        if sobject not in FIELDS:
            raise ApiFault(404, "NOT_FOUND", "The requested resource does not exist")

    def upsert(
        self, sobject: str, field_name: str, value: str, values: dict[str, object]
    ) -> tuple[int, object]:
        """PATCH by external id: (status, body)."""
        self._sobject(sobject)
        if field_name != self.external_id_field or sobject not in self.external_id_on:
            raise ApiFault(
                404,
                "NOT_FOUND",
                f"Provided external ID field does not exist or is not accessible: {field_name}",
            )
        if field_name in values:
            raise ApiFault(400, "INVALID_FIELD", f"{field_name} may not be in the body")
        found = self.by_external_id(sobject, value)
        if len(found) > 1:
            return 300, [f"/services/data/sobjects/{sobject}/{r.id}" for r in found]
        if found:
            self._validate(sobject, values, creating=False)
            found[0].fields.update(values)
            return 200, {"id": found[0].id, "success": True, "errors": [], "created": False}
        self._validate(sobject, values, creating=True)
        record = Record(self.new_id(sobject), sobject, {**values, field_name: value})
        self.records[record.id] = record
        self._by_key[(sobject, value)] = record.id
        return 201, {"id": record.id, "success": True, "errors": [], "created": True}

    def _get(self, sobject: str, record_id: str) -> Record:
        self._sobject(sobject)
        record = self.records.get(record_id)
        if record is None or record.sobject != sobject:
            raise ApiFault(404, "NOT_FOUND", "The requested resource does not exist")
        if record.deleted:
            raise ApiFault(404, "ENTITY_IS_DELETED", "entity is deleted")
        return record

    def update(self, sobject: str, record_id: str, values: dict[str, object]) -> None:
        """PATCH by id (204)."""
        record = self._get(sobject, record_id)
        self._validate(sobject, values, creating=False)
        record.fields.update(values)

    def delete(self, sobject: str, record_id: str) -> None:
        """DELETE by id (204)."""
        self._get(sobject, record_id).deleted = True

    def delete_by_external_id(self, sobject: str, field_name: str, value: str) -> None:
        """DELETE by external id (204, or 404 when nothing has it)."""
        self._sobject(sobject)
        found = self.by_external_id(sobject, value) if field_name == self.external_id_field else []
        if not found:
            raise ApiFault(404, "NOT_FOUND", "The requested resource does not exist")
        for record in found:
            record.deleted = True

    def describe(self, sobject: str) -> dict[str, object]:
        """`GET /sobjects/{sobject}/describe` (the parts a client reads)."""
        self._sobject(sobject)
        names = sorted(FIELDS[sobject] | {"Id"})
        fields = [{"name": n, "externalId": False, "type": "string"} for n in names]
        if sobject in self.external_id_on:
            fields.append({"name": self.external_id_field, "externalId": True, "type": "string"})
        return {"name": sobject, "createable": True, "updateable": True, "fields": fields}

    def search(self, text: str, sobjects: dict[str, list[str]]) -> list[dict[str, object]]:
        """Records whose Email equals `text` or whose Phone has its digits (SOSL-like).

        SOSL's reserved characters must come escaped with a backslash; unescaped, they are
        operators this fake does not implement (MALFORMED_SEARCH).
        """
        if _UNESCAPED.search(text):
            raise ApiFault(400, "MALFORMED_SEARCH", f"unescaped reserved character in: {text}")
        text = re.sub(r"\\(.)", r"\1", text)
        digits = re.sub(r"\D", "", text)
        found = []
        for sobject, wanted in sobjects.items():
            for record in self.live(sobject):
                email = str(record.fields.get("Email") or "").lower()
                phone = re.sub(r"\D", "", str(record.fields.get("Phone") or ""))
                if email == text.lower() or (len(digits) >= 7 and digits in phone):
                    row: dict[str, object] = {"attributes": {"type": sobject}, "Id": record.id}
                    row.update({n: record.fields.get(n) for n in wanted if n != "Id"})
                    found.append(row)
        return found
