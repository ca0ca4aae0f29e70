"""Fixtures for every hub test: a scripted two-voice showroom dialogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.speech import CUSTOMER, SALESPERSON, Turn, make_dialogue

DIALOGUE = [
    (
        SALESPERSON,
        "Good morning and welcome in. My name is Sam and I look after our hybrid and electric "
        "models. What brings you to the dealership today?",
    ),
    (CUSTOMER, "Hi. I am looking at the hybrid SUV, but honestly the price seems too high."),
    (SALESPERSON, "I understand. What monthly payment would work for your budget?"),
    (CUSTOMER, "Something around four hundred dollars a month, with my trade-in."),
    (SALESPERSON, "That is doable. Would you like to take it for a test drive first?"),
    (CUSTOMER, "Yes, I would love to drive it today."),
]


@pytest.fixture(scope="session")
def dialogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Turn]]:
    """A showroom dialogue in two espeak-ng voices, and where each line lies."""
    path = tmp_path_factory.mktemp("dialogue") / "showroom.wav"
    return path, make_dialogue(DIALOGUE, path)
