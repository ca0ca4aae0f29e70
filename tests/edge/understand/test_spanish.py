"""Spanish objection/signal ids, the understander's choice of language, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from contract.payloads import Objection, Signal
from edge.understand.classify import LabelClassifier
from edge.understand.models import load_embedder
from edge.understand.spanish import SpanishClassifier
from edge.understand.understander import Understander
from tests.edge.test_cli import EDGE

ISSUE_SENTENCES = {
    "El precio es demasiado alto para nosotros": ["price"],
    "¿Podemos hacer una prueba de manejo?": ["test_drive"],
    "Necesito pensarlo con mi esposa": ["think_it_over"],
}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        *ISSUE_SENTENCES.items(),
        ("la letra me queda muy alta", ["monthly_payment"]),
        ("¿cuánto tengo que dar de enganche?", ["payment_question"]),
        ("nomás estamos viendo", ["timing"]),
        ("está caro y lo tengo que hablar con mi esposo", ["price", "think_it_over"]),
        ("el monthly payment is way too high", ["monthly_payment"]),  # English rules too
        ("¿qué es este cargo adicional?", ["trust"]),  # not "cargo" as in cargo space
        ("Quiero manejar la camioneta antes de decidir", ["test_drive"]),
        ("¿cuánto me darían por mi Corolla?", ["trade_in"]),  # their own car: no competitor
        ("yo manejo para Uber los fines de semana", []),
        ("qué bonito color", []),
        ("   ", []),
    ],
)
def test_spanish_classes(text: str, labels: list[str]) -> None:
    assert sorted(str(h.label) for h in SpanishClassifier()(text)) == sorted(labels)


def test_understander_reads_each_language_with_its_own_parts(showfloor_bundle_dir: Path) -> None:
    understander = Understander(LabelClassifier(load_embedder(showfloor_bundle_dir)))
    spanish = understander.read("¿Podemos hacer una prueba de manejo hoy?")
    assert spanish.language == "es"
    assert [h.label for h in spanish.hits] == [Signal.TEST_DRIVE]
    english = understander.read("can we take it for a test drive")
    assert english.language == "en"
    assert Signal.TEST_DRIVE in [h.label for h in english.hits]
    told = understander.read("demasiado caro", language="es")
    assert [h.label for h in told.hits] == [Objection.PRICE]
    assert told.sentiment.label == "negative"


def test_cli_gives_the_issue_sentences_their_ids(showfloor_bundle_dir: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment["SHOWFLOOR_MODELS__BUNDLE_DIR"] = str(showfloor_bundle_dir)
    result = subprocess.run(
        [EDGE, "understand"],
        input="\n".join(ISSUE_SENTENCES) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    readings = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["text"]: [h["label"] for h in r["labels"]] for r in readings} == ISSUE_SENTENCES
    assert {r["language"] for r in readings} == {"es"}
    assert readings[0]["sentiment"]["label"] == "negative"
