"""A customer waiting with no salesperson near: a prompt to the floor, once a zone a while."""

from __future__ import annotations

import io
from pathlib import Path

from contract.ids import HubAddress, new_subject
from contract.payloads import CoachingPrompt, Presence
from edge.coach.engine import WAITING_COOLDOWN_S, Coach
from edge.coach.playbook import load_playbook
from edge.coach.sinks.console import ConsoleSink
from edge.coach.sinks.led import SysfsLedSink
from edge.events import MemorySink
from tests.aio import run


def _waiting(zone: str) -> Presence:
    return Presence(action="waiting", zone=zone, visit_id=new_subject("visit"), waited_s=95)


def test_waiting_prompts_the_floor_then_cools_down(tmp_path: Path) -> None:
    (tmp_path / "leds" / "amber").mkdir(parents=True)
    (tmp_path / "leds" / "amber" / "brightness").write_text("0")
    now = [1000.0]
    stream = io.StringIO()
    events = MemorySink(HubAddress.of("t", "s", "h"))
    led = SysfsLedSink({"amber": "amber"}, tmp_path / "leds", hold_s=0.2, blink_s=0.05)
    coach = Coach(load_playbook(), [ConsoleSink(stream), led], events, clock=lambda: now[0])

    async def scenario() -> list[CoachingPrompt | None]:
        first = await coach.on_waiting(_waiting("entrance"))
        again = await coach.on_waiting(_waiting("entrance"))
        other = await coach.on_waiting(_waiting("SUV row"))
        now[0] += WAITING_COOLDOWN_S
        later = await coach.on_waiting(_waiting("entrance"))
        await coach.close()
        return [first, again, other, later]

    first, again, other, later = run(scenario())
    assert first is not None
    assert first.rule == "customer-waiting"
    assert first.kind == "presence"
    assert first.text == "A customer is waiting at entrance."
    assert set(first.sinks) == {"console", "led"}
    assert again is None
    assert other is not None
    assert later is not None
    assert "A customer is waiting at entrance." in stream.getvalue()
    assert [getattr(e, "data", None) for e in events.events] == [first, other, later]


def test_quiet_mode_still_lights_the_led(tmp_path: Path) -> None:
    (tmp_path / "leds" / "amber").mkdir(parents=True)
    (tmp_path / "leds" / "amber" / "brightness").write_text("0")
    events = MemorySink(HubAddress.of("t", "s", "h"))
    led = SysfsLedSink({"amber": "amber"}, tmp_path / "leds", hold_s=0.2, blink_s=0.05)
    coach = Coach(load_playbook(), [led], events, quiet=True)

    async def scenario() -> CoachingPrompt | None:
        prompt = await coach.on_waiting(_waiting("delivery bay"))
        await coach.close()
        return prompt

    prompt = run(scenario())
    assert prompt is not None
    assert prompt.sinks == ["led"]
