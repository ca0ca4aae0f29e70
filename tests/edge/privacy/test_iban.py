"""IBANs are found when their mod-97 check passes, or after the word "iban" in any case."""

from __future__ import annotations

from edge.privacy import iban
from edge.privacy.redact import Redactor


def test_a_valid_iban_in_groups_is_an_account(redactor: Redactor) -> None:
    text = "wire it to DE89 3704 0044 0532 0130 00 please"
    assert redactor(text).text == "wire it to [ACCOUNT] please"


def test_a_valid_iban_run_together_is_found() -> None:
    spans = list(iban.find("ES9121000418450200051332"))
    assert [(s.start, s.end) for s in spans] == [(0, 24)]


def test_a_wrong_check_is_no_iban() -> None:
    assert list(iban.find("wire it to DE88 3704 0044 0532 0130 00")) == []


def test_model_codes_stay(redactor: Redactor) -> None:
    for text in ["the GT40 MK II replica", "XC90 T8 in blue", "the AMG GT 63 is fast"]:
        assert redactor(text).text == text


def test_after_the_word_iban_any_case_and_no_check(redactor: Redactor) -> None:
    # read out by a person or written by an ASR: lower case, a digit misheard (no valid check)
    assert redactor("the iban is gb29 nwbk 6016 1331 9268 19").text == "the iban is [ACCOUNT]"
    assert redactor("el iban es ES21 2085 9742 3100 4417 6629").text == "el iban es [ACCOUNT]"
    assert redactor("mi IBAN: es12 0049 1500 0512 3456 7892").text == "mi IBAN: [ACCOUNT]"


def test_the_word_iban_without_a_number_takes_nothing(redactor: Redactor) -> None:
    text = "do you need my iban for the deposit"
    assert redactor(text).text == text
