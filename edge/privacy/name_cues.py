"""Cues and thresholds of round 9's name rules (`scorer.NameScorer.cued`, `extend`).

A first name by what it owns, does or is asked ("bill's wife", "Grant is picking up", "Mark,
can you ..."), a message's sender, Spanish first names before a clitic, after "con" or owning
a thing, surnames through particles and initials, an engine's size before a trim word. The
thresholds are Zipf frequencies (`frequency`) chosen on DEV (docs/benchmarks.md, "Redaction,
round 9").
"""

from __future__ import annotations

import re

from edge.privacy import frequency
from edge.privacy.vocab import words

#: An engine's size just before a word: the word is the engine's or trim's name ("2.7L
#: EcoBoost", "5.7 Hemi", "the five point seven hemi", "un 1.5 turbo", "dos punto cinco").
DIGIT_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|"
    r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
)

ENGINE_BEFORE = re.compile(
    rf"(?:(?<![\d.])\d\.\d\s?(?:l|liter|litre|litros?)?|\b{DIGIT_WORD}\s+(?:point|punto)\s+"
    rf"{DIGIT_WORD}(?:\s+(?:liter|litre|litros?))?)$",
    re.IGNORECASE,
)

#: A word in no list after a found name is its surname when rarer than this (Zipf, both
#: languages). Round 9, from DEV: "etxeberria" 2.0, "tupou" 0.
SURNAME_ZIPF = 2.5

#: Spoken Spanish interjections and fillers that open a sentence before a clitic ("híjole, me
#: dijo", "nel, le dije", "ora te digo"): never a name there.
ES_INTERJECTIONS = words("""nel ora pos pus ándale andale ándele andele órale orale híjole
    hijole újule ujule chale quihubo quiubo sale simón simon nomás nomas épale epale ajá aja ey
    ey hey güey wey fíjate fijate oiga oye mira""")

#: A word in no list before a Spanish clitic is a name when its letters look this much like one
#: (`nameness` logit): "xóchitl" 0.95; not "újule" 0.63, "híjole" 0.12. Round 9, from DEV and
#: the interjection probes of `tests/edge/privacy/test_spanish.py`.
ES_RARE_NAMENESS = 0.8

#: The Spanish cues of round 9 ("con", "la troca de", a clitic after) take a listed first name
#: rarer than this in Spanish text: "manolo" 3.6, "rocío" 3.8; not "clara" 4.7, "gloria" 4.5.
ES_NAME_ZIPF = 4.0

#: A first name that is a word too, called before a request, is no common Spanish word
#: ("mark" 4.3, "chuck" 3.6 in Spanish text; "mira" 5.4 is "look").
VOCATIVE_ES_ZIPF = 4.5

#: A surname after a particle or a middle initial: " de la Fuente", " del Valle", " bin Khalid",
#: " van der Berg", " j brooks", " J. Brooks".
JOINED = re.compile(
    r" (?P<particle>(?:(?:de|del|la|las|los|y|bin|ibn|bint|van|von|der|den|da|di|du|dos|das|"
    r"al|el)\s+){1,3}|[A-Za-z]\.?\s+)(?P<word>[^\W\d_](?:[^\W\d_]|['-](?=[^\W\d_]))+)",
)

#: The word right before a position (one space between).
WORD_BEFORE = re.compile(r"(?<![\w'-])(?P<word>[^\W\d_]{2,}) $")

#: Nothing but a sentence's start (or the line's) before a position.
SENTENCE_OPEN = re.compile(r"(?:^|[.!?¿¡]\s*)\s*$")

#: A first name whose owner is a relative or whose car is meant: "bill's wife", "devons truck"
#: (an ASR drops the apostrophe), "rose's minivan"; a first name that opens a sentence and is
#: said to be a relative or to have said something: "luz is my daughter", "precious said",
#: "hope and i ...". Any census first name, words included ("rose", "grant"), never a car.
OWNER = re.compile(
    r"(?<![\w'-])(?P<name>[^\W\d_]{2,})(?P<own>['\u2019]s)?\s+(?:wife|husband|son|daughter|mom|dad|"
    r"mother|father|brother|sister|girlfriend|boyfriend|fiancée?|truck|car|minivan|van|suv|"
    r"jeep)\b",
    re.IGNORECASE,
)

#: An ASR's "bills wife" is Bill's when "bills" is rarer than this (Zipf, English) and no
#: article comes before it; "this car" (6.8), "days" (5.6), "the kings car" stay words.
OWNER_ZIPF = 5.0

OPENER = re.compile(
    r"(?:^|[.!?]\s+)(?P<name>[^\W\d_]{2,})\s+(?=(?:is\s+my\s+(?:wife|husband|son|daughter|"
    r"mom|mother|dad|father|brother|sister|girlfriend|boyfriend|fiancée?|partner|cousin|aunt|"
    r"uncle|niece|nephew|grandson|granddaughter)|said|told\s+me|and\s+i|and\s+me)\b)",
    re.IGNORECASE,
)

#: A first name opening a sentence before what a person does at the dealership: "Grant is
#: picking up the Explorer", "Rose is gonna be on the title", "Will will be in around four".
#: Any census first name rarer than `ACTOR_ZIPF` in English ("summer is coming" stays).
ACTOR = re.compile(
    r"(?:^|[.!?]\s+)(?P<name>[^\W\d_]{2,})\s+(?=(?:is\s+(?:picking|coming|gonna|going\s+to|"
    r"driving|signing|bringing|paying|co-?signing)|will\s+(?:be\s+(?:in|here|back|by)|sign|"
    r"pick|drive|come|bring|pay|call)|called|came\s+(?:in|by)|dropped\s+off|wants\s+to)\b)",
    re.IGNORECASE,
)

ACTOR_ZIPF = 5.0

#: Words for people that are no name: never taken as a first name by the cues of round 9.
PEOPLE = words("""mom mum dad mama papa ma pa grandma grandpa nana granny baby babe honey
    sweetie buddy bud dude bro sis son kid kids everyone everybody someone somebody nobody
    anyone anybody people guy guys man lady sir maam""")

#: Spanish: a first name that opens a sentence before a clitic ("facundo me pasó el
#: presupuesto", "ximena, le puedes traer ..."), or owns a thing ("la troca de lalo", "el carro
#: de manolo"), or after "con" ("ya hablé con rocío y con manolo"). Only a listed first name
#: that is no word (`_listed_first`: "con clara", "con calma" stay).
ES_OPENER = re.compile(
    r"(?:^|[.!?¿¡]\s*)(?P<name>[^\W\d_]{2,})[\s,]+(?=(?:me|te|le|les|nos|se)\s)",
    re.IGNORECASE,
)

ES_WITH = re.compile(r"(?<![\w'])con\s+(?P<name>[^\W\d_]{2,})\b", re.IGNORECASE)

ES_OWNER = re.compile(
    r"(?<![\w'])(?:el|la|los|las)\s+(?P<thing>[^\W\d_]{3,})\s+de\s+(?P<name>[^\W\d_]{2,})\b",
    re.IGNORECASE,
)

#: A message's sender: "returning a call from rachel", "got a text from bree", "un recado de
#: parte de lupita". Only a listed first name that is no word (`_listed_first`).
SENDER = re.compile(
    r"\b(?:call|calls|message|messages|text|texts|email|e-mail|voicemail|note|referral|"
    r"llamada|mensaje|recado|correo)\s+(?:from|de)\s+(?P<name>[^\W\d_]{2,})\b",
    re.IGNORECASE,
)

#: A listed surname rarer than this (Zipf, both languages) is taken as a first name after a
#: first-name cue: "gabe" 3.3, "tariq" 3.1, "rashid" 3.1 are in the census surname list only.
SURNAME_AS_FIRST_ZIPF = 3.5


def rare_first(low: str) -> bool:
    """Whether a listed surname is rare enough to be taken as a first name after a cue."""
    return frequency.most(low) < SURNAME_AS_FIRST_ZIPF
