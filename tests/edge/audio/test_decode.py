"""Decoding: every format, rate and channel count to 16 kHz mono; every broken file named."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edge.audio.decode import audio_duration, iter_audio, load_audio
from edge.errors import AudioFileError
from tests.audio_fixtures import LEFT_HZ, expected_mono, peak_hz, truncate, write_tones

LOSSLESS = [
    ("wav", 44100, 2, "PCM_16"),
    ("wav", 8000, 1, "PCM_16"),
    ("wav", 16000, 1, "FLOAT"),
    ("flac", 48000, 2, "PCM_24"),
    ("flac", 22050, 6, "PCM_16"),
]


@pytest.mark.parametrize(("suffix", "rate", "channels", "subtype"), LOSSLESS)
def test_lossless_files_decode_to_16k_mono_matching_the_source(
    tmp_path: Path, suffix: str, rate: int, channels: int, subtype: str
) -> None:
    path = write_tones(tmp_path / f"tones.{suffix}", 2.0, rate, channels, subtype=subtype)

    audio = load_audio(path)

    assert audio.dtype == np.float32
    assert audio.ndim == 1
    assert abs(len(audio) - 32000) <= 1
    expected = expected_mono(2.0, channels)
    middle = slice(800, 31200)  # resampling filters ring at the very edges
    assert np.max(np.abs(audio[middle] - expected[middle])) < 2e-3
    assert audio_duration(path) == pytest.approx(2.0, abs=1e-3)


def test_16k_mono_float_wav_passes_through_bit_exact(tmp_path: Path) -> None:
    path = write_tones(tmp_path / "exact.wav", 1.0, 16000, 1, subtype="FLOAT")

    assert np.array_equal(load_audio(path), sf.read(path, dtype="float32")[0])


@pytest.mark.parametrize(("suffix", "fmt"), [("mp3", "MP3"), ("ogg", "OGG")])
def test_lossy_files_decode_to_16k_mono(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = write_tones(tmp_path / f"tones.{suffix}", 2.0, 44100, 1, format=fmt)

    audio = load_audio(path)

    assert audio.dtype == np.float32
    assert abs(len(audio) - 32000) < 0.05 * 32000
    assert peak_hz(audio) == pytest.approx(LEFT_HZ, abs=5)
    assert 0.35 < np.max(np.abs(audio)) < 0.45


def test_streaming_yields_bounded_blocks_equal_to_the_whole(tmp_path: Path) -> None:
    path = write_tones(tmp_path / "long.flac", 10.0, 44100, 2)

    blocks = list(iter_audio(path, block_s=0.5))

    assert max(len(block) for block in blocks) <= 8000 + 256  # + the resampler's tail
    assert np.array_equal(np.concatenate(blocks), load_audio(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match=r"audio file .*nowhere\.wav not found"):
        load_audio(tmp_path / "nowhere.wav")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="is not a regular file"):
        load_audio(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    path.touch()
    with pytest.raises(AudioFileError, match=r"empty\.wav is empty \(0 bytes\)"):
        load_audio(path)


def test_file_with_zero_frames(tmp_path: Path) -> None:
    path = tmp_path / "zero.wav"
    sf.write(path, np.zeros((0, 1), dtype=np.float32), 16000)
    with pytest.raises(AudioFileError, match=r"zero\.wav holds no audio \(0 frames\)"):
        load_audio(path)


def test_text_file_renamed_wav(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("customer wants a red SUV\n" * 20)
    with pytest.raises(AudioFileError, match=r"notes\.wav is not an audio file \(expected WAV"):
        load_audio(path)


@pytest.mark.parametrize(
    ("suffix", "fmt", "fraction", "message"),
    [
        ("wav", "WAV", 0.5, r"is truncated: \d+ of \d+ bytes of audio data"),
        ("flac", "FLAC", 0.5, "is corrupt or truncated"),
        ("flac", "FLAC", 0.01, "is corrupt"),
        ("mp3", "MP3", 0.5, r"is truncated: \d+ of \d+ frames"),
        ("ogg", "OGG", 0.02, "is corrupt: Supported file format but file is malformed"),
    ],
)
def test_truncated_files(
    tmp_path: Path, suffix: str, fmt: str, fraction: float, message: str
) -> None:
    whole = write_tones(tmp_path / f"whole.{suffix}", 2.0, 44100, 2, format=fmt)
    broken = truncate(whole, tmp_path / f"cut.{suffix}", fraction)
    with pytest.raises(AudioFileError, match=message):
        load_audio(broken)


def _valid_file_bytes() -> list[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        return [
            write_tones(Path(tmp) / f"seed.{suffix}", 0.2, 22050, 2, format=fmt).read_bytes()
            for suffix, fmt in (("wav", "WAV"), ("flac", "FLAC"), ("mp3", "MP3"), ("ogg", "OGG"))
        ]


_SEEDS = _valid_file_bytes()


@st.composite
def _damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(0, len(data)))])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=4096), _damaged()))
def test_any_bytes_give_audio_or_audio_file_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.wav"
        path.write_bytes(data)
        try:
            audio = load_audio(path)
        except AudioFileError as err:
            assert str(err).strip()
            assert "\n" not in str(err)
            return
    assert audio.dtype == np.float32
    assert audio.ndim == 1
    assert len(audio) > 0
