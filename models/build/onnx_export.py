"""Export a torch module to ONNX and run it back with onnxruntime."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from models.errors import BuildError

OPSET = 17


def export(
    module: Any,
    example: NDArray[np.float32],
    path: Path,
    *,
    input_name: str,
    output_name: str,
    dynamic: dict[int, str],
) -> None:
    """Export `module` (TorchScript-based exporter) with named inputs and dynamic axes.

    Raises:
        BuildError: the exporter failed.
    """
    import torch

    axes = {input_name: dynamic, output_name: {0: dynamic[0]}}
    try:
        with warnings.catch_warnings(), torch.inference_mode(False):
            warnings.simplefilter("ignore")  # tracer warnings about Python control flow
            torch.onnx.export(
                module,
                (torch.from_numpy(example),),
                str(path),
                input_names=[input_name],
                output_names=[output_name],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
    except (RuntimeError, ValueError, TypeError) as err:
        raise BuildError(f"exporting {path.name} to ONNX failed: {err}") from err


def run_torch(module: Any, example: NDArray[np.float32]) -> NDArray[np.float32]:
    """Run `module` on `example` without gradients."""
    import torch

    with torch.inference_mode():
        return np.asarray(module(torch.from_numpy(example)).numpy(), dtype=np.float32)


def run_onnx(path: Path, input_name: str, example: NDArray[np.float32]) -> NDArray[np.float32]:
    """Run the exported model on `example` with onnxruntime (one thread)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    (output,) = session.run(None, {input_name: example})
    return np.asarray(output, dtype=np.float32)


def max_abs_diff(a: NDArray[np.float32], b: NDArray[np.float32]) -> float:
    """Largest absolute difference of two arrays of the same shape."""
    if a.shape != b.shape:
        raise BuildError(f"ONNX output shape {a.shape} differs from torch's {b.shape}")
    return float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64))))
