"""The topic builder and parser agree, and refuse what is not a showfloor topic."""

from __future__ import annotations

import pytest

from contract import topics
from contract.ids import HubAddress, staff_pseudonym

HUB = HubAddress.of("acme-motors", "downtown", "hub-1")


def test_topics_of_a_hub() -> None:
    built = topics.Topics(HUB)
    assert built.status == "showfloor/v1/acme-motors/downtown/hub-1/status"
    assert built.for_type("showfloor.conversation.turn.v1").endswith("/hub-1/conversation")
    assert built.command("forget_subject").endswith("/hub-1/cmd/forget_subject")
    assert topics.ingest_filter() == "$share/ingest/showfloor/v1/+/+/+/+"
    assert built.receipts.endswith("/hub-1/cmd/receipt")


@pytest.mark.parametrize("kind", topics.EVENT_KINDS)
def test_every_event_topic_parses_back(kind: str) -> None:
    parsed = topics.parse(topics.Topics(HUB).event(kind))
    assert parsed == topics.ParsedTopic(HUB, kind, None)


def test_command_topics_parse_back() -> None:
    parsed = topics.parse(topics.Topics(HUB).command("config_reload"))
    assert parsed == topics.ParsedTopic(HUB, "cmd", "config_reload")


@pytest.mark.parametrize(
    "topic",
    [
        "showfloor/v2/a/b/c/status",
        "showfloor/v1/a/b/status",
        "showfloor/v1/A/b/c/status",
        "showfloor/v1/a/b/c/gossip",
        "showfloor/v1/a/b/c/cmd/format_disk",
        "showfloor/v1/a/b/c/status/extra",
    ],
)
def test_foreign_topics_are_refused(topic: str) -> None:
    with pytest.raises(ValueError):
        topics.parse(topic)


def test_unknown_kinds_and_commands_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown event kind"):
        topics.Topics(HUB).event("gossip")
    with pytest.raises(ValueError, match="unknown command"):
        topics.Topics(HUB).command("format_disk")


def test_bad_hub_ids_are_named() -> None:
    with pytest.raises(ValueError, match="site id 'Down Town'"):
        HubAddress.of("acme", "Down Town", "hub-1")


def test_staff_pseudonyms_are_keyed_and_stable() -> None:
    key = b"k" * 32
    assert staff_pseudonym(key, "Sam Carter") == staff_pseudonym(key, " sam carter ")
    assert staff_pseudonym(key, "Sam Carter") != staff_pseudonym(b"x" * 32, "Sam Carter")
    with pytest.raises(ValueError, match="16 bytes"):
        staff_pseudonym(b"short", "Sam Carter")
