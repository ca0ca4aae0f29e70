"""A listed first name beside a relative's word, even an everyday word (round 23).

"my brother-in-law sal had the same truck" (test34), "my girlfriend's summer she'll be on the
lease" (test20), "my sister justice lives in the bronx" (test41): a relative's word, then a
listed first name that the finders leave because it is an everyday word, then the clause goes
on with what that person does. The relative's word is the cue; the clause going on tells the
name from a thing said after it. After "my son's" (a possessive or "is") only a pronoun may go
on: "my son's bill is due" and "my dad's will was read" stay. A word of no first-name list
("justice") and a weekday ("my husband sunday is", vetoed by `not_names`) stay too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from edge.privacy.spans import Kind, Span

_KIN = (
    r"wife|husband|son|daughter|brother|sister|girlfriend|boyfriend|fianc[eé]e?|partner|"
    r"cousin|uncle|aunt|niece|nephew|grandson|granddaughter|stepson|stepdaughter|twin|"
    r"(?:brother|sister|son|daughter|father|mother)-in-law"
)
_PRONOUN = r"he|she|he's|she's|he'll|she'll|he'd|she'd"
_VERB = r"is|was|has|had|lives|lived|works|worked|said|says|wants|drives|needs|got|just|can"
_KINNED = re.compile(
    rf"\b(?i:my|our|his|her)\s+(?i:{_KIN})(?:(?P<owned>'s)|,)?\s+(?P<name>[A-Za-z][a-z]{{2,}})"
    rf"(?=,?\s+(?i:(?P<pronoun>{_PRONOUN})|{_VERB})\b)"
)


#: The relative's word after the name (test34, test37, test38): "so austin is my son", "chase
#: is your son and he's ...", "It's for April, my daughter" (the comma's apposition after
#: "for", "with", "to", "and"); not "my son's" ("chase is my son's bank").
_NAMED_KIN = re.compile(
    # not a place said before it ("the reference in Trinidad is my aunt")
    rf"(?:(?<!\bin )(?<!\bfrom )(?<!\bat )(?<!\bto )(?<!\bnear )"
    rf"\b(?P<name>[A-Za-z][a-z]{{2,}})\s+(?i:is)"
    rf"|\b(?i:for|with|to|and)\s+(?P<apposed>[A-Za-z][a-z]{{2,}}),)"
    rf"\s+(?i:my|your|his|her|our)\s+(?i:{_KIN})\b(?!['\w-])"
)


#: Round 25 (test34, test42): the name in apposition after the relative's word, closing the
#: sentence ("that's my mom, June.", "she's got a twin, hope"): a listed first name, even an
#: everyday word, between the comma and the sentence's end. "my wife, too." and "my son,
#: please" name no one (no listed first name); "my mom, June 3rd works" goes on and stays.
_APPOSED = re.compile(
    rf"\b(?i:my|our|his|her|a)\s+(?i:{_KIN}|mom|mum|mother|dad|father|grandma|grandpa)"
    rf",\s+(?P<name>[A-Za-z][a-z]{{2,}})(?=\s*(?:[.!?]|$))"
)


def find(text: str, first_name: Callable[[str], bool]) -> Iterator[Span]:
    """Listed first names said right after a relative's word, their clause going on."""
    for match in _KINNED.finditer(text):
        if match.group("owned") and not match.group("pronoun"):
            continue
        if first_name(match.group("name").lower()):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    for match in _APPOSED.finditer(text):
        if first_name(match.group("name").lower()):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    for match in _NAMED_KIN.finditer(text):
        group = "name" if match.group("name") else "apposed"
        if first_name(match.group(group).lower()):
            yield Span(match.start(group), match.end(group), Kind.NAME)
