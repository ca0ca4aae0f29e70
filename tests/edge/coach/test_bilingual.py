"""Prompts in the salesperson's language: a bilingual playbook, a choice per salesperson."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from contract.ids import HubAddress
from contract.payloads import CoachingPrompt, LabelHit, Presence, Turn
from edge.coach.engine import Coach
from edge.coach.errors import PlaybookError
from edge.coach.factory import build_coach
from edge.coach.playbook import load_playbook
from edge.coach.settings import CoachingSettings
from edge.coach.sinks.console import ConsoleSink
from edge.events import MemorySink
from edge.understand.conversation import TurnResult
from edge.understand.sentiment import TextSentiment
from edge.understand.understander import Reading
from tests.aio import run

CONVERSATION = "conv-00000000000000a1"
OTHER_CONVERSATION = "conv-00000000000000a2"


def test_every_prompt_of_the_shipped_playbook_is_in_english_and_spanish() -> None:
    playbook = load_playbook()
    assert playbook.languages == ("en", "es")
    spoken = [rule for rule in playbook.rules if rule.say is not None]
    assert len(spoken) >= 14
    for rule in spoken:
        assert rule.say is not None and set(rule.say) == {"en", "es"}, rule.id
        assert rule.say["es"] != rule.say["en"], f"{rule.id}: Spanish is a copy of English"


def test_a_playbook_missing_a_language_is_refused_naming_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "playbook.yaml"
    path.write_text(
        "languages: [en, es]\nrules:\n"
        "  - id: greet\n    when: {labels: [price]}\n    kind: objection\n"
        "    say: {en: Say hello., es: Salude.}\n"
        "  - id: budget\n    when: {labels: [monthly_payment]}\n    kind: objection\n"
        "    say: Ask about the budget.\n"
    )
    with pytest.raises(PlaybookError, match="rule 'budget' has no `say` in es"):
        load_playbook(path)


def test_an_english_only_playbook_still_loads_and_speaks_english_to_everyone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "playbook.yaml"
    path.write_text(
        "rules:\n  - id: greet\n    when: {labels: [price]}\n    kind: objection\n"
        "    say: Ask about the budget.\n"
    )
    rule = load_playbook(path).rules[0]
    assert rule.say == {"en": "Ask about the budget."}
    assert rule.say_in("es") == "Ask about the budget."


def _result(conversation: str, index: int, role: str, speaker: str, label: str = "") -> TurnResult:
    turn = Turn(
        conversation_id=conversation,
        index=index,
        role=role,  # type: ignore[arg-type]
        speaker=speaker,
        start_s=float(index),
        end_s=index + 1.0,
        text="...",
        labels=[LabelHit(label=label, confidence=0.9)] if label else [],  # type: ignore[arg-type]
        language="es" if role == "customer" else "en",
    )
    return TurnResult(
        turn=turn,
        reading=Reading(TextSentiment(0.0, "neutral"), ()),
        text="...",
        stream_end=index + 1.0,
        endpointed_at=0.0,
        sentiment_drop=0.0,
        talk_ratio_recent=None,
        stream_now=index + 1.0,
    )


def test_each_salesperson_hears_prompts_in_their_own_language() -> None:
    settings = CoachingSettings.model_validate(
        {"prompt_language": {"default": "en", "staff": {"maria": "es"}}}
    )
    events = MemorySink(HubAddress.of("t", "s", "h"))
    stream = io.StringIO()
    pseudonyms = {"maria": "staff-0000000000000001", "sam": "staff-0000000000000002"}
    coach = build_coach(
        settings, events, console=ConsoleSink(stream), pseudonym=pseudonyms.__getitem__
    )

    async def scenario() -> list[CoachingPrompt]:
        prompts = []
        # Maria (Spanish prompts) serves a Spanish-speaking customer...
        await coach.on_turn(_result(CONVERSATION, 0, "salesperson", pseudonyms["maria"]))
        prompts += await coach.on_turn(_result(CONVERSATION, 1, "customer", "customer-1", "price"))
        # ...Sam (not listed: the default, English) serves another one in Spanish too.
        await coach.on_turn(_result(OTHER_CONVERSATION, 0, "salesperson", pseudonyms["sam"]))
        prompts += await coach.on_turn(
            _result(OTHER_CONVERSATION, 1, "customer", "customer-1", "test_drive")
        )
        await coach.close()
        return prompts

    price, drive = run(scenario())
    assert (price.rule, price.text) == (
        "price-objection",
        "Reconózcalo y pregunte qué presupuesto mensual le conviene.",
    )
    assert (drive.rule, drive.text) == ("test-drive", "Offer the test drive now.")
    assert "Reconózcalo" in stream.getvalue()


def test_before_any_salesperson_speaks_the_site_default_applies() -> None:
    events = MemorySink(HubAddress.of("t", "s", "h"))
    coach = Coach(load_playbook(), [ConsoleSink(io.StringIO())], events)
    settings = CoachingSettings.model_validate({"prompt_language": {"default": "es"}})
    spanish_site = build_coach(settings, events, console=ConsoleSink(io.StringIO()))

    async def scenario() -> tuple[list[CoachingPrompt], list[CoachingPrompt]]:
        first = await coach.on_turn(_result(CONVERSATION, 0, "customer", "customer-1", "price"))
        second = await spanish_site.on_turn(
            _result(CONVERSATION, 0, "customer", "customer-1", "price")
        )
        await coach.close()
        await spanish_site.close()
        return first, second

    english, spanish = run(scenario())
    assert english[0].text == "Acknowledge, then ask what monthly budget works."
    assert spanish[0].text.startswith("Reconózcalo")


def test_the_waiting_prompt_is_in_the_nearest_salespersons_language() -> None:
    settings = CoachingSettings.model_validate({"prompt_language": {"staff": {"maria": "es"}}})
    events = MemorySink(HubAddress.of("t", "s", "h"))
    coach = build_coach(
        settings,
        events,
        console=ConsoleSink(io.StringIO()),
        pseudonym=lambda name: "staff-00000000000000f1",
    )
    waiting = Presence(
        action="waiting",
        zone="SUV row",
        visit_id="visit-0000000000000001",
        staff="staff-00000000000000f1",
    )

    async def scenario() -> CoachingPrompt | None:
        prompt = await coach.on_waiting(waiting)
        await coach.close()
        return prompt

    prompt = run(scenario())
    assert prompt is not None and prompt.text == "Un cliente espera en SUV row."


def test_a_prompt_language_that_is_no_code_is_refused() -> None:
    with pytest.raises(ValueError, match=r"prompt_language\.staff\.maria"):
        CoachingSettings.model_validate({"prompt_language": {"staff": {"maria": "Spanish"}}})
