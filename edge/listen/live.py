"""Live listening: frames in, diarized and transcribed utterances out, as they end.

VAD and end-of-utterance run on the event loop (tens of microseconds a frame) so capture never
waits; each finished utterance is diarized and transcribed in worker threads (onnxruntime and
CTranslate2 release the GIL) while the next one is being heard.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass

from edge.audio.frames import Frame
from edge.listen.attribute import split_by_speaker
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Endpointer, Utterance
from edge.listen.models import ListeningModels
from edge.listen.transcript import Segment, SpeakerTurn
from edge.listen.voiceprints import Voiceprint


@dataclass(frozen=True)
class Heard:
    """One utterance, diarized and transcribed, with how long that took."""

    start: float  # stream seconds
    end: float
    segments: tuple[Segment, ...]
    turns: tuple[SpeakerTurn, ...]  # who spoke when, words or not (for RTTM and metrics)
    endpointed_at: float  # time.monotonic() when the end of the utterance was decided
    ready_at: float  # time.monotonic() when its transcript was ready

    @property
    def latency(self) -> float:
        """Seconds from the end of the utterance being decided to its transcript."""
        return self.ready_at - self.endpointed_at


class LiveListener:
    """The listening pipeline over a live stream of frames."""

    def __init__(self, models: ListeningModels, voiceprints: list[Voiceprint]) -> None:
        self._models = models
        self._detector = models.speech_detector()
        self._endpointer = Endpointer(models.settings.vad)
        self.diarizer = OnlineDiarizer(
            models.segmenter, models.embedder, models.settings.diarization, voiceprints
        )

    async def listen(self, frames: AsyncIterable[Frame]) -> AsyncIterator[Heard]:
        """Every utterance of `frames`, in order, as soon as it is transcribed.

        When `frames` ends, the utterance in progress is finished and delivered too.
        """
        queue: asyncio.Queue[tuple[Utterance, float] | None] = asyncio.Queue()
        producer = asyncio.create_task(self._hear(frames, queue), name="listen-vad")
        try:
            while (item := await queue.get()) is not None:
                yield await self._understand(*item)
            await producer  # re-raise a source error
        finally:
            producer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await producer

    async def _hear(
        self, frames: AsyncIterable[Frame], queue: asyncio.Queue[tuple[Utterance, float] | None]
    ) -> None:
        try:
            async for frame in frames:
                for chunk, probability in self._detector(frame.samples):
                    for utterance in self._endpointer(chunk, probability):
                        queue.put_nowait((utterance, time.monotonic()))
            for utterance in self._endpointer.flush():
                queue.put_nowait((utterance, time.monotonic()))
        finally:
            queue.put_nowait(None)

    def new_conversation(self, voiceprints: list[Voiceprint] | None = None) -> None:
        """Forget every customer voice (and take new staff voiceprints, when given)."""
        if voiceprints is not None:
            self.diarizer.voiceprints = voiceprints
        self.diarizer.reset()

    async def _understand(self, utterance: Utterance, endpointed_at: float) -> Heard:
        turns, recognition = await asyncio.gather(
            asyncio.to_thread(self.diarizer, utterance),
            asyncio.to_thread(self._models.transcriber, utterance.samples),
        )
        fallback = turns[0].speaker if turns else 0
        segments = []
        for speaker, start, end, text in split_by_speaker(
            recognition, utterance.start, turns, fallback
        ):
            name, role = self.diarizer.speaker(speaker)
            segments.append(
                Segment(
                    start=round(start, 3),
                    end=round(end, 3),
                    speaker=name,
                    role=role,
                    text=text,
                    language=recognition.language,
                )
            )
        named = [(t, self.diarizer.speaker(t.speaker)) for t in turns]
        return Heard(
            start=utterance.start,
            end=utterance.end,
            segments=tuple(segments),
            turns=tuple(
                SpeakerTurn(start=t.start, end=t.end, speaker=name, role=role)
                for t, (name, role) in named
            ),
            endpointed_at=endpointed_at,
            ready_at=time.monotonic(),
        )
