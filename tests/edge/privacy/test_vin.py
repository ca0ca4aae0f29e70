"""VINs: the ISO 3779 check digit decides, a cue admits a VIN with a wrong one."""

from __future__ import annotations

import pytest

from edge.privacy import vin
from edge.privacy.redact import Redactor

VALID = ["1HGCM82633A004352", "5YJ3E1EA2KF317000", "11111111111111111", "1M8GDM9AXKP042788"]


@pytest.mark.parametrize("number", VALID)
def test_check_digit_of_known_vins(number: str) -> None:
    assert vin.is_valid(number)
    assert vin.check_digit(number) == number[8]


def test_a_wrong_check_digit_or_a_letter_outside_the_alphabet_is_not_valid() -> None:
    assert not vin.is_valid("1HGCM82643A004352")  # position 9 changed
    assert not vin.is_valid("1HGCM8263IA004352")  # I is not in the VIN alphabet
    assert not vin.is_valid("1HGCM82633A00435")  # 16 characters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "it came in with 1HGCM82633A004352 on the sticker",
            "it came in with [VIN] on the sticker",
        ),
        ("run carfax on 1hgcm82633a004352", "run carfax on [VIN]"),
        ("the vin is 2T1BURHE0JC074412", "the vin is [VIN]"),
        ("vehicle identification number 1FTFW1ET5DFC10312", "vehicle identification number [VIN]"),
        ("VIN: WBA3A5C51CF256651.", "VIN: [VIN]."),
        ("the vin is 1HGCM 8263 3A004352 ok", "the vin is [VIN] ok"),
        ("vin number 1HG-CM826-33A004352", "vin number [VIN]"),
    ],
)
def test_vins_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


def test_a_vin_shape_with_a_numeric_serial_counts_without_check_digit_or_cue(
    redactor: Redactor,
) -> None:
    # Makers outside North America use no check digit; a misheard VIN is still the customer's.
    assert redactor("can you look up 2T1BURHE0JC074412").text == "can you look up [VIN]"


def test_a_vin_shape_without_a_numeric_serial_and_no_cue_stays(redactor: Redactor) -> None:
    text = "can you look up 2T1BURHE0JC0744AB"
    assert redactor(text).text == text


@pytest.mark.parametrize("text", ["the vin ends in 4521", "is the vin on the dashboard"])
def test_vin_talk_without_a_vin_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_seventeen_letters_or_digits_alone_are_not_a_vin() -> None:
    assert list(vin.find("ABCDEFGHJKLMNPRST and 12345678901234567")) == []


def test_a_vin_read_character_by_character_after_the_cue(redactor: Redactor) -> None:
    text = "vin is two H G F B two F five nine D H five seven one two three four, got it?"
    assert redactor(text).text == "vin is [VIN], got it?"


def test_a_short_read_after_the_cue_stays(redactor: Redactor) -> None:
    text = "the vin is on the dash, one sec"
    assert redactor(text).text == text


def test_seventeen_characters_read_one_by_one_are_a_vin(redactor: Redactor) -> None:
    text = "el numero de serie es 1 h g c m 8 2 6 3 3 a 0 0 4 3 5 2"
    assert redactor(text).text == "el numero de serie es [VIN]"
    assert redactor("it's J T D K B 2 0 U 9 8 7 6 5 4 3 2 1 ok").text == "it's [VIN] ok"


def test_a_few_spelled_letters_are_no_vin(redactor: Redactor) -> None:
    assert "[VIN]" not in redactor("the plate is a b c 1 2 3").text


TAILS = [
    ("My truck's VIN ends in 418823.", "My truck's VIN ends in [VIN]."),
    ("the last eight of the vin are 4 7 1 1 0 2 9 3", "the last eight of the vin are [VIN]"),
    ("last six of the vin is three one one four two eight", "last six of the vin is [VIN]"),
    ("the vin ends in 4521", "the vin ends in 4521"),  # four digits: not the car
    ("los últimos seis del vin son 4B7712, por si lo busca.",
     "los últimos seis del vin son [VIN], por si lo busca."),
    ("the vin ends in b j three three four four five one", "the vin ends in [VIN]"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TAILS)
def test_a_site_that_redacts_vin_tails_loses_the_last_six_to_eight(
    text: str, expected: str
) -> None:
    assert Redactor(vin_tails=True)(text).text == expected


@pytest.mark.parametrize("text", [text for text, _ in TAILS])
def test_by_default_a_vin_tail_said_alone_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_a_whole_vin_goes_even_when_a_tail_cue_is_near(redactor: Redactor) -> None:
    text = "the vin ends in 4352, the whole vin is 1HGCM82633A004352"
    assert redactor(text).text == "the vin ends in 4352, the whole vin is [VIN]"


@pytest.mark.parametrize(
    "text",
    [
        "Los últimos seis del VIN son siete seis cinco cuatro tres cero, ¿con eso le alcanza?",
        "el VIN no lo tengo completo, nomás termina en cero cuatro siete tres, es la Escape",
        "los últimos seis del VIN son cuatro, cinco, uno, ocho, ocho, siete, ¿me lo busca?",
        "Sorry, I only know the last six of the VIN, it's 4H7JA5.",
        "last eight of the vin are P F A one two three four zero",
        "o sea los últimos seis del vin son ye ge cinco ka eme u",
        "del vin nada más me sé los últimos seis cero uno dos tres cuatro cinco",
    ],
)
def test_a_tail_said_in_words_or_letters_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the vin ends in 4521 and my number is five five five two one two three four five six",
            "the vin ends in 4521 and my number is [PHONE]",
        ),
        (
            "last six of the vin z k zero five f nine, call me at 312 555 0188",
            "last six of the vin z k zero five f nine, call me at [PHONE]",
        ),
        ("the vin is 1HGCM82633A004352", "the vin is [VIN]"),
        (
            "my vin the last six are 217584 and call me at 312 555 0188",
            "my vin the last six are 217584 and call me at [PHONE]",
        ),
    ],
)
def test_a_detail_said_after_a_tail_still_goes(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


def test_a_tail_is_three_to_eight_characters_with_two_digits() -> None:
    told = [
        "the vin ends in 217584",
        "the vin ends in a b c",  # no digit: no tail
        "the vin ends in five five five two one two three four five six",  # ten: no tail
    ]
    assert [len(list(vin.told_tails(text))) for text in told] == [1, 0, 0]


def test_a_vin_read_with_a_character_lost_is_no_tail() -> None:
    assert vin.partial("k a five one two nine zero seven")
    assert not vin.partial("one f t f w one e five seven n f a four three eight seven")
