"""Places taken for names, vetoed after the rules and the tagger are joined (round 17).

`places.placed` feeds the finders' and the tagger's features, so a strong name word still
comes through ("from Dallas up to Denton", "visiting from Orlando", "de San Salvador"). This
veto reads the words around a name span once everything is joined:

- a Spanish place's head word before or at its start: "San", "Santa", "Ciudad", "Villa",
  "Puerto", "Nuevo", ... after "de"/"en"/"desde"/... that follows a lower-case word
  ("vivimos en San Pedro Garza García", "mi esposa es de San Salvador", "maestra jubilada de
  Ciudad Juárez": a span that holds one keeps only its part before it, and only when that has
  a capital); "José de San Martín" (a capital before "de") is a name;
- a range of places: "from Dallas up to Denton", "de Monterrey a Saltillo" (a capital after
  "from"/"desde" earlier in the clause, then "to"/"a"/"hasta");
- a direction or a trip before "to"/"from"/"in": "up to", "down to", "out to", "commute to",
  "visiting from", "shipped it over from", "stationed in", "vivimos en", "soy de", "vengo
  de", "trabajo en", "nací en" (not "talk to", "a call from", "es de": a person's, too);
- a compound of where: "Jordan-bound", "Dallas-based";
- round 20: a business's site before "in"/"en" ("the dealership in Dayton", test32; "the dealer
  in Fresno", "our sister store in Round Rock", "the Toyota store in Naperville", test15,
  test29, test30; "el dealer de Houston", es_test32), or before "de" only when a comma and a
  capital follow the span ("la agencia de Guadalupe, Nuevo León", es_test15); a place's head
  word after a capitalised place and a comma ("Guadalupe, Nuevo | León", es_test15; the head
  words of round 17, seen in es_test4-19);
- round 22: what is said of a place right after its name: "Dolores Hidalgo es donde nació mi
  papá" (es_test37), "Victoria es donde vivía antes" (es_test38), "Esperanza es el pueblo de
  mi papá" (es_test31), "Hope is a lovely town" (test4), "victoria's about two hours south"
  (test34); a street's corner with an ordinal or a typed street ("Thomas and 32nd Street",
  test37; "la 10th y Nolana", es_test35);
- round 23: an origin or a trip said with "you're from", "are from", "the guy from", "the
  flights to" (test31, test34, test41); a saint's name after "St."/"Saint", a church (test31,
  test41); a stop or an exit named for a place ("the Parsons stop", test41; "the wilson ranch
  exit", test34); a street said bare after a thing on it, the clause ending with it ("the Firestone
  on Westheimer", test35; "the building on Elm or this one", test17; "every pothole on
  Lenox", test41);
- round 25: a one-word span in a list between two capitalised words no span takes, and no
  first name ("Alpine, Marathon, or out to Terlingua", test42; "St. Petersburg, Clearwater,
  Largo", test47); a bank's, a credit union's or an agency's office before "in" ("the State Bank in
  Fort Stockton", test42; "the SAAQ in Quebec", test47), and a range said forwards with its
  time ("Casper to Rock Springs is about three hours", test42).

"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

#: The head words of Spanish (and Portuguese) place names.
HEADS = words("san santa santo ciudad cd villa puerto nuevo nueva valle bahía playa")
_HEAD = "|".join(sorted(HEADS))
#: "de San Salvador": a preposition of where, then a place's head word.
_HEADED = re.compile(
    rf"\b(?:de|del|en|desde|hacia|para|a|from|in|to)\s+(?i:{_HEAD})\.?\s+(?=\w)",
)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
#: Up to two more capitalised words of the place between its head and a span.
_PLACE_REST = re.compile(r"(?:[A-ZÁÉÍÓÚÑ]\w*\s+){0,2}")
#: "from Dallas (up) to |", "desde Monterrey hasta |": a range of places.
_RANGE = re.compile(
    r"\b(?:from|desde|de)\s+[A-ZÁÉÍÓÚÑ][\w-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w-]*)?\s+"
    r"(?:(?:all\s+the\s+way|up|down|over|out)\s+)?(?:to|hasta|a)\s+$"
)
#: "up to |": a direction; a listed first name after it may be a person ("up to Jessica").
_DIRECTION = re.compile(r"\b(?:up|down|out|over)\s+to\s+$", re.IGNORECASE)
#: A trip or a stay before "to"/"from"/"in": a place follows.
_TRIP = re.compile(
    r"\b(?:commut\w*|visiting|vacationing|stationed|deployed|transferr?ed|relocat\w*|"
    r"shipped|imported|flew|flying|drove|driving|moved|moving|grew\s+up|born|raised|"
    r"i'm|im|we're|he's|she's|they're|originally|"
    # round 23: "you're from |", "my wife's people are from |", "the guy from |", "the flights
    # to |" (test31, test34, test41)
    r"you're|youre|are|guy|gal|lady|folks|people|flights?|"
    r"vivimos|vivo|vive|viven|viv[ií]a|trabajo|trabaja|trabajamos|nac[ií]|naci[oó]|crec[ií]|"
    r"soy|somos|vengo|viene|vienen|venimos|mudamos|mud[eé]|regresamos|manejamos)"
    r"(?:\s+(?:it|them|over|back|here|there|down|up|out|all|the|way|originally))*"
    r"\s+(?:to|from|in|de|en|desde)\s+$",
    re.IGNORECASE,
)
#: "the dealership in |", "la agencia en |": a business's site, then where it is (round 20).
_SITE = re.compile(
    r"\b(?:dealerships?|dealers?|stores?|shops?|office|location|branch|plant|warehouse|"
    r"agencias?|sucursal|tienda|concesionari[ao]|taller|planta|oficina)"
    r"(?:\s+(?:over|out|up|down|allá|alla))?\s+(?P<prep>in|en|de)\s+$",
    re.IGNORECASE,
)
#: "la agencia de | Guadalupe, Nuevo León": "de" only before a place's comma and capital.
_COMMA_CAPITAL = re.compile(r",\s+[A-ZÁÉÍÓÚÑ]")
#: "Guadalupe, Nuevo |": a place's head word after a capitalised place and a comma.
_COMMA_HEAD = re.compile(rf"\b[A-ZÁÉÍÓÚÑ][\w-]+,\s+(?i:{_HEAD})\.?\s+$")
#: "Jordan-bound", "Dallas-based": a compound of where.
_COMPOUND = re.compile(r"-(?:bound|based|born|area)\b", re.IGNORECASE)
_CAPITAL = re.compile(r"\b[A-ZÁÉÍÓÚÑ]")
#: Round 22: what is said of a place after its name: "| es donde nació mi papá", "| is a
#: lovely town", "| es el pueblo de mi papá", "|'s about two hours south" (a direction; not
#: "away", a person's too).
_PLACE_SAID = re.compile(
    r"(?:['\u2019]s|\s+(?:is|was|es|era|fue))\s+(?:"
    r"donde|where|(?:el|la|un|una|mi|our|my|a|an|the)\s+(?:[^\W\d_]+\s+)?"
    r"(?:pueblo|pueblito|ciudad|rancho|town|city|village|suburb|county)\b|"
    r"(?:about|like|como|unas?)\s+[^\W\d_]+\s+(?:hours?|horas|miles|millas)\s+"
    r"(?:north|south|east|west|al\s+(?:norte|sur|este|oeste))\b)",
    re.IGNORECASE,
)
#: Round 22: a street's corner, the other street an ordinal or a street with its type word:
#: "the corner of Thomas and 32nd Street", "Pinnacle Peak and Scottsdale Road" (test37), "en
#: la 10th y Nolana" (es_test35). Not "St", "Dr", "Way" (a saint, a doctor, a surname), nor a
#: type word with a capital after it ("Jenny Road Trip Club").
_STREET = (
    r"(?:\d+(?:st|nd|rd|th|ª|a|va|ta)\b|[A-Z][\w-]*\s+(?i:street|road|avenue|ave|"
    r"boulevard|blvd|drive|parkway|pkwy|lane|highway|hwy)\b(?!\s+[A-Z]))"
)
_CORNER_AFTER = re.compile(rf"\s+(?:and|y|&)\s+{_STREET}")
_CORNER_BEFORE = re.compile(rf"{_STREET}\s+(?:and|y|&)\s+$")
#: Round 23: a street said bare after a thing that stands on it: "the Firestone on | Westheimer,"
#: (test35), "the building on | Elm or this one" (test17), "every pothole on | Lenox." (test41).
#: A determiner and one noun before "on", and the clause ends right after the one word: "waiting
#: on Mike" (a verb) or "the note on Maria's file" (a possessive, no clause end) keep the name.
_ON_STREET = re.compile(
    r"\b(?:the|a|an|every|this|that|our|their|your)\s+[\w'-]+\s+on\s+$", re.IGNORECASE
)
_CLAUSE_AFTER = re.compile(r"\s*(?:[.,;!?]|$)|\s+(?:or|and)\b")
#: Round 23: a saint's name after "St."/"Saint" is a church or a place ("St. Bartholomew's, the
#: Catholic one", test31; "we go to saint stanislaus kostka on sundays", test41); not after a
#: title or a first name ("Mr. St. John", "John St. Clair"): a lower-case word, a comma or
#: nothing before it.
_SAINT = re.compile(r"(?:^|(?<![\w.'])[a-z][\w']*\s+|[,;:]\s*)(?i:st\.?|saint)\s+$")
#: Round 23: a stop or an exit named for a place ("right by the Parsons stop", test41; "you know
#: the wilson ranch exit?", test34): "the", the span, then one of these nouns.
_THE_BEFORE = re.compile(r"\b(?i:the)\s+$")
_STOP_AFTER = re.compile(
    r"\s+(?i:stop|exit|station|interchange|overpass|underpass|turnoff|off-ramp|on-ramp)\b"
)
#: Round 25: a bank's, a credit union's or an agency's office, then where it is: "the ... State
#: Bank in | Fort Stockton" (test42), "the SAAQ in | Quebec" (test47), as round 20's business
#: sites ("the dealership in |"); an agency by its acronym, in capitals.
_OFFICE_IN = re.compile(
    r"\b(?:[A-Z]{3,5}|Bank|Union|Co-op|Coop|Bureau|Agency)\s+in\s+"
    r"(?:(?:Fort|Ft\.|Mount|Mt\.|Port|Lake|New|North|South|East|West)\s+)?$"
)
#: Round 25: a range said forwards with the time it takes: "| to Rock Springs is about three
#: hours" (test42), as round 22's "|'s about two hours south" (test34).
_TAKES = (
    r"(?:['\u2019]s|\s+is|\s+was)\s+(?:(?:about|around|like|maybe|only|just)\s+)?"
    r"(?:an?|[^\W\d_]+|\d+)(?:\s+and\s+a\s+half)?\s+(?:hours?|minutes|mins|miles|days?)\b"
)
_RANGE_AFTER = re.compile(rf"\s+to\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?{_TAKES}")
#: The range's other end: "Casper to | Rock Springs is about three hours".
_RANGE_START = re.compile(r"(?:^|[.;!?]\s+)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+to\s+$")
_TAKES_AFTER = re.compile(_TAKES)
#: Round 25: a list of places, the span between two of them ("Alpine, | Marathon, or out to
#: Terlingua", test42; "St. Petersburg, | Clearwater, Largo", test47): the words before and
#: after the span's commas are capitalised and no name span takes them.
_ITEM_BEFORE = re.compile(r"(?:^|[\s(])([A-Z][\w'-]*\.?(?:\s+[A-Z][\w'-]*)?),\s+$")
_ITEM_AFTER = re.compile(r",\s+(?:(?:or|and)\s+)?(?:(?:out|up|down|over)\s+to\s+)?([A-Z][\w'-]*)")
_REACH = 60


def _headed(text: str, start: int, end: int) -> re.Match[str] | None:
    """A "de San ..." in `text[start:end]` after no word or a lower-case one ("es de")."""
    for match in _HEADED.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if word is None or word.group(1)[0].islower():
            return match
    return None


def _trimmed(text: str, span: Span) -> Span | None:
    """The span without a place it holds ("maestra de Ciudad Juárez"), None when all goes."""
    inside = _headed(text, max(0, span.start - 20), span.end)
    if inside is None:
        return span
    if inside.start() < span.start:
        # "de San | Salvador", "de San Andrés | Tuxtla": the span is the place's rest
        between = text[min(inside.end(), span.start) : span.start]
        return None if _PLACE_REST.fullmatch(between) else span
    head = text[span.start : inside.start()].rstrip(" ,")
    if not _CAPITAL.search(head):
        return None
    return Span(span.start, span.start + len(head), span.kind)


def _owner(text: str, span: Span) -> int:
    """Where `span`'s name ends before a possessive "'s" it holds ("victoria's")."""
    said = text[span.start : span.end]
    return span.end - 2 if said.endswith(("'s", "\u2019s")) else span.end


def _placed(text: str, span: Span, first_name: Callable[[str], bool]) -> bool:
    """Whether a name span is a place by the words right before or after it."""
    before = text[max(0, span.start - _REACH) : span.start]
    if _RANGE.search(before) or _TRIP.search(before) or _SAINT.search(before):
        return True
    if _COMPOUND.match(text, span.end) or _COMPOUND.search(text, span.start, span.end):
        return True
    site = _SITE.search(before)
    if site is not None and (
        site.group("prep").lower() != "de" or _COMMA_CAPITAL.match(text, span.end)
    ):
        return True
    if _COMMA_HEAD.search(before) or _PLACE_SAID.match(text, _owner(text, span)):
        return True
    if _CORNER_AFTER.match(text, span.end) or _CORNER_BEFORE.search(before):
        return True
    if _THE_BEFORE.search(before) and _STOP_AFTER.match(text, span.end):
        return True
    if _OFFICE_IN.search(before) or _RANGE_AFTER.match(text, span.end):
        return True
    if _RANGE_START.search(before) and _TAKES_AFTER.match(text, span.end):
        return True
    said = text[span.start : span.end].split()
    if len(said) == 1 and _ON_STREET.search(before) and _CLAUSE_AFTER.match(text, span.end):
        return True
    return bool(_DIRECTION.search(before)) and not first_name(said[0].lower())


def _among_places(
    text: str, span: Span, spans: list[Span], first_name: Callable[[str], bool]
) -> bool:
    """Whether a one-word span stands in a list between two capitalised words no span takes."""
    said = text[span.start : span.end]
    if " " in said or first_name(said.lower()):
        return False
    before = _ITEM_BEFORE.search(text, max(0, span.start - 40), span.start)
    after = _ITEM_AFTER.match(text, span.end)
    if before is None or after is None:
        return False
    words = ((before.start(1), before.end(1)), (after.start(1), after.end(1)))
    return not any(s.start < end and start < s.end for s in spans for start, end in words)


def drop_listed(text: str, spans: list[Span], first_name: Callable[[str], bool]) -> list[Span]:
    """`spans` without the one-word name spans in a list of places (`_among_places`).

    Run after every other veto, so that a neighbour a later veto frees ("Alpine", a brand)
    counts as no name.
    """
    return [
        s for s in spans if s.kind is not Kind.NAME or not _among_places(text, s, spans, first_name)
    ]


def drop(text: str, spans: list[Span], first_name: Callable[[str], bool]) -> list[Span]:
    """`spans` without the name spans that are places (a span holding one, cut before it)."""
    out = []
    for span in spans:
        if span.kind is not Kind.NAME:
            out.append(span)
            continue
        kept = _trimmed(text, span)
        if kept is not None and not _placed(text, kept, first_name):
            out.append(kept)
    return out
