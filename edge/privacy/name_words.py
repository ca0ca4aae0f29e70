"""Given names said as the common words they also are, vetoed after the join (round 22).

From the over-redaction of the retired files (detail-free lines whose words were removed), a
one-word name span is no person when it is

- a cry: a holy name after "ay" ("¡Ay, Jesús! ¿Tan caro ...", es_test33; "ay jesús se me
  olvidó el cheque", es_test37; "ay jesús ya me dijeron", es_test38), "Dios" before "mío"
  or "santo", "socorro" opening a sentence in lower case ("socorro no sé cómo se prende",
  es_test37) - not when a listed surname follows ("ay, Jesús Ramírez, qué gusto");
- a Spanish name that is an abstract noun (`NOUNS_ES`: dolores, luz, consuelo, esperanza,
  amparo, socorro, ...; the closed set of Marian and virtue names given as first names) used
  as a noun: before "de" and a lower-case word that is no listed name ("Dolores de cabeza",
  es_test9, es_test33, es_test35; "Luz de freno y luz de reversa", es_test37; a lower-case
  word after "de" that is a listed surname counts only as common as "cabeza"), or after "hay",
  "sin", "mucha", "poca", ... ("no hay consuelo con ese precio", es_test38) - not after a
  personal "a", a name cue or a title ("ponle a luz de co-compradora", "se llama Luz de ...",
  "doña Luz de la agencia");
- an English name that is a noun used as one: "Grace period" (test35, test38), "amazing
  grace" (test34) - a closed set of compounds;
- the weather: "Rain's coming" (test13), "Rain's moving in", "Sunny out today" (test34) - a
  weather word opening a sentence before "'s coming", "out", "today", ...;
- "lien" in lower case ("carros con lien", es_test10; "got a lien from", test35);
- a Spanish adverb of place in lower case ("allá en Sinaloa", es_test31, es_test37);
- round 25: "miles" in lower case after a count ("unlimited miles", test44; "eighteen
  hundred miles", test47), and a lower-case "till" before an hour taken with it ("open till
  noon", test36, test43);
- round 25: a common English word (Zipf 4 or more) opening a line, no listed name, before a
  lower-case word, not a comma ("Sign here ...", test39; "Call-back list ...", test33; not
  "Voicemail from ...", test43, as rare in English as nicknames: "Mikey from the body shop",
  test33, is a person);
- a verb giving an order at a sentence's opening, before an object pronoun or "the": "Grant us
  a minute" (test25), "Mark the box on page two" (test30) - not "Mark, the box is ready" (a
  comma: someone addressed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy import frequency
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

#: Spanish adverbs of place, in lower case never a name: "allá en Guanajuato" (es_test37),
#: "allá en Sinaloa" (es_test31) were taken for the name "Alla".
PLACE_ADVERBS = words("allá alla acá aca allí alli ahí ahi aquí")
#: Title paperwork's nouns, in lower case never a name: "aceptan carros con lien"
#: (es_test10), "Title's got a lien from Credit Acceptance" (test35) were taken for "Liên".
PAPER_NOUNS = words("lien liens")
#: Holy names cried out after "ay".
HOLY = words("jesús jesus dios maría maria virgen cristo josé jose")
#: Spanish first names that are abstract nouns (the Marian and virtue names of Spanish naming).
NOUNS_ES = words(
    """dolores luz consuelo esperanza amparo socorro soledad paz gracia piedad remedios
    angustias milagros caridad fe alegría alegria salud"""
)
#: What shows a Spanish noun before it: there is none, without, much, little, some, ...
_QUANTITY = re.compile(
    r"\b(?:hay|sin|mucha|mucho|poca|poco|tanta|tanto|ninguna|ningún|ningun|alguna|algún|"
    r"más|mas|menos)\s+$",
    re.IGNORECASE,
)
#: A person's cues before the word: personal "a", "se llama", "soy", a title.
_PERSON_BEFORE = re.compile(
    r"\b(?:a|llama|llamo|soy|es|con|para|doña|dona|señora|senora|sra|srta|señorita|tía|tia|"
    r"mamá|mama|hija|esposa|comadre|prima|hermana|abuela|hablar|habla|hable|pregunte|busque)"
    r"\.?\s*,?\s+$",
    re.IGNORECASE,
)
#: "de" and the lower-case word after it.
_OF = re.compile(r"\s+de\s+([a-záéíóúñü][\w-]*)")
#: The Zipf frequency from which a lower-case word after "de" is read as a noun, not a
#: surname: "cabeza" 5.3 is above it, "flores" 4.8, "cruz" 4.9 and "león" 4.7 below.
_COMMON = 5.0
#: A dealership's departments and desks: "Dolores de contabilidad necesita la factura"
#: (es_test14), "Consuelo de financiamiento quiere la copia" (es_test27) are people.
DEPARTMENTS = words(
    """contabilidad financiamiento finanzas cobranza cobranzas ventas servicio crédito credito
    seguros recepción recepcion refacciones partes repuestos flotillas flotilla caja
    administración administracion garantías garantias seminuevos usados postventa compras
    recursos títulos titulos placas trámites tramites"""
)
#: Particles that join a name's parts ("Luz de la Garza").
_PARTICLES = words("la las los el del")
#: English names that are nouns, with the word they make a compound with.
_NOUN_EN = re.compile(
    r"\b(?:grace\s+period|(?:amazing|saving)\s+grace|say\s+grace)\b", re.IGNORECASE
)
#: Weather words taken for names, and what shows they are the weather after them.
WEATHER = words("rain sunny stormy storm snow windy cloudy")
_WEATHER_AFTER = re.compile(
    r"(?:'s|\u2019s|\s+is)?\s+(?:coming|moving|supposed|out|today|tonight|all\s+day|this\s+"
    r"(?:morning|afternoon|week)|again)\b",
    re.IGNORECASE,
)
#: Names that are verbs of an order, and the object after them.
VERBS = words("grant mark bill chase drew sue pat rob")
_OBJECT = re.compile(r"\s+(?:us|me|him|her|them|it|the|your|this|that)\b", re.IGNORECASE)
#: Round 25: "miles" in lower case after a count is the unit ("2 years unlimited miles",
#: test44; "eighteen hundred miles from here", test47), not the name Miles.
_COUNT_BEFORE = re.compile(
    r"(?:\d[\d,.]*k?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"unlimited|many|more|fewer|few|extra|highway|city|free|low|high)\s+$",
    re.IGNORECASE,
)
#: Round 25: "till noon", "until close": an hour after "till", taken with it for a name
#: ("they're open till noon today", test36; "holding the car till noon", test43).
_UNTIL = re.compile(
    r"(?:till|til|until)\s+(?:noon|midnight|close|closing|\d{1,2}(?::\d\d)?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
)
_OPENING = re.compile(r"(?:^|[.!?¿¡]\s*|\.\.\.\s*|—\s*)[¿¡\"'(]*$")
_WORD = re.compile(r"[^\W\d_]+")


def _cry(text: str, start: int, low: str, listed: Callable[[str], bool]) -> bool:
    """Whether the word at `start` is a cry ("ay jesús", "Dios mío", "socorro no sé")."""
    after = re.match(r"[\s,!¡]*([^\W\d_]+)", text[start + len(low) :])
    if after is not None and after.group(1)[0].isupper() and listed(after.group(1).lower()):
        return False  # "ay, Jesús Ramírez": someone greeted
    if low in HOLY and re.search(r"\b[¡]?ay[\s,!¡]+$", text[max(0, start - 8) : start], re.I):
        return True
    if low == "dios" and re.match(r"\s+(?:mío|mio|santo)\b", text[start + 4 :], re.I):
        return True
    said = text[start : start + len(low)]
    return low == "socorro" and said.islower() and _OPENING.search(text, 0, start) is not None


def _noun_es(text: str, start: int, low: str, listed: Callable[[str], bool]) -> bool:
    """Whether a Spanish name-noun is used as a noun ("dolores de cabeza", "no hay consuelo")."""
    if low not in NOUNS_ES or _PERSON_BEFORE.search(text, max(0, start - 16), start):
        return False
    if _QUANTITY.search(text, max(0, start - 10), start):
        return True
    of = _OF.match(text, start + len(low))
    if of is None or of.group(1) in _PARTICLES or of.group(1) in DEPARTMENTS:
        return False
    # a capitalised name before a lower-case word: the writer would have capitalised a surname
    # ("Luz de freno"); else a word as common as "cabeza" is a noun ("dolores de cabeza")
    after = of.group(1)
    cased = text[start].isupper()
    return cased or not listed(after) or frequency.zipf(after, "es") >= _COMMON


def _english(text: str, start: int, low: str) -> bool:
    """Whether an English name is a noun, the weather or an order ("Grace period")."""
    for match in _NOUN_EN.finditer(text, max(0, start - 10), start + len(low) + 10):
        if match.start() <= start < match.end():
            return True
    opening = _OPENING.search(text, 0, start) is not None
    end = start + len(low)
    if low in WEATHER and opening and _WEATHER_AFTER.match(text, end):
        return True
    return low in VERBS and opening and _OBJECT.match(text, end) is not None


#: The Zipf frequency from which a capitalised word opening a line, and no listed name, is read
#: as the English word it is ("Sign here ...", "Call-back list ..."); nicknames that are no
#: listed name reach 3.4 ("Mikey").
_OPENING_COMMON = 4.0
#: A lower-case word after it, not a comma: "Mikey, can you ..." is said to someone.
_AFTER_OPENING = re.compile(r"(?:['\u2019]s)?\s+[a-z]|[:;]")


def _opening_word(text: str, start: int, said: str, listed: Callable[[str], bool]) -> bool:
    """Whether the capitalised word `said` opening a sentence is a common English word.

    Round 25: a form's or a list's word at a line's opening ("Sign here for ...", test39;
    "Call-back list for today", test33), no listed first or last name, as common in English as
    "sign", with a lower-case word after it.
    """
    low = said.lower()
    if not said[0].isupper() or listed(low) or _OPENING.search(text, 0, start) is None:
        return False
    if _AFTER_OPENING.match(text, start + len(said)) is None:
        return False
    return frequency.zipf(low, "en") >= _OPENING_COMMON


def common(text: str, span: Span, listed: Callable[[str], bool]) -> bool:
    """Whether the one-word name `span` is a name said as a common word."""
    said = text[span.start : span.end]
    hyphened = re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)?", said)
    if hyphened is not None and _opening_word(text, span.start, said, listed):
        return True
    word = _WORD.search(said)
    one = re.fullmatch(r"[¿¡\"']*[^\W\d_]+(?:['\u2019]s)?[\"',.;:!?]*", said)
    if word is None or one is None:
        return False
    start = span.start + word.start()
    low = word.group().lower()
    if word.group() == "miles" and _COUNT_BEFORE.search(text, max(0, start - 25), start):
        return True
    return (
        word.group() in PLACE_ADVERBS
        or word.group() in PAPER_NOUNS
        or _cry(text, start, low, listed)
        or _noun_es(text, start, low, listed)
        or _english(text, start, low)
    )


def until(text: str, span: Span) -> bool:
    """Whether the name span `span` starts with a lower-case "till" before an hour."""
    return _UNTIL.match(text, span.start) is not None


def drop(text: str, spans: list[Span], listed: Callable[[str], bool]) -> list[Span]:
    """`spans` without the name spans that are a common word (`common`, `until`)."""
    return [
        s
        for s in spans
        if s.kind is not Kind.NAME or not (common(text, s, listed) or until(text, s))
    ]
