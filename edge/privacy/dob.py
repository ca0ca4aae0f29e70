"""Dates of birth: after a cue, or whole with a birth year.

After a cue: "born on March 3rd 1985", "my date of birth is 03/03/85", "nació el 09/07/1968";
anywhere when a date is whole and its year is one of a living
adult's birth (1920-2008: "04/11/1962, if you need that for the form", "1999-08-23",
"el 3 de marzo de 1985"). Model years (2009 on) and dates without a year stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.spans import Kind, Span

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|thirtieth"
)
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORD})"
_YEAR = r"(?:(?:19|20)\d\d|'\d\d|\d\d)"
#: A day, month or year said in words where the spoken view keeps them ("nineteen").
_SMALL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)"
)
_PART = rf"(?:\d{{1,4}}|{_SMALL})"
#: Spanish number words up to 99 ("doce", "cero cuatro", "setenta y cinco").
_ES_UNIT = r"(?:cero|uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_ES_SMALL = (
    rf"(?:(?:treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)(?:\s+y\s+{_ES_UNIT})?"
    r"|diez|once|doce|trece|catorce|quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|"
    r"veinte|veinti(?:un|uno|una|d[oó]s|tr[eé]s|cuatro|cinco|s[eé]is|siete|ocho|nueve)|"
    rf"{_ES_UNIT}(?:\s+{_ES_UNIT})?)"
)
#: The years first: "dos mil dos" is one part, not "dos" and two words more.
_ES_PART = (
    rf"(?:mil\s+novecientos(?:\s+{_ES_SMALL})?|dos\s+mil(?:\s+{_ES_SMALL})?|\d{{1,4}}|{_ES_SMALL})"
)
_SEP = r"(?:slash|dash|stroke|barra|diagonal|guion)"
#: "oh four slash nineteen slash eighty two", "doce barra cero cuatro barra setenta y cinco":
#: the parts of a written date read with "slash".
_READ = (
    rf"{_PART}\s+{_SEP}\s+{_PART}\s+{_SEP}\s+{_PART}\b"
    rf"|{_ES_PART}\s+{_SEP}\s+{_ES_PART}\s+{_SEP}\s+{_ES_PART}\b"
)
#: After a cue only: "doce del cuatro del setenta y cinco", "the date four twelve seventy five"
#: (the spoken view writes "41275"), "april twelve seventy five" ("april 1275").
_SPOKEN = (
    rf"{_ES_PART}\s+del?\s+{_ES_PART}\s+del?\s+{_ES_PART}\b"
    # round 23 (test32, test36): "date of birth nine nine ninety" ("9990"), "three three oh
    # eight" ("3308"): a month, a day and a year in four digits, and "12 25 1990" said apart
    rf"|\d{{4,5}}\b|\d{{1,2}}\s\d{{1,2}}\s(?:19|20)\d\d\b"
    rf"|{_MONTH}\s+\d{{3,4}}\b"
)
_ES_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre)"
)
#: Round 23 (test29): "two thousand and two" is "2000 and two" in the spoken view.
_YEAR_SAID = rf"(?:2000\s+and\s+{_SMALL}\b|{_YEAR})"
_DATE = (
    rf"{_READ}"
    rf"|{_DAY}\s+de\s+{_ES_MONTH}(?:\s+(?:de|del)\s+{_YEAR})?\b"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s*(?:of\s+)?{_YEAR})?\b"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR_SAID})?\b"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b"
    rf"|\d{{6,8}}\b"
    # round 23 (test37): the year first, "nineteen fifty nine may the eighth"
    rf"|(?:19|20)\d\d,?\s+{_MONTH}\s+(?:the\s+)?{_DAY}\b"
    rf"|{_MONTH}\s+(?:of\s+)?(?:19|20)\d\d\b"
    r"|(?:19|20)\d\d\b"
)
_CUE = (
    r"\b(?:born(?:\s+(?:on|in))?|date\s+of\s+birth|birth\s*date|birthday|"
    r"d\.?\s?o\.?\s?b\.?|fecha\s+de\s+nacimiento|cumplea[ñn]os|"
    r"nac(?:[ií]|i[oó]|imos|ieron)(?:\s+(?:el|en))?|nacid[oa]s?(?:\s+(?:el|en))?)"
)
_DOB = re.compile(
    # round 15: Spanish fillers too ("fecha de nacimiento este doce del siete del ...")
    # round 18: the cue asked ("¿tu fecha de nacimiento? doce del once del ochenta")
    rf"{_CUE}[\s,:?]*(?:(?:is|was|it's|it is|'s|es)[\s,:]+)?(?:el\s+)?"
    r"(?:(?:uh|um|eh|este|pues|o\s+sea)[\s,]+){0,2}"
    rf"(?P<date>{_DATE}|{_SPOKEN})",
    re.IGNORECASE,
)


#: A birth year of a living adult: 1920-2008 (a car's model year is 2009 or later).
_BIRTH_YEAR = r"(?:19[2-9]\d|200[0-8])"
#: Whole dates with a birth year, without a cue: numeric (day, month and year in either
#: order, or ISO), "March 3rd, 1985", "3 March 1985", "3 de marzo de 1985".
_WHOLE = re.compile(
    rf"(?<![\w/.-])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]{_BIRTH_YEAR}"
    rf"|{_BIRTH_YEAR}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|{_MONTH}\s+{_DAY},?\s*(?:of\s+)?{_BIRTH_YEAR}"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s*{_BIRTH_YEAR}"
    rf"|\d{{1,2}}\s+de\s+{_ES_MONTH}\s+(?:de|del)\s+{_BIRTH_YEAR})(?![\w/-])",
    re.IGNORECASE,
)
#: Round 18 (test24, es_test26; older: test6, test8, test9, es_test4, es_test7, ...): a whole date
#: whose year is two digits of the last century (30-99: "9-22-68", "el 17 de junio del 82");
#: the day and month in range, so "sort code 20-45-77" is no date. Every such date read in the
#: retired files is a birth: a model year is said whole or alone ("a 2019", "an '08").
_DAY_OR_MONTH = r"(?:0?[1-9]|[12]\d|3[01])"
_SHORT_YEAR = r"[3-9]\d"
#: Spanish words: "veintiuno del once del ochenta y ocho", "tres del cinco de mil novecientos
#: noventa" (es_test24, es_test26; after a cue in es_test9 and older); the year is a decade
#: of the last century, so "el dos del tres" and "del dos mil veinte" stay.
_ES_DECADE = (
    rf"(?:mil\s+novecientos\s+)?(?:treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)"
    rf"(?:\s+y\s+{_ES_UNIT})?"
)
_ES_MONTH_WORD = r"(?:cero\s+)?(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)"
_SHORT = re.compile(
    rf"(?<![\w/.-])(?:{_DAY_OR_MONTH}[/.-]{_DAY_OR_MONTH}[/.-]{_SHORT_YEAR}"
    rf"|\d{{1,2}}\s+de\s+{_ES_MONTH}\s+del?\s+'?{_SHORT_YEAR}"
    # round 23 (test34, test37): a month, a day and the year's last two after an apostrophe
    # ("September 9th, '68"); a model year is said alone ("a '68 Mustang")
    rf"|{_MONTH}\s+{_DAY},?\s*'{_SHORT_YEAR}"
    rf"|{_ES_SMALL}\s+del?\s+{_ES_MONTH_WORD}\s+del?\s+{_ES_DECADE})(?![\w/-])",
    re.IGNORECASE,
)


#: Round 25 (test40, test42): a day and a month (or six digits, the spoken view's "oh four
#: twelve eighty two") a few words after the cue ("date of birth sir ...", "my birthday's next
#: week actually the ninth of march"): words only between, in the same sentence, and "the"
#: outside the date.
_FAR = re.compile(
    rf"{_CUE}(?:'s)?(?:,?\s+(?!(?:and|or|but|for|the|on|in|is|was|of)\b)[a-z']+){{1,3}}?,?\s+(?:the\s+)?"
    rf"(?P<date>(?:{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR_SAID})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s*(?:of\s+)?{_YEAR})?|\d{{6}})\b)",
    re.IGNORECASE,
)


def find(text: str) -> Iterator[Span]:
    """Spans of the view that are dates of birth (the date only, not the cue)."""
    for match in _DOB.finditer(text):
        yield Span(match.start("date"), match.end("date"), Kind.DOB)
    for match in _FAR.finditer(text):
        yield Span(match.start("date"), match.end("date"), Kind.DOB)
    for pattern in (_WHOLE, _SHORT):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), Kind.DOB)
