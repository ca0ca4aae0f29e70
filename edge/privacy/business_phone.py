"""The dealership's own phone number, said in the shapes `business` has no cue for (round 17).

Issue 18, round 17: new authors say the business's number in ways no fixed phrase carries to,
so these are classes of a phone span, not phrases:

- a toll-free number ("1-800-555-0199", "eight hundred ...", "ochocientos ...", 888, 877,
  866, 855, 844, 833): a business's, unless a person's word is in its clause ("my number is
  eight hundred ...", "... is the best way to reach me");
- a business word before it in the clause ("dealer phone is ...", "call the store at ...",
  "llame a la agencia al ...", "el conmutador de servicio es ..."), with no person's word
  between the two ("the service department will call you at ...", "the dealer has my cell,
  ..." stay details);
- a switchboard's cue after it ("... option two for sales", "... extension 4", "... and ask
  for service", "... y pida servicio"), with no person's word in its clause ("my work number
  is ... extension 22" stays a detail).

A card of a phone's length (at most ten digits) in such a clause is read as the same number, and
so is an address span that is a number said and nothing else (the tagger's, after round 19).
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span

#: The toll-free area codes of the North American plan (Mexico's is 800 too).
TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_DIGIT = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "cero": "0", "uno": "1",
    "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7",
    "ocho": "8", "nueve": "9",
}  # fmt: skip
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
#: Number words that are no single digit: "ochocientos catorce" is 814, not 800 + ...
_OTHER_NUMBER = re.compile(
    r"ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|diez|once|doce|trece|catorce|quince|dieci\w+|veint\w+|treinta|"
    r"cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|\w+cientos|mil"
)
#: Words between the numbers of a phone read in pairs or groups.
_JOINERS = frozenset({"y", "and", "double", "triple", "doble"})
#: Words of the business's phone lines (English, Spanish), before the number in its clause.
_BUSINESS = re.compile(
    r"\b(?:dealer|dealers|dealership|showroom|store|front\s+desk|reception|switchboard|"
    r"body\s+shop|main\s+(?:line|number|office)|toll[\s-]?free|"
    r"(?:service|parts|sales|finance)\s+(?:department|desk|counter|center|centre|line|office|"
    r"number|phone)|(?:the|our)\s+(?:office|shop)|"
    r"agencia|concesionari[oa]|distribuidora|sucursal|taller|conmutador|recepci[oó]n|"
    r"(?:de|a|para)\s+(?:servicio|ventas|refacciones|partes)|sin\s+costo|lada\s+gratuita|"
    r"n[uú]mero\s+gratuito)\b",
    re.IGNORECASE,
)
#: A person's words: the number is theirs (or a person's the business will call).
_PERSON = re.compile(
    r"\b(?:my|mine|me|i|i'm|im|you|your|u|him|her|his|he|she|mi|mis|yo|le|te|tu|usted|"
    r"cell|cellphone|mobile|home|house|celular|cel|casa|wife|husband|esposa|esposo|"
    r"daughter|son|hija|hijo|mom|dad|mam[aá]|pap[aá])\b",
    re.IGNORECASE,
)
#: A switchboard's cue right after the number.
_SWITCHBOARD = re.compile(
    r"[\s,.;-]*(?:(?:and|then|y|luego)\s+)?(?:"
    r"(?:press\s+|hit\s+|dial\s+)?option\s+\w+|ext(?:ension)?\.?\s+\w+|"
    r"(?:oprima|presione|marque)\s+(?:el\s+)?\w+|opci[oó]n\s+\w+|extensi[oó]n\s+\w+|"
    r"ask\s+for\s+(?:the\s+)?(?:service|sales|parts|finance)|"
    r"(?:pida|pregunte\s+por|solicite)\s+(?:el\s+|la\s+)?(?:servicio|ventas|refacciones|partes|"
    r"departamento)|"
    r"(?:for|para)\s+(?:service|sales|parts|servicio|ventas|refacciones)\b)",
    re.IGNORECASE,
)
#: A clause's start: a full stop, a question or a semicolon before the number.
_CLAUSE_START = re.compile(r".*[.?!;¿¡](?:\s|$)", re.DOTALL)
#: A clause's end after the number.
_CLAUSE_END = re.compile(r"[.?!;,](?:\s|$)")
#: At most this many characters before (after) a number are its clause.
BEFORE = 60
AFTER = 40
#: The longest card (in digits) that may be a phone number misread.
_PHONE_DIGITS = 10


def _digits(said: str) -> str:
    """The digits a number starts with, spoken or written ("eight hundred five" -> "8005").

    Read up to the first number word that is no digit: "eight hundred twelve" gives "8".
    """
    tokens = _TOKEN.findall(said.lower().replace("ochocientos", "ocho hundred"))
    out = []
    for index, token in enumerate(tokens):
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token.isdigit():
            out.append(token)
        elif token == "hundred" and not _OTHER_NUMBER.fullmatch(after):
            out.append("00")
        elif token in ("double", "triple"):
            out.append(_DIGIT.get(after, "") * (2 if token == "double" else 3))
        elif token in _DIGIT:
            out.append(_DIGIT[token])
        elif _OTHER_NUMBER.fullmatch(token):
            break
    return "".join(out)


def toll_free(said: str) -> bool:
    """Whether a number said starts with a toll-free area code (after a "1" or "01")."""
    digits = _digits(said)
    for prefix in ("01", "1"):
        if digits.startswith(prefix) and digits[len(prefix) : len(prefix) + 3] in TOLL_FREE:
            return True
    return digits[:3] in TOLL_FREE


def _number_only(said: str) -> bool:
    """Whether a span is a number said and nothing else, no street word.

    The tagger takes a phone read in pairs for an address ("cincuenta y cinco, cincuenta y
    dos, ochenta y uno, cuarenta"; test30, test31, after round 19).
    """
    tokens = _TOKEN.findall(said.lower())
    return len(tokens) >= 4 and all(
        t.isdigit() or t in _DIGIT or t in _JOINERS or _OTHER_NUMBER.fullmatch(t) for t in tokens
    )


def _clause_before(text: str, start: int) -> str:
    """The clause's text before `start` (at most `BEFORE` characters)."""
    window = text[max(0, start - BEFORE) : start]
    opened = _CLAUSE_START.match(window)
    return window[opened.end() :] if opened else window


def _clause_after(text: str, end: int) -> str:
    """The clause's text after `end` (at most `AFTER` characters)."""
    window = text[end : end + AFTER]
    closed = _CLAUSE_END.search(window)
    return window[: closed.start()] if closed else window


def is_business(text: str, span: Span) -> bool:
    """Whether a phone (or phone-long card) span is the business's own number."""
    said = text[span.start : span.end]
    if span.kind is Kind.CARD and len(_digits(said)) > _PHONE_DIGITS:
        return False
    if span.kind is Kind.ADDRESS and not _number_only(said):
        return False
    if span.kind not in (Kind.PHONE, Kind.CARD, Kind.ADDRESS):
        return False
    before = _clause_before(text, span.start)
    cues = list(_BUSINESS.finditer(before))
    if cues and not _PERSON.search(before, cues[-1].end()):
        return True
    unclaimed = not _PERSON.search(before) and not _PERSON.search(_clause_after(text, span.end))
    return unclaimed and (toll_free(said) or _SWITCHBOARD.match(text, span.end) is not None)


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the business's own phone numbers."""
    return [span for span in spans if not is_business(text, span)]
