"""Which library multiplies Whisper's matrices (`asr.intel_mkl`), as CTranslate2 reports it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models.bundle import Bundle
from models.manifest import Role

_LOAD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from edge.listen.asr import WhisperTranscriber
    from edge.settings import AsrSettings
    WhisperTranscriber(Path(sys.argv[1]), AsrSettings(intel_mkl=sys.argv[2] == "on"))
    """
)


def _uses_mkl(model_dir: Path, mkl: str) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "CT2_USE_MKL"} | {"CT2_VERBOSE": "1"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[3])
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, str(model_dir), mkl],
        capture_output=True, text=True, check=True, env=env, timeout=120,
    )  # fmt: skip
    assert "Use Intel MKL" in done.stderr, done.stderr
    return "Use Intel MKL: true" in done.stderr


def _intel() -> bool:
    return "GenuineIntel" in Path("/proc/cpuinfo").read_text(encoding="utf-8")


def test_speech_models_use_onednn_by_default_on_every_cpu(showfloor_bundle: Bundle) -> None:
    assert not _uses_mkl(showfloor_bundle.path(Role.ASR_EN), "off")


@pytest.mark.skipif(not _intel(), reason="CTranslate2 uses MKL on Intel CPUs only")
def test_a_site_can_ask_for_mkl_on_intel(showfloor_bundle: Bundle) -> None:
    assert _uses_mkl(showfloor_bundle.path(Role.ASR_EN), "on")
