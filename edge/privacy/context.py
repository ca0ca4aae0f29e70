"""What the words just before a number say it is ("my card number is", "call me at")."""

from __future__ import annotations

import re

from edge.privacy.spans import Kind

#: How far back (characters of the view) a keyword still names the number after it.
WINDOW = 60

_KEYWORDS: tuple[tuple[Kind, str], ...] = (
    (Kind.SSN, r"social(?: security)?|ssn|s s n|seguro social|nss"),
    (Kind.CARD, r"card|visa|master ?card|amex|american express|discover|credit|debit|tarjeta"),
    # round 23 (test24, test25, test27): a UK bank's "sort code 20-45-77"
    (
        Kind.ACCOUNT,
        r"account|routing|acct|checking|savings|iban|bank|aba|cuenta|clabe|banco|sort\s?code",
    ),
    (Kind.LICENSE, r"licen[cs]e|dl|licencia"),
    (
        Kind.PHONE,
        r"phone|cell|mobile|call|reach|text|fax|landline|extension|contact|tel[eé]fono|fijo|"
        r"m[oó]vil|celular|cel|whats ?app|ll[aá]m(?:a|ame|eme|enme|ar|arme|e|en)|marc(?:a|ame|ar)",
    ),
)
_SPECIFIC = re.compile(
    "|".join(rf"(?P<{kind.value}>\b(?:{words})\b)" for kind, words in _KEYWORDS), re.IGNORECASE
)
#: Round 21 (es_test25, es_test30): "no" is "No." only right before the number; "no, la que
#: termina en 6522" is the answer "no", and the card's last four are no phone's.
_NUMBER = re.compile(
    r"\b(?:number|numbers|no(?=\.?\s*#?\s*$)|num|digits|n[uú]mero|n[uú]meros)\b", re.IGNORECASE
)
_LAST_WORDS = re.compile(r"((?:\S+\s+){0,3})$")


def kind_before(text: str, start: int) -> Kind | None:
    """The kind named by the nearest keyword in the `WINDOW` characters before `start`.

    A bare "number" is a phone number unless one of the three words before it names another
    kind ("card number", "social security number", "license number").
    """
    window = text[max(0, start - WINDOW) : start]
    best: tuple[int, Kind] | None = None
    for match in _SPECIFIC.finditer(window):
        kind = Kind(next(name for name, value in match.groupdict().items() if value))
        best = (match.start(), kind)
    for match in _NUMBER.finditer(window):
        if best is not None and best[0] > match.start():
            continue
        before = _LAST_WORDS.search(window[: match.start()])
        words = before.group(1) if before else ""
        named = [
            Kind(name)
            for m in _SPECIFIC.finditer(words)
            for name, value in m.groupdict().items()
            if value
        ]
        best = (match.start(), named[-1] if named else Kind.PHONE)
    return None if best is None else best[1]
