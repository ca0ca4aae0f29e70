"""From what the listening pipeline heard to the contract's conversation events.

`ConversationAssembler.hear(heard)` is fed every `Heard` of `LiveListener.listen`; it opens a
conversation at the first words (`ConversationStarted`), reads every segment (sentiment,
labels, stage, urgency, voice arousal) into a `Turn`, keeps the metrics, and closes the
conversation (`ConversationEnded` with the final metrics) after `silence_s` without words or
on `end()`. A turn whose utterance is being re-decoded with the conversation's context
(`Heard.revised`) is read and coached at once on the text first heard, and its `Turn` event is
sent, in order, with the re-decoded text when that comes by `Heard.revise_by` (else with the
first text); the conversation's end waits for its turns. So a prompt a turn fires reaches the
wire before that `Turn` event when the turn waits for its re-decode (by up to
`asr.live_redecode_wait_s`): the prompt is neither held nor re-ordered. The cloud needs no
order between them: prompts and turns go on different topics (MQTT orders a topic, not two),
ingest stores a prompt by its id and a turn by its conversation and index, and nothing reads
a prompt's `trigger_turn` (tests/cloud/ingest/test_project.py). The conversation id, who a
speaker is on the wire and what text may leave the hub come from a `Privacy` gate
(`edge.privacy.gate.PrivacyGate`): keyed staff pseudonyms, `customer-N`, redacted text (the
re-decoded text is redacted the same way), none while an all-party-consent site has no consent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from contract.payloads import (
    ConsentState,
    ConversationEnded,
    ConversationStarted,
    LabelHit,
    Objection,
    Sentiment,
    Signal,
    SpeakerRole,
    Turn,
)
from edge.events import EventSink
from edge.listen.language import wire_language
from edge.listen.live import Heard
from edge.listen.transcript import Segment
from edge.understand.audio_tap import RecentAudio
from edge.understand.language import LANGUAGES
from edge.understand.metrics import MetricsTracker
from edge.understand.polish import TurnPolisher
from edge.understand.sentiment import SentimentTrend
from edge.understand.stage import JourneyTracker
from edge.understand.understander import Reading, Understander
from edge.understand.voice import ArousalEstimator, measure

_LOGGER = logging.getLogger(__name__)

EndReason = Literal["silence", "left", "shutdown", "forgotten"]


class Engagement(Protocol):
    """Who presence says a starting conversation is with (`edge.presence.service.Engagement`)."""

    @property
    def visit_id(self) -> str:
        """The customer's visit."""
        ...

    @property
    def staff(self) -> str:
        """The salesperson's pseudonym."""
        ...

    @property
    def zone(self) -> str:
        """Where."""
        ...


Engage = Callable[[str], Awaitable[Engagement | None]]
"""Conversation id -> the visit and salesperson near the hub (presence), or None."""
Release = Callable[[str], None]
"""Conversation id that ended (or was forgotten): its salesperson is free again (presence)."""


class Privacy(Protocol):
    """What the assembler needs of `edge.privacy.gate.PrivacyGate`."""

    def open(self) -> str:
        """A new conversation's random id."""
        ...

    def consent_state(self) -> ConsentState:
        """Consent of the open conversation."""
        ...

    def staff(self, name: str) -> str:
        """A salesperson's pseudonym."""
        ...

    def speaker(self, label: str, role: str) -> tuple[SpeakerRole, str]:
        """(role, speaker) on the wire."""
        ...

    def text(self, role: SpeakerRole, raw: str) -> tuple[str | None, int]:
        """(text that may leave, spans redacted)."""
        ...

    def close(self) -> None:
        """The conversation ended."""
        ...


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
        privacy: Privacy,
        *,
        silence_s: float = 45.0,
        talk_window_s: float = 120.0,
        audio: RecentAudio | None = None,
        engage: Engage | None = None,
        release: Release | None = None,
        polisher: TurnPolisher | None = None,
    ) -> None:
        """Configure; nothing runs until `hear`.

        `engage` links a starting conversation to the visit and salesperson near the hub;
        `release` is told when it ends or is forgotten. `polisher` (`asr.polish`) keeps the
        open conversation's speech and sends its turns polished once it has ended.
        """
        self._understander = understander
        self._sink = sink
        self._privacy = privacy
        self._silence_s = silence_s
        self._talk_window_s = talk_window_s
        self._audio = audio
        self._engage = engage
        self._release = release
        self.polisher = polisher
        self.conversation_id: str | None = None
        self._begin = 0.0
        self._last_words = 0.0
        self._index = 0
        self._publishing: list[asyncio.Task[None]] = []  # turn events waiting for their text
        self._reset()

    def _reset(self) -> None:
        self.metrics = MetricsTracker()
        self.trend = SentimentTrend()
        self.journey = JourneyTracker()
        self.arousal = ArousalEstimator()
        self._staff: list[str] = []

    async def hear(self, heard: Heard) -> list[TurnResult]:
        """Every turn of `heard` (closing a conversation that fell silent first)."""
        if self.conversation_id is not None and heard.start - self._last_words > self._silence_s:
            await self.end("silence")
        results = []
        for position, segment in enumerate(heard.segments):
            if not segment.text.strip():
                continue
            if self.conversation_id is None:
                await self._start(segment)
            results.append(await self._turn(segment, heard, position))
            self._last_words = segment.end
        if results and self.polisher is not None:
            self.polisher.keep(heard.start, heard.audio)
        return results

    async def _start(self, segment: Segment) -> None:
        self.conversation_id = self._privacy.open()
        self._begin = segment.start
        self._index = 0
        self._reset()
        staff = [self._privacy.staff(segment.speaker)] if segment.role == "salesperson" else []
        engaged = await self._engage(self.conversation_id) if self._engage else None
        if engaged is not None and engaged.staff not in staff:
            staff.append(engaged.staff)
        await self._sink.emit(
            ConversationStarted(
                conversation_id=self.conversation_id,
                staff=staff,
                zone=engaged.zone if engaged else None,
                visit_id=engaged.visit_id if engaged else None,
                consent=self._privacy.consent_state(),
            )
        )

    async def _turn(self, segment: Segment, heard: Heard, position: int) -> TurnResult:
        if self.conversation_id is None:
            raise RuntimeError("no conversation is open")
        language = segment.language if segment.language in LANGUAGES else None  # else guess
        reading = await asyncio.to_thread(self._understander.read, segment.text, language)
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
        role, speaker = self._privacy.speaker(segment.speaker, segment.role)
        text, redactions = self._privacy.text(role, segment.text)
        turn = Turn(
            conversation_id=self.conversation_id,
            index=self._index,
            role=role,
            speaker=speaker,
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
            language=wire_language(segment.language),
        )
        self.metrics.add(
            self._index,
            segment.role,
            segment.start,
            segment.end,
            segment.text,
            labels if segment.role == "customer" else [],
        )
        if self.polisher is not None:
            self.polisher.said(
                self._index, segment.start, segment.end, role, segment.text, text is not None
            )
        self._index += 1
        if heard.revised is None:
            await self._sink.emit(turn)
        else:
            self._publishing = [t for t in self._publishing if not t.done()]
            after = self._publishing[-1] if self._publishing else None
            self._publishing.append(
                asyncio.create_task(self._publish(turn, heard, position, after), name="turn-text")
            )
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

    async def _publish(
        self, turn: Turn, heard: Heard, position: int, after: asyncio.Task[None] | None
    ) -> None:
        """Send `turn` after the turn before it, with its re-decoded text if that comes in time."""
        if after is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(after)
        text = (await heard.final_texts())[position]
        if text != heard.segments[position].text and turn.text is not None:
            redacted, redactions = self._privacy.text(turn.role, text)
            turn = turn.model_copy(
                update={"text": redacted, "words": len(text.split()), "redactions": redactions}
            )
            if self.polisher is not None:
                self.polisher.sent_text(turn.index, text)
        try:
            await self._sink.emit(turn)
        except Exception:
            _LOGGER.exception("could not send turn %d", turn.index)

    async def _flush(self) -> None:
        """Every turn event still waiting for its text, sent."""
        publishing, self._publishing = self._publishing, []
        for task in publishing:
            with contextlib.suppress(Exception):
                await task

    def forget(self) -> str | None:
        """Drop the open conversation without a word more about it (forget-subject)."""
        for task in self._publishing:
            task.cancel()
        self._publishing = []
        forgotten, self.conversation_id = self.conversation_id, None
        if self.polisher is not None:
            self.polisher.drop_open()
        if forgotten is not None:
            self._privacy.close()
            self._reset()
            if self._release is not None:
                self._release(forgotten)
        return forgotten

    async def end(self, reason: EndReason = "silence") -> ConversationEnded | None:
        """Close the open conversation, emitting its final metrics; None if none is open."""
        if self.conversation_id is None:
            return None
        await self._flush()
        metrics = self.metrics.snapshot(self.trend.first, self.trend.level, self.journey.stage)
        ended = ConversationEnded(
            conversation_id=self.conversation_id,
            reason=reason,
            metrics=metrics,
        )
        self.conversation_id = None
        self._privacy.close()
        if self._release is not None:
            self._release(ended.conversation_id)
        await self._sink.emit(ended)
        if self.polisher is not None:  # after the end: its turns and the end are out
            self.polisher.ended(ended.conversation_id, polish=reason in ("silence", "left"))
        return ended
