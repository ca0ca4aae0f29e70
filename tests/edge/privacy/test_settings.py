"""The `privacy` settings section: defaults, secrets masked, mistakes named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edge.errors import ConfigError
from edge.privacy.spans import Kind
from edge.settings import load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith("SHOWFLOOR_"):
            monkeypatch.delenv(name)


def test_defaults_are_strict_and_redact_everything() -> None:
    privacy = load_settings().privacy
    assert privacy.consent_mode == "all_party"
    assert privacy.site_key is None
    assert set(privacy.redact) == {kind.value for kind in Kind}


def test_the_site_key_is_secret_and_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SHOWFLOOR_PRIVACY__SITE_KEY", "s3cret-site-key-0123456789")
    privacy = load_settings().privacy
    assert privacy.site_key is not None
    assert privacy.site_key.get_secret_value() == "s3cret-site-key-0123456789"
    assert "s3cret" not in repr(privacy) and "s3cret" not in str(load_settings())


def test_a_short_site_key_is_refused_naming_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOWFLOOR_PRIVACY__SITE_KEY", "short")
    with pytest.raises(ConfigError, match=r"privacy\.site_key.*at least 16 bytes"):
        load_settings()


@pytest.mark.parametrize(
    ("yaml", "named"),
    [
        ("privacy: {consent_mode: two_party}", "privacy.consent_mode"),
        ("privacy: {redact: [phone, passport]}", "privacy.redact"),
        ("privacy: {voice_phrases: [ok]}", "privacy.voice_phrases"),
        ("privacy: {consent_sources: [sms]}", "privacy.consent_sources"),
        ("privacy: {consentmode: all_party}", "privacy.consentmode"),
    ],
)
def test_bad_values_are_refused_naming_the_key(tmp_path: Path, yaml: str, named: str) -> None:
    path = tmp_path / "showfloor.yaml"
    path.write_text(yaml, encoding="utf-8")
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_settings(path)
