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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My truck's VIN ends in 418823.", "My truck's VIN ends in [VIN]."),
        ("the last eight of the vin are 4 7 1 1 0 2 9 3", "the last eight of the vin are [VIN]"),
        ("last six of the vin is three one one four two eight", "last six of the vin is [VIN]"),
        ("the vin ends in 4521", "the vin ends in 4521"),  # four digits: not the car
    ],
)
def test_the_last_six_to_eight_digits_of_a_vin(text: str, expected: str) -> None:
    assert Redactor()(text).text == expected
