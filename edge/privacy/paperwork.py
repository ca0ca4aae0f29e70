"""The deal's paperwork: amounts told after a money word, and the forms' names (round 20).

Issue 18, round 20, two classes of a span that is no detail, each seen in two authors' files:

- an amount said with a scale word inside it after a money word ("that brings the total amount
  financed to forty-four thousand three eighty", test30; "the out the door on the Highlander
  XLE comes to forty one thousand two eighty", test23): read in digits it has a phone's length,
  but nobody reads a phone number with "thousand" or "mil" between its digits. A number read
  digit by digit next to it ("the payoff is twelve thousand and my account number is ...")
  stays a detail;
- a form's name: a tax form said as one ("without a 1099", test30; "I'm 1099, no W-2",
  test29) and the dealership's "We Owe" ("the We Owe", test30; "mark that down as a we owe",
  test11). A number of a form's digits said as a number ("my account ends in 1099") stays.

Written on the English retired files (test11, test23, test29, test30); the Spanish money words
("monto", "enganche", "mil") are the same class said in Spanish, not seen in a Spanish file's
over-redaction.

Round 22 (issue 18): a price said beside the deal's fees, with or without a scale word ("Tax,
title and license come to three forty-two fifty", test35; "so that's nine thousand four ninety
five plus tax title and license plus the doc fee", test38): a number said in words (no digit
written) within `_REACH` characters after "tax, title and license" or right before "plus tax",
"tax, title and license", "out the door", "doc fee" is an amount. Written on test35 and test38;
the Spanish fees ("más IVA", "al mes") are the same class translated, not seen in a Spanish
file's over-redaction. A phone said in the same line ("... plus tax, and my cell is ...") has
no fee right beside it and stays.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

#: The kinds an amount read as digits is taken for.
_NUMBERS = frozenset({Kind.PHONE, Kind.ACCOUNT, Kind.CARD, Kind.LICENSE})
#: A scale word with number words after it: the amount goes on past its thousands.
_SCALE_INSIDE = re.compile(
    r"\b(?:thousand|grand|mil|millones|million)\b[\s,-]*(?:and\s+|y\s+)?[^\W\d_]", re.IGNORECASE
)
#: The money words an amount is said after, within `_REACH` characters.
_MONEY = re.compile(
    r"\b(?:financed|financing|finance|total|comes?\s+to|came\s+to|out\s+the\s+door|price[ds]?|"
    r"payoff|pay\s*off|balance|owe|owed|costs?|sticker|msrp|budget|down\s+payment|amount|"
    r"brings?\s+(?:it|the\s+\w+)\s+to|monto|precio|saldo|enganche|financiado|financiamiento|"
    r"cuesta|costo|sale\s+en|queda\s+en|liquidaci[oó]n|adeudo|debo)\b",
    re.IGNORECASE,
)
_REACH = 50
#: Round 22: the deal's fees a price is said beside.
_FEES = (
    r"tax(?:es)?,?\s+title,?\s+(?:and\s+|&\s+)?licen[sc]e|\bttl\b|out\s+the\s+door|"
    r"doc(?:ument(?:ary)?)?\s+fee|plus\s+tax|m[aá]s\s+(?:el\s+)?(?:iva|impuestos)|al\s+mes|"
    r"a\s+month|per\s+month"
)
_FEES_BEFORE = re.compile(rf"(?:{_FEES})\W*$", re.IGNORECASE)
_FEES_AFTER = re.compile(rf"[\s,]*(?:(?:plus|and|y|más|mas)\s+)?(?:{_FEES})", re.IGNORECASE)
#: A number word of a price (tens or a scale), not a digit read alone.
_PRICE_WORD = re.compile(
    r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|grand|"
    r"veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|\w+cientos|"
    r"mil)\b",
    re.IGNORECASE,
)
#: The forms' names: US tax forms and the dealership's promise of work still owed.
_FORM = re.compile(
    r"(?:10(?:99|40)(?:-?[a-z]{1,3})?|w-?(?:2|4|9)|4506-?c|4506-?t|(?:we\s+)?owe)",
    re.IGNORECASE,
)
#: What a form's name is said after ("a 1099", "the We Owe", "I'm 1099", "no W-2").
_FORM_BEFORE = re.compile(
    r"\b(?:a|an|the|your|my|his|her|their|our|no|any|i'm|im|on|un|una|el|la|su|sin)\s+$",
    re.IGNORECASE,
)
#: "We Owe" is a form's name only said with "we" ("the We Owe"), or lower-case "owe" after it.
_WE = re.compile(r"\bwe\s+$", re.IGNORECASE)


def is_amount(text: str, span: Span) -> bool:
    """Whether the number span `span` is an amount said after a money word."""
    said = text[span.start : span.end]
    return (
        span.kind in _NUMBERS
        and not any(c.isdigit() for c in said)
        and _SCALE_INSIDE.search(said) is not None
        and _MONEY.search(text, max(0, span.start - _REACH), span.start) is not None
    )


def beside_fees(text: str, span: Span) -> bool:
    """Whether the number span `span` is a price said beside the deal's fees (round 22)."""
    said = text[span.start : span.end]
    if span.kind not in _NUMBERS or any(c.isdigit() for c in said):
        return False
    if _PRICE_WORD.search(said) is None:
        return False
    before = text[max(0, span.start - _REACH) : span.start]
    # the span may take in the money words before its number ("come to three forty-two fifty")
    lead = re.match(r"(?:[^\W\d_]+\s+){0,3}", said)
    head = before + (said[: lead.end()] if lead else "")
    return (
        _FEES_BEFORE.search(head) is not None
        or re.search(rf"(?:{_FEES})\W+(?:\w+\W+){{0,4}}$", head, re.IGNORECASE) is not None
        or _FEES_AFTER.match(text, span.end) is not None
    )


def is_form(text: str, span: Span) -> bool:
    """Whether `span` is a form's name ("a 1099", "the We Owe") and nothing more."""
    said = text[span.start : span.end].strip()
    if _FORM.fullmatch(said) is None:
        return False
    start = span.start
    if said.lower() == "owe":  # "the We Owe": the name span is "Owe" alone
        we = _WE.search(text, max(0, start - 5), start)
        if we is None:
            return False
        start = we.start()
    return _FORM_BEFORE.search(text, max(0, start - 8), start) is not None


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the amounts and the forms' names."""
    return [
        span
        for span in spans
        if not is_amount(text, span) and not beside_fees(text, span) and not is_form(text, span)
    ]
