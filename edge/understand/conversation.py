"""From what the listening pipeline heard to the contract's conversation events.

`ConversationAssembler.hear(heard)` is fed every `Heard` of `LiveListener.listen`; it opens a
conversation at the first words (`ConversationStarted`), reads every segment (sentiment,
labels, stage, urgency, voice arousal) into a `Turn`, keeps the metrics, and closes the
conversation (`ConversationEnded` with the final metrics) after `silence_s` without words or
on `end()`. Who a speaker is on the wire comes from `speaker_id` and what text may leave the
hub from `redact`: both injectable (the privacy helpers plug in there).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from contract.ids import new_subject
from contract.payloads import (
    ConsentState,
    ConversationEnded,
    ConversationStarted,
    LabelHit,
    Objection,
    Sentiment,
    Signal,
    Turn,
)
from edge.events import EventSink
from edge.listen.live import Heard
from edge.listen.transcript import Segment
from edge.understand.audio_tap import RecentAudio
from edge.understand.metrics import MetricsTracker
from edge.understand.sentiment import SentimentTrend
from edge.understand.stage import JourneyTracker
from edge.understand.understander import Reading, Understander
from edge.understand.voice import ArousalEstimator, measure

_LOGGER = logging.getLogger(__name__)

SpeakerId = Callable[[str, str], str]
"""(name from listening, role) -> the speaker field on the wire."""
EndReason = Literal["silence", "left", "shutdown", "forgotten"]
Redactor = Callable[[str], tuple[str, int]]
"""Text -> (redacted text, spans replaced)."""


def placeholder_speaker_id(name: str, role: str) -> str:
    """Placeholder until the privacy helper's keyed pseudonymizer is wired in.

    Staff: `staff-` + 16 hex of an unkeyed hash of the name (NOT private: replace it);
    customers: `customer_N` -> `customer-N`; anything else `unknown`.
    """
    if role == "salesperson":
        return "staff-" + hashlib.sha256(name.casefold().encode()).hexdigest()[:16]
    if name.startswith("customer_") and name.removeprefix("customer_").isdigit():
        return "customer-" + name.removeprefix("customer_")
    return "unknown"


def no_redaction(text: str) -> tuple[str, int]:
    """Identity redactor (the lead wires the real one from edge/privacy)."""
    return text, 0


@dataclass(frozen=True)
class TurnResult:
    """One understood turn, for the coach: the payload plus what stays on the hub."""

    turn: Turn
    reading: Reading
    text: str  # unredacted: used on the hub only (coaching follow-up), never emitted
    stream_end: float
    endpointed_at: float  # time.monotonic() when the end of its utterance was decided
    sentiment_drop: float  # fall of the customer's sentiment from its recent peak
    talk_ratio_recent: float | None
    stream_now: float


class ConversationAssembler:
    """One conversation at a time on one hub microphone."""

    def __init__(
        self,
        understander: Understander,
        sink: EventSink,
        *,
        speaker_id: SpeakerId = placeholder_speaker_id,
        redact: Redactor = no_redaction,
        consent: ConsentState = "not_required",
        keep_text: bool = True,
        silence_s: float = 45.0,
        talk_window_s: float = 120.0,
        audio: RecentAudio | None = None,
    ) -> None:
        """Configure; nothing runs until `hear`."""
        self._understander = understander
        self._sink = sink
        self._speaker_id = speaker_id
        self._redact = redact
        self._consent: ConsentState = consent
        self._keep_text = keep_text
        self._silence_s = silence_s
        self._talk_window_s = talk_window_s
        self._audio = audio
        self.conversation_id: str | None = None
        self._begin = 0.0
        self._last_words = 0.0
        self._index = 0
        self._reset()

    def _reset(self) -> None:
        self.metrics = MetricsTracker()
        self.trend = SentimentTrend()
        self.journey = JourneyTracker()
        self.arousal = ArousalEstimator()
        self._staff: list[str] = []

    async def hear(self, heard: Heard) -> list[TurnResult]:
        """Every turn of `heard` (closing a conversation that fell silent first)."""
        spoken = [s for s in heard.segments if s.text.strip()]
        if self.conversation_id is not None and heard.start - self._last_words > self._silence_s:
            await self.end("silence")
        results = []
        for segment in spoken:
            if self.conversation_id is None:
                await self._start(segment)
            results.append(await self._turn(segment, heard))
            self._last_words = segment.end
        return results

    async def _start(self, segment: Segment) -> None:
        self.conversation_id = new_subject("conv")
        self._begin = segment.start
        self._index = 0
        self._reset()
        staff = (
            [self._speaker_id(segment.speaker, segment.role)]
            if segment.role == "salesperson"
            else []
        )
        await self._sink.emit(
            ConversationStarted(
                conversation_id=self.conversation_id, staff=staff, consent=self._consent
            )
        )

    async def _turn(self, segment: Segment, heard: Heard) -> TurnResult:
        if self.conversation_id is None:
            raise RuntimeError("no conversation is open")
        reading = await asyncio.to_thread(self._understander.read, segment.text)
        labels: list[Objection | Signal] = [
            h.label for h in reading.hits if isinstance(h.label, Objection | Signal)
        ]
        sentiment = None
        drop = 0.0
        stage, urgency = self.journey.stage, self.journey.urgency
        if segment.role == "customer":
            arousal = None
            if self._audio is not None:
                samples = self._audio.slice(segment.start, segment.end)
                words = len(segment.text.split())
                cues = measure(samples, words, segment.end - segment.start)
                arousal = self.arousal(segment.speaker, cues)
            sentiment = Sentiment(
                score=reading.sentiment.score, label=reading.sentiment.label, arousal=arousal
            )
            drop = self.trend.add(reading.sentiment.score)
            stage, urgency = self.journey.update(labels, segment.text)
        text, redactions = self._redact(segment.text) if self._keep_text else (None, 0)
        turn = Turn(
            conversation_id=self.conversation_id,
            index=self._index,
            role=segment.role,
            speaker=self._speaker_id(segment.speaker, segment.role),
            start_s=round(max(0.0, segment.start - self._begin), 3),
            end_s=round(max(0.0, segment.end - self._begin), 3),
            text=text,
            words=len(segment.text.split()),
            redactions=redactions,
            sentiment=sentiment,
            labels=[LabelHit(label=h.label, confidence=h.confidence) for h in reading.hits]
            if segment.role == "customer"
            else [],
            stage=stage,
            urgency=urgency if segment.role == "customer" else None,
        )
        self.metrics.add(
            self._index,
            segment.role,
            segment.start,
            segment.end,
            segment.text,
            labels if segment.role == "customer" else [],
        )
        self._index += 1
        await self._sink.emit(turn)
        return TurnResult(
            turn=turn,
            reading=reading,
            text=segment.text,
            stream_end=segment.end,
            endpointed_at=heard.endpointed_at,
            sentiment_drop=drop,
            talk_ratio_recent=self.metrics.talk_ratio(since=segment.end - self._talk_window_s),
            stream_now=heard.end,
        )

    async def end(self, reason: EndReason = "silence") -> ConversationEnded | None:
        """Close the open conversation, emitting its final metrics; None if none is open."""
        if self.conversation_id is None:
            return None
        metrics = self.metrics.snapshot(self.trend.first, self.trend.level, self.journey.stage)
        ended = ConversationEnded(
            conversation_id=self.conversation_id,
            reason=reason,
            metrics=metrics,
        )
        self.conversation_id = None
        await self._sink.emit(ended)
        return ended
