"""Spanish lists of proper nouns, vetoed as names when one of them is no name (round 25).

A line that lists three or more capitalised names with commas ("A, B, C y D") lists things of
one sort. In the retired files such lists are wines and wine regions ("en la sala tenemos
Vega Sicilia, Muga, Marqués de Riscal y un Torres", "Ribera, Rioja, Priorat, Toro...",
es_test44) and towns served ("Doral, Hialeah, Kendall, Sweetwater: entregamos ...",
es_test47), and the rules or the tagger took some of the items for people and not others.

When at least one item of such a list is left whole by every span (the finders saw no person
in it: "Rioja", "Doral"), the list is of places or things, and the name spans that lie inside
the list are dropped. A list whose every item was taken ("mis hijos son Ana, Luis y Pedro")
stays, and so does any span of another kind. English lines (an English function word and no
Spanish one) are left alone.
"""

from __future__ import annotations

import re

from edge.privacy.language import not_english
from edge.privacy.spans import Kind, Span

_CAP = r"[A-ZÁÉÍÓÚÑ][\w\-]*"
#: One item: up to three capitalised words, "de"/"del"/"de la" between them.
_ITEM = rf"{_CAP}(?:\s+(?:(?:de|del|de\s+la)\s+)?{_CAP}){{0,2}}"
#: Between items: a comma, or "y"/"o" (and an article: "y un Torres").
_SEP = r"(?:\s*,\s*|\s+[yoe]\s+(?:(?:un|una|el|la)\s+)?)"
_LIST = re.compile(rf"(?<![\w\-]){_ITEM}(?:{_SEP}{_ITEM}){{2,}}")
_ONE = re.compile(_ITEM)


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _ONE.finditer(text, start, end)]


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the names inside a Spanish list of which one item is no name."""
    if not not_english(text):
        return spans
    out = list(spans)
    for found in _LIST.finditer(text):
        items = _items(text, found.start(), found.end())
        if len(items) < 3:
            continue
        bare = any(not any(s.start < end and start < s.end for s in spans) for start, end in items)
        if not bare:
            continue
        out = [
            s
            for s in out
            if not (s.kind is Kind.NAME and found.start() <= s.start and s.end <= found.end())
        ]
    return out
