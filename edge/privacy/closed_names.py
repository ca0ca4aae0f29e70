"""Card networks and holidays taken for names, vetoed after the join (round 19).

Issue 18, round 19: a name span is no person's when all its words are a card network's
("we take Visa, Mastercard, Amex") or when it is a holiday's name, the span's words right
before "Day" ("through Labor Day", "the Memorial Day sale"); "Mr. Day" and "Doris Day" keep
theirs (a listed name before "Day" is no holiday word).

Round 25: the other holidays and named events (test42, test44, test47): "Eve" after
"Christmas" or "New Year's" ("we close at noon on Christmas Eve"), a storm's name after
"Hurricane" or "Tropical Storm" ("since Hurricane Beryl"), and a name span right before a
festival's head, capitalised, with one capitalised word between at most ("the Dodge City
Cowboy Days", "Riverside Fest"): "Days", "Fest", "Festival", "Parade", "Rodeo", "Jubilee".
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

#: The payment card networks.
CARDS = words("visa mastercard amex american express discover diners club maestro")
#: The words of US holidays said before "Day" (all of the span's words among these).
HOLIDAYS = words(
    """labor labour memorial presidents president's presidents' veterans veteran's columbus
    independence thanksgiving boxing mlk king luther martin father's mother's fathers mothers
    valentine's valentines patriots flag election"""
)
_DAY = re.compile(r"\s+Day\b")
_EVE = re.compile(r"(?:Christmas|New\s+Year's|New\s+Years|Year's)\s+$", re.IGNORECASE)
_STORM = re.compile(r"\b(?:Hurricane|Tropical\s+Storm|Storm|Typhoon)\s+$")
_FESTIVAL = re.compile(r"(?:\s+[A-Z][\w'-]*)?\s+(?:Days|Fest|Festival|Parade|Rodeo|Jubilee)\b")


def _event(text: str, span: Span, said: list[str]) -> bool:
    """A holiday's "Eve", a storm's name or a festival's, by the words around the span."""
    before = text[max(0, span.start - 20) : span.start]
    if said == ["eve"] and _EVE.search(before):
        return True
    return len(said) <= 2 and bool(_STORM.search(before) or _FESTIVAL.match(text, span.end))


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]*)?")


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the name spans that are a card network or a holiday."""
    out = []
    for span in spans:
        if span.kind is Kind.NAME:
            said = [w.lower() for w in _WORD.findall(text, span.start, span.end)]
            if said and (
                all(w in CARDS for w in said)
                or (all(w in HOLIDAYS for w in said) and _DAY.match(text, span.end))
                or _event(text, span, said)
            ):
                continue
        out.append(span)
    return out
