"""Voice activity: a cheap webrtcvad gate in front of Silero VAD v6 (ONNX).

On an idle showroom hub most audio is silence or noise. webrtcvad (microseconds a frame) decides
whether Silero needs to run at all: after `gate_hold_s` without a webrtcvad hit, Silero is skipped
and its state reset; the first hit wakes it with the last chunks replayed so it starts warm.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from edge.listen.gain import GainNormaliser
from edge.listen.onnx_session import open_session

SAMPLE_RATE = 16000
CHUNK = 512  # Silero v6 at 16 kHz: 32 ms
_CONTEXT = 64
_GATE_FRAME = 480  # 30 ms webrtcvad frames
_WARMUP_CHUNKS = 8


class SileroVad:
    """Silero VAD v6, one 32 ms chunk at a time, state carried between calls."""

    def __init__(self, model_path: Path) -> None:
        self._session = open_session(model_path, threads=1, expect_input="input")
        self.reset()

    def reset(self) -> None:
        """Forget the stream."""
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros((1, _CONTEXT), dtype=np.float32)

    def __call__(self, chunk: NDArray[np.float32]) -> float:
        """Speech probability of one chunk of exactly 512 samples."""
        x = chunk.reshape(1, CHUNK)
        feed: dict[str, Any] = {
            "input": np.concatenate([self._context, x], axis=1),
            "h": self._h,
            "c": self._c,
        }
        probs, self._h, self._c = self._session.run(None, feed)
        self._context = x[:, -_CONTEXT:]
        return float(np.asarray(probs).ravel()[0])


class WebRtcGate:
    """True while webrtcvad has heard speech within the last `hold_s` seconds."""

    def __init__(self, aggressiveness: int, hold_s: float = 0.5) -> None:
        import webrtcvad

        self._vad = webrtcvad.Vad(aggressiveness)
        self._hold = int(hold_s * SAMPLE_RATE)
        self.reset()

    def reset(self) -> None:
        """Forget the stream."""
        self._pending = np.zeros(0, dtype=np.float32)
        self._since_hit = self._hold + 1

    def __call__(self, samples: NDArray[np.float32]) -> bool:
        """Feed samples (any length); whether the gate is open after them."""
        buffer = np.concatenate([self._pending, samples])
        whole = len(buffer) // _GATE_FRAME * _GATE_FRAME
        for start in range(0, whole, _GATE_FRAME):
            pcm = (np.clip(buffer[start : start + _GATE_FRAME], -1.0, 1.0) * 32767).astype("<i2")
            if self._vad.is_speech(pcm.tobytes(), SAMPLE_RATE):
                self._since_hit = 0
            else:
                self._since_hit += _GATE_FRAME
        self._pending = buffer[whole:]
        return self._since_hit <= self._hold


class SpeechDetector:
    """Samples in, one speech probability per 32 ms chunk out (gain, gate, then Silero).

    With a `GainNormaliser`, the gate and Silero hear the normalised chunk; the chunks handed
    back are always the original audio.
    """

    def __init__(
        self, silero: SileroVad, gate: WebRtcGate, gain: GainNormaliser | None = None
    ) -> None:
        self._silero = silero
        self._gate = gate
        self._gain = gain
        self.reset()

    def reset(self) -> None:
        """Forget the stream."""
        self._silero.reset()
        self._gate.reset()
        if self._gain is not None:
            self._gain.reset()
        self._pending = np.zeros(0, dtype=np.float32)
        self._recent: collections.deque[NDArray[np.float32]] = collections.deque(
            maxlen=_WARMUP_CHUNKS
        )
        self._awake = False
        self.chunks_run = 0
        self.chunks_skipped = 0

    def __call__(self, samples: NDArray[np.float32]) -> list[tuple[NDArray[np.float32], float]]:
        """Feed samples; the complete 512-sample chunks with their speech probability."""
        buffer = np.concatenate([self._pending, samples.astype(np.float32, copy=False)])
        whole = len(buffer) // CHUNK * CHUNK
        self._pending = buffer[whole:]
        out: list[tuple[NDArray[np.float32], float]] = []
        for start in range(0, whole, CHUNK):
            chunk = buffer[start : start + CHUNK]
            heard = chunk if self._gain is None else self._gain(chunk)
            if self._gate(heard):
                if not self._awake:
                    self._silero.reset()
                    for earlier in self._recent:  # warm the LSTM on what came just before
                        self._silero(earlier)
                    self._awake = True
                out.append((chunk, self._silero(heard)))
                self.chunks_run += 1
            else:
                self._awake = False
                out.append((chunk, 0.0))
                self.chunks_skipped += 1
            self._recent.append(heard)
        return out
