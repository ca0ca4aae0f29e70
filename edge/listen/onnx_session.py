"""Open an ONNX model with onnxruntime on the CPU, turning failures into `ModelLoadError`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from edge.errors import ModelLoadError

if TYPE_CHECKING:
    import onnxruntime


def open_session(
    model_path: Path, *, threads: int, expect_input: str, own_arena: bool = False
) -> onnxruntime.InferenceSession:
    """Load `model_path` on the CPU with `threads` intra-op threads.

    Args:
        model_path: the `.onnx` file.
        threads: intra-op threads (1 keeps the hub's other stages responsive).
        expect_input: name of the model's first input, to catch a wrong file early.
        own_arena: an onnxruntime CPU arena of the session's own; by default the shared one
            (`shared_arena`).

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
    if not own_arena:
        shared_arena(options)
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


def shared_arena(options: onnxruntime.SessionOptions) -> None:
    """Run the session on the process's one shared CPU arena instead of an arena of its own.

    Each session's own arena grows to its largest run (doubling its blocks) and keeps that for
    the life of the session; the listening models (segmentation, speaker embedding, VAD) run one
    after the other on inputs of a few fixed sizes, so one arena that grows by what is asked
    serves them all. Peak RSS (docs/benchmarks.md, "Peak RSS with both models"): 9-11 MiB less
    in every ASR configuration, the same CPU. No arena at all saved as much on a short file but
    cost 8 MiB on a 60 s one. The sentence embedder keeps an arena of its own
    (`open_session(own_arena=True)`): without one it cost 5-12% more CPU.
    """
    _register_shared_arena()
    options.add_session_config_entry(_USE_SHARED_ARENA, "1")


_USE_SHARED_ARENA = "session.use_env_allocators"
_SAME_AS_REQUESTED = 1  # OrtArenaCfg's arena_extend_strategy: kSameAsRequested, not doubling


@functools.cache
def _register_shared_arena() -> None:
    """Register the process's shared CPU arena with onnxruntime (once)."""
    import onnxruntime

    info = onnxruntime.OrtMemoryInfo(
        "Cpu", onnxruntime.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, onnxruntime.OrtMemType.DEFAULT
    )
    onnxruntime.create_and_register_allocator(
        info, onnxruntime.OrtArenaCfg(0, _SAME_AS_REQUESTED, -1, -1)
    )
