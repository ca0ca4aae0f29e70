"""Model years as people say them: "2024", "a '22", "twenty twenty-four", "two thousand nine".

`year(words, short=...)` reads one exact run of words. A bare two-digit year ("a 22 Civic",
"a twenty-two Civic") is trusted only right before a make or model (`short=True`); anywhere
else "twenty two" is a number, not a year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

MIN_YEAR = 1950
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS = {word: value for value, word in enumerate(_UNIT_WORDS, start=1)}
TEENS = {word: value for value, word in enumerate(_TEEN_WORDS.split(), start=10)}
TENS = {word: 20 + 10 * index for index, word in enumerate(_TENS_WORDS)}


def max_year() -> int:
    """Next year's models are on the lot from this summer: up to two years ahead."""
    return datetime.now(UTC).year + 2


def _two_digits(words: Sequence[str]) -> int | None:
    """`twenty four` → 24, `eighteen` → 18, `oh nine` → 9, `ten` → 10; else None."""
    match list(words):
        case [teen] if teen in TEENS:
            return TEENS[teen]
        case [tens] if tens in TENS:
            return TENS[tens]
        case [tens, unit] if tens in TENS and unit in UNITS:
            return TENS[tens] + UNITS[unit]
        case ["oh" | "o", unit] if unit in UNITS:
            return UNITS[unit]
    return None


def _century(two: int) -> int:
    """`22` → 2022, `98` → 1998: the latest year that is not in the future."""
    return 2000 + two if 2000 + two <= max_year() else 1900 + two


def _plausible(value: int | None) -> int | None:
    return value if value is not None and MIN_YEAR <= value <= max_year() else None


def year(words: Sequence[str], *, short: bool = False) -> int | None:
    """The model year `words` (lower case) say, or None; `short`: right before a vehicle."""
    if len(words) == 1:
        word = words[0]
        if word.isdigit() and len(word) == 4:
            return _plausible(int(word))
        if word.startswith("'") and word[1:].isdigit() and len(word) == 3:
            return _plausible(_century(int(word[1:])))
        if short and word.isdigit() and len(word) == 2:
            return _plausible(_century(int(word)))
    if len(words) >= 3 and list(words[:2]) == ["two", "thousand"]:
        rest = words[3:] if words[2] == "and" else words[2:]
        two = UNITS.get(rest[0]) if len(rest) == 1 else None
        two = two if two is not None else _two_digits(rest)
        return _plausible(2000 + two) if two is not None else None
    if len(words) >= 2 and words[0] in ("nineteen", "twenty"):
        two = _two_digits(words[1:])
        if two is not None:
            return _plausible((19 if words[0] == "nineteen" else 20) * 100 + two)
    if short:
        two = _two_digits(words)
        return _plausible(_century(two)) if two is not None else None
    return None
