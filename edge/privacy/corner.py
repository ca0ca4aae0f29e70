"""An address taken on over the orientation and the corner said after it (round 15).

"calle morelos cuatrocientos veinte poniente esquina con juárez", "Avenida Juárez 1120 esquina
con Morelos", "aldama cincuenta y siete esquina con zaragoza": a Mexican address names the
corner street after the house number. The corner's street (one or two words, any case, no
function word) and an orientation before it ("poniente", "sur") belong to the place.
"""

from __future__ import annotations

import re

from edge.privacy.spans import Kind, Span, merge

_WAY = (
    r"(?!(?:de|del|la|el|los|las|y|en|a|que|por|con|ah[ií]|aqu[ií]|all[aá]|ac[aá]|cerca)\b)"
    r"[^\W\d_]{3,}"
)
_CORNER = re.compile(
    r"(?:\s+(?:sur|norte|oriente|poniente|oeste))?"
    r"(?:,?\s+esquina\s+(?:con|de)\s+(?:la\s+|el\s+|calle\s+|avenida\s+)?"
    + _WAY
    + r"(?:\s+"
    + _WAY
    + r")?)",
    re.IGNORECASE,
)
#: "poniente" alone after the house number, with no corner.
_ORIENT = re.compile(r"\s+(?:sur|norte|oriente|poniente|oeste)\b", re.IGNORECASE)


def extend(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with each address taken on over an orientation and a corner after it."""
    out = []
    for span in spans:
        if span.kind is Kind.ADDRESS:
            corner = _CORNER.match(text, span.end) or _ORIENT.match(text, span.end)
            if corner is not None and corner.end() > span.end:
                span = Span(span.start, corner.end(), span.kind)
        out.append(span)
    return merge(out)
