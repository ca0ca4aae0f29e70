"""CRM credentials at rest: sealed with crm_key, the key made once, a wrong key said plainly."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from cloud.crm.connector import CrmConfigError
from cloud.crm.vault import Vault
from cloud.errors import ConfigError
from cloud.settings import CloudSettings


def test_secrets_round_trip_and_are_not_readable_in_the_token(tmp_path: Path) -> None:
    vault = Vault.of(CloudSettings(state_dir=tmp_path))
    token = vault.seal({"access_token": "pat-na1-secret"})
    assert "pat-na1-secret" not in token
    assert vault.open(token) == {"access_token": "pat-na1-secret"}
    assert vault.open("") == {}


def test_the_key_is_made_once_in_the_state_dir_readable_by_the_owner_only(tmp_path: Path) -> None:
    settings = CloudSettings(state_dir=tmp_path)
    token = Vault.of(settings).seal({"a": "b"})
    key = tmp_path / "crm.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert Vault.of(settings).open(token) == {"a": "b"}  # the same key next time


def test_a_token_sealed_with_another_key_asks_for_the_secrets_again(tmp_path: Path) -> None:
    token = Vault(Fernet.generate_key()).seal({"a": "b"})
    with pytest.raises(CrmConfigError, match="enter them again"):
        Vault.of(CloudSettings(state_dir=tmp_path)).open(token)


def test_a_bad_crm_key_setting_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="crm_key"):
        Vault.of(CloudSettings(state_dir=tmp_path, crm_key=SecretStr("not-a-key")))
