"""The redaction stage on the cases the issue names, positive and negative."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind

REDACTED = [
    ("my number is five five five, one two three four", "my number is [PHONE]"),
    ("call me at 555 123 4567 tomorrow", "call me at [PHONE] tomorrow"),
    ("reach me on +44 20 7946 0958", "reach me on [PHONE]"),
    ("it's double five, oh one two three four", "it's [PHONE]"),
    ("my card number is 4111 1111 1111 1111", "my card number is [CARD]"),
    ("routing number 021000021 account 12345678", "routing number [ACCOUNT] account [ACCOUNT]"),
    ("my social is one two three four five six seven eight nine", "my social is [SSN]"),
    ("ssn 078-05-1120", "ssn [SSN]"),
    ("my license number is D123-4567-8901", "my license number is [LICENSE]"),
    ("I was born on March 3rd 1985.", "I was born on [DOB]."),
    ("my date of birth is 03/03/85", "my date of birth is [DOB]"),
    ("DOB 3/3/1985", "DOB [DOB]"),
    ("I live at 1234 Elm Street", "I live at [ADDRESS]"),
    ("it's 45 Oak Ave Apt 3", "it's [ADDRESS]"),
    ("my email is jo.smith@gmail.com", "my email is [EMAIL]"),
    ("my email is john smith at gmail dot com", "my email is [EMAIL]"),
    ("my name is John Smith and I want the RAV4", "my name is [NAME] and I want the RAV4"),
    ("Hi, this is Maria from Acme Insurance.", "Hi, this is [NAME] from Acme Insurance."),
    ("I'm Dave.", "I'm [NAME]."),
    ("call me Jen", "call me [NAME]"),
    ("i'm sarah and this is my husband", "i'm [NAME] and this is my husband"),
    ("five five five dash one two one two", "[PHONE]"),
    ("my license is CA D7712345", "my license is [LICENSE]"),
    ("i was born in nineteen eighty seven, june tenth", "i was born in [DOB]"),
    ("email is b dot hernandez eighty eight at yahoo dot com", "email is [EMAIL]"),
    ("send it to k wong at wong family dot net", "send it to [EMAIL]"),
    ("my email is rob at robinson dash law dot com", "my email is [EMAIL]"),
]

UNCHANGED = [
    "I'm looking for a 2024 RAV4 under $32,000",
    "I'm just browsing",
    "this is a nice car",
    "it's 399 a month at 2.9% APR",
    "it has 45,000 miles on it",
    "i'm looking at the twenty twenty four civic",
    "it's a 4 wheel drive",
    "it's about 30 minutes down the road",
    "call me tomorrow and we'll talk",
    "the stock number is 24817",
    "i'm frank with you the price is too high",
    "the 2019 2020 and 2021 models",
    "oh, five stars for the service",
    "my license is in my wallet",
    "the dash cam and the two dash three",
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_personal_data_is_replaced_by_typed_placeholders(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_sales_talk_is_left_alone(redactor: Redactor, text: str) -> None:
    result = redactor(text)
    assert result.text == text
    assert result.count == 0


def test_spans_are_offsets_into_the_original_with_counts(redactor: Redactor) -> None:
    text = "my name is Tanya Reed and my cell is 646-555-0199 or 646-555-0198"
    result = redactor(text)
    assert [(text[s.start : s.end], s.kind) for s in result.spans] == [
        ("Tanya Reed", Kind.NAME),
        ("646-555-0199", Kind.PHONE),
        ("646-555-0198", Kind.PHONE),
    ]
    assert result.counts == {Kind.NAME: 1, Kind.PHONE: 2}
    assert result.count == 3


def test_only_the_configured_kinds_are_redacted() -> None:
    redactor = Redactor(kinds=["phone"])
    result = redactor("my name is John and my number is 555 123 4567")
    assert result.text == "my name is John and my number is [PHONE]"


def test_an_unknown_kind_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'passport'"):
        Redactor(kinds=["passport"])


def test_empty_text(redactor: Redactor) -> None:
    assert redactor("").text == ""


def test_a_spoken_email_with_initials_is_one_span(redactor: Redactor) -> None:
    redacted = redactor("write to me at dana r m at outlook dot com")
    assert redacted.text == "write to me at [EMAIL]"
