"""Salesforce REST: Leads (or Contacts) and Tasks, upserted by an external-id field, in Composite.

`Settings` and `Connector(settings, transport=None)` as every vendor module. What is sent:
`plan`; how answers become results: `results`; the token flows: `auth`; `test connection`:
`check`; request and response bodies: `wire`.
"""

from cloud.crm.vendors.salesforce.connector import Connector
from cloud.crm.vendors.salesforce.settings import Settings

__all__ = ["Connector", "Settings"]
