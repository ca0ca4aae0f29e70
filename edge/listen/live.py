"""Live listening: frames in, diarized and transcribed utterances out, as they end.

VAD and end-of-utterance run on the event loop (tens of microseconds a frame) so capture never
waits. Each finished utterance goes at once to two worker threads (onnxruntime and CTranslate2
release the GIL), one for speech to text and one for diarization, each taking utterances in
order: the next utterance's speech to text starts as soon as the previous one's is done, without
waiting for its diarization. Speech to text is the long pole; its encoder reads the utterance
and 1 s after it, at least `asr.live_encoder_window_s` (10 s), rather than Whisper's fixed 30 s
window (a quarter of the CPU; `edge.listen.asr.fitted`).

Speculation (`vad.speculate_after_ms`): once a pause has begun, and speech to text is idle,
Whisper and the diarization's embeddings start on the utterance so far. The endpointer's
utterance has exactly those samples if the pause lasts (`Endpointer.tentative`), so its results
are taken over when it ends; if the customer speaks on, the guess is dropped (cancelled when it
has not started). With `vad.end_on_sentence`, a guess that ends a sentence ends the utterance
at once instead of after `vad.end_of_utterance_ms`.

Context (`asr.live_lead_in_s`, `asr.live_context_words`), off the coaching path: each utterance
is first transcribed alone (the fast path: what is classified and coached at once), then
re-decoded after the conversation so far (the audio and words of the last utterances), with a
beam search (`asr.live_redecode_beam_size`; the fast path is greedy), in a third
thread with its own Whisper instance (so an utterance never queues behind a re-decode in
CTranslate2), started only while speech to text is idle (no utterance or guess waiting), and
niced (+10: it yields the CPU to the fast path; its Whisper is loaded in that thread, so the
CTranslate2 workers it starts are niced too). `Heard.revised` resolves to
the re-decoded text of each segment; a consumer waits for it until `Heard.revise_by`
(`asr.live_redecode_wait_s` after the fast text) and keeps the fast text after that
(`Heard.final_texts`). The context thread keeps the words, in order, and forgets them with the
conversation. When the source ends the last re-decodes are waited for; on shutdown
(`give_up_redecodes`) none is: every turn still waiting keeps the text first heard, and a
re-decode under way is left unread (`showfloor-edge` exits without waiting for its thread).

Polish (`asr.polish`, `edge.listen.polish`): each `Heard` carries its utterance's audio, which
the conversation assembler keeps; once the conversation has ended, `polish` decodes it again as
a whole in the same context thread, after every re-decode waiting and only while speech to
text is idle (a conversation too long for one run is decoded run by run, re-decodes of the next
conversation going between the runs).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import os
import re
import threading
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from edge.audio.frames import Frame
from edge.listen.asr import Recognition, WhisperTranscriber
from edge.listen.attribute import split_by_speaker
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Endpointer, Utterance
from edge.listen.models import ListeningModels
from edge.listen.polish import Joined
from edge.listen.reconstruct import Turn
from edge.listen.transcript import Role, Segment, SpeakerTurn
from edge.listen.vad import CHUNK, SAMPLE_RATE
from edge.listen.voiceprints import Voiceprint
from edge.listen.windows import Window

_LOGGER = logging.getLogger(__name__)
_CONTEXT_NICE = 10  # the context thread's niceness above the hub's: it yields the CPU
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
    # each segment's text re-decoded after the conversation so far (None: none came)
    revised: asyncio.Future[tuple[str, ...] | None] | None = field(default=None, compare=False)
    revise_by: float = 0.0  # time.monotonic() after which the fast text is kept
    # time.monotonic() when the speech to text whose text this is started and ended (0: none)
    asr_started_at: float = 0.0
    asr_ended_at: float = 0.0
    guessed: bool = False  # its text is a guess's, started before the utterance ended
    # the utterance's audio, for `asr.polish` (None: polish off)
    audio: NDArray[np.float32] | None = field(default=None, compare=False, repr=False)

    @property
    def latency(self) -> float:
        """Seconds from the end of the utterance being decided to its transcript."""
        return self.ready_at - self.endpointed_at

    async def final_texts(self) -> tuple[str, ...]:
        """Each segment's text to keep: re-decoded if that came by `revise_by`, else as heard.

        Waiting no longer than that; a re-decode given up on is skipped (not started).
        """
        heard = tuple(s.text for s in self.segments)
        if self.revised is None:
            return heard
        if not self.revised.done():
            try:
                async with asyncio.timeout(max(0.0, self.revise_by - time.monotonic())):
                    await asyncio.shield(self.revised)
            except TimeoutError:
                self.revised.cancel()
                return heard
        if self.revised.cancelled() or self.revised.exception() is not None:
            return heard
        revised = self.revised.result()
        if revised is None:
            return heard
        return tuple(r if r.strip() else h for r, h in zip(revised, heard, strict=True))


class LiveListener:
    """The listening pipeline over a live stream of frames."""

    def __init__(
        self,
        models: ListeningModels,
        voiceprints: list[Voiceprint],
        context_model: Callable[[], WhisperTranscriber] | None = None,
    ) -> None:
        """Wire the pipeline; `context_model` loads the context path's Whisper in its thread.

        By default `models.context_transcriber` (`asr.live_redecode_model`).
        """
        self._models = models
        self._detector = models.speech_detector()
        self._endpointer = Endpointer(models.settings.vad)
        self.diarizer = OnlineDiarizer(
            models.segmenter, models.embedder, models.settings.diarization, voiceprints
        )
        self._diarize_pool: ThreadPoolExecutor | None = None
        self._transcribe_pool: ThreadPoolExecutor | None = None
        self._context_pool: ThreadPoolExecutor | None = None
        asr = models.settings.asr
        self._context_words = 0 if asr.bilingual else asr.live_context_words
        self._lead_in_s = 0.0 if asr.bilingual else asr.live_lead_in_s
        self._revise = bool(self._context_words or self._lead_in_s)
        self._polish = asr.polishes
        # conversations to transcribe again as a whole (and the beam width)
        self._polishing: collections.deque[_PolishJob] = collections.deque()
        self._revise_wait_s = asr.live_redecode_wait_s
        self._context_model = context_model or models.context_transcriber
        # another model than the coached one: a first utterance is worth re-decoding alone too
        self._redecode_alone = asr.redecodes_on_multilingual
        self._context_transcriber: WhisperTranscriber | None = None  # the context thread's
        # (start, end, text) of the utterances transcribed: the context thread's only
        self._said: collections.deque[tuple[float, float, str]] = collections.deque()
        self._said_epoch = 0  # the conversation `_said` is of (context thread)
        self._epoch = 0  # the conversation under way (event loop)
        self._waiting: collections.deque[_Revision] = collections.deque()  # to re-decode
        self._revising: asyncio.Future[Recognition | None] | None = None
        self._revising_now: _Revision | None = None  # the re-decode under way
        self._given_up = False  # shutdown: no re-decode is started or waited for
        vad = models.settings.vad  # the ring reaches back lead-in seconds from an utterance's end
        ring_s = self._lead_in_s + (vad.end_of_utterance_ms + vad.padding_ms) / 1000 + 1.0
        self._ring: collections.deque[NDArray[np.float32]] = collections.deque(
            maxlen=int(ring_s * SAMPLE_RATE / CHUNK) + 1
        )
        self._heard_chunks = 0  # chunks seen, so the ring's end in stream time
        self._speculation: _Speculation | None = None
        # (start, samples) of an utterance or guess -> when its speech to text started, ended
        self._asr_spans: dict[tuple[float, int], tuple[float, float]] = {}
        self._spans_lock = threading.Lock()
        self._asr_busy = 0  # real speech-to-text jobs submitted and not done
        self.speculated = 0  # guesses started
        self.speculation_used = 0  # guesses taken over by the utterance
        self.ended_on_sentence = 0  # utterances ended early on a sentence
        self.redecoded = 0  # utterances re-decoded with context
        self.redecodes_skipped = 0  # given up on (their bound passed) before they started
        self.polished = 0  # conversations transcribed again as a whole

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
                while not self._given_up and (self._waiting or self._revising is not None):
                    self._next_revision()
                    await asyncio.sleep(0.02)
            finally:
                for revision in self._waiting:
                    revision.resolve(None)
                self._waiting.clear()
                self._drop_polishing()
                producer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await producer

    def give_up_redecodes(self) -> None:
        """Shutdown: start no more re-decodes and wait for none; their turns keep the text heard.

        The one under way (in the niced context thread: minutes on a busy CPU) is left unread;
        `showfloor-edge` exits without waiting for its thread.
        """
        if self._given_up:
            return
        self._given_up = True
        dropped = len(self._waiting)
        for revision in self._waiting:
            revision.resolve(None)
        self._waiting.clear()
        self._drop_polishing()
        running = self._revising_now
        if running is not None:
            running.resolve(None)
        if dropped or running is not None:
            _LOGGER.info(
                "stopping: %d re-decode(s) with context dropped and %d under way not waited "
                "for; their turns keep the text first heard",
                dropped,
                running is not None,
            )

    @contextlib.contextmanager
    def _workers(self) -> Iterator[tuple[ThreadPoolExecutor, ThreadPoolExecutor]]:
        transcribe = ThreadPoolExecutor(1, thread_name_prefix="listen-asr")
        diarize = ThreadPoolExecutor(1, thread_name_prefix="listen-diarize")
        self._diarize_pool, self._transcribe_pool = diarize, transcribe
        if self._revise or self._polish:
            self._context_pool = ThreadPoolExecutor(
                1, thread_name_prefix="listen-context", initializer=_lower_priority
            )
            if self._context_transcriber is None:
                self._context_pool.submit(self._load_context_model)
        try:
            yield transcribe, diarize
        finally:
            context, self._context_pool = self._context_pool, None
            self._diarize_pool = self._transcribe_pool = None
            transcribe.shutdown(wait=False, cancel_futures=True)
            diarize.shutdown(wait=False, cancel_futures=True)
            if context is not None:
                context.shutdown(wait=False, cancel_futures=True)

    def _load_context_model(self) -> None:
        if self._context_transcriber is None:
            self._context_transcriber = self._context_model()

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
                    if self._revise:
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
        guessed = guess is not None and guess.fits(utterance)
        if guess is not None and guessed:
            self.speculation_used += 1
            diarized = diarize.submit(self._diarize, utterance, guess.analysis)
            recognition = guess.recognition
        else:
            if guess is not None:
                guess.drop()
            diarized = diarize.submit(self._diarize, utterance)
            recognition = transcribe.submit(self._transcribe_alone, utterance)
        waited = asyncio.wrap_future(recognition)
        if guess is None or not guess.fits(utterance):
            self._asr_busy += 1
            waited.add_done_callback(self._asr_done)  # on the event loop, like the += above
        before = self._before(utterance) if self._revise else None  # the ring moves on
        return _Pending(utterance, now, asyncio.wrap_future(diarized), waited, before, guessed)

    def _asr_done(self, _: asyncio.Future[Recognition]) -> None:
        self._asr_busy -= 1
        self._next_revision()

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
            transcribe.submit(self._transcribe_alone, tentative),
            diarize.submit(self.diarizer.analyse, tentative.samples),
        )
        guessed = asyncio.wrap_future(self._speculation.recognition)
        guessed.add_done_callback(lambda _: self._next_revision())

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

    def _transcribe_alone(self, utterance: Utterance) -> Recognition:
        """Speech to text of the utterance on its own (the fast path, speech-to-text thread)."""
        word_timing = self._models.settings.asr.live_word_timing
        started = time.monotonic()
        recognition = self._models.transcriber(
            utterance.samples, word_timing=word_timing, pauses=utterance.pauses
        )
        with self._spans_lock:
            self._asr_spans[(utterance.start, len(utterance.samples))] = (started, time.monotonic())
        return recognition

    def _idle(self) -> bool:
        """Whether speech to text has no utterance or guess waiting."""
        guess = self._speculation
        return not self._asr_busy and (guess is None or not guess.running())

    def _next_revision(self) -> None:
        """Start the oldest waiting re-decode, if speech to text is idle and none runs.

        With none waiting, the oldest conversation waiting to be polished.
        """
        pool = self._context_pool
        if pool is None or self._given_up or self._revising is not None:
            return
        if not self._waiting:
            self._next_polish(pool)
            return
        if not self._idle():  # speech to text first
            return
        revision = self._waiting.popleft()
        self._revising = running = asyncio.wrap_future(pool.submit(self._redecode, revision))
        self._revising_now = revision

        def done(_: asyncio.Future[Recognition | None]) -> None:
            self._revising, self._revising_now = None, None
            try:
                recognition = running.result()
            except Exception:  # the fast text stays
                _LOGGER.exception("could not re-decode an utterance with its context")
                recognition = None
            if recognition is None:
                self.redecodes_skipped += revision.skipped
                revision.resolve(None)
            else:
                self.redecoded += 1
                revision.resolve(revision.texts_of(recognition))
            self._next_revision()

        running.add_done_callback(done)

    async def polish(self, joined: Joined, beam_size: int | None = None) -> Recognition | None:
        """`joined` (a conversation's speech) transcribed as a whole, as `transcribe` does.

        Low priority: in the niced context thread, started when speech to text is idle and no
        re-decode waits (a re-decode coming while it runs waits for it). None when polish is
        off or it was given up (shutdown). Outside `listen`, in a niced thread of its own.
        `beam_size`: instead of `asr.polish_beam_size` (`eval.live_wer`).
        """
        if not self._polish or not len(joined.audio) or self._given_up:
            return None
        job = (joined, beam_size or self._models.settings.asr.polish_beam_size)
        if self._context_pool is None:
            with ThreadPoolExecutor(
                1, thread_name_prefix="listen-polish", initializer=_lower_priority
            ) as pool:
                return await asyncio.wrap_future(pool.submit(self._polish_now, *job))
        future: asyncio.Future[Recognition | None] = asyncio.get_running_loop().create_future()
        self._polishing.append((job, future))
        self._next_revision()
        return await future

    def _next_polish(self, pool: ThreadPoolExecutor) -> None:
        while self._polishing and self._polishing[0][1].done():  # cancelled: forgotten
            self._polishing.popleft()
        if not self._polishing or not self._idle():
            return
        job, future = self._polishing.popleft()
        running: asyncio.Future[Recognition | None] = asyncio.wrap_future(
            pool.submit(self._polish_now, *job)
        )
        self._revising = running

        def done(_: asyncio.Future[Recognition | None]) -> None:
            self._revising = None
            try:
                recognition = running.result()
            except Exception:  # the turns keep the text sent
                _LOGGER.exception("could not polish a conversation")
                recognition = None
            if not future.done():
                future.set_result(recognition)
            self._next_revision()

        running.add_done_callback(done)

    def _polish_now(self, joined: Joined, beam_size: int) -> Recognition:
        """The whole decode (in the context thread)."""
        self._load_context_model()
        assert self._context_transcriber is not None
        started = time.process_time()
        recognition = self._context_transcriber.recording(joined.audio, beam_size=beam_size)
        self.polished += 1
        _LOGGER.info(
            "polished %.0f s of a conversation's speech: %d words (%.1f s process CPU meanwhile)",
            len(joined.audio) / SAMPLE_RATE,
            len(recognition.words),
            time.process_time() - started,
        )
        return recognition

    def _drop_polishing(self) -> None:
        for _, future in self._polishing:
            if not future.done():
                future.set_result(None)
        self._polishing.clear()

    def _redecode(self, revision: _Revision) -> Recognition | None:
        """The utterance after the conversation so far (in the context thread), or None.

        None when no one waits for it any more: its words as first heard are then kept as context.
        """
        if revision.epoch != self._said_epoch:
            self._said.clear()
            self._said_epoch = revision.epoch
        if revision.future.done():  # given up on: its bound passed
            revision.skipped = True
            self._remember_text(revision.utterance, " ".join(revision.heard))
            return None
        self._load_context_model()
        assert self._context_transcriber is not None
        utterance = revision.utterance
        context, lead_in, lead_in_text = "", None, ""
        if self._context_words:
            words = " ".join(text for _, _, text in self._said).split()
            context = " ".join(words[-self._context_words :])
        before_start, audio = revision.before
        # whole utterances, all inside Whisper's one 30 s window with this one
        earliest = max(before_start, utterance.end - _WINDOW_S)
        kept = [(start, text) for start, end, text in self._said if start >= earliest - 1e-6
                and end <= utterance.start + 1e-6]  # fmt: skip
        if kept and len(audio):
            offset = round((kept[0][0] - before_start) * SAMPLE_RATE)
            lead_in, lead_in_text = audio[offset:], " ".join(text for _, text in kept)
        if not context and lead_in is None and not self._redecode_alone:
            # nothing before it: the same model gives the fast text
            self._remember_text(utterance, " ".join(revision.heard))
            return None
        recognition = self._context_transcriber(
            utterance.samples,
            word_timing=False,
            context=context,
            lead_in=lead_in,
            lead_in_text=lead_in_text,
        )
        self._remember_text(utterance, recognition.text or " ".join(revision.heard))
        return recognition

    def _remember_text(self, utterance: Utterance, text: str) -> None:
        if not text.strip():
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
        and re-decoded after the words they were spoken after.
        """
        if self._diarize_pool is not None:
            self._diarize_pool.submit(self._new_conversation, voiceprints)
        else:
            self._new_conversation(voiceprints)
        self._epoch += 1  # the context thread forgets the words at the next re-decode
        if self._context_pool is None:
            self._said.clear()
            self._said_epoch = self._epoch

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
            offset = start - utterance.start
            segments.append(
                Segment(
                    start=round(start, 3),
                    end=round(end, 3),
                    speaker=name,
                    role=role,
                    text=text,
                    language=recognition.language_of(offset, offset + end - start),
                )
            )
        named = [(t, names[t.speaker]) for t in turns]
        with self._spans_lock:  # this one's, and forget the guesses before it
            asr_span = self._asr_spans.pop((utterance.start, len(utterance.samples)), (0.0, 0.0))
            self._asr_spans = {k: v for k, v in self._asr_spans.items() if k[0] > utterance.start}
        revised: asyncio.Future[tuple[str, ...] | None] | None = None
        ready = time.monotonic()
        if (
            pending.before is not None
            and not self._given_up
            and any(s.text.strip() for s in segments)
        ):
            for given_up in self._waiting:  # skipped when their turn comes: keep no audio
                if given_up.future.done():
                    given_up.before = (given_up.before[0], np.zeros(0, dtype=np.float32))
            revised = asyncio.get_running_loop().create_future()
            self._waiting.append(
                _Revision(
                    utterance, pending.before, turns, names, tuple(segments), revised, self._epoch
                )
            )
            self._next_revision()
        return Heard(
            start=utterance.start,
            end=utterance.end,
            segments=tuple(segments),
            turns=tuple(
                SpeakerTurn(start=t.start, end=t.end, speaker=name, role=role)
                for t, (name, role) in named
            ),
            endpointed_at=pending.endpointed_at,
            ready_at=ready,
            revised=revised,
            revise_by=ready + self._revise_wait_s,
            asr_started_at=asr_span[0],
            asr_ended_at=asr_span[1],
            guessed=pending.guessed,
            audio=utterance.samples if self._polish else None,
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
    before: tuple[float, NDArray[np.float32]] | None  # the audio before it, to re-decode it
    guessed: bool = False  # its speech to text is a guess's


@dataclass(frozen=True)
class _Diarized:
    """Who spoke when in one utterance, and the speakers' names and roles."""

    turns: list[Turn]
    names: dict[int, tuple[str, Role]]


@dataclass
class _Revision:
    """An utterance heard on its own, waiting to be re-decoded after the conversation so far."""

    utterance: Utterance
    before: tuple[float, NDArray[np.float32]]
    turns: list[Turn]
    names: dict[int, tuple[str, Role]]
    segments: tuple[Segment, ...]  # as first heard
    future: asyncio.Future[tuple[str, ...] | None]
    epoch: int  # the conversation it was spoken in
    skipped: bool = False

    @property
    def heard(self) -> list[str]:
        return [s.text for s in self.segments if s.text.strip()]

    def texts_of(self, recognition: Recognition) -> tuple[str, ...] | None:
        """Each first-heard segment's text in `recognition`, or None if they do not line up."""
        split = split_by_speaker(
            recognition, self.utterance.start, self.turns, self.turns[0].speaker
        )
        speakers = [self.names[speaker][0] for speaker, _, _, _ in split]
        if speakers == [s.speaker for s in self.segments]:
            return tuple(text for _, _, _, text in split)
        if len(self.segments) == 1 and recognition.text.strip():
            return (recognition.text,)
        return None

    def resolve(self, texts: tuple[str, ...] | None) -> None:
        if not self.future.done():
            self.future.set_result(texts)


_PolishJob = tuple[tuple[Joined, int], asyncio.Future[Recognition | None]]


def _lower_priority() -> None:
    """Nice the calling thread (Linux: niceness is a thread's), so its work yields the CPU."""
    with contextlib.suppress(OSError, AttributeError):
        thread = threading.get_native_id()
        nice = os.getpriority(os.PRIO_PROCESS, thread) + _CONTEXT_NICE
        os.setpriority(os.PRIO_PROCESS, thread, nice)
