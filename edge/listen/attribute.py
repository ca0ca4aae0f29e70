"""Words to speakers: each recognised word goes to the speaker whose turn covers it most.

When the word times are estimates (spread over a Whisper segment), whole sentences go to one
speaker instead: Whisper ends a sentence where a speaker stops far more reliably than the
estimate lands a word on the right side of a turn change. A run also ends where the language
does, when parts of the utterance were decoded in different ones (`Recognition.languages`).
"""

from __future__ import annotations

from edge.listen.asr import Recognition, Word, join_words
from edge.listen.reconstruct import Turn


def speaker_of(start: float, end: float, turns: list[Turn]) -> int | None:
    """The speaker overlapping [start, end] most, else the nearest turn's; None without turns."""
    if not turns:
        return None
    best, best_overlap = None, 0.0
    for turn in turns:
        overlap = min(end, turn.end) - max(start, turn.start)
        if overlap > best_overlap:
            best, best_overlap = turn.speaker, overlap
    if best is not None:
        return best
    middle = (start + end) / 2
    nearest = min(turns, key=lambda t: min(abs(t.start - middle), abs(t.end - middle)))
    return nearest.speaker


def split_by_speaker(
    recognition: Recognition, offset: float, turns: list[Turn], fallback: int
) -> list[tuple[int, float, float, str]]:
    """(speaker, start, end, text) runs of consecutive words by one speaker, in one language.

    Args:
        recognition: the words of one utterance, timed from the utterance's start.
        offset: where the utterance starts in the recording, in seconds.
        turns: diarization turns of the recording.
        fallback: the speaker when there are no turns.
    """
    runs: list[tuple[tuple[int, str], list[Word]]] = []
    for unit in _units(recognition):
        speaker = speaker_of(offset + unit[0].start, offset + unit[-1].end, turns)
        key = (
            fallback if speaker is None else speaker,
            recognition.language_of(unit[0].start, unit[-1].end),
        )
        if runs and runs[-1][0] == key:
            runs[-1][1].extend(unit)
        else:
            runs.append((key, list(unit)))
    return [
        (who, offset + words[0].start, offset + words[-1].end, join_words(words))
        for (who, _), words in runs
    ]


def _units(recognition: Recognition) -> list[list[Word]]:
    """What is attributed as one: each word when timed, else each sentence."""
    if recognition.timed:
        return [[word] for word in recognition.words]
    units: list[list[Word]] = [[]]
    for word in recognition.words:
        units[-1].append(word)
        if word.text.rstrip().endswith((".", "?", "!")):
            units.append([])
    return [unit for unit in units if unit]
