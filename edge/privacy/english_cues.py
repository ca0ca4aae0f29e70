"""English names by how a caller or a form names them (round 10, docs/benchmarks.md).

- A caller naming themself: "this is will from the other day", "hi, this is Grace from ...":
  any listed first name before "from", words included ("will", "grace").
- A form filled in: "put down luz as my emergency contact", "list Dana as the co-buyer",
  "add marisol as a driver": a listed first name, a capitalised word or a word in no list
  rarer than `RARE_ZIPF` between the verb and "as".
- A person asked for whose first name is a car ("ask for Lincoln Osei"): a car make after
  "ask for"/"speak to"/"talk to"/"tell" is a name when a surname follows it.
- A self-introduction before a role ("i'm grant, the sales manager") and a person told about
  their own thing ("tell sione his tundra is ready"): a listed first name, words included, or a
  word in no list rarer than `RARE_ZIPF` ("i'm sorry, the manager ..." stays).
- A nickname in quotes between a first name and a surname: 'Bartholomew "Bart" Fenn'.
- A household or a job named by a rare listed surname: "the Nakamura family" (round 25).
- Whose name a thing is in: "the lease is in kim's name", "put it under Dana's name" (round 13):
  a listed first name, a capitalised word or a word in no list rarer than `RARE_ZIPF`.
- A person who did something, told of by a pronoun (round 13): "Will is out on a drive, he'll
  be back", "April called, she said ...": a capitalised listed first name, even an everyday or
  calendar word, starting a sentence before a person's verb, with "he"/"she" later in the line.

Each first name takes the surnames after it (`MentionFinder._surname`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import frequency
from edge.privacy.mentions import NOT_PERSON, MentionFinder
from edge.privacy.names import STOP
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, COMMON_WORDS, words

#: A word in no list on a form is a name when rarer than this in both languages (as
#: `name_cues.SURNAME_ZIPF`).
RARE_ZIPF = 2.5

_WORD = r"([^\W\d_][^\W\d_'-]*(?:-[^\W\d_]+)?)"
_CALLER = re.compile(
    r"\bthis\s+is\s+" + _WORD + r"(?=(?:\s+[A-Z][\w'-]*)?\s+from\b)", re.IGNORECASE
)
_FORM = re.compile(
    r"\b(?:put|write|list|add|have)\s+(?:down\s+)?"
    + _WORD
    + r"\s+(?:down\s+)?(?=as\s+(?:my|the|a|an|our|his|her|their)\b)",
    re.IGNORECASE,
)
_ASKED = re.compile(
    r"\b(?:ask\s+for|speak\s+(?:to|with)|talk\s+to|tell)\s+" + _WORD + r"(?=\s)", re.IGNORECASE
)
#: "i'm grant, the sales manager", "im sione your finance guy": a self-introduction before a
#: role at the dealership, so an everyday word is a name there.
_ROLE = (
    r"(?:sales|finance|service|parts|general|f\s*&\s*i|business|internet|used\s+car|new\s+car|"
    r"fleet|leasing)?\s*(?:manager|advisor|adviser|consultant|rep|representative|guy|gal|lady|"
    r"person|director|writer|specialist|salesman|saleswoman|associate)"
)
_INTRO = re.compile(
    r"\b(?:i'm|i\s+am|im)\s+" + _WORD + r"(?=\s*,?\s+(?:the|your)\s+" + _ROLE + r"\b)",
    re.IGNORECASE,
)
#: "tell sione his tundra is ready": a person told about their own thing.
_TOLD = re.compile(r"\btell\s+" + _WORD + r"(?=\s+(?:his|her|their)\b)", re.IGNORECASE)
_NICKNAME = re.compile(
    r"\b[A-Z][a-z]+\s+[\"“'][A-Z][a-z]+[\"”']\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
)
#: Round 25 (test31, test32, test46): a household or a job named by its surname: "for the
#: Nakamura family", "the VIN for the Castellano job", "beat out the ostendorf kids". A listed
#: surname rarer than `RARE_ZIPF`, or capitalised and rarer in English than `_FAMILY_ZIPF`, no
#: car: "the brake job", "the Brake job", "the whole family", "the Ford family" stay.
_FAMILY = re.compile(
    r"\bthe\s+" + _WORD + r"(?=\s+(?:family|kids|job|household|boys|girls|twins)\b)",
    re.IGNORECASE,
)
_FAMILY_ZIPF = 3.5
#: A person's verbs after a sentence's first word ("April called"), or "is"/"was" before where
#: they are ("Will is out"), not after a calendar word ("May is busy, she said").
_DID = r"(?:called|texted|said|says|told|asked|emailed|messaged|phoned|promised|mentioned)"
_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)([A-Z][a-z]+)(?=\s+(?:already\s+|just\s+|also\s+)?(?P<verb>"
    + _DID
    + r"|(?:is|was)(?=\s+(?:out|off|away|here|back|busy|home|sick|late|with|at|on)\b))\b)"
)
_PRONOUN = re.compile(r"\b(?:he|she|he's|she's|he'd|she'd|he'll|she'll|him|her)\b", re.IGNORECASE)
_OWNER = re.compile(r"\b(?:in|under)\s+([^\W\d_]+)(?=['\u2019]s\s+name\b)", re.IGNORECASE)
_CALENDAR = words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_FOLLOWING = re.compile(r"\s+" + _WORD)
_SURNAMES = 2
_CALLER_LEAST = 3
#: Words for a person that are no name ("tell mom her car is ready", "i'm just the manager").
_PEOPLE = words(
    "mom mum dad him her them us me you everyone somebody someone just only also not the "
    "your a an here new now"
)


def _surnames(text: str, end: int, mentions: MentionFinder) -> int:
    for _ in range(_SURNAMES):
        following = _FOLLOWING.match(text, end)
        if following is None or not mentions._surname(following.group(1)):
            break
        end = following.end(1)
    return end


def _plain(key: str) -> bool:
    return key not in STOP and key not in CARS and len(key) >= 2


def find(text: str, mentions: MentionFinder) -> Iterator[Span]:
    """Names of `text` after the cues above, with their surnames."""
    for match in _CALLER.finditer(text):
        key = match.group(1).lower()
        # a listed first name of three letters or more, even a stop word: "this is will from"
        if len(key) >= _CALLER_LEAST and key not in CARS and key in mentions.cued_first:
            yield Span(match.start(1), _surnames(text, match.end(1), mentions), Kind.NAME)
    for match in _FORM.finditer(text):
        word = match.group(1)
        key = word.lower()
        listed = key in mentions.cued_first or word[0].isupper()
        rare = key not in COMMON_WORDS and frequency.rare(key, RARE_ZIPF)
        if _plain(key) and key not in COMMON_WORDS and (listed or rare):
            yield Span(match.start(1), _surnames(text, match.end(1), mentions), Kind.NAME)
    for match in _ASKED.finditer(text):
        if match.group(1).lower() in CARS:
            end = _surnames(text, match.end(1), mentions)
            if end > match.end(1):
                yield Span(match.start(1), end, Kind.NAME)
    for pattern in (_INTRO, _TOLD):
        for match in pattern.finditer(text):
            key = match.group(1).lower()
            named = key in mentions.cued_first or frequency.rare(key, RARE_ZIPF)
            if _plain(key) and key not in _PEOPLE and named:
                yield Span(match.start(1), _surnames(text, match.end(1), mentions), Kind.NAME)
    for match in _OWNER.finditer(text):
        word = match.group(1)
        key = word.lower()
        named = key in mentions.cued_first or word[0].isupper() or frequency.rare(key, RARE_ZIPF)
        if _plain(key) and key not in _PEOPLE and key not in COMMON_WORDS and named:
            yield Span(match.start(1), match.end(1), Kind.NAME)
    for match in _SUBJECT.finditer(text):
        key = match.group(1).lower()
        calendar_is = key in _CALENDAR and match.group("verb") in {"is", "was"}
        told_of = _PRONOUN.search(text, match.end()) is not None
        listed = key in mentions.cued_first and key not in CARS and len(key) >= _CALLER_LEAST
        if told_of and not calendar_is and listed and key not in NOT_PERSON:
            yield Span(match.start(1), _surnames(text, match.end(1), mentions), Kind.NAME)
    for match in _NICKNAME.finditer(text):
        yield Span(match.start(), match.end(), Kind.NAME)
    for match in _FAMILY.finditer(text):
        key = match.group(1).lower()
        # capitalised, a word rare in English will do ("Castellano" is common in Spanish)
        told = match.group(1)[0].isupper() and frequency.zipf(key, "en") < _FAMILY_ZIPF
        if _plain(key) and key in mentions.any_last and (told or frequency.rare(key, RARE_ZIPF)):
            yield Span(match.start(1), match.end(1), Kind.NAME)
