"""A turn is read and coached on its text as first heard; its event carries the re-decode.

The live listener re-decodes each utterance with the conversation's context off the coaching
path (`Heard.revised`): the prompt never waits for it, and the `Turn` event is sent with the
re-decoded text (redacted on the hub) when it comes by `Heard.revise_by`, else with the text as
first heard.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from contract.ids import HubAddress
from contract.payloads import CoachingPrompt, ConversationEnded, Turn
from edge.coach.engine import Coach
from edge.coach.playbook import load_playbook
from edge.coach.sinks.console import ConsoleSink
from edge.events import MemorySink
from edge.listen.live import Heard
from edge.listen.transcript import Segment
from edge.privacy.gate import PrivacyGate
from edge.privacy.settings import PrivacySettings
from edge.understand.classify import LabelClassifier
from edge.understand.conversation import ConversationAssembler
from edge.understand.models import load_embedder
from edge.understand.understander import Understander
from tests.aio import run

HUB = HubAddress.of("acme", "downtown", "hub-a")
AS_HEARD = "Honestly, the price is way too high for this car."
REDECODED = "Honestly, the price is way too high for this car. Call me on 310 555 1212."


@pytest.fixture(scope="module")
def classifier(showfloor_bundle_dir: Path) -> LabelClassifier:
    return LabelClassifier(load_embedder(showfloor_bundle_dir))


def heard(revised: asyncio.Future[tuple[str, ...] | None], wait_s: float) -> Heard:
    now = time.monotonic()
    segment = Segment(
        start=0.0, end=3.0, speaker="customer-1", role="customer", text=AS_HEARD, language="en"
    )
    return Heard(0.0, 3.0, (segment,), (), now, now, revised=revised, revise_by=now + wait_s)


def hub(classifier: LabelClassifier) -> tuple[MemorySink, ConversationAssembler, Coach]:
    events = MemorySink(HUB)
    privacy = PrivacyGate.ephemeral(PrivacySettings(consent_mode="one_party"))
    assembler = ConversationAssembler(Understander(classifier), events, privacy)
    return events, assembler, Coach(load_playbook(), [ConsoleSink()], events)


def sent(events: MemorySink) -> list[object]:
    return [e.data for e in events.events]  # type: ignore[attr-defined]


def test_the_prompt_does_not_wait_for_the_redecode_and_the_turn_carries_it(
    classifier: LabelClassifier,
) -> None:
    events, assembler, coach = hub(classifier)

    async def scenario() -> tuple[list[object], list[CoachingPrompt]]:
        revised: asyncio.Future[tuple[str, ...] | None] = asyncio.get_running_loop().create_future()
        (result,) = await assembler.hear(heard(revised, wait_s=60.0))
        assert result.text == AS_HEARD  # read on the text as first heard
        prompts = await coach.on_turn(result)
        before = sent(events)  # the prompt is out, the re-decode not yet done
        revised.set_result((REDECODED,))
        await assembler.end("shutdown")
        await coach.close()
        return before, prompts

    before, prompts = run(scenario(), 60)
    assert [p.rule for p in prompts] == ["price-objection"]
    assert any(isinstance(d, CoachingPrompt) for d in before)
    assert not any(isinstance(d, Turn) for d in before)  # the turn waits for its text
    data = sent(events)
    (turn,) = [d for d in data if isinstance(d, Turn)]
    assert turn.text is not None and turn.text.startswith("Honestly, the price is way too high")
    assert "Call me on" in turn.text and "1212" not in turn.text  # redacted on the hub
    assert turn.redactions >= 1 and turn.words == len(REDECODED.split())
    assert turn.labels and turn.labels[0].label == "price"  # the reading of the first text
    assert isinstance(data[-1], ConversationEnded)  # after its turn
    assert data.index(turn) < len(data) - 1


def test_a_turn_whose_redecode_misses_its_bound_is_sent_as_first_heard(
    classifier: LabelClassifier,
) -> None:
    events, assembler, coach = hub(classifier)

    async def scenario() -> asyncio.Future[tuple[str, ...] | None]:
        revised: asyncio.Future[tuple[str, ...] | None] = asyncio.get_running_loop().create_future()
        for result in await assembler.hear(heard(revised, wait_s=0.2)):
            await coach.on_turn(result)
        await asyncio.sleep(0.5)
        assert any(isinstance(d, Turn) for d in sent(events))  # sent at its bound, not at end
        await assembler.end("shutdown")
        await coach.close()
        return revised

    revised = run(scenario(), 60)
    assert revised.cancelled()  # the context path skips what no one waits for
    (turn,) = [d for d in sent(events) if isinstance(d, Turn)]
    assert turn.text == AS_HEARD and turn.redactions == 0


def test_a_forgotten_conversation_sends_no_turn_still_waiting(classifier: LabelClassifier) -> None:
    events, assembler, coach = hub(classifier)

    async def scenario() -> None:
        revised: asyncio.Future[tuple[str, ...] | None] = asyncio.get_running_loop().create_future()
        await assembler.hear(heard(revised, wait_s=60.0))
        assembler.forget()
        revised.set_result((REDECODED,))
        await asyncio.sleep(0.2)
        await coach.close()

    run(scenario(), 60)
    assert not any(isinstance(d, Turn) for d in sent(events))
