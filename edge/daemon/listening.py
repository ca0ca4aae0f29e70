"""The hub's ears and judgement: the `audio` and `understanding` tasks of the daemon.

`run()` (the supervised `audio` task) captures frames from the microphone, or a replayed
recording, through VAD, diarization and ASR, and queues what was heard. `understand()` (the
`understanding` task) turns it into conversation events and hands each turn to the coaching
loop in its own task, so a prompt waiting for the customer to pause never holds up listening.
A conversation ends after `understanding.conversation_silence_s` without words; then every
customer voice is forgotten.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterable, AsyncIterator
from typing import TYPE_CHECKING

from edge.audio.file_source import FileSource
from edge.audio.frames import Frame
from edge.audio.mic_source import MicSource
from edge.coach.engine import Coach
from edge.daemon.health import Health
from edge.listen.live import Heard, LiveListener
from edge.listen.voiceprints import Voiceprint
from edge.settings import EdgeSettings
from edge.understand.audio_tap import RecentAudio, tap
from edge.understand.conversation import ConversationAssembler, EndReason, TurnResult

if TYPE_CHECKING:
    from edge.daemon.app import Replay

_LOGGER = logging.getLogger(__name__)


class Listening:
    """Audio in, conversation events and prompts out."""

    def __init__(
        self,
        listener: LiveListener,
        assembler: ConversationAssembler,
        coach: Coach,
        recent: RecentAudio,
        settings: EdgeSettings,
        health: Health,
        stopping: asyncio.Event,
        replay: Replay | None = None,
    ) -> None:
        """Wire the stages; nothing runs until `run()` and `understand()`."""
        self.listener = listener
        self.assembler = assembler
        self.coach = coach
        self.recent = recent
        self.settings = settings
        self.health = health
        self.stopping = stopping
        self.replay = replay
        self.heard: asyncio.Queue[Heard | None] = asyncio.Queue()
        self._turns: asyncio.Queue[TurnResult | None] = asyncio.Queue()
        self._new_voiceprints: list[Voiceprint] | None = None

    async def run(self) -> None:
        """Capture and listen until stopping (or the replayed recording ends)."""
        async with contextlib.AsyncExitStack() as stack:
            if self.replay is not None:
                source: AsyncIterable[Frame] = FileSource(
                    self.replay.path, self.settings.audio.frame_ms, realtime=self.replay.realtime
                )
            else:
                source = await stack.enter_async_context(MicSource(self.settings.audio))
            self.health.ok("audio")
            frames = tap(self._until_stopping(source), self.recent)
            async for heard in self.listener.listen(frames):
                self.heard.put_nowait(heard)
        if self.replay is not None:
            self.stopping.set()  # the recording is over: the hub's work is done
        if self.stopping.is_set():
            self.heard.put_nowait(None)

    async def _until_stopping(self, source: AsyncIterable[Frame]) -> AsyncIterator[Frame]:
        async for frame in source:
            if self.stopping.is_set():
                # the listener finishes the utterance in progress; re-decodes are optional
                self.listener.give_up_redecodes()
                return
            yield frame

    async def understand(self) -> None:
        """Heard utterances to conversation events; the coach runs beside, in order."""
        silence_s = self.settings.understanding.conversation_silence_s
        async with asyncio.TaskGroup() as group:
            coaching = group.create_task(self._coaching(), name="coaching")
            self.health.ok("understanding")
            while True:
                try:
                    async with asyncio.timeout(silence_s):
                        heard = await self.heard.get()
                except TimeoutError:
                    await self._close("silence")
                    continue
                if heard is None:
                    break
                try:
                    results = await self.assembler.hear(heard)
                except Exception as err:
                    _LOGGER.exception("could not understand an utterance")
                    self.health.degraded("understanding", f"{type(err).__name__}: {err}")
                    continue
                self.health.ok("understanding")
                for result in results:
                    self._turns.put_nowait(result)
            # the turns already heard are coached before the conversation ends, so no prompt
            # of this conversation follows its end on the wire
            self._turns.put_nowait(None)
            await coaching
            await self._close("shutdown")

    async def _coaching(self) -> None:
        self.health.ok("coaching")
        while (result := await self._turns.get()) is not None:
            try:
                await self.coach.on_turn(result)
                self.health.ok("coaching")
            except Exception as err:
                _LOGGER.exception("coaching failed on turn %d", result.turn.index)
                self.health.degraded("coaching", f"{type(err).__name__}: {err}")

    async def _close(self, reason: EndReason) -> None:
        if await self.assembler.end(reason) is not None or reason == "shutdown":
            self._next_conversation()

    def _next_conversation(self) -> None:
        """Forget every customer voice; take the staff voiceprints an enrollment sync left."""
        self.listener.new_conversation(self._new_voiceprints)
        self._new_voiceprints = None

    async def forget(self, subject: str) -> bool:
        """Forget the open conversation if it is `subject`; whether it was.

        An ended conversation still being polished (`asr.polish`) is dropped, audio and all.
        """
        polisher = self.assembler.polisher
        if polisher is not None and await polisher.forget(subject):
            _LOGGER.info("forgot the polish under way of a conversation")
        if self.assembler.conversation_id != subject:
            return False
        self.assembler.forget()
        self.coach.forget(subject)
        self._next_conversation()
        return True

    def reload_voiceprints(self, prints: list[Voiceprint]) -> None:
        """New staff voiceprints, used from the next conversation on."""
        self._new_voiceprints = prints
        if self.assembler.conversation_id is None:
            self._next_conversation()
