"""`showfloor-edge transcribe` on audio without speech: an empty result, a warning, exit 0."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.edge.test_cli import edge

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("name", "level_dbfs"), [("silence", None), ("low_noise", -60.0)], ids=["silence", "noise"]
)
def test_no_speech_gives_an_empty_result_and_a_warning(
    name: str, level_dbfs: float | None, tmp_path: Path, showfloor_bundle_dir: Path
) -> None:
    samples = np.zeros(16000 * 5)
    if level_dbfs is not None:
        samples = np.random.default_rng(0).normal(0, 10 ** (level_dbfs / 20), len(samples))
    path = tmp_path / f"{name}.wav"
    sf.write(path, samples.astype(np.float32), 16000)
    result = edge("transcribe", str(path), bundle=showfloor_bundle_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"audio": str(path), "duration": 5.0, "segments": []}
    assert "WARNING" in result.stderr and f"no speech found in {path}" in result.stderr
    assert "Traceback" not in result.stderr
    rttm = edge("transcribe", str(path), "--format", "rttm", bundle=showfloor_bundle_dir)
    assert rttm.returncode == 0 and rttm.stdout == ""
