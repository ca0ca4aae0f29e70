"""Numbers spoken in Spanish words: phone, card and account digits, and dates of birth.

"cinco cinco cinco, dos tres cuatro...", "seis uno nueve", "treinta y dos, cuarenta y cinco,
dieciocho, veinte" (digits read in pairs) are a run of number words; a run of three digit
words or of four number words or more is a phone number, or a card or account number when
"tarjeta" or "cuenta" comes shortly before. A run with "mil"/"cien(tos)" in it, or followed by
a unit ("mil", "dólares", "al mes", "millas"...), is an amount and stays. "nací el tres de
marzo de mil novecientos ochenta y seis" is a date of birth. Matching runs on `fold_same`
text (accents dropped, same length), so offsets are the original text's.

Round 21: a whole date in words with a birth year needs no cue (es_test30, es_test34), and an
area code said apart with "luego" is one phone number with the rest (es_test33, es_test34).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_DIGIT_WORDS = "cero uno una dos tres cuatro cinco seis siete ocho nueve"
_OTHER_WORDS = (
    "diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve veinte "
    "veinti\\w+ treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento "
    "doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos "
    "novecientos mil"
)
_DIGITS = frozenset(_DIGIT_WORDS.split())
_NUMBER = r"(?:" + "|".join([*_DIGIT_WORDS.split(), *_OTHER_WORDS.split(), r"\d+"]) + r")"
_RUN = re.compile(r"\b" + _NUMBER + r"(?:(?:\s*,\s*|\s+(?:y\s+|guion\s+)?)" + _NUMBER + r")*\b")
_AMOUNT = re.compile(r"\b(?:mil|cien|\w+cientos|ciento)\b")
_UNIT_AFTER = re.compile(
    r"^\s*(?:mil|dolares|pesos|euros|al mes|por ciento|meses|millas|kilometros|anos|dias|"
    r"semanas|horas|minutos|caballos|puertas|asientos|de (?:enganche|entrada|inicial))\b"
)
_CARD_BEFORE = re.compile(r"\btarjeta\b")
#: "mi móvil es el seiscientos doce, cuarenta y cinco, ...": hundreds read in a phone number.
_PHONE_BEFORE = re.compile(r"\b(?:movil|telefono|celular|cel|whatsapp|llam\w+|marc\w+)\b")
_GROUPS_READ = 3
_ACCOUNT_BEFORE = re.compile(r"\b(?:cuenta|clabe|ruta)\b")
_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
_MONTHS += "noviembre diciembre"
#: Round 23 (es_test36): the month said by its number after the birth's cue ("veintidós del
#: cuatro del dos mil ocho"), a year after it.
_MONTH_NUMBER = (
    r"(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|\d{1,2})"
    r"(?=\s+(?:de|del)\s+(?:mil|dos\s+mil|\d{4}))"
)
_DOB = re.compile(
    # round 15: "yo soy del siete de julio del setenta y ocho" (the date right after)
    r"(?:\b(?:naci|nacio|nacimiento|cumpleanos|cumplo anos)\b[^.?!]{0,20}?\b|\bsoy\s+del\s+)"
    r"(?P<date>(?:el\s+)?(?:" + _NUMBER + r"(?:\s+y\s+" + _NUMBER + r")?|primero)\s+del?\s+"
    r"(?:"
    + "|".join(_MONTHS.split())
    + r"|"
    + _MONTH_NUMBER
    + r")(?:\s+(?:de|del)\s+"
    + _NUMBER
    + r"(?:\s+(?:y\s+)?"
    + _NUMBER
    + r")*)?)"
)

#: Round 21 (es_test30, es_test34): a whole date said in words whose year is a birth year
#: (1920-2008: "de mil novecientos ochenta y ocho", "de dos mil dos") is a birth, with no cue
#: or with one a full stop or a question away ("¿fecha de nacimiento? — el veinte de enero de
#: dos mil dos", "mi fecha es doce de diciembre de mil novecientos setenta y seis"), as
#: `dob._WHOLE` takes "3 de marzo de 1985". "el dos de mayo de dos mil veinte" stays.
_BIRTH_YEAR_WORDS = (
    r"(?:mil\s+novecientos\s+(?:veint\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|"
    r"noventa)(?:\s+y\s+(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?"
    r"|dos\s+mil(?:\s+(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho))?"
    # round 23 (es_test38): the year by its last two words after "del" ("del ochenta y siete")
    r"|(?<=del\s)(?:cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)"
    r"(?:\s+y\s+(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?)"
)
_WHOLE_DATE = re.compile(
    r"\b(?:"
    + _NUMBER
    + r"(?:\s+y\s+"
    + _NUMBER
    + r")?|primero)\s+de\s+(?:"
    + "|".join(_MONTHS.split())
    + r")\s+(?:de|del)\s+"
    + _BIRTH_YEAR_WORDS
    + r"\b(?!\s+(?:y\s+)?(?:nueve|diez|once|doce|trece|catorce|quince|dieci\w+|veint\w+))"
)
#: Round 21 (es_test33, es_test34): an area code said apart with "luego" ("código de área
#: siete uno cuatro luego cinco cinco cinco ...", "... dos uno cero y luego cinco cinco
#: cinco, cero uno siete siete"): the code, the word and the rest are one phone number.
_DIGIT_RUN = r"(?:" + _NUMBER + r")(?:(?:\s*,\s*|\s+(?:y\s+(?!luego\b))?)" + _NUMBER + r")*"
_AREA_LUEGO = re.compile(
    r"\b(?:codigo\s+de\s+area|lada)\s+(?:es\s+)?(?:el\s+)?(?P<phone>"
    + _DIGIT_RUN
    + r"[\s,]+(?:y\s+)?luego[\s,]+"
    + _DIGIT_RUN
    + r")\b"
)


#: Round 23 (es_test34, es_test40): a phone's extension said right after it ("..., extensión
#: doscientos doce", "... extensión cuarenta y dos") belongs to the number.
_EXTENSION = re.compile(
    r"\s*,?\s*(?:extension|ext\.?)\s+(?:numero\s+)?(?:" + _NUMBER + r")"
    r"(?:\s+(?:y\s+)?(?:" + _NUMBER + r"))*\b"
)


def fold_same(text: str) -> str:
    """`text` lower case without accents, one character for one (offsets stay valid)."""
    return "".join(unicodedata.normalize("NFD", c.lower())[:1] or c for c in text)


#: Number words that no price has: "seiscientos doce cuarenta y cinco sesenta y siete ochenta
#: y nueve" is a phone read in groups even when an ASR writes no commas.
_WORDS_READ = 6


#: Round 15: a run said in groups whose digits add up to this many is a number read out
#: whatever the cue ("apunte: trescientos diez, cuatro cinco siete, ochenta y ocho,
#: veintiuno" has ten); no price without "mil" has nine digits.
READ_OUT_DIGITS = 9
_HUNDREDS = re.compile(r"cien|ciento|\w+cientos")
_TENS = re.compile(r"diez|once|doce|trece|catorce|quince|dieci\w+|veint\w+|\w+enta")


def digits_said(run: str) -> int:
    """How many digits a run of Spanish number words stands for, read in groups.

    "trescientos quince" is three, "ochenta y dos" two, "cuatro" one: a hundreds word opens a
    group of three that takes the tens and units after it; a tens word takes "y" and a unit.
    """
    if "," in run:
        return sum(digits_said(part) for part in run.split(","))
    words = [w for w in re.findall(r"\w+", run) if re.fullmatch(_NUMBER, w)]
    count, i = 0, 0
    while i < len(words):
        word = words[i]
        if word.isdigit():
            count += len(word)
        elif _HUNDREDS.fullmatch(word):
            count += 3
            if i + 1 < len(words) and _TENS.fullmatch(words[i + 1]):
                i += 1  # "trescientos quince", "trescientos cuarenta (y ocho)"
                if words[i].endswith("enta") and i + 1 < len(words) and words[i + 1] in _DIGITS:
                    i += 1
            elif i + 1 < len(words) and words[i + 1] in _DIGITS and word != "cien":
                i += 1  # "trescientos cuatro"
        elif _TENS.fullmatch(word):
            count += 2
            if (  # "ochenta y dos" (with "y"), not "noventa cuatro"
                word.endswith("enta")
                and i + 1 < len(words)
                and words[i + 1] in _DIGITS
                and re.search(rf"\b{word}\s+y\s+{words[i + 1]}\b", run)
            ):
                i += 1
        else:
            count += 1
        i += 1
    return count


def _read_as_phone(folded: str, start: int, run: str) -> bool:
    """A run after "móvil"/"teléfono" read in groups (commas, or many words), "mil" aside.

    Or, whatever comes before it, a run of `READ_OUT_DIGITS` digits or more ("mil" aside).
    """
    if re.search(r"\b(?:mil|millon\w*)\b", run):
        return False
    if digits_said(run) >= READ_OUT_DIGITS:
        return True
    groups = run.count(",") >= _GROUPS_READ or len(re.findall(_NUMBER, run)) >= _WORDS_READ
    if not groups:
        return False
    return _PHONE_BEFORE.search(folded[max(0, start - 30) : start]) is not None


def _kind_of(folded: str, start: int) -> Kind:
    before = folded[max(0, start - 40) : start]
    if _CARD_BEFORE.search(before):
        return Kind.CARD
    if _ACCOUNT_BEFORE.search(before):
        return Kind.ACCOUNT
    return Kind.PHONE


def extension_after(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with each phone taken on over the extension said right after it.

    Run once the business's own numbers are dropped: their extension is their switchboard cue.
    """
    folded = fold_same(text)
    out = []
    for span in spans:
        extension = _EXTENSION.match(folded, span.end) if span.kind is Kind.PHONE else None
        out.append(Span(span.start, extension.end(), span.kind) if extension else span)
    return out


def find(text: str) -> Iterator[Span]:
    """Spoken Spanish phone/card/account numbers and dates of birth in `text`."""
    folded = fold_same(text)
    births = [m.span("date") for m in _DOB.finditer(folded)]
    births.extend(
        m.span()
        for m in _WHOLE_DATE.finditer(folded)
        if not any(s <= m.start() and m.end() <= e for s, e in births)  # one span a date
    )
    for start, end in births:
        yield Span(start, end, Kind.DOB)
    for match in _AREA_LUEGO.finditer(folded):
        yield Span(match.start("phone"), match.end("phone"), Kind.PHONE)
    for match in _RUN.finditer(folded):
        start, end = match.span()
        if any(s <= start < e for s, e in births):
            continue
        words = re.findall(_NUMBER, match.group(0))
        digit_words = sum(1 for w in words if w in _DIGITS)
        if _UNIT_AFTER.match(folded[end:]):
            continue
        if _AMOUNT.search(match.group(0)) and not _read_as_phone(folded, start, match.group(0)):
            continue
        if any(w.isdigit() for w in words) and digit_words == 0:
            continue  # numerals are the English detectors' (they know the formats)
        if digit_words >= 3 or len(words) >= 4:
            yield Span(start, end, _kind_of(folded, start))
