"""The sentence embedder from the bundle: float by default, int8 on request, old bundles named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from edge.errors import ModelLoadError
from edge.understand.embedder import FLOAT_FILE, INT8_FILE
from edge.understand.models import load_embedder
from edge.understand.settings import UnderstandingSettings
from models.manifest import MANIFEST_NAME, Role

SENTENCES = [
    "That price is way more than I wanted to spend.",
    "Can I take it for a test drive this afternoon?",
    "¿Me puede hacer un mejor precio si pago al contado?",
    "ok",
]


def test_int8_reads_like_the_float_default(showfloor_bundle_dir: Path) -> None:
    assert UnderstandingSettings().embedder_weights == "float"
    int8 = load_embedder(showfloor_bundle_dir, weights="int8")
    float_ = load_embedder(showfloor_bundle_dir)
    a, b = int8(SENTENCES), float_(SENTENCES)
    assert a.shape == b.shape == (4, 384)
    assert np.allclose((a**2).sum(axis=1), 1.0, atol=1e-4)
    assert not np.array_equal(a, b)  # another model indeed
    assert float((a * b).sum(axis=1).min()) > 0.95  # 0.96 on "ok" (least), 0.99 on the others
    # the same neighbours: each sentence is nearest its own float twin
    assert (np.argmax(a @ b.T, axis=1) == np.arange(4)).all()


def _without_int8(bundle: Path, into: Path) -> Path:
    """A copy of `bundle`'s manifest (files linked) whose sentence embedder lacks the int8 file."""
    manifest = json.loads((bundle / MANIFEST_NAME).read_text())
    for artifact in manifest["artifacts"]:
        (into / artifact["directory"]).symlink_to(bundle / artifact["directory"])
        if artifact["role"] == Role.SENTENCE_EMBEDDING.value:
            artifact["files"] = [f for f in artifact["files"] if not f["path"].endswith(INT8_FILE)]
    (into / MANIFEST_NAME).write_text(json.dumps(manifest))
    return into


def test_a_bundle_from_before_int8_names_the_rebuild(
    showfloor_bundle_dir: Path, tmp_path: Path
) -> None:
    old = _without_int8(showfloor_bundle_dir, tmp_path)
    with pytest.raises(ModelLoadError, match=f"no {INT8_FILE}.*showfloor-models build"):
        load_embedder(old, weights="int8")
    assert load_embedder(old)(["ok"]).shape == (1, 384)
    verify = [sys.executable, "-m", "models", "verify", "--complete", "--dir", str(old)]
    result = subprocess.run(verify, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert INT8_FILE in result.stderr


_RSS = """
import sys
from pathlib import Path
def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
import onnxruntime, tokenizers, numpy
from edge.understand.embedder import SentenceEmbedder
before = rss()
embedder = SentenceEmbedder(Path(sys.argv[1]), model_file=sys.argv[2])
embedder(["Can I take it for a test drive?"])
print(rss() - before)
"""


def test_int8_takes_far_less_memory(showfloor_bundle_dir: Path) -> None:
    directory = showfloor_bundle_dir / Role.SENTENCE_EMBEDDING.value
    grown = {
        name: int(
            subprocess.run(
                [sys.executable, "-c", _RSS, str(directory), name],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout
        )
        for name in (FLOAT_FILE, INT8_FILE)
    }
    # KiB resident for loading and one sentence: 130 MiB float, 50 MiB int8 (docs/benchmarks.md);
    # as a ratio, not a difference: under load the kernel keeps fewer of the float's pages
    # resident (113 against 71 MiB in one run of 2026-11-30), while int8's weights stay a
    # quarter of the float's
    assert grown[INT8_FILE] < 0.75 * grown[FLOAT_FILE], grown
