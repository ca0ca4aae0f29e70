"""Spanish names asked for, handed a call, met or addressed (round 10, docs/benchmarks.md).

Cues of `spanish._CAPITALISED_AFTER` that round 9 lacked: an appointment or a call handed over
("tengo cita con ernesto", "pásale la llamada a Sol", "comuníqueme con ..."), a relative or
friend said the Mexican or Rioplatense way ("mi vieja romina gastaldi", "mi prima, Maite", "mi
compadre chuy"), and a person addressed after "oye/oiga/hola/gracias" ("oye mercedes, ya
llegó"). Also ASR-lowercase names after "busco a", "pregunte por", "cita con": a word in no
list that is rare in both languages ("busco a yamileth").

What counts after a cue: a capitalised word, a listed first name that is no everyday word and
rarer than `LOWER_ZIPF` ("nada", "ella", "sol" in lower case stay), or after a request for a
person a word in no list rarer than `RARE_ZIPF`; then up to two surnames (`spanish._surname`
or as rare).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import frequency
from edge.privacy.spanish import _NOT_NAME, _everyday, _known, _surname
from edge.privacy.spanish_numbers import fold_same
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, words

#: A lower-case listed first name after a cue is a name when rarer than this (Zipf, the higher
#: of English and Spanish): "mercedes" 4.2, "ernesto" 4.1, "romina" 3.0 go; "sol" 5.1,
#: "ella" 5.8, "nada" 6.0 stay.
LOWER_ZIPF = 5.0
#: A word in no list after a request for a person is a name when rarer than this in both
#: languages (as `name_cues.SURNAME_ZIPF`): "yamileth" 1.5, "gastaldi" 1.7.
RARE_ZIPF = 2.5

_WORD = r"([a-zñ]+)"
#: Asking for, meeting or handing a call to a person: rare unlisted words count too.
_REQUEST = re.compile(
    r"\b(?:tengo\s+(?:una\s+)?cita\s+con|cita\s+con|pas[ae]le\s+(?:la\s+llamada\s+)?a|"
    r"comun[ií]\w*\s+con|busc\w*\s+a|pregunt\w*\s+por|"
    r"mi\s+(?:viej[oa]|prim[oa]|ti[oa]|abuel[oa]|niet[oa]|sobrin[oa]|compadre|comadre|"
    r"amig[oa]|jef[ao]|yerno|nuera|ahijad[oa]|padrino|madrina|cuñad[oa]|cunad[oa]))"
    r"\s*,?\s+" + _WORD
)
#: Addressing a person: listed or capitalised only.
_VOCATIVE = re.compile(r"\b(?:oye|oiga|hola|gracias)\s*,?\s+" + _WORD)
#: Words a Spanish speaker calls a person by that are no name ("gracias mijo", "oye güey").
_ENDEARMENTS = words(
    """mijo mija mijito mijita joven jefe jefa jefecito compa compadre comadre amigo amiga
    carnal primo prima tio tia guey wey buey gordo gorda flaco flaca reina rey chula chulo
    guapa guapo cariño carino corazon mi hermano hermana senor senora senorita seno doña dona
    don chavo chava morra morro nene nena viejo vieja"""
)
_SURNAME = re.compile(r"\s+" + _WORD)
_SURNAMES = 2


def _rare(word: str) -> bool:
    return word not in _known(False) and not _everyday(word) and frequency.rare(word, RARE_ZIPF)


def _first(text: str, match: re.Match[str], request: bool) -> bool:
    word = match.group(1)
    if word in _NOT_NAME or word in _ENDEARMENTS or len(word) < 3:
        return False
    if text[match.start(1)].isupper():
        return True
    if word in _known(False) and not _everyday(word) and frequency.most(word) < LOWER_ZIPF:
        return True
    return request and _rare(word)


def find(text: str) -> Iterator[Span]:
    """Names of `text` after the cues above (with their surnames)."""
    folded = fold_same(text)
    for pattern, request in ((_REQUEST, True), (_VOCATIVE, False)):
        for match in pattern.finditer(folded):
            if not _first(text, match, request):
                continue
            after = _SURNAME.match(folded, match.end(1))
            if after is not None and after.group(1) in CARS:
                continue  # "hola, mercedes benz": the car, not a person
            start, end = match.span(1)
            for _ in range(_SURNAMES):
                following = _SURNAME.match(folded, end)
                if following is None:
                    break
                if not (_surname(text, following) or _rare(following.group(1))):
                    break
                end = following.end(1)
            yield Span(start, end, Kind.NAME)
