import itertools
import logging
from pathlib import Path

import numpy as np
import pytest
import soundfile

from edge.listen.asr import (
    WhisperTranscriber,
    Word,
    _collapse_repeats,
    drop_hallucination,
    fitted,
    normalise,
    spread_words,
    window_frames,
)
from edge.listen.models import ListeningModels
from edge.settings import AsrSettings
from harness.speech import CUSTOMER, SALESPERSON, speak

SAMPLE = Path(__file__).parents[3] / ".cache" / "pyannote-sample"


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


def test_the_encoder_window_is_the_audio_and_one_second_of_padding() -> None:
    features = np.zeros((80, 3000), np.float32)
    features[:, :411] = -0.5  # 4.11 s of log-mel frames, then faster-whisper's zero padding
    assert fitted(features, window_frames(4.0)).shape == (80, 512)  # 411 + 100, made even
    assert fitted(features, window_frames(10.0)).shape == (80, 1000)  # at least the minimum
    assert fitted(features, window_frames(30.0)) is features  # Whisper's own window: untouched
    features[:, 2950:] = -0.5  # audio up to the end: nothing to cut
    assert fitted(features, window_frames(4.0)).shape == (80, 3000)
    assert fitted(np.zeros((80, 3000), np.float32), 400).shape == (80, 400)  # silence


@pytest.mark.slow
@pytest.mark.parametrize("model", ["asr_en", "asr_multilingual"])
def test_the_coached_text_reads_a_short_window_and_the_re_decode_a_full_one(
    showfloor_bundle_dir: Path, model: str
) -> None:
    audio = speak("What would the monthly payment be on a lease, with three thousand down?")
    multilingual = model == "asr_multilingual"
    settings = AsrSettings(model="multilingual" if multilingual else "en", language="en")
    short = WhisperTranscriber(showfloor_bundle_dir / model, settings)
    full = WhisperTranscriber(
        showfloor_bundle_dir / model, settings.model_copy(update={"live_encoder_window_s": 30.0})
    )
    fast, whole = short(audio), full(audio)
    assert "monthly payment" in fast.text.lower() and "3" in fast.text
    if not multilingual:  # base hears espeak's "on a lease" differently in each read
        assert normalise(fast.text) == normalise(whole.text)
    assert all(0 <= w.start <= w.end <= len(audio) / 16000 + 0.5 for w in fast.words)
    encoded = short._model.cache.last_output  # the encoder output of the last window
    assert encoded is not None and encoded.shape[1] < 1500  # 3000 mel frames give 1500
    assert short.recording(audio).text  # a file reads Whisper's whole window
    assert short._model.cache.last_output.shape[1] == 1500
    assert short(audio).text == fast.text  # and the next utterance the short one again
    assert short._model.cache.last_output.shape[1] < 1500


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
    # base's words on espeak's voice move with the encoder's window (docs/benchmarks.md,
    # "Encoder window"); this is about the language, so Whisper's own window
    settings = AsrSettings(model="multilingual", live_encoder_window_s=30.0)
    transcriber = WhisperTranscriber(showfloor_bundle_dir / "asr_multilingual", settings)
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
def test_the_redecode_with_context_searches_a_beam(
    listening: ListeningModels, showfloor_bundle_dir: Path
) -> None:
    # a tune dialogue's (dialogue09) first two lines: greedy heard "my firstment", a beam of 5
    # "my husband" (docs/benchmarks.md, "Live WER") on the machines this was written on; greedy's
    # slip depends on the CPU's rounding (oneDNN on a Xeon with AVX-512 hears "husband" greedily
    # too), so only the beam's text and greedy's ending are checked
    question = "Hello. Is this your first time at our dealership?"
    lead_in = np.concatenate([speak(question, SALESPERSON), np.zeros(11200, np.float32)])
    answer = speak("Yes. My husband and I want to talk it over at home first.", CUSTOMER)
    twin = listening.transcriber.twin()  # the context path's (default settings: beam 5)
    assert listening.settings.asr.beam_size == 1  # the coached text stays greedy
    assert twin._settings.live_redecode_beam_size == 5
    beam = twin(answer, word_timing=False, lead_in=lead_in, lead_in_text=question)
    assert normalise(beam.text) == "yes my husband and i want to talk it over at home first"
    greedy_settings = twin._settings.model_copy(update={"live_redecode_beam_size": 1})
    greedy = WhisperTranscriber(showfloor_bundle_dir / "asr_en", greedy_settings)
    heard = greedy(answer, word_timing=False, lead_in=lead_in, lead_in_text=question)
    assert normalise(heard.text).endswith("talk it over at home first")


@pytest.mark.slow
def test_text_a_short_window_loses_to_a_loop_is_decoded_again_with_the_whole_window(
    showfloor_bundle_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # pyannote's sample, 20.1-28.5 s (real far-field speech): with a 10 s encoder window,
    # tiny.en writes these sentences two and three times over, and the loop is dropped whole.
    audio, rate = soundfile.read(SAMPLE / "sample.wav", dtype="float32")
    utterance = audio[int(20.1 * rate) : int(28.5 * rate)]
    transcriber = WhisperTranscriber(showfloor_bundle_dir / "asr_en", AsrSettings())
    with caplog.at_level(logging.DEBUG, logger="edge.listen.asr"):
        text = normalise(transcriber(utterance).text)
    assert "dropped a repetition loop" in caplog.text
    assert "the short window lost the utterance's text: decoding 30 s" in caplog.text
    assert "new jersey" in text and "yankee down here" in text
