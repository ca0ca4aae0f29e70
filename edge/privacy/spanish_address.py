"""Spanish addresses said number first (round 10, docs/benchmarks.md).

"el setecientos doce de la calle pino", "mil doscientos de la calle ocho suroeste apartamento
doce"; and (round 12) after "vivo en", "queda en" a way without its type, said in lower case as
an ASR writes it, then the house number: "vivo en morelos trescientos doce", "queda en
morelos trescientos veinte esquina con juárez".

`spanish._STREET` wants the street type first ("calle pino setecientos doce"); a speaker who
lives on a numbered block says the house number first and the street after "de la calle",
"de la avenida", "del bulevar". The number (words or digits), the street type and its name (up
to three words that are no function word) and an orientation or unit after it are taken. One
number word alone ("a tres de la avenida") is how far, not where, and stays.

Round 21 (es_test33, es_test34): two cross streets after "vivo por" ("vivo por la Alameda y la
Ocho") are the address too, when each word is capitalised, a number or rare in Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.frequency import zipf
from edge.privacy.spanish import _NOT_GLUE, _UNIT
from edge.privacy.spanish_numbers import _NUMBER, fold_same
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import NOT_BARE, SPANISH_FUNCTION

_TYPE = (
    r"(?:de\s+la\s+(?:calle|avenida|av|calzada|privada|cerrada|carretera)|"
    r"del\s+(?:bulevar|boulevard|paseo|camino|andador))"
)
_ORIENTS = r"(?:sur|norte|oriente|poniente|este|oeste|suroeste|sureste|noroeste|noreste)"
_STOPS = (
    r"(?!(?:alla|aqui|ahi|cerca|frente|junto|por|de|del|la|el|departamento|depto|interior|int|"
    r"apartamento|apto|piso|puerta|local|" + _ORIENTS[3:-1] + r")\b)"
)
_NAME = r"(?:\s+" + _NOT_GLUE + _STOPS + r"[a-z0-9]+){1,3}"
_ORIENTATION = r"(?:\s+" + _ORIENTS + r")?"
_NUMBER_FIRST = re.compile(
    r"\b(?P<number>"
    + _NUMBER
    + r"(?:\s+(?:y\s+)?"
    + _NUMBER
    + r"){0,5})\s+"
    + _TYPE
    + _NAME
    + _ORIENTATION
    + r"\b"
    + _UNIT
)


#: "vivo en" / "queda en", up to three lower-case words of the way, its number, a corner.
_LOWER_WAY = re.compile(
    r"\b(?:viv[oe]|vivimos|viven|vivia|resido|residimos|queda|quedamos)\s+en\s+"
    r"(?P<a>(?P<way>(?:[a-zñ]+\s+){1,3}?)(?P<number>"
    + _NUMBER
    + r"(?:\s+(?:y\s+)?"
    + _NUMBER
    + r"){0,5})"
    + _ORIENTATION
    + r"(?:\s+esquina\s+(?:con\s+)?[a-zñ]{3,})?)\b"
)
#: Round 15: Chile's and El Salvador's "pasaje" (also a fare: "el pasaje cuesta trescientos"),
#: after an optional "residencial X Y" / "urbanización X": "residencial los cipreses pasaje
#: cuatro casa doce", "pasaje los tilos cuatrocientos doce". The way's words are no function
#: word or verb of a price; a house number of two words or digits, or a unit after it.
_PASSAGE = re.compile(
    r"\b(?P<a>(?:(?:residencial|urbanizacion|fraccionamiento)\s+(?:[a-z]+\s+){1,3}?)?"
    r"(?:pasaje|psje)\.?\s+"
    r"(?:(?!(?:de|del|a|al|en|para|que|cuesta|sale|es|son|esta|y|o|por|me|le|te|se)\b)[a-z]+"
    r"\s+){0,3}?"
    r"(?P<number>" + _NUMBER + r"(?:\s+(?:y\s+)?" + _NUMBER + r"){0,5})"
    r"(?P<unit>" + _UNIT + r"))\b"
)
#: At most this Zipf (Spanish) for each word of a lower-case way: "morelos" 3.9, not "casa".
WAY_ZIPF = 4.5
#: A time, a distance or an amount after the number: not a house's.
_AMOUNT_AFTER = re.compile(
    r"\s*(?:mil|minutos?|cuadras?|km|kil[oó]metros?|millas?|metros?|horas?|d[ií]as?|semanas?|"
    r"meses|años|anos|pesos|d[oó]lares|por\s+ciento|%)\b",
    re.IGNORECASE,
)
#: Round 17: a term after the number ("... a setenta y dos meses", "... al mes", "...
#: quincenales", "... de enganche"): a payment, not a house number.
_TERM_AFTER = re.compile(
    r"\s*(?:(?:a|con|en|por|de)\s+(?:(?:" + _NUMBER + r"|y)\s+)+"
    r"(?:meses|mensualidades|plazos|quincenas|semanas|años|anos|pagos)|al\s+mes|por\s+mes|"
    r"mensuales|quincenales|semanales|de\s+enganche|de\s+pago|de\s+mensualidad)\b",
    re.IGNORECASE,
)
#: Round 17: what a payment is called before "queda en" ("la mensualidad queda en ...").
_PAYMENT_BEFORE = re.compile(
    r"\b(?:mensualidad|mensualidades|pago|pagos|letra|cuota|abono|enganche|precio|total|"
    r"renta|costo|seguro|tasa|inter[eé]s|financiamiento)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(_NUMBER)
#: A house number said in words has at least two ("setecientos doce", "mil doscientos").
_HOUSE_WORDS = 2

#: Round 21 (es_test33, es_test34): where one lives told by two cross streets after "vivo
#: por" ("vivo por la Alameda y la Ocho", "vivimos por zarzamora y southcross"); by the
#: data's convention the streets are the address, the articles before the first one not.
_CROSS_STREETS = re.compile(
    r"\b(?:viv[oe]|vivimos|viven|vivia)\s+por\s+(?:(?:la|el|los|las)\s+)?"
    r"(?P<a>(?P<x>[a-z0-9]+(?:\s+[a-z0-9]+)?)\s+y\s+(?:(?:la|el|los|las)\s+)?"
    r"(?P<y>[a-z0-9]+(?:\s+[a-z0-9]+)?))\b"
)


def _street_word(text: str, start: int, word: str) -> bool:
    """A word that names a street: capitalised, a number ("la Ocho"), or rare in Spanish.

    "vivo por el centro y trabajo aquí" has no street: "centro", "trabajo" are common words.
    """
    if word in SPANISH_FUNCTION or word in NOT_BARE:
        return False
    return text[start].isupper() or word.isdigit() or zipf(word, "es") <= WAY_ZIPF


def _cross_streets(text: str, folded: str) -> Iterator[Span]:
    """The two streets after "vivo por"; the second street's second word only if it is one."""
    for match in _CROSS_STREETS.finditer(folded):
        words = [
            (match.start(group) + m.start(), m.end(), m.group())
            for group in ("x", "y")
            for m in re.finditer(r"[a-z0-9]+", match.group(group))
        ]
        end = match.end("a")
        last_start, _, last = words[-1]
        if len(match.group("y").split()) > 1 and not _street_word(text, last_start, last):
            words = words[:-1]  # "vivimos por culebra y huizache con ...": "con" is no street
            end = match.start("y") + len(match.group("y").split()[0])
        if all(_street_word(text, start, word) for start, _, word in words):
            yield Span(match.start("a"), end, Kind.ADDRESS)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are Spanish addresses said number first, or by cross streets."""
    yield from _cross_streets(text, fold_same(text))
    for match in _NUMBER_FIRST.finditer(fold_same(text)):
        number = match.group("number")
        if len(number.split()) < _HOUSE_WORDS and not re.fullmatch(r"\d{2,}", number):
            continue  # "a tres de la avenida": blocks or minutes, not a house number
        yield Span(match.start(), match.end(), Kind.ADDRESS)
    for match in _PASSAGE.finditer(fold_same(text)):
        number, unit = match.group("number"), match.group("unit")
        if re.search(r"\bmil\b", number) or _AMOUNT_AFTER.match(text, match.end()):
            continue
        if len(number.split()) >= _HOUSE_WORDS or re.fullmatch(r"\d{2,}", number) or unit:
            yield Span(match.start("a"), match.end("a"), Kind.ADDRESS)
    for match in _LOWER_WAY.finditer(fold_same(text)):
        number = match.group("number")
        if len(number.split()) < _HOUSE_WORDS and not re.fullmatch(r"\d{2,}", number):
            continue
        way = match.group("way").split()
        if any(w in SPANISH_FUNCTION or w in NOT_BARE or zipf(w, "es") > WAY_ZIPF for w in way):
            continue  # "vivo en la 20", "queda en casa doce", "vivo en monterrey dos años"
        if any(_NUMBER_WORD.fullmatch(w) for w in way):
            continue  # round 17: "queda en cuatrocientos noventa y nueve": no way, a number
        if _AMOUNT_AFTER.match(text, match.end()) or _TERM_AFTER.match(
            fold_same(text), match.end()
        ):
            continue
        if _PAYMENT_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            continue  # round 17: "la mensualidad queda en ...": an amount
        yield Span(match.start("a"), match.end("a"), Kind.ADDRESS)
