"""Every template of every role, rendered as Ansible would, loads through the settings models.

Rendered with Ansible's own templar (its filters: `combine`, `to_nice_yaml`, ...) from the role's
defaults and vars plus the example inventory's, with made-up values for the Vault variables the
inventory names. `edge.yaml` must load through `edge.settings`; `cloud.env` through
`cloud.settings`; each unit's `LoadCredential=` names must be settings, proven by loading the
settings with a credentials directory holding exactly those files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from ansible.parsing.dataloader import DataLoader  # type: ignore[import-untyped]
from ansible.template import Templar, trust_as_template  # type: ignore[import-untyped]
from py_vapid import Vapid02

from cloud.push import keys
from cloud.settings import load_settings as load_cloud
from edge.settings import load_settings as load_edge

ANSIBLE = Path(__file__).resolve().parents[2] / "deploy" / "ansible"
EXAMPLE = ANSIBLE / "inventory" / "example"
VAULT = {
    "vault_showfloor_site_key": "vault-site-key-0123456789abcdef",
    "vault_hub_mqtt_passwords": {"floor": "vault-floor-pw", "delivery": "vault-delivery-pw"},
    "vault_cloud_session_secret": "vault-session-secret-0123456789abcdef",
    "vault_cloud_mqtt_password": "vault-cloud-pw",
}
HOSTS = {  # role -> (inventory group, a host of it)
    "edge_hub": ("hubs", "hub-floor.riverside.example.com"),
    "cloud": ("cloud", "cloud.example.com"),
    "broker": ("broker", "cloud.example.com"),
}
_CREDENTIAL = re.compile(r"^LoadCredential=([^:]+):", re.MULTILINE)


def _trusted(value: Any) -> Any:
    if isinstance(value, str):
        return trust_as_template(value)
    if isinstance(value, dict):
        return {key: _trusted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_trusted(item) for item in value]
    return value


def _yaml(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return loaded or {}


def variables(role: str) -> dict[str, Any]:
    """Role defaults < example group_vars (all, the group) < hosts.yml < role vars, + Vault."""
    group, host = HOSTS[role]
    inventory = _yaml(EXAMPLE / "hosts.yml")["all"]["children"][group]
    merged = (
        _yaml(ANSIBLE / "roles" / role / "defaults" / "main.yml")
        | _yaml(EXAMPLE / "group_vars" / "all.yml")
        | _yaml(EXAMPLE / "group_vars" / f"{group}.yml")
        | inventory.get("vars", {})
        | (inventory["hosts"][host] or {})
        | _yaml(ANSIBLE / "roles" / role / "vars" / "main.yml")
    )
    facts = {"inventory_dir": str(EXAMPLE), "edge_hub_led_paths": {"results": []}}
    trusted: dict[str, Any] = _trusted(merged)
    return trusted | VAULT | facts


def render(role: str, template: str, **overrides: Any) -> str:
    """One template of `role` as the example inventory gets it (plus `overrides`)."""
    templar = Templar(loader=DataLoader(), variables=variables(role) | overrides)
    source = (ANSIBLE / "roles" / role / "templates" / template).read_text(encoding="utf-8")
    text = templar.template(trust_as_template(source))
    assert isinstance(text, str)
    assert "{{" not in text and "{%" not in text
    return text


def _credentials(directory: Path, unit: str) -> list[str]:
    names = _CREDENTIAL.findall(unit)
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        (directory / name).write_text(f"credential {name}\n", encoding="utf-8")
    return names


@pytest.mark.parametrize(
    "role,template",
    [
        (role, path.name)
        for role in HOSTS
        for path in sorted((ANSIBLE / "roles" / role / "templates").glob("*.j2"))
    ],
)
def test_every_template_renders_with_the_example_inventory(role: str, template: str) -> None:
    assert render(role, template).strip()


def test_hub_configuration_and_credentials_load_through_the_hub_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "edge.yaml"
    config.write_text(render("edge_hub", "edge.yaml.j2"), encoding="utf-8")
    names = _credentials(tmp_path / "creds", render("edge_hub", "showfloor-edge.service.j2"))
    assert sorted(names) == ["privacy.site_key", "sync.password"]
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
    settings = load_edge(config)
    assert settings.sync.uses_tls and settings.sync.ca_file == Path("/etc/showfloor/broker-ca.crt")
    assert settings.sync.username == "hub-acme-motors-riverside-floor"
    assert settings.sync.password is not None
    assert settings.sync.password.get_secret_value() == "credential sync.password"
    assert settings.models.bundle_dir == Path("/opt/showfloor/edge/current/models")


@pytest.mark.parametrize(
    "unit",
    [
        "showfloor-cloud.service.j2",
        "showfloor-ingest@.service.j2",
        "showfloor-cloud-migrate.service.j2",
    ],
)
def test_cloud_env_and_each_units_credentials_load_through_the_cloud_settings(
    unit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for line in render("cloud", "cloud.env.j2").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            monkeypatch.setenv(key, value)
    names = _credentials(tmp_path, render("cloud", unit))
    assert "database_url" in names
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    (tmp_path / "database_url").write_text("postgresql+psycopg://showfloor-cloud@/showfloor")
    settings = load_cloud()
    broker = settings.broker
    assert broker is not None
    assert (broker.host, broker.port, broker.tls) == ("cloud.example.com", 8883, True)
    assert broker.ca_file == Path("/etc/mosquitto/certs/ca.crt")
    assert settings.ingest_in_api is False
    if "mqtt.password" in names:
        assert broker.password == "credential mqtt.password"
    if "session_secret" in names:
        assert settings.session_secret is not None


@pytest.mark.parametrize(
    "unit",
    [
        "showfloor-cloud.service.j2",
        "showfloor-ingest@.service.j2",
        "showfloor-cloud-migrate.service.j2",
    ],
)
def test_a_shared_vapid_key_reaches_every_unit_that_signs_or_makes_one(
    unit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several cloud hosts sign with the Vault's key, loaded as the credential push_vapid_key.

    No host makes a key of its own then; without the variable no unit asks for the credential.
    """
    pem = keys.key_file(tmp_path / "shared.pem").decode()
    assert "push_vapid_key" not in _CREDENTIAL.findall(render("cloud", unit))
    names = _CREDENTIAL.findall(render("cloud", unit, cloud_push_vapid_key=pem))
    assert "push_vapid_key" in names
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "database_url").write_text("sqlite:///" + str(tmp_path / "cloud.db"))
    (credentials / "push_vapid_key").write_text(pem)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    monkeypatch.setenv("SHOWFLOOR_CLOUD_STATE_DIR", str(tmp_path / "state"))
    settings = load_cloud()
    shared = keys.public_key(keys.vapid(settings))
    assert shared == keys.public_key(Vapid02.from_pem(pem.encode()))
    assert not (tmp_path / "state" / "vapid.pem").exists()


def test_the_example_inventory_holds_no_secret() -> None:
    """Only Vault variable names: no password, key or hash is committed under deploy/."""
    for path in sorted(ANSIBLE.rglob("*")):
        if path.is_file() and path.suffix in (".yml", ".yaml", ".j2", ".json", ".cfg"):
            text = path.read_text(encoding="utf-8")
            assert "$7$" not in text, path
            assert "change-me" not in text or path.name == "known_example_secrets.yml", path
    assert not (EXAMPLE / "files" / "provisioning").exists()
