"""Coaching settings (section `coaching`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from edge.coach.playbook import FALLBACK_LANGUAGE, Language, LedColour


class PromptLanguageSettings(BaseModel):
    """Which language each salesperson hears their prompts in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default: Language = Field(
        default=FALLBACK_LANGUAGE, description="Language of prompts for salespeople not listed."
    )
    staff: dict[str, Language] = Field(
        default_factory=dict,
        description="Salesperson -> language (ISO 639-1), keyed by their enrolled name (as in "
        "`showfloor-edge enroll NAME`) or their staff pseudonym. Whatever language the customer "
        "speaks, the salesperson of the conversation hears prompts in theirs.",
    )


class CoachingSettings(BaseModel):
    """Real-time coaching: playbook and prompt sinks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    playbook: Path | None = Field(
        default=None, description="Playbook YAML file; null uses the shipped dealership default."
    )
    quiet: bool = Field(default=False, description="Never speak prompts (LED and log only).")
    earpiece: bool = Field(default=False, description="Speak prompts on the earpiece output.")
    earpiece_device: str | int | None = Field(
        default=None, description="Earpiece output device (name or index); null: the default."
    )
    voice: str = Field(default="en-us", description="espeak-ng voice of spoken prompts.")
    voices: dict[Language, str] = Field(
        default_factory=lambda: {"es": "es-419"},
        description="espeak-ng voice of spoken prompts by prompt language; a language not "
        "listed is spoken with `voice`.",
    )
    prompt_language: PromptLanguageSettings = Field(
        default_factory=PromptLanguageSettings,
        description="The language of each salesperson's prompts (the playbook has every prompt "
        "in English and Spanish).",
    )
    words_per_minute: int = Field(default=175, ge=80, le=400, description="Speaking rate.")
    volume: float = Field(default=0.5, gt=0, le=1, description="Prompt loudness, 0-1.")
    leds: dict[LedColour, str] = Field(
        default_factory=dict, description="Colour -> LED name under `led_root`; empty: no LEDs."
    )
    led_root: Path = Field(
        default=Path("/sys/class/leds"), description="Directory of the Linux LED class."
    )
    gpio_chip: Path | None = Field(
        default=None, description="GPIO character device for LEDs (e.g. /dev/gpiochip0)."
    )
    gpio_lines: dict[LedColour, int] = Field(
        default_factory=dict, description="Colour -> GPIO line offset on `gpio_chip`."
    )
    led_hold_s: float = Field(default=5.0, gt=0, description="How long an LED prompt shows.")
