"""The cloud's configuration: defaults < `SHOWFLOOR_CLOUD_*` environment < credentials < flags.

Read exactly as the hub reads its own (`edge.settings`): nested keys in the environment with
`__` (`SHOWFLOOR_CLOUD_MQTT__HOST`), secrets from systemd's `$CREDENTIALS_DIRECTORY`, one file
per setting named by its dotted key (`database_url`, `session_secret`, `mqtt.password`).
Unknown keys are rejected; every field has a description (a test checks); secrets (database
and broker URLs may hold passwords, the session key) are `SecretStr` and never logged.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from cloud.errors import ConfigError
from cloud.followup.settings import FollowupSettings
from cloud.mqtt import URL_SHAPE, BrokerAddress
from edge.credentials import CredentialsSource

ENV_PREFIX = "SHOWFLOOR_CLOUD_"
#: `SHOWFLOOR_CLOUD_*` variables that are not settings (passwords the admin commands read).
NOT_SETTINGS = frozenset({"SHOWFLOOR_CLOUD_NEW_PASSWORD", "SHOWFLOOR_CLOUD_DEMO_PASSWORD"})


def default_state_dir() -> Path:
    """`$XDG_STATE_HOME/showfloor-cloud`, else `~/.local/state/showfloor-cloud`."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "showfloor-cloud"


class MqttSettings(BaseModel):
    """The broker the cloud consumes hub events from and sends commands through."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str | None = Field(
        default=None,
        min_length=1,
        description="Broker host name; null (and no `mqtt_url`) runs the web view without ingest.",
    )
    port: int | None = Field(
        default=None, ge=1, le=65535, description="Broker port; null: 8883 with TLS, else 1883."
    )
    username: str | None = Field(default=None, description="The cloud's broker account.")
    password: SecretStr | None = Field(
        default=None, description="Its password (a secret: the credential `mqtt.password`)."
    )
    tls: bool = Field(
        default=False,
        description="Use TLS (implied by ca_file, cert_file and `mqtts://`); the broker's "
        "certificate and host name are verified.",
    )
    ca_file: Path | None = Field(
        default=None, description="CA certificate (PEM) of the broker; null: the system CAs."
    )
    cert_file: Path | None = Field(
        default=None, description="Client certificate (PEM), when the broker asks for one."
    )
    key_file: Path | None = Field(default=None, description="The client certificate's key.")
    allow_plaintext: bool = Field(
        default=False,
        description="Allow plain MQTT to a host that is not loopback (the password and every "
        "event travel in clear); off, such a broker is refused at start.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> MqttSettings:
        if self.key_file is not None and self.cert_file is None:
            raise ValueError("mqtt.key_file needs mqtt.cert_file")
        if self.password is not None and self.username is None:
            raise ValueError("mqtt.password needs mqtt.username")
        return self

    def address(self, url: SecretStr | None) -> BrokerAddress | None:
        """The broker from `url` (`mqtt_url`) or these fields, TLS files and rule applied.

        The URL's user name and password win; without them, `mqtt.username`/`mqtt.password`.
        """
        tls = self.tls or self.ca_file is not None or self.cert_file is not None
        if url is not None:
            parsed = BrokerAddress.parse(url.get_secret_value())
        elif self.host is not None:
            parsed = BrokerAddress(self.host, self.port or (8883 if tls else 1883), None, None)
        else:
            return None
        password = self.password.get_secret_value() if self.password else None
        address = BrokerAddress(
            parsed.host,
            parsed.port,
            parsed.username or self.username,
            parsed.password or password,
            parsed.tls or tls,
            self.ca_file,
            self.cert_file,
            self.key_file,
        )
        address.check_transport(allow_plaintext=self.allow_plaintext)
        return address


class CloudSettings(BaseSettings):
    """Everything `showfloor-cloud` can be told; each flag of `serve` is one of these."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
        env_ignore_empty=True,
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
    mqtt: MqttSettings = Field(
        default_factory=MqttSettings,
        description="The broker: host, account, TLS (`mqtt.*`, or `mqtt_url` in one string).",
    )
    mqtt_url: SecretStr | None = Field(
        default=None,
        description=f"The broker in one string, {URL_SHAPE}, instead of mqtt.host/port/"
        "username/password (the TLS files still come from `mqtt.*`); null and no mqtt.host "
        "runs the web view without ingest.",
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
    login_attempts_per_address: int = Field(
        default=30,
        ge=1,
        description="Login attempts allowed per address per minute, whatever the account "
        "(checked before any password is hashed).",
    )
    login_account_failures: int = Field(
        default=20,
        ge=1,
        description="Failed logins of one account (from anywhere) within "
        "`login_account_window_s` after which addresses that failed on it are refused; "
        "other addresses may still log in.",
    )
    login_account_window_s: float = Field(
        default=900.0, gt=0, description="Window of `login_account_failures`, in seconds."
    )
    login_throttle_entries: int = Field(
        default=10000,
        ge=100,
        description="Most addresses/accounts each login throttle table remembers (memory "
        "bound); the least recently seen is forgotten first.",
    )
    password_hash_slots: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Password hashes (argon2, 64 MiB each) the web process runs at once.",
    )
    password_hash_wait_s: float = Field(
        default=5.0,
        gt=0,
        le=60,
        description="Longest wait for a hashing slot before a login is answered 503.",
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
    push_vapid_key: SecretStr | None = Field(
        default=None,
        description="The VAPID private key (PEM, ECDSA P-256) that signs Web Push messages; "
        "null makes one in `state_dir` once (vapid.pem), as `showfloor-cloud push keys` does "
        "at install. Changing it ends every browser's subscription.",
    )
    push_subject: str = Field(
        default="mailto:admin@localhost",
        pattern=r"^(mailto:[^@\s]+@[^@\s]+|https://\S+)$",
        description="Contact the push services may write to about this cloud's messages "
        "(`mailto:` or `https:`): set it to the operator's address.",
    )
    push_enabled: bool = Field(
        default=True, description="Send manager alerts as Web Push notifications from ingest."
    )
    push_allow_http_loopback: bool = Field(
        default=False,
        description="Accept `http://` push endpoints on 127.0.0.1 or localhost (a local push "
        "relay, tests); otherwise endpoints must be https.",
    )
    live_stream_s: float = Field(
        default=60.0,
        gt=0,
        le=3600,
        description="How long one live stream (server-sent events of the floor) stays open; "
        "the browser then reconnects with Last-Event-ID, its session checked again.",
    )
    live_check_s: float = Field(
        default=2.0,
        gt=0,
        le=60,
        description="How often a live stream looks for changes that ingest in another process "
        "made (changes ingested in this process are sent at once).",
    )

    followup: FollowupSettings = Field(
        default_factory=FollowupSettings,
        description="Follow-up drafts: unsubscribe links, SMTP for e-mail, Twilio for texts.",
    )

    @model_validator(mode="after")
    def _one_broker(self) -> CloudSettings:
        if self.mqtt_url is not None and self.mqtt.host is not None:
            raise ValueError("give the broker as mqtt_url or as mqtt.host, not both")
        self.broker  # noqa: B018 - fail at start on a bad URL or a plaintext broker
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Init (flags) > credentials (`$CREDENTIALS_DIRECTORY`) > environment."""
        return init_settings, CredentialsSource(settings_cls, error=ConfigError), env_settings

    @property
    def broker(self) -> BrokerAddress | None:
        """The broker to consume from and publish to; None runs without ingest."""
        return self.mqtt.address(self.mqtt_url)

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


def state_secret(state_dir: Path, name: str) -> str:
    """A random key kept in `state_dir/name` (made once, mode 0600), for keys left unset."""
    path = state_dir / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def load_settings(**overrides: Any) -> CloudSettings:
    """Settings from the environment with `overrides` on top; `ConfigError` names the bad key."""
    given = {key: value for key, value in overrides.items() if value is not None}
    known = {f"{ENV_PREFIX}{name}".upper() for name in CloudSettings.model_fields}
    unknown = sorted(
        key
        for key in os.environ
        if key.startswith(ENV_PREFIX)
        and key.split("__", 1)[0] not in known
        and key not in NOT_SETTINGS
    )
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]}; known: {', '.join(sorted(known))}")
    try:
        return CloudSettings(**given)
    except ValidationError as err:
        first = err.errors()[0]
        parts = [str(part) for part in first["loc"]]
        if not parts:
            raise ConfigError(f"settings: {first['msg'].removeprefix('Value error, ')}") from err
        key, env = ".".join(parts), ENV_PREFIX + "__".join(parts).upper()
        what = "unknown setting" if first["type"] == "extra_forbidden" else "setting"
        raise ConfigError(f"{what} {key} ({env}): {first['msg']}") from err
