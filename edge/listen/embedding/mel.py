"""Resemblyzer's mel spectrogram in numpy (a port of its librosa call; librosa is not on the hub).

Resemblyzer computes `librosa.feature.melspectrogram(y, sr=16000, n_fft=400, hop_length=160,
n_mels=40)`: a centred STFT (zero padding of n_fft // 2 at both ends, periodic Hann window),
power 2, and a Slaney-style mel filterbank with Slaney area normalisation. It is *not* a log mel.
`showfloor-models build` checks this port against librosa.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray

SAMPLE_RATE = 16000
N_FFT = 400
HOP = 160
N_MELS = 40

_F_SP = 200.0 / 3  # Slaney mel scale: linear below 1 kHz ...
_MIN_LOG_HZ = 1000.0
_MIN_LOG_MEL = _MIN_LOG_HZ / _F_SP
_LOG_STEP = np.log(6.4) / 27.0  # ... logarithmic above


def _hz_to_mel(hz: NDArray[np.float64]) -> NDArray[np.float64]:
    linear = hz / _F_SP
    log = _MIN_LOG_MEL + np.log(np.maximum(hz, _MIN_LOG_HZ) / _MIN_LOG_HZ) / _LOG_STEP
    return np.where(hz >= _MIN_LOG_HZ, log, linear)


def _mel_to_hz(mel: NDArray[np.float64]) -> NDArray[np.float64]:
    linear = mel * _F_SP
    log = _MIN_LOG_HZ * np.exp(_LOG_STEP * (mel - _MIN_LOG_MEL))
    return np.where(mel >= _MIN_LOG_MEL, log, linear)


@cache
def mel_filterbank() -> NDArray[np.float32]:
    """(40, 201) Slaney mel filterbank for 16 kHz and a 400-point FFT (librosa.filters.mel)."""
    fft_freqs = np.fft.rfftfreq(N_FFT, 1.0 / SAMPLE_RATE)
    edges = np.array([0.0, SAMPLE_RATE / 2.0])
    low, high = _hz_to_mel(edges)
    mel_points = np.linspace(float(low), float(high), N_MELS + 2)
    mel_freqs = _mel_to_hz(mel_points)
    widths = np.diff(mel_freqs)
    ramps = mel_freqs[:, np.newaxis] - fft_freqs[np.newaxis, :]
    lower = -ramps[:-2] / widths[:-1, np.newaxis]
    upper = ramps[2:] / widths[1:, np.newaxis]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_freqs[2:] - mel_freqs[:-2]))[:, np.newaxis]
    return weights.astype(np.float32)


@cache
def _window() -> NDArray[np.float64]:
    n = np.arange(N_FFT)
    return 0.5 - 0.5 * np.cos(2.0 * np.pi * n / N_FFT)


def mel_spectrogram(audio: NDArray[np.float32]) -> NDArray[np.float32]:
    """(frames, 40) mel power spectrogram, frames = 1 + len(audio) // 160."""
    padded = np.pad(audio.astype(np.float64), N_FFT // 2, mode="constant")
    count = 1 + (padded.size - N_FFT) // HOP
    index = np.arange(N_FFT)[np.newaxis, :] + HOP * np.arange(count)[:, np.newaxis]
    spectrum = np.fft.rfft(padded[index] * _window(), axis=1)
    power = spectrum.real**2 + spectrum.imag**2
    return (power @ mel_filterbank().T.astype(np.float64)).astype(np.float32)
