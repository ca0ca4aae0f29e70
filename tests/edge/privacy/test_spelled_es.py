"""Spanish spellings in letter names, with digits (issue 18, round 9)."""

from __future__ import annotations

import pytest

from edge.privacy import spelled_es
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi apellido es quiroga, cu u i erre o ge a", "mi apellido es [NAME], [NAME]"),
        ("placas ele eme jota siete dos uno", "placas [PLATE]"),
        ("la curp empieza con ge o eme ele ocho cinco", "la curp empieza con [LICENSE]"),
        ("se escribe con doble ve, doble ve a ele ese ha", "se escribe con [NAME] ha"),
    ],
)
def test_spanish_spellings_are_removed(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "dos o tres de esas, ya sabes",
        "ese de ahí, el de a un lado",
        "me da uno o dos y ya",
        "quiero que te de a ti uno",
        "ya equis, dame la gris",
    ],
)
def test_spanish_words_that_are_letter_names_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_plate_by_its_cue_outside_a_spanish_line() -> None:
    text = "matrícula uno uno cuatro siete jota be equis"
    spans = list(spelled_es.find(text, in_spanish=False))
    assert [(text[s.start : s.end], s.kind) for s in spans] == [
        ("uno uno cuatro siete jota be equis", Kind.PLATE)
    ]


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("mi nombre es yora, i griega o ere a", "i griega o ere a"),
        ("se escribe jota u ene o", "jota u ene o"),
    ],
)
def test_a_short_name_spelled_in_four_letters(text: str, spelled: str) -> None:
    spans = list(spelled_es.find(text, in_spanish=True))
    assert (spelled, Kind.NAME) in [(text[s.start : s.end], s.kind) for s in spans]


@pytest.mark.parametrize(
    "text", ["el plan be o ce, a ver", "o sea, de a uno o dos", "ve a ver a ele"]
)
def test_four_letter_names_without_a_cue_or_the_name_stay(text: str) -> None:
    assert not [s for s in spelled_es.find(text, in_spanish=True) if s.kind == Kind.NAME]
