"""Round 21's Spanish removal classes: details told in the newest authors' ways.

The lines are my own wordings, not lines of the data. Each class has lines whose detail must
now go, and lines of the same shape without a detail that must stay.
"""

from __future__ import annotations

import pytest

from edge.privacy import spanish, spanish_address, spanish_numbers, spelled_es
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept

# an area code said apart with "luego" (spanish_numbers._AREA_LUEGO)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "el código de área es ocho uno ocho luego cinco cinco cinco dos dos cero uno",
            "ocho uno ocho luego cinco cinco cinco dos dos cero uno",
        ),
        (
            "lada tres tres y luego seis siete ocho, cuatro cuatro uno dos, pregunte por Nora",
            "tres tres y luego seis siete ocho, cuatro cuatro uno dos",
        ),
    ],
)
def test_area_code_luego_is_one_phone(text: str, said: str) -> None:
    spans = [s for s in spanish_numbers.find(text) if s.kind is Kind.PHONE]
    assert any(text[s.start : s.end] == said for s in spans), spans


def test_area_code_luego_keeps_its_neighbours(redactor: Redactor) -> None:
    text = "lada tres tres y luego seis siete ocho, cuatro cuatro uno dos, pregunte por Nora"
    gone(redactor, text, "luego", "cuatro cuatro", "Nora")
    assert "pregunte por" in redactor(text).text


def test_luego_without_area_code_stays(redactor: Redactor) -> None:
    kept(redactor, "primero la prueba de manejo y luego vemos el financiamiento")


# a whole date said in words with a birth year (spanish_numbers._WHOLE_DATE)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("¿y su fecha? — el nueve de marzo de mil novecientos noventa", ("nueve", "noventa")),
        ("Necesito la fecha. Es el once de julio de dos mil cuatro.", ("once", "cuatro")),
        ("mi fecha es primero de mayo de mil novecientos setenta y uno", ("primero", "uno")),
    ],
)
def test_whole_spoken_birth_date_goes(redactor: Redactor, text: str, words: tuple[str]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "se la entregamos el dos de mayo de dos mil veinte",
        "la promoción sigue hasta el treinta de junio de dos mil veinticinco",
        "llega el quince de agosto",
    ],
)
def test_later_or_yearless_dates_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# the card's ZIP after "código postal de facturación" (spanish._POSTAL)


def test_billing_zip_goes_beside_the_card(redactor: Redactor) -> None:
    text = "la tarjeta es 4111 1111 1111 1111 y el código postal de facturación es el 85032"
    gone(redactor, text, "4111", "85032")


def test_billing_words_without_a_code_stay(redactor: Redactor) -> None:
    kept(redactor, "¿el código postal de facturación es el mismo de la casa?")


# an article starting a spoken handle right after the cue (spanish._EMAIL)


def test_article_opens_the_handle() -> None:
    text = "mi correo es la chiquis noventa arroba gmail punto com"
    spans = [s for s in spanish.find(text) if s.kind is Kind.EMAIL]
    assert [text[s.start : s.end] for s in spans] == ["la chiquis noventa arroba gmail punto com"]


def test_article_elsewhere_is_no_handle(redactor: Redactor) -> None:
    text = "le mando la cotización al correo, la de siempre"
    kept(redactor, text)


# cross streets after "vivo por" (spanish_address._CROSS_STREETS)


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("vivo por la Reforma y la Diez, atrás del mercado", "Reforma y la Diez"),
        ("vivimos por culebra y huizache, la casa verde", "culebra y huizache"),
    ],
)
def test_cross_streets_go(text: str, streets: str) -> None:
    spans = list(spanish_address.find(text))
    assert [text[s.start : s.end] for s in spans] == [streets]


def test_cross_streets_with_a_name_beside(redactor: Redactor) -> None:
    text = "vivimos por culebra y huizache con mi esposa Graciela"
    gone(redactor, text, "culebra", "huizache", "Graciela")


@pytest.mark.parametrize(
    "text",
    [
        "vivo por el centro y trabajo aquí cerca",
        "vivimos por el lado oeste, cerca de la base",
        "vivo por mis hijos y por mi esposa",
    ],
)
def test_common_words_after_vivo_por_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a handle spelled letter by letter with commas (spanish._SPELLED_EMAIL)


@pytest.mark.parametrize(
    "text",
    [
        "mi correo es jota, u, a, ene, guion bajo, ve, e, ge, a, arroba, gmail punto com",
        "escríbame a eme, a, ere, ce, o, siete siete arroba hotmail punto com punto mx",
    ],
)
def test_spelled_handle_is_one_email(text: str) -> None:
    spans = [s for s in spanish.find(text) if s.kind is Kind.EMAIL]
    start = text.index(" es ") + 4 if " es " in text else text.index(" a ") + 3
    assert (start, len(text)) in [(s.start, s.end) for s in spans], spans


def test_spelled_handle_keeps_the_name_beside(redactor: Redactor) -> None:
    text = "soy Rebeca Solís, el correo es ere, be, ce, a, arroba yahoo punto com"
    gone(redactor, text, "Rebeca", "Solís", "ere, be", "yahoo")


def test_letters_without_arroba_stay(redactor: Redactor) -> None:
    kept(redactor, "la opción a, la b o la c, usted escoge el plan")


# a unit's value with a letter ("apartamento 3-A", "apto 3R")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vive en la calle Colón número doce, apartamento 4-B, en Moca", ("Colón", "4-B")),
        ("mándelo a 2210 Walnut Street, apto 5C, Paterson", ("2210", "5C")),
    ],
)
def test_unit_value_goes_whole(redactor: Redactor, text: str, words: tuple[str]) -> None:
    gone(redactor, text, *words)


def test_unit_words_alone_stay(redactor: Redactor) -> None:
    kept(redactor, "¿el apartamento tiene estacionamiento? es para la camioneta")


# a name spelled beside itself with everyday letter names (spelled_es._echoed_spelling)


@pytest.mark.parametrize(
    ("text", "spelling"),
    [
        ("me llamo Noemí, ene, o, e, eme, i con acento", "ene, o, e, eme, i con acento"),
        ("el apellido es Parra, pe, a, doble erre, a", "pe, a, doble erre, a"),
        ("se escribe: a, de, e, ele, a, Adela", "a, de, e, ele, a"),
    ],
)
def test_name_spelled_beside_it(text: str, spelling: str) -> None:
    spans = list(spelled_es.find(text, in_spanish=True))
    assert spelling in [text[s.start : s.end] for s in spans], spans


def test_spelling_beside_goes_with_the_name(redactor: Redactor) -> None:
    text = "me llamo Noemí, ene, o, e, eme, i con acento, y mi teléfono es 555 201 7788"
    gone(redactor, text, "Noemí", "ene, o, e", "201")


@pytest.mark.parametrize(
    "text",
    [
        "la de a, o la de ese, la que usted diga",
        "sí, de a de e a o, como sea, la gris está mejor",
    ],
)
def test_letters_spelling_no_word_beside_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# "no" is "No." only right before the number (context._NUMBER)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("no, la que termina en 4417, la de la quincena", ("4417",)),
        ("No, páguelo con la que termina en 8830, a nombre de Leticia", ("8830", "Leticia")),
    ],
)
def test_last_four_after_the_answer_no(redactor: Redactor, text: str, words: tuple[str]) -> None:
    gone(redactor, text, *words)


def test_no_answer_keeps_prices(redactor: Redactor) -> None:
    kept(redactor, "no, la que cuesta 4417 dólares es la otra")


# an id's letters glued before its digits (numbers._PREFIX)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("el folio del préstamo es BX-77120394, a nombre de Rocío", ("BX", "77120394", "Rocío")),
        ("my permit is D0092817744 from Texas", ("D0092817744",)),
    ],
)
def test_id_prefix_goes_with_digits(redactor: Redactor, text: str, words: tuple[str]) -> None:
    gone(redactor, text, *words)


def test_words_before_a_phone_stay(redactor: Redactor) -> None:
    out = redactor("call the cell 555-201-7788 after six").text
    assert out.startswith("call the cell ") and "7788" not in out


# the particle between two capitalised name spans (spanish.joined_particles)


def test_particle_joins_two_names() -> None:
    text = "María de la Luz Ortega"
    spans = [Span(0, 5, Kind.NAME), Span(12, 22, Kind.NAME)]
    assert spanish.joined_particles(text, spans) == [Span(0, 22, Kind.NAME)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Karina de Monterrey", [Span(0, 6, Kind.NAME), Span(10, 19, Kind.ADDRESS)]),
        ("Karina y de ahí Pedro", [Span(0, 6, Kind.NAME), Span(16, 21, Kind.NAME)]),
        ("karina de la luz", [Span(0, 6, Kind.NAME), Span(12, 16, Kind.NAME)]),
    ],
)
def test_particle_joins_nothing_else(text: str, spans: list[Span]) -> None:
    assert spanish.joined_particles(text, spans) == spans


def test_particle_name_goes_whole(redactor: Redactor) -> None:
    text = "¿A nombre de quién? — Rosa María de los Santos Ugalde, 555 310 4471"
    gone(redactor, text, "Rosa", "de los Santos", "Ugalde", "4471")
