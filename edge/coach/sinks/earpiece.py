"""Spoken prompts: espeak-ng renders the words, sounddevice plays them on the earpiece output.

Short, quiet (`volume` scales the samples) and interruptible: a new prompt, `interrupt()` or
`close()` stops the one playing within one block (~50 ms).
"""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
import threading
from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from edge.coach.errors import SinkError
from edge.coach.sinks.base import Delivery

_LOGGER = logging.getLogger(__name__)
_BLOCK_S = 0.05


class EarpieceSink:
    """Text to speech on a sounddevice output device."""

    name = "earpiece"

    def __init__(
        self,
        device: str | int | None = None,
        *,
        voice: str = "en-us",
        voices: Mapping[str, str] | None = None,
        words_per_minute: int = 175,
        volume: float = 0.5,
    ) -> None:
        """Check espeak-ng and the output device now, so a bad set-up fails at start-up.

        Raises:
            SinkError: espeak-ng is not installed, or the output device does not exist.
        """
        import sounddevice as sd

        self._espeak = shutil.which("espeak-ng")
        if self._espeak is None:
            raise SinkError("espeak-ng not found: install it (apt-get install espeak-ng)")
        try:
            info = sd.query_devices(device, "output")
        except (ValueError, sd.PortAudioError) as err:
            raise SinkError(
                f"earpiece output device {device!r} not found: set coaching.earpiece_device ({err})"
            ) from err
        self._device = info["index"] if isinstance(info, dict) else device
        self._voice = voice
        self._voices = dict(voices or {})
        self._wpm = words_per_minute
        self._volume = volume
        self._stop = threading.Event()
        self._playing: asyncio.Task[None] | None = None
        self.played = 0

    def voice_for(self, language: str) -> str:
        """The espeak-ng voice of prompts in `language` (`voice` when none is set for it)."""
        return self._voices.get(language, self._voice)

    async def render(self, text: str, language: str = "en") -> tuple[NDArray[np.float32], int]:
        """`text` spoken by espeak-ng in the voice of `language`: mono float32 samples, rate.

        Raises:
            SinkError: espeak-ng failed.
        """
        import soundfile as sf

        if self._espeak is None:
            raise SinkError("espeak-ng not found")
        process = await asyncio.create_subprocess_exec(
            self._espeak, "--stdout", "-v", self.voice_for(language), "-s", str(self._wpm), text,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await process.communicate()
        if process.returncode != 0:
            raise SinkError(f"espeak-ng failed: {err.decode(errors='replace').strip()}")
        samples, rate = sf.read(io.BytesIO(out), dtype="float32", always_2d=True)
        return (samples[:, 0] * self._volume).astype(np.float32), int(rate)

    async def deliver(self, delivery: Delivery) -> bool:
        """Say the prompt's words (interrupting any prompt still playing); True once started."""
        if not delivery.text or not delivery.spoken:
            return False
        samples, rate = await self.render(delivery.text, delivery.language)
        await self.interrupt()
        self._stop.clear()
        self._playing = asyncio.create_task(
            asyncio.to_thread(self._play, samples, rate), name="earpiece-play"
        )
        self.played += 1
        return True

    async def wait(self) -> None:
        """Until the prompt playing (if any) has finished."""
        if self._playing is not None:
            await self._playing

    def _play(self, samples: NDArray[np.float32], rate: int) -> None:
        import sounddevice as sd

        block = max(1, int(rate * _BLOCK_S))
        try:
            with sd.OutputStream(
                samplerate=rate, channels=1, dtype="float32", device=self._device
            ) as stream:
                for start in range(0, len(samples), block):
                    if self._stop.is_set():
                        break
                    stream.write(samples[start : start + block].reshape(-1, 1))
        except sd.PortAudioError as err:
            _LOGGER.error("earpiece playback failed on device %r: %s", self._device, err)

    async def interrupt(self) -> None:
        """Stop the prompt playing now."""
        if self._playing is not None:
            self._stop.set()
            await self._playing
            self._playing = None

    async def close(self) -> None:
        """Stop playing."""
        await self.interrupt()
