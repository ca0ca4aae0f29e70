"""Names found by the words around them: asked for, said, at a desk, registered to."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

FOUND = [
    ("is bernard around? he sold us the last one", "is [NAME] around? he sold us the last one"),
    ("is Faith in today", "is [NAME] in today"),
    ("Ignatius said the loaner is ready", "[NAME] said the loaner is ready"),
    ("drop the title with marisol in finance", "drop the title with [NAME] in finance"),
    ("the car is titled to gordon pruitt", "the car is titled to [NAME]"),
    ("put it under vasquez please", "put it under [NAME] please"),
    ("mr. and mrs. feldman are waiting", "[NAME] are waiting"),
    ("I'm Bill from Geico", "I'm [NAME] from Geico"),
    ("my brother Ezekiel Thorne wants one too", "my brother [NAME] wants one too"),
    ("everyone calls me Tito", "everyone calls me [NAME]"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_names_in_context_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


KEPT = [
    "that's the Mercedes GLC 300 by the door",
    "the Jackson store has the Yukon",
    "I'm still choosing between this and a RAV4 from Toyota",
    "is red in stock or just the silver",
    "is that available in blue",
    "Everyone said the Camry holds its value",
    "Finance said the rate is 4.9 percent",
    "is the price in the sticker",
    "it's thirty two thousand out the door",
    "the Civic is black, the red one is sold",
]


@pytest.mark.parametrize("text", KEPT)
def test_car_talk_colours_and_prices_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we worked with latoya on the last lease", "we worked with [NAME] on the last lease"),
        ("our salesman Wendell was great", "our salesman [NAME] was great"),
        ("nos atendió la licenciada Zepeda", "nos atendió la licenciada [NAME]"),
        ("hable con el ingeniero robles", "hable con el ingeniero [NAME]"),
    ],
)
def test_names_after_roles_and_titles(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "your rep said the rate is fixed",
        "I dealt with financing before",
        "working with the budget we have",
        "my agent will call about insurance",
        "con la doctora de la clínica",
    ],
)
def test_roles_without_a_name_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
