"""What a hub needs to publish to the cloud: its `sync:` settings and its broker password.

The password is shown once; it belongs in the hub's credential file (systemd
`LoadCredential=sync.password:...`), not in its configuration file.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from cloud.provision.mosquitto import hub_username
from contract.ids import HubAddress
from edge.sync.plaintext import is_loopback


def hub_config(hub: HubAddress, password: str, broker_url: str) -> str:
    """A `sync:` section for the hub's `edge.yaml` (keys of `edge.sync.settings`)."""
    url = urlsplit(broker_url)
    tls = url.scheme in ("mqtts", "ssl")
    section = {
        "sync": {
            "tenant": hub.tenant,
            "site": hub.site,
            "hub": hub.hub,
            "host": url.hostname or "localhost",
            "port": url.port or (8883 if tls else 1883),
            "tls": tls,
            "username": hub_username(hub),
        }
    }
    host = section["sync"]["host"]
    warning = ""
    if not tls and isinstance(host, str) and not is_loopback(host):
        warning = (
            f"# plaintext MQTT to {host}: the hub refuses it unless sync.allow_plaintext is "
            "true (its password and events travel in clear); prefer an mqtts:// broker URL\n"
        )
    return (
        yaml.safe_dump(section, sort_keys=False)
        + warning
        + f"# broker password (store it as the hub's sync.password credential): {password}\n"
    )
