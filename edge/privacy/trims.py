"""Makers' trim and model names taken for names, vetoed after the join (round 22).

Issue 18, round 22: a trim's or an old model's name is capitalised words, one of them a name
or a surname ("Trail Boss", "Scat Pack", "Big Bend", "Grand Marquis"), and `vocab.CARS` holds
single words only. Seen in the over-redaction of the retired files: "the Bronco Sport
Badlands o el Big Bend" (es_test10), "the Charger's a Scat Pack" (test24), "My first car was
an eighty-seven Grand Marquis" (test31), "two Telluride X-Pros in stock" (test33), "This
one's the Trail Boss", "they'll build the badlands in" (test34), "the maybach s six eighty"
(test37), "the Sky One-Touch top" (test12).

`TRIMS` is a closed list: the trim and model names of the US, Mexican and Spanish makers'
line-ups of 2000-2025 that hold a word of a name list or a capitalised everyday word, from
the makers' own model pages (my reading, not the data: only the eight above come from it). A
name span inside a listed phrase said whole ("Trail Boss", not "Boss" alone) is no person;
"my boss Trail" or "Grant Marquis" stay names.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

#: Trim and model names, lower case, words split by a space or a hyphen.
TRIMS = (
    "trail boss|scat pack|big bend|badlands|outer banks|black diamond|wildtrak|first edition|"
    "king ranch|big horn|bighorn|longhorn|tremor|raptor|timberline|platinum reserve|"
    "high country|rst|zr2|at4|"
    "x-pro|x pro|sx prestige|ex-l|type r|type s|nismo|pro-4x|pro 4x|midnight edition|"
    "trd pro|trd off-road|trd sport|sr5|xse|nightshade|hellcat|redeye|"
    "trackhawk|high altitude|willys|mojave|sasquatch|black widow|night edition|"
    "grand marquis|crown victoria|lesabre|park avenue|town car|grand cherokee|grand caravan|"
    "maybach|monte carlo|el camino|grand prix|grand am|sky one-touch|one-touch"
)
_PHRASE = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(
        re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*")
        for t in sorted(TRIMS.split("|"), key=len, reverse=True)
    )
    + r")(?:'?s)?(?![\w'])",
    re.IGNORECASE,
)


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the name spans inside a listed trim or model said whole."""
    phrases = [(m.start(), m.end()) for m in _PHRASE.finditer(text)]
    if not phrases:
        return spans
    out = []
    for span in spans:
        said = text[span.start : span.end].rstrip(" ,.;:!?")
        end = span.start + len(said)
        if span.kind is Kind.NAME and any(a <= span.start and end <= b for a, b in phrases):
            continue
        out.append(span)
    return out
