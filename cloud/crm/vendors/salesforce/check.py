"""`test connection` for Salesforce: the token flow, the objects we write, our external-id field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from cloud.crm.backoff import TransientError
from cloud.crm.connector import CrmError
from cloud.crm.model import Check
from cloud.crm.vendors.salesforce.results import errors
from cloud.crm.vendors.salesforce.wire import Describe

if TYPE_CHECKING:
    from cloud.crm.vendors.salesforce.connector import Connector


async def _object(connector: Connector, name: str) -> str | None:
    """What is wrong with `name` for us (None if nothing)."""
    field = connector.settings.external_id_field
    response = await connector.call(
        "GET", f"{connector.settings.api_path}/sobjects/{name}/describe"
    )
    if response.status_code != 200:
        found = errors(response.json() if response.content else None)
        reason = f"{found[0].errorCode}: {found[0].message}" if found else response.text[:200]
        return f"object {name} is not accessible to the integration user ({reason})"
    try:
        describe = Describe.model_validate_json(response.content)
    except ValidationError:
        return f"unreadable describe of {name}"
    fields = {item.name: item for item in describe.fields}
    if field not in fields:
        return f"missing custom field {field} on {name}"
    if not fields[field].externalId:
        return f"custom field {field} on {name} is not marked External ID"
    if not describe.createable:
        return f"the integration user cannot create {name} records"
    return None


async def run_check(connector: Connector) -> Check:
    """Authenticate, then describe the person object and Task; the first problem found."""
    settings = connector.settings
    try:
        token = await connector.tokens.get()
        for name in (settings.record_object, "Task"):
            problem = await _object(connector, name)
            if problem is not None:
                return Check(ok=False, detail=problem)
    except TransientError as err:
        return Check(ok=False, detail=f"Salesforce unreachable: {err.reason}")
    except CrmError as err:
        return Check(ok=False, detail=str(err))
    return Check(
        ok=True,
        detail=f"connected to {token.instance_url}; {settings.record_object} and Task writable "
        f"with {settings.external_id_field}",
    )
