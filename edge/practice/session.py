"""A practice session on the hub: say each customer line, hear the answer, grade it.

The line is spoken through the earpiece sink (espeak-ng on the earpiece or speaker output,
as spoken prompts are); the answer is captured from the hub's microphone and transcribed by
the live listening pipeline (`LiveListener`, as on the floor); the grade is
`edge.practice.score.grade` with the hub's playbook, the one live coaching uses.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from contract.practice import HubAttempt, HubAttempts, PracticeLine, PracticeSet
from edge.audio.frames import Frame
from edge.audio.mic_source import MicSource
from edge.coach.playbook import Playbook
from edge.coach.sinks.base import Delivery
from edge.coach.sinks.earpiece import EarpieceSink
from edge.errors import ConfigError
from edge.listen.live import LiveListener
from edge.practice.score import FEEDBACK_TEXT, Grade, grade
from edge.settings import AudioSettings


@dataclass(frozen=True)
class Answered:
    """One line of the session: what was said back, and its grade."""

    line: PracticeLine
    answer: str
    grade: Grade


def read_lines(path: Path) -> PracticeSet:
    """The practice set in `path` (the cloud's `/api/v1/practice/lines` answer, as JSON).

    Raises:
        ConfigError: unreadable, or not a practice set (the message says what is wrong).
    """
    try:
        return PracticeSet.model_validate_json(path.read_bytes())
    except OSError as err:
        raise ConfigError(f"cannot read practice lines {path}: {err}") from err
    except ValidationError as err:
        raise ConfigError(f"{path} is not a practice set: {err}") from err


async def hear_answer(listener: LiveListener, audio: AudioSettings, seconds: float) -> str:
    """The words captured from the microphone over the next `seconds` (transcribed live)."""
    async with MicSource(audio) as mic:
        words = [
            segment.text.strip()
            async for heard in listener.listen(_limit(aiter(mic), seconds))
            for segment in heard.segments
        ]
    return " ".join(w for w in words if w)


async def _limit(frames: AsyncIterator[Frame], seconds: float) -> AsyncIterator[Frame]:
    async for frame in frames:
        if frame.start >= seconds:
            return
        yield frame


async def practise(
    lines: list[PracticeLine],
    playbook: Playbook,
    speaker: EarpieceSink,
    listener: LiveListener,
    audio: AudioSettings,
    seconds: float,
    show: Callable[[str], None],
) -> list[Answered]:
    """Say each line, hear and grade the answer, `show` the feedback; every answer."""
    done = []
    for line in lines:
        show(f'Customer ({line.persona}, level {line.level}): "{line.text}"')
        await speaker.deliver(
            Delivery("practice", "objection", line.text, None, "on", True, language=line.language)
        )
        await speaker.wait()
        answer = await hear_answer(listener, audio, seconds)
        result = grade(playbook, line.objections, answer, line.language)
        show(f'You: "{answer}"')
        show(
            f"Score {result.score}/100 - objection "
            f"{'addressed' if result.addressed else 'not addressed'}"
        )
        for code in result.feedback:
            show(f"  - {FEEDBACK_TEXT[code]}")
        for item in result.objections:
            if not item.move and item.hint:
                show(f"  - {item.objection}: {item.hint}")
        done.append(Answered(line, answer, result))
        await asyncio.sleep(0)
    return done


def report(practice: PracticeSet, answered: list[Answered]) -> HubAttempts:
    """What to send to the cloud (`POST /api/v1/practice/attempts`)."""
    return HubAttempts(
        site_id=practice.site_id,
        staff=practice.staff,
        attempts=[HubAttempt(line=a.line, answer=a.answer) for a in answered],
    )
