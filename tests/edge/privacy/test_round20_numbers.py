"""Round 20's over-redaction classes of numbers, codes, addresses and e-mails.

The lines are my own wordings, not lines of the data: each class's lines that must stay have
lines of the same shape, with a real detail beside, that must still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy import business_mail, model_year, paperwork
from edge.privacy.redact import Redactor
from edge.privacy.spans import Kind, Span
from tests.edge.privacy.probes import gone, kept

# the showroom's role e-mail (edge/privacy/business_mail.py)


@pytest.mark.parametrize(
    "text",
    [
        "send the insurance card to our service department, service at bayviewford dot com",
        "the dealer address is sales@northgatekia.com, that one goes to the whole team",
        "mande los papeles al correo de la agencia, ventas arroba autosdelvalle punto mx",
        "our parts desk reads parts@rivertoyota.com every morning",
    ],
)
def test_role_mail_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("my email is maria at gmail dot com, or finance at the store", ("maria", "gmail")),
        (
            "our sales inbox is sales@northgatekia.com, mine is dkowalski77@yahoo.com",
            ("dkowalski77",),
        ),
        # a customer's firm's back office, and a role word with more to it, stay details
        (
            "bill the company, accounts@harborplumbing.com, so it goes on the books",
            ("harborplumbing",),
        ),
        ("send it to our sales guy, jeff.sales@outlook.com", ("jeff.sales",)),
        (
            "fleet dot ventas at constructoranorte dot mx es el correo de la empresa",
            ("constructoranorte",),
        ),
    ],
)
def test_person_mail_beside_role_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_role_needs_the_dealership_named() -> None:
    text = "write to sales@harborplumbing.com for the invoice"
    span = Span(9, 33, Kind.EMAIL)
    assert not business_mail.is_role(text, span)
    assert business_mail.is_role("our " + text, Span(13, 37, Kind.EMAIL))


# the dealership's place told with its opening hours (edge/privacy/business.py)


@pytest.mark.parametrize(
    "text",
    [
        "we're at 2250 West Route 59 in Plainfield, and service is open till seven on Saturdays",
        "we're at 4100 Commerce Drive, open until nine every weeknight",
        "estamos en avenida Colón 1450, abiertos hasta las ocho",
    ],
)
def test_business_with_hours_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I live at 1900 Route 83 apartment 4", ("1900",)),
        ("we're at 4418 Sycamore Drive, up in the north end", ("4418", "Sycamore")),
        ("we're at 77 Birch Lane. The store is open till nine, right?", ("77", "Birch")),
    ],
)
def test_homes_beside_hours_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


# amounts and forms (edge/privacy/paperwork.py)


@pytest.mark.parametrize(
    "text",
    [
        "with the warranty that brings the amount financed to thirty-eight thousand two sixty",
        "the out the door on the Sorento comes to forty two thousand one fifty",
        "your payoff is nineteen thousand four twenty as of today",
        "el monto financiado queda en trescientos cuarenta y dos mil quinientos",
        "the lender won't take it without a 1099 from the app",
        "I'm 1099 now, no W-2 since March",
        "sign the We Owe for the second key and the mud flaps",
    ],
)
def test_amounts_and_forms_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "the payoff is twelve thousand and my account number is "
            "four four one two nine eight seven six five",
            ("four four one two",),
        ),
        (
            "the total is fine, call me at five five five two one nine eight",
            ("two one nine eight",),
        ),
        ("my account ends in 1099", ("1099",)),
        ("the We Owe is for Marcus Whitfield, he's coming back Tuesday", ("Whitfield",)),
    ],
)
def test_details_beside_amounts_and_forms_still_redacted(
    redactor: Redactor, text: str, words: tuple[str, ...]
) -> None:
    gone(redactor, text, *words)


def test_amount_needs_a_money_word_and_a_scale_inside() -> None:
    said = "forty-four thousand three eighty"
    assert paperwork.is_amount("it's financed to " + said, Span(17, 17 + len(said), Kind.PHONE))
    assert not paperwork.is_amount("call me at " + said, Span(11, 11 + len(said), Kind.PHONE))
    ending = "the total, call five five five two thousand"
    assert not paperwork.is_amount(ending, Span(16, len(ending), Kind.PHONE))


# a model year before a car (edge/privacy/model_year.py)


@pytest.mark.parametrize(
    "text",
    [
        "do you have floor mats for a twenty eighteen Tacoma, the rubber ones",
        "he traded in the 2017 Civic last spring",
        "I need wipers for my twenty twenty-one Explorer",
    ],
)
def test_model_year_kept(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("my address is 2019 Tacoma Avenue, unit 3", ("2019", "Tacoma")),
        ("I live at twenty nineteen Ram Road", ("nineteen",)),
    ],
)
def test_car_streets_still_redacted(redactor: Redactor, text: str, words: tuple[str, ...]) -> None:
    gone(redactor, text, *words)


def test_model_year_span_must_be_year_and_car() -> None:
    text = "mats for a twenty nineteen Ram and a 2019 Elm"
    assert model_year.is_car(text, Span(9, 30, Kind.ADDRESS))
    assert not model_year.is_car(text, Span(35, 45, Kind.ADDRESS))
    assert not model_year.is_car(text, Span(9, 30, Kind.NAME))
