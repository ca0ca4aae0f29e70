"""Polish after the customer leaves: an ended conversation's turns sent again, redacted.

Real espeak speech and the real Whisper of the bundle (through `LiveListener.polish`); the
turns' text as heard is written by the test (a mis-heard turn), so that what the whole decode
changes is known.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from contract.events import Envelope
from contract.ids import HubAddress
from contract.payloads import ConversationEnded, Payload, Turn, TurnRevised
from edge.events import MemorySink
from edge.listen import models as listen_models
from edge.listen.asr import normalise
from edge.listen.live import Heard, LiveListener
from edge.listen.models import ListeningModels
from edge.listen.transcript import Role, Segment
from edge.privacy.gate import PrivacyGate
from edge.privacy.settings import PrivacySettings
from edge.settings import EdgeSettings, ModelSettings
from edge.understand.classify import LabelClassifier
from edge.understand.conversation import ConversationAssembler, EndReason
from edge.understand.models import load_embedder
from edge.understand.polish import TurnPolisher
from edge.understand.understander import Understander
from harness.speech import CUSTOMER, SALESPERSON, speak
from tests.aio import run

pytestmark = pytest.mark.slow

HUB = HubAddress.of("acme", "downtown", "hub-a")
LINES = [
    (SALESPERSON, "Good afternoon, what can I show you today?"),
    (CUSTOMER, "Just browsing, thanks. My name is Sarah Johnson."),
]
MISHEARD = "Just drowning, thanks. My name is Sarah."


Spoken = list[tuple[float, NDArray[np.float32]]]


@pytest.fixture(scope="module")
def listening(showfloor_bundle_dir: Path) -> ListeningModels:
    return listen_models.load(EdgeSettings(models=ModelSettings(bundle_dir=showfloor_bundle_dir)))


@pytest.fixture(scope="module")
def classifier(showfloor_bundle_dir: Path) -> LabelClassifier:
    return LabelClassifier(load_embedder(showfloor_bundle_dir))


@pytest.fixture(scope="module")
def spoken() -> Spoken:
    """(start, samples) of each line, 0.6 s apart after 0.5 s."""
    at, out = 0.5, []
    for voice, text in LINES:
        samples = speak(text, voice)
        out.append((at, samples))
        at += len(samples) / 16000 + 0.6
    return out


def heard(spoken: Spoken) -> list[Heard]:
    now = time.monotonic()
    out = []
    roles: tuple[tuple[str, Role], ...] = (("Alex", "salesperson"), ("customer-1", "customer"))
    for (start, samples), (voice, text), (speaker, role) in zip(spoken, LINES, roles, strict=True):
        end = start + len(samples) / 16000
        said = MISHEARD if voice == CUSTOMER else text
        segment = Segment(
            start=start, end=end, speaker=speaker, role=role, text=said, language="en"
        )
        out.append(Heard(start, end, (segment,), (), now, now, audio=samples))
    return out


def hub(
    listening: ListeningModels, classifier: LabelClassifier
) -> tuple[MemorySink, ConversationAssembler, TurnPolisher, LiveListener]:
    asr = listening.settings.asr.model_copy(update={"polish": True})
    models = dataclasses.replace(
        listening, settings=listening.settings.model_copy(update={"asr": asr})
    )
    listener = LiveListener(models, [])
    events = MemorySink(HUB)
    privacy = PrivacyGate.ephemeral(PrivacySettings(consent_mode="one_party"))
    polisher = TurnPolisher(listener.polish, privacy.redact, events, asr.polish_max_s)
    assembler = ConversationAssembler(Understander(classifier), events, privacy, polisher=polisher)
    return events, assembler, polisher, listener


def sent(events: MemorySink) -> list[object]:
    return [e.data for e in events.events]  # type: ignore[attr-defined]


def converse(
    listening: ListeningModels,
    classifier: LabelClassifier,
    spoken: Spoken,
    reason: EndReason,
    *,
    forget: bool = False,
) -> tuple[list[object], LiveListener]:
    events, assembler, polisher, listener = hub(listening, classifier)

    async def scenario() -> None:
        for each in heard(spoken):
            await assembler.hear(each)
        ended = await assembler.end(reason)
        assert ended is not None
        if forget:
            assert await polisher.forget(ended.conversation_id)
        await polisher.wait()

    run(scenario(), 300)
    return sent(events), listener


def test_an_ended_conversation_is_polished_and_the_changed_turn_sent_again_redacted(
    listening: ListeningModels,
    classifier: LabelClassifier,
    spoken: Spoken,
) -> None:
    data, listener = converse(listening, classifier, spoken, "silence")
    assert listener.polished == 1
    turns = [d for d in data if isinstance(d, Turn)]
    ended = [i for i, d in enumerate(data) if isinstance(d, ConversationEnded)]
    revised = [d for d in data if isinstance(d, TurnRevised)]
    assert len(turns) == 2 and turns[1].text is not None
    assert revised and all(data.index(r) > ended[0] for r in revised)  # after the end
    by_index = {r.index: r for r in revised}
    assert 1 in by_index  # the mis-heard turn
    customer = by_index[1]
    assert customer.conversation_id == turns[1].conversation_id and customer.revision == 1
    assert "browsing" in normalise(customer.text)
    assert "johnson" not in customer.text.lower() and customer.redactions >= 1  # the same gate
    for r in revised:  # only turns whose words changed
        assert normalise(r.text) != normalise(turns[r.index].text or "")


def test_nothing_is_polished_on_shutdown_or_after_forget(
    listening: ListeningModels,
    classifier: LabelClassifier,
    spoken: Spoken,
) -> None:
    data, listener = converse(listening, classifier, spoken, "shutdown")
    assert listener.polished == 0 and not any(isinstance(d, TurnRevised) for d in data)
    data, _ = converse(listening, classifier, spoken, "left", forget=True)
    assert any(isinstance(d, ConversationEnded) for d in data)
    assert not any(isinstance(d, TurnRevised) for d in data)


def test_the_kept_speech_is_forgotten_with_the_conversation(
    listening: ListeningModels,
    classifier: LabelClassifier,
    spoken: Spoken,
) -> None:
    events, assembler, polisher, _ = hub(listening, classifier)

    async def scenario() -> tuple[float, float]:
        for each in heard(spoken):
            await assembler.hear(each)
        kept = polisher._kept.seconds
        assembler.forget()
        return kept, polisher._kept.seconds

    kept, after = run(scenario(), 120)
    assert kept == pytest.approx(sum(len(s) for _, s in spoken) / 16000, abs=0.01)
    assert after == 0.0
    assert not [d for d in sent(events) if isinstance(d, TurnRevised)]


def test_a_forget_while_a_revision_is_being_sent_returns_only_once_it_is_stopped(
    listening: ListeningModels,
    classifier: LabelClassifier,
    spoken: Spoken,
) -> None:
    """The command handler erases the outbox rows after `forget`: nothing may come after it."""
    events, assembler, polisher, _ = hub(listening, classifier)
    sending, release = asyncio.Event(), asyncio.Event()
    emit = events.emit

    async def slow_emit(data: Payload) -> Envelope:
        if isinstance(data, TurnRevised):  # a revision in flight: the outbox write not done
            sending.set()
            await release.wait()
        return await emit(data)

    setattr(events, "emit", slow_emit)  # noqa: B010 (the sink's own write, delayed)

    async def scenario() -> None:
        for each in heard(spoken):
            await assembler.hear(each)
        ended = await assembler.end("left")
        assert ended is not None
        await asyncio.wait_for(sending.wait(), 240)
        assert await polisher.forget(ended.conversation_id)
        release.set()  # too late: the polish was stopped mid-send
        await asyncio.sleep(0.1)
        await polisher.wait()

    run(scenario(), 300)
    assert not [d for d in sent(events) if isinstance(d, TurnRevised)]
