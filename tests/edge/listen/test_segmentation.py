from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from edge.errors import ModelLoadError
from edge.listen.segmentation import (
    Segmenter,
    num_frames,
    powerset_classes,
    powerset_to_multilabel,
)
from harness.speech import CUSTOMER, SALESPERSON, speak
from models.bundle import Bundle
from models.manifest import ONNX_MODEL_FILE, Role

RATE = 16000


def test_frame_timing_is_pyannotes() -> None:
    assert Segmenter.window_samples == 160000
    assert Segmenter.frames_per_window == num_frames(160000) == 589
    assert Segmenter.frame_step_s == pytest.approx(0.016875)
    assert Segmenter.frame_duration_s == pytest.approx(0.0619375)


def test_powerset_to_multilabel() -> None:
    assert powerset_classes().tolist() == [
        [0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1],
    ]  # fmt: skip
    probs = np.array([0.1, 0.5, 0.0, 0.0, 0.3, 0.1, 0.0], dtype=np.float32)
    activity = powerset_to_multilabel(np.log(np.maximum(probs, 1e-12)))
    np.testing.assert_allclose(activity, [0.9, 0.3, 0.1], atol=1e-6)


@pytest.fixture(scope="module")
def segmenter(showfloor_bundle: Bundle) -> Segmenter:
    return Segmenter(showfloor_bundle.path(Role.SEGMENTATION) / ONNX_MODEL_FILE)


@pytest.fixture(scope="module")
def two_voices() -> tuple[NDArray[np.float32], slice, slice]:
    """10 s: 0.5 s silence, salesperson, 1.5 s silence, customer, silence to the end."""
    first = speak("Good morning, the hybrid gets fifty miles per gallon.", SALESPERSON)
    second = speak("How much is the lease per month with my trade-in?", CUSTOMER)
    window = np.zeros(10 * RATE, dtype=np.float32)
    a = slice(RATE // 2, RATE // 2 + first.size)
    b = slice(a.stop + 3 * RATE // 2, a.stop + 3 * RATE // 2 + second.size)
    assert b.stop < window.size - RATE // 2, "test speech too long for one window"
    window[a] = first
    window[b] = second
    return window, a, b


def _frames(span: slice, margin_s: float = 0.3) -> slice:
    step = Segmenter.frame_step_s
    return slice(
        round((span.start / RATE + margin_s) / step), round((span.stop / RATE - margin_s) / step)
    )


@pytest.mark.slow
def test_activity_follows_speech_and_voices(
    segmenter: Segmenter, two_voices: tuple[NDArray[np.float32], slice, slice]
) -> None:
    window, a, b = two_voices
    activity = segmenter(window[np.newaxis])[0]
    assert activity.shape == (589, 3)
    assert activity.dtype == np.float32
    speech = activity.max(axis=1)
    in_a, in_b = _frames(a), _frames(b)
    gap = _frames(slice(a.stop, b.start), margin_s=0.25)
    tail = _frames(slice(b.stop, window.size), margin_s=0.25)
    assert speech[in_a].mean() > 0.8
    assert speech[in_b].mean() > 0.8
    assert speech[gap].mean() < 0.2
    assert speech[tail].mean() < 0.2
    speaker_a = int(np.argmax(activity[in_a].mean(axis=0)))
    speaker_b = int(np.argmax(activity[in_b].mean(axis=0)))
    assert speaker_a != speaker_b


@pytest.mark.slow
def test_batch_and_padding(
    segmenter: Segmenter, two_voices: tuple[NDArray[np.float32], slice, slice]
) -> None:
    window, _, _ = two_voices
    single = segmenter(window[np.newaxis])
    batch = segmenter(np.stack([window] * 8))
    assert batch.shape == (8, 589, 3)
    np.testing.assert_allclose(batch, np.repeat(single, 8, axis=0), atol=1e-5)
    short = window[: 6 * RATE]
    padded = np.zeros_like(window)
    padded[: short.size] = short
    np.testing.assert_allclose(
        segmenter(short[np.newaxis]), segmenter(padded[np.newaxis]), atol=1e-6
    )
    log_probs = segmenter.log_powerset(window[np.newaxis])
    np.testing.assert_allclose(np.exp(log_probs).sum(axis=-1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_rejects_bad_shapes(segmenter: Segmenter) -> None:
    with pytest.raises(ValueError, match="longer than a window"):
        segmenter(np.zeros((1, 160001), dtype=np.float32))
    with pytest.raises(ValueError, match="expected chunks of shape"):
        segmenter(np.zeros(16000, dtype=np.float32))


def test_unloadable_model_is_a_model_load_error(tmp_path: Path) -> None:
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"this is not onnx")
    with pytest.raises(ModelLoadError, match=r"cannot load model .*model\.onnx"):
        Segmenter(broken)
    with pytest.raises(ModelLoadError, match="not found"):
        Segmenter(tmp_path / "missing.onnx")


@pytest.mark.slow
def test_wrong_model_file_is_named(showfloor_bundle: Bundle) -> None:
    with pytest.raises(ModelLoadError, match="takes input 'fbank', expected 'waveform'"):
        Segmenter(showfloor_bundle.path(Role.EMBEDDING_CAMPP) / ONNX_MODEL_FILE)
