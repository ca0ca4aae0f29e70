"""A fake HubSpot CRM v3 that follows HubSpot's published contract (tests and `bench/`).

```
schema   the request bodies it accepts (strict, written apart from the connector's models)
portal   its state: contacts, calls, limits with a clock, config, faults, request log
ops      what each endpoint does, answers shaped as HubSpot's
app      the Starlette app: auth, scopes, limits, validation, faults, then ops
```

Start it with `harness.http.serve(create_app(portal), ...)`; read `portal` to count objects
and requests. `FakeClock(speed=k)` runs the windows and the day k times faster: give the
connector `window_s` / `search_window_s` divided by k too (its DAILY wait stays in real time).
"""

from harness.crm.hubspot.app import create_app
from harness.crm.hubspot.portal import ALL_SCOPES, Config, FakeClock, Faults, Portal

__all__ = ["ALL_SCOPES", "Config", "FakeClock", "Faults", "Portal", "create_app"]
