"""Redaction of personal details said in Spanish, and Spanish lines that keep every word."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "mi número es cinco cinco cinco, dos tres cuatro, uno dos uno dos",
            "mi número es [PHONE]",
        ),
        ("el área es seis uno nueve", "el área es [PHONE]"),
        ("apunte: treinta y dos, cuarenta y cinco, dieciocho, veinte", "apunte: [PHONE]"),
        ("mi tarjeta es cuatro uno uno uno, uno uno uno uno", "mi tarjeta es [CARD]"),
        ("la cuenta es cero cero siete dos ocho ocho", "la cuenta es [ACCOUNT]"),
        (
            "nací el tres de marzo de mil novecientos ochenta y seis",
            "nací [DOB]",
        ),
        (
            "Hola, me llamo Juan Pérez y vengo por la camioneta",
            "Hola, me llamo [NAME] y vengo por la camioneta",
        ),
        ("me llamo ana y quiero ver el rav4", "me llamo [NAME] y quiero ver el rav4"),
        ("soy María, mucho gusto", "soy [NAME], mucho gusto"),
        ("mi esposa Carmen viene mañana", "mi esposa [NAME] viene mañana"),
        (
            "vivo en la calle Hidalgo número cuarenta y cinco, colonia Roma Norte",
            "vivo en la [ADDRESS]",
        ),
        ("mi correo es juan punto perez arroba gmail punto com", "mi correo es [EMAIL]"),
    ],
)
def test_spanish_details_are_redacted(text: str, redacted: str) -> None:
    assert Redactor()(text).text == redacted


@pytest.mark.parametrize(
    "text",
    [
        "cuesta treinta y ocho mil dólares",
        "pago quinientos al mes",
        "tiene dos puertas y cinco asientos",
        "lo quiero en tres o cuatro semanas",
        "soy de aquí, de Monterrey",
        "la avenida principal está a dos cuadras",
        "mi esposa quiere algo más grande",
    ],
)
def test_detail_free_spanish_lines_keep_every_word(text: str) -> None:
    assert Redactor()(text).text == text


def test_only_the_configured_kinds_are_redacted() -> None:
    redacted = Redactor(kinds=["phone"])("me llamo Juan, mi número es seis uno nueve")
    assert redacted.text == "me llamo Juan, mi número es [PHONE]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me llamo ana sofía reyes y vengo por la cx5", "me llamo [NAME] y vengo por la cx5"),
        ("las placas son R T X uno cinco ocho", "las placas son [PLATE]"),
    ],
)
def test_spanish_names_and_plates(text: str, expected: str) -> None:
    assert Redactor()(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "y ustedes me dicen cinco mil por mi carro",
        "mira, el precio no me cierra",
        "lo que quiero es una norma clara de precios",
        "vivimos en Dolores y venimos manejando",
    ],
)
def test_spanish_words_and_places_stay(text: str) -> None:
    assert Redactor()(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soy mariela y vengo por la sentra", "soy [NAME] y vengo por la sentra"),
        ("a nombre de mi esposa patricia", "a nombre de mi esposa [NAME]"),
        ("la factura a nombre de rogelio castañeda", "la factura a nombre de [NAME]"),
    ],
)
def test_spanish_lower_case_names_after_cues(text: str, expected: str) -> None:
    assert Redactor()(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "soy alta y necesito buena visibilidad",
        "en mi barrio  con tantos topes no sirve",
        "pasamos por la avenida  y tenían otra",
    ],
)
def test_spanish_glue_words_stay(text: str) -> None:
    assert Redactor()(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 9: a listed first name before a clitic, owning a thing, after "con"
        ("rigoberto me dijo que ya estaba lista", "[NAME] me dijo que ya estaba lista"),
        ("el carro de anselmo es el blanco", "el carro de [NAME] es el blanco"),
        ("vine con anselmo y con rigoberto", "vine con [NAME] y con [NAME]"),
        # a surname hardly ever written in either language, after a found name
        ("me atendió rigoberto goikoetxea ayer", "me atendió [NAME] ayer"),
    ],
)
def test_spanish_names_by_clitic_owner_and_con(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "bueno me dijo que sí",
        "la agencia de periférico está cerrada",
        "lo hago con calma y con cuidado",
        "el carro de mi suegra es rojo",
    ],
)
def test_spanish_words_in_those_places_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    "word", ["híjole", "újule", "quihubo", "nel", "ora", "chale", "órale", "fíjate"]
)
def test_interjections_before_a_clitic_stay(redactor: Redactor, word: str) -> None:
    text = f"{word} me dijo que ya estaba lista"
    assert redactor(text).text == text
