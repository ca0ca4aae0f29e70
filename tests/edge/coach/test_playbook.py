from pathlib import Path

import pytest

from edge.coach.errors import PlaybookError
from edge.coach.playbook import load_playbook


def test_default_playbook_loads() -> None:
    ids = {rule.id for rule in load_playbook().rules}
    assert {"price-objection", "test-drive", "talk-ratio", "complaint"} <= ids


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  - id: a\n    when: {labels: [pricey]}\n    kind: objection\n    say: x\n",
         "rule rules[0] 'a' field when.labels.0"),
        ("rules:\n  - id: b\n    when: {labels: [price], complaint: true}\n    kind: objection\n"
         "    say: x\n", "rule rules[0] 'b' field when: Value error, needs exactly one"),
        ("rules:\n  - id: c\n    when: {complaint: true}\n    kind: sentiment\n",
         "needs at least one of say, led, alert"),
        ("rules:\n  - id: d\n    when: {complaint: true}\n    kind: sentiment\n    say: x\n"
         "    followed_if: ['(']\n", "field followed_if"),
        ("rules:\n  - id: e\n    when: {complaint: true}\n    kind: sentiment\n    say: x\n"
         "    colour: red\n", "field colour: Extra inputs"),
        ("rules: [", "cannot read playbook"),
        ("- a list", "must be a mapping"),
    ],
)  # fmt: skip
def test_bad_playbook_names_rule_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "playbook.yaml"
    path.write_text(text)
    with pytest.raises(PlaybookError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_playbook(path)


def test_missing_playbook(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="cannot read playbook"):
        load_playbook(tmp_path / "none.yaml")
