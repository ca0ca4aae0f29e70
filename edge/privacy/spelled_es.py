"""Spanish spellings: letters by their Spanish names, with digits, one by one.

"mi apellido es ybarra, i griega be a erre erre a", "doble u o jota ce i e ce hache ...",
"matrícula uno uno cuatro siete jota be equis", "el rfc es v i q d siete nueve uno ...",
"tengo nie, equis cuatro ocho dos nueve uno siete tres ele". A run of at least
`MIN_TOKENS` letter names, single letters and digit words, with letters that are no everyday
Spanish word among them (`MIN_STRONG`, or one with `MIN_DIGITS` digit words), is a spelling.
Its kind follows the cue before it (a plate, an id) or what it holds (digits: an id; letters
only: a name). Only in lines that read as Spanish; "dos o tres", "ese de ahí" stay.

Round 21 (es_test18, es_test23, es_test28, es_test29): a run of three letters or more that
spells the word right before or after it is that name's spelling, even of everyday letter
names alone ("Yesenia, ye, e, ese, e, ene, i, a"), with "doble erre" and "a con tilde".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

#: Letter names that are no everyday word ("be", "jota", "erre", "equis", ...).
_STRONG = (
    r"be|ce|efe|ge|hache|jota|ka|ele|eme|ene|eñe|pe|cu|erre|ere|uve|equis|zeta|"
    r"doble\s+u|doble\s+ve|[iy]\s+griega|ve\s+chica|be\s+grande|"
    r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]"  # a consonant said alone ("v i q d")
)
#: Letter names that are everyday words too: they count only inside a run. Round 23
#: (es_test30, es_test31): "ve" (V; also "sees", "go"), whose gap cut a VIN and an RFC spelled
#: with commas in two and left their edges.
_WEAK = r"a|e|i|o|u|y|ye|de|te|ese|ve"
_DIGITS = r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve"
_TOKEN = rf"(?:{_STRONG}|{_DIGITS}|{_WEAK})"
_RUN = re.compile(rf"(?<![\w'])(?:{_TOKEN})(?:[\s,]+(?:{_TOKEN}))*(?![\w'])", re.IGNORECASE)
_IS_STRONG = re.compile(rf"(?:{_STRONG})", re.IGNORECASE)
_IS_DIGIT = re.compile(rf"(?:{_DIGITS})", re.IGNORECASE)
_PIECE = re.compile(
    r"doble\s+u|doble\s+ve|[iy]\s+griega|ve\s+chica|be\s+grande|[^\W\d_]+", re.IGNORECASE
)
MIN_TOKENS = 5
#: A short name spelled ("yora, i griega o ere a") is a run of four with `MIN_STRONG` non-words,
#: beside the name it spells or after a spelling cue ("se escribe", "con"); "plan be o ce" stays.
MIN_SHORT = 4
_SPELL_CUE = re.compile(r"\b(?:se\s+escribe|deletre\w*|con)\b[^.]{0,25}$", re.IGNORECASE)
MIN_STRONG = 2
MIN_DIGITS = 3
_PLATE_CUE = re.compile(r"\b(?:matr[ií]cula|placas?|patente|tablilla)\b[^.]{0,25}$", re.IGNORECASE)
_ID_CUE = re.compile(
    r"\b(?:nie|dni|nif|rfc|curp|licencia|c[eé]dula|pasaporte|ine|rut)\b[^.]{0,30}$",
    re.IGNORECASE,
)


#: Pieces no English line has: in a line that does not read as Spanish, a run needs two.
_SPANISH_ONLY = re.compile(
    rf"(?:ce|efe|ge|hache|jota|ka|ele|eme|ene|eñe|pe|cu|erre|uve|equis|zeta|doble\s+u|"
    rf"doble\s+ve|i\s+griega|{_DIGITS})",
    re.IGNORECASE,
)


#: The letter each Spanish letter name stands for (round 15's echo of a spelled name).
_LETTER_OF = {
    "be": "b",
    "ce": "c",
    "de": "d",
    "efe": "f",
    "ge": "g",
    "hache": "h",
    "jota": "j",
    "ka": "k",
    "ele": "l",
    "eme": "m",
    "ene": "n",
    "eñe": "n",
    "pe": "p",
    "cu": "q",
    "erre": "r",
    "ere": "r",
    "ese": "s",
    "te": "t",
    "uve": "v",
    "ve": "v",
    "equis": "x",
    "ye": "y",
    "zeta": "z",
    "doble u": "w",
    "doble ve": "w",
    "i griega": "y",
    "y griega": "y",
    "ve chica": "v",
    "be grande": "b",
}
#: The name after its spelling, maybe after "o sea" ("... e zeta o sea gutiérrez").
_NEXT_WORD = re.compile(r"[\s,]+(?:(?:(?:o\s+)?sea|es\s+decir)[\s,]+)?([^\W\d_]+)", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s,]+$")


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if c.isascii())


def spelled_word(pieces: list[str]) -> str:
    """The word a run of letter names spells ("ese a ele a zeta a erre" -> "salazar")."""
    return "".join(_LETTER_OF.get(" ".join(p.lower().split()), p.lower()) for p in pieces)


def _echo(text: str, start: int, end: int, word: str) -> Iterator[Span]:
    """The name said right before or after its own spelling ("... a erre salazar")."""
    after = _NEXT_WORD.match(text, end)
    # a run that took the "o" of "o sea" spells one letter more
    if after is not None and _plain(after.group(1)) in {word, word[:-1]}:
        yield Span(after.start(1), after.end(1), Kind.NAME)
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is not None and _plain(before.group(1)) == word:
        yield Span(before.start(1), before.end(1), Kind.NAME)


def _short(text: str, match: re.Match[str], pieces: list[str], strong: int, spanish: bool) -> bool:
    """Whether a run of `MIN_SHORT` pieces is a short name spelled (see `MIN_SHORT`)."""
    if not spanish or len(pieces) != MIN_SHORT or strong < MIN_STRONG:
        return False
    if any(_IS_DIGIT.fullmatch(p) for p in pieces):
        return False
    before = text[max(0, match.start() - 40) : match.start()]
    echoed = any(_echo(text, match.start(), match.end(), spelled_word(pieces)))
    return echoed or _SPELL_CUE.search(before) is not None


#: Round 21 (es_test18, es_test23, es_test28, es_test29): a name spelled letter by letter
#: beside the name itself, with everyday letter names ("ye, e, ese, e, ene, i, a" after
#: "Yesenia"), "doble erre" and an accent said ("a con tilde"): at least `MIN_ECHOED` letters
#: that spell the word right before or after them are its spelling, whatever their strength.
_LETTER = rf"(?:doble\s+(?:erre|ele)|{_STRONG}|{_WEAK})(?:\s+con\s+(?:tilde|acento))?"
_SPELLING = re.compile(
    rf"(?<![\w']){_LETTER}(?:\s*,\s*{_LETTER}|\s+{_LETTER}){{2,}}(?![\w'])", re.IGNORECASE
)
_IS_LETTER = re.compile(rf"(?<![\w']){_LETTER}(?![\w'])", re.IGNORECASE)
_ACCENT = re.compile(r"\s+con\s+(?:tilde|acento)$", re.IGNORECASE)
_DOUBLED = {"doble erre": "rr", "doble ele": "ll"}
MIN_ECHOED = 3


def _collapsed(word: str) -> str:
    """`word` without doubled letters: "erre" is one r or two ("Ibarra": "doble erre")."""
    return re.sub(r"(.)\1+", r"\1", word)


def _echoed_spelling(text: str) -> Iterator[Span]:
    for match in _SPELLING.finditer(text):
        letters = [
            _DOUBLED.get(" ".join(p.lower().split()), p)
            for p in (_ACCENT.sub("", t) for t in _IS_LETTER.findall(match.group()))
        ]
        word = _collapsed(spelled_word(letters))
        if len(word) < MIN_ECHOED:
            continue
        after = _NEXT_WORD.match(text, match.end())
        before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        near = [m.group(1) for m in (after, before) if m is not None]
        if any(_collapsed(_plain(w)) == word for w in near):
            yield Span(match.start(), match.end(), Kind.NAME)


def find(text: str, in_spanish: bool) -> Iterator[Span]:
    """Spans of `text` spelled in Spanish letter names.

    `in_spanish`: whether the line reads as Spanish; if not ("matrícula uno uno cuatro siete
    jota be equis" has no Spanish function word), the run needs two Spanish-only pieces.
    """
    if in_spanish:
        yield from _echoed_spelling(text)
    for match in _RUN.finditer(text):
        pieces = _PIECE.findall(match.group())
        if not in_spanish and sum(_SPANISH_ONLY.fullmatch(p) is not None for p in pieces) < 2:
            continue
        strong = sum(_IS_STRONG.fullmatch(p) is not None for p in pieces)
        digits = sum(_IS_DIGIT.fullmatch(p) is not None for p in pieces)
        if len(pieces) < MIN_TOKENS and not _short(text, match, pieces, strong, in_spanish):
            continue
        if strong < MIN_STRONG and not (strong >= 1 and digits >= MIN_DIGITS):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if _PLATE_CUE.search(before):
            kind = Kind.PLATE
        elif _ID_CUE.search(before) or digits:
            kind = Kind.LICENSE
        else:
            kind = Kind.NAME
            yield from _echo(text, match.start(), match.end(), spelled_word(pieces))
        yield Span(match.start(), match.end(), kind)
