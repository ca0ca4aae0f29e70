"""The tagger's context features: cue classes near a token, runs of numbers, folded forms."""

from __future__ import annotations

import pytest

from edge.privacy.names import NameFinder
from edge.privacy.scorer import Lexicon, lexicon
from edge.privacy.tagger import features, tokens
from edge.privacy.tagger_cues import cue_features, fold, number_runs


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    """The census and shipped word lists."""
    finder = NameFinder()
    return lexicon(finder.first, finder.common_first, finder.last)


def _folded(text: str) -> list[str]:
    return [fold(t.text) for t in tokens(text)]


def test_fold_drops_accents_and_case() -> None:
    assert [fold(w) for w in ("Núñez", "cédula", "PEÑA", "Zoë")] == [
        "nunez",
        "cedula",
        "pena",
        "zoe",
    ]


def test_a_cue_reaches_a_few_tokens_on_in_its_sentence() -> None:
    words = _folded("va a nombre de mi suegro, Ramiro Quezada. Otra cosa")
    got = dict(zip(words, cue_features(words), strict=False))
    assert "cue=name" in got["nombre"]
    assert "c<name" in got["ramiro"]  # four tokens after "de": mi suegro , ramiro
    assert "c<name" not in got["quezada"]  # five
    assert got["otra"] == []  # after the full stop
    assert "c>name" in got["va"]  # before "a nombre de"


def test_cue_phrases_need_all_their_words() -> None:
    words = _folded("el correo es luz arroba gmail punto com")
    feats = cue_features(words)
    assert "c<contact" in feats[words.index("luz")]
    assert "c>contact" in feats[words.index("luz")]  # "arroba" after it
    assert cue_features(_folded("me gusta el coche")) == [[], [], [], []]  # not "me llamo"


def test_number_runs_join_y_and_commas_and_mark_amounts() -> None:
    text = "es el trescientos diez, cuatro cinco siete y cuesta treinta y cinco mil"
    words = _folded(text)
    numeric = [
        w in {"trescientos", "diez", "cuatro", "cinco", "siete", "treinta", "mil"} for w in words
    ]
    runs = dict(zip(words, number_runs(words, numeric), strict=False))
    assert runs["trescientos"] == ["nrun=5"]
    assert runs["siete"] == ["nrun=5"]
    assert runs["treinta"] == ["nrun=3", "namt"]
    assert runs["cuesta"] == []


def test_features_carry_the_context_only_when_asked(lex: Lexicon) -> None:
    toks = tokens("a nombre de Horacio Menéndez")
    plain, rich = features(toks, lex, cues=False), features(toks, lex, cues=True)
    assert not any(f.startswith(("c<", "cue=", "f=")) for f in plain[4])
    assert {"c<name", "f=menendez", "capmid"} <= set(rich[4])
