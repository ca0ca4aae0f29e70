"""The name Will, told from the modal "will" by the words around it.

Round 18: "Will" is the one first name the retired files miss most (test8, test10-14,
test17-21, test26: twelve authors), since `names.py` counts "will" as an everyday word
that needs a cue. Three shapes a modal never takes:

- before a word no modal goes before: "Will said the number ...", "Will sold me my first
  car", "will is gonna run your credit", "Will will be in at four", "grant and will already
  left" (not after an article or a possessive: "the will is in probate", "free will");
- a capital "Will" after a lower-case word or a comma, not asking: "this is my husband Will
  he'll drive it", "ask for Will in service" ("so Will you ..." stays);
- after an introduction or a request for a person: "i'm will", "this is will from ...",
  "talk to will", "ask for will" (not after a relative: "my son will drive it");
- round 21: before a second modal ("Will can run the trade appraisal", test12), and a
  sentence opened by "Will," ("Will, can you grab the keys", test11);
- round 21: after a verb that takes a person, or a greeting, in a line that asks nothing:
  "tell will the trade appraisal ... came back" (test33), "hey Will your ride's here"
  (test32); "hey will you grab the keys" (a pronoun after) and "hey, will your wife come?"
  (a question) stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_NOT_AFTER_MODAL = (
    r"is|was|'s|said|says|sold|told|called|will|has|had|did|does|quoted|mentioned|knows|"
    r"helped|already|gave|showed|got|can\s+you|could\s+you|"
    # round 21: a second modal ("Will can run the trade appraisal", test12)
    r"can|could|should|would|must|might"
)
_NOT_BEFORE = re.compile(
    r"\b(?:the|a|my|his|her|their|your|our|its|free|good|ill|against|own|living|last|"
    r"it|they|we|you|he|she|i|that|this|which|who|there)\s+$",
    re.IGNORECASE,
)
_BEFORE_VERB = re.compile(rf"\b(?P<name>[Ww]ill)\s+(?:{_NOT_AFTER_MODAL})\b")
_ASKING = (
    r"you|we|they|it|he|she|i|that|this|there|these|those|the|your|my|our|a|an|anyone|"
    r"somebody|someone|that|be"
)
_CAPITAL = re.compile(rf"(?<=[a-z,] )(?P<name>Will)\b(?!\s+(?:{_ASKING})\b(?!'))")
_INTRODUCED = re.compile(
    r"\b(?:this\s+is|it's|named|name's|name\s+is|ask\s+for|talk\s+to|speak\s+(?:to|with)"
    # "i'm will thornton", "i'm will uh will ..."; "i'm will from accounting" stays (test_scorer.py)
    r"|(?:i'm|im|i\s+am)(?=\s+will\s+(?!(?:from|at|with|in|on|for|of|over|by|to)\b)))"
    r"\s+(?P<name>[Ww]ill)\b"
    r"(?!\s+(?:be|have|get|go|do|need|take|call|come|make|let|see)\b)",
    re.IGNORECASE,
)


_ADDRESSED = re.compile(
    r"\b(?:tell|ask|text|call|page|thank|hey|hi|thanks)\s+(?P<name>[Ww]ill)\b"
    r"(?!\s+(?:you|we|they|it|he|she|i|that|this|there|be|have|get|go|do)\b)(?![^?]*\?)",
    re.IGNORECASE,
)
#: A sentence opened by "Will,": "Will, can you grab the keys" (test11).
_OPENED = re.compile(r"(?:^|[.!?]\s+)(?P<name>Will)(?=,)", re.IGNORECASE)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are the name Will."""
    for pattern in (_BEFORE_VERB, _CAPITAL, _INTRODUCED, _ADDRESSED, _OPENED):
        for match in pattern.finditer(text):
            start = match.start("name")
            if pattern is _BEFORE_VERB and _NOT_BEFORE.search(text, max(0, start - 12), start):
                continue
            yield Span(start, match.end("name"), Kind.NAME)
