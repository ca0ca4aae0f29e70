"""Spanish sentiment: VADER's engine with a Spanish showroom lexicon of our own.

No pinned PyPI package carries a Spanish VADER lexicon the hub could load, so the words and
phrases below were written for issue 14 by the team (valences on VADER's -4..4 scale, chosen to
match the English showroom lexicon's: "muy caro" as "too expensive", "me encanta" as
"love it"). The text is folded (lower case, no accents) first; after the phrases become
synthetic words, Spanish negations, "but" and "very" are rewritten to the English words whose
rules VADER applies ("no me gusta" is a negated "me gusta", "pero" weighs the second half).
"""

from __future__ import annotations

import re

from edge.understand.language import fold
from edge.understand.sentiment import SentimentScorer

#: Phrase (folded: lower case, no accents) -> valence on VADER's -4..4 scale.
SPANISH_PHRASES: dict[str, float] = {
    "me encanta": 3.0,
    "me encantan": 3.0,
    "encantad": 2.5,
    "encantada": 2.5,
    "encantado": 2.5,
    "me gusta": 2.0,
    "me gustan": 2.0,
    "gusta": 1.8,
    "bonito": 2.0,
    "bonita": 2.0,
    "precioso": 2.8,
    "preciosa": 2.8,
    "hermoso": 2.8,
    "hermosa": 2.8,
    "lindo": 2.0,
    "linda": 2.0,
    "excelente": 3.0,
    "genial": 2.8,
    "perfecto": 2.5,
    "perfecta": 2.5,
    "bueno": 1.9,
    "buena": 1.9,
    "buenisimo": 2.8,
    "buenisima": 2.8,
    "chevere": 2.5,
    "que padre": 2.0,
    "chido": 2.0,
    "bacano": 2.0,
    "guay": 2.0,
    "comodo": 1.8,
    "comoda": 1.8,
    "feliz": 2.5,
    "contento": 2.2,
    "contenta": 2.2,
    "gracias": 1.5,
    "amable": 2.0,
    "increible": 2.5,
    "maravilla": 2.8,
    "trato hecho": 2.2,
    "buen precio": 2.0,
    "buena oferta": 2.0,
    "buen trato": 2.0,
    "vale la pena": 1.8,
    "me lo llevo": 2.0,
    "de acuerdo": 1.0,
    "esta bien": 1.0,
    "no hay problema": 1.2,
    "sin presion": 1.2,
    "confio": 1.5,
    "caro": -1.5,
    "cara": -1.5,
    "carisimo": -2.5,
    "carisima": -2.5,
    "demasiado caro": -2.5,
    "muy caro": -2.2,
    "demasiado alto": -2.0,
    "demasiado": -1.0,
    "exagerado": -2.0,
    "por las nubes": -2.0,
    "fuera de mi presupuesto": -1.8,
    "fuera de nuestro presupuesto": -1.8,
    "robo": -3.0,
    "estafa": -3.0,
    "estafaron": -3.0,
    "engano": -2.8,
    "trampa": -2.5,
    "fraude": -3.0,
    "abuso": -2.8,
    "malo": -2.0,
    "mala": -2.0,
    "pesimo": -3.0,
    "pesima": -3.0,
    "terrible": -3.0,
    "horrible": -3.0,
    "feo": -2.0,
    "fea": -2.0,
    "problema": -1.5,
    "problemas": -1.5,
    "presion": -1.5,
    "presionando": -2.0,
    "molesto": -2.0,
    "enojado": -2.5,
    "enojada": -2.5,
    "decepcionado": -2.5,
    "decepcionada": -2.5,
    "perdida de tiempo": -2.8,
    "miseria": -2.5,
    "un chiste": -1.5,
    "ridiculo": -2.5,
    "insulto": -2.8,
    "preocupa": -1.5,
    "miedo": -2.0,
    "incomodo": -1.5,
    "incomoda": -1.5,
    "ruidoso": -1.2,
    "sorpresas": -1.0,
    "gato encerrado": -2.5,
    "ni loco": -2.0,
    "no da": -1.2,
    "casi me caigo": -1.5,
}
#: Spanish word -> the English word whose rule VADER applies (negation, contrast, boost).
_FUNCTION_WORDS = {
    "no": "not",
    "nunca": "never",
    "jamas": "never",
    "ni": "nor",
    "sin": "without",
    "pero": "but",
    "muy": "very",
    "super": "super",
    "bien": "very",
}
_FUNCTION = re.compile(r"\b(" + "|".join(_FUNCTION_WORDS) + r")\b")


def _english_rules(text: str) -> str:
    return _FUNCTION.sub(lambda m: _FUNCTION_WORDS[m.group(1)], text)


def spanish_scorer() -> SentimentScorer:
    """The Spanish sentiment scorer (pure, thread-safe like the English one)."""
    return SentimentScorer(SPANISH_PHRASES, normalise=fold, rewrite=_english_rules)
