"""Spanish streets named without a house number, vetoed as names and places (round 25).

A street word ("calle", "avenida", "paseo", "carrera", "calzada", "bulevar") before a
capitalised word names a street, and a street without a number is no detail: the retired
files name a shop's or the dealership's street, or a landmark's, this way, and the rules or
the tagger took the street's name for a person ("la calle Guadalupe, ahí está la panadería",
es_test34; "el lote que da a la calle Dolores", es_test39; "un sitio de la calle Jorge Juan",
"el taller está en la calle Alcalá", "el de la calle Príncipe de Vergara", es_test44; "Calle
Ocho con la 27 Avenida, ahí está la panadería", es_test47).

A name span right after such a word, or one that starts with it, is dropped when it holds no
digit and no home is said before it in the line ("vivo", "vivimos", "mi casa", "domicilio",
"dirección", ...): "vivo en la calle Hidalgo" is left to the rules. An address span that
starts with the street word is dropped on the same terms, but only when the street's name is
one word ("Calle Ocho"), so that a corner the rules took whole ("calle Hidalgo con
Morelos") stays.

A neighbourhood said alone is no detail either: "vivo en la colonia Del Valle, cerca del
parque" (es_test26), "vivo en la colonia obrera allá por juárez" (es_test33), "somos de la
colonia independencia, en monterrey" (es_test34). An address span that starts with
"colonia", "barrio" or "fraccionamiento", holds no digit, no number word and no street word,
and is the line's only address span, is dropped; a colonia beside a street and number ("calle
Álamo 214, colonia Las Cumbres") is left to the rules.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span
from edge.privacy.tagger import NUMBER_WORDS

_STREET = r"(?:calle|avenida|av\.|paseo|carrera|calzada|bulevar|boulevard|callej[oó]n)"
#: The street word right before a span: "la calle | Dolores".
_BEFORE = re.compile(rf"(?i:\b{_STREET})\s+$")
#: A span that starts with the street word and a capital: "calle Alcalá", "Calle Ocho".
_HEADED = re.compile(rf"(?i:{_STREET})\s+[A-ZÁÉÍÓÚÑ]")
#: A home said earlier in the line: then the street may be the speaker's.
_HOME = re.compile(
    r"(?i:\b(?:viv[oeií]\w*|mi\s+casa|nuestra\s+casa|su\s+casa|domicilio|direcci[oó]n|"
    r"me\s+mud\w+|nos\s+mud\w+|resid\w+))"
)
#: A one-word street name, the whole address span.
_ONE_WORD = re.compile(rf"(?i:{_STREET})\s+\S+$")


#: A neighbourhood's word opening an address span.
_QUARTER = re.compile(r"(?i:colonia|col\.|barrio|fraccionamiento|fracc\.)\s")
_STREET_WORD = re.compile(rf"(?i:\b{_STREET}\b)")
_WORDS = re.compile(r"[^\W\d_]+")


def _quarter_alone(text: str, span: Span, spans: list[Span]) -> bool:
    """An address span that is a neighbourhood's name alone, the line's only address."""
    said = text[span.start : span.end]
    if span.kind is not Kind.ADDRESS or _QUARTER.match(said) is None:
        return False
    if any(c.isdigit() for c in said) or _STREET_WORD.search(said):
        return False
    if any(w.lower() in NUMBER_WORDS for w in _WORDS.findall(said)):
        return False
    return not any(s.kind is Kind.ADDRESS and s != span for s in spans)


def _street(text: str, span: Span) -> bool:
    said = text[span.start : span.end]
    if any(c.isdigit() for c in said) or _HOME.search(text, 0, span.start):
        return False
    if span.kind is Kind.NAME:
        before = _BEFORE.search(text, max(0, span.start - 20), span.start) is not None
        return before or _HEADED.match(said) is not None
    if span.kind is Kind.ADDRESS:
        return _HEADED.match(said) is not None and _ONE_WORD.match(said) is not None
    return False


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the streets said without a number and the neighbourhoods alone."""
    return [
        span for span in spans if not _street(text, span) and not _quarter_alone(text, span, spans)
    ]
