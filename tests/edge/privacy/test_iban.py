"""IBANs are found only when their mod-97 check passes."""

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
