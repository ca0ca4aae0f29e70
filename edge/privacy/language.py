"""Whether a line reads as Spanish, from its function words (no model, no look-up table).

Used where the same word is a name in one language and a word in the other: said bare and in
lower case, "mira", "cierra", "norma" in a Spanish line are words.
"""

from __future__ import annotations

import re

from edge.privacy.vocab import words

#: Words of Spanish that English does not use.
SPANISH = words("""la las los el que del una por para con es está esta pero muy qué cómo mi y
    también porque usted ustedes nosotros eso esto ese esa hay más nos les le se sus""")
#: Words of English that Spanish does not use.
ENGLISH = words("""the and is you to it my i we this that what with for of in on are can do
    was have not your how it's i'm don't""")
_ENOUGH = 2
_WORD = re.compile(r"[^\W\d_]+")


def spanish(tokens: list[str]) -> bool:
    """Two Spanish function words, or one and no English one."""
    lower = [t.lower() for t in tokens]
    found = sum(t in SPANISH for t in lower)
    return found >= _ENOUGH or (found == 1 and not any(t in ENGLISH for t in lower))


def not_english(text: str) -> bool:
    """Spanish, or no English function word at all ("Doral, Hialeah, Kendall: entregamos ...")."""
    said = [w.lower() for w in _WORD.findall(text)]
    return spanish(said) or not any(w in ENGLISH for w in said)
