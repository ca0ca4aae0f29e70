"""Gain normalisation: quiet speech raised before the VAD; loud audio, passed-on audio untouched."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from numpy.typing import NDArray

from edge.listen.gain import GainNormaliser
from edge.listen.models import ListeningModels
from edge.listen.utterances import find_utterances
from edge.listen.vad import CHUNK
from harness.speech import speak


@pytest.fixture(scope="module")
def quiet_clip() -> NDArray[np.float32]:
    """A question at -70 dBFS (RMS of its speech) in -80 dBFS of noise, 1 s of it either side."""
    clip = speak("Could you tell me how much the monthly payment would be on this one?")
    clip = clip / np.sqrt(np.mean(np.square(clip))) * 10 ** (-70 / 20)
    silence = np.zeros(16000, np.float32)
    quiet = np.concatenate([silence, clip, silence])
    noise = np.random.default_rng(0).normal(0.0, 10 ** (-80 / 20), len(quiet))
    return (quiet + noise).astype(np.float32)


def chunks(samples: NDArray[np.float32]) -> list[NDArray[np.float32]]:
    return [samples[i : i + CHUNK] for i in range(0, len(samples) - CHUNK + 1, CHUNK)]


def rms_db(samples: NDArray[np.float32]) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(samples))) + 1e-12))


def test_quiet_speech_is_raised_towards_the_target(quiet_clip: NDArray[np.float32]) -> None:
    gain = GainNormaliser(max_gain_db=60.0, target_dbfs=-26.0)
    out = np.concatenate([gain(chunk) for chunk in chunks(quiet_clip)])
    loudest = max(rms_db(chunk) for chunk in chunks(out))
    assert loudest == pytest.approx(-26.0, abs=0.5)  # the loudest chunk lands on the target
    assert rms_db(out[16000:-16000]) > -40.0  # the speech as a whole is 30 dB up or more


def test_the_boost_is_bounded_and_loud_audio_is_untouched(
    quiet_clip: NDArray[np.float32],
) -> None:
    gain = GainNormaliser(max_gain_db=20.0)
    for chunk in chunks(quiet_clip):
        scaled = gain(chunk)
        assert gain.gain <= 10.0 + 1e-6  # 20 dB
        np.testing.assert_allclose(scaled, np.clip(chunk * gain.gain, -1, 1), rtol=1e-5)
    loud = np.full(CHUNK, 0.5, np.float32)
    gain.reset()
    assert np.array_equal(gain(loud), loud) and gain.gain == 1.0


def test_bad_bounds_are_refused() -> None:
    with pytest.raises(ValueError, match="bad gain bounds"):
        GainNormaliser(max_gain_db=-1.0)


def test_the_vad_hears_quiet_speech_only_with_gain_normalisation(
    listening: ListeningModels, quiet_clip: NDArray[np.float32]
) -> None:
    heard = {}
    for enabled in (False, True):
        vad = listening.settings.vad.model_copy(update={"gain_normalisation": enabled})
        settings = listening.settings.model_copy(update={"vad": vad})
        detector = dataclasses.replace(listening, settings=settings).speech_detector()
        heard[enabled] = find_utterances(quiet_clip, detector, vad)
    assert heard[False] == []
    assert len(heard[True]) == 1
    utterance = heard[True][0]
    assert utterance.start < 1.2 and utterance.end > len(quiet_clip) / 16000 - 1.2
    # the utterance carries the original (quiet) audio, not the boosted one
    first = round(utterance.start * 16000)
    np.testing.assert_array_equal(
        utterance.samples, quiet_clip[first : first + len(utterance.samples)]
    )
