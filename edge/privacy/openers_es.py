"""Common Spanish words that open a sentence, vetoed as names (round 25).

Capitalised at a sentence's opening, a Spanish word looks like a name to the finders and the
tagger. In the retired files a verb or an interjection opening a line was taken so: "Llamé
ayer y hablé con ..." (es_test43), "Ojo, el de la calle ... es otro concesionario"
(es_test44), "Financiamos, pero ya traigo la preaprobación" (es_test34); and beside a
detail, the cue word that opens its line ("Nací el ...", "Tarjeta 4915 ...", "Licencia
dominicana ...", "Referencia: mi prima ...": es_test4-47, many authors).

A one-word name span at a sentence's opening (the line's start, or after ".", "?", "!", "¿",
"¡", a dash) is dropped when the word is no listed first name or surname (lower-cased, the
redactor's `listed`), it is a word of everyday Spanish (Zipf at least `COMMON_ZIPF`, or a
verb's ending of the first person: "-é", "-amos", "-imos", "-emos") and the line is not
English; or when it is an interjection or a warning (`name_cues.ES_INTERJECTIONS`, "ojo",
"cuidado", "aguas"), listed as a surname or not; or a field's label before a colon, listed as
a surname but as no first name ("Correo: ...", es_test31, es_test42, es_test47). A listed
surname that is a common word too ("Flores, pase por favor") is someone addressed and stays,
and so does a first name before a colon (a speaker: "Graciela: ..."). "Esperanza", "Paz",
"Dolores", "Rosario" at a line's start are listed names and stay (other vetoes read them as
words when the line says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from edge.privacy import frequency
from edge.privacy.language import not_english
from edge.privacy.name_cues import ES_INTERJECTIONS
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import words

#: A word this frequent in Spanish (Zipf) is an everyday word: "ojo" 4.8, "llamé" 3.6.
COMMON_ZIPF = 3.0
#: Warnings that open a sentence: "Ojo, ese es otro", "Cuidado, ...", "Aguas, ...".
_WARNINGS = ES_INTERJECTIONS | words("ojo cuidado aguas")
_OPENING = re.compile(r"(?:^|[.?!¿¡\u2014\u2013]\s*|\s-\s+)$")
#: A word: letters only.
_WORD = re.compile(r"[^\W\d_]+")
#: A field's label: the word before a colon ("Correo: ...").
_LABEL = re.compile(r"\s*:")
#: A verb of the first person: "llamé", "pasé", "financiamos", "vinimos", "tenemos".
_FIRST_PERSON = re.compile(r"(?:[^\W\d_]{2,}é|[^\W\d_]{3,}(?:amos|imos|emos))")


def _opener(
    text: str, span: Span, listed: Callable[[str], bool], first: Callable[[str], bool]
) -> bool:
    said = text[span.start : span.end]
    if span.kind is not Kind.NAME or not _WORD.fullmatch(said) or not said[:1].isupper():
        return False
    if _OPENING.search(text, 0, span.start) is None:
        return False
    word = said.lower()
    if word in _WARNINGS:
        return True
    common = frequency.zipf(word, "es") >= COMMON_ZIPF
    if listed(word):
        return common and not first(word) and _LABEL.match(text, span.end) is not None
    return common or _FIRST_PERSON.fullmatch(word) is not None


def drop(
    text: str, spans: list[Span], listed: Callable[[str], bool], first: Callable[[str], bool]
) -> list[Span]:
    """`spans` without the one-word names that are a common Spanish word opening a sentence.

    `listed` says whether a lower-case word is a listed first or last name, `first` whether it
    is a listed first name.
    """
    if not any(s.kind is Kind.NAME for s in spans) or not not_english(text):
        return spans
    return [span for span in spans if not _opener(text, span, listed, first)]
