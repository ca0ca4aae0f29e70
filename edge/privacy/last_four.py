"""The last four digits of a social or a card, said after "last four" with no other cue.

Round 18 (test5, test15, test17, test20, test21, test24: six authors): "the last four is
6021", "Last four, 6620.", "just the last four three three oh seven", "the last four are
seven three one two". Round 16's cues needed "of my social" or "on the card" between; a bare
"last four" is as good a cue, the number told right after it. Its kind follows the line (a
card's word: a card; a VIN: a VIN; otherwise a social). "the last four years", "the last four
on the sticker are the stock number" (no number after) stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_DIGIT = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|"
    r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|\d)"
)
#: Four digits, written ("6021", "7 3 4 8") or said ("oh oh six one"), and no fifth.
_FOUR = rf"(?:\d{{4}}(?![\d-])|{_DIGIT}(?:[\s,-]+{_DIGIT}){{3}}(?![\s,-]*{_DIGIT}\b)(?![\w-]))"
_OF = (
    r"(?:\s+(?:of|on|for|de|del|de\s+la)\s+(?:(?:the|my|your|his|her|our|la|el|mi|su)\s+)?"
    r"[\w-]+(?:\s+(?:card|security))?)?"
)
_LAST_FOUR = re.compile(
    r"\b(?:last\s+four|[úu]ltimos\s+cuatro)(?:\s+(?:digits|d[ií]gitos))?"
    rf"{_OF}[\s,:?.]*(?:(?:is|are|'s|it's|es|son)[\s,:]+)?(?:(?:uh|um|eh)[\s,]+)?"
    rf"(?P<value>{_FOUR})"
    r"(?!\s+(?:models?|years?|cars?|trucks?|miles|bucks|dollars))",
    re.IGNORECASE,
)
_CARD = re.compile(
    r"\b(?:card|visa|amex|mastercard|master|discover|debit|credit|tarjeta|d[eé]bito)\b",
    re.IGNORECASE,
)
_VIN = re.compile(r"\bvin\b", re.IGNORECASE)
_SOCIAL = re.compile(r"\b(?:social|ssn|seguro\s+social)\b", re.IGNORECASE)


def _kind(text: str) -> Kind:
    if _SOCIAL.search(text):
        return Kind.SSN
    if _CARD.search(text):
        return Kind.CARD
    if _VIN.search(text):
        return Kind.VIN
    return Kind.SSN


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are the last four digits told after "last four"."""
    for match in _LAST_FOUR.finditer(text):
        yield Span(match.start("value"), match.end("value"), _kind(text))
