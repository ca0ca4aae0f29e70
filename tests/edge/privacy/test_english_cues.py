"""English names from a caller, a form, a person asked for, and a quoted nickname."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

TAKEN = [
    ("hey this is grace from the credit union", "hey this is [NAME] from the credit union"),
    ("this is Will Okafor from service", "this is [NAME] from service"),
    ("put down rosalind as my co-signer", "put down [NAME] as my co-signer"),
    ("list Dana Whitfield as the second driver", "list [NAME] as the second driver"),
    ("add oyelaran as a driver", "add [NAME] as a driver"),
    ("ask for Mercedes Ortiz at the desk", "ask for [NAME] at the desk"),
    ('Robert "Bobby" Kaminski will sign', "[NAME] will sign"),
    ("hi i'm hunter, the finance manager", "hi i'm [NAME], the finance manager"),
    ("tell tavita her jeep is washed", "tell [NAME] her jeep is washed"),
]

KEPT = [
    "ask for Lincoln Navigator pricing",
    "put down cash as a deposit",
    "put it down as a loss",
    "this is it from what i see",
    "tell ford the truck is ready",
    "add leather as an option",
    "this is all from the last owner",
    "i'm sorry, the manager is out",
    "tell mom her car is ready",
    "tell them their car is ready",
    "The Grand Caravan and the Transit are both on the lot",
    "the gle or the glc, whichever is cheaper",
]


@pytest.mark.parametrize(("text", "expected"), TAKEN)
def test_english_cued_names_are_taken(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_car_and_money_talk_after_the_cues_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
