"""The wire contract between hubs and the cloud: CloudEvents envelopes, payloads, topics.

Both `edge` and `cloud` import this package; it depends on pydantic only, so the cloud never
installs audio libraries and the hub never installs the cloud.

```
contract.ids       identifiers: tenant/site/hub slugs, pseudonyms, the event source
contract.payloads  the `data` of every event, one pydantic model per kind
contract.events    CloudEvents 1.0 envelopes, discriminated by `type`
contract.commands  cloud-to-hub commands and their acknowledgements
contract.topics    the one topic builder and parser
```
"""

from __future__ import annotations

#: Version of the wire contract; part of every topic (`showfloor/v1/...`) and event type.
CONTRACT_VERSION = 1
#: Additive changes within a major version (new optional fields): 1 = `Turn.language`,
#: 2 = `SiteBeacon.readings` (raw RSSI between the hubs of a site), 3 = the `TurnRevised` event
#: (a turn's text polished after its conversation ended; a new type, so the cloud goes first).
CONTRACT_MINOR = 3
