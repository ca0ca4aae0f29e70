"""The configuration snippet of a provisioned hub loads as the hub's own settings."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from cloud.provision.snippet import hub_config
from contract.ids import HubAddress
from edge.sync.settings import SyncSettings


def test_the_snippet_is_valid_hub_configuration() -> None:
    hub = HubAddress.of("acme", "riverside", "floor")
    text = hub_config(hub, "s3cret-pass", "mqtts://broker.example.com:8883")
    sync = SyncSettings.model_validate(yaml.safe_load(text)["sync"])
    assert (sync.host, sync.port, sync.tls) == ("broker.example.com", 8883, True)
    assert sync.address == hub
    assert "s3cret-pass" in text.splitlines()[-1]
    assert sync.password is None  # the password goes to a credential, not the YAML


def test_plain_mqtt_defaults_to_1883() -> None:
    text = hub_config(HubAddress.of("a", "b", "c"), "pw", "mqtt://127.0.0.1")
    sync = SyncSettings.model_validate(yaml.safe_load(text)["sync"])
    assert (sync.port, sync.tls) == (1883, False)


def test_plain_mqtt_to_another_host_says_the_hub_will_refuse_it() -> None:
    text = hub_config(HubAddress.of("a", "b", "c"), "pw", "mqtt://broker.lan")
    assert "plaintext MQTT to broker.lan: the hub refuses it unless sync.allow_plaintext" in text
    with pytest.raises(ValidationError, match=r"sync\.allow_plaintext"):
        SyncSettings.model_validate(yaml.safe_load(text)["sync"])
    assert "plaintext" not in hub_config(HubAddress.of("a", "b", "c"), "pw", "mqtt://127.0.0.1")
