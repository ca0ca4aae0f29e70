"""The one interface every CRM/DMS vendor implements (`cloud.crm.vendors.<vendor>`).

A connector is a thin typed wrapper over `httpx.AsyncClient` (SMTP for ADF) that takes
`transport=` / a base URL, so tests put a contract-following fake behind it. It obeys the
vendor's limits itself (it waits before a request that would exceed a known window) and maps
every vendor answer to a `JobResult`:

- `Sent`: done (the vendor's id of what we created or updated);
- `Retry`: 429/5xx/timeouts/connection errors, Salesforce 403 REQUEST_LIMIT_EXCEEDED, HubSpot
  DAILY limits (`after_s` = until the reset), with the vendor's Retry-After where it gave one;
- `Failed`: a permanent error (a bad field, a validation error) with the vendor's reason.

`push` never raises for a vendor's answer about one job; it raises `CrmAuthError` when the
credentials are refused (nothing can succeed until an admin fixes them) and `CrmError` for a
bug in our own use of the API.

```
CrmError
├── CrmAuthError      credentials refused or a scope missing (the message says which)
└── CrmConfigError    the connector's settings are incomplete or malformed
```
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from cloud.crm.model import Check, JobResult, Match, PreviewRequest, SyncJob


class CrmError(Exception):
    """Base of the CRM errors a person can act on."""


class CrmAuthError(CrmError):
    """The vendor refused our credentials (bad secret, expired key, missing scope)."""


class CrmConfigError(CrmError):
    """The connector's settings are incomplete or malformed."""


class Connector(Protocol):
    """One vendor, one tenant or site's credentials."""

    vendor: str
    #: Most jobs `push` takes at once (the vendor's batch size: HubSpot 100, Salesforce 25 ...).
    max_batch: int

    async def push(self, jobs: Sequence[SyncJob]) -> list[JobResult]:
        """Send `jobs` (in order: a person before their activity and steps); one result each.

        Idempotent by each job's `key`: pushing the same job twice updates, never duplicates.
        A `ForgetPerson` deletes what we created (HubSpot gdpr-delete, Salesforce/Dynamics
        delete); ADF cannot recall an e-mail and answers `Sent(detail="cannot_recall")`.
        """
        ...

    async def search(self, query: str) -> list[Match]:
        """People in the CRM whose e-mail or phone is `query` (empty where the vendor has none)."""
        ...

    async def check(self) -> Check:
        """Test the connection: authenticate, read the scopes and the custom fields we need."""
        ...

    def preview(self, jobs: Sequence[SyncJob]) -> list[PreviewRequest]:
        """Exactly the requests `push(jobs)` would send, without sending anything.

        Ids the vendor would assign are shown as placeholders (e.g. `{contact.id}`).
        """
        ...

    async def aclose(self) -> None:
        """Close the HTTP client or SMTP connection."""
        ...
