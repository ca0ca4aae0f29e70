"""The language guess for turns without one, and the folding Spanish rules read."""

from __future__ import annotations

import pytest

from edge.understand.language import detect_language, fold, language_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿cuánto sería la mensualidad?", "es"),
        ("esta muy caro el carro", "es"),  # ASR text without accents
        ("it's too much, el precio está por las nubes", "es"),
        ("can we take it for a test drive", "en"),
        ("ok", "en"),  # nothing to go on: the default
    ],
)
def test_language_is_guessed_from_function_words(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_given_language_wins_and_an_unknown_one_is_an_error() -> None:
    assert language_of("the price is too high", "es") == "es"
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        language_of("c'est trop cher", "fr")


def test_fold_drops_accents_and_case() -> None:
    assert fold("¿Está CARÍSIMO, señor?") == "¿esta carisimo, senor?"
