"""The fake environment's tables (lead, contact, phonecall, task, systemuser) and Dataverse's rules.

Columns are typed; an unknown property is 0x80048d19, a lookup must be set with `@odata.bind`
to `/<entityset>(<guid>)` or `/<entityset>(<key>='<value>')` of the navigation's target table
(a record that does not exist is 0x80040217), activity parties need `participationtypemask`,
statuscode must belong to the statecode. Upsert by alternate key only on a key the admin
defined; `If-Match: *` updates only, `If-None-Match: *` creates only. Deleting a lead deletes
the activities regarding it (parental cascade).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

STR, INT, BOOL, TIME = str, int, bool, "datetime"
COLUMNS: dict[str, dict[str, Any]] = {
    "leads": {
        "subject": STR, "firstname": STR, "lastname": STR, "companyname": STR,
        "emailaddress1": STR, "telephone1": STR, "statuscode": INT, "statecode": INT,
    },
    "contacts": {"firstname": STR, "lastname": STR, "emailaddress1": STR, "telephone1": STR},
    "phonecalls": {
        "subject": STR, "description": STR, "phonenumber": STR, "directioncode": BOOL,
        "actualdurationminutes": INT, "actualstart": TIME, "actualend": TIME,
        "statecode": INT, "statuscode": INT,
    },
    "tasks": {
        "subject": STR, "description": STR, "scheduledend": TIME, "prioritycode": INT,
        "statecode": INT, "statuscode": INT,
    },
    "systemusers": {"fullname": STR},
}  # fmt: skip
#: Single-valued navigation properties (set with @odata.bind) -> the target entity set.
BINDS = {
    "leads": {"ownerid": "systemusers"},
    "contacts": {"ownerid": "systemusers"},
    "phonecalls": {
        "ownerid": "systemusers",
        "regardingobjectid_lead_phonecall": "leads",
        "regardingobjectid_contact_phonecall": "contacts",
    },
    "tasks": {
        "ownerid": "systemusers",
        "regardingobjectid_lead_task": "leads",
        "regardingobjectid_contact_task": "contacts",
    },
}
PARTY_BINDS = {
    "partyid_systemuser": "systemusers",
    "partyid_lead": "leads",
    "partyid_contact": "contacts",
}
ID = {
    "leads": "leadid",
    "contacts": "contactid",
    "phonecalls": "activityid",
    "tasks": "activityid",
    "systemusers": "systemuserid",
}
LOGICAL = {
    "leads": "lead",
    "contacts": "contact",
    "phonecalls": "phonecall",
    "tasks": "task",
    "systemusers": "systemuser",
}
#: statecode -> allowed statuscodes (lead: Open; phonecall: Open, Completed, Canceled).
STATUS = {
    "leads": {0: {1, 2}, 1: {3}, 2: {4, 5, 6, 7}},
    "phonecalls": {0: {1}, 1: {2, 4}, 2: {3}},
    # task: Open (Not Started 2, In Progress 3, Waiting 4, Deferred 7), Completed 5, Canceled 6
    "tasks": {0: {2, 3, 4, 7}, 1: {5}, 2: {6}},
}
_KEY = re.compile(r"^(?P<set>[a-z]+)\((?P<key>.*)\)$")
_ALT = re.compile(r"^(?P<column>[a-z0-9_]+)='(?P<value>(?:[^']|'')*)'$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class DataverseError(Exception):
    """Dataverse's error answer `{"error": {"code", "message"}}` with its status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": {"code": code, "message": message}}


def _payload(message: str) -> DataverseError:
    return DataverseError(
        400, "0x80048d19", f"Error identified in Payload provided by the user: {message}"
    )


@dataclass
class Tables:
    """Rows by entity set and id, the alternate keys defined, the users."""

    keys: dict[str, str] = field(
        default_factory=lambda: {
            "leads": "new_showfloorpersonid",
            "phonecalls": "new_showfloorkey",
            "tasks": "new_showfloorkey",
        }
    )
    custom_lead_statuscodes: set[int] = field(default_factory=set)
    rows: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in COLUMNS}
    )
    #: (entity set, key column, value) -> row id, so an upsert does not scan every row.
    _by_key: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def add_user(self, name: str) -> str:
        """A systemuser (the salesperson) and its id."""
        user_id = str(uuid.uuid4())
        self.rows["systemusers"][user_id] = {"systemuserid": user_id, "fullname": name}
        return user_id

    def find(self, entity_set: str, key: str) -> str | None:
        """The id of the row `key` names (`<guid>` or `<column>='<value>'`), None if none."""
        if _GUID.match(key):
            return key.lower() if key.lower() in self.rows[entity_set] else None
        alt = _ALT.match(key)
        if alt is None or self.keys.get(entity_set) != alt["column"]:
            raise DataverseError(
                400,
                "0x80060888",
                f"Invalid key '{key}' for entity '{LOGICAL.get(entity_set)}': "
                "no alternate key is defined on these columns.",
            )
        value = alt["value"].replace("''", "'")
        row_id = self._by_key.get((entity_set, alt["column"], value))
        return row_id if row_id in self.rows[entity_set] else None

    def resolve(self, reference: object, target: str) -> str:
        """An `@odata.bind` value: the id of an existing row of `target`."""
        found = _KEY.match(str(reference).lstrip("/")) if isinstance(reference, str) else None
        if found is None or found["set"] != target:
            raise DataverseError(
                400,
                "0x80060891",
                f"Invalid @odata.bind value {reference!r} (expected /{target}(...))",
            )
        row_id = self.find(target, found["key"])
        if row_id is None:
            raise DataverseError(
                404, "0x80040217", f"{LOGICAL[target]} With Ids = {found['key']} Does Not Exist"
            )
        return row_id

    def validate(self, entity_set: str, body: dict[str, Any]) -> dict[str, Any]:
        """The row's new values from a request body (lookups resolved to ids)."""
        out: dict[str, Any] = {}
        columns, binds = COLUMNS[entity_set], BINDS.get(entity_set, {})
        for name, value in body.items():
            if name.endswith("@odata.bind"):
                nav = name.removesuffix("@odata.bind")
                if nav not in binds:
                    raise _payload(_no_property(nav, entity_set))
                out[f"_{nav}_value"] = self.resolve(value, binds[nav])
            elif name == "phonecall_activity_parties" and entity_set == "phonecalls":
                out[name] = (
                    [self._party(party) for party in value]
                    if isinstance(value, list)
                    else _fail(name)
                )
            elif name in columns:
                out[name] = self._typed(name, value, columns[name])
            elif name in binds:
                raise _payload(f"A lookup must be set with '{name}@odata.bind', not '{name}'.")
            else:
                raise _payload(_no_property(name, entity_set))
        return out

    @staticmethod
    def _typed(name: str, value: Any, kind: Any) -> Any:
        ok = value is None or (
            isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", value) is not None
            if kind == TIME
            else isinstance(value, kind) and not (kind is INT and isinstance(value, bool))
        )
        if not ok:
            raise _payload(
                f"Cannot convert the literal '{value}' to the expected type of '{name}'."
            )
        return value

    def _party(self, party: Any) -> dict[str, Any]:
        if not isinstance(party, dict) or not isinstance(party.get("participationtypemask"), int):
            raise _payload("An activity party needs participationtypemask.")
        binds = [k for k in party if k.endswith("@odata.bind")]
        extra = set(party) - {*binds, "participationtypemask"}
        if len(binds) != 1 or extra or binds[0].removesuffix("@odata.bind") not in PARTY_BINDS:
            raise _payload(f"Invalid activity party {party!r}.")
        nav = binds[0].removesuffix("@odata.bind")
        return {
            "partyid": self.resolve(party[binds[0]], PARTY_BINDS[nav]),
            "participationtypemask": party["participationtypemask"],
        }

    def _status(self, entity_set: str, row: dict[str, Any]) -> None:
        allowed = STATUS.get(entity_set)
        if allowed is None or "statuscode" not in row:
            return
        state = row.get("statecode", 0)
        codes = allowed.get(state, set()) | (
            self.custom_lead_statuscodes if entity_set == "leads" and state == 0 else set()
        )
        if row["statuscode"] not in codes:
            raise DataverseError(
                400,
                "0x8004431a",
                f"{row['statuscode']} is not a valid status code for state code {state} "
                f"on {LOGICAL[entity_set]}",
            )

    def upsert(
        self, entity_set: str, key: str, body: dict[str, Any], headers: dict[str, str]
    ) -> tuple[bool, str]:
        """PATCH `entity_set(key)`: (created, id)."""
        if entity_set not in BINDS:
            raise DataverseError(
                404, "0x8006088a", f"Resource not found for the segment '{entity_set}'."
            )
        row_id = self.find(entity_set, key)
        if row_id is None and headers.get("if-match") == "*":
            raise DataverseError(
                404, "0x80040217", f"{LOGICAL[entity_set]} With Id = {key} Does Not Exist"
            )
        if row_id is not None and headers.get("if-none-match") == "*":
            raise DataverseError(
                412, "0x80040237", "A record with matching key values already exists."
            )
        values = self.validate(entity_set, body)
        created = row_id is None
        if row_id is None:
            row_id = str(uuid.uuid4())
            values[ID[entity_set]] = row_id
            alt = _ALT.match(key)
            if alt is not None:
                values[alt["column"]] = alt["value"].replace("''", "'")
                self._by_key[(entity_set, alt["column"], values[alt["column"]])] = row_id
        row = {**self.rows[entity_set].get(row_id, {}), **values}
        self._status(entity_set, row)
        self.rows[entity_set][row_id] = row
        return created, row_id

    def delete(self, entity_set: str, key: str) -> None:
        """DELETE `entity_set(key)`, with the activities regarding a lead."""
        if entity_set not in BINDS:
            raise DataverseError(
                404, "0x8006088a", f"Resource not found for the segment '{entity_set}'."
            )
        row_id = self.find(entity_set, key)
        if row_id is None:
            raise DataverseError(
                404, "0x80040217", f"{LOGICAL[entity_set]} With Id = {key} Does Not Exist"
            )
        del self.rows[entity_set][row_id]
        if entity_set == "leads":
            for activities in ("phonecalls", "tasks"):
                calls = self.rows[activities]
                column = f"_regardingobjectid_lead_{LOGICAL[activities]}_value"
                for call_id in [c for c, row in calls.items() if row.get(column) == row_id]:
                    del calls[call_id]

    def query(
        self, entity_set: str, select: list[str], where: str, top: int
    ) -> list[dict[str, Any]]:
        """Rows matching `col eq 'value' [or ...]` (the only filter the connector sends)."""
        if entity_set not in COLUMNS:
            raise DataverseError(
                404, "0x8006088a", f"Resource not found for the segment '{entity_set}'."
            )
        terms = []
        for term in where.split(" or "):
            found = re.match(r"^([a-z0-9_]+) eq '((?:[^']|'')*)'$", term.strip())
            if found is None or found[1] not in COLUMNS[entity_set]:
                raise DataverseError(400, "0x80060888", f"Syntax error in $filter at '{term}'.")
            terms.append((found[1], found[2].replace("''", "'")))
        rows = [r for r in self.rows[entity_set].values() if any(r.get(c) == v for c, v in terms)]
        return [{name: row.get(name) for name in select} for row in rows[:top]]


def _fail(name: str) -> Any:
    raise _payload(f"{name} must be an array")


def _no_property(name: str, entity_set: str) -> str:
    return (
        f"The property '{name}' does not exist on type "
        f"'Microsoft.Dynamics.CRM.{LOGICAL[entity_set]}'."
    )
