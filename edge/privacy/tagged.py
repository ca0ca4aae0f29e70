"""What the learned tagger may add to the rules' spans, and under which name.

The tagger (`tagger.Tagger`) knows words, not the rules' reasons. Where it overlaps a span of
the rules, it may widen it ("maría elena" → "maría elena castillo"), and the rules' kind names
the result. Where it finds something on its own, the rules' vetoes still hold:

- the dealership's own address and stock numbers (`business.drop`, and an address after
  "your (other) location" of `address.THEIRS`);
- numbers alone: dates that are no birth date, prices, mileage, years ("on 03/15/2019",
  "the price tag is 32000"), and a few letters read one by one ("the VIN ends in r t cuatro").
  The rules find every number that is a detail by its format or cue, so the tagger adds
  words, and numbers only when they are an id read out piece by piece (seven pieces or more, no
  word of an amount); it never adds a bare number at the end of a rule's span ("calle Juárez
  45 | 20 minutos"), a unit's letter yes ("departamento cinco | b"), and a ZIP close after
  an address of the rules ("..., San Antonio, 78214");
- a name that is a place by its context: after "in"/"en"/"near", after a verb of moving
  ("ship it to Kelowna"), before "Hills"/"Street" or after "Santa"/"Fort" (`places`,
  `vocab.PLACE_BEFORE`/`PLACE_AFTER`), or a word that is never a name (`vocab.NOT_NAMES`);
- round 17's classes of words the tagger takes at low thresholds: a cue word alone never widens
  a rule's span ("zip | code ninety two ..."; by the span conventions the cue is outside the
  detail); a possessive pronoun is no detail ("la cédula venezolana mía es ..."); a price said
  with its verb is no address ("el pasaje cuesta trescientos cincuenta"); a house or unit word
  after an article is a thing, and (round 18) so is what follows it ("vivo en la casa | doce de
  la privada"); digits after an English address widen it only as a ZIP of 5 or 9 ("12 oak lane,
  | seven eight seven four five six"); a lower-case everyday word said of a thing after a
  copula is its state ("the plate is bent", "la camioneta fue gloria").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy import address, business, frequency, spoken
from edge.privacy.language import spanish
from edge.privacy.mentions import NOT_PERSON, after_article
from edge.privacy.name_cues import ES_INTERJECTIONS, PEOPLE
from edge.privacy.places import placed
from edge.privacy.spanish_cues import LOWER_ZIPF
from edge.privacy.spans import Kind, Span, merge
from edge.privacy.tagger import NUMBER_WORDS, Token, tokens
from edge.privacy.tagger_cues import CUES, fold
from edge.privacy.vocab import CARS, NOT_NAMES, PLACE_AFTER, PLACE_BEFORE, acronym, words

#: Words right before a name-like word that make it a place: "in Dolores", "cerca de" is the
#: finders' (a "de" also opens surnames: "la camioneta de Rosario").
_IN = words("in en near cerca hacia desde")
#: `vocab.PLACE_BEFORE` without the articles: "dile a la Lupe" is a name.
_BEFORE = PLACE_BEFORE - words("el la los las")
#: A word this frequent (Zipf, the higher of English and Spanish) is in every sentence: "then",
#: "down", "in", "may", "will"; it is no word that makes a detail of numbers, and said alone
#: in lower case no name the tagger adds.
FUNCTION_ZIPF = 5.8
#: At least this Zipf makes a word no widening of a rule's span ("born | in" 7.3, "the";
#: "im | will thornton" 6.45 may be).
WIDEN_ZIPF = 6.5
#: At least this English Zipf makes a lower-case word alone no name the tagger adds ("may"
#: 6.0, "will" 6.5; not "mark" 5.1 of "if mark calls"), when the rules did not take it.
NAME_ZIPF = 5.5
#: And this Spanish Zipf, the bound of the rules' own lower-case Spanish names
#: (`spanish_cues.LOWER_ZIPF`: "sol" 5.1 is no name, "mercedes" 4.2 may be).
NAME_ZIPF_ES = LOWER_ZIPF
#: Colours that are also first names: a lower-case one is the colour ("negra y celeste").
COLOURS = words("""celeste rosa violeta blanca rubí rubi perla esmeralda ámbar ambar amber ruby
    rose violet scarlet scarlett hazel olive ginger jade pearl ivory sienna coral amethyst""")
_I_AM = words("i'm im am")
#: Object pronouns: a lower-case word right before one is a verb ("grant me that").
_OBJECTS = words("me us him them it")
_DOMAIN = words("dot punto")
#: The word before a span, with its apostrophe ("i'm").
_PREVIOUS = re.compile(r"([\w']+)[^\w']*$")
#: What a speaker says between details: never a detail's word.
_FILLERS = words("ok okay yes yeah yep no nope si sí bueno um uh so well right")
_CONTRACTION = re.compile(r"['\u2019]t\b")
_CALENDAR = words("""january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday enero febrero
    marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes
    miércoles jueves viernes sábado domingo spring summer autumn fall winter primavera verano
    otoño invierno""")
#: Round 23: the ordinals of a day of the month ("July fifth", "december thirtieth", "the 1st")
#: and the words that put a date in a sentence ("due", "on", "by", "until"): with calendar words
#: alone, no name (test35, test37; "April" in test32).
_DAY_ORDINALS = words("""first second third fourth fifth sixth seventh eighth ninth tenth
    eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth
    nineteenth twentieth thirtieth 1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th 13th 14th
    15th 16th 17th 18th 19th 20th 21st 22nd 23rd 24th 25th 26th 27th 28th 29th 30th 31st""")
_DATE_WORDS = words("due on by until till since before after of the")
#: A month followed straight by a number (no "de", "del", "of" between): a street and its house.
_HOUSE_NUMBER = re.compile(r"\b(?:" + "|".join(sorted(_CALENDAR)) + r")\s*,?\s+\d", re.IGNORECASE)
#: Words naming a street right before its name ("calle 5 de mayo", "avenida 16 de septiembre").
_STREET_WORDS = words("""calle avenida av avda bulevar boulevard blvd calzada privada carrera
    paseo camino street st avenue ave road rd""")
#: "in kim's name": after "in", the owner of a name is no place.
_IN_NAME = re.compile(r"['\u2019]s\s+name\b", re.IGNORECASE)
_CUT = re.compile(r"[,.;!?](?=\s|$)")
#: Words that join two others: no detail alone.
_JOINING = words("o y e u or and de del of")
#: At least this many pieces make numbers and letters alone an id read out: a phone without its
#: area code has seven, a ZIP five (the rules find those after an address); a date, a price
#: or a year at most three ("03/15/2019").
READ_OUT = 7
#: At most this many characters from an address's end to a ZIP the tagger found after it.
ZIP_REACH = 40
_FIVE = re.compile(r"\d{5}")
#: Words of an amount: a price, a mileage or a year, not an id read out.
AMOUNT = words(
    """hundred thousand million grand dollars bucks miles percent cien ciento cientos
    doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos
    novecientos mil millón millon millones pesos dólares dolares euros"""
)
#: The single words of the tagger's cue phrases (`tagger_cues.CUES`, folded: "zip", "numero",
#: "placa") and the second words of cues ("zip code", "código postal"). By the span conventions
#: a cue is outside its detail, so it widens no span of the rules.
CUE_WORDS = frozenset(w for phrases in CUES.values() for p in phrases for w in p.split()) | words(
    "code codigo postal digits digitos"
)
#: A cue before a copula announces its detail ("the street is elm"); a plate's may be a state.
_CUE_SUBJECTS = CUE_WORDS - words("plate plates placa placas")
#: Possessive pronouns: "la cédula venezolana mía", "the blue one is mine".
POSSESSIVES = words("""mía mío mías míos mia mio mias mios tuya tuyo tuyas tuyos suya suyo
    suyas suyos nuestra nuestro nuestras nuestros vuestra vuestro mine yours hers ours theirs""")
#: Verbs of a price: the number after them is an amount ("el pasaje cuesta trescientos").
PRICE_VERBS = words("""cuesta cuestan costó costaba costaría costarían vale valen valía
    valdría cost costs costed costing priced""")
#: Words of a house or a unit; after an article they are a thing ("la casa doce de la privada",
#: "the house on the corner"), not a unit of an address ("casa doce, privada los pinos").
HOUSE_WORDS = words("""casa casita house home departamento depa depto apartamento apartment
    edificio building privada piso""")
#: Articles ("a" is also the Spanish preposition: "mándalo a casa nueve").
_THE = words("the an el la los las un una")
#: Determiners before the thing a state is said of ("the plate", "mi troca", "esa pintura").
DETERMINERS = words("""the a an my your his her our their this that these those el la los las
    un una mi mis tu tus su sus nuestra nuestro este esta estos estas ese esa esos esas""")
#: A copula: "<a thing> is <its state>" ("the plate is bent", "la camioneta fue gloria").
_COPULA = words("is was were are es fue era está esta estaba están estan quedó quedo")
#: Words for a person (or a name) before a copula: the word after it may be a name ("my wife
#: is gloria", "the buyer was mike", "mi nombre es rocío").
PERSONS = (
    PEOPLE
    | NOT_PERSON
    | words("""name names nombre apellido wife husband son daughter brother sister partner
    friend boyfriend girlfriend fiance fiancee mother father grandson granddaughter cousin uncle
    aunt coworker colleague neighbor neighbour roommate salesman saleswoman salesperson seller
    manager rep agent owner cosigner esposa esposo marido mujer hijo hija hermano hermana suegro
    suegra novio novia amigo amiga jefe jefa mamá papá tío tía tio tia primo prima cuñado cuñada
    vendedor vendedora asesor asesora gerente dueño dueña señor señora señorita muchacho muchacha
    chavo chava niño niña nieto nieta sobrino sobrina compadre comadre who quien quién""")
)
#: A word this frequent (Zipf, the higher of English and Spanish) after a thing and a copula is
#: a word ("bent", "gloria"), not an id such as a vanity plate ("goblue").
STATE_ZIPF = 3.0


def join(
    text: str, ruled: list[Span], tagged: list[Span], first_name: Callable[[str], bool]
) -> list[Span]:
    """The rules' spans with what the tagger adds to them (merged, in order).

    `first_name` says whether a lower-case word is a listed first name (`places.placed`).
    """
    out = list(ruled)
    toks = tokens(text)
    theirs = address.THEIRS.search(text)
    for span in business.drop(text, _pieces(text, tagged)):
        if _in_word(text, span):
            continue  # "co-signer": a part of a word
        over = [rule for rule in ruled if rule.start < span.end and span.start < rule.end]
        if not over and span.kind is Kind.ADDRESS and theirs and theirs.end() <= span.start:
            continue  # "is your other location on 12 Main Street": the dealership's

        inside = [t for t in toks if span.start <= t.start < span.end]
        if over:
            beyond = [t for t in inside if not any(r.start <= t.start < r.end for r in over)]
            if _fillers(beyond):
                continue  # "spelled w i e r z b i c k i | ok", "born | in": fillers alone
            if _cues(beyond):
                continue  # "zip | code ninety two six eighteen": the cue, not the detail
            if _no_zip(text, over, beyond, toks):
                continue  # "12 oak lane, | seven eight seven four five six": no ZIP
            if _worded(beyond, WIDEN_ZIPF) or _letters(beyond) or _read_out(inside):
                out.append(Span(span.start, span.end, over[0].kind))  # not "Juárez 45" + "20"
        elif _worded(inside):
            if _kept(text, span, inside, toks, first_name):
                out.append(span)
        elif _read_out(inside) or _zip(text, span, ruled):
            out.append(span)
    return merge(out)


def _pieces(text: str, tagged: list[Span]) -> list[Span]:
    """The tagger's names cut at a comma or a full stop ("omar bin rashid, yes, bin rashid").

    Not its numbers: a phone is read with commas ("nine one five, cinco cinco cinco, ...").
    """
    out = []
    for span in tagged:
        if span.kind is not Kind.NAME:
            out.append(span)
            continue
        start = span.start
        for cut in _CUT.finditer(text, span.start, span.end):
            if cut.start() > start:
                out.append(Span(start, cut.start(), span.kind))
            start = cut.end()
        if start < span.end:
            out.append(Span(start, span.end, span.kind))
    return out


def _in_word(text: str, span: Span) -> bool:
    """Whether `span` starts or ends inside a word ("co-|signer|", "|aren|'t")."""
    before = text[span.start - 1] if span.start else " "
    after = text[span.end] if span.end < len(text) else " "
    return (
        (before == "-" and span.start > 1 and text[span.start - 2].isalnum())
        or (after == "-" and span.end + 1 < len(text) and text[span.end + 1].isalnum())
        or _CONTRACTION.match(text, span.end) is not None  # "aren|'t"
    )


def _zip(text: str, span: Span, ruled: list[Span]) -> bool:
    """Whether `span` is five digits close after an address of the rules' ("..., 78214")."""
    return bool(_FIVE.fullmatch(text[span.start : span.end])) and any(
        rule.kind is Kind.ADDRESS and 0 <= span.start - rule.end <= ZIP_REACH for rule in ruled
    )


def _cues(beyond: list[Token]) -> bool:
    """Whether `beyond` is cue words alone ("code", "celular es", "número de"): no widening.

    Beside the cues, only words of every sentence ("is", "es", `WIDEN_ZIPF`) and fillers.
    """
    said = [fold(w) for w in _alnum(beyond)]
    return any(w in CUE_WORDS for w in said) and all(
        w in CUE_WORDS or w in _JOINING or w in _FILLERS or frequency.most(w) >= WIDEN_ZIPF
        for w in said
    )


def _no_zip(text: str, over: list[Span], beyond: list[Token], toks: list[Token]) -> bool:
    """Whether `beyond` is digits alone after an address, other than a ZIP's 5 or 9 (English).

    "we live at 12 oak lane, seven eight seven four five six": six digits are no US ZIP. A
    Spanish postal code may have 4 to 7 (Colombia 6, Chile 7): Spanish lines are not asked.
    """
    said = _alnum(beyond)
    if (
        not said
        or not any(r.kind is Kind.ADDRESS for r in over)
        or spanish([t.text.lower() for t in toks])
    ):
        return False
    if not all(w.isdigit() or w in NUMBER_WORDS for w in said):
        return False
    digits = sum(c.isdigit() for c in spoken.view(text[beyond[0].start : beyond[-1].end]).text)
    return digits not in (5, 9)


def _state(words_: list[str], index: int, said: list[str]) -> bool:
    """Whether one lower-case word at `index` is said of a thing after a copula.

    "the plate is bent", "la camioneta fue gloria": the word before the copula is a noun after
    a determiner, no person's word nor "name", and the word is an everyday one
    (`STATE_ZIPF`); "my wife is gloria", "my plate is goblue" are kept, and so are "quien me
    atendió fue neto", "che está facundo" (a verb or a filler before the copula).
    """
    if len(said) != 1 or not said[0].islower() or index < 3:
        return False
    determiner, subject, copula = words_[index - 3], words_[index - 2], words_[index - 1]
    return (
        determiner in DETERMINERS
        and copula in _COPULA
        and subject.isalpha()
        and subject not in PERSONS
        and fold(subject) not in _CUE_SUBJECTS
        and frequency.most(said[0].lower()) >= STATE_ZIPF
    )


def _a_house(toks: list[Token], at: int, lowered: list[str]) -> bool:
    """Whether the span at token `at` is a house said with its article, or what follows one.

    "la casa doce de la privada" and, round 18, "la casa | doce de la privada" (the tagger's
    span after the house word): a house, not a unit of an address ("casa doce, privada los
    pinos" has no article).
    """
    said = [t.text.lower() for t in toks]
    if lowered and lowered[0] in HOUSE_WORDS and at and said[at - 1] in _THE:
        return True
    return at > 1 and said[at - 1] in HOUSE_WORDS and said[at - 2] in _THE


def _a_date(text: str, span: Span, worded: list[str]) -> bool:
    """Numbers and calendar words only, no street word right before: a date, not an address.

    Round 18, on the merge: the retrained tagger at 0.4 takes "9 de octubre del 2024" for an
    address. Streets named for a date keep their street word ("calle 5 de mayo 214",
    "avenida 16 de septiembre").
    """
    if not worded or not all(w in _CALENDAR for w in worded):
        return False
    if _HOUSE_NUMBER.search(text, span.start, span.end):
        return False  # "5 de Mayo 214": a number right after the month is a house's
    before = _PREVIOUS.search(text, 0, span.start)
    return before is None or before.group(1).lower() not in _STREET_WORDS


def _before_word(toks: list[Token], inside: list[Token]) -> str:
    """The lower-case word right before `inside`, or ""."""
    at = toks.index(inside[0])
    return toks[at - 1].text.lower() if at else ""


def _written_with_capitals(text: str) -> bool:
    """Whether `text` is written with capitals: its first letter is one (not an ASR's).

    Asked of English lines only.

    Round 23: in such a line a name is capitalised, so a lower-case word alone that the
    tagger took and the rules did not is a word ("taught me patience", "fender bender",
    "pay stubs", "refinance"; test29, test31, test38). Not a span with a number in it: "...,
    apartment 3B" is a unit (test21, test26, es_test21).
    """
    first = next((c for c in text if c.isalpha()), "")
    return first.isupper()


def _number_after(toks: list[Token], inside: list[Token]) -> bool:
    """Whether a number comes later in the line: a year that may make the day a birth date.

    "June fifth, no sorry, June fifteenth, eighty-nine" (test33): a date of birth corrected.
    """
    at = toks.index(inside[-1]) + 1
    return any(
        any(c.isdigit() for c in t.text) or t.text.lower() in NUMBER_WORDS for t in toks[at:]
    )


def _a_day(lowered: list[str], before: str) -> bool:
    """Whether a name span is a day of a month: calendar words, a day's ordinal, date words.

    "due July fifth" (a month among them), or an ordinal alone right after a month ("december
    | thirtieth"). Whether the day is a birth date is for the rules (`dob`) and the tagger's
    `dob` kind, not its names.
    """
    said = [w for w in lowered if w.isalpha() or w in _DAY_ORDINALS]
    if not said or not all(w in _CALENDAR or w in _DAY_ORDINALS or w in _DATE_WORDS for w in said):
        return False
    month = any(w in _CALENDAR for w in said)
    return (month and any(w in _DAY_ORDINALS for w in said)) or (
        before in _CALENDAR and all(w in _DAY_ORDINALS for w in said)
    )


def _alnum(inside: list[Token]) -> list[str]:
    return [t.text.lower() for t in inside if t.text.isalnum()]


def _fillers(beyond: list[Token]) -> bool:
    """Whether `beyond` is fillers or words of every sentence alone ("ok", "in"; not "will")."""
    said = _alnum(beyond)
    return bool(said) and all(w in _FILLERS or frequency.most(w) >= WIDEN_ZIPF for w in said)


def _worded(inside: list[Token], bound: float = FUNCTION_ZIPF) -> bool:
    """Whether a word is among `inside` that makes it more than numbers.

    Not letters read one by one, nor words of every sentence ("then", "down", "in": Zipf
    `bound` or more) or fillers ("ok", "yes").
    """
    return any(
        len(w) > 1
        and w.isalpha()
        and w not in NUMBER_WORDS
        and w not in _FILLERS
        and frequency.most(w) < bound
        for w in _alnum(inside)
    )


def _letters(inside: list[Token]) -> bool:
    """Whether `inside` is letters alone, one by one ("5 B": a unit's letter)."""
    said = _alnum(inside)
    return bool(said) and all(len(w) == 1 and w.isalpha() for w in said)


def _read_out(inside: list[Token]) -> bool:
    """Whether `inside` is an id read out piece by piece ("d seven seven four one two nine").

    At least `READ_OUT` pieces, and no word of an amount ("thirty two thousand", "mil
    doscientos"), which a price, a mileage or a year would have.
    """
    said = _alnum(inside)
    return len(said) >= READ_OUT and not any(w in AMOUNT for w in said)


def _following(toks: list[Token], inside: list[Token]) -> str:
    """The lower-case word right after `inside`, or ""."""
    at = toks.index(inside[-1]) + 1
    return toks[at].text.lower() if at < len(toks) else ""


def _lower_name(word: str, previous: str, after: str, in_spanish: bool) -> bool:
    """Whether a lower-case word alone that the rules did not take may be a name."""
    common = frequency.zipf(word, "en") >= NAME_ZIPF or frequency.zipf(word, "es") >= NAME_ZIPF_ES
    if common or word in ES_INTERJECTIONS or word in COLOURS:
        return False  # "call me may i ask", "nel me dijo", "negra y celeste"
    if previous in _I_AM:
        return False  # "i'm lowkey into the blue one": the rules' self-introduction declined
    return after not in _OBJECTS or in_spanish  # "grant me that": a verb before its object


def _kept(
    text: str,
    span: Span,
    inside: list[Token],
    toks: list[Token],
    first_name: Callable[[str], bool],
) -> bool:
    lowered = [t.text.lower() for t in inside if t.text.isalnum()]
    worded = [w for w in lowered if w.isalpha() and w not in NUMBER_WORDS and w not in _JOINING]
    if all(w in NOT_NAMES or w in CARS or w.removesuffix("s") in CARS for w in worded):
        return False  # "Tacoma 2020 o Tundra", "three Accords": cars, years, joining words
    if all(w in POSSESSIVES for w in worded):
        return False  # "la cédula venezolana mía es ...": a pronoun
    if any(w in PRICE_VERBS for w in lowered):
        return False  # "el pasaje cuesta trescientos cincuenta": a price
    if _a_house(toks, toks.index(inside[0]), lowered):
        return False  # "vivo en la casa doce de la privada": a house, not a unit
    if span.kind is Kind.ADDRESS and _a_date(text, span, worded):
        return False  # "llegó el 9 de octubre del 2024": a date ("calle 5 de mayo" stays)
    if span.kind is not Kind.NAME:
        return True
    if all(w in _CALENDAR for w in worded):
        return False  # "until next August": a month, a day, a season ("Summer is coming")
    if _a_day(lowered, _before_word(toks, inside)) and not _number_after(toks, inside):
        return False  # "due July fifth", "december | thirtieth": a day of a month (round 23)
    if any(w in PLACE_AFTER for w in lowered[1:]):
        return False  # "Beverly Hills": a place
    if _DOMAIN & {*lowered, _following(toks, inside)}:
        return False  # "at autotrader dot com": a website
    index = toks.index(inside[0])
    words_ = [t.text.lower() for t in toks]
    before = words_[index - 1] if index else ""
    after_index = toks.index(inside[-1]) + 1
    after = words_[after_index] if after_index < len(toks) else ""
    said = [t.text for t in inside if t.text.isalpha()]
    previous = _PREVIOUS.search(text, 0, span.start)
    prior = previous.group(1).lower() if previous else ""
    if len(said) == 1 and acronym(said[0]):
        return False  # "ya con IVA": an acronym
    if _state(words_, index, said):
        return False  # "the plate is bent": a thing's state
    if (
        len(said) == 1
        and said[0].islower()
        and not _lower_name(said[0], prior, after, spanish(words_))
    ):
        return False
    alnum = [t.text for t in inside if t.text.isalnum()]
    if (
        alnum
        and all(w.isalpha() and w.islower() for w in alnum)
        and _written_with_capitals(text)
        and not spanish(words_)
    ):
        return False  # "trying to refinance through ...": a writer who capitalises names
    if before in _IN and _IN_NAME.match(text, span.end):
        return True  # "the lease is in kim's name": whose name, not a place
    if before in _IN or before in _BEFORE or after in PLACE_AFTER:
        return False
    if after_article(before, inside[0].text, spanish(words_)):
        return False  # "el pilar B", "the rosario on the mirror": a thing
    window = words_[max(0, index - 3) : index + 1]
    return not placed(window, len(window) - 1, first_name, frequency.most)
