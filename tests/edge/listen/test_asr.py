import itertools
from pathlib import Path

import numpy as np
import pytest

from edge.listen.asr import (
    WhisperTranscriber,
    Word,
    _collapse_repeats,
    drop_hallucination,
    normalise,
    spread_words,
)
from edge.listen.models import ListeningModels
from edge.settings import AsrSettings
from harness.speech import speak


def words(*texts: str, probability: float = 0.9) -> list[Word]:
    return [Word(i, i + 0.5, f" {t}", probability) for i, t in enumerate(texts)]


def test_repeated_ngrams_collapse_to_two() -> None:
    kept = _collapse_repeats(words("the", "car", "the", "car", "the", "car", "the", "car", "ok"))
    assert [w.text.strip() for w in kept] == ["the", "car", "the", "car", "ok"]


def test_ordinary_repetition_is_kept() -> None:
    kept = _collapse_repeats(words("no", "no", "thanks"))
    assert [w.text.strip() for w in kept] == ["no", "no", "thanks"]


def test_unsure_thank_you_is_a_hallucination_but_a_confident_one_is_kept() -> None:
    assert drop_hallucination(words("Thank", "you.", probability=0.3)) == []
    assert len(drop_hallucination(words("Thank", "you.", probability=0.95))) == 2


def test_spread_words_share_the_segment_by_length() -> None:
    spread = spread_words(" I want a lease.", 1.0, 3.0, -0.5)
    assert [w.text for w in spread] == [" I", " want", " a", " lease."]
    assert spread[0].start == 1.0 and spread[-1].end == pytest.approx(3.0)
    assert all(a.end == pytest.approx(b.start) for a, b in itertools.pairwise(spread))
    assert spread[1].end - spread[1].start == pytest.approx(
        4 * (spread[0].end - 1.0), abs=0.005
    )  # by length, rounded to the ms
    assert [w.probability for w in spread] == pytest.approx([np.exp(-0.5)] * 4)
    assert spread_words("  ", 0.0, 1.0, 0.0) == []


@pytest.mark.slow
def test_espeak_sentence_is_transcribed_with_word_times(listening: ListeningModels) -> None:
    audio = speak("I would like to take the hybrid for a test drive today.")
    result = listening.transcriber(audio)
    assert "test drive" in result.text.lower()
    assert result.language == "en"
    assert all(0 <= w.start <= w.end <= len(audio) / 16000 + 0.5 for w in result.words)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["silence", "noise"])
def test_no_text_from_silence_or_noise(listening: ListeningModels, kind: str) -> None:
    rng = np.random.default_rng(0)
    audio = np.zeros(48000, np.float32) if kind == "silence" else (rng.normal(size=48000) * 0.02)
    assert listening.transcriber(audio.astype(np.float32)).text == ""


@pytest.mark.slow
def test_multilingual_model_detects_the_language(showfloor_bundle_dir: Path) -> None:
    transcriber = WhisperTranscriber(
        showfloor_bundle_dir / "asr_multilingual", AsrSettings(model="multilingual")
    )
    result = transcriber(speak("Where can I see the new electric cars?"))
    assert result.language == "en"
    assert "electric" in result.text.lower()


@pytest.mark.slow
def test_encoder_threads_do_not_change_the_words(
    listening: ListeningModels, showfloor_bundle_dir: Path
) -> None:
    audio = speak("What would the monthly payment be on a lease, with three thousand down?")
    one = WhisperTranscriber(showfloor_bundle_dir / "asr_en", AsrSettings(threads=1))
    assert one(audio).text == listening.transcriber(audio).text  # threads=2: split encoder


@pytest.mark.slow
def test_segment_timing_keeps_words_inside_the_audio(listening: ListeningModels) -> None:
    audio = speak("I would like to take the hybrid for a test drive today.")
    timed, spread = listening.transcriber(audio), listening.transcriber(audio, word_timing=False)
    assert spread.text == timed.text
    assert all(0 <= w.start <= w.end <= len(audio) / 16000 for w in spread.words)


@pytest.mark.slow
def test_a_short_encoder_window_reads_less_and_keeps_the_words(
    listening: ListeningModels,
) -> None:
    audio = speak("Can I take the blue one for a test drive this afternoon?")
    seconds = len(audio) / 16000
    full = listening.transcriber(audio, word_timing=False)
    assert listening.transcriber._model.cache._features.shape[-1] == 3000  # Whisper's 30 s
    short = listening.transcriber(audio, word_timing=False, window_s=seconds + 12.0)
    frames = listening.transcriber._model.cache._features.shape[-1]
    assert frames == 2 * int(np.ceil((seconds + 12.0) * 50)) < 3000  # what the encoder read
    assert "test drive" in normalise(short.text) and "test drive" in normalise(full.text)
    assert all(0 <= w.start <= w.end <= seconds + 0.5 for w in short.words)
    again = listening.transcriber(audio, word_timing=False)  # the window is one call's only
    assert listening.transcriber._model.cache._features.shape[-1] == 3000
    assert again.text == full.text
