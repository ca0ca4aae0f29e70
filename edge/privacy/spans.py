"""What redaction finds: typed spans of the original text, and the redacted result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """A kind of personal data; its placeholder is `[KIND]` in upper case."""

    EMAIL = "email"
    PHONE = "phone"
    CARD = "card"
    ACCOUNT = "account"
    SSN = "ssn"
    LICENSE = "license"
    DOB = "dob"
    ADDRESS = "address"
    NAME = "name"
    VIN = "vin"
    PLATE = "plate"

    @property
    def placeholder(self) -> str:
        """What replaces a span of this kind, e.g. `[PHONE]`."""
        return f"[{self.value.upper()}]"


#: When two detectors claim overlapping text, the kind earlier here names the merged span.
PRIORITY: tuple[Kind, ...] = (
    Kind.EMAIL,
    Kind.VIN,
    Kind.SSN,
    Kind.CARD,
    Kind.ACCOUNT,
    Kind.PLATE,
    Kind.LICENSE,
    Kind.DOB,
    Kind.PHONE,
    Kind.ADDRESS,
    Kind.NAME,
)
_RANK = {kind: rank for rank, kind in enumerate(PRIORITY)}


@dataclass(frozen=True, order=True)
class Span:
    """`text[start:end]` is personal data of `kind`."""

    start: int
    end: int
    kind: Kind


@dataclass(frozen=True)
class Redacted:
    """A redacted text and what was taken out of the original (offsets into the original)."""

    text: str
    spans: tuple[Span, ...] = ()
    counts: Mapping[Kind, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many spans were replaced (the `redactions` of a `Turn`)."""
        return len(self.spans)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans joined into one, named by the kind of highest priority, in order."""
    merged: list[Span] = []
    for span in sorted(spans):
        if span.end <= span.start:
            continue
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, span.kind, key=_RANK.__getitem__)
            merged[-1] = Span(last.start, max(last.end, span.end), kind)
        else:
            merged.append(span)
    return merged


def apply(text: str, spans: list[Span]) -> Redacted:
    """Replace each (merged, ordered) span by its placeholder."""
    parts: list[str] = []
    cursor = 0
    for span in spans:
        parts.append(text[cursor : span.start])
        parts.append(span.kind.placeholder)
        cursor = span.end
    parts.append(text[cursor:])
    counts = Counter(span.kind for span in spans)
    return Redacted("".join(parts), tuple(spans), dict(counts))
