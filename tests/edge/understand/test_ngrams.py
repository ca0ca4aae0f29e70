"""The character n-gram head: features equal scikit-learn's, round trip, bad artefacts."""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from contract.payloads import Objection, Signal
from edge.errors import ConfigError
from edge.understand.ngrams import NgramHead, char_ngrams, prepare

DATA = Path(__file__).resolve().parents[3] / "eval" / "data" / "understand_es.jsonl"


def spanish_lines() -> list[str]:
    return [json.loads(line)["text"] for line in DATA.read_text().splitlines() if line]


def test_text_is_folded_and_stripped_of_punctuation() -> None:
    assert prepare("¿Está MUY caro?") == " esta muy caro "
    assert char_ngrams("sí", 2, 5) == [" s", "si", "i ", " si", "si ", " si "]
    assert char_ngrams("a", 2, 5) == [" a", "a ", " a "]  # a short word gives itself once
    assert char_ngrams("  ", 2, 5) == []


def test_features_equal_scikit_learns_tfidf() -> None:
    lines = spanish_lines()
    reference = TfidfVectorizer(
        analyzer="char_wb",
        preprocessor=prepare,
        ngram_range=(2, 5),
        sublinear_tf=True,
        token_pattern=None,
    )
    expected = reference.fit_transform(lines[:60]).toarray()
    vocabulary = [str(g) for g in reference.get_feature_names_out()]
    zeros = np.zeros((1, len(vocabulary)))
    head = NgramHead(["price"], vocabulary, reference.idf_, zeros, np.zeros(1), (2, 5))
    for row, text in enumerate([*lines[:60], *lines[60:]]):
        index, values = head.features(text)
        dense = np.zeros(len(vocabulary))
        dense[index] = values
        want = expected[row] if row < 60 else reference.transform([text]).toarray()[0]
        assert np.allclose(dense, want), text


def small_head() -> NgramHead:
    vocabulary = [" car", "caro", " pru", "prue"]
    weights = np.array([[3.0, 3.0, 0.0, 0.0], [0.0, 0.0, 3.0, 3.0]])
    return NgramHead(
        [Objection.PRICE.value, Signal.TEST_DRIVE.value],
        vocabulary,
        np.ones(4),
        weights,
        np.array([-1.0, -1.0]),
        (4, 4),
    )


def test_scores_follow_the_ngrams_and_survive_a_round_trip(tmp_path: Path) -> None:
    head = small_head()
    probs = head(["muy caro", "una prueba", "hola"])
    assert probs[0, 0] > 0.5 > probs[0, 1]
    assert probs[1, 1] > 0.5 > probs[1, 0]
    assert np.allclose(probs[2], 1 / (1 + np.exp(1.0)))  # no known n-gram: the bias alone
    head.save(tmp_path / "head_es.npz")
    again = NgramHead.load(tmp_path / "head_es.npz")
    assert again.classes == head.classes and again.ngram_range == (4, 4)
    assert np.allclose(again(["muy caro"]), probs[:1], atol=1e-6)


def test_shapes_that_disagree_are_refused() -> None:
    with pytest.raises(ConfigError, match="2 classes and 3 n-grams"):
        NgramHead(["a", "b"], ["x", "y", "z"], np.ones(3), np.ones((2, 2)), np.zeros(2), (2, 5))
    with pytest.raises(ConfigError, match="bad n-gram range"):
        NgramHead(["a"], ["x"], np.ones(1), np.ones((1, 1)), np.zeros(1), (3, 2))


def test_a_missing_corrupt_or_incomplete_artefact_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nothing\.npz"):
        NgramHead.load(tmp_path / "nothing.npz")
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    with pytest.raises(ConfigError, match=r"bad\.npz"):
        NgramHead.load(tmp_path / "bad.npz")
    np.savez(tmp_path / "part.npz", classes=np.array(["price"]))
    with pytest.raises(ConfigError, match=r"part\.npz.*not a file"):
        NgramHead.load(tmp_path / "part.npz")


def test_the_shipped_head_has_every_class() -> None:
    head = NgramHead.load()
    assert sorted(head.classes) == sorted([*Objection, *Signal])
    assert head(["¿Podemos hacer una prueba de manejo?"]).shape == (1, len(head.classes))
