"""`showfloor-edge replay` as a subprocess: the whole hub on a recording, events as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contract.events import parse_event
from tests.edge.test_cli import edge

pytestmark = pytest.mark.slow
DEMO = Path(__file__).resolve().parents[3] / "demo"


def test_replay_prints_the_events_the_cloud_would_get(
    showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    enrolled = str(tmp_path / "enrolled")
    enrolling = edge(
        "enroll", "Sam Carter", str(DEMO / "sam-enrollment.flac"), "--enrolled", enrolled,
        bundle=showfloor_bundle_dir,
    )  # fmt: skip
    assert enrolling.returncode == 0, enrolling.stderr
    result = edge(
        "replay", str(DEMO / "showroom.flac"), "--format", "jsonl", "--enrolled", enrolled,
        bundle=showfloor_bundle_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    events = [parse_event(line) for line in result.stdout.splitlines()]
    kinds = [json.loads(line)["type"] for line in result.stdout.splitlines()]
    assert kinds[0] == "showfloor.conversation.started.v1"
    assert "showfloor.conversation.ended.v1" in kinds
    rules = [e.data.rule for e in events if e.type == "showfloor.prompt.v1"]
    assert {"price-objection", "test-drive"} <= set(rules)


def test_replay_text_shows_turns_and_prompts(showfloor_bundle_dir: Path) -> None:
    result = edge("replay", str(DEMO / "showroom.flac"), bundle=showfloor_bundle_dir)
    assert result.returncode == 0, result.stderr
    assert "customer customer-1:" in result.stdout
    assert "PROMPT [price-objection]" in result.stdout
