"""Open an ONNX model with onnxruntime on the CPU, turning failures into `ModelLoadError`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from edge.errors import ModelLoadError

if TYPE_CHECKING:
    import onnxruntime


def open_session(
    model_path: Path, *, threads: int, expect_input: str, arena: bool = False
) -> onnxruntime.InferenceSession:
    """Load `model_path` on the CPU with `threads` intra-op threads.

    Args:
        model_path: the `.onnx` file.
        threads: intra-op threads (1 keeps the hub's other stages responsive).
        expect_input: name of the model's first input, to catch a wrong file early.
        arena: keep onnxruntime's CPU memory arena (`no_arena`); off by default.

    Raises:
        ModelLoadError: the file is missing, is not a loadable ONNX model, or is another model.
    """
    import onnxruntime

    if not model_path.is_file():
        raise ModelLoadError(f"model file {model_path} not found")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    if not arena:
        no_arena(options)
    try:
        session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as err:  # onnxruntime raises its own pybind exception types
        raise ModelLoadError(f"cannot load model {model_path}: {err}") from err
    name = session.get_inputs()[0].name
    if name != expect_input:
        raise ModelLoadError(
            f"model {model_path} takes input {name!r}, expected {expect_input!r}: wrong model file"
        )
    return session


def no_arena(options: onnxruntime.SessionOptions) -> None:
    """Turn onnxruntime's CPU arena off: its blocks are plain `malloc`s, freed after each run.

    The arena grows to a run's largest working set and keeps it for the life of the session,
    per session. For the listening models (segmentation, speaker embedding, VAD), which run on
    inputs of a few fixed sizes: 11-15 MiB less peak RSS without it on a 13 s file in every ASR
    configuration (8 MiB more on a 60 s English one), the same CPU (docs/benchmarks.md, "Peak RSS
    with both models"). The sentence embedder keeps it: without it each sentence cost 5-12% more
    CPU, for no memory saved.
    """
    options.enable_cpu_mem_arena = False
