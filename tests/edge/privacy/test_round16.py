"""Round 16's over-redaction classes (docs/benchmarks.md, "Redaction, round 16").

The lines are my own wordings: each line that must stay has one of the same shape that must
still be redacted.
"""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from tests.edge.privacy.probes import gone, kept

# the dealership's own address and number (edge/privacy/business.py)


@pytest.mark.parametrize(
    "text",
    [
        "our shop's at 2750 Lakeview Parkway, park by the side door",
        "the showroom's on 3100 Harbor Boulevard",
        "ring the showroom main line at 555-301-7788 and ask for sales",
        "the store number is 555-301-7788",
        "nos pueden marcar al 81 4455 2200 cualquier día",
        "estamos en calle Morelos 310, al lado del Soriana",
        "we're at 900 Birch Avenue, call the main line at 555-301-7788",
        "after the move we're on 900 Auto Mall Parkway",
    ],
)
def test_the_dealerships_own_details_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("my house's at 2750 Lakeview Parkway, park by the side door", "2750"),
        ("ring my cell at 555-301-7788 and ask for me", "7788"),
        ("me pueden marcar al 81 4455 2200 cualquier día", "2200"),
        ("vivo en calle Morelos 310, al lado del Soriana", "310"),
        ("i'm on 900 Birch Avenue, call my cell at 555-301-7788", "7788"),
    ],
)
def test_a_customers_details_of_the_same_shape_go(
    redactor: Redactor, text: str, detail: str
) -> None:
    gone(redactor, text, detail)


# words taken as names that are not (edge/privacy/not_names.py)


@pytest.mark.parametrize(
    "text",
    [
        "wepa, ese azul está brutal",
        "mira the silver one is nicer no",
        "Okey, lo reviso con el gerente",
        "Ohhh, so that's the hybrid one",
        "Rose gold looks great on this one",
        "ese rosa palo se ve bien en la camioneta",
        "me gusta más el gris Oxford",
        "we close early on Sundays",
        "mi esposa es maestra y yo soy chofer",
    ],
)
def test_interjections_colours_days_and_trades_stay(redactor: Redactor, text: str) -> None:
    kept(redactor, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("oye Wepa Díaz, ese azul está brutal", "Díaz"),
        ("Mira is picking up the silver one", "Mira"),
        ("Rose Garrity looks great in this one", "Garrity"),
        ("mi mamá rosa maría quispe lo va a manejar", "quispe"),
        ("Ximena prefiere el gris Oxford", "Ximena"),
        ("me gusta más el gris, dice Ximena", "Ximena"),
        ("mi esposa es marisela y yo soy chofer", "marisela"),
    ],
)
def test_names_of_the_same_shape_go(redactor: Redactor, text: str, name: str) -> None:
    gone(redactor, text, name)
