"""Truck, trailer and farm brands taken for names, vetoed with the firms (round 25).

Issue 18, round 25: the newest retired authors who write for rural and fleet stores name the
makers of a work truck's drivetrain ("the Cummins", "the ten-speed Allison", "the 6.7 Power
Stroke", test42, test46), of truck bodies, trailers and heavy trucks ("Knapheide, Reading,
Stahl", test37; "a Big Tex flatbed", "the '08 Peterbilt", test42) and the farm and ranch brands
around them ("John Deere employees", "a Carhartt jacket", "Cenex has diesel", test46; "a 2004
Polaris", test42). A name span lying inside one of `TRUCKS` is no person, as `firms.BRANDS`;
one that is a first name alone ("Allison", "Mack") only in a line of engines and heavy trucks,
and never after a person's cue (`firms` checks that first: "my sister Allison").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy.spans import Span

#: The makers of a work truck's drivetrain, of truck bodies, trailers and heavy
#: trucks, and the farm and ranch brands around them ("the Cummins", "the ten-speed Allison",
#: "a Big Tex flatbed", "the '08 Peterbilt", test42, test46; "Knapheide, Reading, Stahl",
#: test37; "John Deere employees", "a Carhartt jacket", "Cenex has diesel at ...", test46;
#: "a 2004 Polaris", test42). One that is a first name alone ("Allison", "Mack") only in a
#: line of engines and heavy trucks (`_DRIVETRAIN_WORDS`).
_TRUCKS = (
    "cummins|allison|aisin|duramax|power stroke|powerstroke|ecodiesel|hemi|tremec|eaton|"
    "knapheide|reading|stahl|big tex|peterbilt|kenworth|freightliner|mack|western star|"
    "featherlite|sundowner|load trail|john deere|deere|kubota|polaris|new holland|case ih|"
    "massey ferguson|bobcat|carhartt|cenex|tractor supply|kum & go|kum and go|quiktrip|"
    "flying j"
)
_DRIVETRAIN_WORDS = re.compile(
    r"\b(?:dually|diesel|engine|transmission|[\w-]*speed|gooseneck|fifth-wheel|chassis|"
    r"gvwr|\d\.\d|[1-5][05]00|f-?[2-5]50)\b",
    re.IGNORECASE,
)


def _phrases(alternatives: str) -> re.Pattern[str]:
    said = sorted(alternatives.split("|"), key=len, reverse=True)
    body = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in said)
    return re.compile(rf"(?<![\w'])(?:{body})(?:'s|s)?(?![\w'])", re.IGNORECASE)


TRUCKS = _phrases(_TRUCKS)


def brand(text: str, span: Span, said: list[str], first: Callable[[str], bool]) -> bool:
    """Whether the name span `span` (its words `said`) lies inside a truck or farm brand."""
    window = TRUCKS.finditer(text, max(0, span.start - 30), min(len(text), span.end + 30))
    if not any(m.start() <= span.start and span.end <= m.end() for m in window):
        return False
    if len(said) > 1 or not first(said[0].lower()):
        return True
    return _DRIVETRAIN_WORDS.search(text) is not None
