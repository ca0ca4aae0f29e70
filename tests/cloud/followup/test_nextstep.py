"""The agreed next step from the last turns, in English and Spanish; else the stage's."""

from __future__ import annotations

import pytest

from cloud.followup.nextstep import next_step


@pytest.mark.parametrize(
    ("texts", "stage", "expected"),
    [
        (["Can I come back Saturday for a test drive?"], None, ("test_drive", "saturday", True)),
        (["I'll send you the written offer tomorrow."], "negotiating", ("offer", "tomorrow", True)),
        (["Le llamo mañana, ¿le parece?"], None, ("call", "tomorrow", True)),
        (["Nos vemos el sábado."], None, ("visit", "saturday", True)),
        (["¿Puede venir a firmar los documentos el viernes?"], None, ("paperwork", "friday", True)),
        (["Thanks, have a nice day."], "evaluating", ("test_drive", None, False)),
        (["Thanks."], None, ("info", None, False)),
        (
            [
                "Let's book a test drive Monday.",
                "Nice day.",
                "Bye.",
                "Take care.",
                "Ok.",
                "Thanks.",
            ],
            "closing",
            ("paperwork", None, False),  # said too long before the end: the stage decides
        ),
    ],
)
def test_next_step(
    texts: list[str], stage: str | None, expected: tuple[str, str | None, bool]
) -> None:
    found = next_step(texts, stage)
    assert (found.kind, found.when, found.agreed) == expected
