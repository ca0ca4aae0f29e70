"""A listed first name said as the answer to the naming cue, even when it is an everyday word.

After the session's read of round 22's helpers (2026-12-01): "mi esposa se llama luz", "my
name is grace", "her name's june". The scorer's strong cues take a listed first name only when
it is no everyday word (`NameScorer._cued_word`), so a lower-case "luz", "rosa", "paz", "grace"
or "june" after "se llama" stayed. This cue names and nothing else: a listed first name right
after it that ends the clause (a full stop, a comma, "y"/"and"/"pero"/"but", or the line's
end) is a name. "¿Cómo se llama?" (nothing after), "se llama igual que su papá" (no first
name) and "la función se llama luz de freno" (the clause goes on) stay. Written in-sample: no
blind file has judged it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from edge.privacy.spans import Kind, Span

_NAMED = re.compile(
    r"\b(?:se\s+llama|me\s+llamo|(?:my|his|her|your)\s+name\s+is|(?:my|his|her|your)\s+name's)"
    r"\s+(?P<name>[^\W\d_]+)(?=\s*(?:$|[,.;:!?]|\s(?:y|e|and|pero|but)\b))",
    re.IGNORECASE,
)


def find(text: str, first_name: Callable[[str], bool]) -> Iterator[Span]:
    """The listed first names said right after a naming cue, ending their clause."""
    for match in _NAMED.finditer(text):
        if first_name(match.group("name").lower()):
            yield Span(match.start("name"), match.end("name"), Kind.NAME)
