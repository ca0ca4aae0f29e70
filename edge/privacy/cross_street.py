"""Cross streets said where someone lives or stays (round 21, English).

By the data's convention a cross street is part of the place it locates. Two shapes:

- after a found street address, "near", "at", "by" or (round 25) "at the corner of" and the
  cross street: "512 Elm Street at Fifth" (test30), "nineteen twenty Old Mill Road near
  Highway 5" (test32), "Maple Avenue near Fifth" (test26), "Elm Street near Fifth" (test27),
  "Oak Street near Fifth Avenue" (test31): an ordinal street, a capitalised street, or a
  numbered highway;
- with no house number, two streets joined by "and" or "near" after a stay's cue ("I'm over
  by", "she lives on", "house on", "we're on"), one of them an ordinal street: "I'm over by
  Fifth and Main", "she lives on Elm near 3rd" (test33), "the little yellow house on Magnolia
  near Fourth", "we're on cedar and fifth in lockhart" (test34). "at the corner of" is not a
  cue: the retired files say it of the dealership ("We're at the corner of Harbor and
  Seventh, the dealership ...", test27; "our other store's on the corner of Fifth and Main",
  test2), and the dealership's own place is no detail; only after a found house number and
  street is the corner taken on (test44, test46).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import frequency
from edge.privacy.spans import Kind, Span, merge

_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    # round 23 (test37): a compound ordinal said in words, "forty fourth", "twenty-first"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"\d{1,3}(?:st|nd|rd|th))"
)
_SUFFIX_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr"}
    | {"lane", "ln"}
)
_SUFFIX = rf"(?:\s+(?i:{'|'.join(sorted(_SUFFIX_WORDS, key=len, reverse=True))}))?\b"
_HIGHWAY = r"(?i:highway|hwy|route|county\s+road|farm\s+to\s+market|fm)\s+\d{1,4}\b"
_CAPITAL = r"[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?"
#: After a found address: "at Fifth", "near Highway 5", "near Skinker".
_AFTER = re.compile(
    rf",?\s+(?:(?:near|by)\s+(?:{_HIGHWAY}|(?i:{_ORDINAL}){_SUFFIX}|{_CAPITAL}{_SUFFIX})"
    rf"|at\s+(?i:{_ORDINAL}){_SUFFIX}"
    # round 25 (test44, test46): "88 Elm Drive at the corner of Birch Court", "407 North Adams
    # at the corner of Fourth": the corner named after a found house number and street
    rf"|(?i:at|on)\s+the\s+corner\s+of\s+"
    rf"(?:{_HIGHWAY}|(?i:{_ORDINAL}){_SUFFIX}|{_CAPITAL}{_SUFFIX}))"
)
#: An address span that stops right after "at the corner" (another detector's cut).
_CORNER_CUT = re.compile(r",?\s+(?i:at|on)\s+the\s+corner$")
#: A street of the pair: one word that is no function word.
_STREET = r"(?!(?i:the|a|an|my|our|your|his|her|their|this|that|uh|um|corner)\b)[A-Za-z]{3,}"
_PAIR = (
    rf"(?:(?i:{_ORDINAL})\s+(?:and|&|near)\s+{_STREET}"
    rf"|{_STREET}\s+(?:and|&|near)\s+(?i:{_ORDINAL})){_SUFFIX}"
    # round 25 (test35, test36): two named streets with no ordinal, when the place is located
    # right after ("I stay on Fulton and Nostrand, right by the train", "i'm on edgewood and
    # southwest the corner house"); "I'm on Facebook and Instagram" locates nothing
    rf"|{_STREET}\s+(?:and|&)\s+{_STREET}{_SUFFIX}"
    r"(?=,?\s+(?i:right\s+(?:by|next\s+to|across\s+from)|the\s+corner\s+(?:house|home|lot|one)\b))"
)
#: A stay's cue, then the pair: "I'm over by", "she lives on", "house on", "we're on".
_STAY = re.compile(
    r"(?i:\b(?:i'm|im|i\s+am|lives?|living|stay(?:s|ing)?|(?:town)?house|home|place|apartment|"
    # round 23 (test35, test36, test37, test40): "we're over on", "our house is on", "my house
    # is on", "the gray townhouse on"
    r"(?:we're|they're)(?=\s+(?:over\s+)?on\b)|(?:house|home)\s+is(?=\s+on\b))\s+"
    r"(?:(?:over|out|right|just|up|down)\s+)?(?:on|by|off|near)\s+)"
    rf"(?P<pair>{_PAIR})"
)


#: Round 25: with no ordinal, each street of the pair is a word rarer than this in English
#: ("Fulton", "edgewood", "southwest"; not "hold and waiting", "Facebook and ...").
_NAMED_ZIPF = 4.5
_ORDINAL_IN = re.compile(rf"\b(?i:{_ORDINAL})\b")
_PAIR_WORD = re.compile(r"[A-Za-z]{3,}")
_GLUE = frozenset({"and", "near", *_SUFFIX_WORDS})


def _named(pair: str) -> bool:
    if _ORDINAL_IN.search(pair):
        return True
    named = [w.lower() for w in _PAIR_WORD.findall(pair) if w.lower() not in _GLUE]
    return all(frequency.zipf(word, "en") < _NAMED_ZIPF for word in named)


def find(text: str) -> Iterator[Span]:
    """Two cross streets said as where someone lives or stays (the pair only)."""
    for match in _STAY.finditer(text):
        if _named(match.group("pair")):
            yield Span(match.start("pair"), match.end("pair"), Kind.ADDRESS)


def extend(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with each address taken on over a cross street said right after it."""
    out = []
    for span in spans:
        if span.kind is Kind.ADDRESS:
            cross = _AFTER.match(text, span.end)
            corner = _CORNER_CUT.search(text, span.start, span.end)
            if cross is None and corner is not None:
                # the span stops inside the cue ("407 North Adams at the corner"): go on from it
                cross = _AFTER.match(text, corner.start())
            if cross is not None:
                span = Span(span.start, cross.end(), span.kind)
        out.append(span)
    return merge(out)
