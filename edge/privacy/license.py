"""Driver's licence numbers, found by their context ("my license number is D123-4567-8901")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_LICENSE = re.compile(
    r"\b(?:driver'?s'?\s+)?(?:licen[cs]e|dl|d\.l\.)[\s,]*"
    r"(?:(?:the\s+)?(?:number|no\.?|num|#|id)\s*)?(?:'s)?\s*(?:is|was|it's|reads|:)?\s*(?:uh\s+|um\s+)?"
    r"(?P<value>(?:[A-Za-z]{1,2}[\s-]?){0,2}\d[\dA-Za-z]*(?:[\s-]\d[\dA-Za-z]*)*)",
    re.IGNORECASE,
)
_MIN_DIGITS = 4


def find(text: str) -> Iterator[Span]:
    """Spans of the view that are licence numbers (the number only, not the cue)."""
    for match in _LICENSE.finditer(text):
        value = match.group("value")
        if sum(ch.isdigit() for ch in value) >= _MIN_DIGITS:
            yield Span(match.start("value"), match.end("value"), Kind.LICENSE)
