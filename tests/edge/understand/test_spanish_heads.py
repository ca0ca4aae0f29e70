"""The Spanish classifier with trained heads: thresholds, rule use, the shipped default."""

from pathlib import Path

import numpy as np
import pytest

from contract.payloads import Objection, Signal
from edge.errors import ConfigError
from edge.understand.head import LinearHead
from edge.understand.models import load_embedder
from edge.understand.ngrams import NgramHead
from edge.understand.settings import UnderstandingSettings
from edge.understand.spanish import SpanishClassifier, SpanishHeads, build_spanish

CLASSES = [Objection.PRICE.value, Signal.TEST_DRIVE.value]


def heads(price_weight: float = 4.0) -> SpanishHeads:
    """A price unit on n-grams of "costoso" (no rule knows it), a test-drive unit on "vuelta"."""
    vocabulary = ["osto", "stos", "uelt", "elta"]
    weights = np.array([[price_weight, price_weight, 0, 0], [0, 0, 4.0, 4.0]])
    head = NgramHead(CLASSES, vocabulary, np.ones(4), weights, np.array([-2.0, -2.0]), (4, 4))
    return SpanishHeads(head)


def labels(classifier: SpanishClassifier, text: str) -> set[str]:
    return {str(h.label) for h in classifier(text)}


def test_the_head_finds_what_no_rule_does_and_the_threshold_is_honoured() -> None:
    text = "me parece costoso"  # the price unit: sigmoid(-2 + 4 * 2 / sqrt 2) = 0.97
    assert labels(SpanishClassifier(), text) == set()  # the rules alone miss it
    assert labels(SpanishClassifier(heads(), threshold=0.5), text) == {"price"}
    weak = heads(price_weight=1.0)  # sigmoid(-2 + 2 / sqrt 2) = 0.36
    assert labels(SpanishClassifier(weak, threshold=0.5), text) == set()
    assert labels(SpanishClassifier(weak, threshold=0.3), text) == {"price"}
    assert SpanishClassifier(heads(), threshold=0.5)("   ") == []


def test_rules_first_union_and_none() -> None:
    # the rules find price ("muy caro"); the head finds the test drive ("vuelta")
    text = "está muy caro. ¿le damos una vuelta?"
    assert labels(SpanishClassifier(), text) >= {"price"}
    first = SpanishClassifier(heads(), threshold=0.5, rules="first")
    union = SpanishClassifier(heads(), threshold=0.5, rules="union")
    alone = SpanishClassifier(heads(), threshold=0.5, rules="none")
    assert labels(first, text) == labels(SpanishClassifier(), text)  # a rule matched: rules win
    assert labels(union, text) == labels(SpanishClassifier(), text) | {"test_drive"}
    assert labels(alone, text) == {"test_drive"}
    assert labels(first, "damos una vuelta") == {"test_drive"}  # no rule: the head decides


def test_bad_threshold_and_mismatched_heads_are_refused(showfloor_bundle_dir: Path) -> None:
    with pytest.raises(ConfigError, match=r"threshold 1\.5"):
        SpanishClassifier(heads(), threshold=1.5)
    other = LinearHead(["delivery", "price"], np.zeros((2, 384)), np.zeros(2))
    with pytest.raises(ConfigError, match="classes"):
        SpanishHeads(heads().ngram, (other, load_embedder(showfloor_bundle_dir)))
    with pytest.raises(ConfigError, match="weight"):
        SpanishHeads(heads().ngram, None, weight=-0.1)


def test_the_weight_shares_the_mean(showfloor_bundle_dir: Path) -> None:
    embedder = load_embedder(showfloor_bundle_dir)
    emb = LinearHead(CLASSES, np.zeros((2, 384)), np.array([2.0, -2.0]))  # 0.88 and 0.12
    pieces = ["me parece costoso"]
    grams = heads().ngram(pieces)
    for w in (0.0, 0.35, 1.0):
        probs = SpanishHeads(heads().ngram, (emb, embedder), w).probabilities(pieces)
        want = (1 - w) * grams + w * np.array([[1 / (1 + np.exp(-2)), 1 / (1 + np.exp(2))]])
        assert np.allclose(probs, want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ese precio no lo pagamos ni de chiste", {"price"}),  # no rule: the heads
        ("¿se puede sacar a dar una vuelta por la cuadra?", {"test_drive"}),
        ("déjeme consultarlo con mi viejo y le aviso", {"think_it_over"}),
        ("qué bonito día hace hoy", set()),
    ],
)
def test_the_shipped_default_reads_spanish(  # lines of no data file
    showfloor_bundle_dir: Path, text: str, want: set[str]
) -> None:
    settings = UnderstandingSettings()
    assert settings.spanish_classifier != "rules"
    classifier = build_spanish(load_embedder(showfloor_bundle_dir), settings)
    assert labels(classifier, text) == want
