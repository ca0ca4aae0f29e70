"""The real hub path on espeak-ng dialogues: listening -> understanding -> coaching."""

from __future__ import annotations

from pathlib import Path

from contract.ids import HubAddress
from contract.payloads import (
    CoachingPrompt,
    ConversationEnded,
    ConversationStarted,
    PromptOutcome,
    Turn,
)
from edge.audio.file_source import FileSource
from edge.coach.engine import Coach
from edge.coach.playbook import Playbook, load_playbook
from edge.coach.sinks.console import ConsoleSink
from edge.coach.sinks.led import SysfsLedSink
from edge.events import MemorySink
from edge.listen.live import LiveListener
from edge.listen.models import ListeningModels
from edge.listen.voiceprints import Voiceprint
from edge.privacy.gate import PrivacyGate
from edge.privacy.settings import PrivacySettings
from edge.understand.audio_tap import RecentAudio, tap
from edge.understand.classify import LabelClassifier
from edge.understand.conversation import ConversationAssembler
from edge.understand.understander import Understander
from harness.speech import CUSTOMER, SALESPERSON, make_dialogue
from tests.aio import run

DIALOGUE = [
    (SALESPERSON, "Welcome in. I look after our hybrid models. I can show you the whole range, "
                  "the trims, the colours and the warranty, and everything we have in stock."),
    (SALESPERSON, "We also have service plans, extended coverage and accessories for every "
                  "model, and our service department is open on Saturdays."),
    (CUSTOMER, "Honestly, the price is way too high for this car."),
    (SALESPERSON, "I hear you. What monthly budget would work for you?"),
    (CUSTOMER, "Still, that price is too expensive for me."),
    (SALESPERSON, "Let me see what I can do on that."),
    (CUSTOMER, "Can I take it for a test drive today?"),
    (SALESPERSON, "Of course, let me get the keys and we can drive it now."),
]  # fmt: skip


def playbook() -> Playbook:
    base = load_playbook()
    rules = [r for r in base.rules if r.id != "talk-ratio"]
    talk = next(r for r in base.rules if r.id == "talk-ratio")
    short = talk.model_copy(update={"when": talk.when.model_copy(update={"for_s": 8.0})})
    return base.model_copy(update={"rules": (*rules, short), "spoken_interval_s": 0.0})


def test_prompts_fire_in_order_with_cool_downs(
    tmp_path: Path,
    coach_listening: ListeningModels,
    coach_classifier: LabelClassifier,
    salesperson: Voiceprint,
) -> None:
    wav = tmp_path / "visit.wav"
    make_dialogue(DIALOGUE, wav)
    (tmp_path / "leds" / "green").mkdir(parents=True)
    (tmp_path / "leds" / "green" / "brightness").write_text("0")

    async def scenario() -> tuple[MemorySink, ConsoleSink, list[str]]:
        events = MemorySink(HubAddress.of("t", "s", "h"))
        console = ConsoleSink()
        led = SysfsLedSink({"green": "green"}, tmp_path / "leds", hold_s=60)
        recent = RecentAudio()
        coach = Coach(playbook(), [console, led], events, speaking=recent.speaking)
        assembler = ConversationAssembler(
            Understander(coach_classifier),
            events,
            PrivacyGate.ephemeral(PrivacySettings()),
            audio=recent,
        )
        listener = LiveListener(coach_listening, [salesperson])
        brightness = []
        async for heard in listener.listen(tap(aiter(FileSource(wav, 30)), recent)):
            for result in await assembler.hear(heard):
                for prompt in await coach.on_turn(result):
                    if prompt.rule == "test-drive":
                        brightness.append((tmp_path / "leds/green/brightness").read_text())
        await assembler.end("shutdown")
        await coach.close()
        return events, console, brightness

    events, console, brightness = run(scenario(), 150)
    data = [e.data for e in events.events]  # type: ignore[attr-defined]
    assert isinstance(data[0], ConversationStarted)
    assert isinstance(data[-1], ConversationEnded)
    prompts = [d for d in data if isinstance(d, CoachingPrompt)]
    # the monologue, the first price objection (the second is inside its cool-down), the signal
    assert [p.rule for p in prompts] == ["talk-ratio", "price-objection", "test-drive"]
    assert all(p.latency_s is not None for p in prompts)
    assert brightness == ["1"]  # the green LED was lit when the test-drive prompt fired
    assert "led" in prompts[-1].sinks
    outcomes = {o.prompt_id: o.followed for o in data if isinstance(o, PromptOutcome)}
    assert outcomes[prompts[1].prompt_id] is True  # "What monthly budget would work?"
    turns = [d for d in data if isinstance(d, Turn)]
    assert {t.role for t in turns} == {"salesperson", "customer"}
    customer = [t for t in turns if t.role == "customer"]
    assert all(t.sentiment is not None for t in customer)
    assert customer[0].sentiment is not None and customer[0].sentiment.label == "negative"
    ended = data[-1]
    assert isinstance(ended, ConversationEnded)
    metrics = ended.metrics
    assert metrics.objections and metrics.objections[0].handled
    assert console.lines[0].startswith("PROMPT [talk-ratio]")
