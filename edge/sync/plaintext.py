"""The plaintext rule shared by hub and cloud: plain MQTT only to this machine unless allowed.

Plain MQTT carries the broker password and every event in clear. The hub (`sync.allow_plaintext`)
and the cloud (`mqtt.allow_plaintext`) refuse it at start to any host but loopback.
"""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine: `localhost` or a loopback address."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
