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


# an id named with its country or issuing state before the number (license._ES_ISSUERS, the
# cue words "carné de identidad" and "identidad"), and a national id read in number words
# after its name (spanish._ID_IN_WORDS)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("la cédula de Costa Rica es la 1-0456-0789", "0456"),
        ("el carné de identidad cubano es 91042318877", "91042318877"),
        ("me piden la licencia de méxico, B34120987, o la de aquí", "B34120987"),
        ("me dieron licencia de Nueva York, K552 81930 11204", "81930"),
        ("licencia de méxico es de sonora SON 2284910", "SON"),
        ("mi DNI es treinta y ocho, doscientos once, cuatrocientos seis, de Lima", "doscientos"),
        (
            "su identidad hondureña es cero cinco cero uno mil novecientos noventa cuatro cuatro",
            "noventa",
        ),
    ],
)
def test_ids_named_with_their_issuer_go(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "la licencia de méxico me la renovaron en 2021",
        "la identidad de la marca viene desde 1975",
        "el trámite de la cédula cuesta mil doscientos cincuenta y cinco pesos",
        "mi carné de identidad cubano lo dejé en la casa",
        "mi cédula es de hace quince años",
    ],
)
def test_ids_named_without_a_number_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a phone's extension said right after it (spanish_numbers.extension_after)


@pytest.mark.parametrize(
    ("text", "extension"),
    [
        (
            "el de mi oficina es seis dos seis, cinco cinco cinco, cero tres uno dos, "
            "extensión ciento ocho",
            "ciento ocho",
        ),
        (
            "a mi esposo lo encuentra en el dos uno cero cinco cinco cinco cero cuatro cuatro "
            "siete extensión treinta y uno",
            "treinta y uno",
        ),
    ],
)
def test_extension_after_a_phone_goes(redactor: Redactor, text: str, extension: str) -> None:
    gone(redactor, text, extension)


@pytest.mark.parametrize(
    "text",
    [
        "la extensión de garantía sale en nueve mil pesos",
        "el conmutador de la agencia es cero uno ochocientos, extensión doce",
    ],
)
def test_extension_without_a_person_s_phone_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a caller saying who speaks, "le habla <name> de <firm>" (spanish._CAPITALISED_AFTER,
# groups._person_of_firm)


@pytest.mark.parametrize(
    ("text", "name", "firm"),
    [
        ("Buen día, le habla Rebeca de Llano Motors para confirmar su cita", "Rebeca", "Motors"),
        ("te escribe Octavio de Frontera Motors, ya llegó tu camioneta", "Octavio", "Motors"),
        ("hola, le habla Guadalupe, de la agencia, sobre su Sentra", "Guadalupe", "agencia"),
    ],
)
def test_caller_s_name_goes(redactor: Redactor, text: str, name: str, firm: str) -> None:
    gone(redactor, text, name)
    kept(redactor, text, firm)


@pytest.mark.parametrize(
    "text",
    [
        "les habla Toyota del Valle con una oferta de fin de mes",
        "le habla el asesor de Frontera Motors sobre su servicio",
        "le habla de la garantía extendida el gerente",
    ],
)
def test_a_store_or_a_role_that_speaks_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a first name said beside the relative's word (kin_names_es)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dolores, mi suegra, viene a firmar mañana", "Dolores"),
        ("pues rosa elena es mi esposa y ella decide el color", "rosa elena"),
        ("mi esposa luz va a venir por la tarde", "luz"),
        ("ok, Pilar es mi hermana, la que pagó el enganche", "Pilar"),
    ],
)
def test_name_beside_a_relative_goes(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)


@pytest.mark.parametrize(
    "text",
    [
        "la Mercedes, mi esposo la quiere en gris",
        "ella es mi hija y la que va a manejar",
        "el rojo está bonito, pero mi suegra prefiere el blanco",
        "mi hija luz de mis ojos ya creció",
        "bueno, mi esposo dice que lo pensemos",
        "mire, mi cuñado ya tiene una igual",
    ],
)
def test_no_name_beside_a_relative_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a birth date with the year by its last two words or the month by its number
# (spanish_numbers._BIRTH_YEAR_WORDS, spanish_numbers._MONTH_NUMBER)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("¿Cuándo nació? El nueve de octubre del setenta y dos.", ("nueve", "octubre", "setenta")),
        ("su fecha de nacimiento es once del siete del dos mil uno", ("once", "siete", "dos mil")),
        ("nació el treinta del doce de mil novecientos noventa", ("treinta", "doce", "noventa")),
    ],
)
def test_birth_date_said_short_goes(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "quiero un carro del setenta y dos, de colección",
        "la entrega es el seis de junio de dos mil veintisiete",
        "pásese el ocho del tres a las once",
    ],
)
def test_dates_that_are_no_birth_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# "ve" as a letter inside an id spelled by letter names (spelled_es._WEAK)


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("el RFC es a, ve, ere, ge, siete nueve cero tres uno dos, hache, cuatro", "a, ve, ere"),
        ("la serie es tres, ve, ka, ele, ocho, ocho, ve, dos, cero, cinco", "ve, ka"),
    ],
)
def test_ve_inside_a_spelled_id_goes(redactor: Redactor, text: str, letters: str) -> None:
    out = redactor(text).text
    assert letters not in out, out
    assert " ve" not in out.split(" es ")[1], out


@pytest.mark.parametrize(
    "text",
    [
        "ve a ver si ya está lista la de gris",
        "si la ve bonita se la lleva hoy, dice mi esposa",
    ],
)
def test_ve_as_a_verb_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a plate after its cue: a capital, then five to seven characters (plate._WRITTEN)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("la placa de la camioneta es B 774210, de Santiago", "774210"),
        ("ya quedó tu carro, el de placa M-905TRK, pásalo a recoger", "905TRK"),
    ],
)
def test_plate_with_a_letter_apart_goes(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "las placas salen a 150000 pesos con todo y tenencia",
        "la placa es a nombre de la empresa, no mío",
    ],
)
def test_plate_words_without_a_plate_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)
