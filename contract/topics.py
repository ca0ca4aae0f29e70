"""The one topic builder: `showfloor/v1/TENANT/SITE/HUB/<kind>` and `.../cmd/<name>`.

```
showfloor/v1/T/S/H/status          retained HubStatus; the last will publishes `offline`
showfloor/v1/T/S/H/conversation    started / turn / ended, in order per conversation
showfloor/v1/T/S/H/prompt          coaching prompts and their outcomes
showfloor/v1/T/S/H/alert           manager alerts
showfloor/v1/T/S/H/presence        zone enter / exit / dwell / waiting / greeted / engaged
showfloor/v1/T/S/H/traffic         traffic summaries
showfloor/v1/T/S/H/command         acknowledgements of commands
showfloor/v1/T/S/H/cmd/<name>      cloud to hub: config_reload, enrollment_sync, forget_subject,
                                   and receipt (events the cloud committed; never acknowledged)
showfloor/site/v1/T/S/H/readings   hub to the other hubs of site S: SiteReadings (not for the cloud)
```

Ingest subscribes to one level below the hub (`.../+`): every event kind, none of the `cmd/`
topics it publishes itself. Site traffic lives outside `showfloor/v1/`, so ingest never sees it.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple, get_args

from contract import CONTRACT_VERSION
from contract.commands import CommandName
from contract.events import kind_of
from contract.ids import HubAddress

ROOT: Final = f"showfloor/v{CONTRACT_VERSION}"
EventKind = Literal["status", "conversation", "prompt", "alert", "presence", "traffic", "command"]
EVENT_KINDS: Final[tuple[str, ...]] = get_args(EventKind)
COMMAND_NAMES: Final[tuple[str, ...]] = get_args(CommandName)
#: Root of the hub-to-hub traffic of a site.
SITE_ROOT: Final = f"showfloor/site/v{CONTRACT_VERSION}"
#: Shared-subscription group of the cloud's ingest workers.
INGEST_GROUP: Final = "ingest"
#: The command that ends an event's delivery: the cloud has committed it.
RECEIPT: Final = "receipt"


class ParsedTopic(NamedTuple):
    """A topic taken apart."""

    hub: HubAddress
    kind: str
    command: str | None


class Topics:
    """Topics of one hub."""

    def __init__(self, hub: HubAddress) -> None:
        """Topics under `showfloor/v1/TENANT/SITE/HUB`."""
        self.hub = hub
        self.prefix = f"{ROOT}/{hub.tenant}/{hub.site}/{hub.hub}"

    @property
    def status(self) -> str:
        """The retained status topic (also the last will's)."""
        return f"{self.prefix}/status"

    def event(self, kind: str) -> str:
        """The topic of an event kind."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}; known: {', '.join(EVENT_KINDS)}")
        return f"{self.prefix}/{kind}"

    def for_type(self, event_type: str) -> str:
        """The topic an event of this CloudEvents `type` is published on."""
        return self.event(kind_of(event_type))

    def command(self, name: str) -> str:
        """The topic the cloud sends command `name` to this hub on."""
        if name not in COMMAND_NAMES:
            raise ValueError(f"unknown command {name!r}; known: {', '.join(COMMAND_NAMES)}")
        return f"{self.prefix}/cmd/{name}"

    @property
    def receipts(self) -> str:
        """The topic the cloud sends this hub its receipts on."""
        return self.command(RECEIPT)

    @property
    def commands(self) -> str:
        """Filter for every command to this hub."""
        return f"{self.prefix}/cmd/+"

    @property
    def site_readings(self) -> str:
        """Where this hub publishes its readings for the other hubs of its site."""
        return f"{SITE_ROOT}/{self.hub.tenant}/{self.hub.site}/{self.hub.hub}/readings"

    @property
    def site_readings_filter(self) -> str:
        """Filter for the readings of every hub of this hub's site (its own included)."""
        return f"{SITE_ROOT}/{self.hub.tenant}/{self.hub.site}/+/readings"


def ingest_filter(shared: bool = True) -> str:
    """What the cloud subscribes to: every hub event, split across ingest workers.

    One level below the hub matches every event kind and no `cmd/` topic, so the receipts and
    commands the cloud publishes never come back to it.
    """
    topic = f"{ROOT}/+/+/+/+"
    return f"$share/{INGEST_GROUP}/{topic}" if shared else topic


def parse(topic: str) -> ParsedTopic:
    """Take a topic apart; `ValueError` says what is wrong with it."""
    parts = topic.split("/")
    if len(parts) < 6 or "/".join(parts[:2]) != ROOT:
        raise ValueError(f"not a {ROOT} topic: {topic!r}")
    hub = HubAddress.of(*parts[2:5])
    rest = parts[5:]
    if rest[0] == "cmd" and len(rest) == 2 and rest[1] in COMMAND_NAMES:
        return ParsedTopic(hub, "cmd", rest[1])
    if len(rest) == 1 and rest[0] in EVENT_KINDS:
        return ParsedTopic(hub, rest[0], None)
    raise ValueError(f"unknown topic kind {'/'.join(rest)!r} in {topic!r}")


def legacy_ingest_filter() -> str:
    """What ingest subscribed to before receipts (`.../#`), dropped on connect.

    A persistent session would otherwise keep it beside the new filter and deliver every
    event twice.
    """
    return f"$share/{INGEST_GROUP}/{ROOT}/+/+/+/#"
