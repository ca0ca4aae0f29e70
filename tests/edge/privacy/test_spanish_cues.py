"""Spanish names after a request, a handed call, a relative said colloquially, or "oye"."""

from __future__ import annotations

import pytest

from edge.privacy.redact import Redactor

TAKEN = [
    ("tengo una cita con rigoberto mañana", "tengo una cita con [NAME] mañana"),
    ("pásale la llamada a Inés, por favor", "pásale la llamada a [NAME], por favor"),
    ("comuníqueme con Abelardo Quintanilla", "comuníqueme con [NAME]"),
    ("vengo con mi compadre chuy", "vengo con mi compadre [NAME]"),
    ("mi tía graciela lo va a pagar", "mi tía [NAME] lo va a pagar"),
    ("busco a nayeli, ella me atendió", "busco a [NAME], ella me atendió"),
    ("oye leticia ya está el carro", "oye [NAME] ya está el carro"),
    ("gracias, Ulises", "gracias, [NAME]"),
    ("la licenciada Luz Elena lo firma", "la licenciada [NAME] lo firma"),
]

KEPT = [
    "oye nada que ver con el precio",
    "pásale a la sala de espera",
    "tengo cita con el gerente",
    "mi jefa dice que no",
    "mi amigo me dijo que aquí",
    "hola buenas tardes",
    "gracias por todo",
    "busco a alguien de ventas",
    "mi viejo carro ya no jala",
    "oye sol hace mucho calor",
    "hola mercedes benz, qué precio tiene",
]


@pytest.mark.parametrize(("text", "expected"), TAKEN)
def test_cued_spanish_names_are_taken(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_spanish_talk_after_the_cues_stays(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
