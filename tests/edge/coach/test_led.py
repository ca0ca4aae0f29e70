import asyncio
from pathlib import Path

import pytest

from edge.coach.errors import SinkError
from edge.coach.sinks.base import Delivery
from edge.coach.sinks.led import GpioLedSink, SysfsLedSink
from tests.aio import run


def leds(root: Path, *names: str) -> Path:
    for name in names:
        (root / name).mkdir(parents=True)
        (root / name / "brightness").write_text("0\n")
        (root / name / "max_brightness").write_text("255\n")
    return root


def test_sysfs_led_on_then_off(tmp_path: Path) -> None:
    root = leds(tmp_path, "showfloor:green", "showfloor:red")

    async def scenario() -> list[str]:
        sink = SysfsLedSink({"green": "showfloor:green"}, root, hold_s=0.2)
        seen = []
        assert await sink.deliver(Delivery("test-drive", "signal", None, "green"))
        await asyncio.sleep(0.05)
        seen.append((root / "showfloor:green" / "brightness").read_text())
        assert not await sink.deliver(Delivery("x", "signal", "words", None))
        assert not await sink.deliver(Delivery("y", "signal", None, "red"))  # not configured
        await asyncio.sleep(0.3)
        seen.append((root / "showfloor:green" / "brightness").read_text())
        await sink.close()
        return seen

    assert run(scenario(), 5) == ["255", "0"]


def test_sysfs_led_blinks(tmp_path: Path) -> None:
    root = leds(tmp_path, "g")

    async def scenario() -> set[str]:
        sink = SysfsLedSink({"green": "g"}, root, hold_s=0.5, blink_s=0.05)
        await sink.deliver(Delivery("r", "signal", None, "green", "blink"))
        seen = set()
        for _ in range(8):
            seen.add((root / "g" / "brightness").read_text())
            await asyncio.sleep(0.03)
        await sink.close()
        return seen

    assert run(scenario(), 5) == {"255", "0"}
    assert (root / "g" / "brightness").read_text() == "0"


def test_unknown_led_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SinkError, match="LED 'nope' for green not found"):
        SysfsLedSink({"green": "nope"}, leds(tmp_path, "g"))


def test_unknown_gpio_chip_is_a_clear_error(tmp_path: Path) -> None:
    # No gpio-sim/gpio-mockup kernel module here: only the start-up checks can run for real.
    with pytest.raises(SinkError, match=r"GPIO chip .* not found"):
        GpioLedSink(tmp_path / "gpiochip9", {"green": 3})


def test_not_a_gpio_chip_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "gpiochip0"
    fake.write_text("")
    with pytest.raises(SinkError, match="GPIO lines"):
        GpioLedSink(fake, {"green": 3})
