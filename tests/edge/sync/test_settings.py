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
