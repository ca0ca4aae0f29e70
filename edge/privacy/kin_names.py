"""A listed first name right after a relative's word, even an everyday word (round 23).

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


def find(text: str, first_name: Callable[[str], bool]) -> Iterator[Span]:
    """Listed first names said right after a relative's word, their clause going on."""
    for match in _KINNED.finditer(text):
        if match.group("owned") and not match.group("pronoun"):
            continue
        if first_name(match.group("name").lower()):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
