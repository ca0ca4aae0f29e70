"""From a stored CRM settings row to a live connector (the one place vendors are wired in).

`VendorFactory` is what `serve`, `crm work`, `crm test` and the web pages use: it imports
`cloud.crm.vendors.<vendor>` and builds `Connector(Settings(**settings, **credentials),
transport=...)`. Tests and `bench/crm.py` pass another `ConnectorFactory` (a vendor fake's
transport, or a recording connector).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.connector import Connector, CrmConfigError
from cloud.crm.model import VENDORS
from cloud.crm.vault import Vault
from cloud.crm.vendors import load
from cloud.store.crm import TENANT_WIDE, CrmConfigRow

#: Builds the connector of one settings row.
ConnectorFactory = Callable[[CrmConfigRow], Connector]


def config_for(session: Session, tenant: str, site: str) -> CrmConfigRow | None:
    """The site's CRM settings, else the tenant's; None when neither exists."""
    rows = session.scalars(
        select(CrmConfigRow).where(
            CrmConfigRow.tenant_id == tenant, CrmConfigRow.site_id.in_((site, TENANT_WIDE))
        )
    ).all()
    found = {row.site_id: row for row in rows}
    return found.get(site) or found.get(TENANT_WIDE)


def vendor_settings(row: CrmConfigRow, vault: Vault) -> Any:
    """The vendor's `Settings` from the row's settings and decrypted credentials."""
    if row.vendor not in VENDORS:
        raise CrmConfigError(f"unknown CRM vendor {row.vendor!r}; known: {', '.join(VENDORS)}")
    try:
        module = load(row.vendor)
    except ImportError as err:
        raise CrmConfigError(f"the {row.vendor} connector is not installed: {err}") from err
    try:
        return module.Settings.model_validate({**row.settings, **vault.open(row.credentials)})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        raise CrmConfigError(f"{row.vendor} setting {where}: {first['msg']}") from err


class VendorFactory:
    """Connectors of the real vendor modules."""

    def __init__(self, vault: Vault, transport: httpx.AsyncBaseTransport | None = None) -> None:
        """Decrypt with `vault`; `transport` (a fake's) for tests and benchmarks."""
        self._vault = vault
        self._transport = transport

    def __call__(self, row: CrmConfigRow) -> Connector:
        """The connector of `row`; `CrmConfigError` says what is missing or wrong."""
        settings = vendor_settings(row, self._vault)
        module = load(row.vendor)  # type: ignore[arg-type]
        connector: Connector = module.Connector(settings, transport=self._transport)
        return connector
