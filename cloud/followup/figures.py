"""Prices, payments and rates said in a conversation, and which of them the salesperson confirmed.

A *figure* is an amount of money ("$32,500", "32,500 dollars", "32k", "32.500 dólares", "32
mil", a bare number said per month or as a down payment: "400 a month", "2,000 down") or a
rate ("3.9%", "3.9 percent", "3,9 por ciento"); money followed by "a month", "per month",
"/mo", "al mes", "por mes" or "mensual" is a monthly *payment*.

**Confirmed** (the only figures a draft may contain):

- every figure a salesperson's turn says;
- a customer's figure when the very next turn is the salesperson's, opens with an affirmation
  ("yes", "right", "exactly", "sí", "correcto", "así es" ...) and names no figure of the same
  kind itself (a counter-offer is the salesperson's own figure, confirmed by saying it).

Anything else (a customer's budget the salesperson did not agree to, a number in a template) is
unconfirmed: `unconfirmed(text, confirmed)` names it and the draft is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

Kind = Literal["amount", "payment", "rate"]
_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MONEY = re.compile(
    rf"(?:\$|US\$|USD\s?)\s?(?P<a>{_NUMBER})\s?(?P<ak>k\b|thousand\b|mil\b)?"
    rf"|(?P<b>{_NUMBER})\s?(?P<bk>k\b|thousand\b|mil\b)?\s?"
    r"(?:dollars?\b|bucks\b|d[oó]lares\b|usd\b)"
    rf"|(?P<c>{_NUMBER})\s?(?P<ck>k\b|thousand\b|mil\b)"
    rf"|(?P<d>{_NUMBER})(?=\s(?:a|per|al|por)\s(?:month|mes)\b|\s?/\s?mo\b|\s(?:down|de enganche|"
    r"de entrada)\b)",
    re.IGNORECASE,
)
_RATE = re.compile(rf"(?P<r>{_NUMBER})\s?(?:%|percent\b|per cent\b|por ciento\b)", re.IGNORECASE)
_MONTHLY = re.compile(
    r"^\s?(?:a|per|/|al|por|each|every|cada)?\s?(?:month|mo\b|mes\b)|^\s?(?:monthly|mensual)",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|right|correct|exactly|absolutely|sure|that's right|that is right|"
    r"we can do (?:that|it)|deal|s[ií]|claro|correcto|exacto|as[ií] es|de acuerdo|perfecto|"
    r"por supuesto)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """One figure: its kind, its value and the words it was said with."""

    kind: Kind
    value: Decimal
    said: str

    @property
    def family(self) -> str:
        """`rate` or `money` (a payment and an amount of the same value are one number)."""
        return "rate" if self.kind == "rate" else "money"


def _value(number: str, thousands: str | None) -> Decimal | None:
    """`32,500` / `32.500` → 32500; `3.9` / `3,9` → 3.9; `32` + `k` → 32000."""
    groups = re.split(r"[.,]", number)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        digits = "".join(groups)
    elif len(groups) > 2 and all(len(g) == 3 for g in groups[1:-1]):
        digits = "".join(groups[:-1]) + "." + groups[-1]
    else:
        digits = number.replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return value * 1000 if thousands else value


def find(text: str) -> list[Figure]:
    """Every figure in `text`, in order."""
    found: list[tuple[int, Figure]] = []
    taken: list[range] = []
    for match in _RATE.finditer(text):
        value = _value(match["r"], None)
        if value is not None:
            found.append((match.start(), Figure("rate", value, match.group(0).strip())))
            taken.append(range(match.start(), match.end()))
    for match in _MONEY.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        number = match["a"] or match["b"] or match["c"] or match["d"]
        value = _value(number, match["ak"] or match["bk"] or match["ck"])
        if value is None:
            continue
        after = text[match.end() : match.end() + 12]
        kind: Kind = "payment" if _MONTHLY.search(after) else "amount"
        found.append((match.start(), Figure(kind, value, match.group(0).strip())))
    return [figure for _, figure in sorted(found, key=lambda pair: pair[0])]


@dataclass(frozen=True)
class Said:
    """A turn as far as figures care: who spoke and the (redacted) text."""

    role: str
    text: str


def confirmed(turns: Sequence[Said]) -> list[Figure]:
    """The figures the salesperson said or agreed to (see the module), in order, once each."""
    out: list[Figure] = []
    for index, turn in enumerate(turns):
        figures = find(turn.text)
        if turn.role == "salesperson":
            out.extend(figures)
            continue
        reply = turns[index + 1] if index + 1 < len(turns) else None
        if reply is None or reply.role != "salesperson" or not _YES.search(reply.text):
            continue
        countered = {f.kind for f in find(reply.text)}
        out.extend(f for f in figures if f.kind not in countered)
    unique: dict[tuple[str, Decimal], Figure] = {}
    for figure in out:
        unique.setdefault((figure.kind, figure.value), figure)
    return list(unique.values())


def customer_figures(turns: Sequence[Said]) -> list[Figure]:
    """Figures customers said (a budget, a payment they hope for), confirmed or not."""
    return [f for turn in turns if turn.role == "customer" for f in find(turn.text)]


def unconfirmed(text: str, allowed: Sequence[Figure]) -> list[Figure]:
    """The figures of `text` that are not among `allowed` (compared by value and family)."""
    known = {(f.family, f.value) for f in allowed}
    return [f for f in find(text) if (f.family, f.value) not in known]
