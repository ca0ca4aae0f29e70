"""Offline listening of a whole recording: utterances, diarization, words, named speakers."""

from __future__ import annotations

import bisect
import logging

import numpy as np
from numpy.typing import NDArray

from edge.listen.asr import Recognition, Word, drop_hallucination, join_words
from edge.listen.attribute import split_by_speaker
from edge.listen.diarize_offline import Diarization, OfflineDiarizer
from edge.listen.endpointer import Utterance
from edge.listen.models import ListeningModels
from edge.listen.reconstruct import Turn
from edge.listen.transcript import Segment, SpeakerTurn, Transcript
from edge.listen.utterances import find_utterances
from edge.listen.voiceprints import SpeakerNamer, Voiceprint

_LOGGER = logging.getLogger(__name__)
SAMPLE_RATE = 16000


def transcribe(
    samples: NDArray[np.float32],
    audio: str,
    models: ListeningModels,
    voiceprints: list[Voiceprint],
) -> Transcript:
    """Diarize and transcribe 16 kHz mono audio.

    Speech is what the VAD finds; when it finds none but the segmentation model hears speakers
    (quiet, far-field voices), their turns stand in for it. Audio with no speech at all gives an
    empty transcript and a warning, not an error.
    """
    settings = models.settings
    duration = round(len(samples) / SAMPLE_RATE, 3)
    utterances = find_utterances(samples, models.speech_detector(), settings.vad)
    diarization = OfflineDiarizer(models.segmenter, models.embedder, settings.diarization)(samples)
    if not utterances:
        utterances = _turns_as_speech(samples, diarization.turns)
    if not utterances:
        _LOGGER.warning("no speech found in %s: the transcript is empty", audio)
        return Transcript(audio=audio, duration=duration, segments=(), turns=())
    if not diarization.turns:  # speech the segmentation missed: one speaker, embedded whole
        speech = np.concatenate([u.samples for u in utterances])
        diarization = Diarization(
            turns=[Turn(u.start, u.end, 0) for u in utterances],
            centroids=_embed_whole(models, speech),
        )
    recognition = in_speech(models.transcriber.recording(samples), utterances)
    return assemble(audio, duration, diarization, [recognition], models, voiceprints)


def assemble(
    audio: str,
    duration: float,
    diarization: Diarization,
    recognitions: list[Recognition],
    models: ListeningModels,
    voiceprints: list[Voiceprint],
) -> Transcript:
    """The transcript: the words of `recognitions` attributed to the speakers of `diarization`.

    `recognitions` are parts of the recording in time order, their words timed from its start;
    enrolled speakers are named. Each part's words are attributed among the turns near it
    (within `_NEAR_S`), so a long recording read in parts is not a words x turns loop.
    """
    namer = SpeakerNamer(voiceprints, models.settings.diarization.enrolled_threshold)
    first_seen = sorted(
        {t.speaker: t.start for t in reversed(diarization.turns)}.items(), key=lambda item: item[1]
    )
    names = {s: namer.name(s, diarization.centroids[s]) for s, _ in first_seen}
    runs = [
        run
        for recognition in recognitions
        for run in split_by_speaker(
            recognition,
            0.0,
            _near(diarization.turns, recognition, len(recognitions)),
            fallback=first_seen[0][0],
        )
    ]
    segments = [
        Segment(
            start=round(start, 3),
            end=round(end, 3),
            speaker=names[speaker][0],
            role=names[speaker][1],
            text=text,
            language=recognition_language(recognitions),
        )
        for speaker, start, end, text in runs
    ]
    turns = tuple(
        SpeakerTurn(
            start=round(t.start, 3),
            end=round(t.end, 3),
            speaker=names[t.speaker][0],
            role=names[t.speaker][1],
        )
        for t in diarization.turns
    )
    return Transcript(
        audio=audio,
        duration=duration,
        segments=tuple(sorted(segments, key=lambda s: s.start)),
        turns=turns,
    )


_NEAR_S = 30.0


def _near(turns: list[Turn], recognition: Recognition, parts: int) -> list[Turn]:
    """The turns within `_NEAR_S` of the recognition's words (all of them for a single part)."""
    if parts == 1 or not recognition.words:
        return turns
    first = recognition.words[0].start - _NEAR_S
    last = recognition.words[-1].end + _NEAR_S
    near = [t for t in turns if t.end > first and t.start < last]
    return near or turns


def recognition_language(recognitions: list[Recognition]) -> str:
    """The language of the recognition with the most words (the first one's on a tie)."""
    return max(recognitions, key=lambda r: len(r.words)).language


def _turns_as_speech(samples: NDArray[np.float32], turns: list[Turn]) -> list[Utterance]:
    """The union of `turns` as utterances, in time order and not overlapping."""
    return [
        Utterance(
            start, end, samples[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)], end - start
        )
        for start, end in speech_spans(turns)
    ]


def speech_spans(turns: list[Turn]) -> list[tuple[float, float]]:
    """(start, end) of the union of `turns`, in time order and not overlapping."""
    spans: list[list[float]] = []
    for turn in sorted(turns, key=lambda t: t.start):
        if spans and turn.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], turn.end)
        else:
            spans.append([turn.start, turn.end])
    return [(start, end) for start, end in spans]


def _embed_whole(models: ListeningModels, speech: NDArray[np.float32]) -> NDArray[np.float32]:
    """(1, D) embedding of all the speech; a zero vector when it is too short to embed."""
    if len(speech) < models.embedder.min_samples:
        return np.zeros((1, models.embedder.dimension), dtype=np.float32)
    return models.embedder(speech)[None, :]


def in_speech(recognition: Recognition, utterances: list[Utterance]) -> Recognition:
    """Only the words that overlap speech the VAD found (Whisper invents text in silence).

    The hallucination guard runs on each utterance's words, as when utterances were transcribed
    one by one. `utterances` are in time order and do not overlap, so their ends are sorted
    too: the first utterance ending after a word starts is the only one it can overlap first.
    """
    ends = [u.end for u in utterances]
    by_utterance: dict[int, list[Word]] = {}
    for word in recognition.words:
        index = bisect.bisect_right(ends, word.start)
        if index < len(utterances) and utterances[index].start < word.end:
            by_utterance.setdefault(index, []).append(word)
    words = tuple(w for group in by_utterance.values() for w in drop_hallucination(group))
    if len(words) < len(recognition.words):
        _LOGGER.debug("dropped %d words outside speech", len(recognition.words) - len(words))
    return Recognition(join_words(words), recognition.language, words)
