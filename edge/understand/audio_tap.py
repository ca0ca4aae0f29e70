"""The last minute of audio, kept beside the listening pipeline for voice cues and pauses.

`tap(frames, recent)` passes frames on unchanged while keeping a copy, so the voice cues of a
turn can be measured once its times are known, and the coach can ask whether anyone is
speaking right now (webrtcvad on the newest frames) before it talks in the earpiece.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator

import numpy as np
from numpy.typing import NDArray

from edge.audio.frames import Frame

SAMPLE_RATE = 16000


class RecentAudio:
    """A ring of recent 16 kHz frames with their stream times."""

    def __init__(self, seconds: float = 60.0, aggressiveness: int = 2) -> None:
        """Keep `seconds` of audio; judge speech with webrtcvad at `aggressiveness`."""
        import webrtcvad

        self._frames: deque[Frame] = deque()
        self._seconds = seconds
        self._vad = webrtcvad.Vad(aggressiveness)
        self._voiced: deque[bool] = deque(maxlen=64)

    def add(self, frame: Frame) -> None:
        """Keep `frame` and note whether it holds speech."""
        self._frames.append(frame)
        while self._frames and frame.start - self._frames[0].start > self._seconds:
            self._frames.popleft()
        pcm = (np.clip(frame.samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        try:
            self._voiced.append(self._vad.is_speech(pcm, SAMPLE_RATE))
        except Exception:  # webrtcvad raises a bare Error for frame sizes it does not take
            self._voiced.append(False)

    def speaking(self, frames: int = 10) -> bool:
        """Whether at least half of the newest `frames` frames hold speech."""
        recent = list(self._voiced)[-frames:]
        return bool(recent) and sum(recent) * 2 >= len(recent)

    def slice(self, start: float, end: float) -> NDArray[np.float32]:
        """The samples between stream times `start` and `end` (what is still kept)."""
        parts = [f.samples for f in self._frames if f.start < end and f.start >= start - 0.03]
        if not parts:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(parts).astype(np.float32)


async def tap(frames: AsyncIterator[Frame], recent: RecentAudio) -> AsyncIterator[Frame]:
    """Every frame of `frames`, unchanged, each also kept in `recent`."""
    async for frame in frames:
        recent.add(frame)
        yield frame
