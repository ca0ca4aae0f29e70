"""Why a follow-up was not sent.

```
SendError                 (a ValueError: one line a person can act on)
├── SendRefused           not allowed: no consent, opted out, nothing to send, not configured
├── SendFailed            the provider refused or could not be reached: nothing went out
│   └── OptedOut          the provider says the recipient opted out (Twilio 21610)
└── SendUnknown           the request went out but no answer came: it may have been delivered
```
"""

from __future__ import annotations

from cloud.errors import Worded


class SendError(Worded, ValueError):
    """A follow-up was not sent; the message says why (in the reader's language where marked)."""


class SendRefused(SendError):
    """Showfloor will not send it (consent, opt-out, settings)."""


class SendFailed(SendError):
    """The provider refused it or could not be reached; nothing was delivered."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        """`retry`: the same draft may be sent again (5xx, 429, no connection)."""
        super().__init__(message)
        self.retry = retry


class OptedOut(SendFailed):
    """The provider knows the recipient opted out (they replied STOP)."""


class SendUnknown(SendError):
    """Sent, but the answer was lost: it may have arrived; not sent again automatically."""
