"""Groups, firms, cars and trades taken for names, vetoed after the join (round 17).

Issue 18, round 17: a name span is no person's when it is

- a military branch: "i'm retired Navy", "a Marine for twenty years", "ex-Army" (a closed
  class: Navy, Army, Marines, Air Force, Coast Guard, National Guard, Space Force);
- a lender, a bank or an insurer by its context: after a word of money and "with", "through",
  "con", ... ("the insurance with Progressive", "el seguro con Qualitas", "financed through
  Ally") or after a plural of them and "are"/"son" ("our lenders are Ally and ..."), unless a
  person's word is between ("my loan officer is Sarah", "the financing is through my cousin
  Mike"); or with a firm's word after it ("Navy Federal Credit Union", "Seguros Atlas");
- a car: a make or model after an article, a possessive, a demonstrative or a model year ("a
  Dodge guy", "her '98 Buick LeSabre", "ese Cronos"), with any model words after it that are
  no listed name; a trim's name before "trim"/"edition"/"versión" ("the Big Bend trim");
- a trade, or the employer after one: a lower-case head noun of a job title of Faker's job
  lists ("a dental hygienist", "es contador"), a capitalised name right after a trade and
  "at"/"for"/"en" ("a nurse at Baptist", "mechanic for Ford").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, words

#: The branches of the armed forces (all of the span's words among these).
MILITARY = words("navy army marine marines corps air force coast guard national space usmc")
_MONEY = (
    r"insurance|insured|insurer|insure|seguro|aseguradora|asegurad[oa]|p[oó]liza|lender|"
    r"loan|financing|financed|finance|bank|banco|financiera|cr[eé]dito|credit\s+union|"
    r"pr[eé]stamo|lease|leasing|arrendadora|refinanced?"
)
_PERSON = (
    r"officer|agent|guy|lady|rep|representative|advisor|adviser|manager|asesora?|agente|"
    r"ejecutiv[oa]|gerente|señora?|licenciad[oa]|contact|contacto|person|persona|named|"
    r"called|llamad[oa]|name|nombre|my|mi|his|her|su|cousin|brother|sister|friend|buddy|primo|prima|"
    r"hermano|hermana|amig[oa]|uncle|t[ií][oa]|dad|mom|pap[aá]|mam[aá]"
)
#: A money word, then "with"/"con"/... right before the span; or a plural of one, then
#: "are"/"son"/... ("our lenders are Ally and Capital One"); not "the lease is Yuki Tanaka".
_MONEY_WITH = re.compile(
    rf"\b(?:(?:{_MONEY})\b(?P<between>(?:\s+[\w']+){{0,4}}?)\s+"
    r"(?:with|through|thru|via|from|at|by|con|por|en)|"
    rf"(?:{_MONEY})(?:e?s)\s+(?:are|include|like|son|incluyen|como))"
    r"\s+(?:[A-Z][\w&]*\s+(?:and|or|y|o)\s+)?$",
    re.IGNORECASE,
)
_PERSON_WORD = re.compile(rf"\b(?:{_PERSON})\b", re.IGNORECASE)
#: A firm's word after its name.
_FIRM_AFTER = re.compile(
    r"\s+(?:Bank|Insurance|Financial|Credit\s+Union|Auto\s+Finance|Mutual|Federal|Seguros|"
    r"Financiera|Banco|Capital|Motors|Hospital|Health|Medical\s+Center)\b"
)
#: Models of the Mexican and South American market and older US ones that `vocab.CARS` (a
#: feature of the finders and the tagger) lacks; none is a listed first name. Round 19: the
#: Seat León, the Ford Lobo, the Toyota Vios, the Chevelle ("un León del 2012", "esa Lobo",
#: "a 2021 Vios"), each after an article, a demonstrative or a year ("del", "al" too).
MODELS = words(
    """vocho cronos creta hiace cavalier captiva kangoo oroch koleos stepway tarraco lesabre
    bonneville lumina cutlass datsun rav4 4runner cx5 cx30 xtrail s10 np300
    leon león lobo vios chevelle"""
)
#: A trim's or an edition's word after its name: "the Big Bend trim", "la versión ... Limited".
_TRIM_AFTER = re.compile(
    r"\s+(?:trim|trims|edition|package|paquete|versi[oó]n|acabado)\b", re.IGNORECASE
)
#: What stands before a make when it is the car ("a Dodge", "her '98 Buick", "la Chevy").
_CAR_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|my|his|her|their|our|your|that|this|un|una|el|la|del|al|mi|tu|su|esa|ese|esta|este|"
    r"old|new|used)|'\d\d|\b(?:19|20)\d\d)\s+$",
    re.IGNORECASE,
)
#: A word, with its apostrophes and hyphens (also firms.py's).
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
#: A trade, then "at"/"for"/"en"/...: an employer follows.
_AT_WORK = re.compile(r"\b(?P<trade>[a-záéíóúñ]+)\s+(?:at|for|with|en|para)\s+(?:the\s+)?$")


@cache
def trades() -> frozenset[str]:
    """Head nouns of Faker's English and Spanish job titles ("hygienist", "contador")."""
    from faker.providers.job import Provider as English
    from faker.providers.job.es import Provider as Spanish

    heads = set()
    for title in English.jobs:
        heads.add(WORD.findall(title.split(",")[0])[-1].lower())  # "Dental hygienist"
    for title in Spanish.jobs:
        heads.add(WORD.findall(title)[0].lower())  # "Maestro de enseñanza primaria"
    return frozenset(h for h in heads if len(h) > 3)


def _military(said: list[str]) -> bool:
    return all(w.lower() in MILITARY for w in said)


def _firm(text: str, span: Span) -> bool:
    before = text[max(0, span.start - 60) : span.start]
    money = _MONEY_WITH.search(before)
    if money is not None and not _PERSON_WORD.search(money.group("between") or ""):
        return True
    return _FIRM_AFTER.match(text, span.end) is not None


def _car(text: str, span: Span, said: list[re.Match[str]], name: Callable[[str], bool]) -> bool:
    if _TRIM_AFTER.match(text, span.end):
        return True
    for index, word in enumerate(said):
        car = word.group().lower()
        if (car not in CARS and car not in MODELS) or not _CAR_BEFORE.search(
            text, max(0, span.start - 30), word.start()
        ):
            continue
        rest = [w.group() for i, w in enumerate(said) if i != index]
        # words before the make lower case ("kind of a Dodge"), after it a model, no name
        if all(w[0].islower() or not name(w.lower()) for w in rest):
            return True
    return False


def _trade(text: str, span: Span, said: list[str], name: Callable[[str], bool]) -> bool:
    if len(said) == 1 and said[0].islower() and not name(said[0]):
        return said[0] in trades()
    work = _AT_WORK.search(text, max(0, span.start - 40), span.start)
    return work is not None and work.group("trade") in trades()


#: Round 23 (es_test33, es_test40): a caller's first name, "de" and the firm's ("le habla
#: Arturo de Sol Motors"): the firm's words go back, the person's name stays a name.
_PERSON_OF_FIRM = re.compile(r"([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s+(?:de|del)\s+[A-Z]")


def _person_of_firm(text: str, span: Span, name: Callable[[str], bool]) -> Span | None:
    """The listed first name before "de" in a firm's name span, as a span of its own."""
    head = _PERSON_OF_FIRM.match(text, span.start, span.end)
    if head is None or not name(head.group(1).lower()):
        return None
    return Span(span.start, head.end(1), Kind.NAME)


def drop(text: str, spans: list[Span], name: Callable[[str], bool]) -> list[Span]:
    """`spans` without the name spans that are a group, a firm, a car or a trade.

    `name` says whether a lower-case word is a listed first or last name.
    """
    out = []
    for span in spans:
        if span.kind is Kind.NAME:
            found = list(WORD.finditer(text, span.start, span.end))
            said = [m.group() for m in found]
            if said and _firm(text, span):
                person = _person_of_firm(text, span, name)
                if person is not None:
                    out.append(person)
                continue
            if said and (
                _military(said) or _car(text, span, found, name) or _trade(text, span, said, name)
            ):
                continue
        out.append(span)
    return out
