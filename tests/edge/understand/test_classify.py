from pathlib import Path

import pytest

from contract.payloads import Objection, Signal
from edge.errors import ConfigError, ModelLoadError
from edge.understand.classify import LabelClassifier, load_examples
from edge.understand.models import load_embedder
from edge.understand.sentiment import SentimentScorer, SentimentTrend


@pytest.fixture(scope="session")
def classifier(showfloor_bundle_dir: Path) -> LabelClassifier:
    return LabelClassifier(load_embedder(showfloor_bundle_dir))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("this is just way more than we budgeted for the car", Objection.PRICE),
        ("could we take the hybrid out for a quick drive", Signal.TEST_DRIVE),
        ("when would the car be ready for me to collect", Signal.DELIVERY),
        ("my wife has to see it before we decide anything", Objection.THINK_IT_OVER),
    ],
)
def test_classes_found(classifier: LabelClassifier, text: str, label: str) -> None:
    hits = classifier(text)
    assert hits and hits[0].label == label
    assert 0.0 < hits[0].confidence <= 1.0


def test_small_talk_is_other(classifier: LabelClassifier) -> None:
    assert classifier("we drove up from the city this morning") == []
    assert classifier("   ") == []


def test_two_sentences_give_two_labels(classifier: LabelClassifier) -> None:
    labels = {h.label for h in classifier("The payment is way too high. Can I test drive it?")}
    assert labels == {Objection.MONTHLY_PAYMENT, Signal.TEST_DRIVE}


def test_embeddings_are_unit_length(showfloor_bundle_dir: Path) -> None:
    vectors = load_embedder(showfloor_bundle_dir)(["hello", "a much longer sentence here"])
    assert vectors.shape == (2, 384)
    assert abs(float((vectors**2).sum(axis=1).max()) - 1.0) < 1e-4


def test_missing_model_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="showfloor-models build"):
        load_embedder(tmp_path)


def test_bad_examples_name_the_class() -> None:
    with pytest.raises(ConfigError, match="unknown class 'pricey'"):
        load_examples("pricey: [a]\nother: [b]\n")
    with pytest.raises(ConfigError, match="'other' class"):
        load_examples("price: [a]\n")


def test_showroom_lexicon() -> None:
    score = SentimentScorer()
    assert score("That is an insulting offer.").label == "negative"
    assert score("They lowballed me, total rip-off").score < -0.4
    assert score("No pressure, take your time").label == "positive"
    assert score("That's out of my budget").label == "negative"
    assert score("what a killer deal").label == "positive"
    assert score("").score == 0.0


def test_trend_reports_a_sharp_fall() -> None:
    trend = SentimentTrend()
    assert trend.add(0.6) == 0.0
    assert trend.add(0.5) == pytest.approx(0.1)
    assert trend.add(-0.5) == pytest.approx(1.1)
    assert trend.slope < 0
    assert trend.first == 0.6
