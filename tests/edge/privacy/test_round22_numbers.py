"""Round 22's over-redaction classes of numbers, codes and addresses.

The lines are my own wordings, not lines of the data: each class's lines that must stay have
lines of the same shape, with a real detail beside, that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy import model_year, paperwork, references
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept

# the paperwork's reference numbers (edge/privacy/references.py)


@pytest.mark.parametrize(
    "text",
    [
        "the purchase order is 5521-0937, put it on every page",
        "work order 6610 and invoice 20417 are the same job",
        "our DOT number is 2209175, it's painted on the cab",
        "el número de la orden de compra es cinco cinco dos uno",
        "la referencia de la transferencia es la factura 30882",
        "we need a mirror glass, part number seven six two oh three dash",
    ],
)
def test_reference_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the invoice goes to me, my phone is 602 555 0143", ("0143",)),
        ("PO 4410, and my cell is six oh two five five five one two one two", ("six",)),
        ("mail the title to PO Box 4471, Tucson, AZ 85701", ("4471", "85701")),
        ("el RFC para la factura es GOMR7705123H1", ("GOMR7705123H1",)),
        # "RO" (a repair order) is a cue only as a word, not an RFC's or a CURP's start
        ("mi RFC es ROMA9001013K2", ("ROMA9001013K2",)),
        ("mi CURP es ROPL900101HDFDRS04", ("ROPL900101HDFDRS04",)),
        ("send it to ana dot nine two at gmail dot com", ("gmail",)),
    ],
)
def test_detail_beside_reference_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_reference_is_only_a_code() -> None:
    text = "invoice 20417 Maple Street"
    assert not references.is_reference(text, Span(8, 26, Kind.ADDRESS))
    assert references.is_reference(text, Span(8, 13, Kind.ACCOUNT))


# a price beside the deal's fees (edge/privacy/paperwork.py)


@pytest.mark.parametrize(
    "text",
    [
        "Tax, title and license come out to five eighty-one twenty.",
        "that's twelve thousand three forty nine plus tax title and license",
        "it's seven thousand two ninety five out the door",
    ],
)
def test_price_beside_fees_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


def test_phone_beside_fees_still_redacted(redactor: Redactor) -> None:
    text = (
        "tax title and license is extra, and my cell is six oh two, five five five, one two one two"
    )
    gone(redactor, text, "six", "one two one two")


def test_fees_need_a_price_word() -> None:
    text = "plus tax title and license, six oh two five five five one two one two"
    assert not paperwork.beside_fees(text, Span(28, len(text), Kind.PHONE))


# a model year before the owners or miles (edge/privacy/model_year.py)


@pytest.mark.parametrize(
    "text",
    [
        "Midnight blue, two thousand sixteen, one owner, ninety two thousand miles.",
        "we bought it new in twenty twelve, a hundred and eighty thousand miles on it now",
    ],
)
def test_year_and_miles_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


def test_phone_beside_miles_still_redacted(redactor: Redactor) -> None:
    text = "one owner, my number is two one four, five five five, oh one six two"
    gone(redactor, text, "two one four", "oh one six two")


def test_year_and_miles_needs_a_year() -> None:
    text = "call four oh four five five five one two one two about the miles"
    assert not model_year.is_year_and_miles(text, Span(5, 47, Kind.PHONE))


# the dealership's "our address" with directions (edge/privacy/business.py)


@pytest.mark.parametrize(
    "text",
    [
        "Our address is 1800 South Loop 12, just put the dealership in your GPS.",
        "That's our address, forty-two hundred Motor Parkway, behind the car wash.",
        "We're on Bell Road near 19th Avenue, right across from the Home Depot.",
    ],
)
def test_our_address_with_directions_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("our address is 1417 Willow Bend Court, we've been there ten years", ("1417", "Willow")),
        ("my home address is 12 Oak Street, the shop is on University Drive", ("12 Oak",)),
    ],
)
def test_home_address_still_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)
