"""Round 23's Spanish removal classes: details that came through untouched.

The lines are my own wordings, not lines of the data. Each class has lines whose detail must
now go, and lines of the same shape without a detail that must stay.
"""

from __future__ import annotations

import pytest

from edge.privacy import spanish_address
from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# two cross streets after "vivo en", "mi casa está en", "en la esquina de"
# (spanish_address._CROSS_STREETS)


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("vivimos en la Doce y Harrison, junto a la iglesia", "Doce y Harrison"),
        ("vivo en la 214 y Lexington, en el tercer piso", "214 y Lexington"),
        (
            "mi casa está en la ochenta y tres avenida y camelback",
            "ochenta y tres avenida y camelback",
        ),
        ("vivo en la esquina de nogal y sexta, la del zaguán", "nogal y sexta"),
        ("vivimos en Mills Road y Pecan Drive desde marzo", "Mills Road y Pecan Drive"),
        ("vivo por la calle tercera y oak con mis papás", "calle tercera y oak"),
        ("vivimos en la doscientos diez y kingsbridge", "doscientos diez y kingsbridge"),
    ],
)
def test_cross_streets_after_vivo_en_go(text: str, streets: str) -> None:
    spans = list(spanish_address.find(text))
    assert [text[s.start : s.end] for s in spans] == [streets]


@pytest.mark.parametrize(
    "text",
    [
        "vivo en la cuarenta y dos desde que llegué",
        "vivo en Saltillo y trabajo en Ramos Arizpe",
        "vivimos en la ciudad y trabajamos en el centro",
        "mi casa está en la loma y hace mucho viento",
        "vivo en la casa de mi suegra y pago poquito",
        "vivo en Phoenix y mi cuñado en Tucson",
    ],
)
def test_a_place_and_a_clause_after_vivo_en_stay(text: str) -> None:
    assert list(spanish_address.find(text)) == []


# a house number said before the street type, in the US order
# (spanish_address._NUMBER_BEFORE_TYPE)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "la dirección es novecientos cuarenta avenida los robles, en laredo",
            ("novecientos", "cuarenta", "robles"),
        ),
        ("mándela a 2417 Calle Mesquite, Edinburg", ("2417", "Mesquite")),
        (
            "mi domicilio: tres mil ciento ocho avenida primavera código postal siete ocho",
            ("tres", "ciento", "ocho", "primavera"),
        ),
    ],
)
def test_house_number_before_the_type_goes(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "la agencia queda a tres calles de la avenida grande",
        "son quince minutos por la avenida principal",
        "el taller está en la 5 avenida, pasando el puente",
    ],
)
def test_distances_and_numbered_avenues_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)
