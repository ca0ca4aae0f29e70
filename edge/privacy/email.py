"""E-mail addresses, written ("jo.smith@gmail.com") or spoken ("jo smith at gmail dot com")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_WRITTEN = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", re.UNICODE
)
_TLD = r"(?:com|net|org|edu|gov|co|us|io|info|biz|me|uk|ca|de|fr|au|mail|mx|es)"
_PART = (
    r"[A-Za-z0-9_]+(?:(?:\s+dot\s+|\s+underscore\s+|\s+(?:dash|hyphen)\s+|\.|_|-)"
    r"[A-Za-z0-9_]+)*"
)
#: A domain label said in words: "robinson dash law", "wong family" (two words, no article).
#: Round 23 (test33): a business's name of three words and a state's letters, "robs roofing a z"
#: ("a" a letter only beside another one).
_LABEL = (
    r"(?!(?:the|a|an|my|your|our|their|his|her|this|that)\b)[A-Za-z0-9-]+(?:\s+(?:dash|hyphen)\s+[A-Za-z0-9-]+"
    r"|(?:\s+(?!(?:the|a(?!\s+[b-z]\b)|an|at|my|your|our|their|his|her|this|that|dot)\b)"
    r"[A-Za-z0-9-]+){1,3})?"
)
#: "bigmike ninety two at gmail dot com": number words after the name are part of it.
_NUMBER_WORDS = (
    # round 23 (test36): a year in the name, "pruitt two thousand eight"
    r"(?:\s+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"hundred|thousand|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|"
    # Spanish number words in a code-switched line: "k dot morales noventa y dos at gmail ..."
    r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|"
    r"cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|y)){0,5}"
)
_SPOKEN = re.compile(
    rf"(?<![\w']){_PART}{_NUMBER_WORDS}\s+at\s+{_LABEL}(?:\s+dot\s+{_LABEL})*?\s+dot\s+{_TLD}\b"
    rf"|\b{_PART}\s+at\s+[A-Za-z0-9-]+\.{_TLD}\b",
    re.IGNORECASE,
)
#: "my email is jane doe at ...": the local part may be several words after the cue.
_CUE = re.compile(
    r"\b(?:e-?mail|correo)(?:\s+address|\s+electr[oó]nico)?(?:\s+is|'s|\s+it's|\s+es)\s+"
    r"(?P<local>(?:[A-Za-z0-9_]+\s+){0,6})$",
    re.IGNORECASE,
)
_STOP_BEFORE_AT = frozenset(
    {"me", "us", "them", "him", "her", "look", "it", "that", "this", "out", "up", "online", "site"}
)
#: "tessa k l at icloud dot com": initials spelled before the part the pattern found, and the
#: word before them.
_NOT_LOCAL = _STOP_BEFORE_AT | frozenset({"at", "is", "to", "was", "email", "mail", "it's"})
_INITIALS = re.compile(
    r"(?:\b(?P<word>[A-Za-z]{2,})\s+)?(?P<letters>(?:(?<![\w'])[b-hj-zB-HJ-Z]\s+)+)$"
)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are e-mail addresses."""
    for match in _WRITTEN.finditer(text):
        yield Span(match.start(), match.end(), Kind.EMAIL)
    for match in _SPOKEN.finditer(text):
        local = re.split(r"\s+at\s+", match.group(), maxsplit=1, flags=re.IGNORECASE)[0]
        if local.lower() in _STOP_BEFORE_AT:
            continue
        start = match.start()
        cue = _CUE.search(text, 0, start)
        if cue is not None:
            start = cue.start("local")
        initials = _INITIALS.search(text, max(0, start - 40), start)
        if initials is not None:
            word = initials.group("word")
            keep_word = word is not None and word.lower() not in _NOT_LOCAL
            start = initials.start() if keep_word else initials.start("letters")
        yield Span(start, match.end(), Kind.EMAIL)
