"""English places named by their head word, vetoed as names (round 21).

"Fort", "Lake", "Mount", "Port" before a capitalised word name a place, not a person: "we
came down from Fort Collins" (test3), "Unit 210 in Fort Worth" (test5), "Fort Lauderdale"
(test7), "up to Lake Tahoe every August", "out by Lake Lanier" (test31), and "moved out here
for the Army, Fort Cavazos" (test34), which the tagger took for a name. A name span that
starts with such a head word and a capital after it is dropped; a person's name before the
head ("Ricki Lake") starts with the person's word and stays, and so does an address span.
The Spanish heads ("San", "Ciudad", ...) are `where.py`'s.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

_HEADED = re.compile(r"(?:Fort|Ft\.?|Lake|Mount|Mt\.?|Port)\s+[A-Z]")


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the name spans that start with an English place's head word."""
    return [
        span
        for span in spans
        if span.kind is not Kind.NAME or _HEADED.match(text, span.start, span.end) is None
    ]
