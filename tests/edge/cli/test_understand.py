"""`showfloor-edge understand`: one JSON reading per stdin line."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.edge.test_cli import EDGE


def test_each_line_gets_sentiment_and_labels(showfloor_bundle_dir: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SHOWFLOOR_")}
    environment["SHOWFLOOR_MODELS__BUNDLE_DIR"] = str(showfloor_bundle_dir)
    result = subprocess.run(
        [EDGE, "understand"],
        input="the price is way too high for me\ncan we take it for a test drive\n\nnice weather\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    readings = [json.loads(line) for line in result.stdout.splitlines()]
    labels = [[hit["label"] for hit in r["labels"]] for r in readings]
    assert [r["text"] for r in readings] == [
        "the price is way too high for me",
        "can we take it for a test drive",
        "nice weather",
    ]
    assert labels == [["price"], ["test_drive"], ["other"]]
    assert readings[0]["sentiment"]["label"] == "negative"
