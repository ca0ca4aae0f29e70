"""Spanish details added for the retired sets: names by context, units, licences, plates, dates.

Guards: car talk, colours, prices and "soy de Guadalajara" stay.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

FOUND = [
    ("pregunten por Leticia en caja", "pregunten por [NAME] en caja"),
    ("hable con Rigoberto Salazar, él lleva mi trámite", "hable con [NAME], él lleva mi trámite"),
    ("ella es mi esposa, Guadalupe", "ella es mi esposa, [NAME]"),
    ("Ximena Quiroga, para servirle", "[NAME], para servirle"),
    (
        "vivimos en avenida Reforma 220, departamento 5",
        "vivimos en [ADDRESS]",
    ),
    ("calle de Serrano, 41, segundo derecha", "[ADDRESS]"),
    ("mi fecha de nacimiento es 14/11/1983", "mi fecha de nacimiento es [DOB]"),
    (
        "mi licencia de conducir es B tres tres uno, cero nueve dos, siete siete uno",
        "mi licencia de conducir es [LICENSE]",
    ),
    ("la placa de mi camioneta es RTW-55-12", "la placa de mi camioneta es [PLATE]"),
    (
        "mi celular es el setecientos catorce, veinte, treinta y uno, noventa y nueve",
        "mi celular es el [PHONE]",
    ),
    ("escriba a lupita noventa arroba hotmail punto com", "escriba a [EMAIL]"),
    (
        "el número es tres tres uno, four four two, cinco cinco cero uno",
        "el número es [PHONE]",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_spanish_details_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


KEPT = [
    "soy de Guadalajara y vengo a ver la Tacoma",
    "la quiero en blanca o en gris",
    "cuesta seiscientos doce mil pesos, cuarenta y cinco de enganche",
    "el precio es de trescientos cuarenta y nueve mil, con seguro",
    "la agencia está en avenida Vallarta, pasando la glorieta",
    "tiene veinte mil kilómetros nada más",
    "pregunte por el precio del Sentra",
    "hable con su banco antes de firmar",
    "mi licencia está vencida",
    "la placa del motor está rota",
]


@pytest.mark.parametrize("text", KEPT)
def test_spanish_car_talk_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


LOWER_CASE = [
    ("pregunte por rodrigo en ventas", "pregunte por [NAME] en ventas"),
    ("la señora villalobos ya firmó", "la señora [NAME] ya firmó"),
    ("hable con ramiro", "hable con [NAME]"),
]


@pytest.mark.parametrize(("text", "expected"), LOWER_CASE)
def test_known_names_in_lower_case_after_a_cue(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "soy feliz con la camioneta",
        "mi esposo vino ayer a verla",
        "el señor quiere verla mañana",
        "la señora de la recepción",
    ],
)
def test_words_after_the_cues_that_are_not_names_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_spanish_function_words_do_not_join_a_name_as_surname(redactor: Redactor) -> None:
    assert redactor("pregunte por Tomás ya mero").text == "pregunte por [NAME] ya mero"
    assert redactor("ask for tom la semana que viene").text == "ask for [NAME] la semana que viene"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 9: a dotted local part, consonants spelled first, Spanish numbers in English
        ("mi correo es rosi.vega arroba hotmail punto com", "mi correo es [EMAIL]"),
        ("es jota ka arroba yahoo punto com punto mx", "es [EMAIL]"),
        (
            "my email es t dot ruiz setenta y uno at gmail dot com ok",
            "my email es [EMAIL] ok",
        ),
    ],
)
def test_spoken_emails_of_round_9(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected
