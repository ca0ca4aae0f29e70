"""A name found once in a line is found again: repeated, spelled out, or as a nickname."""

from __future__ import annotations

import pytest

from edge.privacy import echo
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span

CASES = [
    ("the name's Dorothea, Dorothea Quist, I called yesterday", "the name's [NAME], [NAME]"),
    ("me llamo Eusebio, Eusebio Pardiñas, mucho gusto", "me llamo [NAME], [NAME], mucho gusto"),
    ("put it under okonkwo, o k o n k w o", "put it under [NAME], [NAME]"),
    ("mi apellido es Ibáñez, se escribe i b a n e z", "mi apellido es [NAME], se escribe [NAME]"),
    ("Maximilian, but my friends call me Max", "[NAME], but my friends call me [NAME]"),
]


@pytest.mark.parametrize(("text", "start"), CASES)
def test_a_name_said_again_is_redacted_every_time(
    redactor: Redactor, text: str, start: str
) -> None:
    assert redactor(text).text.startswith(start)


def test_only_words_a_found_name_vouches_for_are_taken() -> None:
    text = "ask for Lorna about the Lorna trim, lorna"
    found = [Span(8, 13, Kind.NAME)]
    spans = list(echo.find(text, found, []))
    assert [text[s.start : s.end] for s in spans] == ["Lorna", "lorna"]
    assert list(echo.find("the blue one, the blue one", [], [])) == []


@pytest.mark.parametrize(
    "text",
    [
        "the Silverado, Silverado Trail edition, in red",
        "the c r v, the crv is over there",
        "the price, the price is what matters",
    ],
)
def test_repeated_car_and_everyday_words_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_accents_are_folded() -> None:
    assert echo.fold("Echeverría") == "echeverria"
