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


def N_(message: str) -> str:
    """Mark `message` for the web view's catalogue (`pybabel extract -k N_`); shown translated."""
    return message


class Worded(Exception):
    """An error whose message is a catalogue entry (marked `N_`) with named `%(values)s`.

    `str()` is the English; `cloud.web.i18n.error_text` words it in the reader's language.
    """

    def __init__(self, message: str, worded: tuple[str, ...] = (), **values: object) -> None:
        """`message` % `values` (no formatting without values).

        The values named in `worded` are catalogue entries too (a reason marked `N_`),
        translated with the message.
        """
        super().__init__(message % values if values else message)
        self.template, self.values, self.worded = message, values, worded


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
