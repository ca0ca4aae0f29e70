"""Spanish names with no introduction: addressed, opening a line, or a nickname (round 15).

Rule classes of round 15 (docs/benchmarks.md, "Redaction, round 15"), each seen in two or more
authors' files:

- a listed first name after "che", "mira", "mire" (a vocative the Rioplatense or Mexican way):
  "mira ángel necesito que ...", "che, facundo te deja ...";
- a listed first name opening the line (after a filler) and followed by a verb only a person
  does, or a second person's: "guadalupe dice que ...", "íñigo tienes las llaves", "jacinto
  atiende al señor", "o sea dolores no vino hoy", "este sol me dijo", "Sol te acompaña". A
  bare noun does not open a Spanish clause (it has an article), so "sol" or "luz" there is a
  person; "Rosario está como a cuarenta minutos" (a city) has no such verb and stays;
- a nickname after "todos me dicen" ("pero todos me dicen neto", an everyday word too) or
  after "dígame" / "dime" ("dígame lupita nomás"), a listed first name; with its article
  after a person's verb ("dígale a la Charito que"); after "don" / "doña" ("doña cuca");
- a listed first name after a kin word and "de" ("la esposa de richard"), or "soy la".

Matching runs on `fold_same` text; offsets are the original's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy import frequency
from edge.privacy.name_cues import ES_INTERJECTIONS
from edge.privacy.spanish import _NOT_NAME, _everyday, _known
from edge.privacy.spanish_cues import _ENDEARMENTS, LOWER_ZIPF
from edge.privacy.spanish_numbers import _NUMBER, fold_same
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, SPANISH_FUNCTION, words

_WORD = r"(?P<name>[a-zñ]{3,14})"
#: "mira ángel", "che, facundo", "mire lupita".
_VOCATIVE = re.compile(r"(?:^|[^\w])(?:che|mira|mire)\s*,?\s+" + _WORD + r"\b")
#: Fillers a speaker opens a line with before the name.
_FILLERS = (
    r"(?:(?:este|o\s+sea|oye|oiga|mira|mire|bueno|pues|ah|eh|ay|y|hola|buenas|"
    r"buen[oa]s\s+(?:dias|tardes|noches))[\s,]+){0,3}"
)
#: Words that open a line and are in a first-name list ("Mira", "Vale", "Claro"): no name.
_OPENERS = words(
    """mira mire oye oiga che bueno pues vale claro sale andale orale hola gracias perdon
    disculpe senor senora joven amigo ella ellas ellos usted ustedes nosotros alguien nadie
    todos"""
) | frozenset(fold_same(w) for w in ES_INTERJECTIONS)
#: Clitics, negation and adverbs between the name and its verb ("sol me dijo", "no vino").
_BETWEEN = r"(?:(?:no|ya|me|te|le|nos|les|se|tambien|ahorita|todavia|nunca)\s+){0,2}"
#: Verbs only a person does, or a second person's (a vocative): "dice", "atiende", "tienes".
_VERBS = (
    r"(?:dice|dijo|decia|quiere|queria|atiende|atiendes|acompana|acompanas|vino|viene|"
    r"llego|fue|sabe|sabes|puedes|podrias|necesita|ocupa|habla|hablo|llamo|manda|mando|"
    r"trae|traes|tienes|pasas|ayuda|ayudas|firma|firmo|compro|maneja|anda\s+buscando|"
    r"esta\s+buscando|"
    r"encargo|recomendo|atendio|vendio|"
    # imperatives said to the one named ("gastón vení que ...")
    r"veni|ven|vente|ayudame|pasame|traeme|echame|"
    # "Mercedes es mi suegra", "Rosario es mi esposa": a kin or a role of the speaker's
    r"es\s+(?:mi|su|tu)\s+(?:espos[oa]|suegr[oa]|herman[oa]|hij[oa]|mama|papa|prim[oa]|"
    r"ti[oa]|novi[oa]|cunad[oa]|amig[oa]|compadre|comadre|jef[ea]|vecin[oa]|abuel[oa]|"
    r"sobrin[oa]|nuera|yerno|pareja|companer[oa]|socio|socia))"
)
_OPENING = re.compile(r"^\s*" + _FILLERS + _WORD + r"\s*,?\s+" + _BETWEEN + _VERBS + r"\b")
#: "Dígale a la Charito que ...", "¿Ya llegó el Chuy?", "¿alguien ha visto al Güero?": a
#: capitalised nickname with its article after a verb said of or to a person.
_ARTICLE_NAME = re.compile(
    r"\b(?:digale|dile|avisale|avisele|pidele|pidale|preguntale|preguntele|pasale|pasele|"
    r"encargale|llego|vino|visto|"
    r"buscando|hablale|llamale|marcale)\s+(?:a\s+(?:la|el)|al|el|la)\s+"
    r"(?P<name>[a-zñ]{3,14})\b"
)
#: A capitalised word after the article that is in no first-name list is a nickname when rarer
#: than this in both languages ("Charito" 2.1; "Cliente", "Gerente" are not).
ARTICLE_ZIPF = 3.5
#: "doña cuca", "don pato": a title before a nickname in lower case that is in no list; not
#: "un don para vender" (an article before: a gift), not a common word ("don nadie").
_TITLE = re.compile(r"(?<![\w])(?P<before>\w+\s+)?(?:don|dona)\s+" + _WORD + r"\b")
_NOT_BEFORE_TITLE = words("un el su mi tu ese este gran buen tiene tienes tengo")
#: The nickname after "don"/"doña" is rarer than this in both languages: "pato" 4.0, "cuca"
#: 2.9; not "nadie" 5.7, "tambien" 5.0, English "like", "know" ("I don know").
TITLE_ZIPF = 4.5
#: "todos me dicen neto": whatever word follows is the nickname.
_NICKNAME = re.compile(
    r"\b(?:todos|siempre)\b(?:\s+[a-z]+){0,4}?\s+(?:me|le|nos|les)\s+dicen\s+(?:la\s+|el\s+)?"
    + _WORD
    + r"\b"
)
#: "la esposa de richard", "la polola del nacho", "soy la coni": a listed first name (lower
#: case, no everyday word) after a kin word and "de", or after "soy" and an article.
_OF_KIN = re.compile(
    r"\b(?:(?:la|el|mi|su)\s+(?:espos[oa]|marido|mujer|novi[oa]|polol[oa]|pareja|hij[oa]|"
    r"mama|papa|herman[oa]|suegr[oa]|cunad[oa]|prim[oa]|ti[oa])\s+(?:de|del|de\s+la)|"
    r"soy\s+(?:la|el))\s+" + _WORD + r"\b"
)
#: "dígame lupita nomás", "dime chuy": a listed first name after being told what to say.
_CALL_ME = re.compile(r"\b(?:digame|dime|digan?me)\s+" + _WORD + r"\b")


def _listed(word: str, opening: bool = False) -> bool:
    return (
        word in _known(False)
        and (opening or word not in _NOT_NAME)
        and word not in SPANISH_FUNCTION
        and word not in _ENDEARMENTS
        and not _everyday(word)
    )


def find(text: str) -> Iterator[Span]:
    """Spans of `text` of the classes above (names)."""
    folded = fold_same(text)
    for match in _VOCATIVE.finditer(folded):
        name = match.group("name")
        capital = text[match.start("name")].isupper()
        # "mira mercedes ..." is as often the car looked at
        if name not in CARS and _listed(name) and (capital or frequency.most(name) < LOWER_ZIPF):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    opening = _OPENING.match(folded)
    # the verb is the cue: "luz me dijo" though "luz" is a word after "me llamo"
    if (
        opening is not None
        and opening.group("name") not in _OPENERS
        and _listed(opening.group("name"), opening=True)
    ):
        yield Span(opening.start("name"), opening.end("name"), Kind.NAME)
    for match in _ARTICLE_NAME.finditer(folded):
        name = match.group("name")
        if (
            text[match.start("name")].isupper()
            and name not in CARS
            and name not in _NOT_NAME
            and (name in _known(False) or frequency.rare(name, ARTICLE_ZIPF))
        ):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    for match in _OF_KIN.finditer(folded):
        name = match.group("name")
        capital = text[match.start("name")].isupper()
        if _listed(name) and (capital or frequency.most(name) < LOWER_ZIPF):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    for match in _TITLE.finditer(folded):
        name, before = match.group("name"), (match.group("before") or "").strip()
        if (
            before not in _NOT_BEFORE_TITLE
            and name not in _NOT_NAME
            and name not in SPANISH_FUNCTION
            and name not in _ENDEARMENTS
            and not re.fullmatch(_NUMBER, name)
            and frequency.most(name) < TITLE_ZIPF  # "I don like it" (an ASR's "don't")
        ):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    for match in _NICKNAME.finditer(folded):
        name = match.group("name")
        if (
            name not in SPANISH_FUNCTION
            and name not in _NOT_NAME
            and not re.fullmatch(_NUMBER, name)
        ):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
    for match in _CALL_ME.finditer(folded):
        if _listed(match.group("name")):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
