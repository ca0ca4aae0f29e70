"""Polish after the customer leaves: the kept speech, its joining, and words back to turns."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import threading
from pathlib import Path

import numpy as np
import pytest

from edge.audio.file_source import FileSource
from edge.listen.asr import Recognition, WhisperTranscriber, Word, normalise
from edge.listen.live import Heard, LiveListener
from edge.listen.models import ListeningModels
from edge.listen.polish import Piece, SpeechKept, blocks, join, polished_texts
from harness.speech import CUSTOMER, SALESPERSON, make_dialogue

LINES = [
    (SALESPERSON, "Welcome in. Are you looking at the hybrid today?"),
    (CUSTOMER, "Yes, but the monthly payment worries me."),
    (SALESPERSON, "We can work on the payment. Would you like a test drive?"),
]


def test_the_kept_speech_is_int16_and_bounded_oldest_first() -> None:
    kept = SpeechKept(max_s=2.0)
    second = np.full(16000, 0.5, dtype=np.float32)
    kept.add(0.0, second)
    kept.add(1.5, second)
    assert kept.seconds == 2.0 and kept.nbytes == 64000
    assert all(p.samples.dtype == np.int16 for p in kept.pieces())
    assert kept.pieces()[0].samples[0] == 16383
    kept.add(1.6, second)  # overlaps what is kept: the same utterance again
    assert len(kept.pieces()) == 2
    kept.add(3.0, second)  # over the bound: the first utterance goes
    assert [p.start for p in kept.pieces()] == [1.5, 3.0]
    assert kept.dropped_until == 1.0
    kept.clear()
    assert kept.pieces() == () and kept.seconds == 0.0


def test_pauses_are_cut_to_a_second_and_times_map_back_to_the_stream() -> None:
    one_s = np.ones(16000, dtype=np.int16)
    joined = join([Piece(10.0, one_s), Piece(11.2, one_s), Piece(20.0, one_s)])
    assert joined.offsets == (1.0, 2.2, 4.2)  # 10 s before cut to 1 s, 0.2 s kept, 7.8 s to 1
    assert len(joined.audio) == 16000 * 52 // 10
    assert not joined.audio[:16000].any() and joined.audio[16000] > 0
    assert joined.stream_time(1.5) == 10.5
    assert joined.stream_time(2.7) == pytest.approx(11.7)
    assert joined.stream_time(3.5) == pytest.approx(12.2)  # in a cut pause: its piece's end
    assert joined.stream_time(4.9) == pytest.approx(20.7)
    assert join([Piece(0.3, one_s)]).offsets == (0.3,)


def test_long_conversations_are_decoded_in_runs_of_at_most_a_minute() -> None:
    twenty_s = np.ones(16000 * 20, dtype=np.int16)
    pieces = [Piece(25.0 * i, twenty_s) for i in range(10)]
    runs = blocks(pieces)
    assert [len(run) for run in runs] == [3, 3, 3, 1]
    assert [p for run in runs for p in run] == pieces
    assert blocks([]) == []


def test_each_word_goes_to_the_turn_that_holds_it_and_dropped_turns_keep_their_text() -> None:
    one_s = np.ones(16000, dtype=np.int16)
    joined = join([Piece(5.0, one_s), Piece(8.0, one_s)])  # joined: [1, 2) and [3, 4)
    words = [
        Word(1.1, 1.3, " Hello", 0.9),
        Word(1.5, 1.9, " there.", 0.9),
        Word(2.95, 3.3, " Hi", 0.9),  # its middle inside the second utterance
        Word(3.4, 3.9, " back.", 0.9),
    ]
    spans = [(3.0, 4.0), (5.0, 6.0), (8.0, 8.5), (8.5, 9.0), (12.0, 13.0)]
    texts = polished_texts([(words, joined)], spans, since=5.0)
    assert texts == [None, "Hello there.", "Hi", "back.", None]  # first: its audio was dropped


def with_polish(models: ListeningModels) -> ListeningModels:
    asr = models.settings.asr.model_copy(update={"polish": True})
    return dataclasses.replace(models, settings=models.settings.model_copy(update={"asr": asr}))


@pytest.mark.slow
def test_a_conversation_polished_as_a_whole_gives_each_turn_its_own_words(
    listening: ListeningModels, tmp_path: Path
) -> None:
    timeline = make_dialogue(LINES, tmp_path / "dialogue.wav")
    models = with_polish(listening)
    niceness: list[int] = []

    def context_model() -> WhisperTranscriber:
        twin = listening.transcriber.twin()
        real = twin.recording

        def recording(
            samples: np.typing.NDArray[np.float32], beam_size: int | None = None
        ) -> Recognition:
            niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
            return real(samples, beam_size)

        twin.recording = recording  # type: ignore[method-assign]  # the real decode, noted
        return twin

    listener = LiveListener(models, [], context_model=context_model)

    async def main() -> tuple[list[Heard], Recognition | None, SpeechKept]:
        heard = [h async for h in listener.listen(aiter(FileSource(tmp_path / "dialogue.wav")))]
        kept = SpeechKept(models.settings.asr.polish_max_s)
        for h in heard:
            assert h.audio is not None and len(h.audio) == round((h.end - h.start) * 16000)
            kept.add(h.start, h.audio)
        return heard, await listener.polish(join(kept.pieces())), kept

    heard, recognition, kept = asyncio.run(main())
    assert recognition is not None and listener.polished == 1
    assert niceness and niceness[0] > os.getpriority(os.PRIO_PROCESS, 0)  # low priority
    segments = [s for h in heard for s in h.segments if s.text.strip()]
    texts = polished_texts(
        [(recognition.words, join(kept.pieces()))], [(s.start, s.end) for s in segments]
    )
    assert len(segments) == len(LINES)
    for line, segment, text in zip(timeline, segments, texts, strict=True):
        assert segment.start <= line.start + 0.5 and segment.end >= line.end - 0.5
        assert text is not None
        said, got = set(normalise(line.text).split()), set(normalise(text).split())
        assert len(said & got) >= 0.6 * len(said), (line.text, text)  # its own words
    assert "hybrid" in normalise(texts[0] or "") and "payment" in normalise(texts[1] or "")
    assert "test drive" in normalise(texts[2] or "")


def test_polish_off_keeps_no_audio_and_decodes_nothing(listening: ListeningModels) -> None:
    assert listening.settings.asr.polish is True  # the default (docs/benchmarks.md)
    asr = listening.settings.asr.model_copy(update={"polish": False})
    off = dataclasses.replace(
        listening, settings=listening.settings.model_copy(update={"asr": asr})
    )
    listener = LiveListener(off, [])
    joined = join([Piece(0.0, np.ones(16000, dtype=np.int16))])
    assert asyncio.run(listener.polish(joined)) is None and listener.polished == 0


@pytest.mark.slow
def test_a_polish_asked_for_while_listening_waits_its_turn_and_skips_no_redecode(
    listening: ListeningModels, tmp_path: Path
) -> None:
    make_dialogue(LINES, tmp_path / "dialogue.wav")
    listener = LiveListener(with_polish(listening), [])

    async def main() -> tuple[list[Heard], Recognition | None]:
        heard: list[Heard] = []
        polishing: asyncio.Task[Recognition | None] | None = None
        async for h in listener.listen(aiter(FileSource(tmp_path / "dialogue.wav"))):
            heard.append(h)
            if polishing is None and h.audio is not None:  # the first utterance, at once
                kept = SpeechKept(60.0)
                kept.add(h.start, h.audio)
                polishing = asyncio.create_task(listener.polish(join(kept.pieces())))
        assert polishing is not None
        for h in heard[1:]:  # the first has nothing before it: not re-decoded
            assert h.revised is not None and await h.revised is not None  # none given up
        return heard, await polishing

    heard, recognition = asyncio.run(main())
    assert recognition is not None and listener.polished == 1
    assert "hybrid" in normalise(recognition.text)
    assert listener.redecoded == len(heard) - 1 and listener.redecodes_skipped == 0
