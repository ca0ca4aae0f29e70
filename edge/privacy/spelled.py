"""Names spelled out letter by letter: "t a n a k a", "o apostrophe b r i e n".

Four single letters in a row, or three after "spell", "spelled" or "name" ("last name k i m").
Fewer stay: "the c r v", "a w d", "s u v" are model and trim talk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_JOIN = r"(?:[\s.,]+|-)(?:(?:apostrophe|dash|hyphen|space|double|capital)(?:[\s.,]+|-))*"
#: A letter: accented ones and Spanish "ch", "ll", "rr" too (round 15: "ch a c ó n",
#: "Y-Á-Ñ-E-Z").
_LETTER = r"(?:ch|ll|rr|[A-Za-zÁÉÍÓÚÑÜáéíóúñü])"
_LETTERS = re.compile(
    rf"(?<![\w']){_LETTER}(?:{_JOIN}{_LETTER}(?![\w']))+\.?",
    re.IGNORECASE,
)
_ONE = re.compile(rf"(?<![\w']){_LETTER}(?![\w'])", re.IGNORECASE)
#: "t as in tom, a as in apple": two letters said this way are a spelling.
_AS_IN = re.compile(
    r"(?<![\w'])[A-Za-z]\s+as\s+in\s+[A-Za-z]+(?:[\s,.]+[A-Za-z]\s+as\s+in\s+[A-Za-z]+)+",
    re.IGNORECASE,
)
_CUE = re.compile(r"\b(?:spell\w*|name|names|that's|it's)\W*(?:is\W+)?$", re.IGNORECASE)
_MIN_LETTERS = 4
_MIN_CUED = 3
#: Round 18 (test14 "Seo, S-E-O", test26 "Joy, like happy, J-O-Y"): three letters that spell a
#: word written with a capital and lower case letters just before, the name they spell; a model
#: code is written in capitals ("the CRV, c r v" stays).
_ECHO_REACH = 40


def _spells_a_word_before(text: str, start: int, letters: list[str]) -> bool:
    word = "".join(letters)
    before = text[max(0, start - _ECHO_REACH) : start]
    return any(
        w.lower() == word.lower() and w[0].isupper() and w[1:].islower()
        for w in re.findall(r"[^\W\d_]+", before)
    )


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are spelled-out names."""
    for match in _LETTERS.finditer(text):
        count = len(_ONE.findall(match.group()))
        cued = _CUE.search(text, max(0, match.start() - 30), match.start()) is not None
        echoed = count == _MIN_CUED and _spells_a_word_before(
            text, match.start(), _ONE.findall(match.group())
        )
        if count >= _MIN_LETTERS or (cued and count >= _MIN_CUED) or echoed:
            yield Span(match.start(), match.end(), Kind.NAME)
    for match in _AS_IN.finditer(text):
        yield Span(match.start(), match.end(), Kind.NAME)
