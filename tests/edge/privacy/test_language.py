"""Spanish lines told from English ones by their function words."""

from __future__ import annotations

import pytest

from edge.privacy.language import spanish


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("mira, el precio no me cierra", True),
        ("¿cuánto sale la camioneta con el paquete?", True),
        ("la verdad es que me gusta", True),
        ("the price is too high for us", False),
        ("El Camino is a classic, and the price is fair", False),
        ("ok", False),
    ],
)
def test_spanish_lines(line: str, expected: bool) -> None:
    assert spanish(line.replace(",", " ").replace("?", " ").split()) is expected
