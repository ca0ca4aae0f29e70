"""Spanish addresses said number first ("el trescientos diez de la calle olmo")."""

from __future__ import annotations

import pytest

from edge.privacy import spanish_address
from edge.privacy.redact import Redactor

TAKEN = [
    ("vivo en el trescientos diez de la calle olmo", "vivo en el [ADDRESS]"),
    ("es el 2215 de la Avenida Hidalgo, interior 4", "es el [ADDRESS]"),
    ("en el ochocientos cuarenta del bulevar díaz ordaz norte", "en el [ADDRESS]"),
]

KEPT = [
    "como a tres de la avenida reforma",
    "está a dos cuadras de la calle juárez",
    "son cinco minutos de la avenida principal",
    "la agencia de la calle nueva tiene más carros",
]


@pytest.mark.parametrize(("text", "expected"), TAKEN)
def test_number_first_addresses_are_taken(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_distances_and_a_street_alone_stay(text: str) -> None:
    assert list(spanish_address.find(text)) == []
