"""The AsyncAPI document is current and valid; every envelope is a valid CloudEvent."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from contract import asyncapi
from contract.commands import ConfigReload, EnrollmentSync, ForgetSubject, Receipt
from contract.events import envelope
from contract.ids import new_subject
from contract.topics import COMMAND_NAMES, EVENT_KINDS
from tests.edge.sync.factories import HUB, every_payload

ROOT = Path(__file__).resolve().parents[2]
#: Installed by `make asyncapi-spec` (a prerequisite of `make test`) from npm.
ASYNCAPI_SCHEMA = ROOT / ".cache/npm/node_modules/@asyncapi/specs/schemas/3.0.0.json"
#: The shared specifications sit beside the checkout (CI puts shared/ there too).
CLOUDEVENTS_SCHEMA = ROOT.parent / "shared/specs/cloudevents/cloudevents.json"


def _schema(path: Path, how: str) -> dict[str, Any]:
    if not path.exists():
        pytest.fail(f"{path} is missing: {how}")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def test_the_committed_document_is_current() -> None:
    committed = asyncapi.OUTPUT.read_text(encoding="utf-8")
    assert committed == asyncapi.render(), "stale: run .venv/bin/python -m contract.asyncapi"


def test_the_document_is_valid_asyncapi_3() -> None:
    schema = _schema(ASYNCAPI_SCHEMA, "run `make asyncapi-spec`")
    document = yaml.safe_load(asyncapi.OUTPUT.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(document)
    assert document["asyncapi"] == "3.0.0"
    assert set(document["channels"]) == set(EVENT_KINDS) | {f"cmd_{n}" for n in COMMAND_NAMES} | {
        "site_readings"
    }
    site = document["channels"]["site_readings"]
    assert site["address"] == "showfloor/site/v1/{tenant}/{site}/{hub}/readings"
    status = document["channels"]["status"]
    assert status["address"] == "showfloor/v1/{tenant}/{site}/{hub}/status"
    assert set(status["parameters"]) == {"tenant", "site", "hub"}
    assert document["operations"]["send_status"]["bindings"]["mqtt"]["retain"] is True
    assert document["operations"]["receive_forget_subject"]["action"] == "receive"
    # and the validator does look inside: a wrong action is caught
    broken = copy.deepcopy(document)
    broken["operations"]["send_status"]["action"] = "publish"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_every_event_and_command_is_a_valid_cloudevent() -> None:
    validator = jsonschema.Draft7Validator(
        _schema(CLOUDEVENTS_SCHEMA, "the shared specs must sit beside the checkout")
    )
    commands = [
        ConfigReload(),
        EnrollmentSync(),
        ForgetSubject(subject=new_subject("conv"), request_id="r-1"),
        Receipt(ids=["e-1", "e-2"]),
    ]
    for payload in [*every_payload(), *commands]:
        event = json.loads(envelope(HUB, payload).model_dump_json())
        validator.validate(event)
        broken = {**event, "specversion": 1}
        assert list(validator.iter_errors(broken)), "the schema catches a bad specversion"
