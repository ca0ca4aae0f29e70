"""Spanish turns: language guess, objection/signal ids, sentiment, and the understander."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from contract.payloads import Objection, Signal
from edge.understand.classify import LabelClassifier
from edge.understand.language import detect_language, fold, language_of
from edge.understand.metrics import MetricsTracker, open_questions
from edge.understand.models import load_embedder
from edge.understand.sentiment import SentimentTrend
from edge.understand.sentiment_es import spanish_scorer
from edge.understand.spanish import SpanishClassifier
from edge.understand.stage import JourneyTracker
from edge.understand.understander import Understander
from tests.edge.test_cli import EDGE

ISSUE_SENTENCES = {
    "El precio es demasiado alto para nosotros": ["price"],
    "¿Podemos hacer una prueba de manejo?": ["test_drive"],
    "Necesito pensarlo con mi esposa": ["think_it_over"],
}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿cuánto sería la mensualidad?", "es"),
        ("esta muy caro el carro", "es"),  # ASR text without accents
        ("it's too much, el precio está por las nubes", "es"),
        ("can we take it for a test drive", "en"),
        ("ok", "en"),  # nothing to go on: the default
    ],
)
def test_language_is_guessed_from_function_words(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_given_language_wins_and_an_unknown_one_is_an_error() -> None:
    assert language_of("the price is too high", "es") == "es"
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        language_of("c'est trop cher", "fr")


def test_fold_drops_accents_and_case() -> None:
    assert fold("¿Está CARÍSIMO, señor?") == "¿esta carisimo, senor?"


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
        ("qué bonito color", []),
        ("   ", []),
    ],
)
def test_spanish_classes(text: str, labels: list[str]) -> None:
    assert sorted(str(h.label) for h in SpanishClassifier()(text)) == sorted(labels)


def test_spanish_sentiment_reads_negation_and_but() -> None:
    score = spanish_scorer()
    assert score("me encanta este carro").label == "positive"
    assert score("no me gusta nada").label == "negative"
    assert score("El precio es demasiado alto para nosotros").label == "negative"
    assert score("es bonito, pero está carísimo").label == "negative"
    assert score("").label == "neutral"


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


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("¿Qué es lo más importante para usted en un carro?", 1),
        ("Bueno, ¿cómo lo va a usar? ¿Le gusta el rojo?", 1),  # the second is yes/no
        ("cuenteme que busca?", 1),  # ASR text without accents or ¿
        ("¿Le gusta?", 0),
    ],
)
def test_spanish_open_questions_are_counted(text: str, count: int) -> None:
    assert open_questions(text) == count


def test_spanish_turns_move_the_stage_and_urgency() -> None:
    text = "¿me lo pueden entregar hoy mismo?"
    labels = [h.label for h in SpanishClassifier()(text) if isinstance(h.label, Objection | Signal)]
    assert labels == [Signal.DELIVERY]
    without_soon = JourneyTracker().update(labels, "¿me lo pueden entregar?")
    stage, urgency = JourneyTracker().update(labels, text)
    assert stage == "closing"
    assert urgency > without_soon[1]  # "hoy mismo" raises it


@pytest.mark.parametrize(("reply", "handled"), [("Entiendo, déjeme ver.", True), ("Ok.", False)])
def test_a_spanish_acknowledgement_handles_an_objection(reply: str, handled: bool) -> None:
    tracker = MetricsTracker()
    tracker.add(0, "customer", 0.0, 2.0, "está muy caro", [Objection.PRICE])
    tracker.add(1, "salesperson", 2.5, 5.0, reply, [])
    (follow_up,) = tracker.snapshot(None, None, None).objections
    assert follow_up.handled is handled


def test_a_souring_spanish_conversation_shows_in_the_trend() -> None:
    score, trend = spanish_scorer(), SentimentTrend()
    turns = ["¡qué bonito, me encanta!", "está bien", "eso es un robo, no me gusta nada"]
    drops = [trend.add(score(text).score) for text in turns]
    assert drops[0] == 0.0
    assert drops[-1] > 0.5
    assert trend.slope < 0
