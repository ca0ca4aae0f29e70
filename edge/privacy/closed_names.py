"""Card networks and holidays taken for names, vetoed after the join (round 19).

Issue 18, round 19: a name span is no person's when all its words are a card network's
("we take Visa, Mastercard, Amex") or when it is a holiday's name, the span's words right
before "Day" ("through Labor Day", "the Memorial Day sale"); "Mr. Day" and "Doris Day" keep
theirs (a listed name before "Day" is no holiday word).
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
            ):
                continue
        out.append(span)
    return out
