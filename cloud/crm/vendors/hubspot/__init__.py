"""HubSpot CRM v3: contacts, calls with associations, search, gdpr-delete (docs/crm.md).

```
settings   Settings: token, limits, step mapping, our custom property names
wire       the request bodies we send and the answers we read (pydantic)
limits     the burst, search and daily windows; backoff with jitter
exchange   one HTTP request and what its answer means (Deferred / Rejected / CrmAuthError)
contacts   people -> contact ids (batch upsert by e-mail; search, create, 409 -> update)
calls      one call per conversation, idempotent by our job key
forget     archive our calls, gdpr-delete the contact
push       the order: contacts, then calls; forgets where they come
preview    push against a recorder: exactly the requests push sends
connector  the Connector the worker and the web view use
```
"""

from cloud.crm.vendors.hubspot.connector import Connector
from cloud.crm.vendors.hubspot.settings import Settings

__all__ = ["Connector", "Settings"]
