"""ZIP codes after "zip", "zip code" or "postal code", or after a state ("CA 90210").

Searched in the spoken-digit view, so "zip is nine oh two one oh" is found as "90210"; five
digits said after "in" ("we're in nine oh two one oh") are a ZIP code too, unless they are an
amount ("in thirty thousand miles"). Redacted as part of an address (`Kind.ADDRESS`).

`after` takes a ZIP said after a found street address, the city between (moved here from
`redact` in round 23).

Round 21: the code said as the answer to a question about it ("What's your zip? — 78154,
Schertz", test34) and after "out there" ("the zip out there is four five two three one",
test28).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from edge.privacy.numbers import is_amount
from edge.privacy.spans import Kind, Span, merge
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


#: A ZIP or código postal closing an address: ", Austin, 78745", "Olivos 19, 45070".
#: Round 15: up to four words ("en Viejo San Juan, 00901") and abbreviations ("C.P. 01710").
_ZIP_AFTER = re.compile(
    r"[\s,]*(?:[^\W\d_]+(?:\.[^\W\d_]+)*\.?[\s,]+){0,4}?(?P<zip>\d{5})(?:-\d{4})?(?![\d%])"
)
_ZIP_CUE = re.compile(r"\b(?:zip|postal|code|is|was)\b", re.IGNORECASE)
#: A street type or a unit: what makes a number span a street address.
_STREET_WORD = re.compile(
    r"\b(?:street|avenue|road|drive|lane|boulevard|court|calle|suite|unit|apt|apartment)\b",
    re.IGNORECASE,
)
#: At most this many characters of the text from an address's end to its ZIP's.
_ZIP_REACH = 40


def after(digits: View, spans: list[Span], text: str = "") -> list[Span]:
    """A five-digit ZIP code said after a found street address (the city between included).

    Searched in the spoken-digit view, so a ZIP read digit by digit ("..., round rock seven
    eight six six four") is found as one written out.
    """
    extra = []
    for span in spans:
        said = text[span.start : span.end]
        numbered = any(c.isdigit() for c in said)
        # round 23 (test26, test31): a number of another kind with a street or a unit in it
        # ("2270 Commerce Park Drive, Suite 300" taken for a card) is a place too; its ZIP
        # goes, the city between stays
        streeted = numbered and _STREET_WORD.search(said) is not None
        if (
            span.kind is Kind.ADDRESS
            # after the tagger's join (`text` given): a "name" with a house number is a place
            or (span.kind is Kind.NAME and numbered)
            or streeted
        ):
            at = bisect_left(digits.starts, span.end)
            match = _ZIP_AFTER.match(digits.text, at)
            if match is None:
                continue
            start, end = digits.origin(match.start("zip"), match.end())
            if end - span.end > _ZIP_REACH:
                continue
            # round 25 (test42): the ZIP's own cue between ("... road 2401 uh zip is 79830") is
            # no city, and stays
            cued = _ZIP_CUE.search(digits.text, at, match.start("zip")) is not None
            if span.kind in (Kind.ADDRESS, Kind.NAME) and not cued:
                start = span.end
            extra.append(Span(start, end, Kind.ADDRESS))
    return merge([*spans, *extra]) if extra else spans
