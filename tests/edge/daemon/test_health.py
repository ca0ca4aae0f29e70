"""The status a hub reports follows its parts."""

from __future__ import annotations

import pytest

from edge.daemon.health import PARTS, Health


def test_a_hub_with_every_part_ok_is_online() -> None:
    health = Health()
    assert health.status(version="0.1", models={}).state == "degraded"
    for part in PARTS:
        health.ok(part)
    status = health.status(version="0.1", models={"asr_en": "1"}, outbox_depth=4)
    assert status.state == "online"
    assert status.outbox_depth == 4
    assert [p.name for p in status.parts] == list(PARTS)


def test_a_degraded_part_is_named_with_its_reason() -> None:
    health = Health()
    for part in PARTS:
        health.ok(part)
    health.degraded("presence", "no Bluetooth adapter")
    status = health.status(version="0.1", models={})
    assert status.state == "degraded"
    assert health.problems == {"presence": "no Bluetooth adapter"}
    assert status.model_dump()["parts"][1] == {
        "name": "presence",
        "ok": False,
        "detail": "no Bluetooth adapter",
    }


def test_stopping_reports_offline() -> None:
    assert Health().status(version="0.1", models={}, stopping=True).state == "offline"


def test_unknown_parts_are_refused() -> None:
    with pytest.raises(KeyError, match="unknown hub part 'toaster'"):
        Health().ok("toaster")
