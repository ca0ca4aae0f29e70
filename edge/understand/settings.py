"""Understanding settings (section `understanding`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class UnderstandingSettings(BaseModel):
    """Objection/signal classification and conversation boundaries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: float = Field(
        default=0.45, gt=0, lt=1, description="Least class score (similarity + rule bonus)."
    )
    conversation_silence_s: float = Field(
        default=45.0, gt=0, description="Seconds without words that end a conversation."
    )
    talk_window_s: float = Field(
        default=120.0, gt=0, description="Window of the live talk ratio, in seconds."
    )
