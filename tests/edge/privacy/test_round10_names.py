"""Round 10: a family's second person and a particle said again; roles and "mira" are no names."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

TAKEN = [
    ("Kwame Mensah and Abena Mensah will both sign", "[NAME] and [NAME] will both sign"),
    ("kwame mensah and abena mensah will both sign", "[NAME] and [NAME] will both sign"),
    ("it's under omar bin rashid, yes, bin rashid", "it's under [NAME], yes, [NAME]"),
    ("Mira is coming at noon for the keys", "[NAME] is coming at noon for the keys"),
    ("Mira Sánchez viene mañana", "[NAME] viene mañana"),
    ("ask for Buddy at the front desk", "ask for [NAME] at the front desk"),
]

KEPT = [
    "Mom called about the payment",
    "Buddy said it was fine by him",
    "Customer says the brakes squeal",
    "Dad will sign if the rate is right",
    "mira puedes pasar a la oficina",
    "Mira, no quiero decidir hoy",
    "oye, ya llegó el del tahoe",
]


@pytest.mark.parametrize(("text", "expected"), TAKEN)
def test_names_are_taken(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_roles_and_openers_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
