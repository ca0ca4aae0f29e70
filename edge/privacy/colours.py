"""Paint colours taken for names, vetoed after the join (round 19).

Issue 18, round 19: a maker's paint name is often two capitalised words, one of them a first
or last name ("Crystal White", "Ruby Flare", "Rosa Cuarzo", "Modern Steel"). A name span is a
colour when its phrase (the run of capitalised words around it, with a lower-case colour word
right after: "Rose gold")

- is an item of a list ("A, B and C", "A or B", "A y B") next to another item that is a
  colour and no person's name (two words or more, a colour word among them, none of its other
  words a listed name: "Radiant Red", "Blanco Nieve"; not "Tom Black", not "Ruby"); or
- is two words or more, a colour word among them, and the line speaks of colour ("color",
  "paint", "comes in");
- (round 23) is two words or more with a colour word, listed next to another such phrase,
  whatever their other words, when one of the two starts with its colour word and ends with
  another ("Autumn Red or Ruby Flare", test4; "Sterling Gray or Black Raven", test37): a
  surname that is a colour comes last ("Tom Black or Ruby Gray" are people).

- (round 25) comes right after "color"/"colour" as its name ("color Celestite", es_test43;
  "el color se llama rosa cuarzo", es_test40; "the colour is Hydro Blue"): the word names the
  colour, not a person ("color de Juan" has a "de" and stays).

"Crystal White called about the Radiant Red one" keeps its name: no list, no colour talk.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

#: Colour words of paint names, English and Spanish (gems and metals included).
COLOURS = words(
    """white black red gray grey silver blue green yellow orange brown gold golden bronze beige
    pearl metallic steel quartz graphite charcoal crimson burgundy maroon ruby copper titanium
    blanco blanca negro negra rojo roja gris plata azul verde amarillo naranja café marrón
    dorado dorada perla metálico metálica acero cuarzo grafito rubí cobre titanio"""
)
_CAP = r"[A-ZÁÉÍÓÚÑ][^\W\d_]*"
#: A run of capitalised words, then a lower-case colour word or none.
_PHRASE = re.compile(
    rf"{_CAP}(?:[ -]{_CAP})*(?:\s+(?:{'|'.join(sorted(COLOURS, key=len, reverse=True))})\b)?"
)
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|y\s+|o\s+)?|\s(?:and|or|y|o)\s+)\s*")
_CUE = re.compile(
    r"\b(?:colou?rs?|paint|paints|pintura|tono|comes\s+in|come\s+in|viene\s+en|vienen\s+en)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
#: Round 25: the colour's own name after "color": "color Celestite", "color se llama rosa".
_NAMED = re.compile(r"\b(?i:colou?r)(?:\s+(?:se\s+llama|is|es|called|named|:))?\s+$")


def _said(phrase: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(phrase)]


def _colour(phrase: str) -> bool:
    """Two words or more, a colour word among them ("Rose gold"; not "Ruby" alone)."""
    said = _said(phrase)
    return len(said) > 1 and any(w in COLOURS for w in said)


def _colour_first(phrase: str) -> bool:
    """A colour word first and none last ("Ruby Flare", "Black Raven"; not "Ruby Gray")."""
    said = _said(phrase)
    return len(said) > 1 and said[0] in COLOURS and said[-1] not in COLOURS


def _paint(phrase: str, name: Callable[[str], bool]) -> bool:
    """A colour phrase none of whose other words is a listed name ("Midnight Black")."""
    said = _said(phrase)
    return _colour(phrase) and not any(name(w) for w in said if w not in COLOURS)


def _listed_with_paint(
    text: str, at: int, phrases: list[re.Match[str]], name: Callable[[str], bool]
) -> bool:
    for side in (at - 1, at + 1):
        if not 0 <= side < len(phrases):
            continue
        a, b = sorted((phrases[at], phrases[side]), key=lambda m: m.start())
        if not _SEP.fullmatch(text, a.end(), b.start()):
            continue
        if _paint(phrases[side].group(), name):
            return True
        # round 23: two colour phrases side by side are two paints, even with a listed name
        # among their words ("Autumn Red or Ruby Flare", test4; "Sterling Gray or Black
        # Raven", test37)
        pair = (phrases[at].group(), phrases[side].group())
        if all(_colour(p) for p in pair) and any(_colour_first(p) for p in pair):
            return True
    return False


def drop(text: str, spans: list[Span], name: Callable[[str], bool]) -> list[Span]:
    """`spans` without the name spans that are a paint colour.

    `name` says whether a lower-case word is a listed first or last name.
    """
    if not any(s.kind is Kind.NAME for s in spans):
        return spans
    phrases = list(_PHRASE.finditer(text))
    cue = _CUE.search(text) is not None
    out = []
    for span in spans:
        if span.kind is Kind.NAME and _NAMED.search(text, max(0, span.start - 20), span.start):
            continue
        if span.kind is Kind.NAME:
            at = [i for i, m in enumerate(phrases) if m.start() < span.end and span.start < m.end()]
            if at and all(
                _listed_with_paint(text, i, phrases, name) or (cue and _colour(phrases[i].group()))
                for i in at
            ):
                continue
        out.append(span)
    return out
