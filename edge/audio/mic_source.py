"""Live capture from a microphone as a stream of 16 kHz mono frames."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np
import soxr
from numpy.typing import NDArray

from edge.audio.devices import InputDevice, find_input_device, open_input_stream
from edge.audio.frames import SAMPLE_RATE, Frame, Framer, from_pcm16
from edge.errors import AudioDeviceError
from edge.settings import AudioSettings

if TYPE_CHECKING:  # imported when a stream opens: PortAudio costs 20 MiB resident
    import sounddevice as sd

_LOGGER = logging.getLogger(__name__)

_STOPPED = None  # queued when the stream ends


class MicSource:
    """An async iterator of `Frame`s captured from an input device through PortAudio.

    The device is opened at 16 kHz mono, 16-bit. When `settings.device_rate` is set the device
    is opened at that rate instead; when 16 kHz is refused, at the device's default rate. Audio
    at another rate is resampled to 16 kHz. The PortAudio callback only copies the block and
    hands it to the event loop; if the consumer falls behind by more than `max_queued_s`, blocks
    are dropped, counted in `overflows`, logged, and the frame clock skips over them.

    Use as `async with MicSource(settings) as mic: async for frame in mic: ...`; leaving the
    block (or closing the iterator) stops the stream.

    Raises:
        AudioDeviceError: the device does not exist or cannot be opened, or stops while
            captured (from the iteration).
    """

    def __init__(self, settings: AudioSettings, *, max_queued_s: float = 2.0) -> None:
        self.settings = settings
        self.device: InputDevice | None = None
        self.rate = SAMPLE_RATE
        self.overflows = 0
        self._max_blocks = max(1, int(max_queued_s * 1000 / settings.frame_ms))
        # (samples dropped just before the block, the block); None when the stream ends
        self._queue: asyncio.Queue[tuple[int, NDArray[np.int16]] | None] = asyncio.Queue()
        self._stream: sd.InputStream | None = None
        self._lost = 0
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._generation = 0  # of the open stream: news from closed streams is dropped

    async def __aenter__(self) -> MicSource:
        self.open()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __aiter__(self) -> AsyncGenerator[Frame, None]:
        return self._frames()

    def open(self) -> None:
        """Open and start the stream (from within the event loop that will consume it)."""
        if self._stream is not None:
            return
        self.device = find_input_device(self.settings.device)
        self._queue = asyncio.Queue(self._max_blocks)
        self._closing = False
        self._loop = asyncio.get_running_loop()
        rates = [SAMPLE_RATE, round(self.device.default_rate)]
        if self.settings.device_rate:
            rates = [self.settings.device_rate]
        self._stream = open_input_stream(
            self.device, rates, self.settings.frame_ms, self._callback, self._finished
        )
        self.rate = int(self._stream.samplerate)
        import sounddevice as sd

        try:
            self._stream.start()
        except sd.PortAudioError as err:
            self.close()
            raise AudioDeviceError(f"cannot start input device {self.device}: {err}") from err
        _LOGGER.info("capturing from %s at %d Hz", self.device, self.rate)

    def close(self) -> None:
        """Stop and close the stream; an iteration in progress ends."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        self._closing = True
        try:
            stream.close(ignore_errors=True)
        finally:
            self._generation += 1
            self._deliver(self._generation, _STOPPED, "")
            _LOGGER.info("stopped capturing from %s", self.device)

    async def _frames(self) -> AsyncGenerator[Frame, None]:
        self.open()
        framer = Framer(self.settings.frame_ms)
        resampler = None
        if self.rate != SAMPLE_RATE:
            resampler = soxr.ResampleStream(
                self.rate, SAMPLE_RATE, 1, dtype="float32", quality="HQ"
            )
        try:
            while (item := await self._queue.get()) is not _STOPPED:
                lost, block = item
                if lost:
                    framer.skip(lost * SAMPLE_RATE // self.rate)
                mono = from_pcm16(block).mean(axis=1, dtype=np.float32)
                if resampler is not None:
                    mono = resampler.resample_chunk(mono)
                for frame in framer.push(mono):
                    yield frame
            if not self._closing:
                raise AudioDeviceError(f"input device {self.device} stopped")
        finally:
            self.close()

    def _callback(self, indata: NDArray[np.int16], frames: int, time: Any, status: Any) -> None:
        # PortAudio's thread: copy the block and hand it over; never block, never raise.
        self._threadsafe(self._deliver, self._generation, indata.copy(), str(status))

    def _finished(self) -> None:
        self._threadsafe(self._deliver, self._generation, _STOPPED, "")

    def _threadsafe(self, *call: Any) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # a closed loop: the stream is torn down
                self._loop.call_soon_threadsafe(*call)

    def _deliver(self, generation: int, block: NDArray[np.int16] | None, status: str) -> None:
        if generation != self._generation:
            return  # late news from a stream already closed
        if status:
            _LOGGER.warning("capture from %s: %s", self.device, status)
        if block is _STOPPED:
            while self._queue.full():
                self._queue.get_nowait()
            self._queue.put_nowait(block)
            return
        try:
            self._queue.put_nowait((self._lost, block))
            self._lost = 0
        except asyncio.QueueFull:
            self.overflows += 1
            self._lost += len(block)
            if self.overflows == 1 or self.overflows % 100 == 0:
                _LOGGER.warning(
                    "capture queue full: %d blocks dropped from %s (consumer too slow)",
                    self.overflows,
                    self.device,
                )
