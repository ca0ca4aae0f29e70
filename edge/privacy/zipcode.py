"""ZIP codes after "zip", "zip code" or "postal code", or after a state ("CA 90210").

Searched in the spoken-digit view, so "zip is nine oh two one oh" is found as "90210"; five
digits said after "in" ("we're in nine oh two one oh") are a ZIP code too, unless they are an
amount ("in thirty thousand miles"). Redacted as part of an address (`Kind.ADDRESS`).

Round 21: the code said as the answer to a question about it ("What's your zip? — 78154,
Schertz", test34) and after "out there" ("the zip out there is four five two three one",
test28).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.numbers import is_amount
from edge.privacy.spans import Kind, Span
from edge.privacy.spoken import View

#: The fifty states' names (also a licence's issuer, `license`).
STATES = (
    r"alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|"
    r"georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    r"massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    r"new\s+hampshire|new\s+jersey|new\s+mexico|new\s+york|north\s+carolina|north\s+dakota|"
    r"ohio|oklahoma|oregon|pennsylvania|rhode\s+island|south\s+carolina|south\s+dakota|"
    r"tennessee|texas|utah|vermont|virginia|washington|west\s+virginia|wisconsin|wyoming"
)
_CODE = r"\d{5}(?:[\s-]?\d{4})?(?!\d)"
_CUED = re.compile(
    r"\b(?:zip|zipcode|postal\s*code|post\s*code)(?:\s+code)?(?:\s+(?:out\s+)?(?:there|here))?"
    r"(?:\s*(?:is|was|'s|it's|:))?"
    # round 21: the question answered ("What's your zip? — 78154, Schertz", test34)
    r"(?:\s*\?\s*(?:[\u2014\u2013-]+\s*)?)?"
    r"[\s,:]*(?:uh\s+|um\s+)?(?:it's\s+)?"
    rf"(?P<code>{_CODE})",
    re.IGNORECASE,
)
_AFTER_STATE = re.compile(
    rf"(?:\b(?i:{STATES})|\b[A-Z]{{2}})\.?,?\s+(?P<code>{_CODE})(?![\w%])(?!\s*(?:dollars|bucks|miles))"
)

_SPOKEN_IN = re.compile(r"\bin\s+(?P<code>\d{5})(?![\d\w%])")


def find(view: View) -> Iterator[Span]:
    """Spans of the view that are ZIP codes (the code only)."""
    for pattern in (_CUED, _AFTER_STATE):
        for match in pattern.finditer(view.text):
            yield Span(match.start("code"), match.end("code"), Kind.ADDRESS)
    for match in _SPOKEN_IN.finditer(view.text):
        start, end = match.span("code")
        if view.is_spoken(start, end) and not is_amount(view, start, end):
            yield Span(start, end, Kind.ADDRESS)
