"""The coaching playbook: YAML rules mapping what was heard to prompts, checked on load.

```yaml
spoken_interval_s: 20      # at most one spoken prompt this often
max_wait_s: 6              # a spoken prompt waits this long for a pause, then is dropped
languages: [en, es]        # every `say` must be given in each of these
rules:
  - id: price-objection
    when: {labels: [price]}             # or talk_ratio_above + for_s, sentiment_drop, complaint
    kind: objection
    say:                                # or one string: English only
      en: Acknowledge, then ask what monthly budget works.
      es: Reconózcalo y pregunte qué presupuesto mensual le conviene.
    led: amber                          # optional; led_pattern: on | blink
    priority: 80
    cooldown_s: 90
    followed_if: ["month", "budget"]    # regexes on the salesperson's next turns
```
Errors name the rule (`rules[3] 'price-objection'`) and the field (`when.labels`). A prompt is
said in the salesperson's language (`Rule.say_in`), English when the rule lacks it.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from contract.payloads import Objection, Signal
from edge.coach.errors import PlaybookError

LedColour = Literal["green", "red", "amber", "blue"]
#: ISO 639-1 code of a prompt's language.
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
#: The English of a prompt is the fallback of every language.
FALLBACK_LANGUAGE = "en"
_PromptText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class When(_Strict):
    """What makes a rule fire; exactly one kind of condition."""

    labels: tuple[Objection | Signal, ...] = Field(
        default=(), description="Any of these objection/signal ids in a customer turn."
    )
    talk_ratio_above: float | None = Field(
        default=None, gt=0, lt=1, description="Salesperson share of talk over `for_s` above."
    )
    for_s: float = Field(default=120.0, gt=0, description="Window of the talk-ratio condition.")
    sentiment_drop: float | None = Field(
        default=None, gt=0, le=2, description="Customer sentiment fell this much from its peak."
    )
    complaint: bool = Field(default=False, description="An explicit complaint by the customer.")

    @model_validator(mode="after")
    def _one_condition(self) -> When:
        kinds = [
            bool(self.labels),
            self.talk_ratio_above is not None,
            self.sentiment_drop is not None,
            self.complaint,
        ]
        if sum(kinds) != 1:
            raise ValueError(
                "needs exactly one of labels, talk_ratio_above, sentiment_drop, complaint"
            )
        return self


class AlertSpec(_Strict):
    """A manager alert the rule raises."""

    severity: Literal["info", "warning", "critical"] = "warning"
    message: str = Field(min_length=1)


class Rule(_Strict):
    """One playbook rule."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    when: When
    kind: Literal["objection", "signal", "metric", "sentiment", "presence"]
    say: dict[Language, _PromptText] | None = Field(
        default=None, description="The words, by language; one string is English."
    )
    led: LedColour | None = None
    led_pattern: Literal["on", "blink"] = "on"
    alert: AlertSpec | None = None
    priority: int = Field(default=50, ge=0, le=100)
    cooldown_s: float = Field(default=60.0, ge=0)
    followed_if: tuple[str, ...] = ()
    follow_turns: int = Field(default=2, ge=1, le=10)

    @field_validator("say", mode="before")
    @classmethod
    def _one_string_is_english(cls, value: object) -> object:
        return {FALLBACK_LANGUAGE: value} if isinstance(value, str) else value

    def say_in(self, language: str) -> str | None:
        """The words in `language`, else in English, else in the first language given."""
        if not self.say:
            return None
        return (
            self.say.get(language)
            or self.say.get(FALLBACK_LANGUAGE)
            or next(iter(self.say.values()))
        )

    @field_validator("followed_if")
    @classmethod
    def _regexes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"bad regular expression {pattern!r}: {err}") from err
        return value

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        if self.say is None and self.led is None and self.alert is None:
            raise ValueError("needs at least one of say, led, alert")
        return self


class Playbook(_Strict):
    """Every rule, and how often the earpiece may speak."""

    spoken_interval_s: float = Field(default=20.0, ge=0)
    max_wait_s: float = Field(default=6.0, ge=0)
    languages: tuple[Language, ...] = Field(
        default=(FALLBACK_LANGUAGE,), min_length=1, description="Every `say` is in each of these."
    )
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Playbook:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        return self

    @model_validator(mode="after")
    def _every_language(self) -> Playbook:
        for rule in self.rules:
            missing = [code for code in self.languages if rule.say and code not in rule.say]
            if missing:
                raise ValueError(f"rule {rule.id!r} has no `say` in {', '.join(missing)}")
        return self


def load_playbook(path: Path | None = None) -> Playbook:
    """Read and validate a playbook (the shipped default when `path` is None).

    Raises:
        PlaybookError: unreadable, not YAML, or invalid (naming the rule and the field).
    """
    name = str(path) if path else "the default playbook"
    try:
        if path is None:
            text = resources.files("edge.coach").joinpath("playbook.yaml").read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise PlaybookError(f"cannot read playbook {name}: {err}") from err
    if not isinstance(raw, dict):
        raise PlaybookError(f"playbook {name} must be a mapping with a `rules` list")
    try:
        return Playbook.model_validate(raw)
    except ValidationError as err:
        raise PlaybookError(f"playbook {name}: {_describe(err, raw)}") from err


def _describe(err: ValidationError, raw: dict[str, object]) -> str:
    problems = []
    rules = raw.get("rules") if isinstance(raw.get("rules"), list) else []
    for item in err.errors():
        loc = list(item["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            index = loc[1]
            entry = rules[index] if isinstance(rules, list) and index < len(rules) else None
            rule_id = entry.get("id") if isinstance(entry, dict) else None
            field = ".".join(str(p) for p in loc[2:]) or "(the rule itself)"
            where = f"rule rules[{index}] {rule_id!r} field {field}"
        problems.append(f"{where}: {item['msg']}")
    return "; ".join(problems)
