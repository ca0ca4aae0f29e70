"""A cheap guess of an utterance's language (English or Spanish) from its words.

The turn carries the language the recogniser detected when it has one; this guess is for text
without it (the `understand` command, old recordings). Spanish wins when its function words
outnumber English ones, or when the text has a character only Spanish writes (ñ, ¿, ¡, an
accented vowel); a tie, or no function word at all, is English (the site's default language).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")
_WORD = re.compile(r"[a-z']+")
_SPANISH_MARK = re.compile(r"[ñ¿¡áéíóú]")
#: Function words and very common verbs, none of them also an English word ("a", "me", "no").
_ES_WORDS = (
    "de la que el en y los se del las un por con una su para es al lo como mas pero sus le ya "
    "este si porque esta entre cuando muy sin sobre tambien hasta hay donde quien desde todo "
    "nos todos uno les ni otros ese eso ellos esto antes algunos unos yo otro otra tanto esa "
    "estos mucho nada muchos cual poco ella estar estas algo nosotros mis tu te ti tus usted "
    "ustedes puedo quiero tengo tiene tienen cuanto cuando seria estoy estamos vamos somos "
    "pues bueno gracias hola carro coche precio mes dinero aqui ahora hoy manana bien mal"
)
_EN_WORDS = (
    "the an and is are was to of you it it's that this for on with my we can do what how "
    "when not be have your our they there would will just want much too price month money "
    "here now today tomorrow good bad thanks hello car looking"
)
_ES = frozenset(_ES_WORDS.split())
_EN = frozenset(_EN_WORDS.split())


def fold(text: str) -> str:
    """Lower case without accents or tildes, so "Está" and an ASR's "esta" read the same."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def english_words(text: str) -> int:
    """How many English function words `text` has (a code-switched turn has a few)."""
    return sum(1 for w in _WORD.findall(text.lower()) if w in _EN)


def detect_language(text: str) -> Language:
    """The language of `text`, "es" or "en" (see the module docstring)."""
    lowered = text.lower()
    if _SPANISH_MARK.search(lowered):
        return "es"
    words = _WORD.findall(fold(lowered))
    spanish = sum(1 for w in words if w in _ES)
    english = sum(1 for w in words if w in _EN)
    return "es" if spanish > english else "en"


def language_of(text: str, language: str | None) -> Language:
    """The language to read `text` in: `language` when given, else the guess.

    Raises:
        ValueError: `language` is neither None, "en" nor "es".
    """
    if language is None:
        return detect_language(text)
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}: use one of {', '.join(LANGUAGES)}")
    return "es" if language == "es" else "en"
