"""A listed first name said right after a naming cue goes, even when it is an everyday word."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi esposa se llama luz", "mi esposa se llama [NAME]"),
        ("mi hija se llama paz y tiene diez años", "mi hija se llama [NAME] y tiene diez años"),
        ("her name's june and she starts monday", "her name's [NAME] and she starts monday"),
        ("my name is grace, like the hymn", "my name is [NAME], like the hymn"),
    ],
)
def test_an_everyday_name_after_the_naming_cue_goes(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "¿cómo se llama?",
        "se llama igual que su papá",
        "la función se llama luz de freno",
        "the grace period is ten days",
    ],
)
def test_the_cue_without_a_name_ending_its_clause_keeps_the_line(
    redactor: Redactor, text: str
) -> None:
    assert redactor(text).text == text
