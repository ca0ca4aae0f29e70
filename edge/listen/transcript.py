"""The result of listening: who said what, when; and its three printed forms."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["salesperson", "customer"]


class Segment(BaseModel):
    """One speaker's stretch of words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: float = Field(ge=0, description="Start in seconds from the start of the audio.")
    end: float = Field(ge=0, description="End in seconds from the start of the audio.")
    speaker: str = Field(description="Enrolled salesperson's name, or customer_N.")
    role: Role = Field(description="salesperson when the voice is enrolled, else customer.")
    text: str = Field(description="What was said.")
    language: str = Field(description="Language code of the text.")


class SpeakerTurn(BaseModel):
    """A stretch of one speaker's voice (words or not); turns may overlap."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: float = Field(ge=0, description="Start in seconds.")
    end: float = Field(ge=0, description="End in seconds.")
    speaker: str = Field(description="Enrolled salesperson's name, or customer_N.")
    role: Role = Field(description="salesperson or customer.")


class Transcript(BaseModel):
    """A whole recording, diarized and transcribed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    audio: str = Field(description="The audio file as given.")
    duration: float = Field(ge=0, description="Length of the audio in seconds.")
    segments: tuple[Segment, ...] = Field(description="Speaker segments with text, in time order.")
    turns: tuple[SpeakerTurn, ...] = Field(
        default=(), exclude=True, description="Speaker turns (for RTTM); not in the JSON form."
    )


def to_json(transcript: Transcript) -> str:
    """The JSON form: `{"audio", "duration", "segments": [...]}`."""
    return transcript.model_dump_json(indent=2)


def to_rttm(transcript: Transcript, uri: str) -> str:
    """Standard RTTM of the speaker turns (`SPEAKER uri 1 start dur <NA> <NA> who <NA> <NA>`)."""
    uri = uri.replace(" ", "_") or "audio"
    lines = [
        f"SPEAKER {uri} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> {t.speaker} <NA> <NA>"
        for t in sorted(transcript.turns, key=lambda t: (t.start, t.speaker))
        if t.end > t.start
    ]
    return "".join(line + "\n" for line in lines)


def to_text(transcript: Transcript) -> str:
    """Readable lines: `[00:01.20 - 00:03.90] customer_1 (customer): text`."""
    lines = [
        f"[{_clock(s.start)} - {_clock(s.end)}] {s.speaker} ({s.role}): {s.text}"
        for s in transcript.segments
    ]
    return "".join(line + "\n" for line in lines)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60.0)
    return f"{int(minutes):02d}:{rest:05.2f}"
