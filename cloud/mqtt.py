"""How the cloud reaches its broker: address, account, TLS, and the plaintext rule.

The consumer (ingest) and the command publisher share one paho client; `BrokerAddress.configure`
gives it the account and, for `mqtts://` or `mqtt.tls`, a TLS context that verifies the broker's
certificate and host name against `mqtt.ca_file` (the system CAs without one), with an optional
client certificate. Plain MQTT carries the cloud's password, which reads every tenant and may
command every hub, in clear: it is refused to any host but loopback unless
`mqtt.allow_plaintext` says otherwise.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import paho.mqtt.client as mqtt

from cloud.errors import ConfigError
from edge.sync.plaintext import is_loopback

PLAIN_SCHEMES = ("mqtt", "tcp")
TLS_SCHEMES = ("mqtts", "ssl")
URL_SHAPE = "mqtts://USER:PASSWORD@HOST:PORT (or mqtt:// on loopback)"


@dataclass(frozen=True)
class BrokerAddress:
    """Where the broker is, who we are to it, and how the connection is protected."""

    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool = False
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None

    @classmethod
    def parse(cls, url: str) -> BrokerAddress:
        """`mqtt[s]://user:password@host:port`; `ConfigError` names what is wrong."""
        parts = urlsplit(url)
        if parts.scheme not in PLAIN_SCHEMES + TLS_SCHEMES or not parts.hostname:
            raise ConfigError(f"mqtt_url must look like {URL_SHAPE}")
        tls = parts.scheme in TLS_SCHEMES
        try:
            port = parts.port or (8883 if tls else 1883)
        except ValueError as err:
            raise ConfigError(f"mqtt_url has a bad port: {err}") from err
        username = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        return cls(parts.hostname, port, username, password, tls)

    @property
    def where(self) -> str:
        """`host:port` for messages."""
        return f"{self.host}:{self.port}"

    def check_transport(self, *, allow_plaintext: bool) -> None:
        """`ConfigError` for plaintext to a host that is not loopback, unless allowed."""
        if self.tls or allow_plaintext or is_loopback(self.host):
            return
        raise ConfigError(
            f"plaintext MQTT to {self.host} would send the cloud's broker password in clear: "
            "use mqtts:// (or mqtt.tls / mqtt.ca_file), or set mqtt.allow_plaintext "
            "(SHOWFLOOR_CLOUD_MQTT__ALLOW_PLAINTEXT=true) to accept it"
        )

    def configure(self, client: mqtt.Client) -> None:
        """Give `client` the account and, with TLS, a verifying TLS context."""
        if self.username:
            client.username_pw_set(self.username, self.password)
        if not self.tls:
            return
        try:
            context = ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)
            if self.cert_file is not None:
                context.load_cert_chain(
                    str(self.cert_file), str(self.key_file) if self.key_file else None
                )
        except (OSError, ssl.SSLError) as err:
            raise ConfigError(
                f"cannot load the TLS files (mqtt.ca_file / cert_file / key_file): {err}"
            ) from err
        client.tls_set_context(context)
