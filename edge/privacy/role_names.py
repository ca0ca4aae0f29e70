"""First names that are everyday words, told as people by a role or a message (round 21).

"Sunny", "Grace", "June", "Gus" are listed first names that are words too, so the finders
want a cue before taking them. Two cues a word never takes, each capitalised and a listed
first name:

- a role or a department said right after: "Sunny the porter will bring the car" (test33),
  "Gus the tow driver said ..." (test32), "June in the business office needs ..." (test33),
  "Joy from the finance office says ..." (test27); a lower-case name with a verb after the
  role: "yeah june in the office has the title" (test13);
- a message's sender: "Text from Grace: running 15 min late" (test33), "Voicemail from a
  Terrence at 502-555-0193" (test27).

"in June", "grace period", "Sunny out today" and "amazing grace" (test33, test34) have
neither cue and stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from edge.privacy.spans import Kind, Span

_ROLE = (
    r"porter|driver|receptionist|manager|tech|technician|advisor|adviser|detailer|"
    r"salesman|saleswoman|cashier|mechanic|closer|shuttle\s+driver|greeter|lot\s+attendant"
)
_DEPARTMENT = r"office|department|desk|lane|drive|shop"
_ROLED = re.compile(
    rf"\b(?P<name>[A-Z][a-z]{{2,}})\s+(?:the\s+(?:\w+\s+)?(?:{_ROLE})"
    rf"|(?:in|from|at)\s+(?:the\s+)?\w+\s+(?:{_DEPARTMENT}))\b"
)
#: A lower-case name (an ASR's) takes the role only with a verb after it: "yeah june in the
#: office has the title" (test13).
_LOWER = re.compile(
    rf"(?<![\w'])(?<!\bin )(?<!\bof )(?<!\bby )(?<!\bon )(?P<name>[a-z]{{3,}})\s+"
    rf"(?:the\s+(?:\w+\s+)?(?:{_ROLE})|(?:in|from|at)\s+(?:the\s+)?\w+\s+(?:{_DEPARTMENT}))"
    r"\s+(?:has|needs|says|said|will|can|is|wants|gonna|just|called|texted)\b"
)
_SENDER = re.compile(
    r"\b(?i:texts?|messages?|voicemails?|voice\s+mail|missed\s+call|emails?|note)\s+"
    r"(?i:from)\s+(?:a\s+)?(?P<name>[A-Z][a-z]{2,})\b"
)


def find(text: str, first_name: Callable[[str], bool]) -> Iterator[Span]:
    """Spans of listed first names told as people by a role or a message's sender."""
    for pattern in (_ROLED, _LOWER, _SENDER):
        for match in pattern.finditer(text):
            if first_name(match.group("name").lower()):
                yield Span(match.start("name"), match.end("name"), Kind.NAME)
