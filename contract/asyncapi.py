"""The AsyncAPI 3.0.0 document of the hub-cloud contract, generated from the models and topics.

    .venv/bin/python -m contract.asyncapi          # rewrite docs/asyncapi.yaml
    .venv/bin/python -m contract.asyncapi --check  # exit 1 when it is stale (a test does this)

Payload schemas are the pydantic models' JSON schemas (one per envelope class); channel
addresses come from `contract.topics` with `{tenant}`, `{site}` and `{hub}` as parameters.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from contract import CONTRACT_MINOR, CONTRACT_VERSION
from contract.events import Command, HubEvent, HubStatusEvent, kind_of
from contract.ids import HubAddress
from contract.payloads import SiteReadings
from contract.topics import COMMAND_NAMES, EVENT_KINDS, RECEIPT, SITE_ROOT, Topics

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "asyncapi.yaml"
_PLACEHOLDER = HubAddress("tenant", "site", "hub")
_PARAMETERS = {
    "tenant": {"description": "Tenant (dealer group) id: lower-case letters, digits, dashes."},
    "site": {"description": "Site (rooftop) id."},
    "hub": {"description": "Hub id within the site."},
}
_KIND_TEXT = {
    "status": "Hub status, retained (QoS 1). The broker publishes the hub's last will, a "
    "retained `offline` status, when the hub disappears without disconnecting.",
    "conversation": "Conversation started / turn / ended, in order per conversation (QoS 1); "
    "after the end, a `TurnRevised` for each turn whose text the hub polished (contract 1.3).",
    "prompt": "Coaching prompts and their outcomes (QoS 1).",
    "alert": "Manager alerts (QoS 1).",
    "presence": "Zone enter / exit / dwell / waiting / greeted / engaged (QoS 1).",
    "traffic": "Traffic summaries per zone and interval (QoS 1).",
    "command": "Acknowledgements of commands (QoS 1).",
}


def _members(union: object) -> list[type[BaseModel]]:
    return list(get_args(get_args(union)[0]))


def _address(topic: str) -> str:
    prefix = Topics(_PLACEHOLDER).prefix
    return topic.replace(prefix, f"showfloor/v{CONTRACT_VERSION}/{{tenant}}/{{site}}/{{hub}}")


def _message_name(model: type[BaseModel]) -> str:
    return model.__name__


def _site_readings(channels: dict[str, Any], operations: dict[str, Any]) -> dict[str, Any]:
    """The hub-to-hub channel of a site's presence readings; returns its message."""
    address = Topics(_PLACEHOLDER).site_readings.replace(
        f"{SITE_ROOT}/tenant/site/hub", f"{SITE_ROOT}/{{tenant}}/{{site}}/{{hub}}"
    )
    name = SiteReadings.__name__
    channels["site_readings"] = {
        "address": address,
        "description": "Hub to the other hubs of its site (QoS 0, every presence tick): what "
        "the hub hears now. Not an event and not for the cloud (outside `showfloor/v1/`); "
        "the ACL lets a hub write its own and read its site's, never another site's.",
        "parameters": _PARAMETERS,
        "messages": {name: {"$ref": f"#/components/messages/{name}"}},
    }
    for action in ("send", "receive"):
        operations[f"{action}_site_readings"] = {
            "action": action,
            "summary": f"A hub {action}s its site's presence readings.",
            "channel": {"$ref": "#/channels/site_readings"},
            "messages": [{"$ref": f"#/channels/site_readings/messages/{name}"}],
            "bindings": {"mqtt": {"qos": 0, "bindingVersion": "0.2.0"}},
        }
    return {
        "name": name,
        "title": name,
        "summary": (SiteReadings.__doc__ or "").strip().splitlines()[0],
        "contentType": "application/json",
        "payload": {"$ref": f"#/components/schemas/{name}"},
    }


def document() -> dict[str, Any]:
    """The AsyncAPI document as a mapping (ordered for a readable YAML file)."""
    events, commands = _members(HubEvent), _members(Command)
    site: list[type[BaseModel]] = [SiteReadings]
    _, schemas = models_json_schema(
        [(model, "validation") for model in (*events, *commands, *site)],
        ref_template="#/components/schemas/{model}",
    )
    topics = Topics(_PLACEHOLDER)
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for model in (*events, *commands):
        event_type = model.model_fields["type"].default
        messages[_message_name(model)] = {
            "name": event_type,
            "title": model.__name__,
            "summary": (model.__doc__ or "").strip().splitlines()[0],
            "contentType": "application/cloudevents+json",
            "payload": {"$ref": f"#/components/schemas/{model.__name__}"},
        }
    for kind in EVENT_KINDS:
        members = [m for m in events if kind_of(m.model_fields["type"].default) == kind]
        channels[kind] = {
            "address": _address(topics.event(kind)),
            "description": _KIND_TEXT[kind],
            "parameters": _PARAMETERS,
            "messages": {
                _message_name(m): {"$ref": f"#/components/messages/{_message_name(m)}"}
                for m in members
            },
        }
        operations[f"send_{kind}"] = {
            "action": "send",
            "summary": f"The hub publishes on `{kind}`.",
            "channel": {"$ref": f"#/channels/{kind}"},
            "messages": [
                {"$ref": f"#/channels/{kind}/messages/{_message_name(m)}"} for m in members
            ],
            "bindings": {"mqtt": {"qos": 1, "retain": kind == "status", "bindingVersion": "0.2.0"}},
        }
    for name in COMMAND_NAMES:
        (model,) = [m for m in commands if m.model_fields["type"].default.split(".")[2] == name]
        channel = f"cmd_{name}"
        answer = (
            "the hub keeps each event until a receipt names it, re-sends the others after "
            "`sync.receipt_timeout_s`, and never answers a receipt."
            if name == RECEIPT
            else "the hub answers with a CommandResult on `command`."
        )
        channels[channel] = {
            "address": _address(topics.command(name)),
            "description": f"Cloud to hub: {name}; {answer}",
            "parameters": _PARAMETERS,
            "messages": {
                _message_name(model): {"$ref": f"#/components/messages/{_message_name(model)}"}
            },
        }
        operations[f"receive_{name}"] = {
            "action": "receive",
            "summary": f"The hub receives `{name}` commands (persistent session, QoS 1).",
            "channel": {"$ref": f"#/channels/{channel}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{_message_name(model)}"}],
            "bindings": {"mqtt": {"qos": 1, "bindingVersion": "0.2.0"}},
        }
    messages[SiteReadings.__name__] = _site_readings(channels, operations)
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Showfloor hub-cloud contract",
            "version": f"{CONTRACT_VERSION}.{CONTRACT_MINOR}.0",
            "description": "CloudEvents 1.0 (structured JSON) over MQTT, QoS 1. Hubs publish "
            "events under `showfloor/v1/TENANT/SITE/HUB/<kind>` and receive commands on "
            "`.../cmd/<name>`. Event ids are stable across retries; consumers deduplicate by "
            "id. The retained `status` carries the hub's state; its last will is a retained "
            f"`{HubStatusEvent.model_fields['type'].default}` with state `offline`. "
            "Within a major version the contract grows by optional fields only (the minor "
            "version); readers ignore fields they do not know, so hubs and the cloud on "
            "neighbouring minor versions understand each other during a rolling upgrade.",
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "broker": {
                "host": "broker.example.com:8883",
                "protocol": "mqtt",
                "protocolVersion": "5",
                "description": "The cloud's broker (MQTT 5; 3.1.1 also works). TLS with a CA "
                "file, client certificates or username/password; persistent sessions.",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas["$defs"], "messages": messages},
    }


def render() -> str:
    """The YAML text of `docs/asyncapi.yaml`."""
    header = "# Generated by `python -m contract.asyncapi`; do not edit.\n"
    return header + yaml.safe_dump(document(), sort_keys=False, allow_unicode=True, width=100)


def main(argv: Sequence[str] | None = None) -> int:
    """Write or check `docs/asyncapi.yaml`."""
    parser = argparse.ArgumentParser(prog="python -m contract.asyncapi", description=__doc__)
    parser.add_argument("--check", action="store_true", help="Exit 1 when the file is stale.")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            sys.stderr.write(f"{OUTPUT} is stale: run python -m contract.asyncapi\n")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {OUTPUT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
