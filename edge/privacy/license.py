"""Driver's licence and personal id numbers.

By their context ("my license number is D123-4567-8901", "my permit number uh T 6104492",
"mi licencia es A09338127", "el RFC es ..."), and anywhere by their structure: Mexico's CURP
(18 characters: 4 letters, birth date, sex, state, consonants, check) and RFC (3-4 letters,
date, 3-character homoclave), both of which carry the birth date. National ids after their
name ("mi DNI es 47382915K", "cédula 1.023.456.789", "passport number X1234567", "INE ...")
and, anywhere, in the shapes of Spain's DNI (8 digits and a letter) and NIE (X/Y/Z, 7 digits,
a letter) and Chile's RUT (dotted, a check character after a dash): no car talk has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span
from edge.privacy.zipcode import STATES

#: Mexico's states, as a licence's issuer ("licencia de Jalisco").
_MX_STATES = (
    r"aguascalientes|baja\s+california(?:\s+sur)?|campeche|chiapas|chihuahua|coahuila|colima|"
    r"durango|guanajuato|guerrero|hidalgo|jalisco|michoac[aá]n|morelos|nayarit|nuevo\s+le[oó]n|"
    r"oaxaca|puebla|quer[eé]taro|quintana\s+roo|san\s+luis\s+potos[ií]|sinaloa|sonora|"
    r"tabasco|tamaulipas|tlaxcala|veracruz|yucat[aá]n|zacatecas|cdmx|edomex|"
    r"estado\s+de\s+m[eé]xico|ciudad\s+de\s+m[eé]xico"
)
#: Round 23 (es_test36, es_test38, es_test41): countries and the US states said in Spanish, as
#: an id's issuer ("licencia de méxico ...", "cédula de Panamá es ...", "Licencia de Nueva
#: Jersey, ...").
_ES_ISSUERS = (
    r"m[eé]xico|panam[aá]|honduras|guatemala|el\s+salvador|nicaragua|costa\s+rica|cuba|"
    r"colombia|venezuela|per[uú]|ecuador|bolivia|chile|argentina|uruguay|paraguay|"
    r"rep[uú]blica\s+dominicana|puerto\s+rico|espa[ñn]a|estados\s+unidos|"
    r"nueva\s+jersey|nueva\s+york|nuevo\s+m[eé]xico|carolina\s+del\s+(?:norte|sur)|"
    r"dakota\s+del\s+(?:norte|sur)|virginia\s+occidental|luisiana|pensilvania|misuri|"
    r"misisipi|hawái"
)
#: The issuing state said between the cue and the number: "my license, texas, is D123...",
#: "license number from ohio is ...", "licencia del estado de Jalisco ...".
_ISSUER = (
    r"(?:(?:(?:issued\s+)?(?:in|from|out\s+of|de|del)\s+)?(?:the\s+)?"
    r"(?:state\s+of\s+|estado\s+de\s+)?"
    rf"(?:{STATES}|{_MX_STATES}|{_ES_ISSUERS})(?:'s)?(?:\s+(?:state|one))?[\s,]*)?"
)

#: Whose id and which country's, between the cue and the number: "el DNI argentino mío es
#: 33.458.912", "my passport, mine, is ...", "la cédula colombiana de él es ...".
_OWNER = (
    r"(?:(?:[^\W\d_]+(?:an[oa]|in[oa]|ens[ea]|e[ñn]o|e[ñn]a|ñol|ñola|ic[oa]|an)|m[ií]o|m[ií]a|"
    r"mine|de\s+[ée]l|de\s+ella|tuy[oa]|suy[oa])[\s,]+){0,2}"
)
_LICENSE = re.compile(
    r"\b(?:driver'?s'?\s+)?(?:licen[cs]ia|licen[cs]e|lic\.?|dl|d\.l\.|permit|learner'?s\s+permit|"
    r"rfc|curp|dni|nie|nif|c[eé]dula|ine|dui|cuit|cuil|credencial|pasaporte|passport|rut|run|documento|"
    # round 23 (es_test37, es_test41): Cuba's "carné de identidad", Honduras's "identidad"
    r"carn[eé]t?(?:\s+de\s+identidad)?|identidad|"
    r"(?:state|national|government|photo)\s+id|id\s+card|identificaci[oó]n)"
    # the cue is a whole word: "the F150 runs 4000 rpm" is no RUN
    r"(?![^\W\d_])"
    r"(?:\s+de\s+(?:conducir|manejar|manejo))?[\s,]*"
    rf"{_OWNER}"
    rf"{_ISSUER}"
    r"(?:(?:the\s+|el\s+)?(?:number|no\.?|num|#|id|n[uú]mero)\s*)?(?:'s)?\s*"
    # "can you use my passport? It's X4...", "is a passport ok? It's ...": the number told
    # after the question (round 13)
    r"(?:(?:[a-z]+\s+){0,2}?[a-z]*\?\s*(?=it's\b|it\s+is\b|es\b))?"
    rf"{_ISSUER}"
    r"(?:is|was|it's|reads|es|:)?[\s,]*"
    rf"{_ISSUER}"
    r"(?:uh\s+|um\s+|eh\s+|la\s+|el\s+)?"
    r"(?P<value>(?:[A-Za-z]{1,4}[\s-]?){0,2}\d[\dA-Za-z]*(?:(?:[\s-]|\.(?=\d))\d[\dA-Za-z]*)*)",
    re.IGNORECASE,
)
_MIN_DIGITS = 4
#: CURP and RFC in either case: an ASR writes "behr791107kt3" as often as the capitals.
_CURP = re.compile(r"\b[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d\b", re.IGNORECASE)
_NATIONAL = re.compile(
    r"\b(?:\d{8}|[XYZ]\d{7})[\s-]?[A-Z]\b"
    r"|\b(?:\d{8}|[xyz]\d{7})-?[a-z]\b"  # as an ASR writes it: "50318247w"
    r"|(?<![\d.])\d{1,2}\.\d{3}\.\d{3}-[\dkK]\b"  # Chile's RUT: "18.034.073-4"
)
#: Round 18, anywhere by shape (test24, test26, es_test24, es_test26 and older files): a US
#: licence in the Soundex form, a letter, three digits and two to four more groups
#: ("D400-7733-1982", "S530-417-92-306-0"; or two of four digits apart, "K425 6630 1187",
#: test19); El Salvador's DUI (8 digits, a check digit: "04518273-6"); Argentina's CUIT/CUIL
#: ("20-28471936-1"); the Dominican cédula ("001-1234567-8"). No price, phone, part or model
#: number has these dashes.
_SHAPED = re.compile(
    r"(?<![\w-])(?:[A-Z]\d{3}(?:-\d{1,4}){2,4}|[A-Z]\d{3}(?:\s\d{4}){2}|\d{8}-\d"
    r"|(?:20|23|24|27|30|33|34)-\d{8}-\d|\d{3}-\d{7}-\d)(?![\w-])",
    re.IGNORECASE,
)
#: Round 18: an id number with its issuing state after it ("it's 28817734, Texas", "the new
#: one's RT449021, Ohio", "number is V8820394, New Jersey"; test24, test26, test10): up to two
#: letters and six to nine digits, one group, then a comma and a state. A ZIP (five digits),
#: a phone (ten) and an amount ("28,000") are not this shape; the state closes the clause
#: ("we sold 1200000, Texas is our market" stays).
_STATED = re.compile(
    rf"(?<![\w$,.-])(?P<value>[A-Z]{{0,2}}\d{{6,9}})"
    rf"(?=,\s*(?:the\s+state\s+of\s+)?(?:{STATES})(?:\s*[,.;!?]|\s+and\b|\s*$))",
    re.IGNORECASE,
)
#: Round 23 (test18, test25, test28, test29, test31): ids named by their own abbreviation, each
#: in its own shape after it: Nigeria's NIN (11 digits), India's PAN (five letters, four digits,
#: a letter), the US alien number ("A-number", "alien number": an A and eight or nine digits).
#: The shape is required, so "the oil pan is 2019" and "pin 1234" stay.
_TOLD = r"(?:\s+(?:number|no\.?|card))?(?:'s|\s+is|\s+was|\s+it's|:)?[\s,:]*"
_ABBREVIATED = re.compile(
    rf"\bnin\b{_TOLD}(?P<nin>\d{{11}})(?!\w)"
    rf"|\bpan\b{_TOLD}(?P<pan>[A-Z]{{5}}\d{{4}}[A-Z])(?!\w)"
    rf"|\b(?:a-?\s?number|alien\s+(?:registration\s+)?number)\b{_TOLD}"
    r"(?P<alien>A[\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{2,3}|A?\d{8,9})(?!\w)"
    # round 25 (test26, test47; test41): another country's social number, by its name: Canada's
    # SIN (nine digits, three groups of three; "SIN" in capitals or after "my"/"his"/..., as
    # "sin" is a Spanish word) and Poland's PESEL (eleven digits)
    rf"|(?:(?-i:\bSIN)|\b(?:my|his|her|your|their|the)\s+sin|\bsocial\s+insurance)\b{_TOLD}"
    r"(?P<sin>\d{3}[\s-]?\d{3}[\s-]?\d{3})(?![\w-])"
    rf"|\bpesel\b{_TOLD}(?P<pesel>\d{{11}})(?!\w)",
    re.IGNORECASE,
)
#: The groups of `_ABBREVIATED` that are a social number rather than an id.
_SOCIAL_GROUPS = ("sin", "pesel")
#: Round 23 (test18, test25, test27, test29, test41): a licence's or an id's number told a few
#: words after its cue, in the same sentence ("my Nigerian driver's licence for now,
#: KJA41829AB73", "Licence number's on the front of the card, BRIER805247CJ9LK", "only my
#: matrícula consular, number MC03 1145 872"): written in capitals, a letter first and digits
#: in its first group, six digits or more in all, no year as a group. A model code ("F-150",
#: "K1500", "2500HD 4X4") has fewer digits or no letter first.
_FAR_CUE = re.compile(
    r"\b(?:licen[cs]e|id\s+number|matr[ií]cula(?:\s+consular)?|passport)\b[^.?!;]{0,60}?"
    r"(?<![\w-])(?P<value>(?-i:[A-Z](?=[A-Z0-9]*\d)[A-Z0-9]{2,}"
    r"(?:[\s-](?!(?:19|20)\d\d(?![\w-]))[A-Z0-9]*\d[A-Z0-9]*){0,3}))(?![\w-])",
    re.IGNORECASE,
)
_FAR_DIGITS = 6
#: Round 25 (test46, test47): "passport" is such a cue, and a second number of the same shape
#: after "and" in the same sentence is the second person's ("US passport for me, A0..., and
#: Canadian for her, HK...").
_FAR_NEXT = re.compile(
    r"[^.?!;]{0,10}?\band\b[^.?!;]{0,30}?"
    r"(?<![\w-])(?P<value>(?-i:[A-Z](?=[A-Z0-9]*\d)[A-Z0-9]{2,}))(?![\w-])",
    re.IGNORECASE,
)
_RFC = re.compile(
    r"\b[A-ZÑ&]{3,4}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[A-Z0-9]{3}\b", re.IGNORECASE
)


def find(text: str) -> Iterator[Span]:
    """Spans of the view that are licence numbers (the number only, not the cue)."""
    for match in _LICENSE.finditer(text):
        value = match.group("value")
        if sum(ch.isdigit() for ch in value) >= _MIN_DIGITS:
            yield Span(match.start("value"), match.end("value"), Kind.LICENSE)
    for match in _FAR_CUE.finditer(text):
        if sum(ch.isdigit() for ch in match.group("value")) >= _FAR_DIGITS:
            yield Span(match.start("value"), match.end("value"), Kind.LICENSE)
            after = _FAR_NEXT.match(text, match.end("value"))
            if after is not None and sum(ch.isdigit() for ch in after["value"]) >= _FAR_DIGITS:
                yield Span(after.start("value"), after.end("value"), Kind.LICENSE)
    for match in _ABBREVIATED.finditer(text):
        group = next(name for name in ("nin", "pan", "alien", *_SOCIAL_GROUPS) if match.group(name))
        kind = Kind.SSN if group in _SOCIAL_GROUPS else Kind.LICENSE
        yield Span(match.start(group), match.end(group), kind)
    for match in _STATED.finditer(text):
        yield Span(match.start("value"), match.end("value"), Kind.LICENSE)
    for pattern in (_CURP, _RFC, _NATIONAL, _SHAPED):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), Kind.LICENSE)
