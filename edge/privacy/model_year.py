"""A model year said before a car is no house number (round 20).

Issue 18, round 20: "y'all got any of them floor mats for a twenty nineteen Ram" (test32) lost
"a twenty nineteen Ram" as an address (the tagger's: a number and a capitalised word). The
shape is common in every author's files ("we got the twenty twenty-four Accord Sport", test18;
"a twenty twenty two camry with thirty one k miles", test21; "Twenty twenty-two Civic Sport",
test25; "a twenty twenty one z seventy one", test6), so an address span that is nothing but a
year (written or said) and a car's make or model (`vocab.CARS`), with at most a determiner
before, is dropped. A street word after it keeps it an address ("2019 Tacoma Avenue", "twenty
nineteen Ram Road"), and so does anything else in the span. Round 21: up to three words of
model and trim after the make ("A 2019 Lincoln MKC in Chroma Crystal Blue", "2021 Tacoma TRD
Off-Road", test33), none of them a street word.

Round 22 (issue 18): a model year said before the car's owners or miles ("Sterling silver,
two thousand fourteen, one owner, a hundred and six thousand miles", test38; "we've had the
odyssey since twenty fifteen, two hundred and ten thousand miles", test34) is read with the
number after it as one phone. A number span said in words (no digit written) that starts with a
year and has "owner(s)", "miles", "millas", "dueño(s)", "kilómetros" within `_MILES_REACH`
characters after it is dropped. Written on test34 and test38; the Spanish words are the same
class translated (es_test35's "del 2016, ..., sesenta y un mil millas, un solo dueño" was not
taken for a number).
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, words

_UNITS = r"(?:oh|o|one|two|three|four|five|six|seven|eight|nine)"
_TENS = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
#: "2019", "'19", "twenty nineteen", "twenty twenty-four", "twenty oh nine", "two thousand ten".
_YEAR = (
    rf"(?:(?:19|20)\d\d|'\d\d|(?:nineteen|twenty)[\s-]+(?:{_TENS}(?:[\s-]+{_UNITS})?|"
    rf"(?:oh|o)[\s-]+{_UNITS}|(?:thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+{_UNITS})?)|"
    rf"two\s+thousand(?:\s+and)?(?:\s+(?:{_TENS}|{_UNITS}))?)"
)
_CAR_YEAR = re.compile(
    rf"(?:(?:a|an|the|my|his|her|our|their|your|this|that)\s+)?{_YEAR}\s+(?P<car>[^\W\d_]+)"
    # round 21: the model and trim said after the make ("2019 Lincoln MKC", "2021 Tacoma TRD
    # Off-Road", test33)
    r"(?P<trim>(?:\s+[^\W_]+(?:-[^\W_]+)*){0,3})",
    re.IGNORECASE,
)
_STREET = words("""street st avenue ave road rd drive dr lane ln way boulevard blvd court ct
    place pl circle cir parkway pkwy highway hwy route terrace trail""")
_NEXT = re.compile(r"[\s.]*([^\W\d_]+)")
#: Round 22: a year with the car's owners or miles said after it.
_YEAR_FIRST = re.compile(rf"\W*{_YEAR}\b", re.IGNORECASE)
_MILES = re.compile(
    r"\b(?:owners?|miles|mileage|millas|kil[oó]metros|kms?|due[nñ]os?)\b", re.IGNORECASE
)
_MILES_REACH = 30
_SAID_NUMBERS = frozenset({Kind.PHONE, Kind.ACCOUNT, Kind.CARD, Kind.LICENSE})


def is_car(text: str, span: Span) -> bool:
    """Whether the address span `span` is a model year and a car ("a twenty nineteen Ram")."""
    if span.kind is not Kind.ADDRESS:
        return False
    said = _CAR_YEAR.fullmatch(text, span.start, span.end)
    if said is None or said.group("car").lower() not in CARS:
        return False
    if any(word.lower() in _STREET for word in said.group("trim").split()):
        return False
    after = _NEXT.match(text, span.end)
    return after is None or after.group(1).lower() not in _STREET


def is_year_and_miles(text: str, span: Span) -> bool:
    """Whether a number span is a model year said before the owners or miles (round 22)."""
    said = text[span.start : span.end]
    return (
        span.kind in _SAID_NUMBERS
        and not any(c.isdigit() for c in said)
        and _YEAR_FIRST.match(said) is not None
        and _MILES.search(text, span.end, span.end + _MILES_REACH) is not None
    )


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the model years said before a car, its owners or its miles."""
    return [span for span in spans if not is_car(text, span) and not is_year_and_miles(text, span)]
