"""The trained classifier head: loading, shapes, and the default classifier built from settings."""

from pathlib import Path

import numpy as np
import pytest

from contract.payloads import Objection, Signal
from edge.errors import ConfigError
from edge.understand.classify import LabelClassifier, build_classifier
from edge.understand.embedder import DIMENSION
from edge.understand.head import LinearHead
from edge.understand.models import load_embedder
from edge.understand.ngrams import ENGLISH_NGRAM_HEAD_FILE, NgramHead
from edge.understand.settings import UnderstandingSettings


@pytest.fixture(scope="module")
def classifier(showfloor_bundle_dir: Path) -> LabelClassifier:
    return build_classifier(load_embedder(showfloor_bundle_dir), UnderstandingSettings())


def test_the_shipped_head_has_every_class() -> None:
    head = LinearHead.load()
    assert sorted(head.classes) == sorted([*Objection, *Signal])
    probs = head(np.zeros((2, DIMENSION), dtype=np.float32))
    assert probs.shape == (2, len(head.classes))
    assert ((probs > 0) & (probs < 1)).all()


def test_a_head_survives_a_round_trip(tmp_path: Path) -> None:
    head = LinearHead(["price", "delivery"], np.ones((2, 3)), np.array([0.5, -0.5]))
    head.save(tmp_path / "head.npz")
    again = LinearHead.load(tmp_path / "head.npz")
    vectors = np.eye(3, dtype=np.float32)
    assert again.classes == ["price", "delivery"]
    assert np.allclose(again(vectors), head(vectors))


def test_shapes_that_disagree_are_refused() -> None:
    with pytest.raises(ConfigError, match="2 classes but weights"):
        LinearHead(["price", "delivery"], np.ones((3, 4)), np.zeros(3))


def test_a_missing_or_corrupt_head_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nothing\.npz"):
        LinearHead.load(tmp_path / "nothing.npz")
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    with pytest.raises(ConfigError, match=r"bad\.npz"):
        LinearHead.load(tmp_path / "bad.npz")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("this is just way more than we budgeted for the car", Objection.PRICE),
        ("could we take the hybrid out for a quick drive", Signal.TEST_DRIVE),
        ("my wife has to see it before we decide anything", Objection.THINK_IT_OVER),
        ("is there one in blue on the lot", Signal.AVAILABILITY),
    ],
)
def test_the_default_classifier_finds_classes(
    classifier: LabelClassifier, text: str, label: str
) -> None:
    hits = classifier(text)
    assert hits and hits[0].label == label
    assert 0.4 <= hits[0].confidence <= 1.0


def test_the_default_classifier_leaves_small_talk_alone(classifier: LabelClassifier) -> None:
    assert classifier("we drove up from the city this morning") == []
    assert classifier("") == []


def test_two_intents_in_one_turn_give_both_labels_first(classifier: LabelClassifier) -> None:
    # Each class has its own logistic unit, so a near class (price) may come along behind.
    hits = classifier("The payment is way too high. Can I test drive it?")
    assert {h.label for h in hits[:2]} == {Objection.MONTHLY_PAYMENT, Signal.TEST_DRIVE}


def test_the_default_averages_the_embedding_and_ngram_heads(showfloor_bundle_dir: Path) -> None:
    embedder = load_embedder(showfloor_bundle_dir)
    settings = UnderstandingSettings()
    assert settings.classifier == "head+ngram+rules"
    english = NgramHead.load(shipped=ENGLISH_NGRAM_HEAD_FILE)
    assert english.classes == LinearHead.load().classes
    text = "that sticker is more than I want to spend"
    head, pieces = LinearHead.load(), [text]
    w = settings.head_weight  # the embedding head's share; no rule matches this line
    mean = w * head(embedder(pieces)) + (1 - w) * english(pieces)
    both = LabelClassifier(embedder, head=head, ngram=english, threshold=0.01, head_weight=w)
    assert {str(h.label): h.confidence for h in both(text)} == pytest.approx(
        {c: round(float(p), 3) for c, p in zip(head.classes, mean[0], strict=True) if p >= 0.01},
        abs=1e-3,
    )
    top = float(mean.max())  # the threshold is honoured: just above the best class, nothing
    high = top + 1e-3
    assert (
        LabelClassifier(embedder, head=head, ngram=english, threshold=high, head_weight=w)(text)
        == []
    )


def test_the_head_weight_shares_the_mean(showfloor_bundle_dir: Path) -> None:
    embedder = load_embedder(showfloor_bundle_dir)
    head, english = LinearHead.load(), NgramHead.load(shipped=ENGLISH_NGRAM_HEAD_FILE)
    text = "the sticker is more than we planned"
    emb, grams = head(embedder([text]))[0], english([text])[0]
    for w in (0.0, 0.35, 1.0):
        hits = LabelClassifier(embedder, head=head, ngram=english, threshold=0.01, head_weight=w)(
            text
        )
        want = w * emb + (1 - w) * grams
        assert {str(h.label): h.confidence for h in hits} == pytest.approx(
            {c: round(float(p), 3) for c, p in zip(head.classes, want, strict=True) if p >= 0.01},
            abs=1e-3,
        )
    with pytest.raises(ConfigError, match="head_weight"):
        LabelClassifier(embedder, head=head, ngram=english, head_weight=1.5)


def test_an_ngram_head_of_other_classes_is_refused(showfloor_bundle_dir: Path) -> None:
    other = NgramHead(["price"], ["cost"], np.ones(1), np.ones((1, 1)), np.zeros(1), (4, 4))
    with pytest.raises(ConfigError, match="same classes"):
        LabelClassifier(load_embedder(showfloor_bundle_dir), head=LinearHead.load(), ngram=other)
