from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from edge.errors import ModelLoadError
from edge.listen.onnx_session import open_session
from edge.listen.segmentation import INPUT_NAME
from edge.listen.vad import SileroVad
from edge.understand.models import load_embedder as load_sentence_embedder
from models.bundle import Bundle
from models.manifest import ONNX_MODEL_FILE, Role


def test_sessions_run_without_the_cpu_arena(showfloor_bundle: Bundle) -> None:
    model = showfloor_bundle.path(Role.SEGMENTATION) / ONNX_MODEL_FILE
    session = open_session(model, threads=1, expect_input=INPUT_NAME)
    assert session.get_session_options().enable_cpu_mem_arena is False
    assert session.get_session_options().intra_op_num_threads == 1


def test_the_vad_runs_without_the_cpu_arena(showfloor_bundle: Bundle) -> None:
    vad = SileroVad(showfloor_bundle.path(Role.VAD) / ONNX_MODEL_FILE)
    assert vad._session.get_session_options().enable_cpu_mem_arena is False
    assert 0.0 <= vad(np.zeros(512, dtype=np.float32)) <= 1.0


def test_another_models_file_is_refused(showfloor_bundle: Bundle) -> None:
    model = showfloor_bundle.path(Role.VAD) / ONNX_MODEL_FILE
    with pytest.raises(ModelLoadError, match="wrong model file"):
        open_session(model, threads=1, expect_input=INPUT_NAME)


def test_a_missing_file_is_a_model_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not found"):
        open_session(tmp_path / "model.onnx", threads=1, expect_input=INPUT_NAME)


def test_the_sentence_embedder_keeps_its_arena(showfloor_bundle_dir: Path) -> None:
    embedder = load_sentence_embedder(showfloor_bundle_dir)
    assert embedder._session.get_session_options().enable_cpu_mem_arena is True
    assert embedder(["how much is the lease"]).shape == (1, 384)
