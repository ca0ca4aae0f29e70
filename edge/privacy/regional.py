"""Round 14's classes (docs/benchmarks.md, "Redaction, round 14"); rules set in-sample.

Found in the text (`find`):

- a post-office box whose number is said in Spanish words: "al apartado postal doscientos
  diecinueve" (`address._BOX` wants digits);
- the tail of a VIN told in Spanish: "los últimos seis del número de serie son 790365";
- a listed first name in lower case as the one asked to do something: "avísale a memo que",
  "le encargo a sol que" (a nickname "memo" is in no census list, so the verb before "a" and
  the "que" after are the cue); in English a listed first name opening the line (after a
  filler) before "can you": "uh will can you take them", "okay so sol can you pull".

Spans already found taken on (`extend`):

- an address over its cross streets: "Madero seiscientos treinta y uno entre Zuazua y
  Escobedo", "calle 23 número 506 entre B y C";
- a phone over the "más" / "plus" said before its country code: "el más cincuenta y uno ...";
- a number read out (phone, card, licence, account, SSN) back over the digit words just before
  it that a detector left off: "el vin es tres ve doble ve ce ..." ("tres ve" is "3V"), and
  over a first attempt corrected before it ("six one two digo seis uno dos ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spanish_numbers import _NUMBER, fold_same
from edge.privacy.spans import Kind, Span, merge
from edge.privacy.vocab import SPANISH_FUNCTION

_NUMBER_RUN = _NUMBER + r"(?:\s+(?:y\s+)?" + _NUMBER + r"){0,5}"

#: "apartado postal doscientos diecinueve", "casilla de correo mil veinte" (folded text); a
#: bare "apartado" or "casilla" is also a section or a checkbox, so "postal" / "de correo".
_BOX_WORDS = re.compile(
    r"\b(?:apartado\s+(?:postal|de\s+correos?)|casilla\s+(?:postal|de\s+correos?))"
    r"\s+(?:numero\s+)?(?P<n>" + _NUMBER_RUN + r")\b"
)

#: "los últimos seis del número de serie son 790365", "los últimos 8 del vin: 4K2219".
_VIN_TAIL_ES = re.compile(
    r"\b(?:los\s+)?ultim[oa]s\s+(?:seis|6|ocho|8|cinco|5|cuatro|4|siete|7)\s+"
    r"(?:digitos\s+|numeros\s+)?(?:del?|de\s+la)\s+"
    r"(?:numero\s+de\s+serie|serie|vin|niv|chasis|numero\s+de\s+chasis)\s*"
    r"(?:son|es|:)?\s*(?:el\s+|los\s+)?(?P<tail>[a-z0-9](?:[a-z0-9-]*[0-9][a-z0-9-]*))\b"
)

#: "avísale a memo que", "le encargo a sol que", "dile a paco que" (folded text).
_ASKED_ES = re.compile(
    r"\b(?:avisale|dile|digale|pidele|preguntale|encargale|recuerdale|pasale|"
    r"(?:le\s+)?(?:encargo|pido|aviso|digo))\s+a\s+(?P<name>[a-z]{3,12})\s+(?:que|si)\b"
)
#: Words after "a" that are no one ("dile a todos que", "avísale a tu jefe que").
_NOT_ASKED = frozenset(
    [
        "todos",
        "todas",
        "nadie",
        "alguien",
        "ella",
        "el",
        "ellos",
        "ellas",
        "usted",
        "ustedes",
        "uno",
        "una",
        "tu",
        "su",
        "mi",
        "mis",
        "sus",
        "tus",
        "nuestro",
        "nuestra",
        "gerente",
        "jefe",
        "jefa",
        "cliente",
        "clienta",
        "senor",
        "senora",
        "senorita",
        "don",
        "dona",
        "vendedor",
        "vendedora",
        "finanzas",
        "recepcion",
        "caja",
        "taller",
        "servicio",
        "mama",
        "papa",
        "esposa",
        "esposo",
        "hijo",
        "hija",
        "hermano",
        "hermana",
        "muchacho",
        "muchacha",
        "chavo",
        "chava",
    ]
)

#: Fillers and ways to address someone that are in a first-name list ("so", "ok", "honey").
_NOT_ASKED_EN = frozenset(
    [
        "so",
        "ok",
        "okay",
        "oh",
        "uh",
        "um",
        "hey",
        "yo",
        "and",
        "alright",
        "honey",
        "man",
        "buddy",
        "love",
        "miss",
        "son",
        "dude",
        "bro",
        "babe",
        "baby",
        "sir",
        "boss",
        "chief",
        "sweetie",
        "dear",
        "kid",
        "guys",
    ]
)
#: "uh will can you", "okay so sol can you", "hey mark could you": the line's addressee.
_ASKED_EN = re.compile(
    r"^\s*(?:(?:uh|um|uhm|okay|ok|so|hey|oh|alright|and|yo)[\s,]+){0,3}"
    r"(?P<name>[a-z]{3,12}),?\s+(?:can|could|would|will)\s+(?:you|u)\b"
)

#: Cross streets after an address: "entre Zuazua y Escobedo", "entre B y C".
_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü.]*)"
_CROSS = re.compile(
    r"[\s,]+entre\s+(?:(?:las?\s+)?calles\s+)?"
    + _WORD
    + r"(?:\s+"
    + _WORD
    + r")?\s+[ye]\s+"
    + _WORD
    + r"(?:\s+"
    + _WORD
    + r")?"
)
#: "el más cincuenta y uno ...", "plus one ...", "+52 ...": the sign of a country code.
_PLUS_BEFORE = re.compile(r"\b(?:m[aá]s|plus)\s+$", re.IGNORECASE)
#: Digit words (and Spanish letter names that are no word: "ve", "equis", not "de", "a") just
#: before a number read out.
_DIGITS_BEFORE = re.compile(
    r"(?:\b(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|zero|oh|one|two|three|four|"
    r"five|six|seven|eight|nine|be|ce|ge|hache|jota|ka|ele|eme|ene|pe|cu|erre|ve|uve|equis|ye|"
    r"zeta|efe)[\s,]+){1,4}$",
    re.IGNORECASE,
)
#: A first attempt corrected before the number: "six one two digo seis uno dos ...".
_CORRECTED_BEFORE = re.compile(
    r"(?:\b(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|zero|oh|one|two|three|four|"
    r"five|six|seven|eight|nine)[\s,]+){2,12}"
    r"(?:digo|perd[oó]n|o\s+sea|i\s+mean|sorry|no\s+perd[oó]n)[\s,]+$",
    re.IGNORECASE,
)
_READ_OUT = frozenset({Kind.PHONE, Kind.CARD, Kind.LICENSE, Kind.ACCOUNT, Kind.SSN, Kind.VIN})


def find(text: str, first_names: frozenset[str] | set[str]) -> Iterator[Span]:
    """Spans of `text` of round 14's classes; `first_names` are the listed ones (lower case)."""
    folded = fold_same(text)
    for match in _BOX_WORDS.finditer(folded):
        if len(match.group("n").split()) >= 2 or re.fullmatch(r"\d+", match.group("n")):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
    for match in _VIN_TAIL_ES.finditer(folded):
        yield Span(match.start("tail"), match.end("tail"), Kind.VIN)
    for match in _ASKED_ES.finditer(folded):
        name = match.group("name")
        verb = name.endswith(("ar", "er", "ir")) and name not in first_names  # "a ver si"
        if (
            name not in _NOT_ASKED
            and name not in SPANISH_FUNCTION
            and not verb
            and text[match.start("name")].islower()
        ):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    asked = _ASKED_EN.match(text)
    if (
        asked is not None
        and asked.group("name") in first_names
        and asked.group("name") not in _NOT_ASKED_EN
    ):
        yield Span(asked.start("name"), asked.end("name"), Kind.NAME)


def extend(text: str, spans: list[Span]) -> list[Span]:
    """`spans` taken on over cross streets, a country code's "más" and digit words left off."""
    out = []
    for span in spans:
        if span.kind is Kind.ADDRESS:
            cross = _CROSS.match(text, span.end)
            if cross is not None:
                span = Span(span.start, cross.end(), span.kind)
        if span.kind is Kind.PHONE:
            plus = _PLUS_BEFORE.search(text, max(0, span.start - 8), span.start)
            if plus is not None:
                span = Span(plus.start(), span.end, span.kind)
        if span.kind in _READ_OUT:
            before = _DIGITS_BEFORE.search(text, max(0, span.start - 40), span.start)
            if before is not None:
                span = Span(before.start(), span.end, span.kind)
            wrong = _CORRECTED_BEFORE.search(text, max(0, span.start - 90), span.start)
            if wrong is not None:
                span = Span(wrong.start(), span.end, span.kind)
        out.append(span)
    return merge(out)
