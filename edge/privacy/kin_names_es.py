"""A Spanish first name said beside the relative's word: "Mercedes, mi esposa, ...".

Round 23 (es_test28 "<name>, mi esposa, quiere ..."; es_test36 "<name> <name> es mi hija";
es_test41 "mi hija <name> es la que ..."): names that are also common words (Luz, Mercedes,
Rosa) came through when the relative's word stood after them, or when the word is one the cues
of `spanish` never take as a name ("luz"). Two shapes:

- at a clause's start (a line's start, after a stop or a comma, or a filler "eh", "este",
  "bueno"), one or two listed first names, then "mi esposa", "es mi hija", ...; each word a
  listed first name that is no everyday, function word, pronoun or conjunction ("ella es mi
  hija", "..., pero mi suegra dice" stay). "la Mercedes, mi esposa la quiere" has an article
  before and stays;
- "mi hija luz", "mi esposa luz": a listed first name that `spanish` keeps out of its cues as a
  word ("luz"), right after the relative's word, before a verb or a comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spanish import _everyday, _known
from edge.privacy.spanish_numbers import fold_same
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import SPANISH_FUNCTION, words

_KIN = (
    r"(?:espos[oa]|marido|mujer|hij[oa]|herman[oa]|mama|papa|suegr[oa]|novi[oa]|abuel[oa]|"
    r"nuera|yerno|cunad[oa])"
)
#: The names, then the relative's word: "luz maria es mi hija", "Mercedes, mi esposa".
_BEFORE_KIN = re.compile(
    r"(?:^|[.,;:?!¿¡—-]\s*|\b(?:eh|este|pues|bueno|ok|mire|oiga)\s+)"
    r"(?P<name>[a-zñ]{3,}(?:\s+[a-zñ]{3,})?)\s*,?\s+(?:es\s+)?mi\s+" + _KIN + r"\b"
)
#: A listed name `spanish` keeps from its cues, after the relative's word, before a verb.
_AFTER_KIN = re.compile(
    r"\bmi\s+" + _KIN + r"\s+(?P<name>luz)(?=\s*,|\s+(?:es|va|quiere|tiene|maneja|dice)\b)"
)


#: Pronouns, demonstratives, conjunctions and interjections that stand where the name would
#: ("ella es mi hija", "..., pero mi papá dice", "mirá, mi cuñado ...").
_NOT_NAMES = words(
    "ella ellas ellos el usted ustedes este esta ese esa aquel aquella esto eso quien alguien "
    "pero aunque porque pues como cuando entonces mientras solo tambien nomas "
    # interjections that open a clause ("mirá, mi cuñado compró ...")
    "mira mire oye oiga fijate fijese vea digo claro"
)


def _listed(word: str) -> bool:
    """A listed first name that is no everyday, function or `_NOT_NAMES` word."""
    if word in SPANISH_FUNCTION or word in _NOT_NAMES:
        return False
    return word in _known(False) and not _everyday(word)


def find(text: str) -> Iterator[Span]:
    """First names said right before or after a relative's word (see the module docstring)."""
    folded = fold_same(text)
    for match in _BEFORE_KIN.finditer(folded):
        start = match.start("name")
        said = match.group("name").split()
        if all(_listed(word) for word in said):
            yield Span(start, match.end("name"), Kind.NAME)
    for match in _AFTER_KIN.finditer(folded):
        yield Span(match.start("name"), match.end("name"), Kind.NAME)
