"""Audio files to 16 kHz mono float32: WAV, FLAC, MP3, OGG at any rate and channel count.

`iter_audio` streams a file block by block (an hour-long file is never held in memory);
`load_audio` reads it whole. Both raise `AudioFileError` with a one-line reason: missing, empty,
not audio, corrupt or truncated.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Generator
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr
from numpy.typing import NDArray

from edge.audio.frames import SAMPLE_RATE
from edge.errors import AudioFileError

_LOGGER = logging.getLogger(__name__)

BLOCK_S = 1.0
"""Length of the blocks `iter_audio` reads, in seconds of the file."""

_RATES = (1000, 768000)
_MAX_CHANNELS = 64
_MP3_SHORTFALL = 0.05  # MP3 lengths from the header are estimates: tolerate 5 % less audio
_WAV_DATA_SIZE = re.compile(r"^data\s*:\s*(\d+)\s*\(should be (\d+)\)", re.MULTILINE)
_WAV_STREAMING_SIZE = 0x7FFFFFFF  # placeholder size written by streaming recorders


def load_audio(path: Path) -> NDArray[np.float32]:
    """Read a whole audio file as 16 kHz mono float32 samples.

    Raises:
        AudioFileError: the file is missing, empty, not audio, corrupt or truncated.
    """
    blocks = list(iter_audio(path))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def iter_audio(path: Path, block_s: float = BLOCK_S) -> Generator[NDArray[np.float32], None, None]:
    """Stream an audio file as blocks of 16 kHz mono float32 samples (channels averaged).

    Raises:
        AudioFileError: the file is missing, empty, not audio, corrupt or truncated; a file
            found truncated while reading raises after its readable blocks were yielded.
    """
    with _open(path) as snd:
        declared, rate, kind = snd.frames, snd.samplerate, snd.format
        resampler = (
            None if rate == SAMPLE_RATE else soxr.ResampleStream(rate, SAMPLE_RATE, 1, quality="HQ")
        )
        read = 0
        blocksize = max(1, int(rate * block_s))
        # Not snd.blocks(): on a short read it yields the unfilled rest of its buffer.
        while len(block := _read(path, snd, blocksize)):
            read += len(block)
            mono = np.clip(block, -1.0, 1.0).mean(axis=1, dtype=np.float32)
            yield mono if resampler is None else resampler.resample_chunk(mono)
        if resampler is not None:
            yield resampler.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
    if read == 0:
        raise AudioFileError(f"audio file {path} holds no audio (0 frames)")
    if kind == "MP3" and read < declared * (1 - _MP3_SHORTFALL):
        raise AudioFileError(f"audio file {path} is truncated: {read} of {declared} frames")


def audio_duration(path: Path) -> float:
    """Duration of an audio file in seconds, from its header.

    Raises:
        AudioFileError: the file is missing, empty, not audio, corrupt or truncated.
    """
    with _open(path) as snd:
        return float(snd.frames) / float(snd.samplerate)


def _read(path: Path, snd: sf.SoundFile, frames: int) -> NDArray[np.float32]:
    try:
        block: NDArray[np.float32] = snd.read(frames, dtype="float32", always_2d=True)
    except (sf.SoundFileError, RuntimeError, ValueError) as err:
        raise AudioFileError(f"audio file {path} is corrupt or truncated: {err}") from err
    if not np.isfinite(block).all():
        raise AudioFileError(f"audio file {path} is corrupt: it holds non-finite samples")
    return block


def _open(path: Path) -> sf.SoundFile:
    if not path.exists():
        raise AudioFileError(f"audio file {path} not found")
    if not path.is_file():
        raise AudioFileError(f"audio file {path} is not a regular file")
    if path.stat().st_size == 0:
        raise AudioFileError(f"audio file {path} is empty (0 bytes)")
    try:
        snd = sf.SoundFile(path)
    except sf.LibsndfileError as err:
        if "not recognised" in err.error_string:
            raise AudioFileError(
                f"{path} is not an audio file (expected WAV, FLAC, MP3 or OGG)"
            ) from err
        raise AudioFileError(f"audio file {path} is corrupt: {err.error_string}") from err
    except (sf.SoundFileError, RuntimeError, ValueError, OSError) as err:
        raise AudioFileError(f"audio file {path} cannot be read: {err}") from err
    try:
        _check(path, snd)
    except AudioFileError:
        snd.close()
        raise
    return snd


def _check(path: Path, snd: sf.SoundFile) -> None:
    if snd.frames == 0:
        raise AudioFileError(f"audio file {path} holds no audio (0 frames)")
    if not _RATES[0] <= snd.samplerate <= _RATES[1]:
        raise AudioFileError(f"audio file {path} has an unusable sample rate {snd.samplerate} Hz")
    if not 1 <= snd.channels <= _MAX_CHANNELS:
        raise AudioFileError(f"audio file {path} has an unusable channel count {snd.channels}")
    sizes = _WAV_DATA_SIZE.search(snd.extra_info)
    if sizes and _WAV_STREAMING_SIZE > int(sizes[1]) > int(sizes[2]):
        raise AudioFileError(
            f"audio file {path} is truncated: {sizes[2]} of {sizes[1]} bytes of audio data"
        )
    _LOGGER.debug("opened %s: %s %d Hz, %d ch", path, snd.format, snd.samplerate, snd.channels)
