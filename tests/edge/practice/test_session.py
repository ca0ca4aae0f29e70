"""The practice session's file and report (the audio path is tested in tests/edge/cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.payloads import Objection
from contract.practice import LinePart, PracticeLine, PracticeSet
from edge.coach.playbook import load_playbook
from edge.errors import ConfigError
from edge.practice.score import grade
from edge.practice.session import Answered, read_lines, report

LINE = PracticeLine(
    persona="trade-in-haggler",
    level=3,
    language="en",
    parts=[
        LinePart(objection=Objection.TRADE_IN, text="You lowballed my truck.", source="floor"),
        LinePart(objection=Objection.PRICE, text="And it costs too much.", source="seed"),
    ],
)


def test_a_set_round_trips_and_the_report_carries_the_answers(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    practice = PracticeSet(site_id="site-a", staff="sp-1", level=3, lines=[LINE])
    path.write_text(practice.model_dump_json())
    assert read_lines(path) == practice
    answer = "What budget works, and can I show you the appraisal?"
    done = [Answered(LINE, answer, grade(load_playbook(), LINE.objections, answer))]
    sent = report(practice, done)
    assert sent.attempts[0].answer == answer and sent.attempts[0].line.text == LINE.text


def test_bad_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read practice lines"):
        read_lines(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"site_id": "s", "staff": "x", "level": 9, "lines": []}')
    with pytest.raises(ConfigError, match="is not a practice set"):
        read_lines(bad)
