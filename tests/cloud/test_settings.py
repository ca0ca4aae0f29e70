"""CloudSettings: every field described, unknown keys refused, flags override the environment."""

from __future__ import annotations

import pytest

from cloud.errors import ConfigError
from cloud.settings import CloudSettings, load_settings


def test_every_setting_is_described() -> None:
    for name, field in CloudSettings.model_fields.items():
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
