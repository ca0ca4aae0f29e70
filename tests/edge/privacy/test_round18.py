"""Round 18's removal classes (docs/benchmarks.md, "Redaction, round 18").

The lines are my own wordings, not lines of the data: each class's lines that must be
redacted have lines of the same shape beside them that must stay.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# ids by their shape (edge/privacy/license.py, _SHAPED)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the old card says K612-3390-5517, I moved since", "K612-3390-5517"),
        ("hers is W140-882-61-455-2 if you need it", "W140-882-61-455-2"),
        ("here, it's M215 4471 0932 on the card", "M215 4471 0932"),
        ("traje el DUI, es el 06129384-2", "06129384-2"),
        ("el CUIL es 27-31456789-4", "27-31456789-4"),
        ("la de mi hermana es 223-0098123-7", "223-0098123-7"),
    ],
)
def test_shaped_id_is_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "the F-150 and the F-250 are both on the lot",
        "the part is A123-45 on the invoice",
        "we moved 12345678 units last year",
        "the F150 turns 4000 rpm at 70",
        "el precio es 20-30 mil pesos más o menos",
    ],
)
def test_same_shape_non_ids_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# an id with its issuing state after it (license.py, _STATED)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yeah it's 41177302, Oregon", "41177302"),
        ("the number is KP5520917, North Carolina, and it's current", "KP5520917"),
    ],
)
def test_id_before_its_state_is_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "the sticker was 28,500, Oregon prices are lower",
        "that's about 2019, Oregon had the same model",
    ],
)
def test_numbers_before_a_state_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# dates with a two-digit year of the last century, Spanish dates in words (dob.py, _SHORT)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4-17-71, and the address is the same", "4-17-71"),
        ("y mi hermano el 9 de octubre del 77", "9 de octubre del 77"),
        ("catorce del tres del noventa y uno, ese es el mío", "catorce del tres del noventa"),
        ("¿su fecha de nacimiento? cinco del ocho del setenta", "cinco del ocho del setenta"),
    ],
)
def test_short_dates_are_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "the code on the tag is 40-55-71",
        "el dos del tres del dos mil veinte lo compramos",
        "llegó el 9 de octubre del 2024",
    ],
)
def test_short_non_dates_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# the cross streets after an address (redact.py, _CROSS_AFTER) and the tens with an ordinal
# (address.py, _ORDINAL_WORDS)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("send it to 310 Pine Avenue between Fourth and Fifth, apt 2", "between Fourth and Fifth"),
        ("mi casa es la calle 14 número 220 entre 31 y 33", "entre 31 y 33"),
        ("I'm at 1200 west sixty second", "sixty second"),
    ],
)
def test_cross_streets_are_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "the lot is open between nine and five on Saturdays",
        "pick between the red one and the blue one",
        "cerramos a las ocho entre semana y los domingos a las tres",
        "it does 0 to 60 in about six second flat",
    ],
)
def test_between_without_an_address_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# "last four" as a cue of its own (edge/privacy/last_four.py)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("okay the last four is 3318", "3318"),
        ("Last four: 5092, that's it", "5092"),
        ("only the last four, two oh one nine, nothing else", "two oh one nine"),
        ("los últimos cuatro son siete siete cero dos", "siete siete cero dos"),
    ],
)
def test_last_four_is_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "the last four years we bought every truck here",
        "the last four are 2021 models, the rest are new",
        "the last four on the sticker are the stock number",
    ],
)
def test_last_four_without_a_number_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a number said twice around a correction (edge/privacy/corrections.py)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "my cell is six one four five five no wait six one four five five five two "
            "two eight one",
            "six one four five five no",
        ),
        ("my social is 412-77-9051, sorry, 412-77-9015", "9015"),
        ("license number k four four two, I mean K442-118-903", "k four four two"),
    ],
)
def test_the_other_telling_is_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "I said no, wait, the 2022 one is fine, no rush",
        "we need three keys, no, sorry, two keys",
    ],
)
def test_corrections_without_a_number_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "stays"),
    [
        ("call me at 614 555 0172, no, I have two phones", "I have two phones"),
        ("my number is 614 555 0172 no later than five please", "no later than five"),
    ],
)
def test_words_after_a_number_stay(redactor: Redactor, text: str, stays: str) -> None:
    assert stays in redactor(text).text


# the name Will, told from the modal (edge/privacy/will.py)


@pytest.mark.parametrize(
    "text",
    [
        "Will told me the rebate ends Friday",
        "will has the keys to the gray one",
        "we bought it from my buddy Will last spring",
        "go see Will at the parts counter",
        "hey it's will again about the trade",
    ],
)
def test_will_the_name_is_removed(redactor: Redactor, text: str) -> None:
    out = redactor(text).text
    assert "Will" not in out and " will " not in f" {out} ", out


@pytest.mark.parametrize(
    "text",
    [
        "Will the lease cover the tires?",
        "the will is still with the lawyer, so the title waits",
        "someone will call you back today",
        "so Will you hold it till Monday?",
        "it will be ready at four and the guy will bring it around",
    ],
)
def test_the_modal_stays(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# an IBAN in groups of four digits after "account"/"cuenta", check digits wrong or right
# (edge/privacy/iban.py)


@pytest.mark.parametrize(
    "text",
    [
        "cárguenlo a mi cuenta, la ES12 2100 0418 4502 0005 1332, por favor",
        "the account is DE12 3704 0044 0532 0130 00",
    ],
)
def test_grouped_iban_is_removed(redactor: Redactor, text: str) -> None:
    gone(redactor, text, "0418 4502" if "ES12" in text else "0044 0532")


@pytest.mark.parametrize(
    "text",
    [
        "the XC 2024 1500 is the stock we have",
        "van del 2019 al 2024 todos los modelos",
    ],
)
def test_short_digit_groups_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# Argentina's Mercosur plate anywhere (edge/privacy/plate.py)


def test_mercosur_plate_is_removed(redactor: Redactor) -> None:
    gone(redactor, "el dominio es AF 902 LT, el gris", "AF 902 LT")


@pytest.mark.parametrize("text", ["the CX 500 SE is the trim", "el GL 450 AM ya se vendió"])
def test_model_and_trim_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# three letters spelling the name said just before (edge/privacy/spelled.py)


@pytest.mark.parametrize(
    "text",
    ["the last name is Lee, L-E-E, just three", "it's Ana, like the song, A-N-A"],
)
def test_three_letters_spelling_a_name_are_removed(redactor: Redactor, text: str) -> None:
    out = redactor(text).text
    assert "-E-E" not in out and "-N-A" not in out, out


@pytest.mark.parametrize(
    "text",
    ["the CRV, C-R-V, is the one I want", "it has AWD, A-W-D, standard"],
)
def test_three_letters_spelling_a_model_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


# a Spanish nickname after a friend's or a relative's word (edge/privacy/nicknames_es.py)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mi cuñado el flaco ya compró la suya aquí", "flaco"),
        ("me la recomendó mi prima la güera", "güera"),
    ],
)
def test_nickname_is_removed(redactor: Redactor, text: str, value: str) -> None:
    gone(redactor, text, value)


@pytest.mark.parametrize(
    "text",
    [
        "mi cuñado el mayor ya compró la suya aquí",
        "mi compa la troca esa sí jala",
        "primo, el enganche es muy alto",
    ],
)
def test_kin_words_without_a_nickname_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)
