"""Vehicle identification numbers: 17 characters of ISO 3779, check digit in position 9.

The alphabet has no I, O or Q. Seventeen single characters read one by one with letters and
digits among them are a VIN anywhere. A VIN whose check digit (the North American rule, 49 CFR 565)
is right counts anywhere; a VIN-shaped string with a wrong check digit counts only after "vin"
or "vehicle identification" (a misheard or mistyped VIN is still the customer's car), as does a
VIN read in groups after such a cue.

Its tail alone stays by default: "the vin ends in 4352", "last six of the vin are seven two six
one one nine" (`told_tails` finds it, `drop_tails` keeps it). A tail names a car in the dealer's
or the maker's records, not a person, and the labelled sets count it as no detail
(eval/data/README.md, "Partial VINs"). A site that treats it as personal data removes the last
six to eight, the serial number that tells one car of a model from the next (`find_tail`,
`PrivacySettings.redact_vin_tails`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2,
                                               3, 4, 5, 6, 7, 8, 9), strict=True))  # fmt: skip
_VALUES.update({str(digit): digit for digit in range(10)})
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])", re.IGNORECASE)
#: After a cue: a VIN read in groups ("1HGCM 8263 3A004352"), the first group with a digit.
_GROUPED = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)[A-HJ-NPR-Z0-9]{2,}(?:[\s-][A-HJ-NPR-Z0-9]{2,}){1,7}",
    re.IGNORECASE,
)
_CUE = re.compile(r"\b(?:vin|v\.?\s?i\.?\s?n\.?|vehicle\s+identification)\b", re.IGNORECASE)
#: Seventeen single characters of the VIN alphabet read one by one ("3 G N A X K E V 9 ..."):
#: a VIN with or without a cue ("el número de serie es ...").
_SPELLED = re.compile(
    r"(?<!\S)(?:[A-HJ-NPR-Z0-9][ ,]{1,2}){16}[A-HJ-NPR-Z0-9](?![A-Za-z0-9])", re.IGNORECASE
)
#: How far back (characters) a cue still introduces a VIN.
WINDOW = 50


def check_digit(vin: str) -> str:
    """The check digit of a 17-character VIN ("X" for 10)."""
    total = sum(_VALUES[char] * weight for char, weight in zip(vin.upper(), _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def is_valid(vin: str) -> bool:
    """Whether `vin` is 17 characters of the VIN alphabet with a correct check digit."""
    return _VIN.fullmatch(vin) is not None and vin[8].upper() == check_digit(vin)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are VINs."""
    for match in _VIN.finditer(text):
        vin = match.group()
        if not any(ch.isdigit() for ch in vin) or not any(ch.isalpha() for ch in vin):
            continue
        cued = _CUE.search(text, max(0, match.start() - WINDOW), match.start()) is not None
        if cued or vin[8].upper() == check_digit(vin) or _serial_shaped(vin):
            yield Span(match.start(), match.end(), Kind.VIN)
    for match in _SPELLED.finditer(text):
        value = match.group()
        if any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value):
            yield Span(match.start(), match.end(), Kind.VIN)
    yield from read_out(text)
    for cue in _CUE.finditer(text):
        grouped = _GROUPED.search(text, cue.end(), min(len(text), cue.end() + WINDOW))
        if grouped is not None:
            yield from _seventeen(grouped)
        yield from _spoken(text, cue.end())


#: Positions 14-17 of a VIN are the serial number's digits (ISO 3779 for larger makers).
_SERIAL_DIGITS = 4
_MIN_LETTERS = 2


def _serial_shaped(vin: str) -> bool:
    """A VIN from outside North America (no check digit): letters, and a numeric serial."""
    letters = sum(ch.isalpha() for ch in vin)
    return letters >= _MIN_LETTERS and vin[-_SERIAL_DIGITS:].isdigit()


_DIGIT_WORDS = {
    word: str(digit)
    for digit, words in enumerate(
        ["zero oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    )
    for word in words.split()
}
_SAID = re.compile(r"\s*(?:is\s+|it's\s+|:\s*)?")
_UNIT = re.compile(r"[\s,-]*([A-Za-z]+|\d)\b")


def _spoken(text: str, after: int) -> Iterator[Span]:
    """A VIN read character by character after a cue: "one F T E W one E P ... five five"."""
    position = _SAID.match(text, after)
    cursor = position.end() if position else after
    start, chars = cursor, ""
    while len(chars) < len(_WEIGHTS):
        unit = _UNIT.match(text, cursor)
        if unit is None:
            return
        word = unit.group(1)
        if word.lower() in _DIGIT_WORDS:
            chars += _DIGIT_WORDS[word.lower()]
        elif len(word) == 1 and (word.isdigit() or word.upper() not in "IOQ"):
            chars += word.upper()
        else:
            return
        if len(chars) == 1:
            start = unit.start(1)
        cursor = unit.end()
    if any(ch.isalpha() for ch in chars) and any(ch.isdigit() for ch in chars):
        yield Span(start, cursor, Kind.VIN)


#: Round 23 (test34, test35, test36, test37, test41): a VIN read out with no cue, its characters
#: as digit words and single letters ("one h g c v one f e zero ..."), or in groups apart
#: ("5YJ3 E1EA XZB0 9033 4", "2HGFE2F58, NG, 881664"). Seventeen characters so read with a right
#: check digit are a VIN anywhere; nothing else said in a showroom reads that way.
_PIECE = re.compile(r"[A-Za-z0-9]+")
_BETWEEN = re.compile(r"[\s,-]*")
_ALPHABET = re.compile(r"[A-HJ-NPR-Z0-9]+")
#: A VIN read out has letters in its maker's and model's codes; a card's sixteen digits and a
#: stray letter beside them pass the check digit one time in eleven and are no VIN.
_READ_LETTERS = 3


def _characters(piece: str) -> str:
    """The VIN characters one word reads ("five" -> "5", "h" -> "H", "E1EA"), or ""."""
    low = piece.lower()
    if low in _DIGIT_WORDS:
        return _DIGIT_WORDS[low]
    if len(piece) == 1 or any(ch.isdigit() for ch in piece) or piece.isupper():
        chars = piece.upper()
        return chars if _ALPHABET.fullmatch(chars) else ""
    return ""


def read_out(text: str) -> Iterator[Span]:
    """A VIN read out in words, letters or groups, with no cue, when its check digit is right."""
    # a contraction's letter is no character ("number's 5176 ...")
    pieces = [
        (m, "" if text[m.start() - 1 : m.start()] == "'" else _characters(m.group()))
        for m in _PIECE.finditer(text)
    ]
    for i, (first, _) in enumerate(pieces):
        chars = ""
        for j in range(i, len(pieces)):
            piece, said = pieces[j]
            apart = j > i and not _BETWEEN.fullmatch(text, pieces[j - 1][0].end(), piece.start())
            if not said or apart:
                break
            chars += said
            if len(chars) >= len(_WEIGHTS):
                letters = sum(ch.isalpha() for ch in chars)
                if len(chars) == len(_WEIGHTS) and letters >= _READ_LETTERS and is_valid(chars):
                    yield Span(first.start(), piece.end(), Kind.VIN)
                break


def _seventeen(grouped: re.Match[str]) -> Iterator[Span]:
    """The leading groups of `grouped` that make 17 characters, if any do."""
    length = 0
    for group in re.finditer(r"[A-Za-z0-9]+", grouped.group()):
        length += len(group.group())
        if length == len(_WEIGHTS):
            yield Span(grouped.start(), grouped.start() + group.end(), Kind.VIN)
            return


#: Six to eight digits (the spoken-digit view reads "seven two six ..." as digits), or the
#: same with up to three VIN letters before them, written or said one by one ("KH770621",
#: "k a 512907"): six to eight characters with at least four digits.
_TAIL = re.compile(
    r"(?<![\w.])(?:(?:[A-HJ-NPR-Z] ){1,3}|[A-HJ-NPR-Z]{1,3}(?=\d))?\d(?:[ -]?\d){3,7}(?![\w])",
    re.IGNORECASE,
)
_TAIL_LEAST, _TAIL_MOST = 6, 8
#: "ends in", "ending with", "last six", "los últimos seis", "termina en" near the cue.
_TAIL_CUE = re.compile(
    r"\b(?:ends?|ending)\s+(?:in|with)\b|\blast\s+(?:six|seven|eight|6|7|8)\b|"
    r"\btermina\s+en\b|\búltimos\s+(?:seis|siete|ocho|6|7|8)\b|"
    r"\b(?:the\s+)?end\s+of\s+(?:the|my|his|her|their|its)\b|\bfinal\s+del\b",
    re.IGNORECASE,
)
#: How far (characters) the cue and "ends in" may be from each other and from the digits.
TAIL_WINDOW = 40


def find_tail(text: str) -> Iterator[Span]:
    """The last six to eight digits of a VIN said after a cue and "ends in"/"last six".

    Or "the end of the VIN, ..." / "el final del vin ..." (round 13).
    """
    for cue in _CUE.finditer(text):
        near = text[max(0, cue.start() - TAIL_WINDOW) : cue.end() + TAIL_WINDOW]
        if _TAIL_CUE.search(near) is None:
            continue
        tail = _TAIL.search(text, cue.end(), min(len(text), cue.end() + TAIL_WINDOW))
        if tail is not None and _TAIL_LEAST <= len(re.sub(r"[ -]", "", tail.group())) <= _TAIL_MOST:
            yield Span(tail.start(), tail.end(), Kind.VIN)


#: Words that stand for one character of a VIN read out: digits and the Spanish letter names.
_ONE_CHARACTER = frozenset(
    [
        "zero",
        "oh",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "cero",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "be",
        "ce",
        "de",
        "efe",
        "ge",
        "hache",
        "jota",
        "ka",
        "ele",
        "eme",
        "ene",
        "pe",
        "cu",
        "erre",
        "ese",
        "te",
        "uve",
        "ve",
        "equis",
        "ye",
        "zeta",
    ]
)


def characters(said: str) -> int:
    """How many characters of a VIN `said` reads: "k a five one two nine" is 6, "KH770621" 8."""
    words = [w for w in re.split(r"[\s,.;:-]+", said.lower()) if w]
    count, i = 0, 0
    while i < len(words):
        if words[i] == "doble" and i + 1 < len(words):  # "doble ve": one W
            i += 1
        count += 1 if words[i] in _ONE_CHARACTER else len(re.sub(r"[^a-z0-9]", "", words[i]))
        i += 1
    return count


#: One character of a VIN read out (a digit word, a letter or its name), or a word of
#: letters and digits with a digit in it ("217584", "4H7JA5").
_ONE_SAID = (
    r"(?:[a-z]*\d[a-z0-9]*|zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|"
    r"tres|cuatro|cinco|seis|siete|ocho|nueve|doble\s+ve|be|ce|de|efe|ge|hache|jota|ka|ele|eme|"
    r"ene|pe|cu|erre|ese|te|uve|ve|equis|ye|zeta|[a-z])"
)
_VIN_WORD = r"(?:vin|v\.?\s?i\.?\s?n\.?|n[uú]mero\s+de\s+serie)"
#: What a tail is told after: "last six of the VIN (are)", "los últimos seis del VIN (son)",
#: "the VIN ends in", "el VIN ... termina en", "the end of the VIN", "el final del vin".
_TAIL_TOLD = re.compile(
    rf"(?:\b(?:last|[uú]ltimos)\s+(?:four|five|six|seven|eight|cuatro|cinco|seis|siete|ocho|"
    rf"[4-8])(?:\s+(?:digits|d[ií]gitos|characters))?\s+(?:of|on|from|del|de)\s+"
    rf"(?:(?:the|my|his|her|your|la|el|mi|su)\s+)?{_VIN_WORD}"
    rf"|\b{_VIN_WORD}(?:'s)?(?:[\s,]+[^\W\d_]+){{0,6}}?[\s,]+(?:ends?|ending|termina)"
    rf"(?:\s+(?:in|with|en|con))?"
    rf"|\b{_VIN_WORD}(?:[\s,]+[^\W\d_]+){{0,6}}?[\s,]+(?:the\s+)?(?:last|los\s+[uú]ltimos)\s+"
    rf"(?:four|five|six|seven|eight|cuatro|cinco|seis|siete|ocho|[4-8])"
    rf"|\b(?:the\s+)?end\s+of\s+(?:the|my|his|her|your)\s+{_VIN_WORD}|\bfinal\s+del\s+{_VIN_WORD})"
    r"(?:[\s,:]+(?:are|is|it's|'s|son|es|uh|um|eh|o\s+sea|nom[aá]s|just|only|solo|like))*"
    r"[\s,:]+",
    re.IGNORECASE,
)
#: Three to twelve characters read in a row; a tail ends where no character follows.
_TAIL_SAID = re.compile(
    rf"{_ONE_SAID}(?:[\s,-]+{_ONE_SAID}){{0,11}}(?![\w-])(?![\s,-]+{_ONE_SAID}\b)",
    re.IGNORECASE,
)
_A_DIGIT = re.compile(
    r"\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|"
    r"cinco|seis|siete|ocho|nueve)\b",
    re.IGNORECASE,
)


def told_tails(text: str) -> Iterator[Span]:
    """A VIN's tail said right after its cue, in digits or words of either language.

    "los últimos seis del VIN son cuatro, cinco, uno, ocho, ocho, siete", "the VIN ends in
    217584", "el VIN no lo tengo completo, nomás termina en cero cuatro siete tres". Strict,
    because what it finds is kept (`drop_tails`): only fillers between the cue and the tail,
    three to eight characters with at least two digits (one in five or more: "ye ge cinco ka
    eme u"), and no character read after them (a
    phone number said after "the vin ends in 4521 and my number is ..." is no tail).
    """
    for told in _TAIL_TOLD.finditer(text):
        run = _TAIL_SAID.match(text, told.end())
        if run is None:
            continue
        said = run.group()
        digits, count = len(_A_DIGIT.findall(said)), characters(said)
        if (digits >= 2 or (digits and count >= 5)) and 3 <= count <= _TAIL_MOST:
            yield Span(run.start(), run.end(), Kind.VIN)


#: At most this many characters read make a VIN span a tail (a tail is six to eight; a VIN read
#: with a character or a few lost by the recogniser, "the vin is" and 15 or 16 of them, is still
#: the customer's VIN and goes).
_PARTIAL_MOST = 12


def partial(said: str) -> bool:
    """Whether `said` reads a VIN's tail: at most `_PARTIAL_MOST` of its 17 characters."""
    return characters(said) <= _PARTIAL_MOST


def drop_tails(spans: list[Span], tails: list[Span]) -> list[Span]:
    """`spans` without those that start inside a VIN tail or lie mostly in one.

    Whatever took the tail, a number rule or the tagger: "the last six of the VIN are four
    seven three three nine zero" keeps its digits, and so does "los últimos seis cero uno dos
    tres cuatro cinco" that a phone rule took from "seis" on (half or more of the span's
    characters are the tail's). A detail that only starts before a tail is kept whole.
    """
    if not tails:
        return spans

    def in_tails(span: Span) -> int:
        return sum(max(0, min(span.end, t.end) - max(span.start, t.start)) for t in tails)

    return [
        s
        for s in spans
        if not any(t.start <= s.start < t.end for t in tails) and 2 * in_tails(s) < s.end - s.start
    ]
