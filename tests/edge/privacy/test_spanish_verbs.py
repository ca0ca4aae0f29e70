"""Spanish commands with a pronoun attached are no names; names of that shape stay names."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor
from edge.privacy.spanish_verbs import is_command


@pytest.mark.parametrize("word", ["Llévelo", "Dígale", "Pásele", "Ábrela", "Mándenos"])
def test_commands_with_a_pronoun(word: str) -> None:
    assert is_command(word)


@pytest.mark.parametrize("word", ["Ángela", "Rómulo", "Mónica", "Hipólito", "Pérez", "Julia"])
def test_names_are_no_commands(word: str) -> None:
    assert not is_command(word)


def test_a_command_opening_a_line_is_kept(redactor: Redactor) -> None:
    text = "Déjelo a nombre de la empresa, por favor."
    assert redactor(text).text == text
