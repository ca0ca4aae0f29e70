"""The `sync` section: bad values are refused with the key named, secrets never shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edge.errors import ConfigError
from edge.settings import load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith("SHOWFLOOR_"):
            monkeypatch.delenv(name)


@pytest.mark.parametrize(
    ("yaml", "message"),
    [
        ("sync:\n  hots: broker\n", "unknown configuration key 'sync.hots'"),
        ("sync:\n  keepalive_s: 99999\n", "sync.keepalive_s"),
        ("sync:\n  port: 70000\n", "sync.port"),
        ("sync:\n  protocol: '4'\n", "sync.protocol"),
        ("sync:\n  hub: Hub One\n", "sync.hub"),
        ("sync:\n  cert_file: /c.pem\n", "cert_file and sync.key_file go together"),
        ("sync:\n  outbox:\n    max_bytes: 10\n", "sync.outbox.max_bytes"),
        ("sync: [1, 2\n", "cannot read configuration file"),
        ("sync: " + "x" * 300 + "\n", "sync: Input should be"),
    ],
)
def test_bad_sync_configuration_names_the_key(tmp_path: Path, yaml: str, message: str) -> None:
    config = tmp_path / "showfloor.yaml"
    config.write_text(yaml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)


def test_the_password_is_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_SYNC__USERNAME", "hub-1")
    monkeypatch.setenv("SHOWFLOOR_SYNC__PASSWORD", "s3cret-value")
    settings = load_settings()
    assert settings.sync.password is not None
    assert settings.sync.password.get_secret_value() == "s3cret-value"
    assert "s3cret-value" not in settings.model_dump_json()
    assert settings.sync.broker_port == 1883
    assert settings.sync.mqtt_client_id == "showfloor-local-local-hub-1"


@pytest.mark.parametrize("host", ["broker.dealer.example", "10.0.0.5", "[2001:db8::1]"])
def test_plaintext_to_another_host_is_refused_naming_the_setting(tmp_path: Path, host: str) -> None:
    config = tmp_path / "showfloor.yaml"
    config.write_text(f"sync:\n  host: '{host}'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(config)
    message = str(refused.value)
    assert f"plaintext MQTT to {host}" in message
    assert "sync.allow_plaintext" in message and "SHOWFLOOR_SYNC__ALLOW_PLAINTEXT" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("yaml", "tls"),
    [
        ("sync:\n  host: localhost\n", False),
        ("sync:\n  host: 127.0.0.2\n", False),
        ("sync:\n  host: '::1'\n", False),
        ("sync:\n  host: broker.dealer.example\n  tls: true\n", True),
        ("sync:\n  host: broker.dealer.example\n  ca_file: /etc/ca.crt\n", True),
        ("sync:\n  host: broker.dealer.example\n  allow_plaintext: true\n", False),
        ("sync:\n  host: broker.dealer.example\n  enabled: false\n", False),
    ],
)
def test_plaintext_is_accepted_on_loopback_with_tls_when_allowed_or_disabled(
    tmp_path: Path, yaml: str, tls: bool
) -> None:
    config = tmp_path / "showfloor.yaml"
    config.write_text(yaml, encoding="utf-8")
    assert load_settings(config).sync.uses_tls is tls


def test_allow_plaintext_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_SYNC__HOST", "broker.dealer.example")
    with pytest.raises(ConfigError, match=r"sync\.allow_plaintext"):
        load_settings()
    monkeypatch.setenv("SHOWFLOOR_SYNC__ALLOW_PLAINTEXT", "true")
    assert load_settings().sync.allow_plaintext
