"""International bank account numbers (IBAN), written in groups of four or run together.

"the iban is GB29 NWBK 6016 1331 9268 19": two letters, two check digits and up to 30 letters
and digits, taken only when the ISO 13616 mod-97 check (`stdnum.iban`) passes, so a model code
or a stock number never matches. Redacted as `Kind.ACCOUNT`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban

from edge.privacy.spans import Kind, Span

_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)
_GROUP = re.compile(r"\s?[A-Z0-9]+$")
#: Right after "iban": taken in any case and without the check ("the iban is gb29 nwbk ...",
#: "el iban es ES21 ..."), as a person reads it out or an ASR writes it; up to four words
#: may come before the verb ("el IBAN de mi cuenta es ...", "the IBAN for the debit is ...").
_CUED = re.compile(
    r"\biban(?:\s+(?:number|n[uú]mero)|(?:\s+[^\W\d_]+){1,4}?(?=\s+(?:is|es|was|era)\b))?"
    r"(?:\s+(?:is|es|was|era)|:)?[\s,]*"
    r"(?P<value>[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,3})?)"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)

#: Round 18 (es_test17, es_test26): after "account"/"cuenta" in the clause, a value in an
#: IBAN's spoken shape, a country's letters, two check digits and four or more groups of four
#: digits apart ("mi cuenta es ES39 0049 1537 2106 1884 2907"), taken without the check: a
#: wrong check digit is a slip, still the account. Without the cue the check still decides.
_GROUPED = re.compile(
    r"\b(?:accounts?|acct|cuentas?)\b[^.?!]{0,30}?"
    r"(?<![A-Za-z0-9])(?P<value>[A-Z]{2}\d{2}(?:\s\d{4}){4,7}(?:\s\d{1,3})?)(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are valid IBANs (the longest valid prefix of a candidate).

    After the word "iban", any value of an IBAN's shape, valid or not; after "account" or
    "cuenta", one in groups of four digits (`_GROUPED`).
    """
    for match in (*_CUED.finditer(text), *_GROUPED.finditer(text)):
        yield Span(match.start("value"), match.end("value"), Kind.ACCOUNT)
    for match in _CANDIDATE.finditer(text):
        value = match.group()
        while value:
            if iban.is_valid(value.replace(" ", "")):
                yield Span(match.start(), match.start() + len(value), Kind.ACCOUNT)
                break
            shorter = _GROUP.sub("", value)
            if shorter == value or len(shorter) < len("GB29NWBK6016"):
                break
            value = shorter
