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
Round 23 (es_test35-38, es_test40, es_test41): the same pair after "vivo en", "mi casa está en"
and "en la esquina de", a street said by its number in words or digits ("la ciento tres y ...",
"la 168 y ...", "sesenta y siete avenida y ...") or with its type ("calle cuarta y ...", "...
Road y ... Drive"). After "en" the pair needs an article, a corner or a street type before it
("vivo en Monterrey y trabajo aquí" has none), and two numbers that read as one ("treinta y
tres") are no pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.frequency import zipf
from edge.privacy.spanish import _NOT_GLUE, _UNIT
from edge.privacy.spanish_numbers import _NUMBER, fold_same
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import NOT_BARE, SPANISH_FUNCTION, words

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

#: Round 23 (es_test34, es_test35, es_test40): the house number in the US order, right before
#: the street type, as a Spanish speaker reads a US address ("mil doscientos quince avenida
#: las palmas", "1523 Calle Álamo"): a number of two words or more, or of three digits or more.
_NUMBER_BEFORE_TYPE = re.compile(
    r"\b(?P<number>"
    + _NUMBER
    + r"(?:\s+(?:y\s+)?"
    + _NUMBER
    + r"){0,5})\s+(?:calle|avenida|av|bulevar|boulevard|calzada|camino|privada)\.?"
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
#: Round 23: also after "vivo en", "mi casa está en", "en la esquina de" (see the docstring).
_STREET_TYPE = r"(?:calle|avenida|av|road|rd|street|st|drive|dr|avenue|ave|boulevard|blvd|bulevar)"
_NUMBER_RUN = _NUMBER + r"(?:\s+(?:y\s+)?" + _NUMBER + r")*"
_ONE_STREET = (
    r"(?:" + _NUMBER_RUN + r"(?:\s+" + _STREET_TYPE + r")?(?![a-z0-9])"
    r"|(?:" + _STREET_TYPE + r"\s+)?[a-z0-9]+(?:\s+[a-z0-9]+)?)"
)
_CROSS_STREETS = re.compile(
    r"\b(?:viv[oe]|vivimos|viven|vivia|(?:mi|su|la)\s+casa\s+(?:esta|queda))\s+"
    r"(?P<prep>por|en)\s+(?P<corner>la\s+esquina\s+de\s+)?(?P<article>(?:la|el|los|las)\s+)?"
    r"(?P<a>(?P<x>" + _ONE_STREET + r")\s+y\s+(?:(?:la|el|los|las)\s+)?"
    r"(?P<y>" + _ONE_STREET + r"))\b"
)
_TYPED = re.compile(r"\b" + _STREET_TYPE + r"\b")
#: A street named by its order ("la calle tercera", "la Quinta").
_ORDINAL = re.compile(
    r"(?:primer|segund|tercer|cuart|quint|sext|septim|setim|octav|noven|decim)[oa]"
)
#: Words after a street type that say which way, not which street ("calle arriba").
_NO_WAY = words("arriba abajo adentro afuera adelante atras derecho")
_ONE_NUMBER = re.compile(_NUMBER_RUN)


def _street_word(text: str, start: int, word: str) -> bool:
    """A word that names a street: capitalised, a number ("la Ocho"), or rare in Spanish.

    "vivo por el centro y trabajo aquí" has no street: "centro", "trabajo" are common words.
    Round 23: a number word ("la ciento tres"), an ordinal and a street type count.
    """
    if _NUMBER_WORD.fullmatch(word) or _TYPED.fullmatch(word) or _ORDINAL.fullmatch(word):
        return True
    if word in SPANISH_FUNCTION or word in NOT_BARE:
        return False
    return text[start].isupper() or word.isdigit() or zipf(word, "es") <= WAY_ZIPF


_WAY_AFTER_TYPE = re.compile(r"\s+[a-z]+\.?\s+(?:(?:las|los|la|el)\s+)?(?P<word>[a-z0-9]+)")


def _named_way(text: str, end: int) -> bool:
    """Whether a street's name follows the type (past an article), not a way to go."""
    way = _WAY_AFTER_TYPE.match(fold_same(text), end)
    return way is not None and way.group("word") not in _NO_WAY


def _pair_said(match: re.Match[str]) -> bool:
    """Whether the cue and the pair read as two streets, not a place and a clause or a number.

    After "en" an article, a corner or a street type must come before ("vivo en la Quince y
    ...", "vivimos en Dix Road y ..."); "treinta y tres" alone is one number, not two streets.
    """
    if _ONE_NUMBER.fullmatch(match.group("a")):
        return False
    if match.group("prep") == "por" or match.group("corner") or match.group("article"):
        return True
    return _TYPED.search(match.group("a")) is not None


def _cross_streets(text: str, folded: str) -> Iterator[Span]:
    """The two streets after the cue; the second street's second word only if it is one."""
    for match in _CROSS_STREETS.finditer(folded):
        if not _pair_said(match):
            continue
        said = [
            (match.start(group) + m.start(), m.end(), m.group())
            for group in ("x", "y")
            for m in re.finditer(r"[a-z0-9]+", match.group(group))
            if m.group() != "y"  # inside a number: "sesenta y siete avenida"
        ]
        end = match.end("a")
        last_start, _, last = said[-1]
        second = match.group("y").split()
        if len(second) > 1 and not _street_word(text, last_start, last):
            said = said[:-1]  # "vivimos por culebra y huizache con ...": "con" is no street
            end = match.start("y") + len(" ".join(second[:-1]))
        if all(_street_word(text, start, word) for start, _, word in said):
            yield Span(match.start("a"), end, Kind.ADDRESS)


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are Spanish addresses said number first, or by cross streets."""
    yield from _cross_streets(text, fold_same(text))
    for match in _NUMBER_FIRST.finditer(fold_same(text)):
        number = match.group("number")
        if len(number.split()) < _HOUSE_WORDS and not re.fullmatch(r"\d{2,}", number):
            continue  # "a tres de la avenida": blocks or minutes, not a house number
        yield Span(match.start(), match.end(), Kind.ADDRESS)
    for match in _NUMBER_BEFORE_TYPE.finditer(fold_same(text)):
        number = match.group("number")
        if len(number.split()) < _HOUSE_WORDS and not re.fullmatch(r"\d{3,}", number):
            continue  # "a dos calles", "en la 5 avenida": no house number
        if not _named_way(text, match.end("number")):
            continue  # "... mil calle arriba": a common word after the type is no street
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
