"""The cloud's configuration: defaults < `SHOWFLOOR_CLOUD_*` environment < command-line flags.

Unknown keys are rejected; every field has a description (a test checks); secrets (database
and broker URLs may hold passwords, the session key) are `SecretStr` and never logged.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from cloud.errors import ConfigError

ENV_PREFIX = "SHOWFLOOR_CLOUD_"
#: `SHOWFLOOR_CLOUD_*` variables that are not settings (passwords the admin commands read).
NOT_SETTINGS = frozenset({"SHOWFLOOR_CLOUD_NEW_PASSWORD", "SHOWFLOOR_CLOUD_DEMO_PASSWORD"})


def default_state_dir() -> Path:
    """`$XDG_STATE_HOME/showfloor-cloud`, else `~/.local/state/showfloor-cloud`."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "showfloor-cloud"


class CloudSettings(BaseSettings):
    """Everything `showfloor-cloud` can be told; each flag of `serve` is one of these."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, extra="forbid", frozen=True, env_ignore_empty=True
    )

    host: str = Field(default="127.0.0.1", description="Address the web server listens on.")
    port: int = Field(default=8080, ge=0, le=65535, description="Port of the web server.")
    state_dir: Path = Field(
        default_factory=default_state_dir,
        description="Directory of the embedded SQLite database, the session key and the "
        "generated Mosquitto files.",
    )
    database_url: SecretStr | None = Field(
        default=None,
        description="SQLAlchemy URL (postgresql+psycopg://user:pw@host/db or sqlite:///path); "
        "null uses SQLite in `state_dir`.",
    )
    mqtt_url: SecretStr | None = Field(
        default=None,
        description="Broker the ingest consumer reads from, mqtt://user:password@host:port; "
        "null runs the web view without ingest.",
    )
    mqtt_client_id: str = Field(
        default="showfloor-cloud-ingest",
        min_length=1,
        description="MQTT client id; a persistent session keeps messages while the cloud is "
        "down, so each ingest process needs its own.",
    )
    mqtt_session_expiry_s: int = Field(
        default=86400, ge=0, description="How long the broker keeps the session offline."
    )
    ingest_in_api: bool = Field(
        default=True,
        description="Run the MQTT consumer inside `serve`; false when separate "
        "`showfloor-cloud ingest` workers consume the shared subscription.",
    )
    ingest_batch_size: int = Field(
        default=500, ge=1, le=10000, description="Most events written in one transaction."
    )
    ingest_batch_wait_s: float = Field(
        default=0.05, gt=0, le=5, description="Longest wait to fill a batch before writing."
    )
    ingest_retry_s: float = Field(
        default=2.0, gt=0, le=300, description="Pause between attempts to reach the broker."
    )
    session_secret: SecretStr | None = Field(
        default=None,
        description="Key that signs session cookies; null makes one in `state_dir` once.",
    )
    secure_cookies: bool = Field(
        default=True,
        description="Send the session cookie only over HTTPS; turn off for plain-HTTP demos.",
    )
    login_attempts_per_minute: int = Field(
        default=5, ge=1, description="Failed logins allowed per address and account per minute."
    )
    broker_dir: Path | None = Field(
        default=None,
        description="Where hub provisioning writes the Mosquitto password and ACL files; null "
        "is `state_dir`/mosquitto.",
    )
    broker_public_url: str = Field(
        default="mqtts://broker.example.invalid:8883",
        description="Broker address put in the hub configuration snippet.",
    )

    crm_key: SecretStr | None = Field(
        default=None,
        description="Fernet key (url-safe base64 of 32 bytes) that encrypts the CRM credentials "
        "in the database; null makes one in `state_dir` once (crm.key). Losing it means "
        "entering every CRM secret again.",
    )
    crm_worker_in_api: bool = Field(
        default=False,
        description="Run the CRM sync worker inside `serve`; false when separate "
        "`showfloor-cloud crm work` processes drain the outbox.",
    )
    crm_claim_size: int = Field(
        default=200, ge=1, le=5000, description="Most CRM sync jobs one worker claims at once."
    )
    crm_lease_s: float = Field(
        default=300.0,
        gt=0,
        description="A job still `sending` this long after its claim (its worker died) is sent "
        "again, with the same idempotency key.",
    )
    crm_retry_base_s: float = Field(
        default=5.0, gt=0, description="First wait after a transient CRM failure (doubles)."
    )
    crm_retry_max_s: float = Field(
        default=3600.0, gt=0, description="Longest wait between two attempts of one job."
    )
    crm_max_attempts: int = Field(
        default=30,
        ge=1,
        description="Attempts after which a job that keeps failing transiently goes dead.",
    )
    crm_poll_s: float = Field(
        default=1.0, gt=0, le=60, description="How often an idle CRM worker looks for work."
    )

    @property
    def resolved_database_url(self) -> str:
        """The database URL to use, SQLite in `state_dir` by default."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.state_dir / 'cloud.sqlite3'}"

    @property
    def resolved_broker_dir(self) -> Path:
        """Directory of the generated Mosquitto files."""
        return self.broker_dir or self.state_dir / "mosquitto"


def load_settings(**overrides: Any) -> CloudSettings:
    """Settings from the environment with `overrides` on top; `ConfigError` names the bad key."""
    given = {key: value for key, value in overrides.items() if value is not None}
    known = {f"{ENV_PREFIX}{name}".upper() for name in CloudSettings.model_fields}
    unknown = sorted(
        key for key in os.environ if key.startswith(ENV_PREFIX) and key not in known | NOT_SETTINGS
    )
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]}; known: {', '.join(sorted(known))}")
    try:
        return CloudSettings(**given)
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "settings"
        raise ConfigError(f"setting {key} ({ENV_PREFIX}{key.upper()}): {first['msg']}") from err
