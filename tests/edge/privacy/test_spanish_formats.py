"""Spanish formats of round 8: e-mails with "y" in a number, licences "de conducir", DNI."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi correo es pepe cuarenta y dos arroba hotmail punto com",
            "mi correo es [EMAIL]",
        ),
        ("mi licencia de conducir es la B07731245", "mi licencia de conducir es la [LICENSE]"),
        ("licencia de manejo: JA 4417 0938", "licencia de manejo: [LICENSE]"),
        ("el dni de mi hermana es 47382915k", "el dni de mi hermana es [LICENSE]"),
    ],
)
def test_spanish_formats_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "la licencia de conducir la traigo mañana",
        "pagamos 12345678 a plazos",
        "son cuarenta y dos mil por la camioneta",
    ],
)
def test_spanish_lines_without_details_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fecha de nacimiento, tres del once del dos mil uno", "fecha de nacimiento, [DOB]"),
        ("nacido el 14 de agosto del 88", "nacido el [DOB]"),
    ],
)
def test_spanish_birth_dates_after_a_cue(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


def test_a_day_and_month_without_a_cue_stay(redactor: Redactor) -> None:
    text = "el 14 de agosto vengo por la camioneta"
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 9: whose and which country's id between the cue and the number; "número"; dots
        ("La cédula venezolana mía es 18.456.221.", "La cédula venezolana mía es [LICENSE]."),
        ("mi DNI peruano es 45129870", "mi DNI peruano es [LICENSE]"),
        ("licencia de conducir número B7719302", "licencia de conducir número [LICENSE]"),
        ("lic # T552 0193 8841 on file", "lic # [LICENSE] on file"),
    ],
)
def test_ids_with_an_owner_or_a_country(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected
