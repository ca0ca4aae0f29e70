"""A number said twice around a correction: both tellings are the detail.

Round 18 (test19, test21, test22, test23, test24: five authors): "my number is eight three
two five five five no wait eight three two five five six ...", "the last four are seven three
one two, no, sorry, seven three two one", "the social uh three one one no three one two ...",
"license d zero eight eight four five one two six wait sorry D08845127". One telling is found
(a phone, a social, a card, ...), the other is a fragment or a slip the rules do not take. A run
of at least `MIN_DIGITS` digits right before or after a found number, with a correction between
("no", "wait", "sorry", "I mean", "actually", "perdón", "digo"), is taken as the same kind.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span, merge

_NUMERIC = frozenset(
    {Kind.PHONE, Kind.CARD, Kind.ACCOUNT, Kind.SSN, Kind.LICENSE, Kind.VIN, Kind.PLATE}
)
_DIGIT_WORD = (
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine|"
    r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve"
)
#: A digit word, or digits with up to three letters before and letters among them ("D08845127").
_TOKEN = rf"(?:[a-z]{{0,3}}\d[\da-z]*|{_DIGIT_WORD})"
#: A digit run, with one letter before it at most ("d zero eight ...").
_RUN = rf"(?:\b[a-z]\s+)?\b{_TOKEN}(?:[\s,-]+{_TOKEN})*\b"
_MARK = (
    r"[\s,.]*(?:no[\s,]+wait|no[\s,]+sorry|wait[\s,]+sorry|no[\s,]+perd[oó]n|no|wait|sorry|"
    r"i\s+mean|actually|perd[oó]n|digo|mejor\s+dicho)[\s,.]*"
)
_BEFORE = re.compile(rf"(?P<run>{_RUN}){_MARK}(?:(?:it's|its|it\s+is|es)\s+)?$", re.IGNORECASE)
_AFTER = re.compile(rf"{_MARK}(?:(?:it's|its|it\s+is|es)\s+)?(?P<run>{_RUN})", re.IGNORECASE)
_DIGIT = re.compile(rf"\d|\b(?:{_DIGIT_WORD})\b", re.IGNORECASE)
MIN_DIGITS = 3
#: How far back a slip may start: a phone's ten digits said as words and a correction.
_REACH = 120


#: Round 25 (test39, test47): a plate told again after the correction, its letters said one by
#: one ("x y z two one four") or written ("QRT G85"), after a short aside that ends in "it's"
#: ("wait, that's the old one, it's ..."): letters and digits both, four characters or more;
#: "a" and "i" alone are words ("... CNT 4412 i always mix those up"), as in `plate._READ`.
_PLATE_AFTER = re.compile(
    rf"[\s,\u2014\u2013-]*{_MARK}(?:[^.?!]{{0,30}}?\b(?:it's|its|it\s+is)\s+)?"
    rf"(?P<run>\b(?:{_DIGIT_WORD}|[a-z]{{1,4}}|\d[\da-z]*)"
    rf"(?:[\s-]+(?:{_DIGIT_WORD}|(?!(?:a|i)\b)[a-z]|[a-z\d]{{2,4}}))*\b)",
    re.IGNORECASE,
)
_PLATE_LETTER = re.compile(rf"\b(?!(?:{_DIGIT_WORD})\b)[a-z]+\b|[a-z]", re.IGNORECASE)
_PLATE_SHORTEST = 4


def _plate_after(text: str, span: Span) -> Span | None:
    """The plate told again right after the correction that follows `span`, if any."""
    after = _PLATE_AFTER.match(text, span.end)
    if after is None:
        return None
    run = after.group("run")
    if len(re.sub(r"[\s-]", "", run)) < _PLATE_SHORTEST or not _DIGIT.search(run):
        return None
    if _PLATE_LETTER.search(run) is None:
        return None
    return Span(after.start("run"), after.end("run"), Kind.PLATE)


def _digits(run: str) -> int:
    return sum(len(m.group()) if m.group().isdigit() else 1 for m in _DIGIT.finditer(run))


def extend(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with the other telling of each corrected number added."""
    extra: list[Span] = []
    for span in spans:
        if span.kind not in _NUMERIC:
            continue
        before = _BEFORE.search(text, max(0, span.start - _REACH), span.start)
        if before is not None and _digits(before.group("run")) >= MIN_DIGITS:
            extra.append(Span(before.start("run"), before.end("run"), span.kind))
        after = _AFTER.match(text, span.end)
        if after is not None and _digits(after.group("run")) >= MIN_DIGITS:
            extra.append(Span(after.start("run"), after.end("run"), span.kind))
        plate = _plate_after(text, span) if span.kind is Kind.PLATE else None
        if plate is not None:
            extra.append(plate)
    return merge([*spans, *extra]) if extra else spans
