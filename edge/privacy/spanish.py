"""Personal details said in Spanish: names, street addresses and spoken e-mails.

- Names after "me llamo", "mi nombre es", "soy" (a capitalised word, so not "soy de aquí"),
  and after "mi esposa/esposo/hijo/hija...", "señor/señora/don/doña" (capitalised).
- Addresses: a street word ("calle", "avenida", "bulevar", "calzada", "privada", "carrera")
  with up to four words and a number (digits or number words), "colonia X" and
  "código postal" with its digits.
- E-mails spoken: "juan punto perez arroba gmail punto com"; round 21 (es_test21, es_test33):
  an article right after "mi correo es" opens the handle ("la guera guion bajo ...").
- Round 21 (es_test33, es_test34): the card's ZIP after "código postal de facturación";
  (es_test26, es_test29, es_test31) a handle spelled letter by letter with commas before
  "arroba"; (es_test24) a unit's value with its letter ("apartamento 3-A").

The numbers said in words are `spanish_numbers`. Matching runs on `fold_same` text so the
offsets are the original text's; capitalisation is read from the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from edge.privacy.spanish_numbers import _NUMBER, fold_same
from edge.privacy.spanish_numbers import find as find_numbers
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import acronym
from edge.privacy.world_names import everyday, lists

_NAME_WORD = r"[a-zñ]+"
_INTRO = re.compile(
    # round 15: "mi nombre completo es ...", "el muchacho se llamaba yeferson"
    r"\b(?:me llamo|mi nombre completo es|mi nombre es|mi nombre|me dicen|se llamaba)\s+("
    + _NAME_WORD
    + r"(?:\s+"
    + _NAME_WORD
    + r"){0,3})"
)
_CAPITALISED_AFTER = re.compile(
    r"\b(?:soy|mi (?:espos[oa]|marido|mujer|hij[oa]|herman[oa]|papa|mama|novi[oa]|"
    r"suegr[oa]|cunad[oa])|senor(?:a|ita)?|don|dona|licenciad[oa]|lic|ingenier[oa]|ing|"
    r"doctora|se llama|"
    r"pregunt\w*\s+por|habl\w*\s+con|busqu?\w*\s+a|atiende|atendio|"
    r"a nombre de(?: mi (?:espos[oa]|marido|mujer|hij[oa]|herman[oa]|suegr[oa]|papa|mama))?,?|"
    # round 23 (es_test33, es_test40): a caller saying who speaks, "le habla Arturo de ..."
    r"(?:le|te|les)\s+(?:habla|escribe)|"
    r"de parte de)\s*,?\s+(" + _NAME_WORD + r")"
)
#: "Óscar Mejía, a sus órdenes": a capitalised name signing off at the start of a line.
_SIGN_OFF = re.compile(
    r"^\s*(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?)\s*,\s*"
    r"(?:a sus ordenes|para servirle|a la orden|servidor|servidora|mucho gusto)\b"
)
_MIN_NAME = 3
_SURNAME = re.compile(r"\s+(" + _NAME_WORD + r")")
#: Words that follow "me llamo ..." and are not part of the name.
_NOT_NAME_WORDS = (
    "y de del la el los las que pero porque para con en mi es soy vengo vivo estoy tengo "
    "quiero un una vino luz necesito busco ando traigo hablo trabajo llame "
    # third persons that follow "mi hija", "mi esposo": "mi hija nació en ..."
    "nacio vive trabaja maneja quiere dice tiene va viene esta anda necesita prefiere piensa "
    "cree usa compro pago firma firmo llega llego"
)
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())
#: Words that start no street or colonia name: "mi barrio, con tanto hoyo" once an ASR drops
#: the comma, "por la avenida y tienen una".
_NOT_GLUE = r"(?!(?:y|e|o|con|que|en|por|para|pero|tan|tanto|mas|sin|como|cuando|donde|a)\b)"
#: After the number: "departamento 3", "interior b", "cuarto izquierda", "piso dos".
_UNIT = (
    r"(?:,?\s*(?:(?:departamento|depto|dpto|interior|int|apartamento|apto|piso|puerta|local|"
    # round 15: El Salvador's "casa doce", Mexico's "manzana cuatro lote doce", blocks
    r"casa|manzana|mz|lote|bloque|edificio|torre|numero)\.?"
    r"\s+(?:\d+(?:-?[a-z])?|[a-z]|"
    + _NUMBER
    + r"(?:\s+(?:y\s+)?"
    + _NUMBER
    + r"){0,2}(?:\s+[a-f](?!\w))?)|(?:primero|segundo|tercero|cuarto|quinto|sexto|bajo)"
    r"(?:\s+(?:izquierda|derecha|[a-d]))?)\b)*"
)
_STREET = re.compile(
    # round 15: Peru's "jirón", Mexico's "andador", types cut short with a dot ("Blvd.", "Av.")
    r"\b(?:(?:calle|avenida|bulevar|boulevard|calzada|privada|carrera|paseo|camino|jiron|"
    r"andador)\s+|(?:av|avda|blvd|calz)\.?\s+)"
    + _NOT_GLUE
    + r"(?:[a-z0-9]+,?\s+){0,4}?(?:numero\s+|num\s+|no\s+|#\s*)?(?:[a-z](?=\d))?(?:"
    + _NUMBER
    # round 15: "doce guion treinta y cuatro" (Guatemala, Colombia)
    + r")(?:[\s-]+(?:y\s+|guion\s+)?"
    + _NUMBER
    + r")*"
    # Colombia's "carrera 43A número 18 sur 135": an orientation inside the number
    + r"(?:\s+(?:sur|norte|bis)(?:[\s-]+"
    + _NUMBER
    + r")+)?"
    # Colombia: "carrera quince numero ochenta y dos cuarenta", "Carrera 15 # 82-40"
    + r"(?:\s+(?:numero|num|no|#)\s*"
    + _NUMBER
    + r"(?:[\s-]+(?:y\s+|guion\s+)?"
    + _NUMBER
    + r")*)?\b(?!\s+(?:cuadras?|minutos|km|kilometros|millas|calles))"
    + _UNIT
)
#: Round 15: the way's name up to its "número" ("calle cinco de mayo número ciento doce"), which
#: `_STREET` cuts at the first number word ("calle cinco").
_STREET_NUMERO = re.compile(
    r"\b(?:calle|avenida|av\.?|bulevar|boulevard|calzada|privada|carrera|jiron|andador)\s+"
    + _NOT_GLUE
    + r"(?:[a-z0-9]+\s+){1,4}?(?:numero|num|no|#)\s*(?:"
    + _NUMBER
    + r")(?:\s+(?:y\s+)?"
    + _NUMBER
    + r")*\b"
)
#: "el número de licencia es M cinco cinco cuatro, ...": a licence number, letters included.
_LICENSE = re.compile(
    r"\b(?:licencia|permiso|carnet|carne)(?:\s+de\s+(?:conducir|manejo|manejar))?\s+"
    r"(?:es\s+)?(?:el\s+)?(?:[a-z]{1,2}[\s-]+)?"
    + _NUMBER
    + r"(?:[\s,-]+(?:y\s+)?"
    + _NUMBER
    + r")+"
)
#: Round 15: an id said as the amount it reads as, after its cue: "mi DNI es treinta y cuatro
#: millones quinientos doce mil ochocientos nueve" (a count of millions is no price said here).
_ID_AS_AMOUNT = re.compile(
    r"\b(?:dni|documento(?:\s+de\s+identidad)?|cedula|rut)\s+(?:es\s+)?(?:el\s+)?"
    r"(?P<value>(?:(?:ve|v|e|jota|j)\s+)?"  # Venezuela's "ve veintidós millones ..."
    + _NUMBER
    + r"(?:\s+(?:y\s+)?(?:un|"
    + _NUMBER
    + r"))*\s+millon(?:es)?(?:\s+(?:y\s+)?(?:un|"
    + _NUMBER
    + r"))+)\b"
)
#: Round 23 (es_test19, es_test37): a national id read in number words after its name and the
#: country's adjective ("mi DNI es cuarenta y cinco, trescientos veinte, ...", "la identidad
#: hondureña es cero ocho cero uno ..."); at least `_ID_WORDS` number words, so a price stays.
_ID_IN_WORDS = re.compile(
    r"\b(?:dni|cedula|identidad|carne|carnet)(?:\s+de\s+identidad)?"
    r"(?:\s+(?!" + _NUMBER + r"\b)[a-z]+(?:an[oa]|en[oa]|ens[ea]|n[oa]|ic[oa]))?"
    r"\s+(?:es\s+)?(?:el\s+|la\s+)?"
    r"(?P<value>" + _NUMBER + r"(?:(?:\s*,\s*|\s+)(?:y\s+)?" + _NUMBER + r")+)\b"
)
_ID_WORDS = 6
_COLONIA = re.compile(
    r"\b(?:colonia|col\.?|fraccionamiento|barrio|urbanizacion)\s+" + _NOT_GLUE + r"[a-z]+"
    r"(?:\s+" + _NOT_GLUE + r"[a-z]+)?"
)
_POSTAL = re.compile(
    # round 15: Argentina's letter first ("ce mil cuatrocientos catorce", C1414)
    # round 21 (es_test33, es_test34): the card's ZIP ("el código postal de facturación es el
    # 79936", after a card's number)
    r"\bcodigo postal(?:\s+de\s+(?:facturacion|cobro|la\s+tarjeta))?\s+(?:es\s+)?(?:el\s+)?"
    r"(?:(?:ce|be|de|ka|ese|eme|hache|jota|[a-z])\s+)?(?:"
    + _NUMBER
    + r")(?:[\s,]+(?:y\s+)?"
    + _NUMBER
    + r")*\b"
)
_PIECE = r"(?:" + _NUMBER + r"(?:\s+y\s+" + _NUMBER + r")?|[a-z0-9]+(?:[._-][a-z0-9]+)*)"
#: Consonants spelled by their Spanish names before the rest ("eme ge arroba prodigy ...").
_LETTER_NAMES = (
    r"(?:be|ce|de|efe|ge|hache|jota|ka|ele|eme|ene|pe|cu|erre|ere|ese|te|uve|equis|zeta)"
)
_LETTERS = r"(?:" + _LETTER_NAMES + r"\s+)*"
#: Round 15: letters said after the name's piece, vowels too ("gaby ene ere ere o ge arroba").
_LETTERS_AFTER = r"(?:\s+(?:" + _LETTER_NAMES + r"|[aeiou]))*"
#: A domain's ending spelled ("punto eme equis") or said ("punto com").
_TAIL = r"(?:\s+punto\s+(?:" + _LETTER_NAMES + r"\s+" + _LETTER_NAMES + r"|[a-z]{2,4})){1,2}\b"
_EMAIL = re.compile(
    # round 21 (es_test21, es_test33): "mi correo es la guera guion bajo ...", "mi email es la
    # flaca noventa y dos arroba ...": right after the cue an article starts the handle
    r"(?:(?:(?<=\bcorreo es )|(?<=\bemail es )|(?<=\bmail es ))(?:la|el)\s+)?"
    r"\b(?!(?:es|mi|el|la|de|que|y|o|a|con|correo|email|mail|seria)\b)"
    + _LETTERS
    + r"(?:"
    + _PIECE
    + r"\s+(?:punto|guion bajo|guion|raya|bajo)\s+){0,3}"
    + _PIECE
    + _LETTERS_AFTER
    + r"(?:\s+(?:y\s+)?"  # "carlitos ochenta y ocho arroba ..."
    + _NUMBER
    + r"){0,4}\s+arroba\s+[a-z0-9]+"
    + _TAIL
)

#: Round 21 (es_test26, es_test29, es_test31): a handle spelled letter by letter, with commas,
#: before "arroba" ("ele, u, pe, i, te, a, guion bajo, ve, e, ge, a, arroba, yahoo punto
#: com"): letter names, digits and "guion bajo"/"punto", at least three pieces.
_SPELLED_PIECE = (
    r"(?:" + _LETTER_NAMES + r"|[a-z]|ye|ve|doble\s+(?:u|ve|erre)|[iy]\s+griega|guion\s+bajo|guion|"
    r"punto|" + _NUMBER + r"(?:\s+y\s+" + _NUMBER + r")?)"
)
_SPELLED_EMAIL = re.compile(
    r"\b" + _SPELLED_PIECE + r"(?:\s*,\s*" + _SPELLED_PIECE + r"){2,}"
    r"[\s,]+(?:" + _SPELLED_PIECE + r"\s+)?arroba[\s,]+[a-z0-9]+" + _TAIL
)


@cache
def _known(surnames: bool) -> frozenset[str]:
    """The world first names (or surnames) without accents, as `fold_same` writes them."""
    return frozenset(fold_same(n) for n in lists()[int(surnames)] if len(n) >= _MIN_NAME)


_SURNAMES = 2


def _surname(text: str, match: re.Match[str]) -> bool:
    """A surname after a cued name: capitalised, or a known surname that is no everyday word."""
    word = match.group(1)
    if text[match.start(1)].isupper():
        return True
    return word not in _NOT_NAME and word in _known(True) and not _everyday(word)


def _everyday(word: str) -> bool:
    """An everyday word of faker's lists that is no country's first name or surname."""
    return word in everyday() and word not in _known(False) and word not in _known(True)


def _cued_name(text: str, match: re.Match[str]) -> bool:
    """Capitalised, or a known name in lower case (Whisper often writes it so).

    Not after "soy" ("soy feliz", "soy alta" stay); a surname only after a title ("la señora
    martínez").
    """
    word = match.group(1)
    cue = match.group().split()[0]
    titled = cue.startswith(("senor", "licenciad", "ingenier", "doctora"))
    titled = titled or cue in {"don", "dona", "lic", "ing"}
    if word in _NOT_NAME and not (titled and text[match.start(1)].isupper()):
        return False  # but "la señora Luz María ...": a title before a capital
    if acronym(text[match.start(1) : match.end(1)]):
        return False  # "hablé con SAT", "ya con IVA": an acronym
    if cue in {"le", "te", "les"}:
        # round 23: "le habla Arturo de ...", a caller's listed first name ("le habla Toyota
        # del Valle" is the store)
        return word in _known(False) and not _everyday(word)
    if text[match.start(1)].isupper():
        return True
    if text[match.end(1) - 1] == "ó":
        return False  # a verb in the past: "mi esposo compró", "mi hija llegó"
    if cue == "soy":
        # "soy maría": a known first name that is no everyday word ("soy alta", "soy feliz")
        return word in _known(False) and not _everyday(word)
    return word in _known(False) or (titled and word in _known(True))


def _names(text: str, folded: str) -> Iterator[Span]:
    for match in _INTRO.finditer(folded):
        words = match.group(1).split()
        kept = []
        for word in words:
            if word in _NOT_NAME or re.fullmatch(_NUMBER, word) or _everyday(word):
                break  # "me dicen cinco mil" is a price; "me llamo ana necesito ..." a verb
            kept.append(word)
        if kept:
            start = match.start(1)
            yield Span(start, start + len(" ".join(kept)), Kind.NAME)
    for match in _CAPITALISED_AFTER.finditer(folded):
        start, end = match.span(1)
        if _cued_name(text, match):
            for _ in range(_SURNAMES):  # "pregunte por Héctor Ruiz", "fernando quiroga salas"
                following = _SURNAME.match(folded, end)
                if following is None or not _surname(text, following):
                    break
                end = following.end(1)
            yield Span(start, end, Kind.NAME)
    for match in _SIGN_OFF.finditer(folded):
        start, end = match.span(1)
        if all(text[m.start()].isupper() for m in re.finditer(_NAME_WORD, folded[start:end])):
            yield Span(start, end, Kind.NAME)


_CUE_WORDS = re.compile(
    r"^(?:licencia|permiso|carnet|carne)(?:\s+de\s+(?:conducir|manejo|manejar))?\s+(?:es\s+)?(?:el\s+)?"
)


def _value(match: re.Match[str], kind: Kind) -> Span:
    """The span of a cued match without its cue words."""
    cue = _CUE_WORDS.match(match.group())
    return Span(match.start() + (cue.end() if cue else 0), match.end(), kind)


def find(text: str) -> Iterator[Span]:
    """The Spanish personal details in `text` (see the module docstring)."""
    folded = fold_same(text)
    yield from find_numbers(text)
    yield from _names(text, folded)
    for match in _LICENSE.finditer(folded):
        yield _value(match, Kind.LICENSE)
    for match in _ID_AS_AMOUNT.finditer(folded):
        yield Span(match.start("value"), match.end("value"), Kind.LICENSE)
    for match in _ID_IN_WORDS.finditer(folded):
        if len([w for w in re.split(r"[\s,]+", match.group("value")) if w != "y"]) >= _ID_WORDS:
            yield Span(match.start("value"), match.end("value"), Kind.LICENSE)
    for pattern, kind in (
        (_STREET, Kind.ADDRESS),
        (_STREET_NUMERO, Kind.ADDRESS),
        (_COLONIA, Kind.ADDRESS),
        (_POSTAL, Kind.ADDRESS),
        (_EMAIL, Kind.EMAIL),
        (_SPELLED_EMAIL, Kind.EMAIL),
    ):
        for match in pattern.finditer(folded):
            yield Span(match.start(), match.end(), kind)


#: Round 21 (es_test34; the names of es_test7-33 "María de los Ángeles Quintero", "Ruiz de la
#: Fuente"): the particle between two capitalised name spans joins them into one name.
_PARTICLE = re.compile(r"\s+(?:de\s+la|de\s+los|de\s+las|del|de)\s+")


def joined_particles(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with "María" "de la" "Luz Ortega" joined when both names are capitalised."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind is span.kind is Kind.NAME
            and _PARTICLE.fullmatch(text, last.end, span.start)
            and text[last.start].isupper()
            and text[span.start].isupper()
        ):
            out[-1] = Span(last.start, span.end, Kind.NAME)
        else:
            out.append(span)
    return out
