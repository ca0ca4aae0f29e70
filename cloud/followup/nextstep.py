"""The next step the salesperson and the customer agreed on, from the last turns of a conversation.

The last `TAIL` turns are read, newest first, for what was agreed ("come back for a test drive
on Saturday", "le llamo mañana") and when; without one, the conversation's stage gives the step
a salesperson usually takes next (browsing → send information, evaluating → test drive,
negotiating → the written offer, closing → the paperwork), with no day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

StepKind = Literal["test_drive", "visit", "call", "offer", "paperwork", "info"]
TAIL = 4
_KINDS: tuple[tuple[StepKind, re.Pattern[str]], ...] = (
    ("test_drive", re.compile(r"test[- ]?drive|prueba de manejo|manejarlo|probarlo", re.I)),
    (
        "offer",
        re.compile(
            r"send (?:you )?(?:the |an? )?(?:written )?(?:offer|numbers|quote)|oferta|cotizaci",
            re.I,
        ),
    ),
    ("paperwork", re.compile(r"paperwork|sign|papeles|firmar|documentos", re.I)),
    ("call", re.compile(r"\bcall you\b|give you a call|\bllamar|\bllamo\b|\bllame\b", re.I)),
    (
        "visit",
        re.compile(
            r"come (?:back|in|by)|stop by|see you|appointment|"
            r"\bcita\b|volver|vuelv|pasar|nos vemos",
            re.I,
        ),
    ),
)
_WHEN = {
    "today": r"today|\bhoy\b",
    "tomorrow": r"tomorrow|mañana",
    "monday": r"monday|lunes",
    "tuesday": r"tuesday|martes",
    "wednesday": r"wednesday|mi[eé]rcoles",
    "thursday": r"thursday|jueves",
    "friday": r"friday|viernes",
    "saturday": r"saturday|s[aá]bado",
    "sunday": r"sunday|domingo",
    "weekend": r"weekend|fin de semana",
    "next_week": r"next week|pr[oó]xima semana|semana que viene",
}
_WHEN_RE = {name: re.compile(pattern, re.I) for name, pattern in _WHEN.items()}
BY_STAGE: dict[str, StepKind] = {
    "browsing": "info",
    "evaluating": "test_drive",
    "negotiating": "offer",
    "closing": "paperwork",
}


class NextStep(BaseModel):
    """What happens next: its kind, when (a day key, e.g. `saturday`), and whether it was said."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: StepKind
    when: str | None = None
    agreed: bool = False


def _when(text: str) -> str | None:
    hits = [(m.start(), name) for name, rx in _WHEN_RE.items() if (m := rx.search(text))]
    return min(hits)[1] if hits else None


def next_step(texts: Sequence[str], stage: str | None) -> NextStep:
    """The agreed next step in `texts` (turns in order), else the stage's usual one."""
    for text in reversed(texts[-TAIL:]):
        for kind, pattern in _KINDS:
            if pattern.search(text):
                return NextStep(kind=kind, when=_when(text), agreed=True)
    return NextStep(kind=BY_STAGE.get(stage or "", "info"))
