"""`Turn.language` (contract 1.1): optional ISO 639-1, so turns from older hubs still validate."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from contract import CONTRACT_MINOR, asyncapi
from contract.payloads import Turn

_TURN = {
    "conversation_id": "conv-0123456789abcdef",
    "index": 0,
    "role": "customer",
    "speaker": "customer-1",
    "start_s": 0.0,
    "end_s": 1.5,
    "text": "¿Podemos hacer una prueba de manejo?",
}


def test_a_turn_carries_its_language_through_json() -> None:
    turn = Turn.model_validate(_TURN | {"language": "es"})
    assert Turn.model_validate_json(turn.model_dump_json()).language == "es"


def test_a_turn_from_a_hub_before_the_field_has_no_language() -> None:
    assert Turn.model_validate(_TURN).language is None


@pytest.mark.parametrize("bad", ["spanish", "ES", "es-419", ""])
def test_a_language_that_is_no_iso_639_1_code_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="language"):
        Turn.model_validate(_TURN | {"language": bad})


def test_the_asyncapi_document_describes_the_field_and_the_minor_version() -> None:
    document = yaml.safe_load(asyncapi.OUTPUT.read_text(encoding="utf-8"))
    assert document["info"]["version"] == f"1.{CONTRACT_MINOR}.0" and CONTRACT_MINOR >= 1
    text = yaml.safe_dump(document)
    assert "ISO 639-1 code of the language the turn was spoken in" in text
