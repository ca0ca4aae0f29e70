"""Round 15's Spanish rule classes (docs/benchmarks.md, "Redaction, round 15").

Each class was seen in two or more authors' files; the lines here are my own wordings, each
with a line of the same shape that must stay.
"""

from __future__ import annotations

import time

import pytest

from edge.privacy import addressed_es
from edge.privacy.redact import Redactor
from edge.privacy.spanish_numbers import digits_said
from tests.edge.privacy.probes import gone

# names addressed, opening a line, nicknames (edge/privacy/addressed_es.py)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("mira leonel ayúdame con el cliente de la tacoma", "leonel"),
        ("che, valentina, ¿ya lavaron la camioneta?", "valentina"),
    ],
)
def test_a_listed_name_after_che_or_mira(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    "text",
    ["mira la versión limited trae techo", "che, ¿cuánto sale el service?"],
)
def test_che_and_mira_before_no_name_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("anselmo dice que ya está el seguro", "anselmo"),
        ("o sea rebeca no vino hoy", "rebeca"),
        ("marisela tienes la tarjeta del cliente", "marisela"),
        ("Fabiola es mi cuñada, ella firma también", "Fabiola"),
        ("gastón vení a ver esta", "gastón"),
    ],
)
def test_a_name_opening_the_line_before_a_persons_verb(
    redactor: Redactor, text: str, name: str
) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    "text",
    [
        "rosario está a dos horas de aquí",
        "mira puedes pasar a la caja",
        "ella dice que le gusta la gris",
        "órale me dijo que sí",
    ],
)
def test_a_place_pronoun_or_filler_opening_the_line_is_no_name(text: str) -> None:
    assert list(addressed_es.find(text)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("me llamo rodolfo pero todos me dicen fito", "fito"),
        ("en la chamba todos me dicen la güera", "güera"),
        ("soy guadalupe, dígame lupita nomás", "lupita"),
    ],
)
def test_nicknames(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)


def test_me_dicen_que_stays(redactor: Redactor) -> None:
    text = "todos me dicen que la híbrida gasta menos"
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Avísele a la Chabela que ya vinieron por la Sienna", "Chabela"),
        ("¿ya llegó el Pancho? lo busca el señor", "Pancho"),
        ("la novia de ramiro ya trajo los papeles", "ramiro"),
        ("el muchacho se llamaba brayton y era muy amable", "brayton"),
        ("mi nombre completo es ana sofía rangel", "rangel"),
    ],
)
def test_a_name_after_its_article_kin_or_a_past_introduction(
    redactor: Redactor, text: str, name: str
) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    "text", ["¿ya llegó el Jetta del taller?", "la novia de mi hijo viene mañana"]
)
def test_a_car_or_kin_after_the_cue_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


# addresses (spanish.py, spanish_address.py, corner.py, the ZIP reach in redact.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vivo en el jirón ayacucho cuatrocientos doce", ("ayacucho", "doce")),
        ("la casa está en andador las flores siete", ("flores", "siete")),
        ("Mi domicilio: Av. Colón N12-45, en Quito", ("Colón", "N12-45")),
        ("vivo en la carrera 50A número 12 sur 40 en Envigado", ("50A", "sur 40")),
        (
            "vivo en la calle ocho número veinte guion treinta apartamento ciento dos",
            ("veinte", "treinta", "ciento dos"),
        ),
        ("vivo en residencial las palmas pasaje dos casa once", ("palmas", "once")),
        ("mi casa es pasaje los olmos trescientos diez en ñuñoa", ("olmos", "diez")),
    ],
)
def test_latin_american_street_forms(redactor: Redactor, text: str, words: tuple[str]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    ["el pasaje cuesta trescientos cincuenta", "es una zona residencial muy tranquila"],
)
def test_a_fare_or_a_residential_area_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_the_orientation_and_corner_go_with_the_address(redactor: Redactor) -> None:
    text = "vivo en calle zaragoza trescientos diez oriente esquina con allende"
    gone(redactor, text, "oriente", "allende")


def test_a_zip_after_four_words_or_cp(redactor: Redactor) -> None:
    gone(redactor, "Calle Luna 18 depto 2, en Villa del Sol, 00926.", "00926")
    gone(redactor, "Vivo en Pino 44, colonia Centro, C.P. 06000.", "06000")


# numbers and ids (spanish_numbers.py, spanish.py, license.py, dob.py)


def test_digits_said_counts_groups() -> None:
    assert digits_said("trescientos veinte, cinco cinco uno, cuarenta y dos, diez") == 10
    assert digits_said("cuatrocientos noventa y nueve") == 3


def test_a_number_read_in_groups_needs_no_cue(redactor: Redactor) -> None:
    gone(
        redactor,
        "anótelo: trescientos veinte, cinco cinco uno, cuarenta y dos, diez",
        "veinte",
        "cuarenta",
    )


@pytest.mark.parametrize(
    "text",
    [
        "sale en trescientos ochenta y nueve al mes",
        "le doy cuatrocientos veinte mil por la camioneta",
    ],
)
def test_prices_with_hundreds_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mi documento es 28.114.907", ("28.114.907",)),
        ("el dni es veintinueve millones ciento doce mil cuatro", ("millones", "cuatro")),
        ("mi cédula es ve doce millones trescientos un mil veinte", ("doce", "veinte")),
    ],
)
def test_ids_said_with_dots_or_millions(redactor: Redactor, text: str, words: tuple[str]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("fecha de nacimiento pues nueve del tres del ochenta y uno", ("nueve", "ochenta")),
        ("yo soy del dos de mayo del noventa y cinco", ("mayo", "noventa")),
    ],
)
def test_birth_dates_after_a_filler_or_soy_del(
    redactor: Redactor, text: str, words: tuple[str]
) -> None:
    gone(redactor, text, *words)


def test_soy_del_without_a_date_stays(redactor: Redactor) -> None:
    text = "yo soy del norte, allá hace mucho calor"
    assert redactor(text).text == text


# spellings, plates, e-mails (spelled.py, spelled_es.py, plate.py, spanish.py)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("la tablilla es KLR-305", ("KLR-305",)),
        ("la matrícula es siete siete uno dos be ere te", ("siete", "ere")),
        ("mi apellido es ch á v e z", ("ch á v e z",)),
        ("es ene u ñ e z, Núñez", ("Núñez",)),
        ("se escribe be e ele te erre a ene o sea beltrán", ("beltrán",)),
        ("es con y griega: i griega o ere a", ("ere",)),
        ("el correo es lulu ere eme arroba gmail punto com", ("lulu", "gmail")),
        ("escríbame a ele castro arroba prodigy punto net punto eme equis", ("castro", "equis")),
        ("el código postal es be mil seiscientos dos", ("seiscientos",)),
    ],
)
def test_spelled_letters_plates_and_emails(
    redactor: Redactor, text: str, words: tuple[str]
) -> None:
    gone(redactor, text, *words)


def test_es_before_a_spoken_email_stays(redactor: Redactor) -> None:
    assert redactor("es jota pe arroba gmail punto com").text.startswith("es ")


# the dealership's own details (business.py)


@pytest.mark.parametrize(
    "text",
    [
        "El WhatsApp de la sucursal es el ochocientos, cinco cinco cinco, cero dos cero cero.",
        "el número del concesionario es el seiscientos dos, cinco cinco cinco, cero cero uno",
        "Estamos en Avenida Juárez 800, a un lado del banco, pásele cuando guste.",
        "estamos en bulevar morelos mil doscientos frente al parque no tiene pierde",
        "el stock es el cuatro dos dos nueve, la gris",
    ],
)
def test_the_dealerships_own_numbers_and_place_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_an_office_phone_of_a_person_is_still_taken(redactor: Redactor) -> None:
    gone(redactor, "el teléfono de la oficina es el 33 1234 5678", "1234")


def test_a_familys_own_number_is_still_taken(redactor: Redactor) -> None:
    text = "nuestro teléfono de la casa es el seis seis cuatro, dos dos uno"
    gone(redactor, text, "dos dos uno")


@pytest.mark.parametrize(
    ("text", "name"),
    [("el carro es de doña chelo, la de enfrente", "chelo"), ("pásele a don tacho", "tacho")],
)
def test_a_nickname_after_don_or_dona(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    "text", ["mi hija tiene un don para los números", "i don know what trim it is"]
)
def test_don_as_a_gift_or_an_english_dont_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_zip_after_long_words_takes_no_backtracking(redactor: Redactor) -> None:
    # the first ZIP reach of this round nested two quantifiers: 0.9 s on a line like this
    text = "Vivo en Avenida Insurgentes Sur 1605, depto. 12, colonia San José Insurgentes, 03900."
    started = time.perf_counter()
    redactor(text)
    assert time.perf_counter() - started < 0.3


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("vivo en calle veinte de noviembre número ochenta y uno", ("noviembre", "ochenta")),
        ("es la avenida juárez número doce departamento cuatro c", ("cuatro c",)),
        ("urbanización los pinos calle tres bloque doce número cinco", ("bloque", "cinco")),
    ],
)
def test_the_way_up_to_its_numero_and_a_unit_with_a_letter(
    redactor: Redactor, text: str, words: tuple[str]
) -> None:
    gone(redactor, text, *words)


def test_a_street_without_its_number_stays(redactor: Redactor) -> None:
    text = "la calle principal no tiene número, es la de la gasolinera"
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hola buenas, marisol me dijo que ya estaba el crédito", "marisol"),
        ("Leticia te está buscando en la entrada", "Leticia"),
    ],
)
def test_a_name_after_a_greeting_or_before_esta_buscando(text: str, name: str) -> None:
    assert [text[s.start : s.end] for s in addressed_es.find(text)] == [name]
