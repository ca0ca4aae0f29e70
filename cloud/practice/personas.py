"""Practice customers: personas as weights over objections, speaking the site's mined lines.

A line raises one objection (two from level 3), drawn by the persona's weights; its words are a
phrasing mined from the site's floor in the practice language, drawn by how often the group
was said, or a shipped seed line (marked `seed`) when the site has fewer than `min_phrasings`
groups for that objection. Levels: a persona appears from its `level`; two passes in a row
move the salesperson up a level (to `MAX_LEVEL`), two misses in a row move them down.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cloud.practice.mine import SiteMining
from contract.payloads import Objection
from contract.practice import MAX_LEVEL, LinePart, PracticeLine

#: From this level a line raises two objections.
TWO_OBJECTIONS_FROM = 3


class PracticeError(ValueError):
    """A persona file or a request for a line is invalid (the message says which)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Persona(_Model):
    """A practice customer."""

    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    level: int = Field(ge=1, le=MAX_LEVEL, description="The level from which it appears.")
    weights: dict[Objection, float] = Field(min_length=1)


class Personas(_Model):
    """Every persona, and how many mined groups an objection needs before seeds step aside."""

    min_phrasings: int = Field(default=2, ge=1)
    personas: tuple[Persona, ...] = Field(min_length=1)

    def get(self, persona_id: str) -> Persona:
        """The persona called `persona_id`.

        Raises:
            PracticeError: no such persona.
        """
        for persona in self.personas:
            if persona.id == persona_id:
                return persona
        raise PracticeError(f"no persona {persona_id!r}")

    def open_at(self, level: int) -> list[Persona]:
        """The personas a salesperson at `level` may meet."""
        return [p for p in self.personas if p.level <= level]


def load_personas(text: str | None = None) -> Personas:
    """The shipped personas (or those of `text`).

    Raises:
        PracticeError: not YAML or not valid personas.
    """
    if text is None:
        text = resources.files("cloud.practice").joinpath("personas.yaml").read_text("utf-8")
    try:
        return Personas.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as err:
        raise PracticeError(f"invalid personas: {err}") from err


def seed_lines() -> dict[str, dict[Objection, list[str]]]:
    """The shipped seed lines, by language and objection."""
    raw = yaml.safe_load(
        resources.files("cloud.practice").joinpath("seeds.yaml").read_text("utf-8")
    )
    return {
        language: {Objection(k): list(v) for k, v in lines.items()}
        for language, lines in raw.items()
    }


def level_of(passes: Sequence[bool]) -> int:
    """The level after the salesperson's answers so far (oldest first; True = passed)."""
    level, streak = 1, 0
    for passed in passes:
        streak = max(1, streak + 1) if passed else min(-1, streak - 1)
        if streak == 2:
            level, streak = min(MAX_LEVEL, level + 1), 0
        elif streak == -2:
            level, streak = max(1, level - 1), 0
    return level


def choose_line(
    mining: SiteMining,
    personas: Personas,
    level: int,
    language: str,
    rng: random.Random,
    persona_id: str | None = None,
) -> PracticeLine:
    """A line for a salesperson at `level` (from the hardest personas open to them).

    Raises:
        PracticeError: `persona_id` is unknown or above `level`.
    """
    open_now = personas.open_at(level)
    if persona_id is not None:
        persona = personas.get(persona_id)
        if persona not in open_now:
            raise PracticeError(f"persona {persona_id!r} opens at level {persona.level}")
    else:
        top = max(p.level for p in open_now)
        persona = rng.choice([p for p in open_now if p.level == top])
    count = min(2 if level >= TWO_OBJECTIONS_FROM else 1, len(persona.weights))
    pool = dict(persona.weights)
    chosen: list[Objection] = []
    while len(chosen) < count:
        pick = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(pick)
        del pool[pick]
    seeds = seed_lines()
    parts = [_part(mining, personas, seeds, o, language, rng) for o in chosen]
    return PracticeLine(persona=persona.id, level=level, language=language, parts=parts)


def _part(
    mining: SiteMining,
    personas: Personas,
    seeds: dict[str, dict[Objection, list[str]]],
    objection: Objection,
    language: str,
    rng: random.Random,
) -> LinePart:
    mined = mining.of(objection)
    phrasings = [p for p in (mined.phrasings if mined else []) if p.language == language]
    if len(phrasings) >= personas.min_phrasings:
        said = rng.choices(phrasings, weights=[p.count for p in phrasings])[0]
        return LinePart(
            objection=objection,
            text=said.text,
            source="floor",
            conversation_id=said.conversation_id,
        )
    lines = seeds.get(language) or seeds["en"]
    return LinePart(objection=objection, text=rng.choice(lines[objection]), source="seed")
