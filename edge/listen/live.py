"""Live listening: frames in, diarized and transcribed utterances out, as they end.

VAD and end-of-utterance run on the event loop (tens of microseconds a frame) so capture never
waits. Each finished utterance goes at once to two worker threads (onnxruntime and CTranslate2
release the GIL), one for speech to text and one for diarization, each taking utterances in
order: the next utterance's speech to text starts as soon as the previous one's is done, without
waiting for its diarization. Speech to text is the long pole (the Whisper encoder always runs
on a 30 s window).

Speculation (`vad.speculate_after_ms`): once a pause has begun, and speech to text is idle,
Whisper and the diarization's embeddings start on the utterance so far. The endpointer's
utterance has exactly those samples if the pause lasts (`Endpointer.tentative`), so its results
are taken over when it ends; if the customer speaks on, the guess is dropped (cancelled when it
has not started). With `vad.end_on_sentence`, a guess that ends a sentence ends the utterance
at once instead of after `vad.end_of_utterance_ms`.

Context (`asr.live_context_words`): each utterance is transcribed after the conversation's last
words, in order (the speech-to-text thread keeps them), and forgotten with the conversation.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import re
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from edge.audio.frames import Frame
from edge.listen.asr import Recognition
from edge.listen.attribute import split_by_speaker
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Endpointer, Utterance
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.listen.transcript import Role, Segment, SpeakerTurn
from edge.listen.vad import CHUNK, SAMPLE_RATE
from edge.listen.voiceprints import Voiceprint
from edge.listen.windows import Window

_WINDOW_S = 29.5  # Whisper hears 30 s at a time
_SENTENCE_END = re.compile(r"[.?!][\"')\]]*$")
_CONTINUES = frozenset({"and", "but", "so", "or", "because", "uh", "um", "the", "a", "to", "of"})


def ends_sentence(text: str) -> bool:
    """Whether a transcript ends a sentence: a final . ? or ! after a word that can end one."""
    words = re.findall(r"[a-z']+", text.lower())
    return bool(words) and bool(_SENTENCE_END.search(text.strip())) and words[-1] not in _CONTINUES


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
        self._diarize_pool: ThreadPoolExecutor | None = None
        self._transcribe_pool: ThreadPoolExecutor | None = None
        asr = models.settings.asr
        self._context_words = 0 if asr.bilingual else asr.live_context_words
        self._lead_in_s = 0.0 if asr.bilingual else asr.live_lead_in_s
        # (start, end, text) of the utterances transcribed: the speech-to-text thread's only
        self._said: collections.deque[tuple[float, float, str]] = collections.deque()
        vad = models.settings.vad  # the ring reaches back lead-in seconds from an utterance's end
        ring_s = self._lead_in_s + (vad.end_of_utterance_ms + vad.padding_ms) / 1000 + 1.0
        self._ring: collections.deque[NDArray[np.float32]] = collections.deque(
            maxlen=int(ring_s * SAMPLE_RATE / CHUNK) + 1
        )
        self._heard_chunks = 0  # chunks seen, so the ring's end in stream time
        self._speculation: _Speculation | None = None
        self._asr_busy = 0  # real speech-to-text jobs submitted and not done
        self.speculated = 0  # guesses started
        self.speculation_used = 0  # guesses taken over by the utterance
        self.ended_on_sentence = 0  # utterances ended early on a sentence

    async def listen(self, frames: AsyncIterable[Frame]) -> AsyncIterator[Heard]:
        """Every utterance of `frames`, in order, as soon as it is transcribed.

        When `frames` ends, the utterance in progress is finished and delivered too.
        """
        queue: asyncio.Queue[_Pending | None] = asyncio.Queue()
        with self._workers() as (transcribe, diarize):
            producer = asyncio.create_task(
                self._hear(frames, queue, transcribe, diarize), name="listen-vad"
            )
            try:
                while (pending := await queue.get()) is not None:
                    yield await self._understand(pending)
                await producer  # re-raise a source error
            finally:
                producer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await producer

    @contextlib.contextmanager
    def _workers(self) -> Iterator[tuple[ThreadPoolExecutor, ThreadPoolExecutor]]:
        transcribe = ThreadPoolExecutor(1, thread_name_prefix="listen-asr")
        diarize = ThreadPoolExecutor(1, thread_name_prefix="listen-diarize")
        self._diarize_pool, self._transcribe_pool = diarize, transcribe
        try:
            yield transcribe, diarize
        finally:
            self._diarize_pool = self._transcribe_pool = None
            transcribe.shutdown(wait=False, cancel_futures=True)
            diarize.shutdown(wait=False, cancel_futures=True)

    async def _hear(
        self,
        frames: AsyncIterable[Frame],
        queue: asyncio.Queue[_Pending | None],
        transcribe: ThreadPoolExecutor,
        diarize: ThreadPoolExecutor,
    ) -> None:
        vad = self._models.settings.vad
        speculate_ms = vad.speculate_after_ms

        def start(utterance: Utterance) -> None:
            queue.put_nowait(self._start(utterance, transcribe, diarize))

        try:
            async for frame in frames:
                for chunk, probability in self._detector(frame.samples):
                    if self._lead_in_s:
                        self._ring.append(chunk)
                    self._heard_chunks += 1
                    for utterance in self._endpointer(chunk, probability):
                        start(utterance)
                    if speculate_ms and self._endpointer.trailing_silence_ms >= speculate_ms:
                        self._speculate(transcribe, diarize)
                    if vad.end_on_sentence and self._sentence_ended():
                        self.ended_on_sentence += 1
                        for utterance in self._endpointer.flush():
                            start(utterance)
            for utterance in self._endpointer.flush():
                start(utterance)
        finally:
            self._drop_speculation()
            queue.put_nowait(None)

    def _start(
        self, utterance: Utterance, transcribe: ThreadPoolExecutor, diarize: ThreadPoolExecutor
    ) -> _Pending:
        """Diarization and speech to text of an ended utterance (a guess's, when it fits)."""
        now = time.monotonic()
        guess, self._speculation = self._speculation, None
        if guess is not None and guess.fits(utterance):
            self.speculation_used += 1
            transcribe.submit(self._remember, utterance, guess.recognition)
            diarized = diarize.submit(self._diarize, utterance, guess.analysis)
            recognition = guess.recognition
        else:
            if guess is not None:
                guess.drop()
            diarized = diarize.submit(self._diarize, utterance)
            recognition = transcribe.submit(
                self._transcribe, utterance, self._before(utterance), True
            )
        waited = asyncio.wrap_future(recognition)
        if guess is None or not guess.fits(utterance):
            self._asr_busy += 1
            waited.add_done_callback(self._asr_done)  # on the event loop, like the += above
        return _Pending(utterance, now, asyncio.wrap_future(diarized), waited)

    def _asr_done(self, _: asyncio.Future[Recognition]) -> None:
        self._asr_busy -= 1

    def _speculate(self, transcribe: ThreadPoolExecutor, diarize: ThreadPoolExecutor) -> None:
        """Start the guess for the pause under way, once, when speech to text is idle."""
        if self._asr_busy or (self._speculation is not None and self._speculation.running()):
            return
        tentative = self._endpointer.tentative()
        if tentative is None:
            return
        if self._speculation is not None:
            if self._speculation.fits(tentative):
                return  # this pause's guess is made
            self._drop_speculation()
        self.speculated += 1
        self._speculation = _Speculation(
            tentative,
            transcribe.submit(self._transcribe, tentative, self._before(tentative), False),
            diarize.submit(self.diarizer.analyse, tentative.samples),
        )

    def _sentence_ended(self) -> bool:
        """Whether the finished guess fits the pause under way and ends a sentence."""
        guess = self._speculation
        if guess is None or not guess.recognition.done() or guess.recognition.exception():
            return False
        tentative = self._endpointer.tentative()
        return (
            tentative is not None
            and guess.fits(tentative)
            and ends_sentence(guess.recognition.result().text)
        )

    def _drop_speculation(self) -> None:
        if self._speculation is not None:
            self._speculation.drop()
            self._speculation = None

    def _diarize(
        self, utterance: Utterance, analysis: Future[list[Window]] | None = None
    ) -> _Diarized:
        """Turns, with names looked up now: a later reset renumbers the speakers.

        `analysis`: the guess's segmentation and embeddings of these samples (done by now: the
        diarization thread took it first).
        """
        analysed = (
            analysis.result() if analysis is not None else self.diarizer.analyse(utterance.samples)
        )
        turns = self.diarizer.turns_of(utterance, analysed) or [
            Turn(utterance.start, utterance.end, self.diarizer.last_speaker)
        ]
        names = {index: self.diarizer.speaker(index) for index in {t.speaker for t in turns}}
        return _Diarized(turns, names)

    def _before(self, utterance: Utterance) -> tuple[float, NDArray[np.float32]]:
        """(stream time, samples) of the audio before `utterance`, for its lead-in.

        From `live_lead_in_s` before its end: the same for a guess and the utterance that takes
        the guess over.
        """
        if not self._lead_in_s or not self._ring:
            return utterance.start, np.zeros(0, dtype=np.float32)
        chunk_s = CHUNK / SAMPLE_RATE
        ring_start = (self._heard_chunks - len(self._ring)) * chunk_s
        first = max(0, round((utterance.end - self._lead_in_s - ring_start) / chunk_s))
        last = max(first, round((utterance.start - ring_start) / chunk_s))
        chunks = list(itertools.islice(self._ring, first, last))
        if not chunks:
            return utterance.start, np.zeros(0, dtype=np.float32)
        return ring_start + first * chunk_s, np.concatenate(chunks)

    def _transcribe(
        self,
        utterance: Utterance,
        before: tuple[float, NDArray[np.float32]],
        remember: bool,
    ) -> Recognition:
        """Speech to text after the conversation so far (in the speech-to-text thread)."""
        word_timing = self._models.settings.asr.live_word_timing
        context, lead_in, lead_in_text = "", None, ""
        if self._context_words:
            words = " ".join(text for _, _, text in self._said).split()
            context = " ".join(words[-self._context_words :])
        before_start, audio = before
        # whole utterances, all inside Whisper's one 30 s window with this one
        earliest = max(before_start, utterance.end - _WINDOW_S)
        kept = [(start, text) for start, end, text in self._said if start >= earliest - 1e-6
                and end <= utterance.start + 1e-6]  # fmt: skip
        if kept and len(audio):
            offset = round((kept[0][0] - before_start) * SAMPLE_RATE)
            lead_in, lead_in_text = audio[offset:], " ".join(text for _, text in kept)
        recognition = self._models.transcriber(
            utterance.samples,
            word_timing=word_timing,
            context=context,
            lead_in=lead_in,
            lead_in_text=lead_in_text,
        )
        if remember:
            self._remember_text(utterance, recognition.text)
        return recognition

    def _remember(self, utterance: Utterance, guess: Future[Recognition]) -> None:
        """Keep the words of a guess an utterance took over (ran after it, in this thread)."""
        self._remember_text(utterance, guess.result().text)

    def _remember_text(self, utterance: Utterance, text: str) -> None:
        if not (self._context_words or self._lead_in_s) or not text:
            return
        self._said.append((utterance.start, utterance.end, text))
        horizon = utterance.end - max(self._lead_in_s, 0.0)
        while len(self._said) > 1 and (
            sum(len(t.split()) for _, _, t in self._said) - len(self._said[0][2].split())
            >= self._context_words
            and self._said[0][0] < horizon
        ):
            self._said.popleft()

    def new_conversation(self, voiceprints: list[Voiceprint] | None = None) -> None:
        """Forget every customer voice and the words heard (take new staff voiceprints, if given).

        Utterances already heard are diarized first, with the voices they were spoken among,
        and transcribed after the words they were spoken after.
        """
        if self._diarize_pool is not None:
            self._diarize_pool.submit(self._new_conversation, voiceprints)
        else:
            self._new_conversation(voiceprints)
        if self._transcribe_pool is not None:  # after the utterances already heard
            self._transcribe_pool.submit(self._said.clear)
        else:
            self._said.clear()

    def _new_conversation(self, voiceprints: list[Voiceprint] | None) -> None:
        if voiceprints is not None:
            self.diarizer.voiceprints = voiceprints
        self.diarizer.reset()

    async def _understand(self, pending: _Pending) -> Heard:
        utterance = pending.utterance
        diarized, recognition = await asyncio.gather(pending.diarized, pending.recognition)
        turns, names = diarized.turns, diarized.names
        segments = []
        for speaker, start, end, text in split_by_speaker(
            recognition, utterance.start, turns, turns[0].speaker
        ):
            name, role = names[speaker]
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
        named = [(t, names[t.speaker]) for t in turns]
        return Heard(
            start=utterance.start,
            end=utterance.end,
            segments=tuple(segments),
            turns=tuple(
                SpeakerTurn(start=t.start, end=t.end, speaker=name, role=role)
                for t, (name, role) in named
            ),
            endpointed_at=pending.endpointed_at,
            ready_at=time.monotonic(),
        )


@dataclass
class _Speculation:
    """Speech to text and diarization embeddings started on an utterance before it ended."""

    utterance: Utterance
    recognition: Future[Recognition]
    analysis: Future[list[Window]]
    samples: int = field(init=False)

    def __post_init__(self) -> None:
        self.samples = len(self.utterance.samples)

    def fits(self, utterance: Utterance) -> bool:
        """Whether `utterance` has the samples this guess was made on."""
        return utterance.start == self.utterance.start and len(utterance.samples) == self.samples

    def running(self) -> bool:
        """Whether its speech to text is not finished."""
        return not self.recognition.done()

    def drop(self) -> None:
        """Cancel what has not started (what has finishes and is ignored)."""
        self.recognition.cancel()
        self.analysis.cancel()


@dataclass(frozen=True)
class _Pending:
    """An utterance whose diarization and speech to text are under way."""

    utterance: Utterance
    endpointed_at: float
    diarized: asyncio.Future[_Diarized]
    recognition: asyncio.Future[Recognition]


@dataclass(frozen=True)
class _Diarized:
    """Who spoke when in one utterance, and the speakers' names and roles."""

    turns: list[Turn]
    names: dict[int, tuple[str, Role]]
