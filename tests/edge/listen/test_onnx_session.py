from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from edge.errors import ModelLoadError
from edge.listen.onnx_session import open_session
from edge.listen.segmentation import INPUT_NAME
from edge.listen.vad import SileroVad
from edge.understand.models import load_embedder as load_sentence_embedder
from models.bundle import Bundle
from models.manifest import ONNX_MODEL_FILE, Role

if TYPE_CHECKING:
    import onnxruntime


def _shares_the_arena(session: onnxruntime.InferenceSession) -> bool:
    options = session.get_session_options()
    try:
        return bool(options.get_session_config_entry("session.use_env_allocators") == "1")
    except RuntimeError:  # onnxruntime's answer for an entry never set
        return False


def test_listening_sessions_share_one_arena_and_run(showfloor_bundle: Bundle) -> None:
    model = showfloor_bundle.path(Role.SEGMENTATION) / ONNX_MODEL_FILE
    first = open_session(model, threads=1, expect_input=INPUT_NAME)
    second = open_session(model, threads=1, expect_input=INPUT_NAME)  # registered once
    assert _shares_the_arena(first) and _shares_the_arena(second)
    assert first.get_session_options().intra_op_num_threads == 1
    window = np.zeros((1, 1, 160000), dtype=np.float32)
    assert np.array_equal(
        first.run(None, {INPUT_NAME: window})[0], second.run(None, {INPUT_NAME: window})[0]
    )


def test_the_vad_shares_the_arena(showfloor_bundle: Bundle) -> None:
    vad = SileroVad(showfloor_bundle.path(Role.VAD) / ONNX_MODEL_FILE)
    assert _shares_the_arena(vad._session)
    assert 0.0 <= vad(np.zeros(512, dtype=np.float32)) <= 1.0


def test_the_vad_refuses_a_missing_file_and_another_models_file(
    tmp_path: Path, showfloor_bundle: Bundle
) -> None:
    with pytest.raises(ModelLoadError, match="not found"):
        SileroVad(tmp_path / "model.onnx")
    with pytest.raises(ModelLoadError, match="wrong model file"):
        SileroVad(showfloor_bundle.path(Role.SEGMENTATION) / ONNX_MODEL_FILE)


def test_another_models_file_is_refused(showfloor_bundle: Bundle) -> None:
    model = showfloor_bundle.path(Role.VAD) / ONNX_MODEL_FILE
    with pytest.raises(ModelLoadError, match="wrong model file"):
        open_session(model, threads=1, expect_input=INPUT_NAME)


def test_a_missing_file_is_a_model_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not found"):
        open_session(tmp_path / "model.onnx", threads=1, expect_input=INPUT_NAME)


def test_the_sentence_embedder_keeps_an_arena_of_its_own(showfloor_bundle_dir: Path) -> None:
    embedder = load_sentence_embedder(showfloor_bundle_dir)
    assert not _shares_the_arena(embedder._session)
    assert embedder._session.get_session_options().enable_cpu_mem_arena is True
    assert embedder(["how much is the lease"]).shape == (1, 384)
