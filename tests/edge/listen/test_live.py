"""Live listening on the real models: utterances in order, two voices, resets in order."""

import asyncio
import dataclasses
import threading
from pathlib import Path

import pytest

from edge.audio.file_source import FileSource
from edge.listen.endpointer import Utterance
from edge.listen.live import Heard, LiveListener
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn as DiarizedTurn
from edge.listen.windows import Window
from harness.speech import Turn

pytestmark = pytest.mark.slow


def hear_all(listener: LiveListener, path: Path) -> list[Heard]:
    async def main() -> list[Heard]:
        return [heard async for heard in listener.listen(aiter(FileSource(path)))]

    return asyncio.run(main())


def test_utterances_come_in_order_with_both_voices(
    listening: ListeningModels, dialogue: tuple[Path, list[Turn]]
) -> None:
    path, _ = dialogue
    heard = hear_all(LiveListener(listening, []), path)
    assert [h.start for h in heard] == sorted(h.start for h in heard)
    text = " ".join(s.text for h in heard for s in h.segments).lower()
    for phrase in ("welcome", "hybrid", "monthly payment", "electric"):
        assert phrase in text
    speakers = {s.speaker for h in heard for s in h.segments}
    assert len(speakers) >= 2
    for h in heard:  # segment timing (the live default) keeps segments inside their utterance
        assert all(h.start - 0.05 <= s.start <= s.end <= h.end + 0.05 for s in h.segments), [
            (h.start, h.end, s.start, s.end) for s in h.segments
        ]


def test_word_timing_gives_the_same_words(
    listening: ListeningModels, dialogue: tuple[Path, list[Turn]]
) -> None:
    path, _ = dialogue
    asr = listening.settings.asr.model_copy(update={"live_word_timing": True})
    settings = listening.settings.model_copy(update={"asr": asr})
    timed = dataclasses.replace(listening, settings=settings)
    by_segment = hear_all(LiveListener(listening, []), path)
    by_word = hear_all(LiveListener(timed, []), path)
    assert [h.start for h in by_word] == [h.start for h in by_segment]
    words = " ".join(s.text for h in by_word for s in h.segments).lower()
    segments = " ".join(s.text for h in by_segment for s in h.segments).lower()
    assert words.split() == segments.split()


class Recording:
    """The real diarizer, noting each call and the thread it ran on."""

    def __init__(self, listener: LiveListener) -> None:
        self.diarizer = listener.diarizer
        self.calls: list[tuple[str, int]] = []
        original = self.diarizer.reset

        def reset() -> None:
            self.calls.append(("reset", threading.get_ident()))
            original()

        self.diarizer.reset = reset  # type: ignore[method-assign]

    def turns_of(self, utterance: Utterance, analysed: list[Window]) -> list[DiarizedTurn]:
        self.calls.append(("diarize", threading.get_ident()))
        return self.diarizer.turns_of(utterance, analysed)

    def __getattr__(self, name: str) -> object:
        return getattr(self.diarizer, name)


def test_new_conversation_waits_for_utterances_already_heard(
    listening: ListeningModels, dialogue: tuple[Path, list[Turn]]
) -> None:
    path, _ = dialogue
    listener = LiveListener(listening, [])
    recording = Recording(listener)
    listener.diarizer = recording  # type: ignore[assignment]

    async def main() -> None:
        first = True
        async for _ in listener.listen(aiter(FileSource(path))):
            if first:
                listener.new_conversation()
                first = False

    asyncio.run(main())
    kinds = [kind for kind, _ in recording.calls]
    assert kinds.count("reset") == 1 and kinds.index("reset") >= 1  # after the first utterance
    assert len({thread for _, thread in recording.calls}) == 1  # never beside a diarization
    listener.new_conversation()  # not listening: at once
    assert recording.calls[-1][0] == "reset"
    assert recording.calls[-1][1] == threading.get_ident()
