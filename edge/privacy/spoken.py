"""Spoken digits written as digits, in a view of the text that remembers where each came from.

Whisper writes phone numbers as "five five five, one two three four" (or "... dash one two
three four"), with "oh" for zero and "double five"; the view has "5551234".

Detectors search the view; `View.origin` maps a span of the view back to the original text, so
redaction always replaces the words that were said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
_TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
    "eighty": "8", "ninety": "9",
}  # fmt: skip
_REPEAT = {"double": 2, "triple": 3}
_SCALES = {"hundred": 100, "thousand": 1000}
_SMALL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)"
)
_HUNDREDS = rf"{_SMALL}\s+hundred(?:\s+{_SMALL})?"
#: "three hundred twelve", "two thousand one hundred", "twenty one hundred": one number.
_COMPOUND = re.compile(
    rf"\b(?:(?:{_HUNDREDS}|{_SMALL})\s+thousand(?:\s+(?:{_HUNDREDS}|{_SMALL}))?|{_HUNDREDS})\b",
    re.IGNORECASE,
)
_ZERO_WORDS = frozenset({"oh", "o"})
_WORD = re.compile(r"[A-Za-z]+")
#: What may stand between two spoken digits of one number.
#: Between two spoken digits: a dash said, or a filler ("five two eight uh four one seven").
_GAP = re.compile(
    r"[\s,.\-]{0,3}(?:(?:dash|hyphen|uh|um|umm|uhm|er|erm)[\s,.\-]{1,3})?", re.IGNORECASE
)
_JOINERS = frozenset({"dash", "hyphen", "uh", "um", "umm", "uhm", "er", "erm"})


@dataclass(frozen=True)
class View:
    """The text with spoken digit runs written as digits."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    spoken: tuple[bool, ...]

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind `view.text[start:end]` (end > start)."""
        return self.starts[start], self.ends[end - 1]

    def is_spoken(self, start: int, end: int) -> bool:
        """Whether any digit of the view span was spoken as a word."""
        return any(self.spoken[start:end])


def _is_number_word(word: str) -> bool:
    return word in _UNITS or word in _TEENS or word in _TENS or word in _REPEAT


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of number words joined by short gaps, two words or more."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        joined = bool(current) and _GAP.fullmatch(text, current[-1].end(), match.start())
        if _is_number_word(word) or (word in _SCALES and current):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(match)
        elif word in _JOINERS and current:
            continue
        else:
            runs.append(current)
            current = []
    runs.append(current)
    trimmed = []
    for run in runs:
        # "oh, five five five": an interjection, not a zero
        while len(run) > 1 and run[0].group().lower() in _ZERO_WORDS and _pause(text, run):
            run = run[1:]
        while run and run[-1].group().lower() in _REPEAT:
            run = run[:-1]
        if len(run) >= 2:
            trimmed.append(run)
    return trimmed


def _pause(text: str, run: list[re.Match[str]]) -> bool:
    """Whether the first two words of a run are parted by punctuation."""
    return any(ch in ",." for ch in text[run[0].end() : run[1].start()])


def _value(words: str) -> int:
    """The value of a compound number said in words ("two thousand one hundred": 2100)."""
    total, current = 0, 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "hundred":
            current *= 100
        elif word == "thousand":
            total, current = total + current * 1000, 0
        else:
            current += int(
                _TEENS.get(word) or (_TENS[word] + "0" if word in _TENS else _UNITS[word])
            )
    return total + current


def _compounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of compound numbers in `text[start:end]`.

    When more number words follow ("eight hundred five five five ..."), the compound ends at
    its last "hundred"/"thousand": the words after it are digits of their own.
    """
    spans = []
    for match in _COMPOUND.finditer(text, start, end):
        stop = match.end()
        if _WORD.search(text, stop, end):
            scales = list(re.finditer(r"hundred|thousand", match.group(), re.IGNORECASE))
            stop = match.start() + scales[-1].end()
        spans.append((match.start(), stop))
    return spans


def _digits(run: list[re.Match[str]], text: str) -> list[tuple[str, int, int]]:
    """(digits, start, end) for each word of a run; repeats, tens-units and compounds folded."""
    out: list[tuple[str, int, int]] = []
    compounds = _compounds(text, run[0].start(), run[-1].end())
    repeat, repeat_start = 1, None
    for match in run:
        word = match.group().lower()
        start, end = match.span()
        compound = next((c for c in compounds if c[0] <= start < c[1]), None)
        if compound is not None:
            if compound[0] == start:
                out.append((str(_value(text[compound[0] : compound[1]])), start, compound[1]))
            continue
        if word == "thousand":
            continue
        if word in _REPEAT:
            repeat, repeat_start = _REPEAT[word], start
            continue
        if repeat_start is not None:
            start, repeat_start = repeat_start, None
        if word == "hundred":
            if out and len(out[-1][0]) == 1:
                digit, first, _ = out[-1]
                out[-1] = (digit + "00", first, end)
            continue
        if word in _TENS:
            out.append((_TENS[word] + "0", start, end))
        elif word in _TEENS:
            out.append((_TEENS[word], start, end))
        else:
            unit = _UNITS[word]
            if repeat == 1 and unit != "0" and out and _is_tens(out[-1]):
                digits, first, _ = out[-1]
                out[-1] = (digits[:-1] + unit, first, end)
            else:
                out.append((unit * repeat, start, end))
        repeat = 1
    return out


def _is_tens(item: tuple[str, int, int]) -> bool:
    digits = item[0]
    return len(digits) == 2 and digits[0] in "23456789" and digits[1] == "0"


def view(text: str) -> View:
    """The view of `text`: each run of two or more spoken digits written as one digit string."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    spoken: list[bool] = []
    cursor = 0
    for run in _runs(text):
        for index in range(cursor, run[0].start()):
            chars.append(text[index])
            starts.append(index)
            ends.append(index + 1)
            spoken.append(False)
        for digits, start, end in _digits(run, text):
            for digit in digits:
                chars.append(digit)
                starts.append(start)
                ends.append(end)
                spoken.append(True)
        cursor = run[-1].end()
    for index in range(cursor, len(text)):
        chars.append(text[index])
        starts.append(index)
        ends.append(index + 1)
        spoken.append(False)
    return View("".join(chars), tuple(starts), tuple(ends), tuple(spoken))
