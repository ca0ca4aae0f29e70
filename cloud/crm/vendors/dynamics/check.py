"""`test connection` for Dynamics: the token, the application user, both alternate keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from cloud.crm.backoff import TransientError
from cloud.crm.connector import CrmError
from cloud.crm.model import Check
from cloud.crm.vendors.dynamics.wire import EntityKeys

if TYPE_CHECKING:
    from cloud.crm.vendors.dynamics.connector import Connector


async def _key(connector: Connector, table: str, column: str) -> str | None:
    """What is wrong with the alternate key on `column` of `table` (None if nothing)."""
    response = await connector.call(
        "GET",
        f"/EntityDefinitions(LogicalName='{table}')/Keys",
        params={"$select": "KeyAttributes,EntityKeyIndexStatus"},
    )
    if response.status_code != 200:
        return (
            f"cannot read the alternate keys of {table} ({response.status_code}): does the "
            "application user's security role read Entity Key?"
        )
    try:
        keys = EntityKeys.model_validate_json(response.content).value
    except ValidationError:
        return f"unreadable alternate keys of {table}"
    found = [key for key in keys if key.KeyAttributes == [column]]
    if not found:
        return f"missing alternate key on {table}: {column}"
    if found[0].EntityKeyIndexStatus != "Active":
        return (
            f"the alternate key on {table}.{column} is {found[0].EntityKeyIndexStatus}, not Active"
        )
    return None


async def run_check(connector: Connector) -> Check:
    """Authenticate, WhoAmI (an application user exists), then the lead, phonecall, task keys."""
    settings = connector.settings
    try:
        await connector.tokens.get()
        who = await connector.call("GET", "/WhoAmI")
        if who.status_code != 200:
            return Check(
                ok=False,
                detail=f"no application user for client id {settings.client_id} in "
                f"{settings.org_url} ({who.status_code})",
            )
        keys = (
            ("lead", settings.lead_key),
            ("phonecall", settings.activity_key),
            ("task", settings.task_key),
        )
        for table, column in keys:
            problem = await _key(connector, table, column)
            if problem is not None:
                return Check(ok=False, detail=problem)
    except TransientError as err:
        return Check(ok=False, detail=f"Dataverse unreachable: {err.reason}")
    except CrmError as err:
        return Check(ok=False, detail=str(err))
    return Check(
        ok=True,
        detail=f"connected to {settings.org_url}; alternate keys lead.{settings.lead_key} and "
        f"phonecall.{settings.activity_key}, task.{settings.task_key} active",
    )
