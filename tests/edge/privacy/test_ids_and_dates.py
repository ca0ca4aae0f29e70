"""Licence and id numbers by cue or by structure (CURP, RFC), dates read with "slash"."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("learner's permit is uh K 5 5 1 0 2 9 3", "learner's permit is uh [LICENSE]"),
        ("mi licencia es BX77120934", "mi licencia es [LICENSE]"),
        ("the CURP is PEGJ850315HJCRRN07 I think", "the CURP is [LICENSE] I think"),
        ("aquí está: MOLR9011238K1", "aquí está: [LICENSE]"),
        ("PEGJ850315HJCRRN07", "[LICENSE]"),
    ],
)
def test_ids_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date of birth twelve slash oh three slash ninety", "date of birth [DOB]"),
        ("born eleven slash twenty nine slash two thousand one", "born [DOB]"),
    ],
)
def test_dates_read_with_slash(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "my permit expires next year",
        "twenty twenty vision, slash no glasses",
        "the RFC on the invoice is the dealer's",
    ],
)
def test_words_near_the_cues_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
