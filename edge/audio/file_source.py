"""A recording replayed as a stream of frames, as fast as possible or paced like a microphone."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Generator, Iterator
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.audio.decode import audio_duration, iter_audio
from edge.audio.frames import SAMPLE_RATE, Frame, Framer

_LOGGER = logging.getLogger(__name__)

_YIELD_EVERY = 16  # frames between returns to the event loop when not paced


class FileSource:
    """An async iterator of 16 kHz mono `Frame`s read from an audio file.

    The file is decoded block by block in a worker thread, so neither memory nor the event loop
    is held by a long file. The last partial frame is zero-padded.

    Args:
        path: a WAV, FLAC, MP3 or OGG file at any rate and channel count.
        frame_ms: frame length in milliseconds (10, 20 or 30).
        realtime: pace frames to the wall clock, each yielded when it would have finished
            arriving from a microphone (absolute deadlines on the loop's clock, so no drift
            accumulates); otherwise yield them as fast as they decode.

    Raises:
        AudioFileError: the file is missing, empty, not audio, corrupt or truncated (checked
            here from its header; damage found while decoding is raised by the iteration).
        ValueError: `frame_ms` is not 10, 20 or 30.
    """

    def __init__(self, path: Path, frame_ms: int = 30, *, realtime: bool = False) -> None:
        self.path = path
        self.frame_ms = frame_ms
        self.realtime = realtime
        Framer(frame_ms)  # validates frame_ms now rather than at the first frame
        self.duration = audio_duration(path)
        """Duration of the file in seconds (from its header)."""

    def __aiter__(self) -> AsyncGenerator[Frame, None]:
        return self._frames()

    async def _frames(self) -> AsyncGenerator[Frame, None]:
        loop = asyncio.get_running_loop()
        framer = Framer(self.frame_ms)
        blocks = iter_audio(self.path)
        started = loop.time()
        try:
            while (block := await asyncio.to_thread(_next_block, blocks)) is not None:
                for frame in framer.push(block):
                    await self._pace(frame, started, loop)
                    yield frame
            for frame in framer.flush():
                await self._pace(frame, started, loop)
                yield frame
        finally:
            _close(blocks)
        _LOGGER.debug("replayed %s in %.2f s", self.path, loop.time() - started)

    async def _pace(self, frame: Frame, started: float, loop: asyncio.AbstractEventLoop) -> None:
        if self.realtime:
            deadline = started + frame.start + len(frame.samples) / SAMPLE_RATE
            await asyncio.sleep(max(0.0, deadline - loop.time()))
        elif frame.index % _YIELD_EVERY == 0:
            await asyncio.sleep(0)


def _next_block(blocks: Iterator[NDArray[np.float32]]) -> NDArray[np.float32] | None:
    return next(blocks, None)


def _close(blocks: Generator[NDArray[np.float32], None, None]) -> None:
    try:
        blocks.close()
    except ValueError:  # cancelled while a worker thread decodes: the file closes when it ends
        _LOGGER.debug("decoder still busy in its thread; it closes when it finishes")
