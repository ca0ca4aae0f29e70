"""Names spelled letter by letter; model and trim letters stay."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my last name is t a n a k a", "my last name is [NAME]"),
        ("it's spelled w i e r z b i c k i ok", "it's spelled [NAME] ok"),
        ("spelled p-a-t-e-l", "spelled [NAME]"),
        ("last name k i m", "last name [NAME]"),
        ("o apostrophe b r i e n", "[NAME]"),
        ("it's t as in tom, a as in apple", "it's [NAME]"),
    ],
)
def test_spelled_names_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", ["the c r v is nice", "a w d or not", "is it an s u v", "i a m"])
def test_three_letters_without_a_cue_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
