"""Every vehicle a conversation names, with its year and trim, and whether it is a trade-in.

A text is split into sentences and words; at each word the longest run that is a model
(then a make) in the catalogue is a mention. The make before a model joins it ("Toyota
RAV4"), a year before either joins it ("a '22 Civic"), trims after the model join it
("XLE Premium"). A mention is the customer's own car (a trade-in) when an owner's words come
just before it ("my", "I drive a", "we have an old"), or when the sentence, or the question
it answers, is about trading or the car they drive now, unless a buyer's words come just
before it ("for the", "a new", "want the"). The cues are English and Spanish ("mi", "tengo un",
"a cambio", "¿qué maneja?"; "busco un", "quiero el", "por el").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cloud.crm.vehicle.catalog import Catalog, Make, Model, catalog, key
from cloud.crm.vehicle.years import year

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"'\d\d\b|[A-Za-z0-9]+")
#: Typographic apostrophes (U+2018, U+2019, U+02BC: "a \u201922 Civic") read as ASCII ones.
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
#: Words between a cue and the vehicle it is about, at most ("my old Civic", "I have a Civic").
_NEAR = 2
_OWNER = re.compile(
    r"\b(?:my|our|mine|"
    r"(?:i|we)(?: ve| have)?(?: currently| still| already)? (?:drive|own|have|had|got)|"
    r"(?:i m|i am|we re|we are)(?: currently| still)? driving|trad(?:e|ing) in|"
    # Spanish: "mi Civic", "tengo un Civic", "manejo un Corolla"
    r"mi|mis|nuestro|nuestra|tengo|tenemos|manejo|manejamos|conduzco)$"
)
_BUYER = re.compile(
    r"\b(?:for|towards?|into|on|new|wants?|wanted|likes?|loves?|buy|get|drive|driving|see|"
    # Spanish: "busco un", "quiero el", "por el", "para la", "una nueva"
    r"busco|buscamos|quiero|queremos|quiere|nuevo|nueva|comprar|ver|por|para)$"
)
_TRADE = re.compile(
    r"\btrad(?:e|ing)\b|\b(?:driving|drive) (?:now|currently|today)\b"
    r"|\ba cambio\b|\bintercambio\b|\bparte de pago\b|\ba cuenta\b"
)
_ASKS_CURRENT = re.compile(
    r"\btrad(?:e|ing)\b|what (?:are|do) you (?:currently )?driv|driving (?:now|currently|today)"
    r"|\bmaneja\b|\bconduce\b|\ba cambio\b|\bintercambio\b"
)
T = TypeVar("T")
_NOT_A_YEAR_AFTER = {"hundred", "thousand", "dollars", "bucks", "miles", "k", "percent", "down"}


@dataclass
class Mention:
    """One vehicle named in the conversation."""

    make: str
    model: str | None
    year: int | None
    trim: str | None
    trade: bool


@dataclass
class _Found:
    start: int
    end: int
    make: Make | None
    model: Model | None
    trim: str | None


def _longest(words: Sequence[str], at: int, table: Mapping[str, object], span: int) -> int:
    """How many words from `at` form the longest key in `table` (0: none)."""
    for length in range(min(span, len(words) - at), 0, -1):
        joined = key("".join(words[at : at + length]))
        if joined in table or (length == 1 and joined.endswith("s") and joined[:-1] in table):
            return length
    return 0


def _lookup(words: Sequence[str], at: int, length: int, table: Mapping[str, T]) -> T:
    joined = key("".join(words[at : at + length]))
    return table[joined] if joined in table else table[joined[:-1]]


class _Sentence:
    """The mentions in one sentence."""

    def __init__(self, text: str, cat: Catalog) -> None:
        self.raw = _WORD.findall(text.translate(_APOSTROPHES))
        self.words = [w.lower() for w in self.raw]
        self.cat = cat

    def _model(self, at: int, make: Make | None) -> tuple[Model, int] | None:
        length = _longest(self.words, at, self.cat.models, self.cat.span)
        if not length:
            return None
        models: list[Model] = _lookup(self.words, at, length, self.cat.models)
        same = [m for m in models if make is not None and m.make == make.name]
        if make is not None and not same:
            return None
        return (same or models)[0], length

    def _year_before(self, at: int) -> tuple[int | None, int]:
        for length in range(min(5, at), 0, -1):
            found = year(self.words[at - length : at], short=True)
            if found is not None:
                return found, at - length
        return None, at

    def found(self) -> Iterator[_Found]:
        """Make and/or model runs (with their trims), left to right."""
        at = 0
        while at < len(self.words):
            make_len = _longest(self.words, at, self.cat.makes, self.cat.span)
            alone = self._model(at, None)
            if alone is not None and alone[1] > make_len:  # "Mazda 3" is a model, not a make
                make_len = 0
            make: Make | None = (
                _lookup(self.words, at, make_len, self.cat.makes) if make_len else None
            )
            model = self._model(at + make_len, make) if make else alone
            if make is None and model is None:
                at += 1
                continue
            end = at + make_len + (model[1] if model else 0)
            trim, after = self._trim(end) if model else (None, end)
            yield _Found(at, end, make, model[0] if model else None, trim)
            at = after

    def _trusted(self, hit: _Found, has_year: bool) -> bool:
        if hit.make is not None and hit.model is not None:
            return True
        word = self.raw[hit.start]
        capitalised = hit.start > 0 and word[:1].isupper()
        if hit.model is not None and hit.model.name.isdigit():
            return False  # "fifteen hundred", "three": a number unless the make says otherwise
        if hit.model is not None:
            return not hit.model.common or has_year or capitalised
        return hit.make is not None and (not hit.make.common or has_year)

    def _trim(self, at: int) -> tuple[str | None, int]:
        names: list[str] = []
        while len(names) < 3 and (
            length := _longest(self.words, at, self.cat.trims, self.cat.span)
        ):
            joined = key("".join(self.words[at : at + length]))
            if joined not in self.cat.trims:
                break  # a plural ("the XLEs") is not a trim
            names.append(self.cat.trims[joined])
            at += length
        return (" ".join(names) or None), at

    def _is_trade(self, start: int, previous_asks: bool, sentence_trade: bool) -> bool:
        before = self.words[max(0, start - _NEAR - 4) : start]
        for cut in range(min(_NEAR, len(before)) + 1):
            head = " ".join(before[: len(before) - cut])
            if _OWNER.search(head):
                return True
            if _BUYER.search(head):
                return False
        return sentence_trade or previous_asks

    def mentions(self, previous_asks: bool) -> list[Mention]:
        """The trusted mentions of this sentence (a lone year elsewhere in it fills a gap)."""
        sentence_trade = bool(_TRADE.search(" ".join(self.words)))
        out: list[Mention] = []
        for hit in self.found():
            found_year, start = self._year_before(hit.start)
            if not self._trusted(hit, found_year is not None):
                continue
            make = hit.make.name if hit.make else hit.model.make  # type: ignore[union-attr]
            model = hit.model.name if hit.model else None
            trade = self._is_trade(start, previous_asks, sentence_trade)
            out.append(Mention(make, model, found_year, hit.trim, trade))
        if len(out) == 1 and out[0].year is None:
            out[0].year = self._lone_year()
        return out

    def _lone_year(self) -> int | None:
        """A year said on its own in the sentence ("my Civic is a 2015")."""
        for at in range(len(self.words)):
            for length in (4, 3, 2, 1):
                after = self.words[at + length] if at + length < len(self.words) else ""
                found = year(self.words[at : at + length])
                if found is not None and after not in _NOT_A_YEAR_AFTER:
                    return found
        return None


def mentions(texts: Sequence[str]) -> list[Mention]:
    """Every trusted vehicle mention in `texts` (turns, in order)."""
    cat = catalog()
    out: list[Mention] = []
    previous_asks = False
    for text in texts:
        for index, sentence in enumerate(_SENTENCE.split(text)):
            out += _Sentence(sentence, cat).mentions(previous_asks and index == 0)
        previous_asks = bool(_ASKS_CURRENT.search(" ".join(_WORD.findall(text.lower()))))
    return out
