"""CloudSettings: every field described, unknown keys refused, flags override the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from cloud.errors import ConfigError
from cloud.mqtt import BrokerAddress
from cloud.settings import CloudSettings, MqttSettings, load_settings


def test_every_setting_is_described() -> None:
    for model in (CloudSettings, MqttSettings):
        for name, field in model.model_fields.items():
            assert field.description, f"{name} has no description"


def test_flags_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_CLOUD_PORT", "9000")
    monkeypatch.setenv("SHOWFLOOR_CLOUD_DATABASE_URL", "sqlite:///x.db")
    assert load_settings().port == 9000
    settings = load_settings(port=9100, host=None)
    assert settings.port == 9100
    assert "x.db" not in repr(settings)  # secrets are not shown


def test_unknown_and_bad_keys_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_CLOUD_PROT", "1")
    with pytest.raises(ConfigError, match="unknown setting SHOWFLOOR_CLOUD_PROT"):
        load_settings()
    monkeypatch.delenv("SHOWFLOOR_CLOUD_PROT")
    with pytest.raises(ConfigError, match=r"setting port \(SHOWFLOOR_CLOUD_PORT\)"):
        load_settings(port=70000)


def test_credentials_are_files_named_by_the_setting_they_fill(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As on a hub: `$CREDENTIALS_DIRECTORY/<dotted key>`, over the environment."""
    (tmp_path / "database_url").write_text("postgresql+psycopg://cloud:pw@db.internal/showfloor\n")
    (tmp_path / "session_secret").write_text("s" * 40)
    (tmp_path / "mqtt.password").write_text("broker-pw\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__HOST", "broker.internal")
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__PORT", "8884")
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__USERNAME", "showfloor-cloud")
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__CA_FILE", "/etc/showfloor/ca.crt")
    monkeypatch.setenv("SHOWFLOOR_CLOUD_DATABASE_URL", "sqlite:///ignored.db")
    settings = load_settings()
    assert settings.resolved_database_url.endswith("@db.internal/showfloor")  # file wins
    assert settings.session_secret is not None
    assert settings.session_secret.get_secret_value() == "s" * 40
    assert settings.broker == BrokerAddress(
        "broker.internal", 8884, "showfloor-cloud", "broker-pw", True, Path("/etc/showfloor/ca.crt")
    )
    assert "broker-pw" not in repr(settings)
    (tmp_path / "mqtt.pasword").write_text("typo")
    with pytest.raises(ConfigError, match=r"unknown setting mqtt\.pasword"):
        load_settings()


def test_unknown_nested_environment_key_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__HOSTNAME", "x")
    with pytest.raises(ConfigError, match=r"SHOWFLOOR_CLOUD_MQTT__HOSTNAME"):
        load_settings()


def test_plaintext_only_to_loopback_unless_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cloud's account reads every tenant: its password never crosses a network in clear."""
    with pytest.raises(ConfigError, match=r"mqtt\.allow_plaintext.*MQTT__ALLOW_PLAINTEXT"):
        load_settings(mqtt_url="mqtt://cloud:pw@broker.internal:1883")
    for url in ("mqtt://cloud:pw@127.0.0.1:1883", "mqtt://cloud:pw@localhost", "tcp://[::1]:1"):
        broker = load_settings(mqtt_url=url).broker
        assert broker is not None and not broker.tls
    tls = load_settings(mqtt_url="mqtts://cloud:p%40ss@broker.internal").broker
    assert tls == BrokerAddress("broker.internal", 8883, "cloud", "p@ss", True)
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__ALLOW_PLAINTEXT", "true")
    plain = load_settings(mqtt_url="mqtt://cloud:pw@broker.internal:1883").broker
    assert plain is not None and (plain.host, plain.port, plain.tls) == (
        "broker.internal",
        1883,
        False,
    )


def test_the_broker_is_one_url_or_fields_and_none_means_no_ingest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_settings().broker is None
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__HOST", "127.0.0.1")
    with pytest.raises(ConfigError, match=r"mqtt_url or as mqtt\.host, not both"):
        load_settings(mqtt_url="mqtt://127.0.0.1")
    monkeypatch.delenv("SHOWFLOOR_CLOUD_MQTT__HOST")
    with pytest.raises(ConfigError, match="mqtt_url must look like"):
        CloudSettings(mqtt_url=SecretStr("http://x"))


def test_a_url_without_password_takes_the_password_credential(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--mqtt-url mqtts://cloud@host` on a deployed machine: the secret stays a credential."""
    (tmp_path / "mqtt.password").write_text("from-credential\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    monkeypatch.setenv("SHOWFLOOR_CLOUD_MQTT__USERNAME", "ignored-by-the-url")
    broker = load_settings(mqtt_url="mqtts://cloud@broker.internal:8884").broker
    assert broker == BrokerAddress("broker.internal", 8884, "cloud", "from-credential", True)
