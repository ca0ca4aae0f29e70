"""What can go wrong between the outbox and the broker, each with a message to act on.

```
EdgeError
└── SyncError
    ├── OutboxError              the outbox file cannot be opened, migrated or written
    │   └── OutboxFullError      the disk (or the outbox's hard size cap) is full
    └── BrokerError              the broker cannot be used
        ├── BrokerUnreachableError   no TCP connection (down, wrong host/port): retried
        ├── BrokerAuthError          CONNACK refused: wrong user/password or not authorized
        ├── BrokerTlsError           TLS handshake failed: wrong or expired CA, bad cert/key
        └── BrokerProtocolError      any other refusal (protocol version, client id...)
```

`retryable` says whether trying again later can help without a person changing something;
the publisher keeps retrying in every case (credentials and certificates get fixed in the
field), but backs off to its longest interval for errors that are not retryable.
"""

from __future__ import annotations

from edge.errors import EdgeError


class SyncError(EdgeError):
    """Base class of the sync package's errors."""

    retryable = False


class OutboxError(SyncError):
    """The outbox cannot be opened, migrated or written."""


class OutboxFullError(OutboxError):
    """No room left for the outbox: the disk or its hard size cap is full."""

    retryable = True


class BrokerError(SyncError):
    """The MQTT broker cannot be used."""


class BrokerUnreachableError(BrokerError):
    """No connection to the broker (it is down, or the host/port is wrong)."""

    retryable = True


class BrokerAuthError(BrokerError):
    """The broker refused the hub's credentials."""


class BrokerTlsError(BrokerError):
    """The TLS handshake with the broker failed."""


class BrokerProtocolError(BrokerError):
    """The broker refused the connection for another reason."""

    retryable = True
