"""Figures in turns, which of them count as confirmed, and which a draft may not say."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cloud.followup.figures import Said, confirmed, customer_figures, find, unconfirmed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It's $32,500 out the door", [("amount", "32500")]),
        ("$449 a month at 3.9% APR", [("payment", "449"), ("rate", "3.9")]),
        ("my budget is 30k", [("amount", "30000")]),
        ("about 25 thousand dollars", [("amount", "25000")]),
        ("Can you do 400 a month?", [("payment", "400")]),
        ("with 2,000 down", [("amount", "2000")]),
        ("el precio es 32.500 dólares", [("amount", "32500")]),
        ("puedo pagar 350 al mes", [("payment", "350")]),
        ("una tasa de 3,9 por ciento", [("rate", "3.9")]),
        ("USD 1.234,56 en total", [("amount", "1234.56")]),
        ("I drive a 2015 Civic with 80,000 miles", []),
        ("Reply STOP to opt out. Call 555-0101.", []),
    ],
)
def test_figures_are_found_in_english_and_spanish(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(f.kind, f.value) for f in find(text)] == [(k, Decimal(v)) for k, v in expected]


def test_the_salesperson_confirms_by_saying_or_agreeing() -> None:
    turns = [
        Said("customer", "I was hoping for 400 a month."),
        Said("salesperson", "Yes, we can do that with 2,000 down."),
        Said("customer", "And could the price be $29,000?"),
        Said("salesperson", "The best I can do is $31,200."),
        Said("customer", "My budget is 30k."),
        Said("salesperson", "Let me see what I can do."),
    ]
    got = {(f.kind, f.value) for f in confirmed(turns)}
    # 400/month agreed ("Yes"), 2,000 and 31,200 said by the salesperson; 29,000 was answered
    # with a counter-offer and 30k was not agreed to: neither is confirmed.
    assert got == {("payment", Decimal(400)), ("amount", Decimal(2000)), ("amount", Decimal(31200))}
    assert {f.value for f in customer_figures(turns)} == {400, 29000, 30000}


def test_an_affirmation_with_a_counter_figure_confirms_only_the_counter() -> None:
    turns = [
        Said("customer", "Can you do 400 a month?"),
        Said("salesperson", "Yes, at $450 a month."),
    ]
    assert [(f.kind, f.value) for f in confirmed(turns)] == [("payment", Decimal(450))]


def test_a_customers_figure_is_not_confirmed_by_the_customer_or_a_later_yes() -> None:
    turns = [
        Said("customer", "So $28,000 then?"),
        Said("customer", "Yes."),
        Said("salesperson", "Yes, good question, let me check."),
    ]
    assert confirmed(turns) == []


def test_unconfirmed_names_figures_outside_the_allowed_ones() -> None:
    allowed = find("$449 a month")
    assert unconfirmed("Your payment: $449/mo.", allowed) == []
    bad = unconfirmed("Only $449 a month, 0% APR and $0 down!", allowed)
    assert [f.said for f in bad] == ["0%", "$0"]
