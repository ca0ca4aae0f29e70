"""Practice lines and answers between the cloud and a hub (HTTP, not MQTT).

The cloud's `GET /api/v1/practice/lines` answers a `PracticeSet` (also the file that
`showfloor-edge practice` reads); the hub reports with `HubAttempts` on
`POST /api/v1/practice/attempts`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from contract.payloads import Objection

#: The highest practice level.
MAX_LEVEL = 4


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LinePart(_Model):
    """One objection of a practice line, in words from the floor or from the seed set."""

    objection: Objection
    text: str = Field(min_length=1, max_length=1000)
    source: Literal["floor", "seed"] = Field(
        description="`floor`: a redacted phrasing mined from the site; `seed`: a shipped line."
    )
    conversation_id: str | None = Field(
        default=None, description="The conversation a `floor` phrasing was said in."
    )


class PracticeLine(_Model):
    """What the practice customer says: one or more objections, in one language."""

    persona: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    level: int = Field(ge=1, le=MAX_LEVEL)
    language: str = Field(pattern=r"^[a-z]{2}$")
    parts: list[LinePart] = Field(min_length=1, max_length=3)

    @property
    def text(self) -> str:
        """The whole line as it is said."""
        return " ".join(p.text for p in self.parts)

    @property
    def objections(self) -> list[Objection]:
        """The objections the line raises."""
        return [p.objection for p in self.parts]


class PracticeSet(_Model):
    """Lines for one salesperson to practise."""

    site_id: str
    staff: str
    level: int = Field(ge=1, le=MAX_LEVEL)
    lines: list[PracticeLine] = Field(min_length=1)


class HubAttempt(_Model):
    """An answer given on a hub (transcribed there)."""

    line: PracticeLine
    answer: str = Field(max_length=2000)


class HubAttempts(_Model):
    """What a hub reports after a practice session."""

    site_id: str = Field(max_length=64)
    staff: str = Field(max_length=32)
    attempts: list[HubAttempt] = Field(max_length=100)
