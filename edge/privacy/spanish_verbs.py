"""Spanish commands with a pronoun attached are no names (round 10, docs/benchmarks.md).

"Apúnteme el número", "Mándelo al apartado", "Cárguelo a la Visa": a verb with an enclitic
pronoun carries a written accent two or more syllables before its end; capitalised at the
start of a line, the learned name scorer took them for names. A word of that shape that is a
listed first name or surname of any country ("Ángela", "Rómulo", "Ángelo") stays a name.
"""

from __future__ import annotations

import re
from functools import cache

from edge.privacy.echo import fold
from edge.privacy.world_names import lists

#: An accented vowel, then at least two more vowels, and a pronoun at the end.
_COMMAND = re.compile(
    r"[^\W\d_]*[áéíóú][^\W\d_]*[aeiou][^\W\d_]*(?:me|te|se|nos|lo|la|le|los|las|les)",
    re.IGNORECASE,
)


@cache
def _names() -> frozenset[str]:
    first, last = lists()
    return frozenset(fold(n) for n in first | last)


def is_command(word: str) -> bool:
    """Whether `word` is a Spanish command with a pronoun attached ("Apúnteme", "Cárguelo")."""
    return _COMMAND.fullmatch(word) is not None and fold(word) not in _names()
