"""Live diarization places each local speaker of a window as one voice.

`diarization.distinct_local_speakers`: on, two local speakers of one window are two people.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from edge.audio.decode import load_audio
from edge.listen.diarize_online import OnlineDiarizer
from edge.listen.endpointer import Utterance
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.listen.windows import Piece, Window
from edge.settings import DiarizationSettings

SAMPLE = Path(__file__).parents[3] / ".cache" / "pyannote-sample"
RATE = 16000


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(192, np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def diarizer(listening: ListeningModels, distinct: bool) -> OnlineDiarizer:
    settings = DiarizationSettings(distinct_local_speakers=distinct, online_threshold=0.5)
    return OnlineDiarizer(listening.segmenter, listening.embedder, settings, [])


def two_voice_window() -> Window:
    """Local 0 speaks frames 0-200 (two pieces), local 1 frames 300-500.

    Their voices are alike (cosine 0.6: within the live threshold of each other).
    """
    activity = np.zeros((589, 3), np.float32)
    activity[0:200, 0] = 0.9
    activity[300:500, 1] = 0.9
    pieces = [
        Piece(0, 0, 100, unit(1.0, 0.0), 1.6),
        Piece(0, 100, 200, unit(0.95, 0.3), 1.6),
        Piece(1, 300, 500, unit(0.6, 0.8), 3.3),
    ]
    return Window(offset=0.0, activity=activity, pieces=pieces)


def speakers_at(turns: list[Turn], time: float) -> set[int]:
    return {t.speaker for t in turns if t.start <= time < t.end}


@pytest.mark.parametrize("distinct", [True, False])
def test_two_local_speakers_of_a_window_are_two_people_only_when_distinct(
    listening: ListeningModels, distinct: bool
) -> None:
    live = diarizer(listening, distinct)
    utterance = Utterance(0.0, 10.0, np.zeros(10 * RATE, np.float32), 10.0)
    turns = live.turns_of(utterance, [two_voice_window()])
    first, second = speakers_at(turns, 1.0), speakers_at(turns, 7.0)
    assert len(first) == 1 and len(second) == 1
    assert speakers_at(turns, 2.5) == first  # both pieces of local 0: one speaker
    if distinct:
        assert first != second
        assert [live.speaker(s)[0] for s in sorted(first | second)] == [
            "customer_1",
            "customer_2",
        ]
    else:  # each piece on its own: local 1's voice is near enough to join local 0's
        assert first == second


def test_a_later_window_finds_the_voices_placed_before(listening: ListeningModels) -> None:
    live = diarizer(listening, distinct=True)
    utterance = Utterance(0.0, 10.0, np.zeros(10 * RATE, np.float32), 10.0)
    turns = live.turns_of(utterance, [two_voice_window()])
    first, second = speakers_at(turns, 1.0), speakers_at(turns, 7.0)
    # the next utterance has the same two voices: they are found again, no new speaker
    later = Utterance(10.0, 20.0, np.zeros(10 * RATE, np.float32), 10.0)
    turns = live.turns_of(later, [two_voice_window()])
    assert speakers_at(turns, 11.0) == first and speakers_at(turns, 17.0) == second


@pytest.mark.slow
def test_the_pyannote_sample_conversation_keeps_its_two_voices_apart(
    listening: ListeningModels,
) -> None:
    """The sample's 6.37-17.98 s (one utterance of the VAD with 400 ms padding).

    Placing each piece on its own put both voices on one speaker; as local speakers they stay two.
    """
    from pyannote.core import Annotation, Segment, Timeline
    from pyannote.database.util import load_rttm
    from pyannote.metrics.diarization import DiarizationErrorRate

    wav = SAMPLE / "sample.wav"
    if not wav.exists():
        pytest.fail(f"{wav} missing: `make test-data` fetches it from the pyannote.audio wheel")
    samples = load_audio(wav)
    start, end = 6.37, 17.98
    part = samples[round(start * RATE) : round(end * RATE)]
    utterance = Utterance(start, end, part, end - start)
    reference = load_rttm(SAMPLE / "sample.rttm")["sample"]
    region = Timeline([Segment(start, end)])
    scores = {}
    for distinct in (True, False):
        turns = diarizer(listening, distinct)(utterance)
        hypothesis = Annotation(uri="sample")
        for index, turn in enumerate(turns):
            hypothesis[Segment(turn.start, turn.end), index] = turn.speaker
        metric = DiarizationErrorRate(collar=0.0, skip_overlap=False)
        scores[distinct] = (
            metric(reference, hypothesis, uem=region),
            len({t.speaker for t in turns}),
        )
    assert scores[True][1] == 2
    assert scores[True][0] < 0.15
    assert scores[True][0] < scores[False][0]
