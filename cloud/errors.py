"""Errors of the cloud, each with a message a person can act on.

```
CloudError
├── ConfigError        a bad setting (the key is named)
├── StoreError         the database cannot be reached or is not migrated
├── NotFoundError      a tenant, site, hub, user or row that does not exist (or is not yours)
├── ConflictError      something that already exists
└── BrokerError        the MQTT broker refused or could not be reached
```
"""

from __future__ import annotations


class CloudError(Exception):
    """Base class of every error the cloud reports to a person."""


class ConfigError(CloudError):
    """A setting is wrong."""


class StoreError(CloudError):
    """The database cannot be used."""


class NotFoundError(CloudError):
    """The thing asked for does not exist, or belongs to another tenant."""


class ConflictError(CloudError):
    """The thing to create already exists."""


class BrokerError(CloudError):
    """The MQTT broker refused a connection or a publish."""
