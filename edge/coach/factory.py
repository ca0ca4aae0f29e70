"""Building the coach and its sinks from the settings (the daemon's and replay's one call)."""

from __future__ import annotations

from collections.abc import Callable

from edge.coach.engine import Coach
from edge.coach.language import PromptLanguages
from edge.coach.playbook import load_playbook
from edge.coach.settings import CoachingSettings
from edge.coach.sinks.base import PromptSink
from edge.coach.sinks.console import ConsoleSink
from edge.events import EventSink


def build_sinks(settings: CoachingSettings, console: ConsoleSink | None = None) -> list[PromptSink]:
    """The sinks the settings ask for; each checks its device now.

    Raises:
        SinkError: espeak-ng missing, unknown output device, LED or GPIO line.
    """
    sinks: list[PromptSink] = [console or ConsoleSink()]
    if settings.leds:
        from edge.coach.sinks.led import SysfsLedSink

        sinks.append(
            SysfsLedSink(
                {str(k): v for k, v in settings.leds.items()},
                settings.led_root,
                hold_s=settings.led_hold_s,
            )
        )
    if settings.gpio_chip is not None:
        from edge.coach.sinks.led import GpioLedSink

        sinks.append(
            GpioLedSink(
                settings.gpio_chip,
                {str(k): v for k, v in settings.gpio_lines.items()},
                hold_s=settings.led_hold_s,
            )
        )
    if settings.earpiece:
        from edge.coach.sinks.earpiece import EarpieceSink

        sinks.append(
            EarpieceSink(
                settings.earpiece_device,
                voice=settings.voice,
                voices=settings.voices,
                words_per_minute=settings.words_per_minute,
                volume=settings.volume,
            )
        )
    return sinks


def build_coach(
    settings: CoachingSettings,
    events: EventSink,
    *,
    speaking: Callable[[], bool] = lambda: False,
    console: ConsoleSink | None = None,
    pseudonym: Callable[[str], str] | None = None,
) -> Coach:
    """Load the playbook and the sinks (failing fast, naming what to fix), then the coach.

    `pseudonym` turns the enrolled names of `coaching.prompt_language.staff` into the staff
    pseudonyms turns carry.
    """
    playbook = load_playbook(settings.playbook)
    chosen = settings.prompt_language
    return Coach(
        playbook,
        build_sinks(settings, console),
        events,
        quiet=settings.quiet,
        speaking=speaking,
        languages=PromptLanguages(chosen.default, chosen.staff, pseudonym),
    )
