"""Practice scoring agreement: the scorer's "addressed" against hand labels and the live rule.

    python -m eval.practice [eval/data/practice_answers.jsonl]

Prints one JSON object: counts, the scorer's agreement (accuracy and Cohen's kappa) with the
labels, the live handled rule's agreement with the labels, and the scorer's agreement with
the live rule. Nothing is tuned here (see eval/data/README.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from contract.payloads import Objection
from edge.coach.playbook import load_playbook
from edge.practice.score import grade

DEFAULT = Path(__file__).parent / "data" / "practice_answers.jsonl"


def kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa of two yes/no raters."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(a: list[bool], b: list[bool]) -> dict[str, float]:
    """Share of equal answers and Cohen's kappa."""
    same = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    return {"accuracy": round(same, 3), "kappa": round(kappa(a, b), 3)}


def main(path: Path = DEFAULT) -> dict[str, object]:
    """The agreement figures of the answers in `path`."""
    playbook = load_playbook()
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    labels = [bool(r["addressed"]) for r in rows]
    grades = [grade(playbook, [Objection(r["objection"])], r["answer"]) for r in rows]
    scorer = [g.addressed for g in grades]
    live = [g.objections[0].live_handled for g in grades]
    return {
        "answers": len(rows),
        "labelled_addressed": sum(labels),
        "scorer_vs_labels": agreement(scorer, labels),
        "live_vs_labels": agreement(live, labels),
        "scorer_vs_live": agreement(scorer, live),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT), indent=1))
