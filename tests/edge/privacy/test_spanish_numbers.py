"""Numbers in Spanish words: which runs are details, of which kind, at which offsets."""

from __future__ import annotations

import pytest

from edge.privacy.spanish_numbers import find, fold_same
from edge.privacy.spans import Kind


def test_folding_keeps_every_offset() -> None:
    text = "¿Cuál es su NÚMERO, señor Ñúñez?"
    folded = fold_same(text)
    assert len(folded) == len(text)
    assert folded == "¿cual es su numero, senor nunez?"


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("llámeme al seis uno nueve", "seis uno nueve", Kind.PHONE),
        ("la tarjeta termina en cuatro cuatro uno dos", "cuatro cuatro uno dos", Kind.CARD),
        ("número de cuenta: dos dos cero uno", "dos dos cero uno", Kind.ACCOUNT),
        ("nací el primero de mayo del noventa", "el primero de mayo del noventa", Kind.DOB),
    ],
)
def test_runs_and_dates_found_with_their_kind(text: str, found: str, kind: Kind) -> None:
    (span,) = find(text)
    assert (text[span.start : span.end], span.kind) == (found, kind)


@pytest.mark.parametrize(
    "text",
    [
        "treinta y dos mil con todo",  # an amount: "mil"
        "cuatrocientos cincuenta al mes",  # an amount: "-cientos"
        "cinco seis siete ocho meses",  # a unit follows
        "el 555 1234",  # numerals are the English detectors' (they know the formats)
        "somos dos",
        "",
    ],
)
def test_amounts_units_and_short_numbers_are_not_details(text: str) -> None:
    assert list(find(text)) == []


def test_a_phone_read_in_hundreds_without_commas() -> None:
    text = "mi móvil es el seiscientos doce cuarenta y cinco sesenta y siete ochenta y nueve"
    (span,) = find(text)
    assert text[span.start : span.end] == text[len("mi móvil es el ") :]
    assert span.kind is Kind.PHONE
    assert list(find("el celular me costó cuatrocientos noventa y nueve")) == []
