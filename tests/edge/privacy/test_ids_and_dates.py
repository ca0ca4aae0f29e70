"""Licence and id numbers by cue or by structure (CURP, RFC), dates read with "slash"."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("learner's permit is uh K 5 5 1 0 2 9 3", "learner's permit is uh [LICENSE]"),
        ("mi licencia es BX77120934", "mi licencia es [LICENSE]"),
        ("the CURP is PEGJ850315HJCRRN07 I think", "the CURP is [LICENSE] I think"),
        ("aquí está: MOLR9011238K1", "aquí está: [LICENSE]"),
        ("PEGJ850315HJCRRN07", "[LICENSE]"),
    ],
)
def test_ids_are_redacted(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date of birth twelve slash oh three slash ninety", "date of birth [DOB]"),
        ("born eleven slash twenty nine slash two thousand one", "born [DOB]"),
    ],
)
def test_dates_read_with_slash(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "my permit expires next year",
        "twenty twenty vision, slash no glasses",
        "the RFC on the invoice is the dealer's",
        # a cue is a whole word: "runs" is no RUN, "permits" no permit
        "the F150 runs 4000 rpm on the highway",
        "the city permits 3 cars per driveway",
    ],
)
def test_words_near_the_cues_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my license is texas D1234567", "my license is texas [LICENSE]"),
        ("my driver's license, california, B7712093", "my driver's license, california, [LICENSE]"),
        ("license number from ohio is RX 551029", "license number from ohio is [LICENSE]"),
        (
            "my licence from the state of new york is 123 456 789",
            "my licence from the state of new york is [LICENSE]",
        ),
        ("la licencia de Jalisco es JAL123456", "la licencia de Jalisco es [LICENSE]"),
    ],
)
def test_the_issuing_state_between_cue_and_number(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


def test_a_state_after_the_cue_without_a_number_stays(redactor: Redactor) -> None:
    assert redactor("my license is from texas").text == "my license is from texas"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date of birth four twelve seventy five", "date of birth [DOB]"),
        ("dob april twelve seventy five", "dob [DOB]"),
        (
            "mi fecha de nacimiento es doce barra cero cuatro barra setenta y cinco",
            "mi fecha de nacimiento es [DOB]",
        ),
        (
            "fecha de nacimiento el doce del cuatro del setenta y cinco",
            "fecha de nacimiento el [DOB]",
        ),
    ],
)
def test_dates_of_birth_said_in_numbers(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "born in the nineties",
        "my birthday is next week",
        "fecha de nacimiento es el día que te dije",
    ],
)
def test_birthday_talk_without_a_date_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_rfc_and_curp_in_lower_case(redactor: Redactor) -> None:
    text = "el rfc de mi negocio es behr791107kt3"
    assert redactor(text).text == "el rfc de mi negocio es [LICENSE]"
    assert redactor("mi curp es gomr880512hdflrn09").text == "mi curp es [LICENSE]"
