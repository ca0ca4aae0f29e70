"""Presence readings between the hubs of a site, over the site's broker.

```python
link = SiteLink(settings.sync, service)
task = group.create_task(link.run(), name="site-readings")   # until cancelled
```

At every tick boundary (a multiple of `presence.tick_s`; the hubs decide `share_wait_s` after
it) the hub publishes `service.report()` (a `SiteReadings`) on
`showfloor/site/v1/TENANT/SITE/HUB/readings` at QoS 0 (a lost report is replaced by the next),
(with its raw readings since the last one, `SiteBeacon.readings`) and feeds every other hub's
readings of the same site to `service.merge`. The broker's ACL lets
a hub write its own readings topic and read its site's, never another site's. A second MQTT
client (`CLIENT_ID-site`) keeps this traffic apart from the outbox's persistent session.
"""

from __future__ import annotations

import asyncio
import logging

from pydantic import ValidationError

from contract.payloads import SiteReadings
from contract.topics import Topics
from edge.presence.service import PresenceService
from edge.sync.errors import BrokerError
from edge.sync.link import Link
from edge.sync.settings import SyncSettings

_LOGGER = logging.getLogger(__name__)


class SiteLink:
    """This hub's readings out, the site's other hubs' readings in; a `LinkListener`."""

    def __init__(self, sync: SyncSettings, service: PresenceService) -> None:
        """Share `service`'s readings with the hubs of `sync.address`'s site."""
        self.topics = Topics(sync.address)
        self.service = service
        self.link = Link(sync.model_copy(update={"client_id": f"{sync.mqtt_client_id}-site"}))
        self.senders: set[str] = set()
        self.raw_counts: dict[str, int] = {}  # sender -> raw readings merged
        self.rejected_count = 0

    async def run(self) -> None:
        """Connect, then publish a report every tick until cancelled; disconnects cleanly."""
        self.link.start(self)
        try:
            while True:
                await asyncio.sleep(self.service.until_boundary())
                if self.link.connected:
                    report = self.service.report().model_dump_json()
                    self.link.client.publish(self.topics.site_readings, report, qos=0)
        finally:
            await asyncio.to_thread(self.link.stop)

    def link_up(self, session_present: bool) -> None:
        """Connected: (re)subscribe to the site's readings."""
        self.link.subscribe(self.topics.site_readings_filter)

    def link_down(self, error: BrokerError | None) -> None:
        """Disconnected; the link reconnects by itself."""
        if error is not None:
            _LOGGER.warning("site readings: %s", error)

    def acknowledged(self, mid: int, ok: bool, reason: str) -> None:
        """Not used: reports go at QoS 0."""

    def received(self, topic: str, payload: bytes) -> None:
        """Another hub's readings: checked, then merged; a bad message is logged and dropped."""
        sender = topic.split("/")[-2]
        try:
            readings = SiteReadings.model_validate_json(payload)
        except ValidationError as err:
            self.rejected_count += 1
            _LOGGER.warning("site readings on %s are not SiteReadings: %s", topic, err)
            return
        if readings.hub != sender:
            self.rejected_count += 1
            _LOGGER.warning("site readings on %s claim hub %r", topic, readings.hub)
            return
        if sender != self.topics.hub.hub:
            self.senders.add(sender)
            raw = sum(len(beacon.readings) for beacon in readings.beacons)
            self.raw_counts[sender] = self.raw_counts.get(sender, 0) + raw
            self.service.merge(readings)
