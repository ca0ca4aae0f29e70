"""The conversation assembler with the hub's real presence service: engaged, then released.

A salesperson engaged in a conversation is busy (not offered a waiting customer here, and
reported busy to the site's other hubs) until that conversation ends or is forgotten.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.events import PresenceEvent
from contract.ids import HubAddress, staff_pseudonym
from contract.payloads import SiteBeacon
from edge.events import MemorySink
from edge.listen.live import Heard
from edge.listen.transcript import Segment
from edge.presence.service import PresenceService
from edge.privacy.gate import PrivacyGate
from edge.privacy.settings import PrivacySettings
from edge.understand.classify import LabelClassifier
from edge.understand.conversation import ConversationAssembler
from edge.understand.models import load_embedder
from edge.understand.understander import Understander
from tests.aio import run
from tests.edge.presence.beacons import BADGE_SAM, SITE_KEY, TAG_A, advert, settings

HUB = HubAddress.of("acme", "downtown", "hub-a")
SAM = staff_pseudonym(SITE_KEY, "sam")


@pytest.fixture(scope="module")
def classifier(showfloor_bundle_dir: Path) -> LabelClassifier:
    return LabelClassifier(load_embedder(showfloor_bundle_dir))


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def _heard(start: float, text: str) -> Heard:
    segment = Segment(
        start=start, end=start + 2, speaker="Sam", role="salesperson", text=text, language="en"
    )
    return Heard(start, start + 2, (segment,), (), endpointed_at=0.0, ready_at=0.0)


def _sam(service: PresenceService) -> SiteBeacon:
    return next(b for b in service.report().beacons if b.staff == SAM)


def test_the_salesperson_is_free_again_when_the_conversation_ends_or_is_forgotten(
    classifier: LabelClassifier,
) -> None:
    clock = Clock(1_800_000_000.0)
    sink = MemorySink(HUB)
    service = PresenceService(settings(), sink, site_key=SITE_KEY, hub="hub-a", clock=clock)
    assembler = ConversationAssembler(
        Understander(classifier),
        sink,
        PrivacyGate.ephemeral(PrivacySettings()),
        silence_s=45.0,
        engage=service.engage,
        release=service.release,
    )

    async def script() -> list[bool]:
        busy = []
        for _ in range(20):  # a customer and Sam at the entrance (hub-a)
            service.observe(advert(TAG_A, -60), hub="hub-a")
            service.observe(advert(BADGE_SAM, -58, "C0:FF:EE:00:00:02"), hub="hub-a")
            await service.tick()
            clock.now += 1
        busy.append(_sam(service).busy)
        await assembler.hear(_heard(0.0, "Hello, welcome in, how can I help?"))
        busy.append(_sam(service).busy)
        assert await assembler.end("silence") is not None
        busy.append(_sam(service).busy)
        await assembler.hear(_heard(100.0, "Welcome back, shall we look at the SUVs?"))
        busy.append(_sam(service).busy)
        assert assembler.forget() is not None
        busy.append(_sam(service).busy)
        return busy

    # before; in the first conversation; ended; in the second; the second forgotten
    assert run(script()) == [False, True, False, True, False]
    presence = [e.data for e in sink.events if isinstance(e, PresenceEvent)]
    engaged = [p for p in presence if p.action == "engaged"]
    assert [e.staff for e in engaged] == [SAM, SAM]
    assert engaged[0].conversation_id != engaged[1].conversation_id
