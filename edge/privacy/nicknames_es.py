"""A Spanish nickname after a friend's or a relative's word: "mi compadre el güero".

Round 18 (es_test18 "mi novio el beto", "mi compa el chato"; es_test19 "mi compadre el
güero"; es_trainb "el pana el gocho"): Mexican and Caribbean speakers name a friend or a
relative by the word for them, an article and a nickname, in lower case. The word for them
has a possessive or an article before it ("tío, el renting me sale ...", "tío" said to the
listener, stays), and a thing is no nickname ("mi pana la guagua esa está brutal"). The
nickname is in no list, so the rules and the tagger let it through. One word after "el"/"la",
which is no function word, no car and no everyday word of this shape ("mi primo el de
Monterrey", "mi compadre el que vende", "mi hermano el mayor", "mi novia la Jetta" stay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edge.privacy.language import SPANISH
from edge.privacy.spans import Kind, Span
from edge.privacy.vocab import CARS, words

_KIN = (
    r"compadre|comadre|compa|pana|parcero|parce|cuate|carnal|novio|novia|amigo|amiga|primo|"
    r"prima|vecino|vecina|hermano|hermana|cuñado|cuñada|suegro|suegra|t[ií]o|t[ií]a|jefe|jefa"
)
_NICKNAME = re.compile(
    rf"\b(?:mi|mis|tu|su|el|la|nuestro|nuestra)\s+(?:{_KIN})\s+(?:el|la)\s+"
    rf"(?P<name>[^\W\d_]{{3,12}})\b(?![-'])",
    re.IGNORECASE,
)
#: Words after "mi hermano el ..." that say which one, not who.
_NOT_NAMES = SPANISH | words("""mayor menor chico chica grande chiquito chiquita mediano mediana
    otro otra mismo misma primero primera segundo segunda único única viejo vieja nuevo nueva
    de del que cual cuál cual mero señor señora licenciado licenciada doctor doctora ingeniero
    dueño dueña gerente vendedor vendedora mecánico mecánica
    guagua troca troka nave carro carrito camioneta coche auto moto camión renting leasing
    crédito financiamiento seguro plan enganche""")


def find(text: str) -> Iterator[Span]:
    """Spans of `text` that are nicknames after a friend's or a relative's word."""
    for match in _NICKNAME.finditer(text):
        name = match.group("name")
        if name.lower() in _NOT_NAMES or name.lower() in CARS:
            continue
        yield Span(match.start("name"), match.end("name"), Kind.NAME)
