"""The real models on self-made and real speech: words, speaker turns, enrollment, DER/WER."""

import logging
from pathlib import Path

import numpy as np
import pytest

from edge.audio.decode import load_audio
from edge.errors import NoSpeechError
from edge.listen import pipeline
from edge.listen.asr import Recognition, WhisperTranscriber, Word
from edge.listen.endpointer import Utterance
from edge.listen.enroll import enroll
from edge.listen.models import ListeningModels
from edge.listen.transcript import Transcript
from edge.settings import AsrSettings
from harness.speech import CUSTOMER, SALESPERSON, Turn, speak
from models.manifest import Role

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).parents[3] / ".cache" / "pyannote-sample"


def speaker_of_turn(result: Transcript, turn: Turn) -> str:
    """The speaker with most segment time inside a dialogue turn."""
    time: dict[str, float] = {}
    for segment in result.segments:
        overlap = min(segment.end, turn.end) - max(segment.start, turn.start)
        if overlap > 0:
            time[segment.speaker] = time.get(segment.speaker, 0.0) + overlap
    return max(time, key=lambda k: time[k]) if time else ""


def test_two_voices_words_and_turns(
    listening: ListeningModels, dialogue: tuple[Path, list[Turn]]
) -> None:
    path, truth = dialogue
    result = pipeline.transcribe(load_audio(path), str(path), listening, [])
    text = " ".join(s.text for s in result.segments).lower()
    for phrase in ("welcome", "hybrid", "monthly payment", "electric"):
        assert phrase in text
    labels: dict[str, set[str]] = {turn.voice: set() for turn in truth}
    for turn in truth:
        labels[turn.voice].add(speaker_of_turn(result, turn))
    assert len(labels[SALESPERSON]) == 1 and len(labels[CUSTOMER]) == 1
    assert labels[SALESPERSON] != labels[CUSTOMER]
    assert {s.role for s in result.segments} == {"customer"}  # nobody enrolled
    assert [s.start for s in result.segments] == sorted(s.start for s in result.segments)


def test_enrolled_salesperson_is_named(
    listening: ListeningModels, dialogue: tuple[Path, list[Turn]]
) -> None:
    path, truth = dialogue
    samples = load_audio(path)
    # enroll from the first part of the recording (the salesperson's opening lines) ...
    first = truth[0]
    sales_only = samples[int(first.start * 16000) : int(first.end * 16000)]
    voiceprint = enroll("Sam", [("opening", sales_only)], listening)
    # ... and transcribe the rest
    rest_start = truth[1].start - 0.3
    result = pipeline.transcribe(
        samples[int(rest_start * 16000) :], "rest", listening, [voiceprint]
    )
    for turn in truth[1:]:
        start, end = turn.start - rest_start, turn.end - rest_start
        shifted = Turn(turn.voice, turn.text, start, end)
        expected = "Sam" if turn.voice == SALESPERSON else "customer_1"
        assert speaker_of_turn(result, shifted) == expected
    roles = {s.speaker: s.role for s in result.segments}
    assert roles == {"Sam": "salesperson", "customer_1": "customer"}


def test_enrollment_refuses_too_little_speech(listening: ListeningModels) -> None:
    from harness.speech import speak

    with pytest.raises(NoSpeechError, match="needs at least"):
        enroll("Sam", [("short", speak("Hello there."))], listening)


def test_silence_only_is_an_empty_transcript_with_a_warning(
    listening: ListeningModels, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="edge.listen.pipeline"):
        result = pipeline.transcribe(np.zeros(16000 * 5, np.float32), "silence.wav", listening, [])
    assert result.segments == () and result.turns == () and result.duration == 5.0
    assert "no speech found in silence.wav" in caplog.text


def test_pyannote_sample_der_and_wer_are_bounded(listening: ListeningModels) -> None:
    from pyannote.core import Annotation, Segment, Timeline
    from pyannote.database.util import load_rttm
    from pyannote.metrics.diarization import DiarizationErrorRate

    from eval.listen import stm_text, word_error_rate

    wav = SAMPLE / "sample.wav"
    if not wav.exists():
        pytest.fail(f"{wav} missing: `make test-data` fetches it from the pyannote.audio wheel")
    result = pipeline.transcribe(load_audio(wav), str(wav), listening, [])
    hypothesis = Annotation(uri="sample")
    for index, turn in enumerate(result.turns):
        hypothesis[Segment(turn.start, turn.end), index] = turn.speaker
    reference = load_rttm(SAMPLE / "sample.rttm")["sample"]
    whole = Timeline([Segment(0, result.duration)])
    der = DiarizationErrorRate(collar=0.0, skip_overlap=False)(reference, hypothesis, uem=whole)
    wer = word_error_rate(
        stm_text(SAMPLE / "sample.stm"), " ".join(s.text for s in result.segments)
    )
    assert len({t.speaker for t in result.turns}) == 2
    assert der < 0.20
    assert wer < 0.20


def test_vocabulary_brings_back_domain_terms(listening: ListeningModels) -> None:
    """tiny.en hears espeak's "test drive" as "test rhyme"; `asr.vocabulary` fixes that.

    Hotwords are off by default: on real speech they raised WER and tripled decode time
    (docs/benchmarks.md); a site can turn them on.
    """
    line = speak("Would you like to take it for a test drive first?", SALESPERSON)
    directory = listening.bundle.path(Role.ASR_EN)
    plain = WhisperTranscriber(directory, AsrSettings())(line).text.lower()
    tuned = WhisperTranscriber(directory, AsrSettings(vocabulary="test drive, trade-in"))
    assert "test drive" not in plain
    assert "test drive" in tuned(line).text.lower()


def test_words_outside_speech_are_dropped() -> None:
    speech = [
        Utterance(start, end, np.zeros(int((end - start) * 16000), np.float32), end - start)
        for start, end in ((1.0, 3.0), (6.0, 7.0))
    ]
    words = (
        Word(0.5, 1.1, " Hello", 0.9),  # runs into the first utterance
        Word(3.0, 3.4, " Thanks", 0.4),  # starts as it ends
        Word(5.9, 6.2, " for", 0.8),
        Word(7.5, 8.0, " watching", 0.4),  # after the last
    )
    kept = pipeline.in_speech(Recognition(" Hello Thanks for watching", "en", words), speech)
    assert kept.text == "Hello for" and kept.words == (words[0], words[2])


def test_an_unsure_thank_you_alone_in_an_utterance_is_dropped() -> None:
    speech = [
        Utterance(start, end, np.zeros(int((end - start) * 16000), np.float32), end - start)
        for start, end in ((1.0, 3.0), (6.0, 7.0))
    ]
    words = (
        Word(1.2, 1.6, " Thank", 0.9),
        Word(1.6, 1.9, " you.", 0.9),  # said, and heard with confidence
        Word(6.1, 6.4, " Thank", 0.3),
        Word(6.4, 6.7, " you.", 0.3),  # on noise: the guard drops it
    )
    kept = pipeline.in_speech(Recognition(" Thank you. Thank you.", "en", words), speech)
    assert kept.words == words[:2]
