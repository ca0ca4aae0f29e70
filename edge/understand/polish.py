"""Polish after the customer leaves: an ended conversation's turns, re-transcribed, sent again.

`TurnPolisher` keeps the open conversation's utterance audio (`edge.listen.polish.SpeechKept`,
`asr.polish_max_s`) and each turn's span and text as sent. When the conversation ends on
silence or because the customer left, its speech is decoded as a whole
(`LiveListener.polish`: low priority, after every utterance and re-decode), each word is given
to the turn whose span holds it, and every turn whose words changed (letters and digits
compared, case aside) is sent again as a `TurnRevised`, redacted by the same privacy gate.
A turn whose text never left the hub (consent), a turn before audio dropped for the bound and a
turn the whole decode gave no word keep what was sent. Nothing is polished on shutdown; a
conversation forgotten meanwhile is dropped with its audio and sends nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from contract.payloads import SpeakerRole, TurnRevised
from edge.events import EventSink
from edge.listen.asr import Recognition, Word, normalise
from edge.listen.polish import Joined, SpeechKept, blocks, join, polished_texts

_LOGGER = logging.getLogger(__name__)

Polish = Callable[[Joined], Awaitable[Recognition | None]]
"""A conversation's joined speech -> its whole decode, or None (`LiveListener.polish`)."""
Redact = Callable[[str], tuple[str, int]]
"""Raw text -> (text that may leave, spans redacted) (`PrivacyGate.redact`)."""


@dataclass
class _Said:
    """One turn as sent: its span (stream seconds), role and raw text, whether text left."""

    start: float
    end: float
    role: SpeakerRole
    text: str
    sent: bool


class TurnPolisher:
    """The open conversation's speech and turns; the ended ones' polish under way."""

    def __init__(self, polish: Polish, redact: Redact, sink: EventSink, max_s: float) -> None:
        """Keep at most `max_s` seconds of a conversation's speech."""
        self._polish = polish
        self._redact = redact
        self._sink = sink
        self._max_s = max_s
        self._kept = SpeechKept(max_s)
        self._said: dict[int, _Said] = {}
        self._running: dict[str, asyncio.Task[int]] = {}  # conversation id -> its polish
        self.revised = 0  # `TurnRevised` events sent

    def keep(self, start: float, audio: NDArray[np.float32] | None) -> None:
        """An utterance of the open conversation with words (`Heard.start`, `Heard.audio`)."""
        if audio is not None:
            self._kept.add(start, audio)

    def said(self, index: int, start: float, end: float, role: SpeakerRole, text: str,
             sent: bool) -> None:  # fmt: skip
        """Turn `index` of the open conversation, with its raw text and whether text left."""
        self._said[index] = _Said(start, end, role, text, sent)

    def sent_text(self, index: int, text: str) -> None:
        """Turn `index` went out with this raw text instead (its re-decode with context)."""
        said = self._said.get(index)
        if said is not None:
            said.text = text

    def ended(self, conversation_id: str, *, polish: bool) -> None:
        """The open conversation ended: polish it (if `polish`) and forget its audio."""
        kept, said = self._kept, self._said
        self._kept, self._said = SpeechKept(self._max_s), {}
        if not polish or not said or not kept.pieces():
            return
        task = asyncio.create_task(self._run(conversation_id, kept, said), name="polish")
        self._running[conversation_id] = task
        task.add_done_callback(lambda _: self._running.pop(conversation_id, None))

    def drop_open(self) -> None:
        """The open conversation was forgotten: its audio and turns too."""
        self._kept.clear()
        self._said = {}

    async def forget(self, conversation_id: str) -> bool:
        """Stop polishing `conversation_id` (forget-subject); whether it was being polished.

        Returns only once the polish has stopped, so that a revision it was sending is in the
        outbox before the command handler erases the subject's rows there, never after.
        """
        task = self._running.pop(conversation_id, None)
        if task is None:
            return False
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        return True

    async def close(self) -> None:
        """Shutdown: the polishes under way are cancelled."""
        running = list(self._running.values())
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def wait(self) -> None:
        """Every polish under way, finished (tests and `eval`)."""
        for task in list(self._running.values()):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _run(self, conversation_id: str, kept: SpeechKept, said: dict[int, _Said]) -> int:
        runs = [join(run) for run in blocks(kept.pieces())]
        since = kept.dropped_until
        kept.clear()
        decoded: list[tuple[tuple[Word, ...], Joined]] = []
        for joined in runs:
            try:
                recognition = await self._polish(joined)
            except Exception:
                _LOGGER.exception("could not polish conversation %s", conversation_id)
                return 0
            if recognition is None:  # given up (shutdown): nothing is sent
                return 0
            decoded.append((recognition.words, joined))
        del runs
        indexes = sorted(said)
        spans = [(said[i].start, said[i].end) for i in indexes]
        texts = polished_texts(decoded, spans, since)
        sent = 0
        for index, text in zip(indexes, texts, strict=True):
            turn = said[index]
            if text is None or not turn.sent or normalise(text) == normalise(turn.text):
                continue
            redacted, redactions = self._redact(text)
            revised = TurnRevised(
                conversation_id=conversation_id,
                index=index,
                revision=1,
                text=redacted,
                words=len(text.split()),
                redactions=redactions,
            )
            try:
                await self._sink.emit(revised)
            except Exception:
                _LOGGER.exception("could not send the polished turn %d", index)
                continue
            sent += 1
        self.revised += sent
        _LOGGER.info(
            "conversation %s polished: %d of %d turns revised", conversation_id, sent, len(said)
        )
        return sent
