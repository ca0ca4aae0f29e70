"""The tagger's training script rebuilds the shipped model byte for byte."""

from __future__ import annotations

from pathlib import Path

from edge.privacy.names import NameFinder
from edge.privacy.scorer import lexicon
from eval.train_tagger import OUT, SHIPPED, load, train


def test_training_reproduces_the_shipped_model(tmp_path: Path) -> None:
    finder = NameFinder()
    lines = load(lexicon(finder.first, finder.common_first, finder.last))
    rebuilt = tmp_path / "tagger.crfsuite"
    train(lines, SHIPPED, rebuilt)
    assert rebuilt.read_bytes() == OUT.read_bytes()
