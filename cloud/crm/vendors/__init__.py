"""One module per vendor (`hubspot`, `salesforce`, `dynamics`, `adf`).

Each exposes `Settings` (a frozen pydantic model, secrets as `SecretStr`) and `Connector`
(implements `cloud.crm.connector.Connector`, constructed as `Connector(settings,
transport=None)`; `transport` is an `httpx.AsyncBaseTransport` for tests, ADF takes none).
`load(vendor)` imports the module only when asked, so the web view does not import every
vendor's code.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from cloud.crm.model import VENDORS, Vendor


def load(vendor: Vendor) -> ModuleType:
    """The module of `vendor` (`cloud.crm.vendors.<vendor>`)."""
    if vendor not in VENDORS:
        raise ValueError(f"unknown CRM vendor {vendor!r}; known: {', '.join(VENDORS)}")
    return importlib.import_module(f"cloud.crm.vendors.{vendor}")
