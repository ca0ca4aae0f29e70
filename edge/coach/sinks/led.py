"""LED prompts: the Linux LED class (`/sys/class/leds/NAME/brightness`) or a GPIO line.

Each colour maps to one LED (sysfs name) or one GPIO line offset. `on` lights it for `hold_s`;
`blink` toggles it every `blink_s` for `hold_s`; a new prompt replaces the one showing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from edge.coach.errors import SinkError
from edge.coach.sinks.base import Delivery

_LOGGER = logging.getLogger(__name__)


class _Blinker:
    """Shows one light at a time through `write(colour, on)`."""

    def __init__(self, write: Callable[[str, bool], None], hold_s: float, blink_s: float) -> None:
        self._write = write
        self._hold_s = hold_s
        self._blink_s = blink_s
        self._task: asyncio.Task[None] | None = None

    async def show(self, colour: str, pattern: str) -> None:
        await self.stop()
        self._task = asyncio.create_task(self._run(colour, pattern), name=f"led-{colour}")

    async def _run(self, colour: str, pattern: str) -> None:
        try:
            if pattern == "blink":
                on = True
                loop = asyncio.get_running_loop()
                until = loop.time() + self._hold_s
                while loop.time() < until:
                    self._write(colour, on)
                    on = not on
                    await asyncio.sleep(self._blink_s)
            else:
                self._write(colour, True)
                await asyncio.sleep(self._hold_s)
        finally:
            self._write(colour, False)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


class SysfsLedSink:
    """LEDs of the Linux LED class; `root` is `/sys/class/leds` (a directory laid out alike)."""

    name = "led"

    def __init__(
        self,
        leds: Mapping[str, str],
        root: Path = Path("/sys/class/leds"),
        *,
        hold_s: float = 5.0,
        blink_s: float = 0.25,
    ) -> None:
        """Check that every LED exists and is writable.

        Raises:
            SinkError: an LED directory or its `brightness` file is missing or not writable.
        """
        self._files: dict[str, Path] = {}
        self._on: dict[str, str] = {}
        for colour, led in leds.items():
            brightness = root / led / "brightness"
            if not brightness.is_file():
                raise SinkError(
                    f"LED {led!r} for {colour} not found ({brightness} missing): "
                    f"set coaching.leds to names under {root}"
                )
            try:
                with brightness.open("w") as handle:
                    handle.write("0")
            except OSError as err:
                raise SinkError(f"LED {led!r}: cannot write {brightness}: {err}") from err
            maximum = root / led / "max_brightness"
            self._on[colour] = maximum.read_text().strip() if maximum.is_file() else "1"
            self._files[colour] = brightness
        self._blinker = _Blinker(self._write, hold_s, blink_s)

    def _write(self, colour: str, on: bool) -> None:
        self._files[colour].write_text(self._on[colour] if on else "0")

    async def deliver(self, delivery: Delivery) -> bool:
        """Light the prompt's colour, if this sink has it."""
        if delivery.led is None or delivery.led not in self._files:
            return False
        await self._blinker.show(delivery.led, delivery.led_pattern)
        return True

    async def close(self) -> None:
        """Stop blinking and turn every LED off."""
        await self._blinker.stop()
        for colour in self._files:
            self._write(colour, False)


class GpioLedSink:
    """LEDs on GPIO lines through the character device (`gpiod` 2.x bindings)."""

    name = "led"

    def __init__(
        self, chip: Path, lines: Mapping[str, int], *, hold_s: float = 5.0, blink_s: float = 0.25
    ) -> None:
        """Request the lines as outputs, driven low.

        Raises:
            SinkError: the chip does not exist, is not a GPIO chip, or a line is unknown/busy.
        """
        import gpiod
        from gpiod.line import Direction, Value

        self._value = Value
        if not chip.exists():
            raise SinkError(f"GPIO chip {chip} not found: set coaching.gpio_chip")
        try:
            self._request: Any = gpiod.request_lines(
                str(chip),
                consumer="showfloor-coach",
                config={
                    tuple(lines.values()): gpiod.LineSettings(
                        direction=Direction.OUTPUT, output_value=Value.INACTIVE
                    )
                },
            )
        except (OSError, ValueError) as err:
            raise SinkError(f"GPIO lines {dict(lines)} on {chip}: {err}") from err
        self._lines = dict(lines)
        self._blinker = _Blinker(self._write, hold_s, blink_s)

    def _write(self, colour: str, on: bool) -> None:
        value = self._value.ACTIVE if on else self._value.INACTIVE
        self._request.set_value(self._lines[colour], value)

    async def deliver(self, delivery: Delivery) -> bool:
        """Light the prompt's colour, if this sink has it."""
        if delivery.led is None or delivery.led not in self._lines:
            return False
        await self._blinker.show(delivery.led, delivery.led_pattern)
        return True

    async def close(self) -> None:
        """Stop, drive every line low and release them."""
        await self._blinker.stop()
        for colour in self._lines:
            self._write(colour, False)
        self._request.release()
