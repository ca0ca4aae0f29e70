"""The dealership's own website, written or read out: never a person's name (round 25).

Issue 18, round 25: the showroom's web address, written ("book online at
lakesidemotors.com", "www.harborautogroup.com") or read out word by word ("check us out on
lakeside family motors dot com", "it's harbor auto dot com slash service"), was taken for a
name: its first word or the word the domain's run-together letters end in. Seen in test36,
test43, test44 and test47 (four authors).

A web address is the showroom's when its domain holds a word of the car trade ("auto",
"motor(s)", "cars") or a maker's name, as `business_mail` reads a dealership's domain; a
domain said after "at" or "@" is an e-mail's, and e-mails are `business_mail`'s and the
e-mail rule's, so it is left alone ("dale at harbormotors dot com" stays a detail). Only name
spans lying wholly inside such an address are dropped: a person named beside it stays.
"""

from __future__ import annotations

import re

from edge.privacy.business_mail import DEALER_WORDS
from edge.privacy.spans import Kind, Span

#: Words that never belong to a read-out domain: the sentence around it.
_NOT_DOMAIN = (
    r"is|at|on|our|the|a|or|and|to|us|me|my|your|it|it's|its|website|site|page|homepage|"
    r"check|visit|go|from|by|of|in|for|out|online|just|also|email|e-mail"
)
_WORD = rf"(?!(?:{_NOT_DOMAIN})\b)[A-Za-z][\w-]*"
#: A web address: up to four words (or one run-together word) before ".com" / "dot com",
#: with a path after it ("/service", "slash concierge").
_SITE = re.compile(
    rf"(?:\bwww\s*(?:\.|\s+dot\s+))?(?P<domain>(?:{_WORD}\s+){{0,3}}{_WORD})"
    r"(?:\.|\s+dot\s+)(?:com|net|org|us|ca)\b(?:(?:/|\s+slash\s+)[A-Za-z][\w-]*)*",
    re.IGNORECASE,
)
#: A dealership's domain: a word of the car trade or a maker's name in it.
_TRADE = re.compile(DEALER_WORDS, re.IGNORECASE)
_EMAIL_BEFORE = re.compile(r"(?:@|\bat\s+|\barroba\s+)$", re.IGNORECASE)


def sites(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` that are a dealership's web address."""
    found = []
    for match in _SITE.finditer(text):
        if _TRADE.search(match.group("domain")) is None:
            continue
        if _EMAIL_BEFORE.search(text, 0, match.start("domain")) is not None:
            continue
        found.append((match.start(), match.end()))
    return found


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the name spans that lie inside a dealership's web address."""
    found = sites(text)
    if not found:
        return spans
    return [
        span
        for span in spans
        if span.kind is not Kind.NAME
        or not any(a <= span.start and span.end <= b for a, b in found)
    ]
