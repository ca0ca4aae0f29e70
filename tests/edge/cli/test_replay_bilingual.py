"""The figure of issue 14: a bilingual showroom conversation replayed through the whole hub.

Sam (enrolled, English) serves a customer who speaks Spanish, then switches to English. Each
turn carries the language it was spoken in, and the prompts come in Sam's language (English:
the customer's language does not choose it). The Spanish objections are understood only with
the Spanish classifier (branch spanish-understand): those assertions are in their own test.

Twice: with the turns 1 s apart (an utterance each) and 0.5 s apart, quicker than the
endpointer's `vad.end_of_utterance_ms`: the turns are then heard in shared utterances, whose
parts between pauses are each decoded in their language (`edge.listen.switching`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.events import parse_event
from contract.payloads import CoachingPrompt, Turn
from edge.coach.playbook import load_playbook
from harness.speech import SALESPERSON, make_dialogue
from tests.edge.test_cli import edge

pytestmark = pytest.mark.slow
DEMO = Path(__file__).resolve().parents[3] / "demo"
CUSTOMER_ES = "es-419+f3"
CUSTOMER_EN = "en-us+f3"
DIALOGUE = [
    (SALESPERSON, "Good morning, welcome to the showroom. I'm Sam. What can I help you with?"),
    (CUSTOMER_ES, "Buenos días. Nos gusta la camioneta, pero el precio es demasiado alto."),
    (SALESPERSON, "I hear you. What monthly payment would fit your budget?"),
    (CUSTOMER_ES, "No sé. ¿Podemos hacer una prueba de manejo primero?"),
    (CUSTOMER_EN, "And how much will you give me for my old car as a trade in?"),
    (SALESPERSON, "We can appraise your car today while you drive it."),
]


@pytest.fixture(scope="module")
def enrolled(showfloor_bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Sam's voiceprint."""
    enrolled = str(tmp_path_factory.mktemp("bilingual") / "enrolled")
    enrolling = edge(
        "enroll", "Sam Carter", str(DEMO / "sam-enrollment.flac"), "--enrolled", enrolled,
        bundle=showfloor_bundle_dir,
    )  # fmt: skip
    assert enrolling.returncode == 0, enrolling.stderr
    return enrolled


@pytest.fixture(scope="module", params=[1.0, 0.5], ids=["1s-apart", "quick-turns-0.5s-apart"])
def replayed(
    request: pytest.FixtureRequest,
    enrolled: str,
    showfloor_bundle_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Turn], list[CoachingPrompt]]:
    """The turns and prompts of the replay on a bilingual site (`asr.languages: [en, es]`)."""
    tmp = tmp_path_factory.mktemp("bilingual")
    wav = tmp / "bilingual.wav"
    make_dialogue(DIALOGUE, wav, gap_s=request.param)
    config = tmp / "edge.yaml"
    config.write_text("asr:\n  languages: [en, es]\n")
    result = edge(
        "replay", str(wav), "--format", "jsonl", "--enrolled", enrolled, "--config", str(config),
        bundle=showfloor_bundle_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = [parse_event(line).data for line in result.stdout.splitlines()]
    return (
        [d for d in data if isinstance(d, Turn)],
        [d for d in data if isinstance(d, CoachingPrompt)],
    )


def test_each_turn_carries_the_language_it_was_spoken_in(
    replayed: tuple[list[Turn], list[CoachingPrompt]],
) -> None:
    turns, _ = replayed
    customer = [t.language for t in turns if t.role == "customer"]
    assert customer == ["es", "es", "en"]  # one switch to English
    assert {t.language for t in turns if t.role == "salesperson"} == {"en"}


def test_the_english_objection_after_the_switch_prompts_sam_in_english(
    replayed: tuple[list[Turn], list[CoachingPrompt]],
) -> None:
    _, prompts = replayed
    by_rule = {p.rule: p.text for p in prompts}
    assert by_rule["trade-in-objection"] == "Walk them through the appraisal and the market report."
    english = {rule.say_in("en") for rule in load_playbook().rules}
    assert prompts and all(p.text in english for p in prompts)


def test_the_spanish_price_objection_prompts_sam_in_english(
    replayed: tuple[list[Turn], list[CoachingPrompt]],
) -> None:
    # The Spanish test-drive question is not asserted: live, per-utterance transcription of
    # espeak-ng's Spanish garbles "prueba de manejo" (seen: "no me mocha se vufa ... me manejo").
    _, prompts = replayed
    by_rule = {p.rule: p.text for p in prompts}
    assert by_rule["price-objection"] == "Acknowledge, then ask what monthly budget works."
    assert prompts[0].rule == "price-objection"
