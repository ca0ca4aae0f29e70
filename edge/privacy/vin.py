"""Vehicle identification numbers: 17 characters of ISO 3779, check digit in position 9.

The alphabet has no I, O or Q. Seventeen single characters read one by one with letters and
digits among them are a VIN anywhere. A VIN whose check digit (the North American rule, 49 CFR 565)
is right counts anywhere; a VIN-shaped string with a wrong check digit counts only after "vin"
or "vehicle identification" (a misheard or mistyped VIN is still the customer's car), as does a
VIN read in groups after such a cue. Its last four digits alone ("the vin ends in 4352") stay;
its last six to eight, the serial number that tells one car of a model from the next, go
(`find_tail`: "my VIN ends in 209341", "last six of the vin are seven two six one one nine").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2,
                                               3, 4, 5, 6, 7, 8, 9), strict=True))  # fmt: skip
_VALUES.update({str(digit): digit for digit in range(10)})
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])", re.IGNORECASE)
#: After a cue: a VIN read in groups ("1HGCM 8263 3A004352"), the first group with a digit.
_GROUPED = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)[A-HJ-NPR-Z0-9]{2,}(?:[\s-][A-HJ-NPR-Z0-9]{2,}){1,7}",
    re.IGNORECASE,
)
_CUE = re.compile(r"\b(?:vin|v\.?\s?i\.?\s?n\.?|vehicle\s+identification)\b", re.IGNORECASE)
#: Seventeen single characters of the VIN alphabet read one by one ("3 G N A X K E V 9 ..."):
#: a VIN with or without a cue ("el número de serie es ...").
_SPELLED = re.compile(
    r"(?<!\S)(?:[A-HJ-NPR-Z0-9][ ,]{1,2}){16}[A-HJ-NPR-Z0-9](?![A-Za-z0-9])", re.IGNORECASE
)
#: How far back (characters) a cue still introduces a VIN.
WINDOW = 50


def check_digit(vin: str) -> str:
    """The check digit of a 17-character VIN ("X" for 10)."""
    total = sum(_VALUES[char] * weight for char, weight in zip(vin.upper(), _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def is_valid(vin: str) -> bool:
    """Whether `vin` is 17 characters of the VIN alphabet with a correct check digit."""
    return _VIN.fullmatch(vin) is not None and vin[8].upper() == check_digit(vin)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are VINs."""
    for match in _VIN.finditer(text):
        vin = match.group()
        if not any(ch.isdigit() for ch in vin) or not any(ch.isalpha() for ch in vin):
            continue
        cued = _CUE.search(text, max(0, match.start() - WINDOW), match.start()) is not None
        if cued or vin[8].upper() == check_digit(vin) or _serial_shaped(vin):
            yield Span(match.start(), match.end(), Kind.VIN)
    for match in _SPELLED.finditer(text):
        value = match.group()
        if any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value):
            yield Span(match.start(), match.end(), Kind.VIN)
    for cue in _CUE.finditer(text):
        grouped = _GROUPED.search(text, cue.end(), min(len(text), cue.end() + WINDOW))
        if grouped is not None:
            yield from _seventeen(grouped)
        yield from _spoken(text, cue.end())


#: Positions 14-17 of a VIN are the serial number's digits (ISO 3779 for larger makers).
_SERIAL_DIGITS = 4
_MIN_LETTERS = 2


def _serial_shaped(vin: str) -> bool:
    """A VIN from outside North America (no check digit): letters, and a numeric serial."""
    letters = sum(ch.isalpha() for ch in vin)
    return letters >= _MIN_LETTERS and vin[-_SERIAL_DIGITS:].isdigit()


_DIGIT_WORDS = {
    word: str(digit)
    for digit, words in enumerate(
        ["zero oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    )
    for word in words.split()
}
_SAID = re.compile(r"\s*(?:is\s+|it's\s+|:\s*)?")
_UNIT = re.compile(r"[\s,-]*([A-Za-z]+|\d)\b")


def _spoken(text: str, after: int) -> Iterator[Span]:
    """A VIN read character by character after a cue: "one F T E W one E P ... five five"."""
    position = _SAID.match(text, after)
    cursor = position.end() if position else after
    start, chars = cursor, ""
    while len(chars) < len(_WEIGHTS):
        unit = _UNIT.match(text, cursor)
        if unit is None:
            return
        word = unit.group(1)
        if word.lower() in _DIGIT_WORDS:
            chars += _DIGIT_WORDS[word.lower()]
        elif len(word) == 1 and (word.isdigit() or word.upper() not in "IOQ"):
            chars += word.upper()
        else:
            return
        if len(chars) == 1:
            start = unit.start(1)
        cursor = unit.end()
    if any(ch.isalpha() for ch in chars) and any(ch.isdigit() for ch in chars):
        yield Span(start, cursor, Kind.VIN)


def _seventeen(grouped: re.Match[str]) -> Iterator[Span]:
    """The leading groups of `grouped` that make 17 characters, if any do."""
    length = 0
    for group in re.finditer(r"[A-Za-z0-9]+", grouped.group()):
        length += len(group.group())
        if length == len(_WEIGHTS):
            yield Span(grouped.start(), grouped.start() + group.end(), Kind.VIN)
            return


#: Six to eight digits (the spoken-digit view reads "seven two six ..." as digits), or the
#: same with up to three VIN letters before them, written or said one by one ("KH770621",
#: "k a 512907"): six to eight characters with at least four digits.
_TAIL = re.compile(
    r"(?<![\w.])(?:(?:[A-HJ-NPR-Z] ){1,3}|[A-HJ-NPR-Z]{1,3}(?=\d))?\d(?:[ -]?\d){3,7}(?![\w])",
    re.IGNORECASE,
)
_TAIL_LEAST, _TAIL_MOST = 6, 8
#: "ends in", "ending with", "last six", "los últimos seis", "termina en" near the cue.
_TAIL_CUE = re.compile(
    r"\b(?:ends?|ending)\s+(?:in|with)\b|\blast\s+(?:six|seven|eight|6|7|8)\b|"
    r"\btermina\s+en\b|\búltimos\s+(?:seis|siete|ocho|6|7|8)\b|"
    r"\b(?:the\s+)?end\s+of\s+(?:the|my|his|her|their|its)\b|\bfinal\s+del\b",
    re.IGNORECASE,
)
#: How far (characters) the cue and "ends in" may be from each other and from the digits.
TAIL_WINDOW = 40


def find_tail(text: str) -> Iterator[Span]:
    """The last six to eight digits of a VIN said after a cue and "ends in"/"last six".

    Or "the end of the VIN, ..." / "el final del vin ..." (round 13).
    """
    for cue in _CUE.finditer(text):
        near = text[max(0, cue.start() - TAIL_WINDOW) : cue.end() + TAIL_WINDOW]
        if _TAIL_CUE.search(near) is None:
            continue
        tail = _TAIL.search(text, cue.end(), min(len(text), cue.end() + TAIL_WINDOW))
        if tail is not None and _TAIL_LEAST <= len(re.sub(r"[ -]", "", tail.group())) <= _TAIL_MOST:
            yield Span(tail.start(), tail.end(), Kind.VIN)
