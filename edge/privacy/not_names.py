"""Words taken for names that are not: a sentence's opening interjection, a paint colour.

Round 16, from the over-redaction of the retired files (test4-19, es_test4-19): the rules and
the tagger took for a name

- an interjection or filler opening a sentence: "wepa, ¿y la guagua ...", "wepa that blue is
  fire", "Okey, déjame checar", "Ojalá me aprueben", "¿Cachai si la garantía ...", "Ohhh,
  that's the Limited" (a letter said three times over is a sound, not a name);
- a colour's name: "Rose gold is the color", "ese rosa palo no me convence", "Rosa mexicano
  no es un color", "la de color gris Oxford", "la Jeep Wrangler en verde sarge": a name word
  with a lower-case colour word inside it or right beside it (only spaces between);
- a day of the week, said in the plural too: "we open at nine on Saturdays"; a lower-case
  Spanish trade or workplace ("mi esposa es maestra", "trabajo en una maquiladora"). Not a
  season: "my girlfriend summer" is a name.

A lower-case colour keeps "Rosa Blanco" (a surname) a name; a person addressed after the
opening ("oye Rosa", "mira, Wepa Díaz ...") is not affected.
"""

from __future__ import annotations

import re

from edge.privacy.name_cues import ES_INTERJECTIONS
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

#: Openers that are never a name there, in any case: Caribbean, Chilean, Spanglish and English
#: fillers; round 19: a begged pardon ("Pardon me, ...", "Perdone, ...") and the Filipino and
#: Nigerian English words of address ("kuya is the Sienna ...", "Oga, the Corolla ..."); round
#: 23: a title said to the listener in place of a name ("Ma'am, ...", test35; "Pastor, ...",
#: test36).
#: Round 9's `ES_INTERJECTIONS` count only in lower case ("mira the tacoma"; "Mira is coming
#: at noon" is a name).
OPENERS = words(
    """wepa cachai okey oki okay ojalá ojala chévere chevere bueno pues oh ooh uh um
    yo ay hmm wow whoa
    pardon perdone perdón perdon disculpe disculpa kuya oga
    ma'am maam madam pastor reverend"""
)
#: Basic colours and paint words, written lower case: never a name beside a name word. Not
#: "rosa" ("mi mamá rosa maría quispe", "carmen rosa delgado"): a name as often as a colour.
COLOUR = words(
    """red blue green gray grey black white silver gold golden metallic pearl quartz bronze
    beige navy maroon rojo roja azul verde gris negro negra blanco blanca plata plateado
    dorado dorada metálico metalico metálica metalica perlado café marrón marron morado
    morada amarillo amarilla naranja palo mexicano pastel"""
)
#: Days of the week (a plural "s" is stripped before the look-up).
WEEKDAYS = words(
    """monday tuesday wednesday thursday friday saturday sunday lunes martes miércoles
    miercoles jueves viernes sábado sabado domingo"""
)
#: Lower-case Spanish trades and workplaces (round 16, es_test18 and es_test20).
LOWER = words(
    """maestra maestro profesora profesor enfermera enfermero doctora
    ingeniera ingeniero abogada abogado contadora contador secretaria cajera cajero mesera
    mesero chofer soldadora soldador costurera maquiladora maquila fábrica fabrica"""
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_OPENING = re.compile(r"(?:^|[.!?¿¡]\s*|\.\.\.\s*)[¿¡\"'(]*$")
_SOUND = re.compile(r"([a-z])\1\1")


def _opener(text: str, span: Span) -> bool:
    """Whether `span` is one opening interjection ("wepa", "Okey", "Ohhh")."""
    said = text[span.start : span.end]
    if not _WORD.fullmatch(said) or not _OPENING.search(text, 0, span.start):
        return False
    low = said.lower()
    return low in OPENERS or said in ES_INTERJECTIONS or _SOUND.search(low) is not None


def _weekday(text: str, span: Span) -> bool:
    """Whether `span` is a day ("Saturdays"), a trade or a workplace ("maestra")."""
    said = text[span.start : span.end]
    low = said.lower()
    if said in LOWER:
        return True
    return low in WEEKDAYS or (low.endswith("s") and low[:-1] in WEEKDAYS)


def _coloured(text: str, span: Span) -> bool:
    """Whether `span` holds or touches a lower-case colour word ("Rose gold", "gris Oxford")."""
    inside = _WORD.findall(text[span.start : span.end])
    if any(w in COLOUR for w in inside):
        return True
    before = re.search(r"([^\W\d_]+) +$", text[max(0, span.start - 20) : span.start])
    after = re.match(r" +([^\W\d_]+)", text[span.end : span.end + 20])
    return any(m is not None and m.group(1) in COLOUR for m in (before, after))


def drop(text: str, spans: list[Span]) -> list[Span]:
    """`spans` without the name spans that are an opening interjection, a colour or a day."""
    return [
        span
        for span in spans
        if span.kind is not Kind.NAME
        or not (_opener(text, span) or _coloured(text, span) or _weekday(text, span))
    ]
