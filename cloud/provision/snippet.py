"""The YAML a hub needs to publish to the cloud (shown once: it holds the password)."""

from __future__ import annotations

import yaml

from cloud.provision.mosquitto import hub_username
from contract.ids import HubAddress


def hub_config(hub: HubAddress, password: str, broker_url: str) -> str:
    """A `sync:` section for the hub's configuration file."""
    section = {
        "sync": {
            "tenant": hub.tenant,
            "site": hub.site,
            "hub": hub.hub,
            "broker_url": broker_url,
            "username": hub_username(hub),
            "password": password,
        }
    }
    return yaml.safe_dump(section, sort_keys=False)
