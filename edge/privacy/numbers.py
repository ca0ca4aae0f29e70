"""Digit strings (written or spoken) that are phone, card, account, SSN or licence numbers.

A run of digit groups is classified by the words before it (`context.kind_before`), else by
its shape: 3-2-4 is an SSN, 13-19 digits passing Luhn a card, 10 digits (11 with a leading 1)
or a spoken 7+ a phone number. Prices, mileage, rates, years and thousands-formatted amounts
are left alone. Written phone numbers in national and international formats are also found by
`phonenumbers.PhoneNumberMatcher` (libphonenumber's matcher).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from stdnum import luhn

from edge.privacy.context import kind_before
from edge.privacy.spans import Kind, Span
from edge.privacy.spoken import View

_RUN = re.compile(r"(?<![\w$£€.,])\+?\(?\d+(?:(?:\)?[ .\-]\(?|\)\(?|\) |, ?)\d+)*(?![\w%])")
_MONEY_AFTER = re.compile(
    r"\s*(?:k\b|%|percent|dollars?|bucks|grand|thousand|hundred|million|a month|per month|"
    r"a year|per year|/mo|miles|mile|mi\b|mpg|months|down|cash|apr|hp|horsepower|cc|liters?|"
    r"litres?|pounds|lbs|euros?|off\b|pesos|d[oó]lares|soles|quetzales|colones|al mes|"
    r"mensuales|kil[oó]metros|km\b|millas)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"[$£€]\s*$")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: An area code said apart from the number: "area code 310 then 555 1212", "619, 8824040".
_AREA_THEN = re.compile(
    r"(?<![\w$])(?P<area>\d{3})[\s,.]*(?:(?:and\s+)?then\s+|and\s+|dash\s+)?"
    r"(?:it's\s+|it\s+is\s+)?"
    # the exchange and the line apart too: "area code 956 then 555 then 0162"
    r"(?P<line>\d{3}(?:[ .\-]?|[\s,]*(?:and\s+)?then\s+)\d{4})(?![\w%])"
)
_AREA_CODE = re.compile(r"area\s+code(?:'s|\s+is)?[\s,:]*$", re.IGNORECASE)
#: "ending (in) 4412", "termina en 0573": the last four of a card, whose name may come after
#: ("... on the discover card") or not at all ("La Master que termina en 5331"). Not after a
#: VIN's or a stock number's cue ("the vin ends in 4521": a VIN tail is the VIN's own rule;
#: "stock ending 4471" is a car on the lot).
_ENDING = re.compile(
    r"\b(?:ending|ends|ending\s+in|ends\s+in|termina\s+en|terminada\s+en|terminaci[oó]n)\s*$",
    re.IGNORECASE,
)
_VIN_CUE = re.compile(
    r"\b(?:vin|v\s+i\s+n|serie|chassis|chasis|stock|inventory|inventario)\b", re.IGNORECASE
)
_LAST_FOUR = 4
_MIN_DIGITS = {Kind.SSN: 4, Kind.CARD: 4, Kind.ACCOUNT: 4, Kind.LICENSE: 4, Kind.PHONE: 7}


def _groups(run: str) -> list[str]:
    return re.findall(r"\d+", run)


def is_amount(view: View, start: int, end: int) -> bool:
    """Whether the digit run `view.text[start:end]` is money, mileage, a rate, ..."""
    text = view.text
    if _CURRENCY_BEFORE.search(text[max(0, start - 3) : start]):
        return True
    if _MONEY_AFTER.match(text, end):
        return True
    run = text[start:end]
    return not view.is_spoken(start, end) and _THOUSANDS.fullmatch(run) is not None


def classify(view: View, start: int, end: int) -> Kind | None:
    """The kind of the digit run `view.text[start:end]`, or None when it is not personal."""
    if is_amount(view, start, end):
        return None
    run = view.text[start:end]
    groups = _groups(run)
    digits = "".join(groups)
    spoken = view.is_spoken(start, end)
    if all(_YEAR.fullmatch(g) for g in groups) and not spoken:
        return None
    context = kind_before(view.text, start)
    if context is not None and len(digits) >= _MIN_DIGITS[context]:
        return context
    ending = len(digits) == _LAST_FOUR and not _YEAR.fullmatch(digits)
    if (
        context is None
        and ending
        and _ENDING.search(view.text, 0, start)
        and not _VIN_CUE.search(view.text, max(0, start - 40), start)
    ):
        return Kind.CARD  # "the one ending 7741 not the debit card", "la que termina en"
    return _by_shape(run, groups, digits, spoken)


#: Round 23 (test25, test29, test31): a mobile number of a country that dials a trunk 0 before
#: it, written 4-3-4 ("0803 555 2214" in Nigeria, "0917 845 3321" in the Philippines).
_TRUNK_SHAPE = [4, 3, 4]


def _by_shape(run: str, groups: list[str], digits: str, spoken: bool) -> Kind | None:
    shape = [len(g) for g in groups]
    if run.startswith("+") and len(digits) >= 8:
        return Kind.PHONE
    if shape == [3, 2, 4]:
        return Kind.SSN
    if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
        return Kind.CARD
    if len(digits) == 10 or (len(digits) == 11 and digits[0] == "1"):
        return Kind.PHONE
    if shape == _TRUNK_SHAPE and digits[0] == "0":
        return Kind.PHONE
    if len(digits) == 7 and (spoken or shape == [3, 4]):
        return Kind.PHONE
    if spoken and len(digits) >= 7:
        return Kind.PHONE
    if len(digits) >= 12:
        return Kind.ACCOUNT
    return None


#: Round 21 (es_test10, es_test20, es_test22): an id's letters glued or hyphened before its
#: digits ("J0045871193", "AL-55019283", "gnp-88310-47") are the id's too.
_PREFIX = re.compile(r"(?<![\w-])[A-Za-z]{1,4}-?$")


def find(view: View, region: str = "US") -> Iterator[Span]:
    """Spans of the view holding personal numbers (offsets into the view)."""
    for span in _found(view, region):
        prefix = _PREFIX.search(view.text, max(0, span.start - 5), span.start)
        yield span if prefix is None else Span(prefix.start(), span.end, span.kind)


def _found(view: View, region: str) -> Iterator[Span]:
    for match in _RUN.finditer(view.text):
        kind = classify(view, *match.span())
        if kind is not None:
            yield Span(match.start(), match.end(), kind)
    for match in _AREA_THEN.finditer(view.text):
        start, end = match.span("line")
        said_apart = view.is_spoken(*match.span()) or _AREA_CODE.search(
            view.text, max(0, match.start() - 20), match.start()
        )
        if said_apart and classify(view, start, end) is Kind.PHONE:
            yield Span(match.start(), end, Kind.PHONE)
    matcher = phonenumbers.PhoneNumberMatcher(
        view.text, region, leniency=phonenumbers.Leniency.POSSIBLE
    )
    for found in matcher:
        if not is_amount(view, found.start, found.end):
            yield Span(found.start, found.end, Kind.PHONE)
