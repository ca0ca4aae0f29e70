"""What the learned tagger may add to the rules' spans, and under which name.

The tagger (`tagger.Tagger`) knows words, not the rules' reasons. Where it overlaps a span of
the rules, it may widen it ("maría elena" → "maría elena castillo"), and the rules' kind names
the result. Where it finds something on its own, the rules' vetoes still hold:

- the dealership's own address and stock numbers (`business.drop`);
- numbers alone: dates that are no birth date, prices, mileage, years ("on 03/15/2019",
  "the price tag is 32000"), and a few letters read one by one ("the VIN ends in r t cuatro").
  The rules find every number that is a detail by its format or cue, so the tagger adds
  words, and numbers only when they are an id read out piece by piece (seven pieces or more, no
  word of an amount); it never adds a bare number at the end of a rule's span ("calle Juárez
  45 | 20 minutos"), a unit's letter yes ("departamento cinco | b"), and a ZIP close after
  an address of the rules ("..., San Antonio, 78214");
- a name that is a place by its context: after "in"/"en"/"near", after a verb of moving
  ("ship it to Kelowna"), before "Hills"/"Street" or after "Santa"/"Fort" (`places`,
  `vocab.PLACE_BEFORE`/`PLACE_AFTER`), or a word that is never a name (`vocab.NOT_NAMES`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy import business, frequency
from edge.privacy.places import placed
from edge.privacy.spans import Kind, Span, merge
from edge.privacy.tagger import NUMBER_WORDS, Token, tokens
from edge.privacy.vocab import CARS, NOT_NAMES, PLACE_AFTER, PLACE_BEFORE, words

#: Words right before a name-like word that make it a place: "in Dolores", "cerca de" is the
#: finders' (a "de" also opens surnames: "la camioneta de Rosario").
_IN = words("in en near cerca hacia desde")
#: `vocab.PLACE_BEFORE` without the articles: "dile a la Lupe" is a name.
_BEFORE = PLACE_BEFORE - words("el la los las")
#: At least this many pieces make numbers and letters alone an id read out: a phone without its
#: area code has seven, a ZIP five (the rules find those after an address); a date, a price
#: or a year at most three ("03/15/2019").
READ_OUT = 7
#: At most this many characters from an address's end to a ZIP the tagger found after it.
ZIP_REACH = 40
_FIVE = re.compile(r"\d{5}")
#: Words of an amount: a price, a mileage or a year, not an id read out.
AMOUNT = words(
    """hundred thousand million grand dollars bucks miles percent cien ciento cientos
    doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos
    novecientos mil millón millon millones pesos dólares dolares euros"""
)


def join(
    text: str, ruled: list[Span], tagged: list[Span], first_name: Callable[[str], bool]
) -> list[Span]:
    """The rules' spans with what the tagger adds to them (merged, in order).

    `first_name` says whether a lower-case word is a listed first name (`places.placed`).
    """
    out = list(ruled)
    toks = tokens(text)
    for span in business.drop(text, tagged):
        over = [rule for rule in ruled if rule.start < span.end and span.start < rule.end]
        inside = [t for t in toks if span.start <= t.start < span.end]
        if over:
            beyond = [t for t in inside if not any(r.start <= t.start < r.end for r in over)]
            if _worded(beyond) or _letters(beyond) or _read_out(inside):
                out.append(Span(span.start, span.end, over[0].kind))  # not "Juárez 45" + "20"
        elif _worded(inside):
            if _kept(span, inside, toks, first_name):
                out.append(span)
        elif _read_out(inside) or _zip(text, span, ruled):
            out.append(span)
    return merge(out)


def _zip(text: str, span: Span, ruled: list[Span]) -> bool:
    """Whether `span` is five digits close after an address of the rules' ("..., 78214")."""
    return bool(_FIVE.fullmatch(text[span.start : span.end])) and any(
        rule.kind is Kind.ADDRESS and 0 <= span.start - rule.end <= ZIP_REACH for rule in ruled
    )


def _alnum(inside: list[Token]) -> list[str]:
    return [t.text.lower() for t in inside if t.text.isalnum()]


def _worded(inside: list[Token]) -> bool:
    """Whether a word is among `inside`: not only numbers, or letters read one by one."""
    return any(len(w) > 1 and w.isalpha() and w not in NUMBER_WORDS for w in _alnum(inside))


def _letters(inside: list[Token]) -> bool:
    """Whether `inside` is letters alone, one by one ("5 B": a unit's letter)."""
    said = _alnum(inside)
    return bool(said) and all(len(w) == 1 and w.isalpha() for w in said)


def _read_out(inside: list[Token]) -> bool:
    """Whether `inside` is an id read out piece by piece ("d seven seven four one two nine").

    At least `READ_OUT` pieces, and no word of an amount ("thirty two thousand", "mil
    doscientos"), which a price, a mileage or a year would have.
    """
    said = _alnum(inside)
    return len(said) >= READ_OUT and not any(w in AMOUNT for w in said)


def _kept(
    span: Span, inside: list[Token], toks: list[Token], first_name: Callable[[str], bool]
) -> bool:
    lowered = [t.text.lower() for t in inside if t.text.isalnum()]
    if span.kind is not Kind.NAME:
        return True
    if all(w in NOT_NAMES or w in CARS for w in lowered):
        return False
    index = toks.index(inside[0])
    words_ = [t.text.lower() for t in toks]
    before = words_[index - 1] if index else ""
    after_index = toks.index(inside[-1]) + 1
    after = words_[after_index] if after_index < len(toks) else ""
    if before in _IN or before in _BEFORE or after in PLACE_AFTER:
        return False
    window = words_[max(0, index - 3) : index + 1]
    return not placed(window, len(window) - 1, first_name, frequency.most)
