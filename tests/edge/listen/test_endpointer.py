import numpy as np
import pytest

from edge.listen.endpointer import Endpointer
from edge.listen.vad import CHUNK, SAMPLE_RATE
from edge.settings import VadSettings

CHUNK_S = CHUNK / SAMPLE_RATE


def feed(endpointer: Endpointer, probabilities: list[float]) -> list[tuple[float, float, float]]:
    found = []
    for index, probability in enumerate(probabilities):
        chunk = np.full(CHUNK, index, dtype=np.float32)
        found += [(u.start, u.end, u.speech_s) for u in endpointer(chunk, probability)]
    found += [(u.start, u.end, u.speech_s) for u in endpointer.flush()]
    return found


def test_one_utterance_with_padding_and_pause() -> None:
    settings = VadSettings(end_of_utterance_ms=320, padding_ms=64, min_utterance_ms=100)
    found = feed(Endpointer(settings), [0.0] * 10 + [0.9] * 30 + [0.0] * 20)
    assert len(found) == 1
    start, end, speech = found[0]
    assert start == pytest.approx(8 * CHUNK_S)  # two chunks of padding before the speech
    assert end == pytest.approx(42 * CHUNK_S)  # two chunks of padding after it
    assert speech == pytest.approx(30 * CHUNK_S)


def test_utterance_keeps_its_own_samples() -> None:
    endpointer = Endpointer(VadSettings(end_of_utterance_ms=320, padding_ms=0))
    found = []
    for index, probability in enumerate([0.0] * 3 + [0.9] * 12 + [0.0] * 12):
        found += endpointer(np.full(CHUNK, index, dtype=np.float32), probability)
    (utterance,) = found
    assert utterance.samples[0] == 3 and utterance.samples[-1] == 14
    assert len(utterance.samples) == 12 * CHUNK


def test_short_pause_does_not_end_the_utterance() -> None:
    settings = VadSettings(end_of_utterance_ms=600, padding_ms=0)
    found = feed(Endpointer(settings), [0.9] * 20 + [0.0] * 10 + [0.9] * 20 + [0.0] * 30)
    assert len(found) == 1


def test_hysteresis_keeps_speech_between_thresholds() -> None:
    settings = VadSettings(end_of_utterance_ms=320, speech_threshold=0.5, padding_ms=0)
    found = feed(Endpointer(settings), [0.9] * 10 + [0.4] * 30 + [0.0] * 20)
    assert len(found) == 1
    assert found[0][1] == pytest.approx(40 * CHUNK_S)


def test_bursts_shorter_than_the_minimum_are_dropped() -> None:
    settings = VadSettings(min_utterance_ms=300, end_of_utterance_ms=320)
    assert feed(Endpointer(settings), [0.0] * 5 + [0.9] * 3 + [0.0] * 20) == []


def test_long_speech_is_cut_at_the_quietest_chunk() -> None:
    settings = VadSettings(max_utterance_s=3.0, end_of_utterance_ms=600, padding_ms=0)
    probabilities = [0.9] * 80 + [0.55] + [0.9] * 60 + [0.0] * 30
    found = feed(Endpointer(settings), probabilities)
    assert len(found) == 2
    assert found[0][1] == pytest.approx(81 * CHUNK_S)  # cut just after the 0.55 dip
    assert found[1][0] == pytest.approx(81 * CHUNK_S)
    assert all(end - start <= 3.0 + 1e-9 for start, end, _ in found)


def test_flush_returns_the_utterance_under_way() -> None:
    endpointer = Endpointer(VadSettings(padding_ms=0))
    assert feed(endpointer, [0.9] * 20) == [  # type: ignore[comparison-overlap]
        (0.0, pytest.approx(20 * CHUNK_S), pytest.approx(20 * CHUNK_S))
    ]


def test_tentative_utterance_is_the_one_the_pause_ends() -> None:
    endpointer = Endpointer(VadSettings(end_of_utterance_ms=640, padding_ms=64))
    probabilities = [0.0] * 4 + [0.9] * 20 + [0.0] * 30
    guesses, ended = [], []
    for index, probability in enumerate(probabilities):
        ended += endpointer(np.full(CHUNK, index, dtype=np.float32), probability)
        guesses.append(endpointer.tentative())
    assert guesses[24] is None  # one chunk into the pause: shorter than the padding
    guess = guesses[26]  # two chunks in: the padding is all there
    assert guess is not None
    assert endpointer.trailing_silence_ms == 0.0  # the utterance has ended since
    (utterance,) = ended
    assert (guess.start, guess.end) == (utterance.start, utterance.end)
    assert np.array_equal(guess.samples, utterance.samples)
    assert all(g is not None and np.array_equal(g.samples, guess.samples) for g in guesses[26:43])


def test_tentative_utterance_changes_when_speech_resumes() -> None:
    endpointer = Endpointer(VadSettings(end_of_utterance_ms=640, padding_ms=64))
    for index, probability in enumerate([0.9] * 20 + [0.0] * 5):
        endpointer(np.full(CHUNK, index, dtype=np.float32), probability)
    early = endpointer.tentative()
    assert early is not None
    assert endpointer.trailing_silence_ms == pytest.approx(5 * CHUNK_S * 1000)
    for index, probability in enumerate([0.9] * 10 + [0.0] * 30, start=25):
        (found := endpointer(np.full(CHUNK, index, dtype=np.float32), probability))
        if found:
            (utterance,) = found
    assert len(utterance.samples) > len(early.samples)  # the guess no longer fits
    assert endpointer.tentative() is None  # nothing under way


def test_flush_ends_the_tentative_utterance_at_once() -> None:
    endpointer = Endpointer(VadSettings(end_of_utterance_ms=640, padding_ms=64))
    for index, probability in enumerate([0.9] * 20 + [0.0] * 4):
        endpointer(np.full(CHUNK, index, dtype=np.float32), probability)
    guess = endpointer.tentative()
    assert guess is not None
    (utterance,) = endpointer.flush()
    assert np.array_equal(utterance.samples, guess.samples)


def test_an_utterance_carries_its_pauses_between_speech() -> None:
    settings = VadSettings(end_of_utterance_ms=600, padding_ms=64, speech_threshold=0.5)
    probabilities = [0.0] * 5 + [0.9] * 10 + [0.1] * 8 + [0.4] * 2 + [0.9] * 10 + [0.0] * 30
    found = []
    endpointer = Endpointer(settings)
    for probability in probabilities:
        found += endpointer(np.zeros(CHUNK, np.float32), probability)
    (utterance,) = found
    # two chunks of padding, ten of speech, then eight below the lower threshold (0.35)
    (pause,) = utterance.pauses
    assert pause == pytest.approx((12 * CHUNK_S, 20 * CHUNK_S))
