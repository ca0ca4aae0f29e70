"""Streets named on a drive, vetoed as names and places (round 21, English).

A street said without a house number is no detail. The retired files say many as the
dealership's or a shop's place ("We're on Harbor Boulevard", test2, test15; "Our service
entrance is on Commerce Drive", test14; "the other store over on jackson avenue", test7;
"Is the body shop still on Main Street", test4), and the rules keep those, since a street
word follows. A test drive's route names the street alone, which the finders and the tagger
take for a surname: "do a loop around Walzem", "We'll head out on Wurzbach ... come back in
on De Zavala", "watch for the school zone on Evans", "we'll cut over on Lamar", "hang a right
at the light on Ranch Road 12", "Cesar Chavez is closed at the bridge" (test34). This veto
drops a capitalised span with no digit but a road's number that has a move or a road's
feature right before it ("loop around", "head out on", "come back in on", "cut over on", "left
on", "the light on", "school zone on", "exit on", "come back through") or a closure right
after it ("is closed", "is shut down"). "I'm waiting on Derek", "put it on Grace's account"
have no such words and stay.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

_BEFORE = re.compile(
    r"(?i:\b(?:loop(?:\s+back)?\s+(?:around|on)|(?:head|heading|go|going|come|coming|get|"
    # round 25 (test35): "I stay on ..." (present, a person) is where they live, no drive
    r"getting|cut|cutting|swing|hop|jump|(?<!\bi\s)(?<!\bwe\s)(?<!\bthey\s)stay|staying)"
    r"\s+(?:(?:out|back|over|in|up|down|"
    r"around|onto)\s+){0,2}on(?:to)?|(?:left|right|u-turn)\s+(?:on(?:to)?|at)|"
    r"(?:light|sign|zone|exit|ramp|bridge|construction|traffic)\s+on|merge\s+onto|"
    r"take\s+(?:the\s+)?(?:frontage\s+road\s+)?(?:to|down|up)|"
    r"(?:come|coming|go|going|drive|driving|head|heading)\s+(?:back\s+)?through)\s+)$"
)
_AFTER = re.compile(r"(?i:\s+(?:is|'s)\s+(?:closed|shut\s+down|backed\s+up|under\s+construction))")
#: A road's number in the span: "Ranch Road 12", "Loop 410", "FM 1604".
_ROAD = re.compile(r"^(?:[A-Z][a-z]+\s+){1,2}\d{1,4}$")


def _streetlike(said: str) -> bool:
    return not any(c.isdigit() for c in said) or _ROAD.match(said) is not None


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the names and places that are streets on a drive."""
    out = []
    for span in spans:
        said = text[span.start : span.end]
        if (
            span.kind in (Kind.NAME, Kind.ADDRESS)
            and said[:1].isupper()
            and _streetlike(said)
            and (
                _BEFORE.search(text, max(0, span.start - 40), span.start) is not None
                or _AFTER.match(text, span.end) is not None
            )
        ):
            continue
        out.append(span)
    return out
