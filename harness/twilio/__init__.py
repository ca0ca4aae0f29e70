"""A fake Twilio Messages resource (REST API 2010-04-01) that follows Twilio's published contract.

```
account  its state: SID, auth token, owned numbers, opted-out recipients, messages, faults
app      the Starlette app: basic auth, form validation, Twilio's error codes, 201 message JSON
inbound  a customer's reply as Twilio posts it to a webhook (signed)
```

Start it with `harness.http.serve(create_app(account))`; read `account.messages`.
"""

from harness.twilio.account import Account, Faults
from harness.twilio.app import create_app

__all__ = ["Account", "Faults", "create_app"]
