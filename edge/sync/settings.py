"""The `sync` section: which broker, as whom, over what, and where the outbox lives."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from contract.ids import SLUG_PATTERN, HubAddress
from edge.paths import default_home
from edge.sync.plaintext import is_loopback


def default_outbox_path() -> Path:
    """Default outbox file, in the hub's state directory."""
    return default_home() / "outbox.sqlite3"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutboxSettings(_Section):
    """The durable SQLite outbox."""

    path: Path = Field(
        default_factory=default_outbox_path, description="SQLite file of the outbox."
    )
    max_bytes: int = Field(
        default=256 * 1024 * 1024,
        ge=64 * 1024,
        description="Disk budget: bytes of events kept; over it the oldest lowest-priority "
        "events are dropped first (and counted). The file is also capped at twice this.",
    )
    keep_sent_s: float = Field(
        default=24 * 3600.0,
        ge=0.0,
        description="How long events the cloud has receipted stay in the outbox (0: removed "
        "at once).",
    )


class SyncSettings(_Section):
    """Reporting to the cloud over MQTT."""

    tenant: str = Field(default="local", pattern=SLUG_PATTERN, description="Tenant id.")
    site: str = Field(default="local", pattern=SLUG_PATTERN, description="Site id.")
    hub: str = Field(default="hub-1", pattern=SLUG_PATTERN, description="This hub's id.")
    enabled: bool = Field(
        default=True, description="Publish to the broker (false: events only pile up)."
    )
    host: str = Field(default="localhost", min_length=1, description="Broker host name.")
    port: int | None = Field(
        default=None, ge=1, le=65535, description="Broker port; null: 8883 with TLS, else 1883."
    )
    protocol: Literal["5", "3.1.1"] = Field(
        default="5", description="MQTT version; 3.1.1 for brokers without MQTT 5."
    )
    client_id: str | None = Field(
        default=None,
        max_length=64,
        description="MQTT client id; null: showfloor-TENANT-SITE-HUB. Must be stable, "
        "the broker keeps the persistent session under it.",
    )
    username: str | None = Field(default=None, description="Broker user name.")
    password: SecretStr | None = Field(default=None, description="Broker password (a secret).")
    tls: bool = Field(
        default=False, description="Use TLS (implied by ca_file); system CAs without ca_file."
    )
    allow_plaintext: bool = Field(
        default=False,
        description="Allow plain MQTT to a host that is not loopback (the password and every "
        "event travel in clear); off, such a broker is refused at start.",
    )
    ca_file: Path | None = Field(default=None, description="CA certificate file (PEM).")
    cert_file: Path | None = Field(default=None, description="Client certificate (PEM).")
    key_file: Path | None = Field(default=None, description="Client certificate's key (PEM).")
    keepalive_s: int = Field(default=60, ge=5, le=3600, description="MQTT keepalive, in s.")
    session_expiry_s: int = Field(
        default=7 * 24 * 3600,
        ge=60,
        description="MQTT 5 session expiry: how long the broker keeps the session offline.",
    )
    inflight: int = Field(
        default=200, ge=1, le=65535, description="Messages published but not yet acknowledged."
    )
    batch: int = Field(default=500, ge=1, le=10000, description="Events read per outbox query.")
    receipt_timeout_s: float = Field(
        default=120.0,
        ge=0.5,
        le=86400.0,
        description="An event the broker acknowledged is sent again when the cloud has not "
        "receipted it within this time (a broker that crashed or lost its sessions drops what "
        "it held). Keep it above ingest's longest backlog: re-sends are harmless (the cloud "
        "deduplicates by id) but cost bandwidth.",
    )
    backoff_min_s: float = Field(default=0.5, gt=0.0, description="First reconnect delay, in s.")
    backoff_max_s: float = Field(default=60.0, gt=0.0, description="Longest reconnect delay, s.")
    outbox: OutboxSettings = Field(default_factory=OutboxSettings, description="The outbox.")

    @model_validator(mode="after")
    def _consistent(self) -> SyncSettings:
        if (self.cert_file is None) != (self.key_file is None):
            raise ValueError("sync.cert_file and sync.key_file go together: set both or neither")
        if self.backoff_max_s < self.backoff_min_s:
            raise ValueError("sync.backoff_max_s must not be below sync.backoff_min_s")
        if self.password is not None and self.username is None:
            raise ValueError("sync.password needs sync.username")
        if self.enabled and not (self.uses_tls or self.allow_plaintext or is_loopback(self.host)):
            raise ValueError(
                f"plaintext MQTT to {self.host} would send the hub's broker password and every "
                "event in clear: set sync.tls (or sync.ca_file), or set sync.allow_plaintext "
                "(SHOWFLOOR_SYNC__ALLOW_PLAINTEXT=true) to accept it"
            )
        return self

    @property
    def address(self) -> HubAddress:
        """This hub's tenant/site/hub."""
        return HubAddress.of(self.tenant, self.site, self.hub)

    @property
    def uses_tls(self) -> bool:
        """Whether the connection is TLS."""
        return self.tls or self.ca_file is not None or self.cert_file is not None

    @property
    def broker_port(self) -> int:
        """The port to connect to."""
        if self.port is not None:
            return self.port
        return 8883 if self.uses_tls else 1883

    @property
    def mqtt_client_id(self) -> str:
        """The client id the broker keeps the session under."""
        return self.client_id or f"showfloor-{self.tenant}-{self.site}-{self.hub}"
