"""Street addresses: a house number, a street name and a street type, and a unit if said.

"1234 Elm Street", "45 Oak Ave Apt 3", "twelve thirty four north maple drive"; not "4 wheel
drive" or "30 minutes down the road".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS

_SUFFIX = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|"
    r"terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|loop|crescent|"
    r"alley|plaza|pike|ridge|grove|heights|"
    # round 25 (test24, test28): "Magnolia Bend", "Wexford Close"; written with a capital, as
    # "close" and "bend" are everyday words
    r"(?-i:Close|Bend)"
)
#: Words that cannot be part of a street name: "4 wheel drive", "30 minutes down the road".
_NOT_NAME = (
    r"a|an|the|and|or|of|on|in|at|to|for|from|by|with|off|up|down|out|over|this|that|my|your|"
    r"our|their|his|her|its|it|is|was|are|be|miles?|minutes?|hours?|days?|weeks?|months?|"
    r"years?|wheel|door|seat|seater|row|speed|cylinder|car|cars|kids?|people|times?|more|"
    r"less|percent|dollars?|bucks|k|test|mile|per|each|every|other|same|new|used|year|"
    r"month|week|day|hour|minute|lane|way|star|point|inch|foot|feet|of|just|only|about|"
    r"like|than|then|so|very|too|am|pm|o'clock|oclock"
)
_WORD = rf"(?!(?:{_NOT_NAME})\b)[A-Za-z][A-Za-z'.-]*"
#: One word of a street's name, as `cued_address` takes it after "live at" (no street type).
WORD = rf"(?i:(?!(?:{_NOT_NAME})\b)[A-Za-z]{{3,}})"
_DIRECTION = r"(?:(?:north|south|east|west|n|s|e|w)\.?\s+)"
_SAID = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = (
    # round 21 (es_test29): Spanish "apto" first, or "apt" takes its "o" as the unit's value
    r"(?:,?\s*(?:apto|apt|apartment|unit|suite|ste|#|number|no)\.?\s*(?:number\s+)?#?\s*"
    rf"(?:\d+[A-Za-z]?|{_SAID}(?:\s+[A-Za-z](?![\w']))?|[A-Za-z]\d*)\b)"
)
#: Round 23 (test15, test26): a city's quadrant after the street type ("Georgia Avenue
#: Northwest", "Peachtree Road NE"), part of the address.
_QUADRANT = r"(?:\s+(?:north|south)(?:east|west)\b|\s+(?-i:NE|NW|SE|SW)\b)"
#: Street types said before the name (Quebec, Spanish, Italian): "3150 Rue Sherbrooke Est".
_PREFIX = r"rue|chemin|boul|boulevard|calle|avenida|rua"
_ADDRESS = re.compile(
    # round 25 (test35, test43): a Queens house number with its hyphen, "88-14 Elm Avenue"
    rf"(?<![\w$.,])(?:\d{{2,3}}-(?=\d))?\d{{1,6}}[A-Za-z]?\s+{_DIRECTION}?"
    rf"(?:{_WORD}\s+(?:{_WORD}\s+)?|\d{{1,3}}(?:st|nd|rd|th)\s+)"
    rf"(?:{_SUFFIX})\b\.?{_QUADRANT}?{_UNIT}?"
    rf"|(?<![\w$.,])\d{{1,6}}[A-Za-z]?,?\s+(?:{_PREFIX})\s+{_WORD}(?:\s+{_WORD}){{0,2}}?"
    rf"(?:\s+(?:est|ouest|nord|sud|norte|oriente|poniente))?\b{_UNIT}?",
    re.IGNORECASE,
)
_ORDINAL_WORDS = (
    # round 18: the tens said with an ordinal ("450 east eighty third", test24)
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth"
)
_NUMBER_WORDS = (
    _SAID[3:-1] + r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
)
#: A house number on a numbered grid street or road, said without a street type: "1805 North
#: Tenth", "200 W 5th", "3350 county road fourteen", "4100 FM 1960"; not "30 highway" (mpg)
#: or "exit 12 north".
_GRID = re.compile(
    rf"(?<![\w$.,])(?<!exit\s)\d{{2,6}}\s+(?:(?:north|south|east|west|n|s|e|w)\.?\s+"
    rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{_ORDINAL_WORDS})"
    rf"|(?:county\s+road|farm\s+to\s+market|fm|state\s+route)\s+"
    rf"(?:\d{{1,4}}|{_NUMBER_WORDS}))\b",
    re.IGNORECASE,
)
#: The UK's and Canada's postcodes, written in capitals: "SW7 2HE", "M5V 3L9".
_POSTCODE = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)(?![\w-])"
)


#: Round 23 (test27, test31): the Philippines' subdivision address, "Block 12 Lot 7" before the
#: house's street (the street's own rule takes "7 Mabini Street"; the spans join).
_BLOCK_LOT = re.compile(r"\b(?:block|blk)\.?\s+\d{1,4},?\s+lot\s+\d{1,4}\b", re.IGNORECASE)


#: "Rural Route 2, Box 118", "P.O. Box 4410", "post office box 12"; Spanish "Apartado Postal
#: 118", "apdo. 42", "casilla 1043" (a post-office box in Mexico, Spain, Chile).
_BOX = re.compile(
    r"\b(?:(?:rural\s+route|rr)\s+(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|"
    r"ten),?\s+box\s+\d{1,6}(?:\s\d{1,3})?|"
    r"(?:p\.?\s?o\.?|post\s+office)\s+box\s+\d{1,6}|"
    r"(?:apartado(?:\s+(?:postal|de\s+correos?))?|apdo\.?|casilla(?:\s+de\s+correos?)?)"
    r"\s+(?:n[°º]\s*|#\s*)?\d{1,6})\b",
    re.IGNORECASE,
)
#: ", costa mesa" closing the line after a street address: the city (one or two words).
_CITY = re.compile(r",\s*(?P<city>[A-Za-z]+(?:\s+[A-Za-z]+)?)\s*[.!?]?\s*$")
_NOT_CITY = re.compile(rf"\b(?:{_NOT_NAME}|please|right|yes|yeah|no|okay|ok|thanks)\b", re.I)


#: The dealership's own place ("is your service center still at 1800 Commerce Parkway"): not
#: a customer's detail.
THEIRS = re.compile(
    r"\b(?:your|you\s+guys'?|y'all's|the\s+dealership's)\s+(?:(?:other|new|old|main)\s+)?"
    r"(?:service(?:\s+(?:center|department|dept|drive|lane))?|dealership|store|showroom|shop|"
    r"lot|location|office|building|body\s+shop|parts\s+(?:counter|department)|branch)\b",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z-]*)\s*$")


def model_number(text: str, start: int) -> bool:
    """Whether the number at `start` follows a car model ("Silverado 1500 LT Trail Boss")."""
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return before is not None and before.group(1).lower() in CARS


#: Round 25 (test28, test42): a rural road is named by its number, said after "road" ("7700
#: north county road 400 east", "105 ranch road 2401" in the spoken view): the number and a
#: direction after it belong to the address.
_RURAL = re.compile(r"\b(?:county|ranch|farm|state|forest|township|parish)\s+road$", re.I)
_ROAD_NUMBER = re.compile(r"\s+\d{1,5}(?:\s+(?:north|south|east|west)\b)?(?![\w-])", re.I)


def find(text: str) -> Iterator[Span]:
    """Spans of the view that are street addresses (with the city if it ends the line)."""
    theirs = THEIRS.search(text)
    for match in _ADDRESS.finditer(text):
        if model_number(text, match.start()):
            continue
        if theirs is not None and theirs.end() <= match.start():
            continue
        end = match.end()
        while end > match.start() and text[end - 1] in " ,":
            end -= 1
        numbered = _ROAD_NUMBER.match(text, end)
        if numbered is not None and _RURAL.search(text, match.start(), end):
            end = numbered.end()
        city = _CITY.match(text, end)
        if city is not None and _NOT_CITY.search(city.group("city")) is None:
            end = city.end("city")
        yield Span(match.start(), end, Kind.ADDRESS)
    for pattern in (_BOX, _POSTCODE, _GRID, _BLOCK_LOT):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
